// The web shell: the same AppShell as the desktop, in a browser canvas through WebGL2. Lessons are
// preloaded into the virtual file system at /lessons. A small test hook (see index.html) lets a
// browser test read the app's state and find widgets by label.
#include <emscripten.h>

#include <cstdio>
#include <memory>
#include <string>

#include "course/lesson_catalog.h"
#include "sdl_gl_runner.h"
#include "ui/app_shell.h"
#include "ui/test_hooks.h"

namespace {

dojo::SdlGlRunner g_runner;
std::unique_ptr<dojo::AppShell> g_shell;
int g_frames = 0;

// Resolves window.dojoTest.ready once a whole frame has been drawn with a settled layout.
EM_JS(void, dojo_notify_ready, (), {
    if (Module.dojoReady) Module.dojoReady();
});

// Shows a start-up failure on the page instead of a blank canvas.
EM_JS(void, dojo_show_fatal, (const char* message), {
    if (Module.dojoFatal) Module.dojoFatal(UTF8ToString(message));
});

void frame() {
    g_runner.poll_events();  // a browser tab has no quit event to honor
    g_runner.begin_frame();
    g_shell->frame();
    g_runner.render();
    g_runner.present();
    if (++g_frames == 2) dojo_notify_ready();
}

}  // namespace

extern "C" {

// JSON of AppShell::test_state(). The pointer is valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* dojo_test_state() {
    static std::string text;
    text = g_shell ? g_shell->test_state().dump() : "null";
    return text.c_str();
}

// JSON {label, x, y, w, h} in CSS pixels for the first widget with this label in the last frame,
// or null.
EMSCRIPTEN_KEEPALIVE const char* dojo_test_widget(const char* label) {
    static std::string text;
    text = dojo::widget_json(label ? label : "").dump();
    return text.c_str();
}

}  // extern "C"

int main() {
    dojo::LessonCatalog catalog = dojo::load_lesson_catalog("/lessons");
    for (const auto& d : catalog.problems) std::printf("%s\n", d.to_string().c_str());
    for (const auto& lesson : catalog.lessons)
        for (const auto& d : lesson.problems) std::printf("%s\n", d.to_string().c_str());

    std::string error;
    if (!g_runner.init({"Compute Dojo", 1280, 800, true}, error)) {
        std::fprintf(stderr, "Compute Dojo could not start: %s\n", error.c_str());
        dojo_show_fatal(error.c_str());
        return 1;
    }
    g_shell = std::make_unique<dojo::AppShell>(std::move(catalog));
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}

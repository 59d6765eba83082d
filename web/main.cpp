// The web shell: the same AppShell as the desktop, in a browser canvas through WebGL2. Lessons are
// preloaded into the virtual file system at /lessons; progress lives in localStorage; each view
// has a URL (#/lesson/<id>, #/tree, #/glossary/<term>, #/review) that back, forward and shared
// links follow. A small test hook (see index.html) reads the state and finds widgets by label.
#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "course/course_loader.h"
#include "local_storage_store.h"
#include "sdl_gl_runner.h"
#include "ui/app_shell.h"
#include "ui/test_hooks.h"
#include "web_platform.h"

namespace {

dojo::SdlGlRunner g_runner;
dojo::LocalStorageStore g_store;
std::unique_ptr<dojo::WebPlatform> g_platform;
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

// The URL's hash when the page opened: a shared deep link wins over where the learner left off.
EM_JS(char*, dojo_initial_hash, (), {
    const h = window.location.hash || "";
    window.addEventListener("hashchange", () => Module.ccall("dojo_navigate", null, ["string"], [window.location.hash || "#/"]));
    // Files dropped onto the page: lab results join the Labs charts, anything else is read as progress.
    window.addEventListener("dragover", (e) => e.preventDefault());
    window.addEventListener("drop", (e) => {
        e.preventDefault();
        for (const file of Array.from((e.dataTransfer && e.dataTransfer.files) || [])) {
            file.text().then((text) => {
                if (text.includes("compute-dojo-results")) Module.ccall("dojo_import_results", null, ["string", "string"], [text, file.name]);
                else Module.ccall("dojo_import", null, ["string"], [text]);
            });
        }
    });
    window.addEventListener("popstate", () => Module.ccall("dojo_navigate", null, ["string"], [window.location.hash || "#/"]));
    const n = lengthBytesUTF8(h) + 1;
    const p = _malloc(n);
    stringToUTF8(h, p, n);
    return p;
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

// The browser's back or forward button, or an edited hash.
EMSCRIPTEN_KEEPALIVE void dojo_navigate(const char* route) {
    if (g_shell && route && route != g_shell->route()) g_shell->navigate(route, true);
}

// A lab results file the learner picked or dropped, and its name.
EMSCRIPTEN_KEEPALIVE void dojo_import_results(const char* text, const char* name) {
    if (g_shell && text) g_shell->import_lab_results(text, name ? name : "");
}

// A progress file the learner picked.
EMSCRIPTEN_KEEPALIVE void dojo_import(const char* text) {
    if (g_shell && text) g_shell->import_progress(text);
}

}  // extern "C"

int main() {
    dojo::Course course = dojo::load_course("/lessons");
    for (const dojo::Diagnostic* d : course.diagnostics()) std::printf("%s\n", d->to_string().c_str());

    std::string error;
    if (!g_runner.init({"Compute Dojo", 1280, 800, true}, error)) {
        std::fprintf(stderr, "Compute Dojo could not start: %s\n", error.c_str());
        dojo_show_fatal(error.c_str());
        return 1;
    }
    char* hash = dojo_initial_hash();
    const std::string initial = hash ? hash : "";
    std::free(hash);
    g_platform = std::make_unique<dojo::WebPlatform>(g_runner);
    g_shell = std::make_unique<dojo::AppShell>(std::move(course), *g_platform, g_store, initial);
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}

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
#include "dom_bridge.h"
#include "local_storage_store.h"
#include "page_loop.h"
#include "sdl_gl_runner.h"
#include "text_input.h"
#include "ui/access_json.h"
#include "ui/access_tree.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/test_hooks.h"
#include "ui/text_layer.h"
#include "web_platform.h"

namespace {

dojo::SdlGlRunner g_runner;
dojo::LocalStorageStore g_store;
std::unique_ptr<dojo::WebPlatform> g_platform;
std::unique_ptr<dojo::AppShell> g_shell;
int g_frames = 0;

// Resolves window.dojoTest.ready once a whole frame has been drawn with a settled layout.
// clang-format off
EM_JS(void, dojo_notify_ready, (), {
    if (Module.dojoReady) Module.dojoReady();
});
// clang-format on

// Shows a start-up failure on the page instead of a blank canvas.
// clang-format off
EM_JS(void, dojo_show_fatal, (const char* message), {
    if (Module.dojoFatal) Module.dojoFatal(UTF8ToString(message));
});
// clang-format on

// The URL's hash when the page opened: a shared deep link wins over where the learner left off.
// clang-format off
EM_JS(char*, dojo_initial_hash, (), {
    const h = window.location.hash || "";
    window.addEventListener("hashchange", () => Module.ccall("dojo_navigate", null, ["string"], [window.location.hash || "#/"]));
    // Files dropped onto the page: on #/class they are the students' files; elsewhere lab results join
    // the Labs charts and anything else is read as progress.
    window.addEventListener("dragover", (e) => e.preventDefault());
    window.addEventListener("drop", (e) => {
        e.preventDefault();
        for (const file of Array.from((e.dataTransfer && e.dataTransfer.files) || [])) {
            file.text().then((text) => {
                if (window.location.hash === "#/class") Module.ccall("dojo_import_class_file", null, ["string", "string"], [text, file.name]);
                else if (text.includes("compute-dojo-results")) Module.ccall("dojo_import_results", null, ["string", "string"], [text, file.name]);
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
// clang-format on

// The page's ?theme=dark|light|projector: that theme for this visit, without touching the saved
// choice (see SettingsView::override_theme). Empty when the address has none.
// clang-format off
EM_JS(char*, dojo_url_theme, (), {
    const t = new URLSearchParams(window.location.search).get("theme") || "";
    const n = lengthBytesUTF8(t) + 1;
    const p = _malloc(n);
    stringToUTF8(t, p, n);
    return p;
});
// clang-format on

// The system's prefers-reduced-motion, now and whenever it changes.
// clang-format off
EM_JS(int, dojo_prefers_reduced_motion, (), {
    if (!window.matchMedia) return 0;
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    if (query.addEventListener) query.addEventListener("change", (e) => Module.ccall("dojo_set_reduced_motion", null, ["number"], [e.matches ? 1 : 0]));
    return query.matches ? 1 : 0;
});
// clang-format on

void frame() {
    dojo::text_input_before_frame();  // the on-screen keyboard's keys, as events poll_events() hands to ImGui
    g_runner.poll_events();           // a browser tab has no quit event to honor
    if (dojo::page_loop::take_wake()) g_runner.note_input();  // a navigation, a file, a worker's message
    g_runner.begin_frame();
    g_shell->frame();
    dojo::publish_text_layer();   // only when the reader's lines changed
    dojo::publish_access_tree();  // only when what a screen reader hears changed
    dojo::publish_announcements();
    dojo::text_input_after_frame();
    g_runner.render();
    g_runner.present();
    if (++g_frames == 2) dojo_notify_ready();
    if (g_frames == 3 && !g_runner.render_error().empty()) dojo_show_fatal(g_runner.render_error().c_str());
    dojo::page_loop::rest(g_runner.frame_wait());  // until input or a view asks for a frame (ui/redraw.h)
}

}  // namespace

extern "C" {

// Frames drawn since the page opened: the tests see the app rest (the count stops) and wake.
EMSCRIPTEN_KEEPALIVE int dojo_test_frames() {
    return static_cast<int>(g_runner.frames_drawn());
}

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

// JSON [{label, x, y, w, h}, ...] in CSS pixels: every labelled widget of the last frame, so a test can
// check that a whole view fits a phone's width.
EMSCRIPTEN_KEEPALIVE const char* dojo_test_widgets() {
    static std::string text;
    text = g_shell ? dojo::test_snapshot(*g_shell)["widgets"].dump() : "[]";
    return text.c_str();
}

// JSON of the last frame's access tree, as the ARIA mirror got it: {focus, nodes}.
EMSCRIPTEN_KEEPALIVE const char* dojo_test_access() {
    static std::string text;
    text = dojo::access_json(dojo::access_tree()).dump();
    return text.c_str();
}

// The text layer was scrolled by the browser's find, `dy` CSS pixels: the view follows.
EMSCRIPTEN_KEEPALIVE void dojo_scroll_by(float dy) {
    dojo::page_loop::wake();
    if (g_shell) g_shell->scroll_by(dy / dojo::ui_scale());
}

// The page's ARIA mirror (access_mirror.js): a screen reader or Tab moved the DOM's focus to a widget's
// element, so ImGui's keyboard focus follows; or the element was activated (a screen reader's click), so
// the widget is pressed. Both by ImGui id, at the start of the next frame.
EMSCRIPTEN_KEEPALIVE void dojo_access_focus(unsigned id) {
    dojo::page_loop::wake();
    dojo::access_tree().request_focus(id);
}

EMSCRIPTEN_KEEPALIVE void dojo_access_activate(unsigned id) {
    dojo::page_loop::wake();
    dojo::access_tree().request_activate(id);
}

// The browser's back or forward button, or an edited hash.
EMSCRIPTEN_KEEPALIVE void dojo_navigate(const char* route) {
    dojo::page_loop::wake();
    if (g_shell && route && route != g_shell->route()) g_shell->navigate(route, true);
}

// A lab results file the learner picked or dropped, and its name.
EMSCRIPTEN_KEEPALIVE void dojo_import_results(const char* text, const char* name) {
    dojo::page_loop::wake();
    if (g_shell && text) g_shell->import_lab_results(text, name ? name : "");
}

// A student's file a teacher picked or dropped for the Class view, and its name.
EMSCRIPTEN_KEEPALIVE void dojo_import_class_file(const char* text, const char* name) {
    dojo::page_loop::wake();
    if (g_shell && text) g_shell->import_class_file(text, name ? name : "");
}

// The system's reduced-motion preference changed while the page was open.
EMSCRIPTEN_KEEPALIVE void dojo_set_reduced_motion(int reduce) {
    dojo::page_loop::wake();
    if (g_shell) g_shell->set_system_reduce_motion(reduce != 0);
}

// The test hook's kernel check (dojoTest.checkExercise): checks `code` for the exercise `id` in WGSL
// on WebGPU, as the Run button does, and hands the verdict's JSON (verdict.h's to_json) to
// Module.dojoTestVerdict, or {"error": ...} when it could not start. Timed only when `time_it`.
EMSCRIPTEN_KEEPALIVE void dojo_test_check_exercise(const char* id, const char* code, int time_it) {
    const dojo::Exercise* exercise = g_shell ? g_shell->course().find_exercise(id ? id : "") : nullptr;
    g_platform->exercise_host().start_for_test(exercise, id ? id : "", code ? code : "", time_it != 0);
}

// A progress file the learner picked.
EMSCRIPTEN_KEEPALIVE void dojo_import(const char* text) {
    dojo::page_loop::wake();
    if (g_shell && text) g_shell->import_progress(text);
}

}  // extern "C"

namespace {

// What the address and the system ask of the look: ?theme= for this visit, and reduced motion.
void apply_page_settings() {
    char* theme = dojo_url_theme();
    const std::string name = theme ? theme : "";
    std::free(theme);
    if (!name.empty() && !g_shell->override_theme(name))
        g_shell->show_notice(
            "This address asks for the theme '" + name + "', which does not exist; dark, light and projector do.", true);
    g_shell->set_system_reduce_motion(dojo_prefers_reduced_motion() != 0);
}

}  // namespace

// "?present=1" asks for presenter mode (a link for the projector). It is taken off the address once
// read, so that leaving the presentation and reloading shows the lesson, as the address then says.
// clang-format off
EM_JS(int, dojo_take_present_param, (), {
    const url = new URL(window.location.href);
    if (url.searchParams.get("present") !== "1") return 0;
    url.searchParams.delete("present");
    window.history.replaceState(window.history.state, "", url.toString());
    return 1;
});
// clang-format on

// With "?present=1", "#/lesson/<id>" opens that lesson in presenter mode.
static std::string apply_present_param(const std::string& hash) {
    const std::string lesson = "#/lesson/";
    if (!dojo_take_present_param() || hash.rfind(lesson, 0) != 0) return hash;
    return "#/present/" + hash.substr(lesson.size());
}

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
    const std::string initial = apply_present_param(hash ? hash : "");
    std::free(hash);
    g_platform = std::make_unique<dojo::WebPlatform>(g_runner);
    g_shell = std::make_unique<dojo::AppShell>(std::move(course), *g_platform, g_store, initial);
    apply_page_settings();
    dojo::text_layer().enable();   // index.html lays the reader's lines over the canvas
    dojo::access_tree().enable();  // and mirrors the access tree into ARIA elements (access_mirror.js)
    dojo::page_loop::run(frame);
    return 0;
}

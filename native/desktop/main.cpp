// dojo-desktop: the lessons in a native window (SDL2 + OpenGL 3). Lessons are read from disk at
// start, so editing or adding one needs no rebuild; progress is kept in the user's data folder
// and the app reopens where the learner left off.
//
//   dojo-desktop [--lessons DIR] [--data-dir DIR] [--size WxH] [--route ROUTE]
//                [--frames N] [--screenshot FILE.png] [--state FILE.json] [--script FILE]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "course/course_loader.h"
#include "desktop_platform.h"
#include "sdl_gl_runner.h"
#include "storage/file_text_store.h"
#include "ui/app_shell.h"
#include "ui/redraw.h"
#include "ui_script.h"

namespace fs = std::filesystem;

namespace {

// --lessons, then $DOJO_LESSONS_DIR, then lessons/ beside the binary, then the source tree's.
fs::path find_lessons_dir(const std::string& flag, const char* argv0) {
    if (!flag.empty()) return flag;
    if (const char* env = std::getenv("DOJO_LESSONS_DIR"); env && *env) return env;
    std::error_code ec;
    const fs::path beside = fs::weakly_canonical(fs::path(argv0), ec).parent_path() / "lessons";
    if (!ec && fs::is_directory(beside, ec)) return beside;
    return DOJO_SOURCE_LESSONS_DIR;
}

bool parse_size(const std::string& text, int& w, int& h) {
    return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 8192 && h <= 8192;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Compute Dojo desktop app: lessons about AI hardware", "dojo-desktop"};
    app.set_version_flag("--version", std::string("dojo-desktop ") + DOJO_VERSION);
    std::string lessons_flag, data_dir, size = "1280x800", route, screenshot, state_file, script_file;
    int frames = 0;
    app.add_option("--lessons", lessons_flag, "Folder of lesson files (default: the course's lessons/)");
    app.add_option("--data-dir", data_dir, "Where progress is kept (default: $XDG_DATA_HOME/compute-dojo)");
    app.add_option("--size", size, "Window size in logical pixels, WxH")->capture_default_str();
    app.add_option("--route", route, "Open this view first, e.g. #/tree or #/lesson/cpu-vs-gpu");
    app.add_option("--screenshot", screenshot, "Save the window as a PNG after --frames frames (or the script), then quit");
    app.add_option("--state", state_file, "Save the app state and on-screen widgets as JSON when quitting (for tests)");
    app.add_option("--script", script_file, "Run a UI script (see native/desktop/ui_script.h), then quit");
    app.add_option("--frames", frames, "Quit after this many frames (0: run until closed)")->check(CLI::NonNegativeNumber);
    CLI11_PARSE(app, argc, argv);

    int width = 0, height = 0;
    if (!parse_size(size, width, height)) {
        std::fprintf(stderr, "dojo-desktop: error: --size '%s' must look like 1280x800 (320x240 to 8192x8192)\n", size.c_str());
        return 2;
    }
    dojo::UiScript script;
    std::string error;
    if (!script_file.empty() && !script.load(script_file, error)) {
        std::fprintf(stderr, "dojo-desktop: error: %s\n", error.c_str());
        return 2;
    }
    if ((!screenshot.empty() || !state_file.empty()) && frames == 0 && script_file.empty()) frames = 3;

    const fs::path lessons_dir = find_lessons_dir(lessons_flag, argv[0]);
    dojo::Course course = dojo::load_course(lessons_dir);
    for (const dojo::Diagnostic* d : course.diagnostics()) std::fprintf(stderr, "%s\n", d->to_string().c_str());

    dojo::SdlGlRunner runner;
    const bool scripted = frames > 0 || !script_file.empty();
    if (!runner.init({"Compute Dojo", width, height, !scripted}, error)) {
        std::fprintf(stderr, "dojo-desktop: error: %s\n", error.c_str());
        return 1;
    }
    dojo::FileTextStore store(data_dir.empty() ? dojo::FileTextStore::default_dir() : fs::path(data_dir));
    dojo::DesktopPlatform platform(runner, lessons_dir, dojo::DesktopPlatform::default_export_dir());
    dojo::AppShell shell(std::move(course), platform, store, route);
    runner.on_file_dropped = [&shell](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            shell.show_notice("Could not read " + path + ".", true);
            return;
        }
        // On the Class view the files are a class's; elsewhere lab results (dojo bench --json, dojo lab
        // --json, the Labs view's export) go to the Labs view.
        const std::string content = text.str();
        if (shell.class_view_open())
            shell.import_class_file(content, fs::path(path).filename().string());
        else if (content.find("\"compute-dojo-results\"") != std::string::npos)
            shell.import_lab_results(content, fs::path(path).filename().string());
        else
            shell.import_progress(content);
    };

    int status = 0;
    for (int frame = 1; runner.poll_events(); ++frame) {
        runner.begin_frame();
        shell.frame();
        // A scripted run (tests, screenshots) draws frame after frame, except where its script rests.
        if (frames > 0 || (!script_file.empty() && !script.resting())) dojo::redraw::request_frame();
        runner.render();
        if (!runner.render_error().empty()) {
            std::fprintf(stderr, "dojo-desktop: error: %s\n", runner.render_error().c_str());
            status = 1;
            break;
        }
        platform.after_render([&shell](const std::string& text, bool failed) { shell.show_notice(text, failed); });
        if (!script_file.empty() && !script.step(shell, runner)) {
            std::fprintf(stderr, "dojo-desktop: script error: %s\n", script.error().c_str());
            status = 3;
        }
        const bool finished = status != 0 || (frames > 0 && frame >= frames) || (!script_file.empty() && script.done());
        if (finished) {
            if (!screenshot.empty() && !dojo::write_screenshot(runner, screenshot, error)) {
                std::fprintf(stderr, "dojo-desktop: error: %s\n", error.c_str());
                status = status ? status : 1;
            } else if (!screenshot.empty()) {
                std::printf("saved screenshot to %s\n", screenshot.c_str());
            }
            if (!state_file.empty() && !dojo::write_state(shell, state_file, error)) {
                std::fprintf(stderr, "dojo-desktop: error: %s\n", error.c_str());
                status = status ? status : 1;
            }
            break;
        }
        runner.present();
        runner.wait_for_events(runner.frame_wait());  // the app rests until input or a view asks for a frame
    }
    runner.shutdown();
    return status;
}

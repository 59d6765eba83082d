// dojo-desktop: the lessons in a native window (SDL2 + OpenGL 3). Lessons are read from disk at
// start, so editing or adding one needs no rebuild.
//
//   dojo-desktop [--lessons DIR] [--size WxH] [--frames N [--screenshot FILE.png] [--state FILE.json]]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <stb/stb_image_write.h>

#include "course/lesson_catalog.h"
#include "sdl_gl_runner.h"
#include "ui/app_shell.h"
#include "ui/test_hooks.h"

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
    std::string lessons_flag, size = "1280x800", screenshot, state_file;
    int frames = 0;
    app.add_option("--lessons", lessons_flag, "Folder of lesson files (default: the course's lessons/)");
    app.add_option("--size", size, "Window size in logical pixels, WxH")->capture_default_str();
    app.add_option("--screenshot", screenshot, "Save the window as a PNG after --frames frames, then quit");
    app.add_option("--state", state_file, "Save the app state and on-screen widgets as JSON after --frames frames (for tests)");
    app.add_option("--frames", frames, "Quit after this many frames (0: run until closed)")->check(CLI::NonNegativeNumber);
    CLI11_PARSE(app, argc, argv);

    int width = 0, height = 0;
    if (!parse_size(size, width, height)) {
        std::fprintf(stderr, "dojo-desktop: error: --size '%s' must look like 1280x800 (320x240 to 8192x8192)\n", size.c_str());
        return 2;
    }
    if ((!screenshot.empty() || !state_file.empty()) && frames == 0) frames = 3;

    const fs::path lessons_dir = find_lessons_dir(lessons_flag, argv[0]);
    dojo::LessonCatalog catalog = dojo::load_lesson_catalog(lessons_dir);
    for (const auto& d : catalog.problems) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    for (const auto& lesson : catalog.lessons)
        for (const auto& d : lesson.problems) std::fprintf(stderr, "%s\n", d.to_string().c_str());

    dojo::SdlGlRunner runner;
    std::string error;
    if (!runner.init({"Compute Dojo", width, height, frames == 0}, error)) {
        std::fprintf(stderr, "dojo-desktop: error: %s\n", error.c_str());
        return 1;
    }
    dojo::AppShell shell(std::move(catalog));

    int status = 0;
    for (int frame = 1; runner.poll_events(); ++frame) {
        runner.begin_frame();
        shell.frame();
        runner.render();
        if (frames > 0 && frame >= frames) {
            if (!screenshot.empty()) {
                std::vector<unsigned char> rgba;
                int w = 0, h = 0;
                if (!runner.read_pixels(rgba, w, h) || !stbi_write_png(screenshot.c_str(), w, h, 4, rgba.data(), w * 4)) {
                    std::fprintf(stderr, "dojo-desktop: error: could not save the screenshot to %s\n", screenshot.c_str());
                    status = 1;
                } else {
                    std::printf("saved %dx%d screenshot to %s\n", w, h, screenshot.c_str());
                }
            }
            if (!state_file.empty()) {
                std::ofstream out(state_file);
                out << dojo::test_snapshot(shell).dump(2) << "\n";
                if (!out) {
                    std::fprintf(stderr, "dojo-desktop: error: could not write the state to %s\n", state_file.c_str());
                    status = 1;
                }
            }
            break;
        }
        runner.present();
    }
    runner.shutdown();
    return status;
}

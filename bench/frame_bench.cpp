// Frame benchmarks: the CPU cost of one full frame of the app (ImGui::NewFrame, AppShell::frame,
// ImGui::Render, so ImGui's draw-list building is included; no GPU), headless at 1280x800, for
// every screen: home, each lesson, the skill tree (real course and a 100-lesson one), glossary,
// FAQ, review and search. Scrollable screens are swept in half-screen steps before registration,
// and are measured both at the top and at the scroll position whose frame cost most.
#include <benchmark/benchmark.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "course/course_loader.h"
#include "progress/progress_keeper.h"
#include "synthetic_course.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/platform.h"

namespace dojo::bench {

namespace {

constexpr float kDisplayW = 1280, kDisplayH = 800;
constexpr int kWarmupFrames = 10;  // layout caches, window sizes and the tree's fit settle in a few frames

void draw_frame(AppShell& shell) {
    ImGui::NewFrame();
    shell.frame();
    ImGui::Render();
}

ImGuiWindow* main_window() {
    return ImGui::FindWindowByName("##main");
}

// Scrolls the main view to `y` (applied by the next frames' Begin) and lets it settle.
void settle(AppShell& shell, float y) {
    for (int i = 0; i < kWarmupFrames; ++i) draw_frame(shell);
    if (ImGuiWindow* w = main_window(); w && y > 0) {
        ImGui::SetScrollY(w, y);
        for (int i = 0; i < kWarmupFrames; ++i) draw_frame(shell);
    }
}

struct Screen {
    std::string name;
    const Course* course = nullptr;
    std::string route;
};

// One app per benchmark run, warmed up and scrolled, outside the timed loop.
void run_screen(benchmark::State& state, Screen screen, float scroll_y) {
    NullPlatform platform;
    MemoryTextStore store;
    AppShell shell(*screen.course, platform, store, screen.route);
    if (shell.route() != screen.route) {
        state.SkipWithError(("route " + screen.route + " did not open (got " + shell.route() + ")").c_str());
        return;
    }
    settle(shell, scroll_y);
    for (auto _ : state) draw_frame(shell);
    const ImDrawData* dd = ImGui::GetDrawData();
    state.counters["scroll_y"] = main_window() ? main_window()->Scroll.y : 0;
    state.counters["vertices"] = dd ? dd->TotalVtxCount : 0;
}

// Sweeps the screen from top to bottom in half-screen steps; returns the scroll position whose frame
// is the most expensive (the least of 20 timed frames at each, which shrugs off noise).
float busiest_scroll(const Screen& screen) {
    NullPlatform platform;
    MemoryTextStore store;
    AppShell shell(*screen.course, platform, store, screen.route);
    settle(shell, 0);
    ImGuiWindow* w = main_window();
    if (!w || w->ScrollMax.y <= 0) return 0;
    const float max = w->ScrollMax.y, step = w->Size.y * 0.5f;
    float best_y = 0;
    double best = 0;
    for (float y = 0;; y = std::min(y + step, max)) {
        ImGui::SetScrollY(w, y);
        for (int i = 0; i < 3; ++i) draw_frame(shell);
        double least = 1e9;
        for (int i = 0; i < 20; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            draw_frame(shell);
            least = std::min(least, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        if (least > best) best = least, best_y = y;
        if (y >= max) break;
    }
    return best_y;
}

void add(const Screen& screen) {
    benchmark::RegisterBenchmark(screen.name.c_str(), run_screen, screen, 0.0f)->Unit(benchmark::kMicrosecond);
    if (const float y = busiest_scroll(screen); y > 0) {
        benchmark::RegisterBenchmark((screen.name + "@busiest").c_str(), run_screen, screen, y)->Unit(benchmark::kMicrosecond);
    }
}

}  // namespace

void init_headless_imgui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {kDisplayW, kDisplayH};
    io.DeltaTime = 1.0f / 60.0f;
    build_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // NewFrame needs a built atlas
}

void register_frame_benchmarks() {
    static Course real, synthetic;
    try {
        real = real_course();
        synthetic = load_course(synthetic_course_dir(100));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "frame benchmarks not registered: %s\n", e.what());
        return;
    }
    add({"frame/home", &real, "#/"});
    add({"frame/home/100_lessons", &synthetic, "#/"});
    for (const Lesson& l : real.lessons) add({"frame/lesson/" + l.id, &real, "#/lesson/" + l.id});
    add({"frame/tree", &real, "#/tree"});
    add({"frame/tree/100_lessons", &synthetic, "#/tree"});
    add({"frame/glossary", &real, "#/glossary"});
    add({"frame/faq", &real, "#/faq"});
    add({"frame/review", &real, "#/review"});
    add({"frame/search", &real, "#/search"});
}

}  // namespace dojo::bench

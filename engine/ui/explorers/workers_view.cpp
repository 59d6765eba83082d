// The "workers" explorer: a few strong CPU cores against thousands of simple GPU cores filling the
// same matrix-multiply grid, animated in slow motion, with the time each takes (workers_model.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "explorers/training_time.h"
#include "explorers/workers_model.h"
#include "labs/quantity_format.h"
#include "ui/access_tree.h"
#include "ui/explorers/explorer_widgets.h"
#include "ui/explorers_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

using explorer_ui::fit_width;
using explorer_ui::fmt;
using explorer_ui::row_label;
using explorer_ui::with_commas;

// The slower side of the race takes this long on screen; both grids share the same clock, so the
// faster one visibly finishes first.
constexpr double kAnimationSeconds = 8.0;
constexpr int kMaxTiles = 32;  // grid blocks drawn per side; each stands for up to (n/32)^2 cells

// Seconds as a short time with the unit that fits (1.2 µs, 35 ms, 4.1 s).
std::string short_time(double s) {
    return human_duration(s);
}

// Two blocks side by side, both starting at the same height (or one under the other when
// narrow); the cursor ends below the taller one.
template <typename Left, typename Right>
void two_columns(bool side_by_side, float column, float gap, float fs, Left left, Right right) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    left();
    ImGui::EndGroup();
    if (!side_by_side) {
        ImGui::Dummy({0, fs * 0.5f});
        ImGui::BeginGroup();
        right();
        ImGui::EndGroup();
        return;
    }
    const float left_bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos({start.x + column + gap, start.y});
    ImGui::BeginGroup();
    right();
    ImGui::EndGroup();
    const float bottom = std::max(left_bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos({start.x, bottom});
    ImGui::Dummy({0, 0});
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32({x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1.0f});
}

class WorkersExplorer : public Explorer {
public:
    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            const double v = std::atof(value.c_str());
            if (key == "cpu_cores") cpu_.cores = std::clamp(static_cast<int>(v), 1, 256);
            if (key == "gpu_cores") gpu_.cores = std::clamp(static_cast<int>(v), 1, 32768);
            if (key == "cpu_clock") cpu_.clock_ghz = std::clamp(v, 0.5, 6.0);
            if (key == "gpu_clock") gpu_.clock_ghz = std::clamp(v, 0.5, 6.0);
            if (key == "size") n_ = std::clamp(static_cast<int>(v), 1, 8192);
        }
        restart();
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("explore-workers");
        const float fs = ImGui::GetFontSize();
        const WorkersRun cpu = run_workers(cpu_, n_), gpu = run_workers(gpu_, n_);
        advance(cpu, gpu);

        draw_controls(width, fs);
        ImGui::Dummy({0, fs * 0.4f});
        draw_playback(cpu, gpu, fs);
        ImGui::Dummy({0, fs * 0.4f});

        const double t = model_time(cpu, gpu);
        const float gap = fs * 1.5f;
        const bool side_by_side = width >= fs * 26;
        const float column = side_by_side ? (width - gap) / 2 : width;
        two_columns(
            side_by_side, column, gap, fs, [&] { draw_side("CPU", cpu_, cpu, t, column, theme::kNote, "workers:cpu-grid"); },
            [&] { draw_side("GPU", gpu_, gpu, t, column, theme::kAccent, "workers:gpu-grid"); });

        ImGui::Dummy({0, fs * 0.4f});
        draw_verdict(cpu, gpu, width);
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        const WorkersRun cpu = run_workers(cpu_, n_), gpu = run_workers(gpu_, n_);
        auto side = [](const WorkerPool& p, const WorkersRun& r) {
            nlohmann::json j = {{"cores", p.cores},
                                {"clock_ghz", p.clock_ghz},
                                {"fmas_per_cycle", p.fmas_per_cycle},
                                {"ok", r.ok},
                                {"error", r.error},
                                {"seconds", r.seconds},
                                {"ideal_seconds", r.ideal_seconds},
                                {"busy", r.busy_fraction},
                                {"peak_flops", r.peak_flops}};
            return j;
        };
        const double t = model_time(cpu, gpu);
        return {{"size", n_},
                {"flops", cpu.flops},
                {"cpu", side(cpu_, cpu)},
                {"gpu", side(gpu_, gpu)},
                {"gpu_speedup", cpu.ok && gpu.ok ? cpu.seconds / gpu.seconds : 0.0},
                {"playing", playing_},
                {"animation_seconds", animation_t_},
                {"cpu_cells_done", cells_done(cpu, t)},
                {"gpu_cells_done", cells_done(gpu, t)}};
    }

    void set_reduce_motion(bool reduce) override {
        // Only an untouched race waits: one the learner is watching keeps going.
        if (reduce && !reduce_motion_ && animation_t_ == 0) playing_ = false;
        reduce_motion_ = reduce;
    }

private:
    void restart() {
        animation_t_ = 0;
        playing_ = !reduce_motion_;  // with reduced motion the race waits for Play
    }

    // The race runs in slow motion: kAnimationSeconds on screen for the slower side.
    double slowest(const WorkersRun& cpu, const WorkersRun& gpu) const {
        return std::max(cpu.ok ? cpu.seconds : 0.0, gpu.ok ? gpu.seconds : 0.0);
    }
    double model_time(const WorkersRun& cpu, const WorkersRun& gpu) const {
        const double s = slowest(cpu, gpu);
        return s > 0 ? animation_t_ / kAnimationSeconds * s : 0.0;
    }

    void advance(const WorkersRun& cpu, const WorkersRun& gpu) {
        if (!playing_) return;
        redraw::request_frame();  // the race moves until it ends or is paused
        animation_t_ += std::clamp(static_cast<double>(ImGui::GetIO().DeltaTime), 0.0, 0.1);
        if (animation_t_ >= kAnimationSeconds || slowest(cpu, gpu) <= 0) {
            animation_t_ = std::min(animation_t_, kAnimationSeconds);
            playing_ = false;
        }
    }

    void draw_controls(float width, float fs) {
        const float gap = fs * 1.5f;
        const bool wide = width >= fs * 34;
        const float column = wide ? (width - gap) / 2 : width;
        const float label_w = std::min(column * 0.5f, ImGui::CalcTextSize("Multiply-adds / cycle").x + fs);
        const float slider_w = column - label_w;
        bool changed = false;
        auto pool_controls = [&](const char* heading, WorkerPool& pool, int max_cores, const char* id, bool lanes) {
            const float x0 = ImGui::GetCursorScreenPos().x;
            ImGui::PushFont(fonts().strong);
            ImGui::TextUnformatted(heading);
            ImGui::PopFont();
            ImGui::PushID(id);
            row_label("Cores", x0, label_w);
            ImGui::SetNextItemWidth(slider_w);
            changed |= ImGui::SliderInt("##cores", &pool.cores, 1, max_cores, "%d", ImGuiSliderFlags_Logarithmic);
            describe_last_slider(pool.cores, 1, max_cores, "%d cores", "Cores");
            row_label("Clock", x0, label_w);
            ImGui::SetNextItemWidth(slider_w);
            changed |= ImGui::SliderScalar("##clock", ImGuiDataType_Double, &pool.clock_ghz, &kClockMin, &kClockMax, "%.1f GHz");
            describe_last_slider(pool.clock_ghz, kClockMin, kClockMax, "%.1f GHz", "Clock");
            row_label("Multiply-adds / cycle", x0, label_w);
            if (lanes) {
                ImGui::SetNextItemWidth(slider_w);
                changed |= ImGui::SliderInt("##lanes", &pool.fmas_per_cycle, 1, 64, "%d per core");
                describe_last_slider(pool.fmas_per_cycle, 1, 64, "%d per core", "Multiply-adds per cycle");
            } else {
                ImGui::TextUnformatted("1 per core");
            }
            ImGui::PopID();
        };
        dojo::two_columns(
            wide, column, gap, fs, [&] { pool_controls("CPU: a few strong cores", cpu_, 256, "cpu", true); },
            [&] { pool_controls("GPU: thousands of simple cores", gpu_, 32768, "gpu", false); });

        ImGui::Dummy({0, fs * 0.2f});
        const float x0 = ImGui::GetCursorScreenPos().x;
        row_label("Matrix size n", x0, label_w);
        ImGui::SetNextItemWidth(slider_w);
        changed |= ImGui::SliderInt("##size", &n_, 8, 8192, "%d", ImGuiSliderFlags_Logarithmic);
        describe_last_slider(n_, 8, 8192, "%d", "Matrix size n");
        if (n_ < 1) n_ = 1;
        if (changed) restart();
    }

    void draw_playback(const WorkersRun& cpu, const WorkersRun& gpu, float fs) {
        const bool finished = !playing_ && animation_t_ >= kAnimationSeconds;
        if (playing_) {
            if (ImGui::Button((std::string(icon::kPause) + "  Pause##workers").c_str())) playing_ = false;
        } else if (!finished) {
            if (ImGui::Button((std::string(icon::kPlay) + "  Play##workers").c_str())) playing_ = true;
        } else {
            ImGui::BeginDisabled();
            ImGui::Button((std::string(icon::kPlay) + "  Play##workers").c_str());
            ImGui::EndDisabled();
        }
        ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kRefresh) + "  Restart##workers").c_str())) restart();
        ImGui::SameLine(0, fs);
        const double s = slowest(cpu, gpu);
        if (s > 0) {
            ImGui::AlignTextToFramePadding();
            text_colored(theme::kTextDim, ("Slow motion: " + fmt("%.0f", kAnimationSeconds) + " seconds on screen are " +
                                           short_time(s) + " of real time.")
                                              .c_str());
        }
    }

    void draw_side(const char* name, const WorkerPool& pool, const WorkersRun& run, double t, float width, ImU32 color,
                   const char* registry_label) {
        const float fs = ImGui::GetFontSize();
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted(name);
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::TextUnformatted((with_commas(pool.cores) + (pool.cores == 1 ? " core" : " cores") + " \xc3\x97 " +
                                std::to_string(pool.fmas_per_cycle) + " \xc3\x97 " + fmt("%.1f", pool.clock_ghz) + " GHz")
                                   .c_str());
        ImGui::PopStyleColor();
        if (!run.ok) {
            text_colored(theme::kDanger, run.error.c_str());
            return;
        }
        const float side = std::min(width, fs * 18);
        const ImVec2 a = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const int tiles = static_cast<int>(std::min<long long>(kMaxTiles, run.n));
        const std::vector<double> progress = tile_progress(run, t, tiles);
        const float cell = side / static_cast<float>(tiles);
        const float inset = cell > 6 ? 1.0f : 0.0f;
        dl->AddRectFilled(a, {a.x + side, a.y + side}, theme::kCodeBackground, 4);
        for (int i = 0; i < tiles; ++i)
            for (int j = 0; j < tiles; ++j) {
                const float f = static_cast<float>(progress[static_cast<std::size_t>(i) * tiles + j]);
                const ImVec2 p{a.x + j * cell + inset, a.y + i * cell + inset};
                const ImVec2 q{a.x + (j + 1) * cell - inset, a.y + (i + 1) * cell - inset};
                dl->AddRectFilled(p, q, f >= 1 ? color : mix(theme::kSurfaceHover, color, f * 0.6f));
            }
        dl->AddRect(a, {a.x + side, a.y + side}, theme::kBorder, 4);
        ImGui::Dummy({side, side});
        widget_registry().record(registry_label, a.x, a.y, side, side);

        const long long done = cells_done(run, t);
        const bool over = done >= run.cells;
        ImGui::PushStyleColor(ImGuiCol_Text, over ? color : theme::kText);
        ImGui::TextUnformatted(("Takes " + short_time(run.seconds) + (over ? "  \xe2\x80\x94  done" : "")).c_str());
        ImGui::PopStyleColor();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
        text_colored(theme::kTextDim, (with_commas(done) + " of " + with_commas(run.cells) + " output cells finished. " +
                                       fmt("%.0f", run.busy_fraction * 100) + "% of the cores' time is used; peak " +
                                       (run.peak_flops >= 1e12 ? format_significant(run.peak_flops / 1e12) + " TFLOP/s."
                                                               : format_significant(run.peak_flops / 1e9) + " GFLOP/s."))
                                          .c_str());
        ImGui::PopTextWrapPos();
    }

    void draw_verdict(const WorkersRun& cpu, const WorkersRun& gpu, float width) {
        if (!cpu.ok || !gpu.ok) return;
        std::string s = "Multiplying two " + std::to_string(n_) + " \xc3\x97 " + std::to_string(n_) + " matrices takes " +
                        with_commas(static_cast<long long>(cpu.multiply_adds)) + " multiply-adds (" + with_commas(cpu.cells) +
                        " output cells, " + std::to_string(n_) + " each). ";
        const double ratio = cpu.seconds / gpu.seconds;
        if (ratio >= 1.05)
            s += "The GPU finishes " + fmt(ratio < 10 ? "%.1f" : "%.0f", ratio) + " times sooner.";
        else if (ratio <= 1 / 1.05)
            s += "The CPU finishes " + fmt(1 / ratio < 10 ? "%.1f" : "%.0f", 1 / ratio) + " times sooner.";
        else
            s += "They finish at about the same time.";
        if (gpu.busy_fraction < 0.5)
            s += " Most GPU cores sit idle: there are fewer cells than cores, or the last wave is mostly empty.";
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextWrapped("%s", s.c_str());
        text_colored(theme::kTextDim,
                     "A simplified model: every number is assumed to be at hand, so memory is ignored (the roofline "
                     "explorer adds it), and so are caches, start-up costs and clock boosts. Each core finishes one "
                     "output cell at a time.");
        ImGui::PopTextWrapPos();
    }

    static constexpr double kClockMin = 0.5, kClockMax = 6.0;
    // Defaults: an 8-core desktop CPU with AVX2 (2 FMA units x 8 FP32 lanes) against a mid-range GPU.
    WorkerPool cpu_{8, 4.0, 16};
    WorkerPool gpu_{8192, 1.8, 1};
    int n_ = 256;
    double animation_t_ = 0;  // seconds of the slow-motion race shown so far
    bool playing_ = true;
    bool reduce_motion_ = false;
};

}  // namespace

std::unique_ptr<Explorer> make_workers_explorer() {
    return std::make_unique<WorkersExplorer>();
}

}  // namespace dojo

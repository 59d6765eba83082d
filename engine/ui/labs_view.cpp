// The Labs view. Settings and runs go through the platform's LabHost; results come from this
// session's runs, else the learner's saved report, plus any results files dropped for comparison.
#include "ui/labs_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "labs/lab_catalog.h"
#include "ui/chart.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024, kGiB = 1024 * kMiB;

struct Choice {
    const char* label;
    std::uint64_t bytes;
};
const Choice kVramLimits[] = {
    {"To the wall (no limit)", 0}, {"256 MiB", 256 * kMiB}, {"1 GiB", kGiB}, {"4 GiB", 4 * kGiB}, {"16 GiB", 16 * kGiB}};
const Choice kTransferMax[] = {
    {"Automatic (up to 1 GiB)", 0}, {"16 MiB", 16 * kMiB}, {"64 MiB", 64 * kMiB}, {"256 MiB", 256 * kMiB}, {"1 GiB", kGiB}};

std::string fmt(const char* format, double v) {
    char b[64];
    std::snprintf(b, sizeof b, format, v);
    return b;
}

bool needs_gpu_backend(const std::string& lab) {
    return lab == "transfer" || lab == "crossover" || lab == "vram";
}

std::vector<int> size_presets(const std::string& lab) {
    if (lab == "crossover") return {32, 64, 128, 256, 512, 1024, 2048, 4096};
    if (lab == "roofline") return {64, 128, 256, 512, 1024, 2048};
    if (lab == "precision") return {256, 512, 1024, 2048};
    if (lab == "matmul") return {128, 256, 512, 1024, 2048, 4096};
    return {};
}

std::set<int> default_sizes(const std::string& lab) {
    if (lab == "matmul") return {256, 512};
    if (lab == "precision") return {512};
    return {};  // the lab's own default range
}

const char* default_sizes_text(const std::string& lab) {
    if (lab == "crossover") return "None picked: n = 32 to 4096, doubling.";
    if (lab == "roofline") return "None picked: 64, 256 and 1024.";
    if (lab == "matmul") return "None picked: 512.";
    if (lab == "precision") return "None picked: 1024.";
    return "";
}

bool usable_for(const std::string& lab, const LabBackendInfo& b) {
    if (!b.available) return false;
    if (lab == "transfer") return b.transfers;
    if (lab == "vram") return b.memory;
    if (lab == "crossover") return b.name != "cpu";
    if (lab == "roofline") return b.peaks;
    return true;
}

std::string why_unusable(const std::string& lab, const LabBackendInfo& b) {
    if (!b.available) return b.why_not;
    if (lab == "crossover" && b.name == "cpu") return "the crossover lab compares the CPU with a GPU";
    if (lab == "transfer") return "its memory is the host's: there is no transfer to measure";
    if (lab == "vram") return "it has no device memory of its own";
    if (lab == "roofline") return "it cannot measure its peaks";
    return "";
}

// Starts a row of toggle buttons wrapping within `width`.
struct Flow {
    float left, width, used = 0;
    explicit Flow(float w) : left(ImGui::GetCursorPosX()), width(w) {}
    void next(float item_w) {
        if (used > 0 && used + item_w > width) {
            used = 0;
        } else if (used > 0) {
            ImGui::SameLine(0, 6);
        }
        used += item_w + 6;
    }
};

bool toggle(const std::string& label, bool on, float width_hint = 0) {
    ImGui::PushStyleColor(ImGuiCol_Button, on ? theme::tint(theme::kAccent, 0.45f) : theme::kSurfaceHover);
    ImGui::PushStyleColor(ImGuiCol_Text, on ? theme::kText : theme::kTextDim);
    const bool clicked = ImGui::Button(label.c_str(), {width_hint, 0});
    ImGui::PopStyleColor(2);
    return clicked;
}

float button_width(const std::string& label) {
    const auto hidden = label.find("##");
    const std::string visible = hidden == std::string::npos ? label : label.substr(0, hidden);
    return ImGui::CalcTextSize(visible.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
}

std::string machine_name(const LabReport& r) {
    if (!r.machine.host.empty()) return r.machine.host;
    if (!r.machine.cpu.empty()) return r.machine.cpu;
    return r.device.empty() ? "another machine" : r.device;
}

const char* dtype_bytes_text(const std::string& dtype, int n, std::string& out) {
    const double per = dtype == "fp16" || dtype == "bf16" ? 2 : 4;
    out = chart::format_bytes(per * n * n);
    return out.c_str();
}

void small_heading(const char* text) {
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

}  // namespace

std::string lab_id_of(const LabReport& report) {
    return report.lab == "bench" ? "matmul" : report.lab;
}

double baseline_gflops(const std::vector<BenchResult>& runs, int n, Baseline baseline) {
    double best = 0;
    for (const auto& r : runs) {
        if (r.backend != "cpu" || !r.passed || r.n != n || r.m != n || r.k != n) continue;
        if (baseline == Baseline::NaiveCpu && r.kernel == "naive") return r.gflops;
        if (baseline == Baseline::BestCpu) best = std::max(best, r.gflops);
    }
    return best;
}

void LabsView::select(const std::string& lab_id) {
    if (find_lab(lab_id)) selected_ = lab_id;
}

void LabsView::apply_params(const std::map<std::string, std::string>& params) {
    if (ExplorersView::handles(selected_)) {
        explorer_params_ = params;
        return;
    }
    for (const auto& [key, value] : params) {
        if (key == "size") {
            const int n = std::atoi(value.c_str());
            if (n > 0) sizes_[selected_] = {n};
        } else if (key == "backend") {
            backend_[selected_] = value;
        } else if (key == "kernel" && backend_.count(selected_)) {
            // Only that kernel, of the backend the block names (its list comes with the host).
            if (LabHost* host = platform_.labs())
                for (const auto& b : host->backends())
                    if (b.name == backend_[selected_] && value != "all") {
                        auto& off = off_[b.name];
                        off.clear();
                        for (const auto& k : b.kernels)
                            if (k.name != value) off.insert(k.name);
                    }
        }
    }
}

void LabsView::poll(LabsViewEvents& events) {
    if (!running_) return;  // (asking for the host before the Labs view needs it would start its worker)
    // The progress bar moves at 15 frames a second: smooth to the eye, and the page's main thread
    // leaves the cores to the measurement (in the browser a worker's message also wakes it at once).
    redraw::request_frame_in(1.0 / 15.0);
    LabHost* host = platform_.labs();
    if (!host) return;
    LabReport report;
    if (!host->take_report(report)) return;
    running_ = false;
    auto& list = session_[running_lab_];
    list.erase(std::remove_if(list.begin(), list.end(), [&](const LabReport& r) { return r.backend == report.backend; }),
               list.end());
    list.push_back(report);
    if (events.finished) events.finished(running_lab_, report);
}

std::vector<LabsView::Source> LabsView::sources_for(const std::string& lab, const std::map<std::string, std::string>& stored) {
    std::vector<Source> out;
    auto label_of = [](const LabReport& r) {
        std::string s = "This machine: " + r.backend;
        if (!r.device.empty() && r.backend != "crossover") s += " (" + r.device + ")";
        return s;
    };
    if (auto it = session_.find(lab); it != session_.end() && !it->second.empty()) {
        for (const auto& r : it->second) out.push_back({r, label_of(r), true});
    } else if (auto st = stored.find(lab); st != stored.end()) {
        auto& cache = stored_cache_[lab];
        if (cache.first != st->second) {
            cache.first = st->second;
            const LabReportParse parsed = parse_lab_reports(st->second);
            cache.second = parsed.ok ? parsed.reports : std::vector<LabReport>{};
        }
        for (const auto& r : cache.second) out.push_back({r, label_of(r) + ", saved", true});
    }
    for (const auto& c : comparisons_)
        if (lab_id_of(c.report) == lab) out.push_back(c);
    return out;
}

// ---- Drawing -------------------------------------------------------------------------------------

void LabsView::draw(float width, const std::map<std::string, std::string>& stored, LabsViewEvents& events) {
    chart_seen_ = false;
    if (!focused_) {
        ImGui::PushFont(fonts().title);
        ImGui::Text("%s  Labs", icon::kFlask);
        ImGui::PopFont();
        text_colored(
            theme::kTextDim,
            "Measure this machine: how fast each matrix-multiply kernel runs on the CPU and the GPU, how fast data crosses to "
            "the GPU, when the GPU pays off, how much memory it really has, and where kernels sit under the roofline.");
        ImGui::Dummy({0, 4});
        draw_picker(width);
        ImGui::Dummy({0, 6});
    }
    if (ExplorersView::handles(selected_)) {
        if (const LabInfo* lab = find_lab(selected_)) {
            small_heading(lab->title.c_str());
            ImGui::TextWrapped("Shows %s. Computed from the numbers you choose; nothing is measured.", lab->measures.c_str());
            ImGui::Dummy({0, 4});
        }
        if (explorers_) explorers_->draw(selected_, width, explorer_params_);
        return;
    }

    LabHost* host = platform_.labs();
    host_ = host;
    const LabInfo* info = find_lab(selected_);
    if (!host || (!platform_.runs_native_labs() && info && (info->needs & kNeedsNative))) {
        draw_no_host(width, stored);
        return;
    }
    if (selected_ == "device-check") {
        draw_device_check(width);
        return;
    }
    const std::vector<Source> sources = sources_for(selected_, stored);
    // With results on screen, the settings fold into one line so the chart is in view.
    draw_settings(width, *host, events,
                  (!sources.empty() || (running_ && running_lab_ == selected_)) && !settings_open_.count(selected_));
    if (running_) draw_running(width, *host);
    ImGui::Dummy({0, 8});
    if (sources.empty()) {
        text_colored(theme::kTextDim, running_ ? "Results appear here when the run ends."
                                               : "No results yet for this lab on this machine. Pick the settings above and run it.");
        draw_compare_hint();
        return;
    }
    draw_results(width, sources, events);
    ImGui::Dummy({0, 6});
    draw_compare_hint();

    // A picture of the chart: first scrolled fully into view (the window's pixels are what is saved).
    if (!png_name_.empty() && chart_seen_) {
        const float top = ImGui::GetWindowPos().y + 8, bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - 8;
        if ((chart_min_.y >= top && chart_max_.y <= bottom) || png_frames_ >= 3) {
            if (events.notice) events.notice(platform_.export_png(png_name_, chart_min_, chart_max_), false);
            png_name_.clear();
        } else {
            ImGui::SetScrollY(ImGui::GetScrollY() + chart_min_.y - top);
            ++png_frames_;
        }
    }
}

// Two rows: the labs that measure this machine, then the explorers that compute from numbers you pick.
void LabsView::draw_picker(float width) {
    for (const bool explorers : {false, true}) {
        Flow flow(width);
        const char* group = explorers ? "Explore" : "Measure";
        flow.next(ImGui::CalcTextSize(group).x + 8);
        ImGui::AlignTextToFramePadding();
        text_colored(theme::kTextDim, group);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", explorers ? "Computed from the numbers you pick: nothing is measured."
                                              : "Measured on this machine.");
        for (const LabInfo& lab : lab_catalog()) {
            if (ExplorersView::handles(lab.id) != explorers) continue;
            const std::string label =
                (lab.id == "device-check" ? std::string(icon::kDesktop) + "  This machine" : lab.title) + "##lab-" + lab.id;
            // On a phone a long title gives way to its short name (before the colon), and never runs off screen.
            std::string shown = label;
            if (button_width(shown) > flow.width && lab.title.find(':') != std::string::npos)
                shown = lab.title.substr(0, lab.title.find(':')) + "##lab-" + lab.id;
            const float shown_w = std::min(button_width(shown), flow.width);
            flow.next(shown_w);
            if (toggle(shown, selected_ == lab.id, shown_w)) selected_ = lab.id;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %s.", explorers ? "Shows" : "Measures", lab.measures.c_str());
        }
    }
}

void LabsView::draw_no_host(float width, const std::map<std::string, std::string>& stored) {
    const LabInfo* lab = find_lab(selected_);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    begin_card(width);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    const bool some_here = platform_.labs() != nullptr;  // the browser runs some labs, not this one
    ImGui::Text("%s  %s", icon::kDesktop, some_here ? "This lab runs in the desktop app" : "The labs run in the desktop app");
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", some_here
                                 ? "A browser cannot reach this part of the machine: run the Compute Dojo desktop app, or on a "
                                   "server with no screen, the dojo command-line tool. The matrix-multiply and crossover labs "
                                   "run here in the browser."
                                 : "Measuring needs the machine itself: run the Compute Dojo desktop app, or on a server with no "
                                   "screen, the dojo command-line tool.");
    if (lab) {
        ImGui::Dummy({0, 4});
        small_heading(lab->title.c_str());
        ImGui::TextWrapped("Measures %s.", lab->measures.c_str());
        ImGui::PushFont(fonts().mono);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
        ImGui::TextUnformatted(lab->cli.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    end_card(theme::kSurface, theme::kHighlight);
    widget_registry().record("labs:desktop-app", at.x, at.y, width, ImGui::GetItemRectMax().y - at.y);
    // Results saved earlier (an imported progress file) still show.
    const std::vector<Source> sources = sources_for(selected_, stored);
    if (!sources.empty()) {
        ImGui::Dummy({0, 8});
        LabsViewEvents none;
        draw_results(width, sources, none);
    }
}

void LabsView::draw_device_check(float width) {
    begin_card(width);
    small_heading("This machine's hardware");
    const HardwareReport* report = platform_.hardware_report();
    if (!report) {
        text_colored(theme::kTextDim, "Checking this machine's CPU, CUDA and Vulkan devices\xe2\x80\xa6");
        redraw::request_frame();  // the report appears as soon as the worker has it
        end_card(theme::kSurface, theme::kAccent);
        return;
    }
    const CpuInfo& cpu = report->cpu;
    std::string simd;
    for (const auto& s : cpu.simd) simd += (simd.empty() ? "" : ", ") + s;
    ImGui::TextWrapped("CPU: %s (%s), %d cores, %d threads%s%s", cpu.model.c_str(), cpu.architecture.c_str(), cpu.physical_cores,
                       cpu.logical_threads, simd.empty() ? "" : "; SIMD: ", simd.c_str());
    if (cpu.memory_total_bytes)
        ImGui::TextWrapped("Memory: %s (%s available)", chart::format_bytes(static_cast<double>(cpu.memory_total_bytes)).c_str(),
                           chart::format_bytes(static_cast<double>(cpu.memory_available_bytes)).c_str());
    for (const auto& d : report->cuda.devices)
        ImGui::TextWrapped("CUDA %d: %s, compute capability %s, %d SMs, %s%s", d.index, d.name.c_str(),
                           d.compute_capability().c_str(), d.sm_count,
                           chart::format_bytes(static_cast<double>(d.total_memory_bytes)).c_str(),
                           d.proof.passed ? ", proof passed" : ", proof failed");
    for (const auto& d : report->vulkan.devices)
        ImGui::TextWrapped("Vulkan: %s (%s, %s)%s", d.name.c_str(), d.type.c_str(), d.driver_name.c_str(),
                           d.proof.passed ? ", proof passed" : ", proof failed");
    ImGui::Dummy({0, 4});
    for (const auto& line : verdict(*report)) {
        const bool yes = line.find(": yes") != std::string::npos;
        ImGui::PushStyleColor(ImGuiCol_Text, yes ? theme::kSuccess : theme::kTextDim);
        ImGui::TextWrapped("%s  %s", yes ? icon::kCheck : icon::kTimes, line.c_str());
        ImGui::PopStyleColor();
    }
    if (!report->cuda.available && !report->cuda.advice.empty())
        text_colored(theme::kTextDim, ("CUDA: " + report->cuda.advice).c_str());
    if (!report->vulkan.available && !report->vulkan.advice.empty())
        text_colored(theme::kTextDim, ("Vulkan: " + report->vulkan.advice).c_str());
    end_card(theme::kSurface, theme::kAccent);
}

void LabsView::draw_settings(float width, LabHost& host, LabsViewEvents& events, bool compact) {
    const LabInfo* lab = find_lab(selected_);
    if (!lab) return;
    const std::vector<LabBackendInfo>& backends = host.backends();
    const bool ready = std::any_of(backends.begin(), backends.end(), [](const LabBackendInfo& b) { return b.available; });

    // The chosen backend: kept, or the first usable one (a GPU first for GPU labs).
    std::string& chosen = backend_[selected_];
    const LabBackendInfo* current = nullptr;
    for (const auto& b : backends)
        if (b.name == chosen && usable_for(selected_, b)) current = &b;
    if (!current) {
        const bool gpu_first = selected_ != "matmul";
        for (int pass = 0; pass < 2 && !current; ++pass)
            for (const auto& b : backends)
                if (!current && usable_for(selected_, b) && (pass == 1 || !gpu_first || b.name != "cpu")) current = &b;
        if (current) chosen = current->name;
    }

    if (!sizes_.count(selected_)) sizes_[selected_] = default_sizes(selected_);
    // Devices opened, none can run this lab: say so plainly, with each backend's reason (e.g. which
    // browsers have WebGPU), before the settings.
    const bool nothing_usable = ready && !current && !backends.empty();
    if (nothing_usable) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        begin_card(width);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
        ImGui::Text("%s  No device here can run this lab", icon::kInfoCircle);
        ImGui::PopStyleColor();
        for (const auto& b : backends)  // the CPU is the other side of a GPU lab, not a missing device
            if (!usable_for(selected_, b) && !(needs_gpu_backend(selected_) && b.name == "cpu"))
                ImGui::TextWrapped("%s: %s", b.name.c_str(), why_unusable(selected_, b).c_str());
        end_card(theme::kSurface, theme::kHighlight);
        widget_registry().record("labs:no-backend", at.x, at.y, width, ImGui::GetItemRectMax().y - at.y);
        ImGui::Dummy({0, 6});
    }
    bool run = false;
    if (compact) {
        begin_card(width, 12);
        std::string summary = "Next run: " + (current ? current->name : std::string("no backend"));
        if (selected_ == "matmul" && current) {
            int on = 0;
            for (const auto& k : current->kernels) on += !off_[current->name].count(k.name);
            summary += ", " + std::to_string(on) + " of " + std::to_string(current->kernels.size()) + " kernels";
        }
        if (!sizes_[selected_].empty()) {
            std::string list;
            for (int n : sizes_[selected_]) list += (list.empty() ? "" : ", ") + std::to_string(n);
            summary += ", n = " + list;
        }
        summary += ", " + std::to_string(repetitions_) + " repetitions";
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(summary.c_str());
        ImGui::SameLine();
        ImGui::BeginDisabled(!ready || !current || running_);
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.5f));
        run = ImGui::Button((std::string(icon::kPlay) + "  Run the lab").c_str());
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Settings##open")) settings_open_.insert(selected_);
        if (!error_.empty()) text_colored(theme::kDanger, error_.c_str());
        end_card(theme::kSurface, theme::kAccent);
    } else {
        begin_card(width);
        ImGui::PushFont(fonts().subheading);
        ImGui::TextWrapped("%s", lab->title.c_str());
        ImGui::PopFont();
        text_colored(theme::kTextDim, ("Measures " + lab->measures + ". Without a screen: " + lab->cli).c_str());
        ImGui::Dummy({0, 4});
        const float inner = width - 40;
        const float label_w = ImGui::CalcTextSize("Repetitions").x + 24;
        const float card_left = ImGui::GetCursorPosX();  // inner is measured from here

        auto row_label = [&](const char* text) {
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
            ImGui::TextUnformatted(text);
            ImGui::PopStyleColor();
            ImGui::SameLine(label_w + ImGui::GetStyle().WindowPadding.x);
        };

        // Backends: the unavailable ones greyed, with why.
        row_label(selected_ == "crossover" ? "GPU" : "Backend");
        ImGui::BeginGroup();
        if (!ready) {
            text_colored(theme::kTextDim, "Opening the devices\xe2\x80\xa6");
            redraw::request_frame();  // the backends appear as soon as the worker has opened them
        }
        std::string why_lines;
        for (const auto& b : backends) {
            const bool usable = usable_for(selected_, b);
            ImGui::BeginDisabled(!usable || running_);
            if (ImGui::RadioButton((b.name + "##backend").c_str(), usable && chosen == b.name)) chosen = b.name;
            ImGui::EndDisabled();
            if (!b.device.empty()) {
                ImGui::SameLine();
                ImGui::PushStyleColor(ImGuiCol_Text, usable ? theme::kText : theme::kTextDim);
                ImGui::TextUnformatted(b.device.c_str());
                ImGui::PopStyleColor();
            }
            if (!usable && (b.available || !b.why_not.empty())) {
                ImGui::SameLine();
                // Too little room beside the name (a phone): the reason goes on its own line rather than off screen.
                if (card_left + inner - ImGui::GetCursorPosX() < 160) ImGui::NewLine();
                ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(80.0f, card_left + inner - ImGui::GetCursorPosX()));
                ImGui::TextWrapped("%s", nothing_usable && b.name != "cpu" ? "not available (see above)" : why_unusable(selected_, b).c_str());
                ImGui::PopTextWrapPos();
                ImGui::PopStyleColor();
            }
        }
        if (current && !current->note.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - label_w);
            ImGui::TextWrapped("%s  %s", icon::kInfoCircle, current->note.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
        ImGui::EndGroup();

        // Kernels (matmul).
        if (selected_ == "matmul" && current) {
            row_label("Kernels");
            ImGui::BeginGroup();
            auto& off = off_[current->name];
            const float group_w = inner - label_w;
            Flow flow(group_w);
            for (const auto& k : current->kernels) {
                const std::string label = k.name + "##kernel";
                flow.next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(k.name.c_str()).x +
                          8);
                bool on = !off.count(k.name);
                ImGui::BeginDisabled(running_);
                if (ImGui::Checkbox(label.c_str(), &on)) {
                    if (on)
                        off.erase(k.name);
                    else
                        off.insert(k.name);
                }
                ImGui::EndDisabled();
                if (ImGui::IsItemHovered() && !k.teaches.empty()) {
                    ImGui::SetNextWindowSize({std::min(460.0f, width), 0});
                    ImGui::BeginTooltip();
                    ImGui::TextWrapped("%s (%s): %s", k.name.c_str(), dtype_name(k.dtype), k.teaches.c_str());
                    ImGui::EndTooltip();
                }
            }
            if (ImGui::SmallButton("All##kernels")) off.clear();
            ImGui::SameLine();
            if (ImGui::SmallButton("None##kernels"))
                for (const auto& k : current->kernels) off.insert(k.name);
            ImGui::EndGroup();
        }

        // Sizes.
        const std::vector<int> presets = size_presets(selected_);
        if (!presets.empty()) {
            auto& sizes = sizes_[selected_];
            const bool single = selected_ == "precision";
            row_label(single ? "Size (n)" : "Sizes (n)");
            ImGui::BeginGroup();
            Flow flow(inner - label_w);
            ImGui::BeginDisabled(running_);
            for (int n : presets) {
                const std::string label = std::to_string(n) + "##size";
                flow.next(button_width(label));
                if (toggle(label, sizes.count(n) > 0)) {
                    if (single) {
                        sizes = {n};
                    } else if (!sizes.erase(n)) {
                        sizes.insert(n);
                    }
                }
            }
            ImGui::EndDisabled();
            if (sizes.empty()) text_colored(theme::kTextDim, default_sizes_text(selected_));
            ImGui::EndGroup();
        }

        row_label("Repetitions");
        ImGui::SetNextItemWidth(std::min(220.0f, inner - label_w));
        ImGui::BeginDisabled(running_);
        ImGui::SliderInt("##repetitions", &repetitions_, 1, 20, "%d");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::TextUnformatted("timed runs after one warm-up; the median is kept");
        ImGui::PopStyleColor();
        auto choice_row = [&](const char* label, const Choice* choices, int count, int& index, const char* id) {
            row_label(label);
            ImGui::BeginGroup();
            Flow flow(inner - label_w);
            for (int i = 0; i < count; ++i) {
                const std::string text = std::string(choices[i].label) + "##" + id;
                flow.next(button_width(text));
                if (toggle(text, index == i)) index = i;
            }
            ImGui::EndGroup();
        };
        if (selected_ == "vram")
            choice_row("Stop at", kVramLimits, static_cast<int>(std::size(kVramLimits)), vram_limit_, "vram-limit");
        if (selected_ == "transfer")
            choice_row("Largest", kTransferMax, static_cast<int>(std::size(kTransferMax)), transfer_max_, "transfer-max");
        ImGui::EndDisabled();

        ImGui::Dummy({0, 4});
        const bool can_run = ready && current && !running_;
        ImGui::BeginDisabled(!can_run);
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.5f));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {18, 9});
        run = ImGui::Button((std::string(icon::kPlay) + "  Run the lab").c_str());
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        if (settings_open_.count(selected_)) {
            ImGui::SameLine();
            if (ImGui::Button("Fold the settings")) settings_open_.erase(selected_);
        }
        if (!current && ready) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            text_colored(theme::kTextDim, needs_gpu_backend(selected_)
                                              ? "This lab needs a CUDA or Vulkan GPU, and none is available here."
                                              : "No backend can run this lab here.");
        }
        if (!error_.empty()) text_colored(theme::kDanger, error_.c_str());
        end_card(theme::kSurface, theme::kAccent);
    }

    if (run && current) {
        LabRequest request;
        request.lab = selected_;
        request.backend = current->name;
        request.options.repetitions = repetitions_;
        if (sizes_.count(selected_)) request.options.sizes.assign(sizes_[selected_].begin(), sizes_[selected_].end());
        if (selected_ == "matmul") {
            for (const auto& k : current->kernels)
                if (!off_[current->name].count(k.name)) request.options.kernels.push_back(k.name);
            if (request.options.kernels.empty()) {
                error_ = "Pick at least one kernel.";
                return;
            }
        }
        if (selected_ == "vram") request.options.limit_bytes = kVramLimits[vram_limit_].bytes;
        if (selected_ == "transfer") request.options.max_bytes = kTransferMax[transfer_max_].bytes;
        std::string error;
        if (host.start(request, error)) {
            settings_open_.erase(selected_);
            running_ = true;
            running_lab_ = selected_;
            error_.clear();
        } else {
            error_ = error;
            if (events.notice) events.notice(error, true);
        }
    }
}

void LabsView::draw_running(float width, LabHost& host) {
    const LabStatus s = host.status();
    ImGui::Dummy({0, 4});
    begin_card(width, 14);
    const LabInfo* lab = find_lab(running_lab_);
    ImGui::PushFont(fonts().strong);
    ImGui::Text("%s  Running: %s", icon::kClock, lab ? lab->title.c_str() : running_lab_.c_str());
    ImGui::PopFont();
    const float fraction = s.total > 0 ? static_cast<float>(s.done) / static_cast<float>(s.total) : 0.0f;
    const std::string overlay = s.total > 0 ? std::to_string(s.done) + " of " + std::to_string(s.total) : "starting";
    const float cancel_w = button_width(std::string(icon::kTimes) + "  Cancel") + 12;
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, theme::kAccent);
    ImGui::ProgressBar(fraction, {width - 40 - cancel_w, 0}, overlay.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button((std::string(icon::kTimes) + "  Cancel").c_str())) host.cancel();
    text_colored(theme::kTextDim, s.what.empty() ? "Measuring\xe2\x80\xa6" : ("Measuring " + s.what).c_str());
    end_card(theme::kSurface, theme::kHighlight);
}

void LabsView::note_chart_rect() {
    const ImVec2 a = chart::last_chart_min(), b = chart::last_chart_max();
    if (!chart_seen_) {
        chart_min_ = a, chart_max_ = b;
        chart_seen_ = true;
    } else {
        chart_min_ = {std::min(chart_min_.x, a.x), std::min(chart_min_.y, a.y)};
        chart_max_ = {std::max(chart_max_.x, b.x), std::max(chart_max_.y, b.y)};
    }
}

// How to bring another machine's results (a desktop's, a cloud GPU's `dojo bench --json`) into these charts.
void LabsView::draw_compare_hint() {
    if (platform_.picks_results_files()) {
        if (ImGui::Button((std::string(icon::kExchange) + "  Compare with a results file\xe2\x80\xa6").c_str()))
            platform_.request_results_file();
        ImGui::SameLine();
    }
    ImGui::AlignTextToFramePadding();
    text_colored(theme::kTextDim, platform_.results_hint().c_str());
}

void LabsView::draw_results(float width, const std::vector<Source>& sources, LabsViewEvents& events) {
    const LabReport* latest = nullptr;
    for (const auto& s : sources)
        if (s.mine) latest = &s.report;
    ImGui::PushFont(fonts().heading);
    ImGui::TextUnformatted("Results");
    ImGui::PopFont();
    for (const auto& s : sources) {
        std::string line = std::string(s.mine ? icon::kDesktop : icon::kExchange) + "  " + s.label;
        if (!s.report.created.empty()) line += "  \xc2\xb7  " + s.report.created;
        if (s.report.cancelled) line += "  \xc2\xb7  cancelled: partial results";
        text_colored(s.mine ? theme::kText : theme::kTextDim, line.c_str());
        if (s.mine) {
            const std::string headline = lab_headline(s.report);
            if (!headline.empty()) text_colored(theme::kTextDim, headline.c_str());
        }
    }
    ImGui::Dummy({0, 4});
    const std::string& lab = selected_;
    if (lab == "matmul")
        chart_matmul(width, sources);
    else if (lab == "transfer")
        chart_transfer(width, sources);
    else if (lab == "crossover")
        chart_crossover(width, sources);
    else if (lab == "vram")
        draw_vram(width, sources);
    else if (lab == "precision")
        chart_precision(width, sources);
    else if (lab == "roofline")
        chart_roofline(width, sources);
    if (lab == "matmul" || lab == "precision" || lab == "roofline") table_matmul(width, sources);

    // Notes of each run, in words.
    for (const auto& s : sources)
        for (const auto& n : s.report.notes) text_colored(theme::kTextDim, (std::string(icon::kInfoCircle) + "  " + n).c_str());

    // Export and compare.
    ImGui::Dummy({0, 4});
    if (latest && events.notice) {
        std::string base = "compute-dojo-" + lab + "-" + latest->backend;
        std::vector<const LabReport*> mine;
        for (const auto& s : sources)
            if (s.mine) mine.push_back(&s.report);
        if (ImGui::Button((std::string(icon::kDownload) + "  JSON").c_str())) {
            std::string text;
            if (mine.size() == 1) {
                text = lab_report_to_json(*mine.front()) + "\n";
            } else {
                nlohmann::json all = nlohmann::json::array();
                for (const LabReport* r : mine) all.push_back(to_json(*r));
                text = all.dump(2) + "\n";
            }
            events.notice(platform_.export_file(base + ".json", text), false);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The results as JSON: open them in the desktop app on another machine to compare");
        ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kDownload) + "  CSV").c_str())) {
            std::string text;
            for (const LabReport* r : mine) text += (text.empty() ? "" : "\n") + lab_report_to_csv(*r);
            events.notice(platform_.export_file(base + ".csv", text), false);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("One row per measurement, for a spreadsheet");
        ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kDownload) + "  PNG").c_str()) && chart_seen_) {
            png_name_ = base + ".png";
            png_frames_ = 0;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("A picture of the chart");
    }
    if (!comparisons_.empty()) {
        if (latest) ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kTrash) + "  Remove compared results").c_str())) comparisons_.clear();
    }
    text_colored(theme::kTextDim,
                 "To compare, drop a results file (from dojo bench --json, dojo lab ... --json or the JSON button on "
                 "another machine) onto this window.");
}

// ---- Matmul --------------------------------------------------------------------------------------

void LabsView::chart_matmul(float width, const std::vector<Source>& sources) {
    // Sizes measured; the chart shows one at a time.
    std::set<int> sizes;
    for (const auto& s : sources)
        for (const auto& r : s.report.matmul) sizes.insert(r.n);
    if (sizes.empty()) return;
    if (!sizes.count(chart_size_)) chart_size_ = *sizes.rbegin();
    if (sizes.size() > 1) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Chart at n =");
        for (int n : sizes) {
            ImGui::SameLine(0, 6);
            if (toggle(std::to_string(n) + "##chart-size", chart_size_ == n)) chart_size_ = n;
        }
        ImGui::SameLine(0, 24);
    }

    // One category per backend and kernel; one series per machine (this machine's runs merged).
    std::vector<std::string> categories;
    std::vector<std::string> series_keys;
    std::vector<chart::Series> series;
    auto series_of = [&](const Source& s) -> chart::Series& {
        const std::string key = s.mine ? "mine" : machine_name(s.report);
        for (std::size_t i = 0; i < series_keys.size(); ++i)
            if (series_keys[i] == key) return series[i];
        series_keys.push_back(key);
        chart::Series se;
        const MachineInfo& m = s.report.machine;
        se.name = s.mine ? "This machine"
                         : key + (!m.gpu.empty()   ? " (" + m.gpu + ")"
                                  : !m.cpu.empty() ? " (" + m.cpu + ")"
                                                   : "");
        se.color = chart::series_color(static_cast<int>(series.size()));
        se.dashed = !s.mine;
        series.push_back(se);
        return series.back();
    };
    for (const auto& s : sources) series_of(s);
    for (const auto& s : sources)
        for (const auto& r : s.report.matmul) {
            if (r.n != chart_size_ || !r.passed) continue;
            const std::string cat = r.backend + " \xc2\xb7 " + r.kernel + (r.dtype != "fp32" ? " (" + r.dtype + ")" : "");
            auto it = std::find(categories.begin(), categories.end(), cat);
            std::size_t c = static_cast<std::size_t>(it - categories.begin());
            if (it == categories.end()) categories.push_back(cat);
            chart::Series& se = series_of(s);
            if (se.y.size() <= c) se.y.resize(c + 1, std::numeric_limits<double>::quiet_NaN());
            se.y[c] = r.gflops;
        }
    for (auto& se : series) se.y.resize(categories.size(), std::numeric_limits<double>::quiet_NaN());
    chart::ChartSpec spec;
    spec.title = "GFLOP/s per kernel at " + std::to_string(chart_size_) + " x " + std::to_string(chart_size_) + " x " +
                 std::to_string(chart_size_);
    spec.x_label = "GFLOP/s (billions of floating-point operations per second, higher is faster)";
    double lo = 0, hi = 0;
    for (const auto& se : series)
        for (double v : se.y)
            if (std::isfinite(v) && v > 0) lo = lo == 0 ? v : std::min(lo, v), hi = std::max(hi, v);
    bool log = log_x_ < 0 ? lo > 0 && hi / lo > 100 : log_x_ == 1;
    if (ImGui::Checkbox("Log scale##matmul", &log)) log_x_ = log ? 1 : 0;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A log scale shows the slow kernels' bars when the fast ones are 100x ahead");
    spec.log_x = log;
    spec.value_suffix = " GFLOP/s";
    chart::bar_chart("chart:matmul", spec, categories, series, {width, 0});
    note_chart_rect();
}

void LabsView::table_matmul(float width, const std::vector<Source>& sources) {
    bool any = false;
    for (const auto& s : sources) any |= !s.report.matmul.empty();
    if (!any) return;
    const bool compare = std::any_of(sources.begin(), sources.end(), [](const Source& s) { return !s.mine; });
    const bool precision = selected_ == "precision", roofline = selected_ == "roofline";
    ImGui::Dummy({0, 4});
    if (!precision && !roofline) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Speedup against");
        ImGui::SameLine();
        if (ImGui::RadioButton("the naive CPU kernel", baseline_ == Baseline::NaiveCpu)) baseline_ = Baseline::NaiveCpu;
        ImGui::SameLine();
        if (ImGui::RadioButton("the best CPU kernel", baseline_ == Baseline::BestCpu)) baseline_ = Baseline::BestCpu;
    }
    std::vector<const char*> heads = {"Kernel", "Size", "Median", "GFLOP/s"};
    if (precision) heads.push_back("Bytes per matrix");
    if (roofline) heads.push_back("Flops per byte");
    if (!precision && !roofline) heads.push_back(baseline_ == Baseline::NaiveCpu ? "x naive CPU" : "x best CPU");
    heads.push_back("Error");
    heads.push_back("Check");
    if (compare) heads.insert(heads.begin(), "Machine");
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 6});
    if (ImGui::BeginTable("##matmul-table", static_cast<int>(heads.size()),
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH |
                              ImGuiTableFlags_SizingStretchProp,
                          {width, 0})) {
        for (const char* h : heads)
            ImGui::TableSetupColumn(h, std::string(h) == "Kernel" ? ImGuiTableColumnFlags_WidthStretch : 0,
                                    std::string(h) == "Kernel" ? 2.2f : 1.0f);
        ImGui::TableHeadersRow();
        for (const auto& s : sources) {
            for (const auto& r : s.report.matmul) {
                ImGui::TableNextRow();
                int col = 0;
                auto cell = [&](const std::string& text, ImU32 color = 0) {
                    ImGui::TableSetColumnIndex(col++);
                    if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
                    ImGui::TextUnformatted(text.c_str());
                    if (color) ImGui::PopStyleColor();
                };
                if (compare) cell(s.mine ? "this one" : machine_name(s.report), s.mine ? 0 : theme::kTextDim);
                cell(r.backend + " \xc2\xb7 " + r.kernel + (r.dtype != "fp32" ? " (" + r.dtype + ")" : ""));
                cell(r.m == r.n && r.n == r.k ? std::to_string(r.n)
                                              : std::to_string(r.m) + "x" + std::to_string(r.n) + "x" + std::to_string(r.k));
                cell(r.passed ? chart::format_ms(r.median_ms) : "\xe2\x80\x94");
                cell(r.passed ? fmt("%.1f", r.gflops) : "\xe2\x80\x94");
                if (precision) {
                    std::string b;
                    cell(dtype_bytes_text(r.dtype, r.n, b));
                }
                if (roofline) cell(fmt("%.1f", matmul_intensity(r.m, r.n, r.k)));
                if (!precision && !roofline) {
                    std::vector<BenchResult> same_machine;
                    for (const auto& o : sources)
                        if (o.mine == s.mine && machine_name(o.report) == machine_name(s.report))
                            same_machine.insert(same_machine.end(), o.report.matmul.begin(), o.report.matmul.end());
                    const double base = baseline_gflops(same_machine, r.n, baseline_);
                    cell(base > 0 && r.passed ? fmt("%.1fx", r.gflops / base) : "\xe2\x80\x94");
                }
                cell(r.error.empty() ? fmt("%.1e", r.max_rel_error) : "\xe2\x80\x94");  // a run that never ran has no error
                if (r.passed) {
                    cell(std::string(icon::kCheck) + " pass", theme::kSuccess);
                } else {
                    // The first clause fits the column ("size refused before allocating"); the whole
                    // sentence, with what would fit, is the tooltip and the headline above the chart.
                    const std::string shown = r.error.empty() ? "fail" : r.error.substr(0, r.error.find(':'));
                    cell(std::string(icon::kTimes) + " " + shown, theme::kDanger);
                    if (!r.error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.error.c_str());
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    if (!precision && !roofline) {
        bool any_cpu = false;
        for (const auto& s : sources)
            for (const auto& r : s.report.matmul) any_cpu |= r.backend == "cpu";
        if (!any_cpu)
            text_colored(theme::kTextDim, "Run the matmul lab on the CPU too (with the naive kernel) to see the speedups.");
    }
}

// ---- Transfer ------------------------------------------------------------------------------------

void LabsView::chart_transfer(float width, const std::vector<Source>& sources) {
    std::vector<chart::Series> series;
    for (const auto& s : sources) {
        for (const char* dir : {"host-to-device", "device-to-host"})
            for (const char* mem : {"pinned", "pageable"}) {
                chart::Series se;
                se.name =
                    std::string(std::string(dir) == "host-to-device" ? "host \xe2\x86\x92 device" : "device \xe2\x86\x92 host") +
                    ", " + mem;
                if (!s.mine || sources.size() > 1) se.name += " (" + (s.mine ? s.report.backend : machine_name(s.report)) + ")";
                se.dashed = !s.mine;
                for (const auto& t : s.report.transfers)
                    if (t.direction == dir && t.memory == mem) {
                        se.x.push_back(static_cast<double>(t.bytes));
                        se.y.push_back(t.gbps);
                    }
                se.color = chart::series_color(static_cast<int>(series.size()));
                if (!se.x.empty()) series.push_back(se);
            }
    }
    chart::ChartSpec spec;
    spec.title = "Transfer speed by size";
    spec.x_label = "Bytes per transfer";
    spec.y_label = "GB/s (10\xe2\x81\xb9 bytes per second)";
    spec.log_x = true;
    spec.x_units = chart::Units::Bytes;
    spec.value_suffix = " GB/s";
    chart::line_chart("chart:transfer", spec, series, {width, std::max(360.0f, ImGui::GetFontSize() * 24)});
    note_chart_rect();

    // The table: one row per size, GB/s for each direction and kind of memory (the time on hover).
    const bool compare = sources.size() > 1;
    const char* dirs[] = {"host-to-device", "host-to-device", "device-to-host", "device-to-host"};
    const char* mems[] = {"pinned", "pageable", "pinned", "pageable"};
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 6});
    if (ImGui::BeginTable("##transfer-table", compare ? 6 : 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame,
                          {width, 0})) {
        if (compare) ImGui::TableSetupColumn("Machine");
        for (const char* h : {"Size", "Host \xe2\x86\x92 device, pinned (GB/s)", "Host \xe2\x86\x92 device, pageable",
                              "Device \xe2\x86\x92 host, pinned", "Device \xe2\x86\x92 host, pageable"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& s : sources) {
            std::set<std::uint64_t> sizes;
            for (const auto& t : s.report.transfers) sizes.insert(t.bytes);
            for (std::uint64_t bytes : sizes) {
                ImGui::TableNextRow();
                int col = 0;
                if (compare) {
                    ImGui::TableSetColumnIndex(col++);
                    ImGui::TextUnformatted(s.mine ? "this one" : machine_name(s.report).c_str());
                }
                ImGui::TableSetColumnIndex(col++);
                ImGui::TextUnformatted(chart::format_bytes(static_cast<double>(bytes)).c_str());
                for (int c = 0; c < 4; ++c) {
                    ImGui::TableSetColumnIndex(col++);
                    for (const auto& t : s.report.transfers)
                        if (t.bytes == bytes && t.direction == dirs[c] && t.memory == mems[c]) {
                            ImGui::TextUnformatted(fmt("%.2f", t.gbps).c_str());
                            if (ImGui::IsItemHovered())
                                ImGui::SetTooltip("median %s over %d copies (fastest %s, slowest %s)",
                                                  chart::format_ms(t.median_ms).c_str(), t.repetitions,
                                                  chart::format_ms(t.min_ms).c_str(), chart::format_ms(t.max_ms).c_str());
                        }
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

// ---- Crossover -----------------------------------------------------------------------------------

void LabsView::chart_crossover(float width, const std::vector<Source>& sources) {
    std::vector<chart::Series> series;
    chart::ChartSpec spec;
    for (const auto& s : sources) {
        if (!s.report.crossover) continue;
        const CrossoverSummary& c = *s.report.crossover;
        const std::string tail = s.mine ? "" : " (" + machine_name(s.report) + ")";
        chart::Series cpu{"CPU, " + c.cpu_kernel + tail, {}, {}, 0}, total{"GPU with copies, " + c.gpu_kernel + tail, {}, {}, 0},
            kernel{"GPU kernel alone" + tail, {}, {}, 0};
        for (const auto& p : c.points) {
            cpu.x.push_back(p.n), cpu.y.push_back(p.cpu_ms);
            total.x.push_back(p.n), total.y.push_back(p.gpu_total_ms);
            kernel.x.push_back(p.n), kernel.y.push_back(p.gpu_kernel_ms);
        }
        for (chart::Series* se : {&cpu, &total, &kernel}) {
            se->dashed = !s.mine;
            se->color = chart::series_color(static_cast<int>(series.size()));
            series.push_back(*se);
        }
        if (c.crossover_n > 0)
            spec.markers.push_back(
                {static_cast<double>(c.crossover_n), "GPU wins from n = " + std::to_string(c.crossover_n) + tail, 0});
    }
    spec.title = "Time per multiply by size: when does the GPU pay off?";
    spec.x_label = "n (an n x n by n x n multiply)";
    spec.y_label = "Milliseconds (lower is faster)";
    spec.log_x = spec.log_y = true;
    spec.x_pow2 = true;
    spec.y_units = chart::Units::Ms;
    chart::line_chart("chart:crossover", spec, series, {width, std::max(380.0f, ImGui::GetFontSize() * 25)});
    note_chart_rect();

    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 6});
    if (ImGui::BeginTable("##crossover-table", 6,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame,
                          {width, 0})) {
        for (const char* h : {"n", "CPU", "GPU with copies", "GPU kernel", "Faster", "Machine"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& s : sources) {
            if (!s.report.crossover) continue;
            for (const auto& p : s.report.crossover->points) {
                ImGui::TableNextRow();
                const std::string cells[] = {std::to_string(p.n),
                                             chart::format_ms(p.cpu_ms),
                                             chart::format_ms(p.gpu_total_ms),
                                             chart::format_ms(p.gpu_kernel_ms),
                                             p.gpu_wins ? "GPU" : "CPU",
                                             s.mine ? std::string("this one") : machine_name(s.report)};
                for (int c = 0; c < 6; ++c) {
                    ImGui::TableSetColumnIndex(c);
                    if (c == 4) ImGui::PushStyleColor(ImGuiCol_Text, p.gpu_wins ? theme::kSuccess : theme::kHighlight);
                    ImGui::TextUnformatted(cells[c].c_str());
                    if (c == 4) ImGui::PopStyleColor();
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

// ---- VRAM ----------------------------------------------------------------------------------------

void LabsView::draw_vram(float width, const std::vector<Source>& sources) {
    for (const auto& s : sources) {
        if (!s.report.vram) continue;
        const VramWall& v = *s.report.vram;
        ImGui::PushID(&s);
        begin_card(width);
        small_heading((s.mine ? "This machine: " + s.report.device : machine_name(s.report) + ": " + s.report.device).c_str());
        // The bar: allocated against total, its numbers written above it.
        const float fs = ImGui::GetFontSize();
        const float bar_w = width - 40, bar_h = fs * 1.6f;
        const std::string left =
            chart::format_bytes(static_cast<double>(v.allocated_bytes)) + " allocated in " + std::to_string(v.chunks) +
            " chunks of " + chart::format_bytes(static_cast<double>(v.chunk_bytes)) +
            (v.limit_bytes ? "  (limit " + chart::format_bytes(static_cast<double>(v.limit_bytes)) + ")" : "");
        const std::string right = "total " + chart::format_bytes(static_cast<double>(v.total_bytes));
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddText(top, theme::kText, left.c_str());
        dl->AddText({top.x + bar_w - ImGui::CalcTextSize(right.c_str()).x, top.y}, theme::kTextDim, right.c_str());
        const ImVec2 p{top.x, top.y + fs * 1.5f};
        const double total =
            static_cast<double>(std::max<std::uint64_t>(v.total_bytes, std::max<std::uint64_t>(v.allocated_bytes, 1)));
        const float filled = static_cast<float>(static_cast<double>(v.allocated_bytes) / total) * bar_w;
        dl->AddRectFilled(p, {p.x + bar_w, p.y + bar_h}, theme::kSurfaceHover, 6);
        dl->AddRectFilled(p, {p.x + std::max(filled, 4.0f), p.y + bar_h}, v.hit_wall ? theme::kDanger : theme::kAccent, 6);
        ImGui::Dummy({bar_w, fs * 1.5f});
        ImGui::Dummy({bar_w, bar_h + 6});
        chart_min_ = top, chart_max_ = {p.x + bar_w, p.y + bar_h};
        chart_seen_ = true;
        if (v.free_known)
            text_colored(theme::kTextDim, ("Free before: " + chart::format_bytes(static_cast<double>(v.free_before)) +
                                           "; free after freeing: " + chart::format_bytes(static_cast<double>(v.free_after)))
                                              .c_str());
        if (v.hit_wall) {
            text_colored(theme::kDanger, (std::string(icon::kWarning) + "  The device said:").c_str());
            ImGui::PushFont(fonts().mono);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
            ImGui::TextWrapped("%s%s%s", v.error_code.c_str(), v.error_code.empty() ? "" : ": ", v.error_message.c_str());
            ImGui::PopStyleColor();
            ImGui::PopFont();
        } else {
            text_colored(theme::kTextDim, v.limit_bytes ? "The run stopped at the limit, before the device ran out."
                                                        : "The device never said out of memory.");
        }
        if (!v.fixes.empty()) {
            ImGui::Dummy({0, 2});
            small_heading("What to do about it");
            for (const auto& f : v.fixes) ImGui::TextWrapped("\xe2\x80\xa2  %s", f.c_str());
        }
        ImGui::Dummy({0, 2});
        ImGui::PushStyleColor(ImGuiCol_Text, v.memory_returned ? theme::kSuccess : theme::kDanger);
        ImGui::TextWrapped("%s  %s%s%s", v.memory_returned ? icon::kCheckCircle : icon::kWarning,
                           v.memory_returned ? "All the memory came back" : "The memory did not all come back",
                           v.returned_how.empty() ? "" : ": ", v.returned_how.c_str());
        ImGui::PopStyleColor();
        end_card(theme::kSurface, v.hit_wall ? theme::kDanger : theme::kAccent);
        ImGui::PopID();
        ImGui::Dummy({0, 4});
    }
}

// ---- Precision -----------------------------------------------------------------------------------

void LabsView::chart_precision(float width, const std::vector<Source>& sources) {
    std::vector<std::string> categories;
    std::vector<chart::Series> speed, error;
    for (const auto& s : sources) {
        chart::Series sp, er;
        sp.name = er.name = s.mine ? s.label : machine_name(s.report) + ": " + s.report.device;
        sp.dashed = er.dashed = !s.mine;
        sp.color = er.color = chart::series_color(static_cast<int>(speed.size()));
        for (const auto& r : s.report.matmul) {
            const std::string cat = r.dtype + " \xc2\xb7 " + r.kernel;
            auto it = std::find(categories.begin(), categories.end(), cat);
            const std::size_t c = static_cast<std::size_t>(it - categories.begin());
            if (it == categories.end()) categories.push_back(cat);
            sp.y.resize(std::max(sp.y.size(), c + 1), std::numeric_limits<double>::quiet_NaN());
            er.y.resize(std::max(er.y.size(), c + 1), std::numeric_limits<double>::quiet_NaN());
            sp.y[c] = r.passed ? r.gflops : std::numeric_limits<double>::quiet_NaN();
            er.y[c] = r.max_rel_error > 0 ? r.max_rel_error : 1e-12;
        }
        speed.push_back(sp), error.push_back(er);
    }
    for (auto& se : speed) se.y.resize(categories.size(), std::numeric_limits<double>::quiet_NaN());
    for (auto& se : error) se.y.resize(categories.size(), std::numeric_limits<double>::quiet_NaN());
    chart::ChartSpec a;
    a.title = "Speed by number format";
    a.x_label = "GFLOP/s (higher is faster)";
    a.value_suffix = " GFLOP/s";
    const bool side = width >= 900;
    const float w = side ? (width - 12) / 2 : width;
    chart::bar_chart("chart:precision-speed", a, categories, speed, {w, 0});
    note_chart_rect();
    if (side) ImGui::SameLine(0, 12);
    chart::ChartSpec b;
    b.title = "Error against FP64 (log scale)";
    b.x_label = "max relative error (lower is closer)";
    b.log_x = true;
    chart::bar_chart("chart:precision-error", b, categories, error, {w, 0});
    note_chart_rect();
}

// ---- Roofline ------------------------------------------------------------------------------------

void LabsView::chart_roofline(float width, const std::vector<Source>& sources) {
    chart::ChartSpec spec;
    std::vector<chart::Series> series;
    for (const auto& s : sources) {
        if (s.report.roofline && s.mine && spec.roofline.peak == 0) {
            spec.roofline.peak = s.report.roofline->peak_gflops;
            spec.roofline.bandwidth = s.report.roofline->bandwidth_gbps;
        }
        std::vector<std::string> kernels;
        for (const auto& r : s.report.matmul)
            if (std::find(kernels.begin(), kernels.end(), r.kernel) == kernels.end()) kernels.push_back(r.kernel);
        for (const auto& k : kernels) {
            chart::Series se;
            se.name = k + (s.mine ? "" : " (" + machine_name(s.report) + ")");
            se.dashed = !s.mine;
            se.color = chart::series_color(static_cast<int>(series.size()));
            for (const auto& r : s.report.matmul)
                if (r.kernel == k && r.passed) {
                    se.x.push_back(matmul_intensity(r.m, r.n, r.k));
                    se.y.push_back(r.gflops);
                }
            series.push_back(se);
        }
        // Every kernel of one size sits at the same intensity: one labelled line per size, not a
        // label per point, keeps the chart readable with many kernels.
        for (const auto& r : s.report.matmul) {
            const double x = matmul_intensity(r.m, r.n, r.k);
            const bool seen = std::any_of(spec.markers.begin(), spec.markers.end(), [x](const chart::Marker& m) { return m.x == x; });
            if (!seen) spec.markers.push_back({x, "n=" + std::to_string(r.n), theme::kTextDim});
        }
    }
    spec.title = "The roofline: where each kernel sits";
    spec.x_label = "Arithmetic intensity (flops per byte moved)";
    spec.y_label = "GFLOP/s";
    spec.log_x = spec.log_y = true;
    spec.value_suffix = " GFLOP/s";
    chart::line_chart("chart:roofline", spec, series, {width, std::max(420.0f, ImGui::GetFontSize() * 27)});
    note_chart_rect();
    for (const auto& s : sources)
        if (s.report.roofline) {
            const Roofline& r = *s.report.roofline;
            text_colored(theme::kTextDim, ((s.mine ? std::string("This machine") : machine_name(s.report)) + ": peak " +
                                           fmt("%.1f", r.peak_gflops) + " GFLOP/s, bandwidth " + fmt("%.1f", r.bandwidth_gbps) +
                                           " GB/s, ridge at " + fmt("%.2f", r.ridge_intensity) + " flops per byte.")
                                              .c_str());
        }
}

// ---- Compare and test state ----------------------------------------------------------------------

bool LabsView::add_comparison(const std::string& text, const std::string& source, std::string& error) {
    const LabReportParse parsed = parse_lab_reports(text);
    if (!parsed.ok) {
        error = parsed.error;
        return false;
    }
    if (parsed.reports.empty()) {
        error = "the file holds no lab report";
        return false;
    }
    for (const auto& r : parsed.reports) {
        Source s{r, machine_name(r) + ": " + r.backend + (r.device.empty() ? "" : " (" + r.device + ")"), false};
        if (!source.empty()) s.label += ", " + source;
        comparisons_.push_back(std::move(s));
    }
    last_compared_lab_ = lab_id_of(parsed.reports.front());
    if (find_lab(last_compared_lab_)) selected_ = last_compared_lab_;
    return true;
}

namespace {
nlohmann::json kernel_names(const std::vector<KernelInfo>& kernels) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& k : kernels) out.push_back(k.name);
    return out;
}
}  // namespace

nlohmann::json LabsView::test_state() const {
    LabHost* host = host_;  // the host the view last drew with: asking the platform here would start one
    nlohmann::json results = nlohmann::json::object();
    for (const auto& [lab, reports] : session_) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : reports) {
            nlohmann::json runs = nlohmann::json::array();
            for (const auto& m : r.matmul)
                runs.push_back({{"kernel", m.kernel}, {"n", m.n}, {"passed", m.passed}, {"gflops", m.gflops},
                                {"max_rel_error", m.max_rel_error}, {"error", m.error}});
            list.push_back({{"backend", r.backend},
                            {"device", r.device},
                            {"matmul", r.matmul.size()},
                            {"runs", runs},
                            {"transfers", r.transfers.size()},
                            {"crossover", r.crossover ? r.crossover->points.size() : 0},
                            {"crossover_n", r.crossover ? r.crossover->crossover_n : 0},
                            {"cancelled", r.cancelled},
                            {"stopped_by_error", r.stopped_by_error},
                            {"notes", r.notes}});
        }
        results[lab] = list;
    }
    nlohmann::json state = {{"host", host != nullptr}, {"selected", selected_}, {"running", running_},
                            {"error", error_},         {"results", results},    {"comparisons", comparisons_.size()}};
    if (host) {
        const LabStatus s = host->status();
        state["status"] = {{"running", s.running}, {"done", s.done}, {"total", s.total}, {"what", s.what}};
        nlohmann::json backends = nlohmann::json::array();
        for (const auto& b : host->backends())
            backends.push_back({{"name", b.name}, {"available", b.available}, {"device", b.device}, {"why_not", b.why_not},
                                {"note", b.note}, {"kernels", kernel_names(b.kernels)}});
        state["backends"] = backends;
    }
    return state;
}

}  // namespace dojo

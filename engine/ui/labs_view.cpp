// The Labs view: the lab picker, run control (start, progress, cancel, take the report), where the
// results come from (this session's runs, else the learner's saved report, plus files dropped for
// comparison), and exports. The settings form and the charts live in ui/labs/.
#include "ui/labs_view.h"

#include <algorithm>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/access_tree.h"
#include "ui/announcer.h"
#include "ui/chart.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/labs/lab_widgets.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

using labs_ui::button_width;
using labs_ui::Flow;
using labs_ui::small_heading;
using labs_ui::toggle;

void LabsView::select(const std::string& lab_id) {
    if (const LabInfo* lab = find_lab(lab_id)) selected_ = lab->id;
}

std::vector<std::string> LabsView::apply_params(const std::map<std::string, std::string>& params) {
    if (ExplorersView::handles(selected_)) {
        explorer_params_ = params;  // each explorer clamps its numbers to what its sliders allow
        return {};
    }
    if (const LabInfo* lab = find_lab(selected_)) return form_.apply_params(*lab, params, platform_.labs());
    return {};
}

void LabsView::poll(LabsViewEvents& events) {
    if (!running_) return;  // (asking for the host before the Labs view needs it would start its worker)
    // The progress bar moves at 15 frames a second: smooth to the eye, and the page's main thread
    // leaves the cores to the measurement (in the browser a worker's message also wakes it at once).
    redraw::request_frame_in(1.0 / 15.0);
    LabHost* host = platform_.labs();
    if (!host) return;
    const std::string title = running_title();
    LabReport report;
    if (!host->take_report(report)) {
        // A screen reader hears the run's progress a quarter at a time, not at every step.
        const LabStatus s = host->status();
        const int quarter = s.total > 0 ? static_cast<int>(4 * s.done / s.total) : 0;
        if (quarter > announced_quarter_ && quarter < 4) announce(title + ": " + std::to_string(25 * quarter) + " % measured.");
        announced_quarter_ = std::max(announced_quarter_, quarter);
        return;
    }
    running_ = false;
    announce(report.cancelled ? title + " was cancelled; the whole runs it finished are kept." : title + " finished.");
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

// ---- Drawing ---------------------------------------------------------------------------------------

void LabsView::draw(float width, const std::map<std::string, std::string>& stored, LabsViewEvents& events) {
    charts_.chart_seen = false;
    if (!focused_) {
        ImGui::PushFont(fonts().title);
        ImGui::Text("%s  Labs", icon::kFlask);
        access_text("Labs", AccessRole::Heading, 1);
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
    if (!host || (!platform_.runs_native_labs() && info && !info->browser)) {
        draw_no_host(width, stored);
        return;
    }
    if (!info || info->kind == LabKind::DeviceCheck) {
        draw_device_check(width);
        return;
    }
    const std::vector<Source> sources = sources_for(selected_, stored);
    // With results on screen, the settings fold into one line so the chart is in view.
    const bool folded = !sources.empty() || (running_ && running_lab_ == selected_);
    start_run(form_.draw(width, *info, *host, folded, running_, error_), *host, events);
    if (running_) draw_running(width, *host);
    ImGui::Dummy({0, 8});
    if (sources.empty()) {
        text_colored(theme::kTextDim, running_
                                          ? "Results appear here when the run ends."
                                          : "No results yet for this lab on this machine. Pick the settings above and run it.");
        draw_compare_hint();
        return;
    }
    draw_results(width, sources, events);
    ImGui::Dummy({0, 6});
    draw_compare_hint();

    export_png_when_in_view(events);
}

// A picture of the chart: first scrolled fully into view (the window's pixels are what is saved).
void LabsView::export_png_when_in_view(LabsViewEvents& events) {
    if (png_name_.empty() || !charts_.chart_seen) return;
    const float top = ImGui::GetWindowPos().y + 8, bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - 8;
    if ((charts_.chart_min.y >= top && charts_.chart_max.y <= bottom) || png_frames_ >= 3) {
        if (events.notice) events.notice(platform_.export_png(png_name_, charts_.chart_min, charts_.chart_max), false);
        png_name_.clear();
    } else {
        ImGui::SetScrollY(ImGui::GetScrollY() + charts_.chart_min.y - top);
        ++png_frames_;
    }
}

void LabsView::start_run(const LabFormAction& action, LabHost& host, LabsViewEvents& events) {
    if (!action.error.empty()) error_ = action.error;
    if (!action.run) return;
    std::string error;
    if (host.start(action.request, error)) {
        form_.fold(action.request.lab);
        running_ = true;
        running_lab_ = action.request.lab;
        announced_quarter_ = 0;
        error_.clear();
        announce("Running " + running_title() + ".");
    } else {
        error_ = error;
        if (events.notice) events.notice(error, true);
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
            ImGui::SetTooltip(
                "%s", explorers ? "Computed from the numbers you pick: nothing is measured." : "Measured on this machine.");
        for (const LabInfo& lab : lab_catalog()) {
            if (ExplorersView::handles(lab.id) != explorers) continue;
            const std::string label =
                (lab.kind == LabKind::DeviceCheck ? std::string(icon::kDesktop) + "  This machine" : lab.title) + "##lab-" +
                lab.id;
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

std::string LabsView::running_title() const {
    const LabInfo* lab = find_lab(running_lab_);
    return lab ? lab->title : running_lab_;
}

void LabsView::draw_running(float width, LabHost& host) {
    const LabStatus s = host.status();
    ImGui::Dummy({0, 4});
    begin_card(width, 14);
    ImGui::PushFont(fonts().strong);
    ImGui::Text("%s  Running: %s", icon::kClock, running_title().c_str());
    ImGui::PopFont();
    const float fraction = s.total > 0 ? static_cast<float>(s.done) / static_cast<float>(s.total) : 0.0f;
    const std::string overlay = s.total > 0 ? std::to_string(s.done) + " of " + std::to_string(s.total) : "starting";
    const float cancel_w = button_width(std::string(icon::kTimes) + "  Cancel") + 12;
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, theme::kAccent);
    ImGui::ProgressBar(fraction, {width - 40 - cancel_w, 0}, overlay.c_str());
    access_tree().add({.role = AccessRole::ProgressBar,
                       .name = "Progress",
                       .value = static_cast<double>(s.done),
                       .min = 0,
                       .max = static_cast<double>(s.total > 0 ? s.total : 1),
                       .value_text = overlay});
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button((std::string(icon::kTimes) + "  Cancel").c_str())) host.cancel();
    text_colored(theme::kTextDim, s.what.empty() ? "Measuring\xe2\x80\xa6" : ("Measuring " + s.what).c_str());
    end_card(theme::kSurface, theme::kHighlight);
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
    draw_lab_charts(selected_, width, sources, charts_);

    // Notes of each run, in words.
    for (const auto& s : sources)
        for (const auto& n : s.report.notes) text_colored(theme::kTextDim, (std::string(icon::kInfoCircle) + "  " + n).c_str());

    draw_exports(sources, events);
}

// Export this machine's runs (JSON, CSV, a PNG of the chart), and drop compared results.
void LabsView::draw_exports(const std::vector<Source>& sources, LabsViewEvents& events) {
    ImGui::Dummy({0, 4});
    const LabReport* latest = nullptr;
    for (const auto& s : sources)
        if (s.mine) latest = &s.report;
    const std::string& lab = selected_;
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
        if (ImGui::Button((std::string(icon::kDownload) + "  PNG").c_str()) && charts_.chart_seen) {
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

// ---- Compare and test state --------------------------------------------------------------------

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
        Source s{r, machine_label(r) + ": " + r.backend + (r.device.empty() ? "" : " (" + r.device + ")"), false};
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
                runs.push_back({{"kernel", m.kernel},
                                {"n", m.n},
                                {"passed", m.passed},
                                {"gflops", m.gflops},
                                {"max_rel_error", m.max_rel_error},
                                {"error", m.error}});
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
            backends.push_back({{"name", b.name},
                                {"available", b.available},
                                {"device", b.device},
                                {"why_not", b.why_not},
                                {"note", b.note},
                                {"kernels", kernel_names(b.kernels)}});
        state["backends"] = backends;
    }
    return state;
}

}  // namespace dojo

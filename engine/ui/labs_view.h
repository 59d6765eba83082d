// The Labs view: pick a lab, a backend, kernels, sizes and repetitions; run it on the platform's
// LabHost (a worker thread, so the UI never waits); watch its progress, cancel it; then read the
// results as a table and a chart made for that lab, export them (JSON, CSV, PNG), and compare them
// with results files from other machines dropped onto the window.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json_fwd.hpp>

#include "labs/lab_host.h"
#include "labs/lab_report.h"
#include "ui/explorers_view.h"
#include "ui/platform.h"

namespace dojo {

// The catalog's lab id a report belongs to: "bench" reports are the matmul lab's.
std::string lab_id_of(const LabReport& report);

// The matmul speedup baseline, per machine and size: the naive CPU kernel, or the best CPU kernel.
enum class Baseline { NaiveCpu, BestCpu };
// GFLOP/s of the baseline among `runs` at size n (0 when there is none).
double baseline_gflops(const std::vector<BenchResult>& runs, int n, Baseline baseline);

// What the view asks of the app around it.
struct LabsViewEvents {
    // A run ended (also a cancelled one, with what it measured): keep it with the progress.
    std::function<void(const std::string& lab, const LabReport& report)> finished;
    std::function<void(const std::string& text, bool error)> notice;
};

class LabsView {
public:
    LabsView(Platform& platform, ExplorersView* explorers = nullptr) : platform_(platform), explorers_(explorers) {}

    // Preselects a lab by id (from "#/labs/<id>"); unknown ids keep the current one.
    void select(const std::string& lab_id);
    const std::string& selected() const { return selected_; }
    // A lesson's lab block parameters for the selected lab: size (n), backend, kernel (or "all").
    void apply_params(const std::map<std::string, std::string>& params);

    // Takes a finished run's report from the host; call every frame, whatever view is open.
    void poll(LabsViewEvents& events);
    // `stored`: the learner's saved reports by lab id (Progress::lab_results), shown before a new run.
    void draw(float width, const std::map<std::string, std::string>& stored, LabsViewEvents& events);

    // A results file's text (dojo bench --json, dojo lab ... --json, an export): its reports join the
    // charts for comparison, labelled with their machine. false with `error` when it is not one.
    bool add_comparison(const std::string& text, const std::string& source, std::string& error);
    // The lab the comparison's first report belongs to, after add_comparison.
    const std::string& last_compared_lab() const { return last_compared_lab_; }
    // How many reports from other machines the charts show (the Class view adds a class's there).
    std::size_t comparison_count() const { return comparisons_.size(); }

    // Presenter mode: the selected lab alone (its settings, Run button and chart), without the view's
    // title, introduction and lab picker.
    void draw_focused(float width, const std::map<std::string, std::string>& stored, LabsViewEvents& events) {
        focused_ = true;
        draw(width, stored, events);
        focused_ = false;
    }

    // For tests: {host, ready, selected, running, status, error, results: {lab: [{backend, rows}]}, comparisons}.
    nlohmann::json test_state() const;

private:
    struct Source {
        LabReport report;
        std::string label;  // in legends: "This machine (cpu)" or the other machine's name
        bool mine = true;
    };
    void draw_picker(float width);
    void draw_settings(float width, LabHost& host, LabsViewEvents& events, bool compact);
    void draw_running(float width, LabHost& host);
    void draw_results(float width, const std::vector<Source>& sources, LabsViewEvents& events);
    void draw_device_check(float width);
    void draw_compare_hint();
    void draw_no_host(float width, const std::map<std::string, std::string>& stored);
    std::vector<Source> sources_for(const std::string& lab, const std::map<std::string, std::string>& stored);

    void chart_matmul(float width, const std::vector<Source>& sources);
    void table_matmul(float width, const std::vector<Source>& sources);
    void chart_transfer(float width, const std::vector<Source>& sources);
    void chart_crossover(float width, const std::vector<Source>& sources);
    void draw_vram(float width, const std::vector<Source>& sources);
    void chart_precision(float width, const std::vector<Source>& sources);
    void chart_roofline(float width, const std::vector<Source>& sources);
    void note_chart_rect();

    Platform& platform_;
    ExplorersView* explorers_ = nullptr;
    std::map<std::string, std::string> explorer_params_;  // from "#/labs/explore-...?key=value"
    LabHost* host_ = nullptr;  // set when the view is drawn
    std::string selected_ = "matmul";
    std::map<std::string, std::string> backend_;        // chosen backend per lab
    std::map<std::string, std::set<std::string>> off_;  // unchecked kernels per backend
    std::map<std::string, std::set<int>> sizes_;        // chosen sizes per lab
    int repetitions_ = 5;
    int vram_limit_ = 0, transfer_max_ = 0;  // indexes into the choices
    int log_x_ = -1;                         // matmul chart: -1 automatic (log when the bars span over 100x), 0 linear, 1 log
    Baseline baseline_ = Baseline::NaiveCpu;
    int chart_size_ = 0;
    std::set<std::string> settings_open_;  // labs whose settings are unfolded beside results                                  //
                                           // matmul: the size the chart shows (0: largest)

    bool focused_ = false;  // drawn by draw_focused()
    bool running_ = false;
    std::string running_lab_;
    std::string error_;
    std::map<std::string, std::vector<LabReport>> session_;  // this session's runs by lab, latest per backend
    std::map<std::string, std::pair<std::string, std::vector<LabReport>>> stored_cache_;  // parsed saved reports
    std::vector<Source> comparisons_;
    std::string last_compared_lab_;
    ImVec2 chart_min_{0, 0}, chart_max_{0, 0};
    bool chart_seen_ = false;
    std::string png_name_;  // a PNG export waiting for the chart to be in view
    int png_frames_ = 0;
};

}  // namespace dojo

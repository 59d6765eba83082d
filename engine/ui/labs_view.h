// The Labs view: pick a lab, set it up (ui/labs/lab_settings_form), run it on the platform's LabHost
// (a worker thread, so the UI never waits); watch its progress, cancel it; then read the results as a
// chart and a table made for that lab (ui/labs/lab_results), export them (JSON, CSV, PNG), and compare
// them with results files from other machines dropped onto the window.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json_fwd.hpp>

#include "labs/lab_catalog.h"
#include "labs/lab_host.h"
#include "labs/lab_report.h"
#include "ui/explorers_view.h"
#include "ui/labs/lab_results.h"
#include "ui/labs/lab_settings_form.h"
#include "ui/platform.h"

namespace dojo {

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
    // Returns what is wrong with any parameter the catalog refused (that one changes nothing).
    [[nodiscard]] std::vector<std::string> apply_params(const std::map<std::string, std::string>& params);

    // Takes a finished run's report from the host; call every frame, whatever view is open.
    void poll(LabsViewEvents& events);
    // `stored`: the learner's saved reports by lab id (Progress::lab_results), shown before a new run.
    void draw(float width, const std::map<std::string, std::string>& stored, LabsViewEvents& events);

    // A results file's text (dojo bench --json, dojo lab ... --json, an export): its reports join the
    // charts for comparison, labelled with their machine. false with `error` when it is not one.
    [[nodiscard]] bool add_comparison(const std::string& text, const std::string& source, std::string& error);
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
    using Source = LabSource;
    void draw_picker(float width);
    void draw_running(float width, LabHost& host);
    void start_run(const LabFormAction& action, LabHost& host, LabsViewEvents& events);
    void draw_results(float width, const std::vector<Source>& sources, LabsViewEvents& events);
    void draw_exports(const std::vector<Source>& sources, LabsViewEvents& events);
    void export_png_when_in_view(LabsViewEvents& events);
    void draw_device_check(float width);
    void draw_compare_hint();
    void draw_no_host(float width, const std::map<std::string, std::string>& stored);
    std::vector<Source> sources_for(const std::string& lab, const std::map<std::string, std::string>& stored);

    Platform& platform_;
    ExplorersView* explorers_ = nullptr;
    std::map<std::string, std::string> explorer_params_;  // from "#/labs/explore-...?key=value"
    LabHost* host_ = nullptr;                             // set when the view is drawn
    std::string selected_ = "matmul";
    LabSettingsForm form_;
    LabResultsState charts_;

    bool focused_ = false;  // drawn by draw_focused()
    bool running_ = false;
    std::string running_lab_;
    std::string running_title() const;  // the running lab's title, as the view and the live region say it
    int announced_quarter_ = 0;         // of the running lab's progress, said in the live region
    std::string error_;
    std::map<std::string, std::vector<LabReport>> session_;  // this session's runs by lab, latest per backend
    std::map<std::string, std::pair<std::string, std::vector<LabReport>>> stored_cache_;  // parsed saved reports
    std::vector<Source> comparisons_;
    std::string last_compared_lab_;
    std::string png_name_;  // a PNG export waiting for the chart to be in view
    int png_frames_ = 0;
};

}  // namespace dojo

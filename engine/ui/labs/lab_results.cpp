// Which chart and table each lab's results get, and the chart rectangle the PNG export saves.
#include "ui/labs/lab_results.h"

#include <algorithm>

#include "ui/chart.h"

namespace dojo {

void LabResultsState::note_chart_rect() {
    const ImVec2 a = chart::last_chart_min(), b = chart::last_chart_max();
    if (!chart_seen) {
        chart_min = a, chart_max = b;
        chart_seen = true;
    } else {
        chart_min = {std::min(chart_min.x, a.x), std::min(chart_min.y, a.y)};
        chart_max = {std::max(chart_max.x, b.x), std::max(chart_max.y, b.y)};
    }
}

namespace {

using Sources = std::vector<LabSource>;
struct LabResultsDrawing {
    const char* lab;
    void (*chart)(float, const Sources&, LabResultsState&);
    bool matmul_table;
    lab_results::MatmulColumns columns;
};

constexpr auto kSpeedup = lab_results::MatmulColumns::Speedup;
const LabResultsDrawing kDrawings[] = {
    {"matmul", lab_results::chart_matmul, true, kSpeedup},
    {"transfer", lab_results::chart_transfer, false, kSpeedup},
    {"crossover", lab_results::chart_crossover, false, kSpeedup},
    {"vram", lab_results::draw_vram, false, kSpeedup},
    {"precision", lab_results::chart_precision, true, lab_results::MatmulColumns::BytesPerMatrix},
    {"roofline", lab_results::chart_roofline, true, lab_results::MatmulColumns::Intensity},
};

}  // namespace

void draw_lab_charts(const std::string& lab, float width, const Sources& sources, LabResultsState& state) {
    for (const auto& d : kDrawings) {
        if (lab != d.lab) continue;
        d.chart(width, sources, state);
        if (d.matmul_table) lab_results::table_matmul(width, sources, state, d.columns);
    }
}

}  // namespace dojo

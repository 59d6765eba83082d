// The Labs view's results, one chart (and table) made for each lab: a bar per matmul kernel, transfer
// speed by size, the CPU-GPU crossover, the VRAM wall, number formats, and the roofline. Each draws
// this machine's runs beside any other machine's results file, dashed.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "labs/lab_report.h"

namespace dojo {

// The matmul speedup baseline, per machine and size: the naive CPU kernel, or the best CPU kernel.
enum class Baseline { NaiveCpu, BestCpu };
// GFLOP/s of the baseline among `runs` at size n (0 when there is none).
double baseline_gflops(const std::vector<BenchResult>& runs, int n, Baseline baseline);

// One report a chart draws, with its legend.
struct LabSource {
    LabReport report;
    std::string label;  // in legends: "This machine (cpu)" or the other machine's name
    bool mine = true;
};

// What the charts keep between frames (the learner's choices), and where the last chart was drawn (the
// PNG export saves that rectangle).
struct LabResultsState {
    int log_x = -1;  // matmul chart: -1 automatic (log when the bars span over 100x), 0 linear, 1 log
    Baseline baseline = Baseline::NaiveCpu;
    int chart_size = 0;  // matmul: the size the chart shows (0: largest)
    ImVec2 chart_min{0, 0}, chart_max{0, 0};
    bool chart_seen = false;
    void note_chart_rect();  // grows the rectangle by the chart just drawn
};

// The charts and tables made for `lab`'s results; nothing for a lab that has none.
void draw_lab_charts(const std::string& lab, float width, const std::vector<LabSource>& sources, LabResultsState& state);

namespace lab_results {
// Per lab (matmul_results.cpp, device_results.cpp).
enum class MatmulColumns { Speedup, BytesPerMatrix, Intensity };
void chart_matmul(float width, const std::vector<LabSource>& sources, LabResultsState& state);
void table_matmul(float width, const std::vector<LabSource>& sources, LabResultsState& state, MatmulColumns columns);
void chart_precision(float width, const std::vector<LabSource>& sources, LabResultsState& state);
void chart_roofline(float width, const std::vector<LabSource>& sources, LabResultsState& state);
void chart_transfer(float width, const std::vector<LabSource>& sources, LabResultsState& state);
void chart_crossover(float width, const std::vector<LabSource>& sources, LabResultsState& state);
void draw_vram(float width, const std::vector<LabSource>& sources, LabResultsState& state);
}  // namespace lab_results

}  // namespace dojo

// The results of the labs that time matrix multiplies: GFLOP/s per kernel (with the speedup table),
// speed and error per number format, and each kernel's place under the roofline.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <imgui.h>

#include "compute/matmul.h"
#include "ui/chart.h"
#include "ui/icons.h"
#include "ui/labs/lab_results.h"
#include "ui/labs/lab_widgets.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

const char* dtype_bytes_text(const std::string& dtype, int n, std::string& out) {
    const double per = dtype == "fp16" || dtype == "bf16" ? 2 : 4;
    out = chart::format_bytes(per * n * n);
    return out.c_str();
}

}  // namespace

double baseline_gflops(const std::vector<BenchResult>& runs, int n, Baseline baseline) {
    double best = 0;
    for (const auto& r : runs) {
        if (r.backend != "cpu" || !r.passed || r.n != n || r.m != n || r.k != n) continue;
        if (baseline == Baseline::NaiveCpu && r.kernel == "naive") return r.gflops;
        if (baseline == Baseline::BestCpu) best = std::max(best, r.gflops);
    }
    return best;
}

namespace lab_results {

using labs_ui::fmt;
using labs_ui::toggle;

// ---- Matmul ---------------------------------------------------------------------------------

void chart_matmul(float width, const std::vector<LabSource>& sources, LabResultsState& state) {
    // Sizes measured; the chart shows one at a time.
    std::set<int> sizes;
    for (const auto& s : sources)
        for (const auto& r : s.report.matmul) sizes.insert(r.n);
    if (sizes.empty()) return;
    if (!sizes.count(state.chart_size)) state.chart_size = *sizes.rbegin();
    if (sizes.size() > 1) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Chart at n =");
        for (int n : sizes) {
            ImGui::SameLine(0, 6);
            if (toggle(std::to_string(n) + "##chart-size", state.chart_size == n)) state.chart_size = n;
        }
        ImGui::SameLine(0, 24);
    }

    // One category per backend and kernel; one series per machine (this machine's runs merged).
    std::vector<std::string> categories;
    std::vector<std::string> series_keys;
    std::vector<chart::Series> series;
    auto series_of = [&](const LabSource& s) -> chart::Series& {
        const std::string key = s.mine ? "mine" : machine_label(s.report);
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
            if (r.n != state.chart_size || !r.passed) continue;
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
    spec.title = "GFLOP/s per kernel at " + std::to_string(state.chart_size) + " x " + std::to_string(state.chart_size) + " x " +
                 std::to_string(state.chart_size);
    spec.x_label = "GFLOP/s (billions of floating-point operations per second, higher is faster)";
    double lo = 0, hi = 0;
    for (const auto& se : series)
        for (double v : se.y)
            if (std::isfinite(v) && v > 0) lo = lo == 0 ? v : std::min(lo, v), hi = std::max(hi, v);
    bool log = state.log_x < 0 ? lo > 0 && hi / lo > 100 : state.log_x == 1;
    if (ImGui::Checkbox("Log scale##matmul", &log)) state.log_x = log ? 1 : 0;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A log scale shows the slow kernels' bars when the fast ones are 100x ahead");
    spec.log_x = log;
    spec.value_suffix = " GFLOP/s";
    chart::bar_chart("chart:matmul", spec, categories, series, {width, 0});
    state.note_chart_rect();
}

void table_matmul(float width, const std::vector<LabSource>& sources, LabResultsState& state, MatmulColumns columns) {
    bool any = false;
    for (const auto& s : sources) any |= !s.report.matmul.empty();
    if (!any) return;
    const bool compare = std::any_of(sources.begin(), sources.end(), [](const LabSource& s) { return !s.mine; });
    const bool precision = columns == MatmulColumns::BytesPerMatrix, roofline = columns == MatmulColumns::Intensity;
    ImGui::Dummy({0, 4});
    if (!precision && !roofline) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Speedup against");
        ImGui::SameLine();
        if (ImGui::RadioButton("the naive CPU kernel", state.baseline == Baseline::NaiveCpu)) state.baseline = Baseline::NaiveCpu;
        ImGui::SameLine();
        if (ImGui::RadioButton("the best CPU kernel", state.baseline == Baseline::BestCpu)) state.baseline = Baseline::BestCpu;
    }
    std::vector<const char*> heads = {"Kernel", "Size", "Median", "GFLOP/s"};
    if (precision) heads.push_back("Bytes per matrix");
    if (roofline) heads.push_back("Flops per byte");
    if (!precision && !roofline) heads.push_back(state.baseline == Baseline::NaiveCpu ? "x naive CPU" : "x best CPU");
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
                if (compare) cell(s.mine ? "this one" : machine_label(s.report), s.mine ? 0 : theme::kTextDim);
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
                        if (o.mine == s.mine && machine_label(o.report) == machine_label(s.report))
                            same_machine.insert(same_machine.end(), o.report.matmul.begin(), o.report.matmul.end());
                    const double base = baseline_gflops(same_machine, r.n, state.baseline);
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

// ---- Precision -----------------------------------------------------------------------------------

void chart_precision(float width, const std::vector<LabSource>& sources, LabResultsState& state) {
    std::vector<std::string> categories;
    std::vector<chart::Series> speed, error;
    for (const auto& s : sources) {
        chart::Series sp, er;
        sp.name = er.name = s.mine ? s.label : machine_label(s.report) + ": " + s.report.device;
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
    state.note_chart_rect();
    if (side) ImGui::SameLine(0, 12);
    chart::ChartSpec b;
    b.title = "Error against FP64 (log scale)";
    b.x_label = "max relative error (lower is closer)";
    b.log_x = true;
    chart::bar_chart("chart:precision-error", b, categories, error, {w, 0});
    state.note_chart_rect();
}

// ---- Roofline ------------------------------------------------------------------------------------

void chart_roofline(float width, const std::vector<LabSource>& sources, LabResultsState& state) {
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
            se.name = k + (s.mine ? "" : " (" + machine_label(s.report) + ")");
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
            const bool seen =
                std::any_of(spec.markers.begin(), spec.markers.end(), [x](const chart::Marker& m) { return m.x == x; });
            if (!seen) spec.markers.push_back({x, "n=" + std::to_string(r.n), theme::kTextDim});
        }
    }
    spec.title = "The roofline: where each kernel sits";
    spec.x_label = "Arithmetic intensity (flops per byte moved)";
    spec.y_label = "GFLOP/s";
    spec.log_x = spec.log_y = true;
    spec.value_suffix = " GFLOP/s";
    chart::line_chart("chart:roofline", spec, series, {width, std::max(420.0f, ImGui::GetFontSize() * 27)});
    state.note_chart_rect();
    for (const auto& s : sources)
        if (s.report.roofline) {
            const Roofline& r = *s.report.roofline;
            text_colored(theme::kTextDim, ((s.mine ? std::string("This machine") : machine_label(s.report)) + ": peak " +
                                           fmt("%.1f", r.peak_gflops) + " GFLOP/s, bandwidth " + fmt("%.1f", r.bandwidth_gbps) +
                                           " GB/s, ridge at " + fmt("%.2f", r.ridge_intensity) + " flops per byte.")
                                              .c_str());
        }
}

}  // namespace lab_results

}  // namespace dojo

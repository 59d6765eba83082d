// Charts for the labs, drawn with ImGui's draw list: line charts with markers, horizontal bar
// charts (grouped, so long kernel names fit), linear or log10 axes with nice ticks, axis titles,
// a legend, a tooltip with the exact value under the pointer, and an optional roofline. Sizes
// follow the current font, so charts stay readable on a projector. The scale and tick functions
// are pure, for tests.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "labs/quantity_format.h"

namespace dojo::chart {

// How an axis writes its values.
enum class Units {
    Number,   // 0.1, 1, 10, 2.5k, 1.2M
    Bytes,    // 4 KiB, 1 MiB, 1 GiB
    Ms,       // 0.5 ms, 12 ms, 1.2 s
    Percent,  // 0.5 %
};

struct Series {
    std::string name;
    std::vector<double> x, y;
    ImU32 color = 0;                    // 0: the next color of series_color()
    bool lines = true, markers = true;  // line charts
    bool dashed = false;                // e.g. another machine's results
    std::vector<std::string> labels;    // optional, one per point: written beside each marker
};

struct Roofline {
    double peak = 0;       // y of the flat roof (e.g. GFLOP/s)
    double bandwidth = 0;  // slope: y = bandwidth * x below the ridge (e.g. GB/s, x in flops/byte)
};

struct Marker {  // a vertical line at x with a label, e.g. the crossover point
    double x = 0;
    std::string label;
    ImU32 color = 0;
};

struct ChartSpec {
    std::string title, x_label, y_label;
    bool log_x = false, log_y = false;
    bool x_pow2 = false;  // a log x axis in powers of two (always so for bytes)
    Units x_units = Units::Number, y_units = Units::Number;
    std::string value_suffix;  // appended to values in tooltips, e.g. " GFLOP/s"
    bool y_from_zero = true;   // linear y axes start at 0
    bool legend = true;
    Roofline roofline;  // drawn when peak and bandwidth are > 0
    std::vector<Marker> markers;
};

// ---- Drawing (call inside an ImGui window) --------------------------------------------------------
// `id` is the chart's ImGui id and its label in the widget registry (e.g. "chart:transfer").

// A line chart: each series' points joined in order, with markers. Non-positive values are skipped
// on log axes.
void line_chart(const char* id, const ChartSpec& spec, const std::vector<Series>& series, ImVec2 size);

// Horizontal bars: one group per category (a row, its name on the left), one bar per series in
// each group (series[i].y[c] is the value of category c; NaN leaves the bar out). The value axis is
// the x axis (spec.log_x, spec.x_units). size.y = 0: as tall as the bars need.
void bar_chart(const char* id, const ChartSpec& spec, const std::vector<std::string>& categories,
               const std::vector<Series>& series, ImVec2 size);

// The screen rectangle the last chart drew (for exporting it as a picture).
ImVec2 last_chart_min();
ImVec2 last_chart_max();

// The theme's series palette: distinct, readable on the dark background.
ImU32 series_color(int index);

// ---- Pure functions ------------------------------------------------------------------------------

struct Axis {
    double lo = 0, hi = 1;
    bool log = false;
};

// Ticks at 1-2-5 steps covering [lo, hi] with at most about `max_ticks` of them.
std::vector<double> linear_ticks(double lo, double hi, int max_ticks = 6);
// Ticks at powers of ten in [lo, hi] (lo > 0); under two decades, 2 and 5 between them too.
std::vector<double> log_ticks(double lo, double hi);
// Ticks at powers of two in [lo, hi] (lo > 0), every `step`-th exponent so at most `max_ticks`,
// on exponents that are multiples of the step (so 1 KiB, 1 MiB, 1 GiB show where they can).
std::vector<double> log2_ticks(double lo, double hi, int max_ticks = 8);
// The axis range for data spanning [lo, hi]: widened to tick values (linear) or whole decades (log).
Axis nice_axis(double lo, double hi, bool log, bool from_zero = true);
// A log axis widened to whole powers of two.
Axis pow2_axis(double lo, double hi);
// Where v falls on the axis, 0 at lo and 1 at hi (log10 scale when axis.log; <= 0 maps to 0).
double to_unit(const Axis& axis, double v);
double from_unit(const Axis& axis, double u);

// Values as the axes and tooltips write them.
std::string format_number(double v);  // 0.1, 1, 2.5, 10, 250, 2.5k, 12k, 1.2M, 1e-06
using dojo::format_bytes;             // 512 B, 4 KiB, 1.5 MiB, 1 GiB (labs/quantity_format.h)
std::string format_ms(double ms);     // 0.012 ms, 1.5 ms, 250 ms, 1.2 s
std::string format_value(double v, Units units);
// The exact value for tooltips: six significant digits (bytes also in plain bytes).
std::string format_exact(double v, Units units);

// The point nearest to `mouse` among `points` (screen positions per series), within `max_distance`
// pixels; series -1 when none is that close.
struct Hit {
    int series = -1, index = -1;
    float distance = 0;
};
Hit nearest_point(const std::vector<std::vector<ImVec2>>& points, ImVec2 mouse, float max_distance);

}  // namespace dojo::chart

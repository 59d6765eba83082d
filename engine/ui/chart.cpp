// Line and bar charts over ImGui's draw list. Layout, top to bottom: the title, the legend, the
// y axis title, the plot with its grid and tick labels, the x axis title.
//
// Index of this file (one job, the chart module, read best whole):
// - Frame: the plot rectangle, its axes and their scales
// - Pure functions: ticks, number formats, the colors of series (tested without ImGui)
// - Line chart: lines, markers, a roofline, hover
// - Bar chart: horizontal bars, one per category and series
#include "ui/chart.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <limits>

#include "labs/quantity_format.h"
#include "ui/chart_description.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

namespace dojo::chart {

namespace {

ImVec2 g_last_min{0, 0}, g_last_max{0, 0};

ImU32 with_alpha(ImU32 c, float a) {
    return (c & 0x00FFFFFFu) | (static_cast<ImU32>(std::clamp(a, 0.0f, 1.0f) * 255.0f) << 24);
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len < 0.5f) return;
    for (float t = 0; t < len; t += dash * 2) {
        const float t1 = std::min(t + dash, len);
        dl->AddLine({a.x + dx * t / len, a.y + dy * t / len}, {a.x + dx * t1 / len, a.y + dy * t1 / len}, color, thickness);
    }
}

// What both chart kinds share: the frame, title, legend and axis titles.
struct Frame {
    ImVec2 min, max;    // the whole chart
    ImVec2 pmin, pmax;  // the plot area
    float fs = 16;
    ImDrawList* dl = nullptr;
    bool hovered = false;
};

float legend_height(const std::vector<Series>& series, float width, float fs) {
    float x = 0, rows = 1;
    for (const auto& s : series) {
        const float w = fs * 1.6f + ImGui::CalcTextSize(s.name.c_str()).x + fs * 1.2f;
        if (x > 0 && x + w > width) {
            ++rows;
            x = 0;
        }
        x += w;
    }
    return rows * fs * 1.45f;
}

float draw_legend(ImDrawList* dl, const std::vector<Series>& series, ImVec2 at, float width, float fs) {
    float x = 0, y = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const Series& s = series[i];
        const ImU32 c = s.color ? s.color : series_color(static_cast<int>(i));
        const float w = fs * 1.6f + ImGui::CalcTextSize(s.name.c_str()).x + fs * 1.2f;
        if (x > 0 && x + w > width) {
            y += fs * 1.45f;
            x = 0;
        }
        const ImVec2 p{at.x + x, at.y + y};
        const float mid = p.y + fs * 0.55f;
        if (s.dashed)
            dashed_line(dl, {p.x, mid}, {p.x + fs * 1.2f, mid}, c, theme::kStrokeWidth * 1.25f, fs * 0.25f);
        else
            dl->AddRectFilled({p.x, mid - fs * 0.3f}, {p.x + fs * 1.2f, mid + fs * 0.3f}, c, 3);
        dl->AddText({p.x + fs * 1.6f, p.y}, theme::kText, s.name.c_str());
        x += w;
    }
    return series.empty() ? 0 : y + fs * 1.45f;
}

// Draws the card, title and legend; returns the top of what comes next.
float begin_frame(Frame& f, const char* id, const ChartSpec& spec, const std::vector<Series>& series, ImVec2 size) {
    f.fs = ImGui::GetFontSize();
    f.min = ImGui::GetCursorScreenPos();
    f.max = {f.min.x + size.x, f.min.y + size.y};
    ImGui::InvisibleButton(id, size);
    widget_registry().record(id, f.min.x, f.min.y, size.x, size.y);  // for tests: the chart's place on screen
    f.hovered = ImGui::IsItemHovered();
    f.dl = ImGui::GetWindowDrawList();
    f.dl->AddRectFilled(f.min, f.max, theme::kSurface, 8);
    const float pad = f.fs * 0.9f;
    float y = f.min.y + pad;
    if (!spec.title.empty()) {
        ImFont* strong = fonts().strong ? fonts().strong : ImGui::GetFont();
        // A title wider than the chart (on a phone) ends in an ellipsis; the chart's description in the
        // access tree keeps it whole.
        std::string title = spec.title;
        const float room = size.x - 2 * pad;
        if (strong->CalcTextSizeA(f.fs * 1.05f, FLT_MAX, 0, title.c_str()).x > room) {
            const std::string dots = "\xe2\x80\xa6";
            while (!title.empty() && strong->CalcTextSizeA(f.fs * 1.05f, FLT_MAX, 0, (title + dots).c_str()).x > room) {
                title.pop_back();
                while (!title.empty() && (static_cast<unsigned char>(title.back()) & 0xC0) == 0x80) title.pop_back();
                if (!title.empty() && static_cast<unsigned char>(title.back()) >= 0xC0) title.pop_back();
            }
            title += dots;
        }
        f.dl->AddText(strong, f.fs * 1.05f, {f.min.x + pad, y}, theme::kText, title.c_str());
        y += f.fs * 1.6f;
    }
    if (spec.legend && !series.empty()) y += draw_legend(f.dl, series, {f.min.x + pad, y}, size.x - 2 * pad, f.fs) + f.fs * 0.2f;
    return y;
}

void finish_frame(const Frame& f) {
    g_last_min = f.min;
    g_last_max = f.max;
}

void tooltip(const std::string& head, const std::string& body) {
    ImGui::BeginTooltip();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
    ImGui::TextUnformatted(head.c_str());
    ImGui::PopStyleColor();
    ImGui::TextUnformatted(body.c_str());
    ImGui::EndTooltip();
}

}  // namespace

ImVec2 last_chart_min() {
    return g_last_min;
}
ImVec2 last_chart_max() {
    return g_last_max;
}

ImU32 series_color(int index) {
    // Read each time: the palette follows the active theme.
    const theme::Palette& p = theme::active_palette();
    const ImU32 kPalette[] = {p.accent, p.highlight, p.note, p.analogy, p.danger, p.success, p.series_pink, p.series_grey};
    const int n = static_cast<int>(sizeof kPalette / sizeof kPalette[0]);
    return kPalette[((index % n) + n) % n];
}

// ---- Pure functions ------------------------------------------------------------------------------

std::vector<double> linear_ticks(double lo, double hi, int max_ticks) {
    std::vector<double> ticks;
    if (!std::isfinite(lo) || !std::isfinite(hi)) return ticks;
    if (hi < lo) std::swap(lo, hi);
    if (hi == lo) return {lo};
    max_ticks = std::max(max_ticks, 2);
    const double raw = (hi - lo) / (max_ticks - 1);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    const double first = std::ceil(lo / step - 1e-9) * step;
    for (double t = first; t <= hi + step * 1e-9; t += step) ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

std::vector<double> log_ticks(double lo, double hi) {
    std::vector<double> ticks;
    if (!(lo > 0) || !(hi > 0) || !std::isfinite(lo) || !std::isfinite(hi)) return ticks;
    if (hi < lo) std::swap(lo, hi);
    const int d0 = static_cast<int>(std::floor(std::log10(lo) + 1e-9)), d1 = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
    const bool fine = d1 - d0 <= 2;
    for (int d = d0; d <= d1; ++d) {
        const double base = std::pow(10.0, d);
        for (double m : {1.0, 2.0, 5.0}) {
            if (m != 1.0 && !fine) continue;
            const double t = base * m;
            if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push_back(t);
        }
    }
    // Many decades: every other one, so labels never collide.
    if (ticks.size() > 9) {
        std::vector<double> fewer;
        for (std::size_t i = 0; i < ticks.size(); i += 2) fewer.push_back(ticks[i]);
        return fewer;
    }
    return ticks;
}

std::vector<double> log2_ticks(double lo, double hi, int max_ticks) {
    std::vector<double> ticks;
    if (!(lo > 0) || !(hi > 0) || !std::isfinite(lo) || !std::isfinite(hi)) return ticks;
    if (hi < lo) std::swap(lo, hi);
    const int e0 = static_cast<int>(std::ceil(std::log2(lo) - 1e-9)), e1 = static_cast<int>(std::floor(std::log2(hi) + 1e-9));
    int step = 20;
    for (int s : {1, 2, 3, 4, 5, 10, 20})
        if ((e1 - e0) / s + 1 <= std::max(max_ticks, 2)) {
            step = s;
            break;
        }
    const int first = static_cast<int>(std::ceil(static_cast<double>(e0) / step)) * step;
    for (int e = first; e <= e1; e += step) ticks.push_back(std::ldexp(1.0, e));
    return ticks;
}

Axis pow2_axis(double lo, double hi) {
    Axis a;
    a.log = true;
    if (hi < lo) std::swap(lo, hi);
    if (!(lo > 0) || !std::isfinite(lo)) lo = hi > 0 ? hi / 2 : 1;
    if (!(hi > 0) || !std::isfinite(hi)) hi = lo * 2;
    a.lo = std::ldexp(1.0, static_cast<int>(std::floor(std::log2(lo) + 1e-9)));
    a.hi = std::ldexp(1.0, static_cast<int>(std::ceil(std::log2(hi) - 1e-9)));
    if (a.hi <= a.lo) a.hi = a.lo * 2;
    return a;
}

Axis nice_axis(double lo, double hi, bool log, bool from_zero) {
    Axis a;
    a.log = log;
    if (hi < lo) std::swap(lo, hi);
    if (log) {
        if (!(lo > 0) || !std::isfinite(lo)) lo = hi > 0 ? hi / 10 : 1;
        if (!(hi > 0) || !std::isfinite(hi)) hi = lo * 10;
        a.lo = std::pow(10.0, std::floor(std::log10(lo) + 1e-9));
        a.hi = std::pow(10.0, std::ceil(std::log10(hi) - 1e-9));
        if (a.hi <= a.lo) a.hi = a.lo * 10;
        return a;
    }
    if (from_zero) lo = std::min(lo, 0.0);
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
    if (hi == lo) hi = lo + (lo == 0 ? 1 : std::fabs(lo));
    const auto ticks = linear_ticks(lo, hi, 6);
    const double step = ticks.size() >= 2 ? ticks[1] - ticks[0] : (hi - lo);
    a.lo = std::floor(lo / step + 1e-9) * step;
    a.hi = std::ceil(hi / step - 1e-9) * step;
    if (a.hi <= a.lo) a.hi = a.lo + step;
    return a;
}

double to_unit(const Axis& axis, double v) {
    if (axis.log) {
        if (!(v > 0) || !(axis.lo > 0) || !(axis.hi > axis.lo)) return 0;
        return (std::log10(v) - std::log10(axis.lo)) / (std::log10(axis.hi) - std::log10(axis.lo));
    }
    if (axis.hi == axis.lo) return 0;
    return (v - axis.lo) / (axis.hi - axis.lo);
}

double from_unit(const Axis& axis, double u) {
    if (axis.log) return std::pow(10.0, std::log10(axis.lo) + u * (std::log10(axis.hi) - std::log10(axis.lo)));
    return axis.lo + u * (axis.hi - axis.lo);
}

std::string format_number(double v) {
    if (!std::isfinite(v)) return v != v ? "n/a" : (v > 0 ? "inf" : "-inf");
    if (v == 0) return "0";
    const double a = std::fabs(v);
    char buffer[48];
    if (a < 1e-3) {
        std::snprintf(buffer, sizeof buffer, "%.2g", v);
        std::string s(buffer);
        // 1e-06 -> 1e-6
        if (auto e = s.find("e-0"); e != std::string::npos) s.erase(e + 2, 1);
        return s;
    }
    if (a >= 1e9) return format_significant(v / 1e9) + "G";
    if (a >= 1e6) return format_significant(v / 1e6) + "M";
    if (a >= 1e4) return format_significant(v / 1e3) + "k";
    return format_significant(v);
}

std::string format_ms(double ms) {
    if (std::fabs(ms) >= 1000) return format_significant(ms / 1000) + " s";
    if (ms != 0 && std::fabs(ms) < 0.01) return format_significant(ms * 1000) + " \xc2\xb5s";
    return format_significant(ms) + " ms";
}

std::string format_value(double v, Units units) {
    switch (units) {
        case Units::Bytes:
            return format_bytes(v);
        case Units::Ms:
            return format_ms(v);
        case Units::Percent:
            return format_number(v) + " %";
        case Units::Number:
            break;
    }
    return format_number(v);
}

std::string format_exact(double v, Units units) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    switch (units) {
        case Units::Bytes: {
            std::snprintf(buffer, sizeof buffer, "%.0f", v);
            return format_bytes(v) + " (" + buffer + " bytes)";
        }
        case Units::Ms:
            return std::string(buffer) + " ms";
        case Units::Percent:
            return std::string(buffer) + " %";
        case Units::Number:
            break;
    }
    return buffer;
}

Hit nearest_point(const std::vector<std::vector<ImVec2>>& points, ImVec2 mouse, float max_distance) {
    Hit best;
    float best_d2 = max_distance * max_distance;
    for (std::size_t s = 0; s < points.size(); ++s)
        for (std::size_t i = 0; i < points[s].size(); ++i) {
            const float dx = points[s][i].x - mouse.x, dy = points[s][i].y - mouse.y;
            const float d2 = dx * dx + dy * dy;
            if (d2 <= best_d2) {
                best_d2 = d2;
                best = {static_cast<int>(s), static_cast<int>(i), std::sqrt(d2)};
            }
        }
    return best;
}

// ---- Line chart ----------------------------------------------------------------------------------

void line_chart(const char* id, const ChartSpec& spec, const std::vector<Series>& series, ImVec2 size) {
    describe_line_chart(spec, series);
    Frame f;
    float top = begin_frame(f, id, spec, series, size);
    const float fs = f.fs, pad = fs * 0.9f;
    ImDrawList* dl = f.dl;

    // The data's range (and the roofline's, when there is one).
    double x0 = std::numeric_limits<double>::max(), x1 = -x0, y0 = x0, y1 = -x0;
    auto take = [&](double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y) || (spec.log_x && x <= 0) || (spec.log_y && y <= 0)) return;
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    };
    for (const auto& s : series)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) take(s.x[i], s.y[i]);
    const bool roof = spec.roofline.peak > 0 && spec.roofline.bandwidth > 0;
    if (roof) {
        const double ridge = spec.roofline.peak / spec.roofline.bandwidth;
        take(ridge, spec.roofline.peak);
        take(ridge / 8, spec.roofline.bandwidth * ridge / 8);
        take(ridge * 4, spec.roofline.peak * 1.3);
    }
    for (const auto& m : spec.markers)
        if (x0 <= x1) take(m.x, y0);
    const bool empty = x0 > x1;
    if (empty) x0 = 1, x1 = 10, y0 = 1, y1 = 10;
    const bool pow2 = spec.log_x && (spec.x_pow2 || spec.x_units == Units::Bytes);
    Axis ax = nice_axis(x0, x1, spec.log_x, false);
    if (pow2) {  // a little room beyond the first and last points; ticks stay on powers of two
        ax = pow2_axis(x0, x1);
        if (x1 > x0) ax.lo = x0 / std::pow(2.0, 0.3), ax.hi = x1 * std::pow(2.0, 0.3);
    }
    const Axis ay = nice_axis(y0, y1, spec.log_y, spec.y_from_zero);
    const int max_x_ticks = std::max(3, static_cast<int>(size.x / (fs * 6)));
    const auto xt = pow2         ? log2_ticks(ax.lo, ax.hi, std::min(max_x_ticks, 9))
                    : spec.log_x ? log_ticks(ax.lo, ax.hi)
                                 : linear_ticks(ax.lo, ax.hi, max_x_ticks);
    const auto yt = spec.log_y ? log_ticks(ay.lo, ay.hi) : linear_ticks(ay.lo, ay.hi, 6);

    float label_w = 0;
    for (double t : yt) label_w = std::max(label_w, ImGui::CalcTextSize(format_value(t, spec.y_units).c_str()).x);
    if (!spec.y_label.empty()) {
        dl->AddText({f.min.x + pad, top}, theme::kTextDim, spec.y_label.c_str());
        top += fs * 1.5f;
    }
    f.pmin = {f.min.x + pad + label_w + fs * 0.6f, top + fs * 0.5f};
    f.pmax = {f.max.x - pad - fs, f.max.y - pad - fs * (spec.x_label.empty() ? 1.4f : 2.9f)};
    if (f.pmax.y - f.pmin.y < fs * 3) f.pmax.y = f.pmin.y + fs * 3;
    auto sx = [&](double v) { return static_cast<float>(f.pmin.x + to_unit(ax, v) * (f.pmax.x - f.pmin.x)); };
    auto sy = [&](double v) { return static_cast<float>(f.pmax.y - to_unit(ay, v) * (f.pmax.y - f.pmin.y)); };

    // Grid and tick labels.
    for (double t : yt) {
        const float y = sy(t);
        dl->AddLine({f.pmin.x, y}, {f.pmax.x, y}, theme::kBorder, theme::kLineWidth);
        const std::string s = format_value(t, spec.y_units);
        const float w = ImGui::CalcTextSize(s.c_str()).x;
        dl->AddText({f.pmin.x - fs * 0.5f - w, y - fs * 0.5f}, theme::kTextDim, s.c_str());
    }
    float last_right = -1e9f;
    for (double t : xt) {
        const float x = sx(t);
        dl->AddLine({x, f.pmin.y}, {x, f.pmax.y}, theme::kBorder, theme::kLineWidth);
        const std::string s = format_value(t, spec.x_units);
        const float w = ImGui::CalcTextSize(s.c_str()).x;
        if (x - w / 2 < last_right + fs * 0.5f) continue;  // never overlap labels
        dl->AddText({x - w / 2, f.pmax.y + fs * 0.3f}, theme::kTextDim, s.c_str());
        last_right = x + w / 2;
    }
    dl->AddRect(f.pmin, f.pmax, theme::kBorder, 0, 0, theme::kLineWidth);
    if (!spec.x_label.empty()) {
        const float w = ImGui::CalcTextSize(spec.x_label.c_str()).x;
        dl->AddText({(f.pmin.x + f.pmax.x - w) / 2, f.pmax.y + fs * 1.5f}, theme::kTextDim, spec.x_label.c_str());
    }
    if (empty) {
        const char* none = "No measurements yet";
        const ImVec2 s = ImGui::CalcTextSize(none);
        dl->AddText({(f.pmin.x + f.pmax.x - s.x) / 2, (f.pmin.y + f.pmax.y - s.y) / 2}, theme::kTextDim, none);
        finish_frame(f);
        return;
    }

    dl->PushClipRect(f.pmin, f.pmax, true);
    if (roof) {
        // The memory slope up to the ridge, then the flat compute roof.
        const double ridge = spec.roofline.peak / spec.roofline.bandwidth;
        const double xa = ax.lo;
        const ImVec2 a{sx(xa), sy(std::max(spec.roofline.bandwidth * xa, ay.log ? ay.lo : 0.0))};
        const ImVec2 r{sx(ridge), sy(spec.roofline.peak)};
        const ImVec2 b{sx(ax.hi), sy(spec.roofline.peak)};
        const ImU32 c = theme::kTextDim;
        dl->AddLine(a, r, c, theme::kStrokeWidth * 1.25f);
        dl->AddLine(r, b, c, theme::kStrokeWidth * 1.25f);
        dl->AddCircleFilled(r, fs * 0.3f, theme::kText);
        const std::string ridge_label = "ridge: " + format_number(ridge) + " flop/byte";
        const float ridge_w = ImGui::CalcTextSize(ridge_label.c_str()).x;  // kept inside the plot on a phone
        dl->AddText({std::max(f.pmin.x + 4, std::min(r.x + fs * 0.5f, f.pmax.x - ridge_w - 4)), r.y + fs * 0.3f}, theme::kText,
                    ridge_label.c_str());
        const std::string roof_label = "peak " + format_number(spec.roofline.peak) + spec.value_suffix;
        const float rw = ImGui::CalcTextSize(roof_label.c_str()).x;
        const float above = r.y - fs * 1.3f;
        dl->AddText({f.pmax.x - rw - fs * 0.4f, above < f.pmin.y + 2 ? r.y + fs * 0.3f : above}, theme::kText,
                    roof_label.c_str());
        const std::string bw_label = format_number(spec.roofline.bandwidth) + " GB/s";
        const ImVec2 mid{(a.x + r.x) / 2, (a.y + r.y) / 2};
        dl->AddText({mid.x + fs * 0.4f, mid.y + fs * 0.2f}, theme::kTextDim, bw_label.c_str());
    }
    std::vector<ImVec4> placed;  // marker labels drawn so far (x0, y0, x1, y1): a label that would cover one goes lower
    for (const auto& m : spec.markers) {
        if (spec.log_x && m.x <= 0) continue;
        const float x = sx(m.x);
        const ImU32 c = m.color ? m.color : theme::kHighlight;
        dashed_line(dl, {x, f.pmin.y}, {x, f.pmax.y}, c, theme::kStrokeWidth, fs * 0.35f);
        const float w = ImGui::CalcTextSize(m.label.c_str()).x;
        // Right of its line, or left where that would leave the plot; never outside it.
        float lx = x + fs * 0.4f + w > f.pmax.x ? x - fs * 0.4f - w : x + fs * 0.4f;
        lx = std::max(f.pmin.x + 4, std::min(lx, f.pmax.x - w - 4));
        float label_y = f.pmin.y + fs * 0.3f;
        for (bool moved = true; moved;) {
            moved = false;
            for (const ImVec4& r : placed)
                if (lx - 4 < r.z && lx + w + 4 > r.x && label_y < r.w && label_y + fs * 1.2f > r.y) {
                    label_y = r.w + fs * 0.1f;
                    moved = true;
                }
        }
        placed.push_back({lx - 4, label_y, lx + w + 4, label_y + fs * 1.2f});
        dl->AddRectFilled({lx - 4, label_y}, {lx + w + 4, label_y + fs * 1.2f}, with_alpha(theme::kBackground, 0.85f), 4);
        dl->AddText({lx, label_y + fs * 0.1f}, c, m.label.c_str());
    }
    std::vector<std::vector<ImVec2>> screen(series.size());
    std::vector<std::vector<int>> source(series.size());  // screen point -> index in the series
    for (std::size_t s = 0; s < series.size(); ++s) {
        const Series& se = series[s];
        const ImU32 c = se.color ? se.color : series_color(static_cast<int>(s));
        for (std::size_t i = 0; i < se.x.size() && i < se.y.size(); ++i) {
            const double x = se.x[i], y = se.y[i];
            if (!std::isfinite(x) || !std::isfinite(y) || (spec.log_x && x <= 0) || (spec.log_y && y <= 0)) continue;
            screen[s].push_back({sx(x), sy(y)});
            source[s].push_back(static_cast<int>(i));
        }
        const auto& pts = screen[s];
        if (se.lines && pts.size() >= 2) {
            if (se.dashed)
                for (std::size_t i = 1; i < pts.size(); ++i)
                    dashed_line(dl, pts[i - 1], pts[i], c, theme::kStrokeWidth * 1.25f, fs * 0.45f);
            else
                dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), c, 0, theme::kStrokeWidth * 1.25f);
        }
        if (se.markers)
            for (const ImVec2& p : pts) {
                if (se.dashed)
                    dl->AddCircle(p, fs * 0.3f, c, 12, theme::kStrokeWidth);
                else
                    dl->AddCircleFilled(p, fs * 0.3f, c);
            }
        for (std::size_t k = 0; k < pts.size(); ++k) {
            const std::size_t i = static_cast<std::size_t>(source[s][k]);
            if (i < se.labels.size() && !se.labels[i].empty())
                dl->AddText({pts[k].x + fs * 0.45f, pts[k].y - fs * 1.1f}, theme::kText, se.labels[i].c_str());
        }
    }
    dl->PopClipRect();

    if (f.hovered) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const Hit hit = nearest_point(screen, mouse, fs * 1.5f);
        if (hit.series >= 0) {
            const Series& se = series[static_cast<std::size_t>(hit.series)];
            const std::size_t i =
                static_cast<std::size_t>(source[static_cast<std::size_t>(hit.series)][static_cast<std::size_t>(hit.index)]);
            const ImVec2 p = screen[static_cast<std::size_t>(hit.series)][static_cast<std::size_t>(hit.index)];
            dl->AddCircle(p, fs * 0.55f, theme::kText, 16, theme::kStrokeWidth);
            std::string head = se.name;
            if (i < se.labels.size() && !se.labels[i].empty()) head += "  \xc2\xb7  " + se.labels[i];
            tooltip(head, (spec.x_label.empty() ? std::string("x") : spec.x_label) + ": " + format_exact(se.x[i], spec.x_units) +
                              "\n" + (spec.y_label.empty() ? std::string("y") : spec.y_label) + ": " +
                              format_exact(se.y[i], spec.y_units) + spec.value_suffix);
        }
    }
    finish_frame(f);
}

// ---- Bar chart -----------------------------------------------------------------------------------

void bar_chart(const char* id, const ChartSpec& spec, const std::vector<std::string>& categories,
               const std::vector<Series>& series, ImVec2 size) {
    describe_bar_chart(spec, categories, series);
    const float fs = ImGui::GetFontSize(), pad = fs * 0.9f;
    const std::size_t ns = std::max<std::size_t>(series.size(), 1);
    const float bar_h = fs * (ns > 2 ? 0.95f : 1.25f), group_gap = fs * 0.7f;
    const float group_h = static_cast<float>(ns) * bar_h + group_gap;
    if (size.y <= 0) {
        const float head = (spec.title.empty() ? 0 : fs * 1.6f) +
                           (spec.legend && series.size() > 1 ? legend_height(series, size.x - 2 * pad, fs) + fs * 0.2f : 0);
        size.y = pad + head + fs * 0.5f + static_cast<float>(categories.size()) * group_h +
                 fs * (spec.x_label.empty() ? 1.6f : 3.1f) + pad;
    }
    Frame f;
    ChartSpec head_spec = spec;
    head_spec.legend = spec.legend && series.size() > 1;
    const float top = begin_frame(f, id, head_spec, series, size);
    ImDrawList* dl = f.dl;

    // Category names on the left, cut with an ellipsis past a third of the width.
    const float max_label_w = size.x * 0.34f;
    std::vector<std::string> names;
    float label_w = 0;
    for (const auto& c : categories) {
        std::string s = c;
        while (s.size() > 3 && ImGui::CalcTextSize(s.c_str()).x > max_label_w) {
            s.pop_back();
            while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();  // whole UTF-8 characters
        }
        if (s != c) s += "\xe2\x80\xa6";
        label_w = std::max(label_w, ImGui::CalcTextSize(s.c_str()).x);
        names.push_back(s);
    }
    double lo = std::numeric_limits<double>::max(), hi = 0;
    for (const auto& s : series)
        for (double v : s.y)
            if (std::isfinite(v) && (!spec.log_x || v > 0)) lo = std::min(lo, v), hi = std::max(hi, v);
    const bool empty = hi <= 0 && lo > hi;
    if (empty) lo = 1, hi = 10;
    // Room on the right for the value written after the longest bar.
    const Axis ax = nice_axis(spec.log_x ? lo : 0, hi * (spec.log_x ? 1.0 : 1.12), spec.log_x, true);
    f.pmin = {f.min.x + pad + label_w + fs * 0.8f, top + fs * 0.5f};
    f.pmax = {f.max.x - pad - fs * 0.5f, f.max.y - pad - fs * (spec.x_label.empty() ? 1.6f : 3.1f)};
    auto sx = [&](double v) {
        return static_cast<float>(f.pmin.x + std::clamp(to_unit(ax, v), 0.0, 1.0) * (f.pmax.x - f.pmin.x));
    };
    if (empty) {  // no axis to draw ticks on: the message alone, in the middle of the chart
        const char* none = "No measurements yet";
        const ImVec2 s = ImGui::CalcTextSize(none);
        dl->AddText({(f.min.x + f.max.x - s.x) / 2, (top + f.max.y - s.y) / 2}, theme::kTextDim, none);
        finish_frame(f);
        return;
    }
    const auto xt = spec.log_x ? log_ticks(ax.lo, ax.hi)
                               : linear_ticks(ax.lo, ax.hi, std::max(3, static_cast<int>((f.pmax.x - f.pmin.x) / (fs * 6))));
    float last_right = -1e9f;
    for (double t : xt) {
        const float x = sx(t);
        dl->AddLine({x, f.pmin.y}, {x, f.pmax.y}, theme::kBorder, theme::kLineWidth);
        const std::string s = format_value(t, spec.x_units);
        const float w = ImGui::CalcTextSize(s.c_str()).x;
        if (x - w / 2 < last_right + fs * 0.5f) continue;
        dl->AddText({x - w / 2, f.pmax.y + fs * 0.3f}, theme::kTextDim, s.c_str());
        last_right = x + w / 2;
    }
    if (!spec.x_label.empty()) {
        const float w = ImGui::CalcTextSize(spec.x_label.c_str()).x;
        dl->AddText({(f.pmin.x + f.pmax.x - w) / 2, f.pmax.y + fs * 1.6f}, theme::kTextDim, spec.x_label.c_str());
    }
    dl->AddLine({f.pmin.x, f.pmin.y}, {f.pmin.x, f.pmax.y}, theme::kTextDim, theme::kLineWidth);

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int hover_c = -1, hover_s = -1;
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const float gy = f.pmin.y + group_gap * 0.5f + static_cast<float>(c) * group_h;
        const float gh = static_cast<float>(ns) * bar_h;
        const ImVec2 ls = ImGui::CalcTextSize(names[c].c_str());
        dl->AddText({f.pmin.x - fs * 0.6f - ls.x, gy + (gh - ls.y) / 2}, theme::kText, names[c].c_str());
        for (std::size_t s = 0; s < series.size(); ++s) {
            const Series& se = series[s];
            if (c >= se.y.size() || !std::isfinite(se.y[c]) || (spec.log_x && se.y[c] <= 0)) continue;
            const ImU32 col = se.color ? se.color : series_color(static_cast<int>(s));
            const float y = gy + static_cast<float>(s) * bar_h;
            const ImVec2 a{f.pmin.x + 1, y + bar_h * 0.1f}, b{std::max(sx(se.y[c]), f.pmin.x + 3), y + bar_h * 0.9f};
            const bool hov = f.hovered && mouse.y >= a.y && mouse.y < b.y && mouse.x >= f.pmin.x && mouse.x <= f.pmax.x;
            if (hov) hover_c = static_cast<int>(c), hover_s = static_cast<int>(s);
            if (se.dashed) {
                dl->AddRectFilled(a, b, with_alpha(col, 0.35f), 3);
                dl->AddRect(a, b, col, 3, 0, theme::kStrokeWidth * 0.75f);
            } else {
                dl->AddRectFilled(a, b, hov ? with_alpha(col, 0.8f) : col, 3);
            }
            const std::string v = format_value(se.y[c], spec.x_units);
            const float vw = ImGui::CalcTextSize(v.c_str()).x;
            const float vy = (a.y + b.y - fs) / 2;
            if (b.x + fs * 0.3f + vw < f.max.x - pad * 0.3f)
                dl->AddText({b.x + fs * 0.3f, vy}, theme::kText, v.c_str());
            else
                dl->AddText({b.x - fs * 0.3f - vw, vy}, theme::kBackground, v.c_str());
        }
    }
    if (hover_c >= 0) {
        const Series& se = series[static_cast<std::size_t>(hover_s)];
        tooltip(categories[static_cast<std::size_t>(hover_c)] + (series.size() > 1 ? "  \xc2\xb7  " + se.name : ""),
                format_exact(se.y[static_cast<std::size_t>(hover_c)], spec.x_units) + spec.value_suffix);
    }
    finish_frame(f);
}

}  // namespace dojo::chart

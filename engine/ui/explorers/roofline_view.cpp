// The roofline explorer: pick a device and an operation and see its arithmetic intensity, whether
// memory or arithmetic limits it, and the speed the roofline allows (roofline_model.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "explorers/roofline_model.h"
#include "explorers/training_time.h"
#include "ui/access_tree.h"
#include "ui/chart.h"
#include "ui/explorers/explorer_widgets.h"
#include "ui/explorers_view.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

using explorer_ui::fit_width;
using explorer_ui::fmt;
using explorer_ui::row_label;
using explorer_ui::seconds_text;
using explorer_ui::with_commas;

// FLOP/s as a learner reads them: 896 GFLOP/s, 989 TFLOP/s.
std::string flops_rate(double v) {
    if (v >= 1e12) return format_significant(v / 1e12) + " TFLOP/s";
    if (v >= 1e9) return format_significant(v / 1e9) + " GFLOP/s";
    return format_significant(v / 1e6) + " MFLOP/s";
}

std::string count(double v) {  // 2.15 billion, 16.8 million, 4,096
    if (v >= 1e12) return format_significant(v / 1e12) + " trillion";
    if (v >= 1e9) return format_significant(v / 1e9) + " billion";
    if (v >= 1e6) return format_significant(v / 1e6) + " million";
    return fmt("%.0f", v);
}

std::string intensity_text(double v) {
    return v >= 10 ? with_commas(v) : format_significant(v);
}

struct OperationChoice {
    OperationKind kind;
    const char* label;
};
constexpr OperationChoice kOperations[] = {
    {OperationKind::Matmul, "Matrix multiply"},
    {OperationKind::Add, "Elementwise add"},
    {OperationKind::AttentionUnfused, "Attention, unfused (scores go to memory)"},
    {OperationKind::AttentionFused, "Attention, fused (scores stay on chip)"},
};

class RooflineExplorer : public Explorer {
public:
    RooflineExplorer() : devices_(explorer_devices()) {
        // Start on the first GPU in the table, so the first picture is the one lessons talk about.
        for (std::size_t i = 0; i < devices_.size(); ++i)
            if (devices_[i].kind != "CPU") {
                device_ = static_cast<int>(i);
                break;
            }
    }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            if (key == "device") {
                for (std::size_t i = 0; i < devices_.size(); ++i)
                    if (devices_[i].id == value) device_ = static_cast<int>(i);
            } else if (key == "op") {
                parse_operation_kind(value, op_.kind);
            } else if (key == "dtype") {
                if (value == "fp16" || value == "bf16") op_.format = NumberFormat::FP16;
                if (value == "fp32") op_.format = NumberFormat::FP32;
            }
        }
        // Size last: what it sets depends on the operation.
        if (auto it = params.find("size"); it != params.end()) {
            const double v = std::atof(it->second.c_str());
            if (v >= 1) {
                if (op_.kind == OperationKind::Matmul) op_.m = op_.n = op_.k = std::min(v, 65536.0);
                if (op_.kind == OperationKind::Add) op_.elements = std::min(v, 1e10);
                if (op_.kind == OperationKind::AttentionFused || op_.kind == OperationKind::AttentionUnfused)
                    op_.seq = std::min(v, 131072.0);
            }
        }
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("explore-roofline");
        const float fs = ImGui::GetFontSize();
        draw_controls(width);
        ImGui::Dummy({0, fs * 0.5f});
        const DeviceSpec* d = device();
        if (!d) {
            text_colored(theme::kDanger, "No devices to compare against.");
            ImGui::PopID();
            return;
        }
        const RooflinePoint p = point();
        if (!p.ok) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
            text_colored(theme::kDanger, (peak() > 0 ? p.error : no_peak_message(*d)).c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopID();
            return;
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::PushFont(fonts().strong);
        ImGui::TextWrapped("%s", sentence(*d, p).c_str());
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImGui::Dummy({0, fs * 0.3f});

        // The chart's axes are in GFLOP/s because its roofline writes the slope in GB/s.
        const double unit = 1e9;
        chart::ChartSpec spec;
        spec.title = "Roofline of the " + d->name;
        spec.x_label = "Arithmetic intensity (FLOPs per byte moved)";
        spec.y_label = "GFLOP/s (1k GFLOP/s = 1 TFLOP/s)";
        spec.log_x = spec.log_y = true;
        spec.value_suffix = " GFLOP/s";
        spec.legend = false;
        spec.roofline.peak = peak() / unit;
        spec.roofline.bandwidth = d->bandwidth_gbs * 1e9 / unit;
        spec.markers.push_back({p.intensity,
                                std::string("this operation: ") + (p.memory_bound ? "memory-bound" : "compute-bound"),
                                p.memory_bound ? theme::kNote : theme::kHighlight});
        chart::Series s;
        s.name = operation_label();
        s.x = {p.intensity};
        s.y = {p.attainable_flops / unit};
        s.color = p.memory_bound ? theme::kNote : theme::kHighlight;
        s.lines = false;
        chart::line_chart("chart:explore-roofline", spec, {s}, {width, std::clamp(width * 0.5f, fs * 16, fs * 24)});
        draw_numbers(*d, p, width);
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        const DeviceSpec* d = device();
        const RooflinePoint p = point();
        return {{"device", d ? d->id : ""},
                {"op", operation_kind_name(op_.kind)},
                {"dtype", op_.format == NumberFormat::FP16 ? "fp16" : "fp32"},
                {"m", op_.m},
                {"n", op_.n},
                {"k", op_.k},
                {"elements", op_.elements},
                {"seq", op_.seq},
                {"head_dim", op_.head_dim},
                {"heads", op_.heads},
                {"ok", p.ok},
                {"error", p.error},
                {"message", p.ok || !d   ? ""
                            : peak() > 0 ? p.error
                                         : no_peak_message(*d)},
                {"flops", p.flops},
                {"bytes", p.bytes},
                {"intensity", p.intensity},
                {"ridge", p.ridge},
                {"bound", p.ok ? (p.memory_bound ? "memory" : "compute") : ""},
                {"peak_flops", peak()},
                {"attainable_flops", p.attainable_flops},
                {"seconds", p.seconds}};
    }

private:
    const DeviceSpec* device() const {
        if (device_ < 0 || device_ >= static_cast<int>(devices_.size())) return nullptr;
        return &devices_[static_cast<std::size_t>(device_)];
    }
    double peak() const { return device() ? device_peak_for(*device(), op_) : 0.0; }
    RooflinePoint point() const {
        const DeviceSpec* d = device();
        return place_on_roofline(op_, peak(), d ? d->bandwidth_gbs * 1e9 : 0.0);
    }

    // Some makers publish only the matrix units' rates (TPUs, Gaudi) or only FP4 (DGX Spark).
    std::string no_peak_message(const DeviceSpec& d) const {
        if (op_.format == NumberFormat::FP16 && op_.kind != OperationKind::Add)
            return "The maker of the " + d.name + " publishes no FP16 or FP32 rate, so this operation has no roof here.";
        return "The maker of the " + d.name + " publishes no FP32 rate" +
               (op_.kind == OperationKind::Add ? " (an add cannot use the matrix units)" : "") +
               ", so this operation has no roof here." +
               (d.fp16_tflops > 0 && op_.kind != OperationKind::Add ? " Choose FP16 to see it on the matrix units." : "");
    }

    // Starts with the number format ("FP16 matrix multiply of ..."), so "An" always fits before it.
    std::string operation_label() const {
        const std::string format = op_.format == NumberFormat::FP16 ? "FP16" : "FP32";
        const std::string x = " \xc3\x97 ";
        switch (op_.kind) {
            case OperationKind::Matmul:
                return format + " matrix multiply of " + with_commas(op_.m) + x + with_commas(op_.k) + " by " +
                       with_commas(op_.k) + x + with_commas(op_.n);
            case OperationKind::Add:
                return format + " add of two vectors of " + count(op_.elements) + " elements";
            case OperationKind::AttentionUnfused:
            case OperationKind::AttentionFused:
                return format + (op_.kind == OperationKind::AttentionFused ? " fused" : " unfused") + " attention over " +
                       with_commas(op_.seq) + " tokens (" + fmt("%.0f", op_.heads) + " heads of " + fmt("%.0f", op_.head_dim) +
                       ")";
        }
        return "";
    }

    std::string sentence(const DeviceSpec& d, const RooflinePoint& p) const {
        std::string s = "An " + operation_label() + " does " + intensity_text(p.intensity) +
                        " FLOPs per byte it moves: " + (p.memory_bound ? "memory-bound" : "compute-bound") + " on the " + d.name +
                        ", whose ridge is at " + intensity_text(p.ridge) + ", so it can reach at most " +
                        flops_rate(p.attainable_flops);
        if (p.memory_bound) s += ", " + format_significant(100 * p.attainable_flops / peak()) + "% of the peak";
        return s + ".";
    }

    void draw_controls(float width) {
        explorer_ui::ControlColumns columns(width);
        const float label_w = columns.label_w, field_w = columns.field_w;

        float x0 = columns.x0();
        row_label("Device", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const DeviceSpec* d = device();
        const bool device_open = ImGui::BeginCombo("##device", d ? d->name.c_str() : "none");
        if (!device_open) describe_last_combo("Device", d ? d->name : "none");
        if (device_open) {
            for (std::size_t i = 0; i < devices_.size(); ++i)
                if (ImGui::Selectable((devices_[i].name + "##dev" + std::to_string(i)).c_str(), device_ == static_cast<int>(i)))
                    device_ = static_cast<int>(i);
            ImGui::EndCombo();
        }
        row_label("Operation", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const char* current = kOperations[0].label;
        for (const auto& o : kOperations)
            if (o.kind == op_.kind) current = o.label;
        const bool operation_open = ImGui::BeginCombo("##operation", current);
        if (!operation_open) describe_last_combo("Operation", current);
        if (operation_open) {
            for (const auto& o : kOperations)
                if (ImGui::Selectable(o.label, o.kind == op_.kind)) op_.kind = o.kind;
            ImGui::EndCombo();
        }
        row_label("Numbers", x0, label_w);
        int format = op_.format == NumberFormat::FP16 ? 1 : 0;
        ImGui::RadioButton("FP32", &format, 0);
        ImGui::SameLine();
        ImGui::RadioButton("FP16", &format, 1);
        op_.format = format == 1 ? NumberFormat::FP16 : NumberFormat::FP32;
        if (d)
            text_colored(theme::kTextDim, (std::string(op_.format == NumberFormat::FP16 ? "2" : "4") +
                                           " bytes a number. Peak for this operation " +
                                           (peak() > 0 ? flops_rate(peak()) : std::string("not published")) + ", memory " +
                                           with_commas(d->bandwidth_gbs) + " GB/s.")
                                              .c_str());
        columns.second();
        x0 = columns.x0();
        auto size_slider = [&](const char* label, const char* id, double& v, double lo, double hi) {
            row_label(label, x0, label_w);
            ImGui::SetNextItemWidth(field_w);
            ImGui::SliderScalar(id, ImGuiDataType_Double, &v, &lo, &hi, "%.0f", ImGuiSliderFlags_Logarithmic);
            describe_last_slider(v, lo, hi, "%.0f", label);
            v = std::clamp(std::round(v), lo, hi);
        };
        switch (op_.kind) {
            case OperationKind::Matmul:
                size_slider("Rows m", "##m", op_.m, 1, 32768);
                size_slider("Inner k", "##k", op_.k, 1, 32768);
                size_slider("Columns n", "##n", op_.n, 1, 32768);
                text_colored(theme::kTextDim, "m = 1 is a matrix times a vector, as in generating one token.");
                break;
            case OperationKind::Add:
                size_slider("Elements", "##elements", op_.elements, 1024, 1e10);
                break;
            case OperationKind::AttentionUnfused:
            case OperationKind::AttentionFused:
                size_slider("Sequence", "##seq", op_.seq, 16, 131072);
                size_slider("Head size", "##head_dim", op_.head_dim, 16, 256);
                size_slider("Heads", "##heads", op_.heads, 1, 128);
                break;
        }
        columns.end();
    }

    void draw_numbers(const DeviceSpec& d, const RooflinePoint& p, float width) {
        const float fs = ImGui::GetFontSize();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        const std::string lines[] = {
            "Work: " + count(p.flops) + " FLOPs. Data: " + format_bytes(p.bytes) + " read and written at least once.",
            "Arithmetic intensity: " + intensity_text(p.intensity) + " FLOPs per byte. Ridge of the " + d.name + ": " +
                flops_rate(peak()) + " \xc3\xb7 " + with_commas(d.bandwidth_gbs) + " GB/s = " + intensity_text(p.ridge) +
                " FLOPs per byte.",
            "Attainable: min(peak, intensity \xc3\x97 bandwidth) = " + flops_rate(p.attainable_flops) +
                ", so it takes at least " + seconds_text(p.seconds) + ".",
        };
        for (const auto& l : lines) text_colored(theme::kText, l.c_str());
        ImGui::Dummy({0, fs * 0.2f});
        text_colored(theme::kTextDim,
                     "Counts assume every input is read once and every result written once (perfect caches); real "
                     "kernels move at least this much, so real points sit at or below these. Peaks are the data "
                     "sheet's: FP16 uses the matrix units (tensor cores) where a device has them; an elementwise add "
                     "cannot, so it gets the FP32 peak.");
        ImGui::PopTextWrapPos();
    }

    std::vector<DeviceSpec> devices_;
    int device_ = 0;
    Operation op_{OperationKind::Matmul, NumberFormat::FP16, 4096, 4096, 4096, 1 << 24, 4096, 128, 32};
};

}  // namespace

std::unique_ptr<Explorer> make_roofline_explorer() {
    return std::make_unique<RooflineExplorer>();
}

}  // namespace dojo

// The training-time estimator: dataset, FLOPs per sample and epochs give a training run's total
// arithmetic, and each device (or the learner's own measured speed) turns it into a duration, shown
// as bars on a log scale so a week and an hour fit on one chart (training_time.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "explorers/training_time.h"
#include "labs/quantity_format.h"
#include "ui/access_tree.h"
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
using explorer_ui::with_commas;

std::string count(double v) {  // 1.28 million, 2.83 quintillion
    static const struct {
        double scale;
        const char* name;
    } names[] = {{1e18, " quintillion"}, {1e15, " quadrillion"}, {1e12, " trillion"}, {1e9, " billion"}, {1e6, " million"}};
    for (const auto& n : names)
        if (v >= n.scale) return format_significant(v / n.scale) + n.name;
    return format_significant(v);
}

// A slider's text as a plain label (no printf conversion, '%' doubled), e.g. "1.28 million".
std::string slider_text(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '%' ? std::string("%%") : std::string(1, c);
    return out;
}

struct Row {
    std::string id, name;
    bool cpu = false, own = false;
    TrainingEstimate estimate;
};

class TrainingExplorer : public Explorer {
public:
    TrainingExplorer() : devices_(explorer_devices()) {
        for (const DeviceSpec& d : devices_)
            if (d.kind != "CPU") {
                highlight_ = d.id;
                break;
            }
    }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            const double v = std::atof(value.c_str());
            if (key == "dataset" && v > 0) job_.samples = std::clamp(v, kSamplesMin, kSamplesMax);
            if (key == "flops_per_sample" && v > 0) gflops_per_sample_ = std::clamp(v / 1e9, kSampleGflopsMin, kSampleGflopsMax);
            if (key == "epochs" && v > 0) job_.epochs = std::clamp(v, kEpochsMin, kEpochsMax);
            if (key == "device") highlight_ = value;
            if (key == "utilization" && v > 0) utilization_pct_ = std::clamp(v <= 1 ? v * 100 : v, 1.0, 100.0);
            if (key == "gflops" && v > 0) {
                own_gflops_ = std::clamp(v, kOwnMin, kOwnMax);
                use_own_ = true;
            }
        }
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("explore-training");
        const float fs = ImGui::GetFontSize();
        draw_controls(width);
        ImGui::Dummy({0, fs * 0.5f});
        const std::vector<Row> rows = estimates();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        const TrainingEstimate& first = rows.empty() ? TrainingEstimate{} : rows.front().estimate;
        if (!rows.empty() && !first.ok) {
            text_colored(theme::kDanger, first.error.c_str());
        } else if (!rows.empty()) {
            ImGui::PushFont(fonts().strong);
            ImGui::TextWrapped("%s", headline(rows).c_str());
            ImGui::PopFont();
            text_colored(theme::kTextDim,
                         ("Total work: " + count(job_.samples) + " samples \xc3\x97 " + format_significant(gflops_per_sample_) +
                          " GFLOPs forward \xc3\x97 3 (forward "
                          "and backward) \xc3\x97 " +
                          format_significant(job_.epochs) + " epochs = " + count(first.total_flops) + " FLOPs.")
                             .c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::Dummy({0, fs * 0.4f});
        draw_bars(rows, width, fs);
        ImGui::Dummy({0, fs * 0.4f});
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        text_colored(theme::kTextDim,
                     "A backward pass costs about twice the forward pass, so training costs about 3 forward passes per "
                     "sample. Utilization is the share of the data-sheet peak a real run sustains (often called MFU): "
                     "well-tuned GPU training reaches about 30-50%; on CPUs, layers that wait on memory often keep it "
                     "lower. Mixed precision uses each device's FP16 matrix units where it has them; CPUs use their FP32 "
                     "peak either way. Your measured speed is used as it is, with no utilization applied.");
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        nlohmann::json devices = nlohmann::json::array();
        for (const Row& r : estimates())
            devices.push_back({{"id", r.id},
                               {"ok", r.estimate.ok},
                               {"error", r.estimate.error},
                               {"seconds", r.estimate.seconds},
                               {"duration", r.estimate.duration},
                               {"flops_per_second", r.estimate.sustained_flops}});
        return {{"samples", job_.samples},
                {"flops_per_sample", gflops_per_sample_ * 1e9},
                {"epochs", job_.epochs},
                {"utilization", utilization_pct_ / 100},
                {"mixed_precision", mixed_precision_},
                {"own_gflops", use_own_ ? own_gflops_ : 0.0},
                {"highlight", highlight_},
                {"total_flops", job_.samples * gflops_per_sample_ * 1e9 * kTrainingToForwardRatio * job_.epochs},
                {"devices", devices}};
    }

private:
    std::vector<Row> estimates() const {
        const TrainingJob job{job_.samples, gflops_per_sample_ * 1e9, job_.epochs};
        std::vector<Row> rows;
        for (const DeviceSpec& d : devices_) {
            const double tflops = mixed_precision_ && d.fp16_tflops > 0 ? d.fp16_tflops : d.fp32_tflops;
            rows.push_back({d.id, d.name, d.kind == "CPU", false, estimate_training(job, tflops * 1e12, utilization_pct_ / 100)});
        }
        if (use_own_)
            rows.push_back({"own", "Your measured speed (" + format_significant(own_gflops_) + " GFLOP/s)", false, true,
                            estimate_training_at(job, own_gflops_ * 1e9)});
        return rows;
    }

    std::string headline(const std::vector<Row>& rows) const {
        const Row* cpu = nullptr;
        const Row* other = nullptr;
        for (const Row& r : rows) {
            if (r.cpu && !cpu) cpu = &r;
            if (r.id == highlight_) other = &r;
        }
        if (!other && use_own_) other = &rows.back();
        if (!cpu || !cpu->estimate.ok) return "";
        std::string s = "On the " + cpu->name + ": " + cpu->estimate.duration + ".";
        if (other && other != cpu && other->estimate.ok) {
            s += " On " + std::string(other->own ? "" : "the ") + (other->own ? "your measured speed" : other->name) + ": " +
                 other->estimate.duration;
            const double ratio = cpu->estimate.seconds / other->estimate.seconds;
            if (ratio >= 1.5) s += ", " + (ratio < 10 ? fmt("%.1f", ratio) : with_commas(ratio)) + " times sooner";
            s += ".";
        }
        return s;
    }

    void draw_controls(float width) {
        explorer_ui::ControlColumns columns(width, 0.42f, 10);
        const float label_w = columns.label_w, field_w = columns.field_w;
        auto slider = [&](const char* label, const char* id, double& v, double lo, double hi, const char* format, float x0) {
            row_label(label, x0, label_w);
            ImGui::SetNextItemWidth(field_w);
            ImGui::SliderScalar(id, ImGuiDataType_Double, &v, &lo, &hi, format, ImGuiSliderFlags_Logarithmic);
            describe_last_slider(v, lo, hi, format, label);
            v = std::clamp(v, lo, hi);
        };

        slider("Dataset", "##samples", job_.samples, kSamplesMin, kSamplesMax,
               slider_text(count(job_.samples) + " samples").c_str(), columns.x0());
        slider("Forward pass", "##gflops_per_sample", gflops_per_sample_, kSampleGflopsMin, kSampleGflopsMax,
               slider_text(format_significant(gflops_per_sample_) + " GFLOPs").c_str(), columns.x0());
        slider("Epochs", "##epochs", job_.epochs, kEpochsMin, kEpochsMax, "%.0f", columns.x0());
        text_colored(theme::kTextDim, "Forward pass: the FLOPs of one pass over one example.");
        columns.second();
        float x0 = columns.x0();
        row_label("Numbers", x0, label_w);
        ImGui::Checkbox("Mixed precision (FP16/BF16)", &mixed_precision_);
        row_label("Utilization", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        ImGui::SliderScalar("##utilization", ImGuiDataType_Double, &utilization_pct_, &kUtilMin, &kUtilMax, "%.0f%% of peak");
        describe_last_slider(utilization_pct_, kUtilMin, kUtilMax, "%.0f%% of peak", "Utilization");
        utilization_pct_ = std::clamp(utilization_pct_, kUtilMin, kUtilMax);
        row_label("Your speed", x0, label_w);
        ImGui::Checkbox("Add a speed I measured##own", &use_own_);
        if (use_own_) {
            const ImVec2 at = ImGui::GetCursorScreenPos();  // after the text: never overlap a long label
            ImGui::SetCursorScreenPos({std::max(x0 + label_w, at.x), at.y});
            ImGui::SetNextItemWidth(field_w);
            ImGui::SliderScalar("##own_gflops", ImGuiDataType_Double, &own_gflops_, &kOwnMin, &kOwnMax,
                                slider_text(format_significant(own_gflops_) + " GFLOP/s").c_str(), ImGuiSliderFlags_Logarithmic);
            describe_last_slider(own_gflops_, kOwnMin, kOwnMax, "%g GFLOP/s", "Your speed");
            own_gflops_ = std::clamp(own_gflops_, kOwnMin, kOwnMax);
        }
        columns.end();
    }

    // One row per device: its name, a bar whose length is the time on a log scale, the duration.
    void draw_bars(const std::vector<Row>& rows, float width, float fs) {
        double lo = 1e300, hi = 0;
        for (const Row& r : rows)
            if (r.estimate.ok) lo = std::min(lo, r.estimate.seconds), hi = std::max(hi, r.estimate.seconds);
        if (hi <= 0) return;
        // A decade of room below the shortest bar, so it still shows; at least four decades in all.
        const double a = std::log10(lo) - 1, b = std::max(std::log10(hi), a + 4);
        auto at = [&](double seconds) { return static_cast<float>((std::log10(seconds) - a) / (b - a)); };

        float name_w = 0;
        for (const Row& r : rows) name_w = std::max(name_w, ImGui::CalcTextSize(r.name.c_str()).x);
        name_w = std::min(name_w, width * 0.38f);
        const float value_w = ImGui::CalcTextSize("999.9 minutes").x + fs * 0.5f;
        const float row_h = fs * 1.55f;
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float x_bar = origin.x + name_w + fs * 0.8f;
        const float bar_w = std::max(fs * 4, width - (x_bar - origin.x) - value_w);
        ImDrawList* dl = ImGui::GetWindowDrawList();

        // Reference lines at durations people know.
        static const struct {
            double seconds;
            const char* label;
        } marks[] = {{1, "1 s"},
                     {60, "1 min"},
                     {3600, "1 hour"},
                     {86400, "1 day"},
                     {7 * 86400, "1 week"},
                     {30.44 * 86400, "1 month"},
                     {365.25 * 86400, "1 year"}};
        const float top = origin.y + fs * 1.3f, bottom = top + row_h * static_cast<float>(rows.size());
        float last_right = -1e9f;
        for (const auto& m : marks) {
            const float u = at(m.seconds);
            if (u < 0 || u > 1) continue;
            const float x = x_bar + u * bar_w;
            dl->AddLine({x, top}, {x, bottom}, theme::kBorder);
            const float w = ImGui::CalcTextSize(m.label).x;
            if (x - w / 2 < last_right + fs * 0.4f) continue;
            dl->AddText({x - w / 2, origin.y}, theme::kTextDim, m.label);
            last_right = x + w / 2;
        }
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Row& r = rows[i];
            const float y = top + row_h * static_cast<float>(i);
            const bool hot = r.id == highlight_ || r.own;
            std::string name = r.name;
            while (name.size() > 4 && ImGui::CalcTextSize(name.c_str()).x > name_w) name.pop_back();
            if (name != r.name) name += "\xe2\x80\xa6";
            const float nw = ImGui::CalcTextSize(name.c_str()).x;
            if (hot) ImGui::PushFont(fonts().strong);
            dl->AddText({x_bar - fs * 0.8f - nw, y + (row_h - fs) / 2}, hot ? theme::kText : theme::kTextDim, name.c_str());
            if (hot) ImGui::PopFont();
            if (!r.estimate.ok) {
                dl->AddText({x_bar, y + (row_h - fs) / 2}, theme::kDanger, r.estimate.error.c_str());
                continue;
            }
            const ImU32 color = r.own ? theme::kHighlight : r.cpu ? theme::kNote : theme::kAccent;
            const float end = x_bar + std::max(3.0f, std::clamp(at(r.estimate.seconds), 0.0f, 1.0f) * bar_w);
            dl->AddRectFilled({x_bar, y + row_h * 0.15f}, {end, y + row_h * 0.85f}, hot ? color : theme::tint(color, 0.35f), 3);
            dl->AddText({end + fs * 0.4f, y + (row_h - fs) / 2}, theme::kText, r.estimate.duration.c_str());
            widget_registry().record("training:" + r.id, origin.x, y, width, row_h);
        }
        ImGui::Dummy({width, bottom - origin.y + fs * 0.3f});
        text_colored(theme::kTextDim, "Bar lengths are on a log scale: each step right is ten times longer.");
    }

    static constexpr double kSamplesMin = 1e3, kSamplesMax = 1e10;
    static constexpr double kSampleGflopsMin = 1e-3, kSampleGflopsMax = 1e5;
    static constexpr double kEpochsMin = 1, kEpochsMax = 1000;
    static constexpr double kUtilMin = 1, kUtilMax = 100;
    static constexpr double kOwnMin = 0.1, kOwnMax = 1e6;

    std::vector<DeviceSpec> devices_;
    // Defaults: ResNet-50 on ImageNet-1k, the classic image-classification run: 1.28 million training
    // images, 3.8 billion multiply-adds (7.6 GFLOPs) per 224 x 224 image (He et al., 2016, table 1),
    // 90 epochs.
    TrainingJob job_{1.28e6, 0, 90};
    double gflops_per_sample_ = 7.6;
    double utilization_pct_ = 40;
    bool mixed_precision_ = true;
    bool use_own_ = false;
    double own_gflops_ = 100;
    std::string highlight_;
};

}  // namespace

std::unique_ptr<Explorer> make_training_explorer() {
    return std::make_unique<TrainingExplorer>();
}

}  // namespace dojo

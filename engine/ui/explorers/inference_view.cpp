// The LLM inference explorer: pick a device, a model, the number formats of its weights and KV cache,
// how many conversations are batched and how long they are, and see each decode step's bytes and
// time, tokens per second per user and in total, the time to the first token, whether it fits, and
// the energy per token. The arithmetic is engine/explorers/inference_model.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "explorers/inference_model.h"
#include "explorers/training_time.h"
#include "explorers/vram_plan.h"
#include "ui/access_tree.h"
#include "ui/chart.h"
#include "ui/explorers/explorer_widgets.h"
#include "ui/explorers_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
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
using explorer_ui::wrap_at_spaces;

constexpr int kMaxBatchSlider = 1024;
constexpr int kMinContext = 128, kMaxContext = 131072;

std::string gb(double bytes) {
    return format_significant(bytes / 1e9) + " GB";
}

std::string per_token(double bytes) {  // 131 KB, 1.05 MB
    if (bytes >= 1e6) return format_significant(bytes / 1e6) + " MB";
    return format_significant(bytes / 1e3) + " KB";
}

std::string rate(double tokens_per_second) {
    return tokens_per_second >= 100 ? with_commas(tokens_per_second) : format_significant(tokens_per_second);
}

std::string joules(double j) {
    if (j >= 1) return format_significant(j) + " J";
    return format_significant(j * 1e3) + " mJ";
}

std::optional<NumberFormat> format_of(const std::string& name) {
    return parse_dtype(name);
}

const char* format_label(NumberFormat f) {
    switch (f) {
        case NumberFormat::FP8:
            return "FP8";
        case NumberFormat::INT8:
            return "INT8";
        case NumberFormat::INT4:
            return "INT4";
        default:
            return "BF16";
    }
}

class InferenceExplorer : public Explorer {
public:
    InferenceExplorer() : devices_(explorer_devices()) {
        for (std::size_t i = 0; i < devices_.size(); ++i)
            if (devices_[i].id == "h100-sxm") device_ = static_cast<int>(i);
        recompute();
    }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            const double v = std::atof(value.c_str());
            if (key == "device") {
                for (std::size_t i = 0; i < devices_.size(); ++i)
                    if (devices_[i].id == value) device_ = static_cast<int>(i);
            } else if (key == "model" && find_model_preset(value)) {
                in_.model = value;
                in_.kv_heads = 0;
            } else if (key == "dtype") {
                if (auto f = format_of(value); f && *f != NumberFormat::FP32) in_.weights = *f;
            } else if (key == "kv_dtype") {
                if (auto f = format_of(value); f && (*f == NumberFormat::BF16 || *f == NumberFormat::FP8)) in_.kv = *f;
            } else if (key == "batch" && v >= 1) {
                in_.batch = std::min(kMaxBatchSlider, static_cast<int>(v));
            } else if (key == "context" && v >= 1) {
                in_.context = std::clamp(static_cast<int>(v), kMinContext, kMaxContext);
            }
        }
        // KV heads last: whether a count is allowed depends on the model.
        if (auto it = params.find("kv_heads"); it != params.end()) {
            const int k = std::atoi(it->second.c_str());
            const ModelPreset* m = find_model_preset(in_.model);
            if (m && k >= 1 && k <= m->shape.heads && m->shape.heads % k == 0) in_.kv_heads = k == m->shape.kv_heads ? 0 : k;
        }
        recompute();
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("explore-inference");
        const float fs = ImGui::GetFontSize();
        draw_controls(width);
        ImGui::Dummy({0, fs * 0.5f});
        draw_answer(width);
        if (e_.ok) {
            ImGui::Dummy({0, fs * 0.3f});
            draw_chart(width, fs);
            draw_numbers(width, fs);
        }
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        const DeviceSpec* d = device();
        return {{"device", d ? d->id : ""},
                {"model", in_.model},
                {"dtype", format_name(in_.weights)},
                {"kv_dtype", format_name(in_.kv)},
                {"batch", in_.batch},
                {"context", in_.context},
                {"kv_heads", e_.kv_heads},
                {"ok", e_.ok},
                {"error", e_.error},
                {"weight_bytes", e_.weight_bytes},
                {"kv_bytes_per_token", e_.kv_bytes_per_token},
                {"kv_bytes", e_.kv_bytes},
                {"bytes_per_step", e_.bytes_per_step},
                {"step_seconds", e_.step_seconds},
                {"bound", e_.ok ? (e_.memory_bound ? "memory" : "compute") : ""},
                {"tokens_per_second_user", e_.tokens_per_second_user},
                {"tokens_per_second_total", e_.tokens_per_second_total},
                {"ttft_seconds", e_.ttft_seconds},
                {"memory_needed", e_.memory_needed},
                {"fits", e_.fits},
                {"largest_batch", e_.largest_batch},
                {"joules_per_token", e_.joules_per_token},
                {"answer", answer_}};
    }

private:
    const DeviceSpec* device() const {
        if (device_ < 0 || device_ >= static_cast<int>(devices_.size())) return nullptr;
        return &devices_[static_cast<std::size_t>(device_)];
    }

    const ModelPreset* model() const { return find_model_preset(in_.model); }

    void recompute() {
        const DeviceSpec* d = device();
        if (!d) {
            e_ = {};
            e_.error = "No device is chosen.";
        } else {
            e_ = estimate_inference(in_, *d);
        }
        curve_batches_.clear();
        curve_user_.clear();
        curve_total_.clear();
        if (e_.ok && d) {
            // The curve over batches 1, 2, 4 ... up to the largest that fits (or the slider's end).
            const int last = std::min(kMaxBatchSlider, std::max(1, e_.largest_batch));
            for (int b = 1; b <= last; b *= 2) add_point(*d, b);
            if (curve_batches_.empty() || curve_batches_.back() != last) add_point(*d, last);
        }
        answer_ = make_answer();
    }

    void add_point(const DeviceSpec& d, int batch) {
        InferenceInputs in = in_;
        in.batch = batch;
        const InferenceEstimate p = estimate_inference(in, d);
        if (!p.ok) return;
        curve_batches_.push_back(batch);
        curve_user_.push_back(p.tokens_per_second_user);
        curve_total_.push_back(p.tokens_per_second_total);
    }

    std::string model_name() const {
        const ModelPreset* m = model();
        return m ? m->name : in_.model;
    }

    std::string make_answer() const {
        const DeviceSpec* d = device();
        if (!e_.ok || !d) return e_.error;
        const std::string conversations = in_.batch == 1 ? "one conversation" : with_commas(in_.batch) + " conversations";
        std::string s = model_name() + " in " + format_label(in_.weights) + " on the " + d->name + ", " + conversations + " of " +
                        with_commas(in_.context) + " tokens: ";
        if (!e_.fits) {
            s += "needs " + gb(e_.memory_needed) + " but the device has " + gb(device_bytes(*d)) + ". ";
            if (e_.largest_batch >= 1)
                return s + "At most " + with_commas(e_.largest_batch) +
                       (e_.largest_batch == 1 ? " conversation" : " conversations") + " of this length fit.";
            return s + "Not even one conversation of this length fits: use fewer bits, a shorter context or more devices.";
        }
        s += "each step reads " + gb(e_.bytes_per_step) + " (" + gb(e_.weight_bytes) + " of weights + " + gb(e_.kv_bytes) +
             " of KV cache) and takes at least " + seconds_text(e_.step_seconds) + ", so each user gets " +
             rate(e_.tokens_per_second_user) + " tokens/s";
        if (in_.batch > 1) s += " and all together " + rate(e_.tokens_per_second_total) + " tokens/s";
        s += e_.memory_bound ? " (memory-bound)." : " (compute-bound).";
        return s;
    }

    void draw_controls(float width) {
        explorer_ui::ControlColumns columns(width);
        const float label_w = columns.label_w, field_w = columns.field_w;
        bool changed = false;
        float x0 = columns.x0();
        row_label("Device", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const DeviceSpec* d = device();
        const bool device_open = ImGui::BeginCombo("##device", d ? d->name.c_str() : "none");
        if (!device_open) describe_last_combo("Device", d ? d->name : "none");
        if (device_open) {
            for (std::size_t i = 0; i < devices_.size(); ++i)
                if (ImGui::Selectable((devices_[i].name + "##dev" + std::to_string(i)).c_str(), device_ == static_cast<int>(i))) {
                    device_ = static_cast<int>(i);
                    changed = true;
                }
            ImGui::EndCombo();
        }
        row_label("Model", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const std::string name = model_name();
        const bool model_open = ImGui::BeginCombo("##model", name.c_str());
        if (!model_open) describe_last_combo("Model", name);
        if (model_open) {
            for (const ModelPreset& m : model_presets())
                if (ImGui::Selectable(m.name.c_str(), m.id == in_.model)) {
                    in_.model = m.id;
                    in_.kv_heads = 0;
                    changed = true;
                }
            ImGui::EndCombo();
        }
        row_label("Weights", x0, label_w);
        changed |= format_radios(inference_weight_formats(), "##weights", in_.weights, x0 + label_w, field_w);
        row_label("KV cache", x0, label_w);
        changed |= format_radios(inference_kv_formats(), "##kv", in_.kv, x0 + label_w, field_w);
        columns.second();
        x0 = columns.x0();
        row_label("Batch", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const char* batch_format = in_.batch == 1 ? "%d conversation" : "%d conversations";
        changed |= ImGui::SliderInt("##batch", &in_.batch, 1, kMaxBatchSlider, batch_format, ImGuiSliderFlags_Logarithmic);
        describe_last_slider(in_.batch, 1, kMaxBatchSlider, batch_format, "Batch");
        in_.batch = std::clamp(in_.batch, 1, kMaxBatchSlider);
        row_label("Context", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        changed |=
            ImGui::SliderInt("##context", &in_.context, kMinContext, kMaxContext, "%d tokens", ImGuiSliderFlags_Logarithmic);
        describe_last_slider(in_.context, kMinContext, kMaxContext, "%d tokens", "Context");
        in_.context = std::clamp(in_.context, kMinContext, kMaxContext);
        if (const ModelPreset* m = model()) {
            row_label("KV heads", x0, label_w);
            ImGui::SetNextItemWidth(field_w);
            const int own = m->shape.kv_heads;
            const int current = in_.kv_heads > 0 ? in_.kv_heads : own;
            const std::string shown = kv_heads_label(current, *m);
            const bool open = ImGui::BeginCombo("##kv-heads", shown.c_str());
            if (!open) describe_last_combo("KV heads", shown);
            if (open) {
                for (int k = 1; k <= m->shape.heads; ++k)
                    if (m->shape.heads % k == 0 && ImGui::Selectable(kv_heads_label(k, *m).c_str(), k == current)) {
                        in_.kv_heads = k == own ? 0 : k;
                        changed = true;
                    }
                ImGui::EndCombo();
            }
        }
        columns.end();
        if (changed) recompute();
    }

    // One radio button per format, in a row that wraps onto the next line (at x) when `width` is used up.
    static bool format_radios(const std::vector<std::string>& names, const char* id, NumberFormat& value, float x, float width) {
        const ImGuiStyle& style = ImGui::GetStyle();
        bool changed = false;
        float used = 0;
        for (const std::string& f : names) {
            const NumberFormat nf = *parse_dtype(f);
            const char* label = format_label(nf);
            const float w = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
            if (used > 0 && used + style.ItemSpacing.x + w <= width) {
                ImGui::SameLine();
                used += style.ItemSpacing.x + w;
            } else {
                if (used > 0) ImGui::SetCursorScreenPos({x, ImGui::GetCursorScreenPos().y});
                used = w;
            }
            if (ImGui::RadioButton((std::string(label) + id).c_str(), value == nf)) {
                value = nf;
                changed = true;
            }
        }
        return changed;
    }

    static std::string kv_heads_label(int k, const ModelPreset& m) {
        std::string s = std::to_string(k);
        if (k == 1)
            s += " (multi-query)";
        else if (k == m.shape.heads)
            s += " (one per query head)";
        else
            s += " (grouped-query)";
        if (k == m.shape.kv_heads) s += ", the model's own";
        return s;
    }

    void draw_answer(float width) {
        const bool good = e_.ok && e_.fits;
        explorer_ui::answer_sentence(!e_.ok ? icon::kInfoCircle
                                     : good ? icon::kCheck
                                            : icon::kTimes,
                                     answer_,
                                     !e_.ok ? theme::kWarning
                                     : good ? theme::kSuccess
                                            : theme::kDanger,
                                     "inference-answer", width);
    }

    void draw_chart(float width, float fs) {
        if (curve_batches_.empty()) return;
        chart::ChartSpec spec;
        spec.title = "Tokens per second against batch size";
        spec.x_label = "Conversations in the batch";
        spec.y_label = "Tokens per second";
        spec.log_x = spec.log_y = true;
        spec.x_pow2 = true;
        spec.value_suffix = " tokens/s";
        spec.markers.push_back({static_cast<double>(in_.batch), "this batch", theme::kHighlight});
        if (e_.largest_batch >= 1 && e_.largest_batch <= kMaxBatchSlider)
            spec.markers.push_back({static_cast<double>(e_.largest_batch), "memory full", theme::kDanger});
        chart::Series total;
        total.name = "All users together";
        total.x = curve_batches_;
        total.y = curve_total_;
        total.color = theme::kSuccess;
        chart::Series user;
        user.name = "Each user";
        user.x = curve_batches_;
        user.y = curve_user_;
        user.color = theme::kNote;
        chart::line_chart("chart:explore-inference", spec, {total, user}, {width, std::clamp(width * 0.45f, fs * 18, fs * 24)});
    }

    void draw_numbers(float width, float fs) {
        const DeviceSpec* d = device();
        if (!d) return;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        const std::string x = " \xc3\x97 ";
        std::vector<std::string> lines = {
            "Weights: " + fmt("%.3g", e_.params / 1e9) + " billion parameters" + x +
                format_significant(bytes_per_value(in_.weights)) + " bytes = " + gb(e_.weight_bytes) +
                ", read once per step and shared by the whole batch.",
            "KV cache: 2" + x + std::to_string(e_.layers) + " layers" + x + std::to_string(e_.kv_heads) + " KV heads" + x +
                std::to_string(e_.head_dim) + x + format_significant(bytes_per_value(in_.kv)) +
                " bytes = " + per_token(e_.kv_bytes_per_token) + " per token; " + with_commas(in_.batch) + x +
                with_commas(in_.context) + " tokens = " + gb(e_.kv_bytes),
            "One step: memory " + seconds_text(e_.memory_seconds) + " (" + gb(e_.bytes_per_step) + " \xc3\xb7 " +
                with_commas(d->bandwidth_gbs) + " GB/s), arithmetic " + seconds_text(e_.compute_seconds) + ": " +
                (e_.memory_bound ? "memory-bound." : "compute-bound."),
            "Time to first token for one " + with_commas(in_.context) + "-token prompt (prefill): at least " +
                seconds_text(e_.ttft_seconds) + ". Time per output token: " + seconds_text(e_.step_seconds) + ".",
            "Memory: " + gb(e_.memory_needed) + " (with 1 GB of overhead) of " + gb(device_bytes(*d)) +
                (d->unified_memory ? " (shared with the CPU and the system, so the GPU may get less)" : "") +
                (e_.largest_batch >= 1 ? "; up to " + with_commas(e_.largest_batch) + " conversations of this length fit."
                                       : "; not one conversation of this length fits."),
        };
        lines[1] += ", read in full by every step: batching shares the weights, not the KV cache.";
        if (e_.joules_per_token > 0)
            lines.push_back("Energy: about " + joules(e_.joules_per_token) + " per token at the board's " +
                            with_commas(d->power_w) + " W.");
        for (const auto& l : lines) text_colored(theme::kText, l.c_str());
        ImGui::Dummy({0, fs * 0.2f});
        text_colored(theme::kTextDim,
                     "Ideal times from the roofline: every byte read at the datasheet bandwidth and every FLOP at the dense "
                     "peak, nothing overlapped or wasted. Real servers reach perhaps half to four fifths of this.");
        ImGui::PopTextWrapPos();
    }

    std::vector<DeviceSpec> devices_;
    int device_ = 0;
    InferenceInputs in_;
    InferenceEstimate e_;
    std::string answer_;
    std::vector<double> curve_batches_, curve_user_, curve_total_;
};

}  // namespace

std::unique_ptr<Explorer> make_inference_explorer() {
    return std::make_unique<InferenceExplorer>();
}

}  // namespace dojo

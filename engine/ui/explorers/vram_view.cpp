// The VRAM planner's view: the learner picks a model, number format, training or inference,
// optimizer, batch and sequence length, and sees the memory broken down part by part against a
// chosen device, one sentence that answers "does it fit?", and every device of the table with the
// largest batch that fits on it. The arithmetic is engine/explorers/vram_plan.
//
// Index of this file (one explorer, read best whole):
// - Formatting helpers: decimal gigabytes, short device names, the parts of the breakdown
// - VramExplorer: parameters from a lesson block or a link, the test state, the plan recomputed
// - Drawing: the inputs, the answer sentence, the breakdown bar, every device with its largest batch
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "explorers/vram_plan.h"
#include "ui/access_tree.h"
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
using explorer_ui::with_commas;
using explorer_ui::wrap_at_spaces;

// Decimal gigabytes, as the vendors print memory sizes.
std::string gb(double bytes) {
    const double g = bytes / 1e9;
    if (g < 1) return fmt("%.0f MB", bytes / 1e6);
    if (g < 100) return fmt("%.1f GB", g);
    return fmt("%.0f GB", g);
}

std::string params_text(double params) {
    if (params >= 1e9) return fmt(params >= 1e10 ? "%.0fB" : "%.1fB", params / 1e9);
    if (params >= 1e6) return fmt("%.0fM", params / 1e6);
    return with_commas(static_cast<long long>(params));
}

// A short device name for sentences: "NVIDIA H100 SXM (80 GB)" stays as it is.
const std::string& device_label(const DeviceSpec& d) {
    return d.name;
}

struct Part {
    const char* name;
    double bytes;
    ImU32 color;
};

constexpr NumberFormat kDtypes[] = {NumberFormat::FP32, NumberFormat::BF16, NumberFormat::FP8, NumberFormat::INT8,
                                    NumberFormat::INT4};
constexpr const char* kDtypeLabels[] = {"fp32 (4 bytes)", "bf16 / fp16 (2 bytes)", "fp8 (1 byte)", "int8 (1 byte)",
                                        "int4 (about 0.52 bytes)"};
constexpr Optimizer kOptimizers[] = {Optimizer::Adam, Optimizer::SgdMomentum, Optimizer::Sgd};
constexpr const char* kOptimizerLabels[] = {"Adam / AdamW (8 bytes of state)", "SGD with momentum (4 bytes)",
                                            "Plain SGD (no state)"};

class VramExplorer : public Explorer {
public:
    VramExplorer() {
        in_.model = "llama2-7b";
        in_.params = find_model_preset(in_.model)->params;
        device_ = "h100-sxm";
        recompute();
    }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            if (key == "params") {
                const double p = std::strtod(value.c_str(), nullptr);
                if (p > 0) in_.params = p, in_.model.clear();
            } else if (key == "model") {
                if (const ModelPreset* m = find_model_preset(value)) in_.model = m->id, in_.params = m->params;
            } else if (key == "dtype") {
                if (auto d = parse_dtype(value)) in_.dtype = *d;
            } else if (key == "mode") {
                if (auto m = parse_run_mode(value)) in_.mode = *m;
            } else if (key == "optimizer") {
                if (auto o = parse_optimizer(value)) in_.optimizer = *o;
            } else if (key == "batch") {
                const int b = std::atoi(value.c_str());
                if (b >= 1) in_.batch = std::min(b, kMaxBatch);
            } else if (key == "seq") {
                const int s = std::atoi(value.c_str());
                if (s >= 1) in_.seq = std::min(s, 131072);
            } else if (key == "checkpointing") {
                in_.checkpointing = value == "true" || value == "yes" || value == "1";
            } else if (key == "device") {
                if (find_device(value)) device_ = value;
            }
        }
        // A block that names a parameter count but no preset, and a preset in the same block: the
        // preset's shape with the block's count is what it asked for.
        if (auto it = params.find("model"); it != params.end() && find_model_preset(it->second)) {
            in_.model = it->second;
            if (auto p = params.find("params"); p != params.end() && std::strtod(p->second.c_str(), nullptr) > 0)
                in_.params = std::strtod(p->second.c_str(), nullptr);
        }
        recompute();
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("vram-explorer");
        draw_inputs(width);
        ImGui::Dummy({0, 6});
        draw_answer(width);
        ImGui::Dummy({0, 6});
        draw_breakdown(width);
        ImGui::Dummy({0, 8});
        draw_devices(width);
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        nlohmann::json j;
        j["params"] = in_.params;
        j["model"] = in_.model;
        j["dtype"] = format_name(in_.dtype);
        j["mode"] = run_mode_name(in_.mode);
        j["optimizer"] = optimizer_name(in_.optimizer);
        j["batch"] = in_.batch;
        j["seq"] = in_.seq;
        j["checkpointing"] = in_.checkpointing;
        j["device"] = device_;
        j["ok"] = plan_.ok;
        j["error"] = plan_.error;
        j["layers"] = plan_.shape.layers;
        j["width"] = plan_.shape.width;
        j["weights_bytes"] = plan_.weights;
        j["gradients_bytes"] = plan_.gradients;
        j["master_weights_bytes"] = plan_.master_weights;
        j["optimizer_bytes"] = plan_.optimizer_state;
        j["activations_bytes"] = plan_.activations;
        j["kv_cache_bytes"] = plan_.kv_cache;
        j["overhead_bytes"] = plan_.overhead;
        j["total_bytes"] = plan_.ok ? plan_.total() : 0.0;
        j["state_bytes_per_param"] = plan_.state_bytes_per_param;
        const DeviceSpec* d = find_device(device_);
        j["fits"] = d && fits(plan_, *d);
        j["largest_batch"] = d ? largest_batch_that_fits(in_, *d) : 0;
        nlohmann::json devices = nlohmann::json::array();
        for (std::size_t i = 0; i < device_table().size(); ++i)
            devices.push_back(
                {{"id", device_table()[i].id}, {"fits", fits(plan_, device_table()[i])}, {"largest_batch", largest_[i]}});
        j["devices"] = devices;
        j["answer"] = answer_;
        return j;
    }

private:
    VramInputs in_;
    std::string device_;
    VramPlan plan_;
    std::vector<int> largest_;  // per device of the table
    std::string answer_;

    void recompute() {
        plan_ = plan(in_);
        largest_.clear();
        for (const DeviceSpec& d : device_table()) largest_.push_back(largest_batch_that_fits(in_, d));
        answer_ = make_answer();
        // Keep "24 GB" on one line: a no-break space between a number and its unit.
        for (std::size_t at = answer_.find(" GB"); at != std::string::npos; at = answer_.find(" GB", at))
            answer_.replace(at, 1, "\xc2\xa0");
    }

    std::string model_name() const {
        if (const ModelPreset* m = find_model_preset(in_.model)) return m->name;
        return "A " + params_text(in_.params) + "-parameter model";
    }

    std::string what_it_does() const {
        if (in_.mode == RunMode::Inference) return std::string(" run for inference in ") + format_name(in_.dtype);
        const char* opt = in_.optimizer == Optimizer::Adam          ? "Adam"
                          : in_.optimizer == Optimizer::SgdMomentum ? "SGD with momentum"
                                                                    : "plain SGD";
        return std::string(" trained with ") + opt + (in_.dtype == NumberFormat::BF16 ? " in mixed precision" : " in fp32");
    }

    std::string make_answer() const {
        if (!plan_.ok) return plan_.error;
        const DeviceSpec* d = find_device(device_);
        std::string s = model_name() + what_it_does() + " (batch " + std::to_string(in_.batch) + " \xc3\x97 " +
                        with_commas(in_.seq) + " tokens) needs about " + gb(plan_.total());
        if (!d) return s + ".";
        const auto& table = device_table();
        const std::size_t di = static_cast<std::size_t>(d - table.data());
        if (fits(plan_, *d)) {
            s += ": it fits on the " + device_label(*d);
            const int b = largest_[di];
            s += b >= kMaxBatch ? " with a batch of " + with_commas(kMaxBatch) + " or more"
                                : " with a batch of up to " + std::to_string(b);
            // The contrast a learner remembers: the biggest device in the table that is too small.
            const DeviceSpec* miss = nullptr;
            for (const DeviceSpec& o : table)
                if (!fits(plan_, o) && (!miss || o.memory_gb > miss->memory_gb)) miss = &o;
            if (miss) s += "; it does not fit on the " + device_label(*miss);
            return s + ".";
        }
        s += ": it does not fit on the " + device_label(*d);
        const DeviceSpec* smallest = nullptr;
        for (const DeviceSpec& o : table)
            if (fits(plan_, o) && (!smallest || o.memory_gb < smallest->memory_gb)) smallest = &o;
        if (smallest) {
            const int b = largest_[static_cast<std::size_t>(smallest - table.data())];
            s += "; the smallest device in the table that holds it is the " + device_label(*smallest) +
                 (b >= kMaxBatch ? "" : ", with a batch of up to " + std::to_string(b)) + ".";
        } else {
            s += ", nor on any single device in the table: split it across several, or shrink it (lower precision, "
                 "a smaller batch, activation checkpointing).";
        }
        return s;
    }

    // ---- Inputs ------------------------------------------------------------------------------------

    void draw_inputs(float width) {
        const float fs = ImGui::GetFontSize();
        const bool two_columns = width >= fs * 52;
        const float gap = fs * 1.5f;
        const float col_w = two_columns ? (width - gap) / 2 : width;
        const float label_w = std::min(fs * 9.5f, col_w * 0.4f);
        const float ctrl_w = std::max(fs * 6, std::min(col_w - label_w, fs * 20));
        const ImVec2 start = ImGui::GetCursorPos();
        float x = start.x;
        bool changed = false;
        auto row = [&](const char* label) {
            ImGui::SetCursorPosX(x);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(label);
            ImGui::SameLine();
            ImGui::SetCursorPosX(x + label_w);
            ImGui::SetNextItemWidth(ctrl_w);
        };

        // Column 1: what the model is.
        row("Model");
        const ModelPreset* preset = find_model_preset(in_.model);
        const char* model_name = preset ? preset->name.c_str() : "Custom size (shape from the count)";
        const bool model_open = ImGui::BeginCombo("##vram-model", model_name);
        if (!model_open) describe_last_combo("Model", model_name);
        if (model_open) {
            if (ImGui::Selectable("Custom size (shape from the count)", !preset)) in_.model.clear(), changed = true;
            for (const ModelPreset& m : model_presets())
                if (ImGui::Selectable(m.name.c_str(), m.id == in_.model)) {
                    in_.model = m.id;
                    in_.params = m.params;
                    changed = true;
                }
            ImGui::EndCombo();
        }
        row("Parameters");
        float billions = static_cast<float>(in_.params / 1e9);
        const bool params_changed =
            ImGui::SliderFloat("##vram-params", &billions, 0.1f, 500.0f, billions < 10 ? "%.2f billion" : "%.0f billion",
                               ImGuiSliderFlags_Logarithmic);
        describe_last_slider(billions, 0.1, 500.0, billions < 10 ? "%.2f billion" : "%.0f billion", "Parameters");
        if (params_changed) {
            in_.params = std::clamp(static_cast<double>(billions), 0.01, 2000.0) * 1e9;
            in_.model.clear();
            changed = true;
        }
        row("Number format");
        int dtype_index = static_cast<int>(std::find(std::begin(kDtypes), std::end(kDtypes), in_.dtype) - kDtypes);
        const bool dtype_changed = ImGui::Combo("##vram-dtype", &dtype_index, kDtypeLabels, IM_ARRAYSIZE(kDtypeLabels));
        describe_last_combo("Number format",
                            dtype_index >= 0 && dtype_index < IM_ARRAYSIZE(kDtypeLabels) ? kDtypeLabels[dtype_index] : "");
        if (dtype_changed) {
            in_.dtype = kDtypes[dtype_index];
            changed = true;
        }
        row("Work");
        if (ImGui::RadioButton("Training##vram-mode", in_.mode == RunMode::Training))
            in_.mode = RunMode::Training, changed = true;
        ImGui::SameLine();
        if (ImGui::RadioButton("Inference##vram-mode", in_.mode == RunMode::Inference))
            in_.mode = RunMode::Inference, changed = true;
        row("Optimizer");
        ImGui::BeginDisabled(in_.mode != RunMode::Training);
        int opt_index = static_cast<int>(std::find(std::begin(kOptimizers), std::end(kOptimizers), in_.optimizer) - kOptimizers);
        const bool optimizer_changed =
            ImGui::Combo("##vram-optimizer", &opt_index, kOptimizerLabels, IM_ARRAYSIZE(kOptimizerLabels));
        describe_last_combo("Optimizer",
                            opt_index >= 0 && opt_index < IM_ARRAYSIZE(kOptimizerLabels) ? kOptimizerLabels[opt_index] : "");
        if (optimizer_changed) {
            in_.optimizer = kOptimizers[opt_index];
            changed = true;
        }
        ImGui::EndDisabled();
        const float column1_end = ImGui::GetCursorPosY();

        // Column 2: how it is run, and on what.
        if (two_columns) {
            x = start.x + col_w + gap;
            ImGui::SetCursorPos({x, start.y});
        }
        row("Batch");
        const bool batch_changed = ImGui::SliderInt(
            "##vram-batch", &in_.batch, 1, 1024, in_.batch == 1 ? "%d sequence" : "%d sequences", ImGuiSliderFlags_Logarithmic);
        describe_last_slider(in_.batch, 1, 1024, in_.batch == 1 ? "%d sequence" : "%d sequences", "Batch");
        if (batch_changed) {
            in_.batch = std::clamp(in_.batch, 1, kMaxBatch);
            changed = true;
        }
        row("Sequence length");
        const bool seq_changed = ImGui::SliderInt("##vram-seq", &in_.seq, 128, 32768, "%d tokens", ImGuiSliderFlags_Logarithmic);
        describe_last_slider(in_.seq, 128, 32768, "%d tokens", "Sequence length");
        if (seq_changed) {
            in_.seq = std::clamp(in_.seq, 1, 131072);
            changed = true;
        }
        row("Checkpointing");
        ImGui::BeginDisabled(in_.mode != RunMode::Training);
        if (ImGui::Checkbox("keep only layer inputs##vram-checkpointing", &in_.checkpointing)) changed = true;
        ImGui::EndDisabled();
        row("Your device");
        const DeviceSpec* dev = find_device(device_);
        const bool device_open = ImGui::BeginCombo("##vram-device", dev ? dev->name.c_str() : "choose");
        if (!device_open) describe_last_combo("Your device", dev ? dev->name : "choose");
        if (device_open) {
            for (const DeviceSpec& d : device_table())
                if (ImGui::Selectable((d.name + "##vram-dev-" + d.id).c_str(), d.id == device_)) {
                    device_ = d.id;
                    changed = true;
                }
            ImGui::EndCombo();
        }
        const float column2_end = ImGui::GetCursorPosY();
        ImGui::SetCursorPos({start.x, std::max(column1_end, column2_end)});
        ImGui::Dummy({0, 0});
        if (changed) recompute();

        if (plan_.ok) {
            const ModelShape& s = plan_.shape;
            std::string shape = "Shape used for activations and the KV cache: " + std::to_string(s.layers) + " layers, width " +
                                with_commas(s.width) + ", " + std::to_string(s.heads) + " heads";
            if (s.kv_heads != s.heads) shape += " (" + std::to_string(s.kv_heads) + " key/value heads)";
            shape += preset ? ", from the model's published configuration."
                            : ", from the rule parameters = 12 \xc3\x97 layers \xc3\x97 width\xc2\xb2 with width = 128 "
                              "\xc3\x97 layers.";
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
            text_colored(theme::kTextDim, shape.c_str());
            ImGui::PopTextWrapPos();
        }
    }

    // ---- The answer --------------------------------------------------------------------------------

    void draw_answer(float width) {
        const DeviceSpec* d = find_device(device_);
        const bool ok = plan_.ok && d && fits(plan_, *d);
        const ImU32 color = !plan_.ok ? theme::kWarning : ok ? theme::kSuccess : theme::kDanger;
        explorer_ui::answer_sentence(!plan_.ok ? icon::kInfoCircle
                                     : ok      ? icon::kCheck
                                               : icon::kTimes,
                                     answer_, color, "vram-answer", width);
    }

    // ---- The stacked bar ---------------------------------------------------------------------------

    void draw_breakdown(float width) {
        if (!plan_.ok) return;
        const float fs = ImGui::GetFontSize();
        const std::vector<Part> parts = {
            {"Weights", plan_.weights, theme::kNote},
            {"Gradients", plan_.gradients, theme::kAnalogy},
            {"fp32 master weights", plan_.master_weights, theme::rgb(0x45, 0x72, 0xC4)},
            {"Optimizer state", plan_.optimizer_state, theme::kHighlight},
            {"Activations", plan_.activations, theme::kAccent},
            {"KV cache", plan_.kv_cache, theme::rgb(0xF2, 0x8C, 0xC8)},
            {"Overhead (driver context, framework)", plan_.overhead, theme::kTextDim},
        };
        const DeviceSpec* d = find_device(device_);
        const double total = plan_.total();
        const double device_mem = d ? device_bytes(*d) : 0;
        const double scale_max = std::max(total, device_mem) * 1.02;

        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const float label_h = fs * 1.4f;
        const float bar_h = fs * 2.2f;
        const float bar_y = p0.y + label_h;
        auto sx = [&](double bytes) { return p0.x + static_cast<float>(bytes / scale_max) * width; };
        dl->AddRectFilled({p0.x, bar_y}, {p0.x + width, bar_y + bar_h}, theme::kCodeBackground, 4);
        const float line_x = d ? sx(device_mem) : -1e9f;
        double at = 0;
        for (const Part& part : parts) {
            if (part.bytes <= 0) continue;
            const float x0 = sx(at), x1 = sx(at + part.bytes);
            dl->AddRectFilled({x0, bar_y}, {std::max(x0 + 1, x1), bar_y + bar_h}, part.color);
            const std::string v = gb(part.bytes);
            const ImVec2 ts = ImGui::CalcTextSize(v.c_str());
            // Centered in its segment, unless the device line crosses the text: then beside the line.
            float tx = x0 + (x1 - x0 - ts.x) / 2;
            const float pad = fs * 0.4f;
            if (line_x > tx - pad && line_x < tx + ts.x + pad)
                tx = line_x - x0 > x1 - line_x ? line_x - pad - ts.x : line_x + pad;
            if (x1 - x0 > ts.x + fs * 0.6f && tx >= x0 && tx + ts.x <= x1)
                dl->AddText({tx, bar_y + (bar_h - ts.y) / 2}, theme::kBackground, v.c_str());
            at += part.bytes;
        }
        // The device's memory as a line across the bar, labelled above it.
        if (d) {
            const float x = sx(device_mem);
            const bool over = total > device_mem;
            const ImU32 c = over ? theme::kDanger : theme::kSuccess;
            dl->AddLine({x, bar_y - fs * 0.3f}, {x, bar_y + bar_h + fs * 0.3f}, c, 3.0f);
            const std::string label = d->name + (over ? ": too small" : "");
            const float w = ImGui::CalcTextSize(label.c_str()).x;
            const float lx = std::clamp(x - w / 2, p0.x, p0.x + width - w);
            dl->AddText({lx, p0.y}, c, label.c_str());
        }
        ImGui::Dummy({width, label_h + bar_h + fs * 0.5f});
        const ImVec2 bar_min{p0.x, bar_y};
        widget_registry().record("vram-bar", bar_min.x, bar_min.y, width, bar_h);

        // Legend: one chip per non-zero part, flowing onto as many lines as the width needs.
        const float start_x = ImGui::GetCursorPosX();
        float used = 0;
        for (const Part& part : parts) {
            if (part.bytes <= 0) continue;
            const std::string text = std::string(part.name) + " " + gb(part.bytes);
            const float w = fs * 1.2f + ImGui::CalcTextSize(text.c_str()).x + fs * 1.2f;
            if (used > 0 && used + w <= width)
                ImGui::SameLine(0, 0);
            else
                used = 0, ImGui::SetCursorPosX(start_x);
            const ImVec2 c = ImGui::GetCursorScreenPos();
            dl->AddRectFilled({c.x, c.y + fs * 0.25f}, {c.x + fs * 0.8f, c.y + fs * 1.05f}, part.color, 2);
            ImGui::Dummy({fs * 1.2f, fs});
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(text.c_str());
            ImGui::SameLine(0, 0);
            ImGui::Dummy({fs * 1.2f, fs});
            used += w;
        }
        const std::string per_param =
            in_.mode == RunMode::Training
                ? fmt("Weights, gradients and optimizer state: %.0f bytes per parameter.", plan_.state_bytes_per_param)
                : fmt("Weights: %.2f bytes per parameter.", plan_.state_bytes_per_param);
        text_colored(theme::kTextDim, per_param.c_str());
    }

    // ---- Every device ------------------------------------------------------------------------------

    void draw_devices(float width) {
        if (!plan_.ok) return;
        const float fs = ImGui::GetFontSize();
        const bool wide = width >= fs * 40;
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted("On each device of the table");
        ImGui::PopFont();
        const int columns = wide ? 5 : 3;
        ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {8, 4});
        ImGui::PushTextWrapPos(0.0f);  // cells wrap at their own column's edge
        if (ImGui::BeginTable("##vram-devices", columns,
                              ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp,
                              {width, 0})) {
            ImGui::TableSetupColumn("Device", ImGuiTableColumnFlags_WidthStretch, 2.6f);
            ImGui::TableSetupColumn("Memory", 0, 0.8f);
            if (wide) ImGui::TableSetupColumn("Left over", 0, 1.1f);
            ImGui::TableSetupColumn("Largest batch", 0, 1.1f);
            if (wide) ImGui::TableSetupColumn("Bandwidth", 0, 0.9f);
            ImGui::TableHeadersRow();
            const double total = plan_.total();
            for (std::size_t i = 0; i < device_table().size(); ++i) {
                const DeviceSpec& d = device_table()[i];
                const bool ok = fits(plan_, d);
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                const bool selected = d.id == device_;
                if (selected) ImGui::PushFont(fonts().strong);
                ImGui::PushStyleColor(ImGuiCol_Text, selected ? theme::kText : theme::kTextDim);
                ImGui::TextWrapped("%s", d.name.c_str());
                ImGui::PopStyleColor();
                if (selected) ImGui::PopFont();
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(fs * 28);
                    ImGui::TextUnformatted((d.kind + ", " + std::to_string(d.year) + ". " + d.note).c_str());
                    text_colored(theme::kTextDim, ("Source: " + d.source).c_str());
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
                ImGui::TableSetColumnIndex(1);
                ImGui::Text("%.0f GB%s", d.memory_gb, d.unified_memory ? "*" : "");
                int col = 2;
                if (wide) {
                    ImGui::TableSetColumnIndex(col++);
                    const double left = device_bytes(d) - total;
                    ImGui::PushStyleColor(ImGuiCol_Text, left >= 0 ? theme::kSuccess : theme::kDanger);
                    ImGui::TextUnformatted(left >= 0 ? gb(left).c_str() : ("short " + gb(-left)).c_str());
                    ImGui::PopStyleColor();
                }
                ImGui::TableSetColumnIndex(col++);
                const int b = largest_[i];
                // Green: your batch fits; amber: only a smaller batch does; red: not even one sequence.
                ImGui::PushStyleColor(ImGuiCol_Text, ok ? theme::kSuccess : b > 0 ? theme::kWarning : theme::kDanger);
                if (b >= kMaxBatch)
                    ImGui::Text("%s  %s or more", icon::kCheck, with_commas(kMaxBatch).c_str());
                else if (b > 0)
                    ImGui::Text("%s  %d", ok ? icon::kCheck : icon::kInfoCircle, b);
                else
                    ImGui::Text("%s  does not fit", icon::kTimes);
                ImGui::PopStyleColor();
                if (wide) {
                    ImGui::TableSetColumnIndex(col++);
                    ImGui::Text("%s GB/s", with_commas(static_cast<long long>(d.bandwidth_gbs)).c_str());
                }
            }
            ImGui::EndTable();
        }
        ImGui::PopTextWrapPos();
        ImGui::PopStyleVar();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        text_colored(theme::kTextDim,
                     "The largest batch keeps the sequence length above; amber means only a smaller batch than yours fits. Your "
                     "device is in bold. * Apple "
                     "memory is shared with the CPU and macOS, so the GPU can use only part of it. Memory sizes are "
                     "vendors' data-sheet figures (hover a device for its source); keep 10 to 20 percent spare in "
                     "practice.");
        ImGui::PopTextWrapPos();
    }
};

}  // namespace

std::unique_ptr<Explorer> make_vram_explorer() {
    return std::make_unique<VramExplorer>();
}

}  // namespace dojo

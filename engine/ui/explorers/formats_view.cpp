// The number-formats explorer's view: the same tensor stored in every low-precision format, with
// sliders for how many outliers it has and how large they are; one sentence on the highlighted
// format, a bar chart of every format's relative error, and a table of bits, zeroed and clipped
// values and scales. The arithmetic is engine/explorers/quant_formats; it runs only when a slider
// moves, never per frame.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "explorers/quant_formats.h"
#include "labs/quantity_format.h"
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
using explorer_ui::with_commas;
using explorer_ui::wrap_at_spaces;

// 9.48%, 0.0214%, 11.5%: three significant digits, as the chart's tooltip would round them.
std::string percent(double fraction) {
    return format_significant(100 * fraction) + "%";
}

// 8, 4.5, 4.125
std::string bits_text(double bits) {
    return fmt("%g", bits);
}

// How many times: 7.1, 12, 122.
std::string times_text(double v) {
    return v >= 10 ? fmt("%.0f", v) : fmt("%.1f", v);
}

int index_of(const std::string& id) {
    const auto& ids = quant_format_ids();
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

bool parse_number(const std::string& text, double& out) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(v)) return false;
    out = v;
    return true;
}

class FormatsExplorer : public Explorer {
public:
    FormatsExplorer() {
        for (const std::string& id : quant_format_ids()) labels_.push_back(quant_format_name(id));
        recompute();
    }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            double v = 0;
            if (key == "format") {
                if (const int i = index_of(value); i >= 0) highlight_ = i;
            } else if (key == "outliers" && parse_number(value, v)) {
                in_.outliers = std::clamp(v, 0.0, 10.0);
            } else if (key == "outlier_scale" && parse_number(value, v)) {
                in_.outlier_scale = std::clamp(v, 1.0, 1000.0);
            }
        }
        recompute();
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("explore-formats");
        const float fs = ImGui::GetFontSize();
        draw_controls(width);
        ImGui::Dummy({0, fs * 0.5f});
        draw_answer(width);
        if (result_.ok) {
            ImGui::Dummy({0, fs * 0.3f});
            draw_chart(width);
            ImGui::Dummy({0, fs * 0.3f});
            draw_table(width, fs);
            ImGui::Dummy({0, fs * 0.3f});
            draw_notes(width);
        }
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        nlohmann::json j;
        j["outliers"] = in_.outliers;
        j["outlier_scale"] = in_.outlier_scale;
        j["highlight"] = highlight_id();
        j["answer"] = answer_;
        j["ok"] = result_.ok;
        j["error"] = result_.error;
        j["outlier_count"] = result_.outlier_count;
        j["rms"] = result_.rms;
        j["amax"] = result_.amax;
        j["recomputes"] = recomputes_;
        nlohmann::json formats = nlohmann::json::array();
        for (const FormatError& f : result_.formats)
            formats.push_back({{"id", f.id},
                               {"name", f.name},
                               {"bits", f.bits_per_value},
                               {"rel_rms", f.rel_rms},
                               {"rel_rms_plain", f.rel_rms_plain},
                               {"max_rel", f.max_rel},
                               {"zeroed", f.zeroed},
                               {"clipped", f.clipped},
                               {"scaling", f.scaling}});
        j["formats"] = formats;
        return j;
    }

private:
    FormatInputs in_;
    FormatInputs computed_for_{-1, -1};  // the inputs result_ was computed from
    FormatComparison result_;
    int highlight_ = index_of("nvfp4");  // the format the lesson is about
    int recomputes_ = 0;
    std::string answer_;
    std::vector<std::string> labels_;
    std::vector<std::string> categories_;  // the chart's, the highlighted one marked
    std::vector<chart::Series> series_;    // the whole tensor's errors, then the ordinary values' (in %)

    std::string highlight_id() const { return quant_format_ids()[static_cast<std::size_t>(highlight_)]; }

    // The model runs only when an input moved; the highlight only rewrites the sentence and labels.
    void recompute() {
        if (in_.outliers != computed_for_.outliers || in_.outlier_scale != computed_for_.outlier_scale) {
            result_ = compare_formats(in_);
            computed_for_ = in_;
            ++recomputes_;
            // With outliers, the whole-tensor figure is mostly the outliers' own error: a second bar
            // shows what happened to everything else.
            series_.assign(result_.outlier_count > 0 ? 2 : 1, chart::Series{});
            series_[0].name = "Whole tensor";
            if (series_.size() > 1) series_[1].name = "Values that are not outliers";
            for (const FormatError& f : result_.formats) {
                // FP32 is exact: no bar on a log axis (its label says so).
                series_[0].y.push_back(f.rel_rms > 0 ? 100 * f.rel_rms : std::nan(""));
                if (series_.size() > 1) series_[1].y.push_back(f.rel_rms_plain > 0 ? 100 * f.rel_rms_plain : std::nan(""));
            }
        }
        categories_.clear();
        for (std::size_t i = 0; i < result_.formats.size(); ++i)
            categories_.push_back((static_cast<int>(i) == highlight_ ? "\xe2\x86\x92 " : "") + result_.formats[i].name +
                                  (result_.formats[i].rel_rms == 0 ? " (exact)" : ""));
        answer_ = make_answer();
    }

    std::string make_answer() const {
        if (!result_.ok) return result_.error;
        const FormatError* f = result_.find(highlight_id());
        if (!f) return "";
        if (f->rel_rms == 0)
            return f->name + " stores this tensor exactly, in " + bits_text(f->bits_per_value) +
                   " bits a value: it is the reference every other format is measured against.";
        const FormatError* ref = result_.find(f->id == "fp8-e4m3" ? "bf16" : "fp8-e4m3");
        std::string s = f->name + " stores this tensor in " + bits_text(f->bits_per_value) +
                        " bits a value with a relative error of " + percent(f->rel_rms);
        if (ref && ref->rel_rms > 0) {
            const double ratio = f->rel_rms / ref->rel_rms;
            if (ratio >= 1)
                s += ", " + times_text(ratio) + "x the error of " + ref->name + " at " + bits_text(ref->bits_per_value) + " bits";
            else
                s += ", an error " + times_text(1 / ratio) + " times smaller than " + ref->name + "'s at " +
                     bits_text(ref->bits_per_value) + " bits";
        }
        if (result_.outlier_count > 0)
            s += "; on the " + with_commas(kTensorSize - result_.outlier_count) + " values that are not outliers it is " +
                 percent(f->rel_rms_plain);
        return s + ".";
    }

    void draw_controls(float width) {
        explorer_ui::ControlColumns columns(width, 0.4f, 8.5f);
        const float label_w = columns.label_w, field_w = columns.field_w;
        bool changed = false;

        float x0 = columns.x0();
        row_label("Format", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const std::string& current = labels_[static_cast<std::size_t>(highlight_)];
        const bool open = ImGui::BeginCombo("##formats-format", current.c_str());
        // BeginCombo tells the test hooks nothing: its frame is recorded here, for tests and the web hook.
        const ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
        widget_registry().record("formats-format", a.x, a.y, z.x - a.x, z.y - a.y, ImGui::GetItemID());
        if (!open) describe_last_combo("Format", current);
        if (open) {
            for (std::size_t i = 0; i < labels_.size(); ++i)
                if (ImGui::Selectable(labels_[i].c_str(), static_cast<int>(i) == highlight_) &&
                    static_cast<int>(i) != highlight_) {
                    highlight_ = static_cast<int>(i);
                    recompute();  // the sentence and the chart's labels only: the errors stay
                }
            ImGui::EndCombo();
        }
        if (const FormatError* f = result_.find(highlight_id()))
            text_colored(theme::kTextDim, (bits_text(f->bits_per_value) + " bits a value; scale: " + f->scaling + ".").c_str());
        columns.second();
        x0 = columns.x0();
        row_label("Outliers", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        float outliers = static_cast<float>(in_.outliers);
        const char* share_format = "%.1f%% of values";
        if (ImGui::SliderFloat("##formats-outliers", &outliers, 0.0f, 10.0f, share_format)) {
            in_.outliers = std::clamp(std::round(static_cast<double>(outliers) * 10) / 10, 0.0, 10.0);
            changed = true;
        }
        describe_last_slider(static_cast<double>(outliers), 0.0, 10.0, share_format, "Outliers");
        row_label("Outlier size", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        float scale = static_cast<float>(in_.outlier_scale);
        const char* size_format = scale < 10 ? "%.1f times" : "%.0f times";
        if (ImGui::SliderFloat("##formats-outlier-scale", &scale, 1.0f, 1000.0f, size_format, ImGuiSliderFlags_Logarithmic)) {
            const double v = static_cast<double>(scale);
            in_.outlier_scale = std::clamp(v < 10 ? std::round(v * 10) / 10 : std::round(v), 1.0, 1000.0);
            changed = true;
        }
        describe_last_slider(static_cast<double>(scale), 1.0, 1000.0, size_format, "Outlier size");
        columns.end();
        if (changed) recompute();
    }

    void draw_answer(float width) {
        explorer_ui::answer_sentence(result_.ok ? icon::kInfoCircle : icon::kTimes, answer_,
                                     result_.ok ? theme::kText : theme::kWarning, "formats-answer", width);
    }

    void draw_chart(float width) {
        chart::ChartSpec spec;
        spec.title = "Relative error of each format (" + result_.formats[static_cast<std::size_t>(highlight_)].name +
                     " marked \xe2\x86\x92)";
        spec.x_label = "Relative RMS error, % (log scale)";
        spec.log_x = true;
        spec.value_suffix = "%";
        series_[0].color = theme::kNote;  // the theme's colors of this frame (it may have changed)
        if (series_.size() > 1) series_[1].color = theme::kHighlight;
        spec.legend = series_.size() > 1;
        chart::bar_chart("chart:explore-formats", spec, categories_, series_, {width, 0});
    }

    void draw_table(float width, float fs) {
        const bool wide = width >= fs * 40;
        ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {8, 4});
        ImGui::PushTextWrapPos(0.0f);  // cells wrap at their own column's edge
        if (ImGui::BeginTable("##formats-table", wide ? 6 : 4,
                              ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp,
                              {width, 0})) {
            ImGui::TableSetupColumn("Format", ImGuiTableColumnFlags_WidthStretch, 1.3f);
            ImGui::TableSetupColumn("Bits a value", 0, 1.1f);
            if (wide) ImGui::TableSetupColumn("Largest error", 0, 1.3f);
            ImGui::TableSetupColumn("Zeroed", 0, 0.9f);
            ImGui::TableSetupColumn("Clipped", 0, 0.9f);
            if (wide) ImGui::TableSetupColumn("Scale", 0, 3.0f);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < result_.formats.size(); ++i) {
                const FormatError& f = result_.formats[i];
                const bool selected = static_cast<int>(i) == highlight_;
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                if (selected) ImGui::PushFont(fonts().strong);
                ImGui::PushStyleColor(ImGuiCol_Text, selected ? theme::kText : theme::kTextDim);
                ImGui::TextWrapped("%s", f.name.c_str());
                ImGui::PopStyleColor();
                if (selected) ImGui::PopFont();
                int col = 1;
                ImGui::TableSetColumnIndex(col++);
                ImGui::TextUnformatted(bits_text(f.bits_per_value).c_str());
                if (wide) {
                    ImGui::TableSetColumnIndex(col++);
                    ImGui::TextUnformatted(f.max_rel == 0 ? "0" : (format_significant(f.max_rel) + " rms").c_str());
                }
                ImGui::TableSetColumnIndex(col++);
                ImGui::PushStyleColor(ImGuiCol_Text, f.zeroed > 0 ? theme::kWarning : theme::kTextDim);
                ImGui::TextUnformatted(with_commas(f.zeroed).c_str());
                ImGui::PopStyleColor();
                ImGui::TableSetColumnIndex(col++);
                ImGui::PushStyleColor(ImGuiCol_Text, f.clipped > 0 ? theme::kDanger : theme::kTextDim);
                ImGui::TextUnformatted(with_commas(f.clipped).c_str());
                ImGui::PopStyleColor();
                if (wide) {
                    ImGui::TableSetColumnIndex(col++);
                    ImGui::TextWrapped("%s", f.scaling.c_str());
                }
            }
            ImGui::EndTable();
        }
        ImGui::PopTextWrapPos();
        ImGui::PopStyleVar();
        if (!wide) {  // the scales, which the narrow table leaves out
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
            wrap_at_spaces(
                "Scales: FP8 E4M3, FP8 E5M2 and INT8 one FP32 scale per tensor; MXFP8, MXFP6 and MXFP4 a power of two per "
                "block of 32; NVFP4 an FP8 scale per block of 16 (and one FP32 per tensor); INT4 an FP16 scale per group of "
                "128.",
                width);
            ImGui::PopStyleColor();
        }
    }

    void draw_notes(float width) {
        std::string note =
            "The tensor: 4,096 values drawn from a normal distribution with standard deviation 1, as a layer's weights or "
            "activations are, by a fixed generator, so it is the same on every device.";
        if (result_.outlier_count > 0)
            note += " " + with_commas(result_.outlier_count) + " of them, spread evenly, are multiplied by " +
                    format_significant(result_.used.outlier_scale) + ": its largest value is " +
                    format_significant(result_.amax) + ".";
        note +=
            " Relative error: the square root of the summed squared errors over the summed squared values. Largest error: "
            "in units of the tensor's RMS. Zeroed: values that were not zero and became zero. Clipped: values past the "
            "format's largest, held at it. Bits a value count block and group scales; a per-tensor scale is 32 bits for "
            "the whole tensor. MX formats pick their power of two from the block's largest value rounded down, which can "
            "put that value past the element's largest: so they clip a few.";
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        wrap_at_spaces(note, width);
        ImGui::PopStyleColor();
    }
};

}  // namespace

std::unique_ptr<Explorer> make_formats_explorer() {
    return std::make_unique<FormatsExplorer>();
}

}  // namespace dojo

// The collectives explorer: pick a collective (all-reduce, reduce-scatter, all-gather, all-to-all),
// the number of GPUs, the data each holds and the link, and see the bytes each GPU sends, the time
// the ring takes, what nccl-tests would report, and how the time grows with the GPU count. The
// arithmetic is engine/explorers/collective_model.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "explorers/collective_model.h"
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
using explorer_ui::row_label;
using explorer_ui::seconds_text;
using explorer_ui::with_commas;
using explorer_ui::wrap_at_spaces;

constexpr int kMaxGpus = 1024;
constexpr double kMinGb = 0.001, kMaxGb = 1000;

std::string gb(double bytes) {
    if (bytes < 1e9) return format_significant(bytes / 1e6) + " MB";
    return format_significant(bytes / 1e9) + " GB";
}

std::string gbs(double bytes_per_second) {
    const double v = bytes_per_second / 1e9;
    return (v >= 1000 ? with_commas(v) : format_significant(v)) + " GB/s";
}

const char* collective_label(Collective op) {
    switch (op) {
        case Collective::AllReduce:
            return "All-reduce (sum everyone's buffers, everyone gets the sum)";
        case Collective::ReduceScatter:
            return "Reduce-scatter (sum, each GPU keeps one slice)";
        case Collective::AllGather:
            return "All-gather (each GPU's slice, copied to all)";
        case Collective::AllToAll:
            return "All-to-all (each GPU sends a different slice to each)";
    }
    return "";
}

const char* collective_short(Collective op) {
    switch (op) {
        case Collective::AllReduce:
            return "An all-reduce";
        case Collective::ReduceScatter:
            return "A reduce-scatter";
        case Collective::AllGather:
            return "An all-gather";
        case Collective::AllToAll:
            return "An all-to-all";
    }
    return "";
}

class CollectiveExplorer : public Explorer {
public:
    CollectiveExplorer() {
        in_.bytes = 14e9;
        recompute();
    }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            const double v = std::atof(value.c_str());
            if (key == "op") {
                (void)parse_collective(value, in_.op);  // an unknown name keeps the current one
            } else if (key == "gpus" && v >= 2) {
                in_.gpus = std::min(kMaxGpus, static_cast<int>(v));
            } else if (key == "data_gb" && v > 0) {
                in_.bytes = std::clamp(v, kMinGb, kMaxGb) * 1e9;
            } else if (key == "link" && find_link(value)) {
                in_.link = value;
            } else if (key == "network" && find_link(value) && find_link(value)->domain == 0) {
                in_.network = value;
            }
        }
        recompute();
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("explore-collective");
        const float fs = ImGui::GetFontSize();
        draw_controls(width);
        ImGui::Dummy({0, fs * 0.5f});
        explorer_ui::answer_sentence(nullptr, answer_, e_.ok ? theme::kText : theme::kWarning, "collective-answer", width);
        if (e_.ok) {
            ImGui::Dummy({0, fs * 0.3f});
            draw_chart(width, fs);
            draw_numbers(width, fs);
        }
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        return {{"op", collective_name(in_.op)},
                {"gpus", in_.gpus},
                {"data_gb", in_.bytes / 1e9},
                {"link", in_.link},
                {"network", in_.network},
                {"ok", e_.ok},
                {"error", e_.error},
                {"bytes_sent", e_.bytes_sent},
                {"steps", e_.steps},
                {"bottleneck", e_.bottleneck ? e_.bottleneck->id : ""},
                {"left_domain", e_.left_domain},
                {"seconds", e_.seconds},
                {"latency_seconds", e_.latency_seconds},
                {"algbw", e_.algbw},
                {"busbw", e_.busbw},
                {"answer", answer_}};
    }

private:
    void recompute() {
        e_ = estimate_collective(in_);
        curves_.clear();
        if (e_.ok) {
            // The chosen link (leaving its domain where it must), and the network alone for comparison.
            curves_.push_back(curve(in_.link));
            if (in_.network != in_.link && find_link(in_.link)->domain > 0) curves_.push_back(curve(in_.network));
        }
        answer_ = make_answer();
    }

    chart::Series curve(const std::string& link) const {
        chart::Series s;
        const LinkSpec* l = find_link(link);
        const std::string network = find_link(in_.network)->name;
        s.name = l->domain > 0 ? l->name.substr(0, l->name.find(" (")) + ", then " + network.substr(0, network.find(','))
                               : l->name.substr(0, l->name.find(',')) + " for every hop";
        for (int n = 2; n <= kMaxGpus; n *= 2) {
            CollectiveInputs in = in_;
            in.gpus = n;
            in.link = link;
            const CollectiveEstimate p = estimate_collective(in);
            if (!p.ok) continue;
            s.x.push_back(n);
            s.y.push_back(p.seconds * 1e3);
        }
        return s;
    }

    std::string make_answer() const {
        if (!e_.ok) return e_.error;
        const LinkSpec* link = find_link(in_.link);
        std::string s = std::string(collective_short(in_.op)) + " of " + gb(in_.bytes) + " on each of " +
                        std::to_string(in_.gpus) + " GPUs over " + link->name.substr(0, link->name.find(" (")) + " sends " +
                        gb(e_.bytes_sent) + " from each GPU in " + std::to_string(e_.steps) + " steps";
        if (e_.left_domain) {
            const LinkSpec* network = find_link(in_.network);
            s += "; " + std::to_string(in_.gpus) + " GPUs are more than one domain of " + std::to_string(link->domain) +
                 ", so the data also crosses " + network->name.substr(0, network->name.find(',')) +
                 ", one ring through each GPU's NIC: " + std::to_string(link->domain) + " \xc3\x97 " + gbs(network->gbs * 1e9) +
                 " = " + gbs(network->gbs * 1e9 * link->domain) + " between domains, so " +
                 (e_.bottleneck == network ? "the network" : link->name.substr(0, link->name.find(" ("))) + " sets the pace";
        }
        return s + ": at least " + seconds_text(e_.seconds) + ".";
    }

    void draw_controls(float width) {
        explorer_ui::ControlColumns columns(width);
        const float label_w = columns.label_w, field_w = columns.field_w;
        bool changed = false;
        float x0 = columns.x0();
        row_label("Collective", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const bool op_open = ImGui::BeginCombo("##op", collective_label(in_.op));
        if (!op_open) describe_last_combo("Collective", collective_label(in_.op));
        if (op_open) {
            for (const std::string& name : collective_names()) {
                Collective op = Collective::AllReduce;
                (void)parse_collective(name, op);
                if (ImGui::Selectable(collective_label(op), op == in_.op)) {
                    in_.op = op;
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
        row_label("GPUs", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        changed |= ImGui::SliderInt("##gpus", &in_.gpus, 2, kMaxGpus, "%d GPUs", ImGuiSliderFlags_Logarithmic);
        describe_last_slider(in_.gpus, 2, kMaxGpus, "%d GPUs", "GPUs");
        in_.gpus = std::clamp(in_.gpus, 2, kMaxGpus);
        row_label("Data per GPU", x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        double data_gb = in_.bytes / 1e9;
        const char* data_format = data_gb < 1 ? "%.3f GB" : "%.1f GB";
        if (ImGui::SliderScalar("##data", ImGuiDataType_Double, &data_gb, &kMinGb, &kMaxGb, data_format,
                                ImGuiSliderFlags_Logarithmic)) {
            in_.bytes = std::clamp(data_gb, kMinGb, kMaxGb) * 1e9;
            changed = true;
        }
        describe_last_slider(data_gb, kMinGb, kMaxGb, data_format, "Data per GPU");
        columns.second();
        x0 = columns.x0();
        changed |= link_combo("Link", "##link", in_.link, false, x0, label_w, field_w);
        const LinkSpec* link = find_link(in_.link);
        ImGui::BeginDisabled(!link || link->domain == 0);
        changed |= link_combo("Between servers", "##network", in_.network, true, x0, label_w, field_w);
        ImGui::EndDisabled();
        if (link)
            text_colored(
                theme::kTextDim,
                (gbs(link->gbs * 1e9) + " each way per GPU, about " + format_significant(link->latency_us) + " \xc2\xb5s a step" +
                 (link->domain > 0 ? "; joins up to " + std::to_string(link->domain) + " GPUs." : "; a network."))
                    .c_str());
        columns.end();
        if (changed) recompute();
    }

    static bool link_combo(const char* label, const char* id, std::string& value, bool networks_only, float x0, float label_w,
                           float field_w) {
        row_label(label, x0, label_w);
        ImGui::SetNextItemWidth(field_w);
        const LinkSpec* current = find_link(value);
        const std::string shown = current ? current->name : value;
        bool changed = false;
        const bool open = ImGui::BeginCombo(id, shown.c_str());
        if (!open) describe_last_combo(label, shown);
        if (open) {
            for (const LinkSpec& l : link_table())
                if ((!networks_only || l.domain == 0) && ImGui::Selectable(l.name.c_str(), l.id == value)) {
                    value = l.id;
                    changed = true;
                }
            ImGui::EndCombo();
        }
        return changed;
    }

    void draw_chart(float width, float fs) {
        if (curves_.empty()) return;
        chart::ChartSpec spec;
        std::string what = collective_short(in_.op);
        what[0] = static_cast<char>(what[0] - 'A' + 'a');  // "An all-reduce" -> "an all-reduce"
        spec.title = "Time of " + what + " of " + gb(in_.bytes) + " per GPU, against the number of GPUs";
        spec.x_label = "GPUs";
        spec.y_label = "Time";
        spec.log_x = spec.log_y = true;
        spec.x_pow2 = true;
        spec.y_units = chart::Units::Ms;
        spec.markers.push_back({static_cast<double>(in_.gpus), "these GPUs", theme::kHighlight});
        std::vector<chart::Series> series = curves_;
        series[0].color = theme::kSuccess;
        if (series.size() > 1) {
            series[1].color = theme::kNote;
            series[1].dashed = true;
        }
        chart::line_chart("chart:explore-collective", spec, series, {width, std::clamp(width * 0.45f, fs * 18, fs * 24)});
    }

    void draw_numbers(float width, float fs) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        const std::string factor = in_.op == Collective::AllReduce ? "2 (N \xe2\x88\x92 1) / N" : "(N \xe2\x88\x92 1) / N";
        const std::string lines[] = {
            "Each GPU sends " + factor + " \xc3\x97 " + gb(in_.bytes) + " = " + gb(e_.bytes_sent) + ": " +
                seconds_text(e_.seconds - e_.latency_seconds) + " at " + gbs(e_.bandwidth) + ", plus " +
                std::to_string(e_.steps) + " steps \xc3\x97 " + format_significant(e_.latency_seconds / e_.steps * 1e6) +
                " \xc2\xb5s = " + seconds_text(e_.latency_seconds) + " of latency.",
            "nccl-tests would print algbw " + gbs(e_.algbw) + " (data \xc3\xb7 time) and busbw " + gbs(e_.busbw) +
                " (bytes sent \xc3\xb7 time): busbw is the one to compare with the link.",
        };
        for (const auto& l : lines) text_colored(theme::kText, l.c_str());
        ImGui::Dummy({0, fs * 0.2f});
        text_colored(theme::kTextDim,
                     "Ideal rings: every step at the slowest hop's full speed, nothing else on the links; past one domain, "
                     "one NIC per GPU and one ring through each, as NCCL runs them. Tree and hierarchical algorithms, "
                     "in-switch reduction (SHARP) and overlap with compute are left out. Latencies are typical, not "
                     "datasheet figures.");
        ImGui::PopTextWrapPos();
    }

    CollectiveInputs in_;
    CollectiveEstimate e_;
    std::string answer_;
    std::vector<chart::Series> curves_;
};

}  // namespace

std::unique_ptr<Explorer> make_collective_explorer() {
    return std::make_unique<CollectiveExplorer>();
}

}  // namespace dojo

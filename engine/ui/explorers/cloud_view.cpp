// The cloud-or-on-premise explorer's view: sliders for the rental price, the purchase, power,
// facility and staff costs and the utilization; the cumulative cost of both month by month with the
// break-even marked, and one sentence that says which is cheaper. The arithmetic is
// engine/explorers/cloud_cost.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "explorers/cloud_cost.h"
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
using explorer_ui::wrap_at_spaces;

// Whole dollars with thousands separators: $240,000.
std::string dollars(double v) {
    std::string digits = std::to_string(static_cast<long long>(v < 0 ? -v + 0.5 : v + 0.5));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (v < 0 ? "-$" : "$") + digits;
}

std::string years_text(double years) {
    return years == 1 ? std::string("1-year") : fmt(years == static_cast<int>(years) ? "%.0f-year" : "%.1f-year", years);
}

bool parse_number(const std::string& text, double& out) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str()) return false;
    out = v;
    return true;
}

class CloudExplorer : public Explorer {
public:
    CloudExplorer() { recompute(); }

    void apply_params(const std::map<std::string, std::string>& params) override {
        for (const auto& [key, value] : params) {
            double v = 0;
            if (!parse_number(value, v)) continue;
            if (key == "price_per_hour" && v >= 0)
                in_.price_per_hour = v;
            else if (key == "gpus" && v >= 1)
                in_.gpus = std::min(64, static_cast<int>(v));
            else if (key == "purchase" && v >= 0)
                in_.purchase = v;
            else if (key == "power_w" && v >= 0)
                in_.power_w = v;
            else if (key == "pue" && v >= 1)
                in_.pue = v;
            else if (key == "electricity" && v >= 0)
                in_.electricity = v;
            else if (key == "fixed_per_year" && v >= 0)
                in_.fixed_per_year = v;
            else if (key == "life_years" && v > 0)
                in_.life_years = v;
            else if (key == "utilization" && v >= 0 && v <= 100)
                in_.utilization = v;
            else if (key == "horizon" && v >= 1)
                in_.horizon_months = std::min(kMaxHorizonMonths, static_cast<int>(v));
        }
        recompute();
    }

    void draw(float width) override {
        width = fit_width(width);
        ImGui::PushID("cloud-explorer");
        draw_inputs(width);
        ImGui::Dummy({0, 6});
        draw_answer(width);
        ImGui::Dummy({0, 6});
        draw_chart(width);
        ImGui::PopID();
    }

    nlohmann::json test_state() const override {
        nlohmann::json j;
        j["price_per_hour"] = in_.price_per_hour;
        j["gpus"] = in_.gpus;
        j["purchase"] = in_.purchase;
        j["power_w"] = in_.power_w;
        j["pue"] = in_.pue;
        j["electricity"] = in_.electricity;
        j["fixed_per_year"] = in_.fixed_per_year;
        j["life_years"] = in_.life_years;
        j["utilization"] = in_.utilization;
        j["horizon"] = in_.horizon_months;
        j["ok"] = r_.ok;
        j["error"] = r_.error;
        j["cloud_per_month"] = r_.cloud_per_month;
        j["owned_running_per_month"] = r_.owned_running_per_month;
        j["break_even_months"] = r_.break_even_months ? nlohmann::json(*r_.break_even_months) : nlohmann::json();
        j["break_even_utilization"] = r_.break_even_utilization ? nlohmann::json(*r_.break_even_utilization) : nlohmann::json();
        j["owned_per_busy_gpu_hour"] =
            r_.owned_per_busy_gpu_hour ? nlohmann::json(*r_.owned_per_busy_gpu_hour) : nlohmann::json();
        j["cloud_at_horizon"] = r_.cloud_at_horizon();
        j["owned_at_horizon"] = r_.owned_at_horizon();
        j["answer"] = answer_;
        return j;
    }

private:
    CloudInputs in_;
    CloudResult r_;
    std::string answer_;

    void recompute() {
        r_ = compare_cloud_and_owned(in_);
        answer_ = make_answer();
    }

    std::string make_answer() const {
        if (!r_.ok) return r_.error;
        const std::string util = fmt("%.0f%%", in_.utilization);
        const std::string horizon = std::to_string(in_.horizon_months) + " months";
        std::string s;
        if (r_.break_even_months) {
            s = "At " + util + " utilization, buying pays off after " + fmt("%.1f", *r_.break_even_months) +
                " months, inside its " + years_text(in_.life_years) + " life";
        } else if (in_.utilization <= 0) {
            s = "At 0% utilization nothing is rented, so renting costs nothing and buying never pays off";
        } else {
            s = "At " + util + " utilization, buying never pays off within its " + years_text(in_.life_years) + " life";
        }
        s += ": over " + horizon + " renting costs " + dollars(r_.cloud_at_horizon()) + " and owning " +
             dollars(r_.owned_at_horizon()) + ".";
        if (r_.break_even_utilization) {
            if (*r_.break_even_utilization <= 100)
                s += " Owning is cheaper above " + fmt("%.0f%%", *r_.break_even_utilization) + " utilization.";
            else
                s += " Even busy around the clock, owning would cost more than renting.";
        } else {
            s += " The cloud price is below the cost of the electricity alone, so renting wins at any utilization.";
        }
        return s;
    }

    void draw_inputs(float width) {
        const float fs = ImGui::GetFontSize();
        const bool two_columns = width >= fs * 52;
        const float gap = fs * 1.5f;
        const float col_w = two_columns ? (width - gap) / 2 : width;
        const float label_w = std::min(fs * 11.0f, col_w * 0.45f);
        const float ctrl_w = std::max(fs * 6, std::min(col_w - label_w, fs * 18));
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
        auto slider = [&](const char* label, const char* id, double& value, float lo, float hi, const char* format,
                          bool log = false) {
            row(label);
            float v = static_cast<float>(value);
            const bool moved = ImGui::SliderFloat(id, &v, lo, hi, format, log ? ImGuiSliderFlags_Logarithmic : 0);
            describe_last_slider(v, lo, hi, format, label);
            if (moved) {
                value = std::clamp(static_cast<double>(v), static_cast<double>(lo), static_cast<double>(hi));
                changed = true;
            }
        };

        auto heading = [&](const char* text) {
            ImGui::SetCursorPosX(x);
            ImGui::PushFont(fonts().strong);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
            ImGui::TextUnformatted(text);
            ImGui::PopStyleColor();
            ImGui::PopFont();
        };

        // Column 1: renting, and how busy the GPUs are.
        heading("Renting, and how busy the GPUs are");
        slider("Cloud, per GPU-hour", "##cloud-price", in_.price_per_hour, 0.1f, 20.0f, "$%.2f", true);
        row("GPUs");
        // A small whole number: steps read better than a slider whose grab would hide the value.
        const bool gpus_changed = ImGui::InputInt("##cloud-gpus", &in_.gpus, 1, 4);
        if (AccessNode* field = describe_last_item(AccessRole::TextField, "GPUs")) field->value_text = std::to_string(in_.gpus);
        if (gpus_changed) in_.gpus = std::clamp(in_.gpus, 1, 64), changed = true;
        slider("Utilization", "##cloud-utilization", in_.utilization, 0.0f, 100.0f, "%.0f%% of all hours");
        row("Compare over");
        const bool horizon_changed = ImGui::SliderInt("##cloud-horizon", &in_.horizon_months, 6, 120, "%d months");
        describe_last_slider(in_.horizon_months, 6, 120, "%d months", "Compare over");
        if (horizon_changed) in_.horizon_months = std::clamp(in_.horizon_months, 1, kMaxHorizonMonths), changed = true;
        slider("Useful life", "##cloud-life", in_.life_years, 1.0f, 8.0f, "%.1f years");
        const float column1_end = ImGui::GetCursorPosY();

        // Column 2: owning.
        if (two_columns) {
            x = start.x + col_w + gap;
            ImGui::SetCursorPos({x, start.y});
        } else {
            ImGui::Dummy({0, fs * 0.4f});
        }
        heading("Owning");
        slider("Purchase, installed", "##cloud-purchase", in_.purchase, 1000.0f, 2000000.0f, "$%.0f", true);
        slider("Power when busy", "##cloud-power", in_.power_w, 50.0f, 20000.0f, "%.0f W", true);
        slider("PUE (cooling)", "##cloud-pue", in_.pue, 1.0f, 2.5f, "%.2f");
        slider("Electricity, per kWh", "##cloud-electricity", in_.electricity, 0.02f, 0.60f, "$%.2f");
        slider("Staff, space, per year", "##cloud-fixed", in_.fixed_per_year, 0.0f, 200000.0f, "$%.0f");
        const float column2_end = ImGui::GetCursorPosY();
        ImGui::SetCursorPos({start.x, std::max(column1_end, column2_end)});
        ImGui::Dummy({0, 0});
        if (changed) recompute();
    }

    void draw_answer(float width) {
        const bool owning_wins = r_.ok && r_.break_even_months.has_value();
        const ImU32 color = !r_.ok ? theme::kWarning : owning_wins ? theme::kSuccess : theme::kNote;
        ImGui::PushFont(fonts().strong);
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::PushTextWrapPos(-1.0f);  // lines are broken here, at spaces only
        wrap_at_spaces(std::string(r_.ok ? icon::kInfoCircle : icon::kTimes) + "  " + answer_, width);
        ImGui::PopTextWrapPos();
        const ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
        widget_registry().record("cloud-answer", a.x, a.y, z.x - a.x, z.y - a.y);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        if (!r_.ok) return;
        std::string detail = "Per month: renting " + dollars(r_.cloud_per_month) + ", running the owned server " +
                             dollars(r_.owned_running_per_month) + " (power " +
                             dollars(r_.power_per_busy_hour * r_.busy_hours_per_month) + " + staff and space " +
                             dollars(in_.fixed_per_year / 12) + "), for " + fmt("%.0f", r_.busy_hours_per_month) + " busy hours.";
        if (r_.owned_per_busy_gpu_hour)
            detail += " One busy GPU-hour of the owned server costs " + fmt("$%.2f", *r_.owned_per_busy_gpu_hour) +
                      " with the purchase spread over its life, against " + fmt("$%.2f", in_.price_per_hour) + " rented.";
        ImGui::PushTextWrapPos(-1.0f);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        wrap_at_spaces(detail, width);
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
    }

    void draw_chart(float width) {
        if (!r_.ok) return;
        chart::ChartSpec spec;
        spec.title = "Cumulative cost";
        spec.x_label = "Months";
        spec.y_label = "Dollars spent so far";
        spec.value_suffix = " $";
        chart::Series cloud{"Renting in the cloud", {}, r_.cloud_cumulative, theme::kNote};
        chart::Series owned{"Owning (bought again after each life)", {}, r_.owned_cumulative, theme::kHighlight};
        owned.y.clear();
        for (std::size_t m = 0; m < r_.cloud_cumulative.size(); ++m) {
            cloud.x.push_back(static_cast<double>(m));
            // A repurchase shows as a vertical step at the end of the old life, not a slope over a month.
            if (m > 0 && r_.owned_cumulative[m] - r_.owned_cumulative[m - 1] > r_.owned_running_per_month + 0.5) {
                owned.x.push_back(static_cast<double>(m - 1));
                owned.y.push_back(r_.owned_cumulative[m - 1] + in_.purchase);
            }
            owned.x.push_back(static_cast<double>(m));
            owned.y.push_back(r_.owned_cumulative[m]);
        }
        cloud.markers = owned.markers = false;
        if (r_.break_even_months && *r_.break_even_months <= in_.horizon_months)
            spec.markers.push_back(
                {*r_.break_even_months, "break-even: " + fmt("%.1f", *r_.break_even_months) + " months", theme::kSuccess});
        const float fs = ImGui::GetFontSize();
        chart::line_chart("chart:explore-cloud", spec, {cloud, owned}, {width, std::clamp(width * 0.5f, fs * 16, fs * 24)});
    }
};

}  // namespace

std::unique_ptr<Explorer> make_cloud_explorer() {
    return std::make_unique<CloudExplorer>();
}

}  // namespace dojo

// The explorers' shared helpers (explorer_widgets.h).
#include "ui/explorers/explorer_widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>

#include "labs/quantity_format.h"
#include "ui/fonts.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo::explorer_ui {

float fit_width(float width) {
    const float wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos;  // window-local x; <= 0 when none is set
    if (wrap > 0) width = std::min(width, wrap - ImGui::GetCursorPosX());
    return std::max(width, 1.0f);
}

void wrap_at_spaces(const std::string& text, float width) {
    const std::string lines = break_at_spaces(text, width);
    ImGui::TextUnformatted(lines.c_str(), lines.c_str() + lines.size());
}

void row_label(const char* text, float x0, float label_w) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    // A label longer than its column (a phone's narrow one) takes a line of its own, and the control
    // goes below it at the usual place, so the control keeps its full width inside the card.
    if (ImGui::GetItemRectSize().x > label_w - ImGui::GetStyle().ItemSpacing.x) {
        ImGui::SetCursorScreenPos({x0 + label_w, ImGui::GetCursorScreenPos().y});
        return;
    }
    ImGui::SameLine();
    ImGui::SetCursorScreenPos({x0 + label_w, ImGui::GetCursorScreenPos().y});
}

ControlColumns::ControlColumns(float width, float label_share, float label_max) {
    const float fs = ImGui::GetFontSize();
    gap_ = fs * 1.5f;
    two_columns = width >= fs * 34;
    column = two_columns ? (width - gap_) / 2 : width;
    label_w = std::min(column * label_share, fs * label_max);
    field_w = std::max(column - label_w, fs * 4);
    start_ = ImGui::GetCursorScreenPos();
    x0_ = start_.x;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
}

void ControlColumns::second() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    first_bottom_ = ImGui::GetItemRectMax().y;
    if (two_columns)
        ImGui::SetCursorScreenPos({start_.x + column + gap_, start_.y});
    else
        ImGui::Dummy({0, ImGui::GetFontSize() * 0.2f});
    x0_ = ImGui::GetCursorScreenPos().x;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
}

void ControlColumns::end() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    if (two_columns) {  // continue below the taller column
        ImGui::SetCursorScreenPos({start_.x, std::max(first_bottom_, ImGui::GetItemRectMax().y)});
        ImGui::Dummy({0, 0});
    }
}

void answer_sentence(const char* icon, const std::string& text, ImU32 color, const char* label, float width) {
    ImGui::PushFont(fonts().strong);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(-1.0f);  // lines are broken here, at spaces only
    wrap_at_spaces(icon ? std::string(icon) + "  " + text : text, width);
    ImGui::PopTextWrapPos();
    const ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
    widget_registry().record(label, a.x, a.y, z.x - a.x, z.y - a.y);
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

std::string seconds_text(double s) {
    if (s >= 1) return format_significant(s) + " s";
    if (s >= 1e-3) return format_significant(s * 1e3) + " ms";
    return format_significant(s * 1e6) + " \xc2\xb5s";
}

std::string fmt(const char* format, double v) {
    char text[64];
    std::snprintf(text, sizeof text, format, v);
    return text;
}

std::string with_commas(double v) {
    std::string digits = fmt("%.0f", std::fabs(v)), out = v <= -0.5 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace dojo::explorer_ui

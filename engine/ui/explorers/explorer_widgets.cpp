// The explorers' shared helpers (explorer_widgets.h).
#include "ui/explorers/explorer_widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>

namespace dojo::explorer_ui {

float fit_width(float width) {
    const float wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos;  // window-local x; <= 0 when none is set
    if (wrap > 0) width = std::min(width, wrap - ImGui::GetCursorPosX());
    return std::max(width, 1.0f);
}

void wrap_at_spaces(const std::string& text, float width) {
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, ImGui::GetFontSize() * 0.1f});
    std::string line;
    std::size_t i = 0;
    while (i <= text.size()) {
        const std::size_t space = std::min(text.find(' ', i), text.size());
        const std::string word = text.substr(i, space - i);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && ImGui::CalcTextSize(candidate.c_str()).x > width) {
            ImGui::TextUnformatted(line.c_str());
            line = word;
        } else {
            line = candidate;
        }
        i = space + 1;
    }
    if (!line.empty()) ImGui::TextUnformatted(line.c_str());
    ImGui::PopStyleVar();
    ImGui::EndGroup();
}

void row_label(const char* text, float x0, float label_w) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorScreenPos();  // after the text: never overlap a long label
    ImGui::SetCursorScreenPos({std::max(x0 + label_w, at.x), at.y});
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

// Small pieces the Labs view's settings form and result charts share.
#include "ui/labs/lab_widgets.h"

#include <cstdio>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace dojo::labs_ui {

void Flow::next(float item_w) {
    if (used > 0 && used + item_w > width) {
        used = 0;
    } else if (used > 0) {
        ImGui::SameLine(0, 6);
    }
    used += item_w + 6;
}

bool toggle(const std::string& label, bool on, float width_hint) {
    ImGui::PushStyleColor(ImGuiCol_Button, on ? theme::tint(theme::kAccent, 0.45f) : theme::kSurfaceHover);
    ImGui::PushStyleColor(ImGuiCol_Text, on ? theme::kText : theme::kTextDim);
    const bool clicked = ImGui::Button(label.c_str(), {width_hint, 0});
    ImGui::PopStyleColor(2);
    return clicked;
}

float button_width(const std::string& label) {
    const auto hidden = label.find("##");
    const std::string visible = hidden == std::string::npos ? label : label.substr(0, hidden);
    return ImGui::CalcTextSize(visible.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void small_heading(const char* text) {
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

std::string fmt(const char* format, double v) {
    char b[64];
    std::snprintf(b, sizeof b, format, v);
    return b;
}

}  // namespace dojo::labs_ui

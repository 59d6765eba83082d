// Fills ImGuiStyle from the palette in theme.h.
#include "ui/theme.h"

namespace dojo::theme {

ImU32 parse_color(const std::string& hex, ImU32 fallback) {
    if (hex.size() != 7 || hex[0] != '#') return fallback;
    unsigned value = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = hex[i];
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return fallback;
        value = value * 16 + static_cast<unsigned>(d);
    }
    return rgb((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
}

ImU32 tint(ImU32 color, float amount) {
    auto mix = [&](int shift) {
        const float a = static_cast<float>((color >> shift) & 0xFF), b = static_cast<float>((kBackground >> shift) & 0xFF);
        return static_cast<unsigned>(a + (b - a) * amount + 0.5f);
    };
    return rgb(mix(0), mix(8), mix(16));
}

void apply(float ui_scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = {20, 16};
    style.FramePadding = {12, 7};
    style.ItemSpacing = {10, 10};
    style.ItemInnerSpacing = {8, 6};
    style.ScrollbarSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 8;
    style.FrameRounding = 6;
    style.PopupRounding = 8;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = 0;
    style.PopupRounding = 8;
    style.PopupBorderSize = 1;
    style.ScaleAllSizes(ui_scale);

    auto c = [](ImU32 col) { return ImGui::ColorConvertU32ToFloat4(col); };
    ImVec4* colors = style.Colors;
    colors[ImGuiCol_Text] = c(kText);
    colors[ImGuiCol_TextDisabled] = c(kTextDim);
    colors[ImGuiCol_WindowBg] = c(kBackground);
    colors[ImGuiCol_ChildBg] = c(kSurface);
    colors[ImGuiCol_PopupBg] = c(kSurface);
    colors[ImGuiCol_MenuBarBg] = c(kSurface);
    colors[ImGuiCol_Border] = c(kBorder);
    // Inputs, radio buttons and checkboxes sit on cards (kSurface), so they need their own shade.
    colors[ImGuiCol_FrameBg] = c(rgb(0x2B, 0x33, 0x46));
    colors[ImGuiCol_FrameBgHovered] = c(rgb(0x35, 0x3F, 0x56));
    colors[ImGuiCol_FrameBgActive] = c(rgb(0x3B, 0x46, 0x60));
    colors[ImGuiCol_TableHeaderBg] = c(kSurfaceHover);
    colors[ImGuiCol_TableBorderStrong] = c(kBorder);
    colors[ImGuiCol_TableBorderLight] = c(kBorder);
    colors[ImGuiCol_TableRowBg] = c(rgb(0, 0, 0, 0));
    colors[ImGuiCol_TableRowBgAlt] = c(rgb(0xFF, 0xFF, 0xFF, 8));
    colors[ImGuiCol_ModalWindowDimBg] = c(rgb(0, 0, 0, 150));
    colors[ImGuiCol_Button] = c(rgb(0x25, 0x5F, 0x5E));
    colors[ImGuiCol_ButtonHovered] = c(rgb(0x2E, 0x7C, 0x79));
    colors[ImGuiCol_ButtonActive] = c(rgb(0x35, 0x95, 0x8F));
    colors[ImGuiCol_Header] = c(kSurface);
    colors[ImGuiCol_HeaderHovered] = c(kSurfaceHover);
    colors[ImGuiCol_HeaderActive] = c(kSurfaceHover);
    colors[ImGuiCol_CheckMark] = c(kAccent);
    colors[ImGuiCol_SliderGrab] = c(kAccent);
    colors[ImGuiCol_SliderGrabActive] = c(kAccent);
    colors[ImGuiCol_Separator] = c(kBorder);
    colors[ImGuiCol_ScrollbarBg] = c(rgb(0, 0, 0, 0));
    colors[ImGuiCol_ScrollbarGrab] = c(kBorder);
    colors[ImGuiCol_ScrollbarGrabHovered] = c(kTextDim);
    colors[ImGuiCol_ScrollbarGrabActive] = c(kTextDim);
    colors[ImGuiCol_NavHighlight] = c(kAccent);
    colors[ImGuiCol_TextSelectedBg] = c(rgb(0x3F, 0xD0, 0xC0, 80));
}

}  // namespace dojo::theme

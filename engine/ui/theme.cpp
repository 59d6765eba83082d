// Fills ImGuiStyle from the palette in theme.h.
#include "ui/theme.h"

namespace dojo::theme {

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
    colors[ImGuiCol_FrameBg] = c(kSurface);
    colors[ImGuiCol_FrameBgHovered] = c(kSurfaceHover);
    colors[ImGuiCol_FrameBgActive] = c(kSurfaceHover);
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

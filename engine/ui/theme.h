// Compute Dojo's look: a calm dark theme with one teal accent, applied to ImGui's style, plus the
// named colors views use for their own drawing.
#pragma once

#include <imgui.h>

namespace dojo::theme {

inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return (a << 24) | (b << 16) | (g << 8) | r;  // ImGui's IM_COL32 layout
}

inline constexpr ImU32 kBackground = rgb(0x11, 0x14, 0x1B);
inline constexpr ImU32 kSurface = rgb(0x1A, 0x1F, 0x2B);
inline constexpr ImU32 kSurfaceHover = rgb(0x23, 0x2A, 0x3A);
inline constexpr ImU32 kBorder = rgb(0x2C, 0x34, 0x46);
inline constexpr ImU32 kText = rgb(0xE8, 0xEB, 0xF1);
inline constexpr ImU32 kTextDim = rgb(0x9A, 0xA4, 0xB5);
inline constexpr ImU32 kAccent = rgb(0x3F, 0xD0, 0xC0);     // teal
inline constexpr ImU32 kHighlight = rgb(0xF6, 0xB2, 0x4E);  // amber, for XP
inline constexpr ImU32 kDanger = rgb(0xF2, 0x6D, 0x6D);

// Applies colors, rounding and spacing at the given UI scale.
void apply(float ui_scale = 1.0f);

}  // namespace dojo::theme

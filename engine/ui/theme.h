// Compute Dojo's look: a calm dark theme with one teal accent, applied to ImGui's style, plus the
// named colors views use for their own drawing.
#pragma once

#include <string>

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
inline constexpr ImU32 kSuccess = rgb(0x5C, 0xD6, 0x8A);
inline constexpr ImU32 kCodeBackground = rgb(0x0B, 0x0E, 0x14);
inline constexpr ImU32 kCodeText = rgb(0xF0, 0xC6, 0x74);
// Callouts: tip, note, warning, analogy.
inline constexpr ImU32 kTip = rgb(0x5C, 0xD6, 0x8A);
inline constexpr ImU32 kNote = rgb(0x6C, 0xA8, 0xF0);
inline constexpr ImU32 kWarning = rgb(0xF6, 0xB2, 0x4E);
inline constexpr ImU32 kAnalogy = rgb(0xC0, 0x8C, 0xF2);

// A "#RRGGBB" color, or `fallback` when the text is not one.
ImU32 parse_color(const std::string& hex, ImU32 fallback);
// The color mixed toward the background by `amount` (0..1), for tinted surfaces.
ImU32 tint(ImU32 color, float amount);

// Applies colors, rounding and spacing at the given UI scale.
void apply(float ui_scale = 1.0f);

}  // namespace dojo::theme

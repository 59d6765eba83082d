// Compute Dojo's look: three palettes (a calm dark one with a teal accent, a light one, and a
// high-contrast projector one with thick lines), applied to ImGui's style, plus the named colors
// and line widths views use for their own drawing. The names follow the active palette.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

namespace dojo::theme {

inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return (a << 24) | (b << 16) | (g << 8) | r;  // ImGui's IM_COL32 layout
}

enum class Theme { Dark, Light, Projector };

// Everything that differs between themes. Colors used as text (text, text_dim, accent, highlight,
// danger, success, code_text and the callout colors) must reach 4.5:1 on background and surface:
// tests/unit/theme_test.cpp checks it for every palette.
struct Palette {
    ImU32 background, surface, surface_hover, border;
    ImU32 text, text_dim;
    ImU32 accent, highlight, danger, success;
    ImU32 code_background, code_text;
    ImU32 tip, note, warning, analogy;
    ImU32 series_pink, series_grey;  // the chart palette's last two colors
    // ImGui's own widgets: inputs and checkboxes (frames) sit on cards, buttons carry text.
    ImU32 frame, frame_hover, frame_active, button, button_hover, button_active;
    ImU32 row_alt, modal_dim, selection;
    float line_width;    // borders, rules, grid lines and table lines
    float stroke_width;  // chart series and diagram strokes
    float frame_border;  // outline of buttons and inputs (0: none)
    float spacing;       // multiplies ImGui's paddings and spacings
};

const Palette& palette(Theme theme);
const Palette& active_palette();
Theme active();
// Makes `theme` the active palette: the names below change at once; call apply() to restyle ImGui.
void use(Theme theme);
// "dark", "light", "projector".
const char* name(Theme theme);
std::optional<Theme> from_name(std::string_view name);

namespace detail {
inline Palette g_active{};  // filled by use(); theme.cpp starts it on the dark palette
}  // namespace detail

// The active palette's colors, under the names every view draws with (read-only references).
inline const ImU32& kBackground = detail::g_active.background;
inline const ImU32& kSurface = detail::g_active.surface;
inline const ImU32& kSurfaceHover = detail::g_active.surface_hover;
inline const ImU32& kBorder = detail::g_active.border;
inline const ImU32& kText = detail::g_active.text;
inline const ImU32& kTextDim = detail::g_active.text_dim;
inline const ImU32& kAccent = detail::g_active.accent;        // teal
inline const ImU32& kHighlight = detail::g_active.highlight;  // amber, for XP
inline const ImU32& kDanger = detail::g_active.danger;
inline const ImU32& kSuccess = detail::g_active.success;
inline const ImU32& kCodeBackground = detail::g_active.code_background;
inline const ImU32& kCodeText = detail::g_active.code_text;
// Callouts: tip, note, warning, analogy.
inline const ImU32& kTip = detail::g_active.tip;
inline const ImU32& kNote = detail::g_active.note;
inline const ImU32& kWarning = detail::g_active.warning;
inline const ImU32& kAnalogy = detail::g_active.analogy;
// Line widths in logical pixels: thicker on the projector theme, where thin lines vanish.
inline const float& kLineWidth = detail::g_active.line_width;
inline const float& kStrokeWidth = detail::g_active.stroke_width;

// A "#RRGGBB" color, or `fallback` when the text is not one.
ImU32 parse_color(const std::string& hex, ImU32 fallback);
// The color mixed toward the background by `amount` (0..1), for tinted surfaces.
ImU32 tint(ImU32 color, float amount);

// `color` darkened (light themes) or lightened (dark theme) until it reaches 4.5:1 on the background
// and surface, for colors that come from lesson data (track colors) and are drawn as text.
ImU32 readable(ImU32 color);

// WCAG 2 relative luminance (0 black .. 1 white) and contrast ratio (1..21) of opaque colors.
double relative_luminance(ImU32 color);
double contrast_ratio(ImU32 a, ImU32 b);

// Sets ImGui's colors, rounding, spacing and border widths from the active palette.
void apply();

}  // namespace dojo::theme

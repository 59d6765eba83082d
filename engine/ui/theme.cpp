// The three palettes, switching between them, WCAG contrast math, and filling ImGuiStyle from the
// active palette.
#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace dojo::theme {

namespace {

// The original look: calm and dark, for screens (dark themes wash out on projectors).
constexpr Palette kDark{.background = rgb(0x11, 0x14, 0x1B),
                        .surface = rgb(0x1A, 0x1F, 0x2B),
                        .surface_hover = rgb(0x23, 0x2A, 0x3A),
                        .border = rgb(0x2C, 0x34, 0x46),
                        .text = rgb(0xE8, 0xEB, 0xF1),
                        .text_dim = rgb(0x9A, 0xA4, 0xB5),
                        .accent = rgb(0x3F, 0xD0, 0xC0),
                        .highlight = rgb(0xF6, 0xB2, 0x4E),
                        .danger = rgb(0xF2, 0x6D, 0x6D),
                        .success = rgb(0x5C, 0xD6, 0x8A),
                        .code_background = rgb(0x0B, 0x0E, 0x14),
                        .code_text = rgb(0xF0, 0xC6, 0x74),
                        .tip = rgb(0x5C, 0xD6, 0x8A),
                        .note = rgb(0x6C, 0xA8, 0xF0),
                        .warning = rgb(0xF6, 0xB2, 0x4E),
                        .analogy = rgb(0xC0, 0x8C, 0xF2),
                        .series_pink = rgb(0xF2, 0x8C, 0xC8),
                        .series_grey = rgb(0xB8, 0xC4, 0xD6),
                        .frame = rgb(0x2B, 0x33, 0x46),
                        .frame_hover = rgb(0x35, 0x3F, 0x56),
                        .frame_active = rgb(0x3B, 0x46, 0x60),
                        .button = rgb(0x25, 0x5F, 0x5E),
                        .button_hover = rgb(0x2A, 0x6E, 0x6B),
                        .button_active = rgb(0x2F, 0x74, 0x70),
                        .row_alt = rgb(0xFF, 0xFF, 0xFF, 8),
                        .modal_dim = rgb(0, 0, 0, 150),
                        .selection = rgb(0x3F, 0xD0, 0xC0, 80),
                        .line_width = 1.0f,
                        .stroke_width = 2.0f,
                        .frame_border = 0.0f,
                        .spacing = 1.0f};

// Light: dark text on near-white; the accent colors are darkened so that they still read as text.
constexpr Palette kLight{.background = rgb(0xF4, 0xF6, 0xF9),
                         .surface = rgb(0xFF, 0xFF, 0xFF),
                         .surface_hover = rgb(0xE8, 0xEC, 0xF2),
                         .border = rgb(0xC9, 0xD0, 0xDB),
                         .text = rgb(0x1A, 0x1E, 0x26),
                         .text_dim = rgb(0x4A, 0x53, 0x65),
                         .accent = rgb(0x00, 0x6E, 0x63),
                         .highlight = rgb(0x94, 0x52, 0x00),
                         .danger = rgb(0xB8, 0x1E, 0x2A),
                         .success = rgb(0x1B, 0x72, 0x30),
                         .code_background = rgb(0xEC, 0xEF, 0xF4),
                         .code_text = rgb(0x85, 0x3A, 0x00),
                         .tip = rgb(0x1B, 0x72, 0x30),
                         .note = rgb(0x1D, 0x5A, 0xB8),
                         .warning = rgb(0x94, 0x52, 0x00),
                         .analogy = rgb(0x72, 0x38, 0xB0),
                         .series_pink = rgb(0xB0, 0x2C, 0x78),
                         .series_grey = rgb(0x5A, 0x66, 0x78),
                         .frame = rgb(0xE3, 0xE7, 0xEE),
                         .frame_hover = rgb(0xD6, 0xDC, 0xE6),
                         .frame_active = rgb(0xC9, 0xD1, 0xDE),
                         .button = rgb(0xCC, 0xE9, 0xE4),
                         .button_hover = rgb(0xB3, 0xDE, 0xD7),
                         .button_active = rgb(0x9C, 0xD3, 0xCA),
                         .row_alt = rgb(0x00, 0x00, 0x00, 8),
                         .modal_dim = rgb(0, 0, 0, 90),
                         .selection = rgb(0x00, 0x6E, 0x63, 60),
                         .line_width = 1.0f,
                         .stroke_width = 2.0f,
                         .frame_border = 0.0f,
                         .spacing = 1.0f};

// Projector: black on white, strong borders, thick lines and roomier spacing, so a washed-out
// projector in a lit room still shows every line and label.
constexpr Palette kProjector{.background = rgb(0xFF, 0xFF, 0xFF),
                             .surface = rgb(0xF1, 0xF1, 0xF1),
                             .surface_hover = rgb(0xE0, 0xE0, 0xE0),
                             .border = rgb(0x4A, 0x4A, 0x4A),
                             .text = rgb(0x00, 0x00, 0x00),
                             .text_dim = rgb(0x30, 0x30, 0x30),
                             .accent = rgb(0x00, 0x5A, 0x51),
                             .highlight = rgb(0x75, 0x3E, 0x00),
                             .danger = rgb(0xA0, 0x00, 0x18),
                             .success = rgb(0x0A, 0x5C, 0x20),
                             .code_background = rgb(0xF1, 0xF1, 0xF1),
                             .code_text = rgb(0x66, 0x2C, 0x00),
                             .tip = rgb(0x0A, 0x5C, 0x20),
                             .note = rgb(0x00, 0x3C, 0x96),
                             .warning = rgb(0x75, 0x3E, 0x00),
                             .analogy = rgb(0x58, 0x1E, 0x94),
                             .series_pink = rgb(0x96, 0x12, 0x62),
                             .series_grey = rgb(0x3A, 0x42, 0x50),
                             .frame = rgb(0xDD, 0xDD, 0xDD),
                             .frame_hover = rgb(0xCF, 0xE6, 0xE3),
                             .frame_active = rgb(0xB8, 0xDB, 0xD6),
                             .button = rgb(0xC4, 0xE6, 0xE1),
                             .button_hover = rgb(0xA6, 0xD8, 0xD1),
                             .button_active = rgb(0x89, 0xCB, 0xC2),
                             .row_alt = rgb(0x00, 0x00, 0x00, 12),
                             .modal_dim = rgb(0, 0, 0, 110),
                             .selection = rgb(0x00, 0x5A, 0x51, 70),
                             .line_width = 2.0f,
                             .stroke_width = 3.5f,
                             .frame_border = 0.0f,
                             .spacing = 1.25f};

Theme g_theme = Theme::Dark;

// Starts the named colors on the dark palette before any view reads them.
const bool g_started = [] {
    detail::g_active = kDark;
    return true;
}();

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

ImU32 mix(ImU32 a, ImU32 b, float amount) {
    auto one = [&](int shift) {
        const float x = static_cast<float>((a >> shift) & 0xFF), y = static_cast<float>((b >> shift) & 0xFF);
        return static_cast<unsigned>(x + (y - x) * amount + 0.5f);
    };
    return rgb(one(0), one(8), one(16));
}

}  // namespace

const Palette& palette(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return kLight;
        case Theme::Projector:
            return kProjector;
        case Theme::Dark:
            break;
    }
    return kDark;
}

const Palette& active_palette() {
    return detail::g_active;
}
Theme active() {
    return g_theme;
}

void use(Theme theme) {
    g_theme = theme;
    detail::g_active = palette(theme);
}

const char* name(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return "light";
        case Theme::Projector:
            return "projector";
        case Theme::Dark:
            break;
    }
    return "dark";
}

std::optional<Theme> from_name(std::string_view text) {
    for (Theme t : {Theme::Dark, Theme::Light, Theme::Projector})
        if (text == name(t)) return t;
    return std::nullopt;
}

ImU32 parse_color(const std::string& hex, ImU32 fallback) {
    if (hex.size() != 7 || hex[0] != '#') return fallback;
    unsigned value = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = hex[i];
        const int d = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
        if (d < 0) return fallback;
        value = value * 16 + static_cast<unsigned>(d);
    }
    return rgb((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
}

ImU32 tint(ImU32 color, float amount) {
    return mix(color, kBackground, amount);
}

double relative_luminance(ImU32 color) {
    return 0.2126 * channel(color & 0xFF) + 0.7152 * channel((color >> 8) & 0xFF) + 0.0722 * channel((color >> 16) & 0xFF);
}

double contrast_ratio(ImU32 a, ImU32 b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 readable(ImU32 color) {
    const Palette& p = detail::g_active;
    const ImU32 toward = relative_luminance(p.background) > 0.5 ? rgb(0, 0, 0) : rgb(0xFF, 0xFF, 0xFF);
    ImU32 out = color | 0xFF000000u;
    for (int step = 0; step < 20 && std::min(contrast_ratio(out, p.background), contrast_ratio(out, p.surface)) < 4.5; ++step)
        out = mix(out, toward, 0.12f);
    return out;
}

void apply() {
    const Palette& p = detail::g_active;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    const float s = p.spacing;
    style.WindowPadding = {20 * s, 16 * s};
    style.FramePadding = {12 * s, 7 * s};
    style.ItemSpacing = {10 * s, 10 * s};
    style.ItemInnerSpacing = {8 * s, 6 * s};
    style.ScrollbarSize = 12 * s;
    style.WindowRounding = 0;
    style.ChildRounding = 8;
    style.FrameRounding = 6;
    style.PopupRounding = 8;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = p.frame_border;
    style.ChildBorderSize = p.line_width;
    style.PopupBorderSize = p.line_width;
    style.TabBorderSize = p.line_width;

    auto c = [](ImU32 col) { return ImGui::ColorConvertU32ToFloat4(col); };
    ImVec4* colors = style.Colors;
    colors[ImGuiCol_Text] = c(p.text);
    colors[ImGuiCol_TextDisabled] = c(p.text_dim);
    colors[ImGuiCol_WindowBg] = c(p.background);
    colors[ImGuiCol_ChildBg] = c(p.surface);
    colors[ImGuiCol_PopupBg] = c(p.surface);
    colors[ImGuiCol_MenuBarBg] = c(p.surface);
    colors[ImGuiCol_Border] = c(p.border);
    colors[ImGuiCol_BorderShadow] = c(rgb(0, 0, 0, 0));
    colors[ImGuiCol_FrameBg] = c(p.frame);
    colors[ImGuiCol_FrameBgHovered] = c(p.frame_hover);
    colors[ImGuiCol_FrameBgActive] = c(p.frame_active);
    colors[ImGuiCol_TitleBg] = c(p.surface);
    colors[ImGuiCol_TitleBgActive] = c(p.surface_hover);
    colors[ImGuiCol_TitleBgCollapsed] = c(p.surface);
    colors[ImGuiCol_TableHeaderBg] = c(p.surface_hover);
    colors[ImGuiCol_TableBorderStrong] = c(p.border);
    colors[ImGuiCol_TableBorderLight] = c(p.border);
    colors[ImGuiCol_TableRowBg] = c(rgb(0, 0, 0, 0));
    colors[ImGuiCol_TableRowBgAlt] = c(p.row_alt);
    colors[ImGuiCol_ModalWindowDimBg] = c(p.modal_dim);
    colors[ImGuiCol_Button] = c(p.button);
    colors[ImGuiCol_ButtonHovered] = c(p.button_hover);
    colors[ImGuiCol_ButtonActive] = c(p.button_active);
    colors[ImGuiCol_Header] = c(p.surface);
    colors[ImGuiCol_HeaderHovered] = c(p.surface_hover);
    colors[ImGuiCol_HeaderActive] = c(p.surface_hover);
    colors[ImGuiCol_Tab] = c(p.surface);
    colors[ImGuiCol_TabHovered] = c(p.button_hover);
    colors[ImGuiCol_TabActive] = c(p.button);
    colors[ImGuiCol_CheckMark] = c(p.accent);
    colors[ImGuiCol_SliderGrab] = c(p.accent);
    colors[ImGuiCol_SliderGrabActive] = c(p.accent);
    colors[ImGuiCol_Separator] = c(p.border);
    colors[ImGuiCol_SeparatorHovered] = c(p.accent);
    colors[ImGuiCol_SeparatorActive] = c(p.accent);
    colors[ImGuiCol_ResizeGrip] = c(rgb(0, 0, 0, 0));
    colors[ImGuiCol_PlotLines] = c(p.accent);
    colors[ImGuiCol_PlotHistogram] = c(p.accent);
    colors[ImGuiCol_ScrollbarBg] = c(rgb(0, 0, 0, 0));
    colors[ImGuiCol_ScrollbarGrab] = c(p.border);
    colors[ImGuiCol_ScrollbarGrabHovered] = c(p.text_dim);
    colors[ImGuiCol_ScrollbarGrabActive] = c(p.text_dim);
    colors[ImGuiCol_NavHighlight] = c(p.accent);
    colors[ImGuiCol_TextSelectedBg] = c(p.selection);
}

}  // namespace dojo::theme

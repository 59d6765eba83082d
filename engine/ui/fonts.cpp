// Builds the ImGui font atlas from the fonts that cmake/DojoEmbed.cmake compiled into the binary.
#include "ui/fonts.h"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cstddef>

#include <imgui.h>

#include "ui/icons.h"

namespace dojo_assets {
extern const unsigned char inter_regular[];
extern const std::size_t inter_regular_size;
extern const unsigned char inter_semibold[];
extern const std::size_t inter_semibold_size;
extern const unsigned char inter_italic[];
extern const std::size_t inter_italic_size;
extern const unsigned char inter_semibold_italic[];
extern const std::size_t inter_semibold_italic_size;
extern const unsigned char jetbrains_mono[];
extern const std::size_t jetbrains_mono_size;
extern const unsigned char font_awesome[];
extern const std::size_t font_awesome_size;
}  // namespace dojo_assets

namespace dojo {

namespace {

FontSet g_fonts;
float g_ui_scale = 1.0f, g_view_zoom = 1.0f;
// Horizontal oversampling sharpens small glyphs; large ones gain nothing and would quadruple the atlas.
int g_oversample_h = 2;
float g_built_pixel_scale = 0.0f, g_built_ui_scale = 0.0f;  // what the atlas was last built for

// The text glyphs: pairs of first and last code point, from engine/CMakeLists.txt, which also cuts the
// embedded fonts down to them.
const ImWchar kTextRanges[] = {DOJO_TEXT_GLYPH_RANGES, 0};

// The code point of a Font Awesome glyph: three bytes of UTF-8 (U+F000..U+F2E0).
constexpr ImWchar icon_code_point(const char* utf8) {
    return static_cast<ImWchar>(((static_cast<unsigned char>(utf8[0]) & 0x0F) << 12) |
                                ((static_cast<unsigned char>(utf8[1]) & 0x3F) << 6) |
                                (static_cast<unsigned char>(utf8[2]) & 0x3F));
}

// One [c, c] range per icon the views use (icon::kAll), so the atlas holds those glyphs and no others.
constexpr auto kIconRanges = [] {
    std::array<ImWchar, 2 * std::size(icon::kAll) + 1> ranges{};
    std::size_t i = 0;
    for (const char* glyph : icon::kAll) ranges[i++] = icon_code_point(glyph), ranges[i++] = icon_code_point(glyph);
    return ranges;
}();

ImFont* add_font(const unsigned char* data, std::size_t size, float px, bool with_icons) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the data is static
    cfg.OversampleH = g_oversample_h;
    cfg.OversampleV = 1;
    ImFont* font =
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), px, &cfg, kTextRanges);
    if (with_icons) {
        ImFontConfig icons;
        icons.FontDataOwnedByAtlas = false;
        icons.MergeMode = true;
        icons.PixelSnapH = true;
        icons.GlyphMinAdvanceX = px;  // icons line up in lists
        icons.GlyphOffset.y = px * 0.05f;
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(dojo_assets::font_awesome),
                                       static_cast<int>(dojo_assets::font_awesome_size), px * 0.9f, &icons, kIconRanges.data());
    }
    return font;
}

}  // namespace

void build_fonts(float pixel_scale) {
    if (pixel_scale < 0.5f) pixel_scale = 0.5f;
    if (pixel_scale > 6.0f) pixel_scale = 6.0f;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float s = pixel_scale;
    g_oversample_h = s >= 1.75f ? 1 : 2;
    g_fonts.body = add_font(dojo_assets::inter_regular, dojo_assets::inter_regular_size, 17.0f * s, true);
    g_fonts.strong = add_font(dojo_assets::inter_semibold, dojo_assets::inter_semibold_size, 17.0f * s, true);
    g_fonts.italic = add_font(dojo_assets::inter_italic, dojo_assets::inter_italic_size, 17.0f * s, false);
    g_fonts.strong_italic =
        add_font(dojo_assets::inter_semibold_italic, dojo_assets::inter_semibold_italic_size, 17.0f * s, false);
    g_fonts.subheading = add_font(dojo_assets::inter_semibold, dojo_assets::inter_semibold_size, 19.0f * s, true);
    g_fonts.heading = add_font(dojo_assets::inter_semibold, dojo_assets::inter_semibold_size, 22.0f * s, true);
    g_fonts.title = add_font(dojo_assets::inter_semibold, dojo_assets::inter_semibold_size, 32.0f * s, true);
    g_fonts.mono = add_font(dojo_assets::jetbrains_mono, dojo_assets::jetbrains_mono_size, 15.0f * s, false);
    io.FontDefault = g_fonts.body;
    io.FontGlobalScale = 1.0f / s;
    io.Fonts->Build();
}

const FontSet& fonts() {
    return g_fonts;
}

void set_ui_scale(float scale) {
    g_ui_scale = std::clamp(scale, kSmallestUiScale, kLargestUiScale);
}
void set_view_zoom(float zoom) {
    g_view_zoom = std::clamp(zoom, 1.0f, 3.0f);
}
float ui_scale() {
    return g_ui_scale * g_view_zoom;
}
float learner_ui_scale() {
    return g_ui_scale;
}

bool refresh_fonts(float pixel_scale) {
    const float scale = ui_scale();
    if (pixel_scale == g_built_pixel_scale && scale == g_built_ui_scale) return false;
    g_built_pixel_scale = pixel_scale;
    g_built_ui_scale = scale;
    build_fonts(pixel_scale * scale);
    return true;
}

void scale_io_for_ui() {
    ImGuiIO& io = ImGui::GetIO();
    const float s = ui_scale();
    if (s == 1.0f) return;
    io.DisplaySize = {io.DisplaySize.x / s, io.DisplaySize.y / s};
    io.DisplayFramebufferScale = {io.DisplayFramebufferScale.x * s, io.DisplayFramebufferScale.y * s};
    if (io.MousePos.x > -FLT_MAX / 2 && io.MousePos.y > -FLT_MAX / 2) io.MousePos = {io.MousePos.x / s, io.MousePos.y / s};
}

}  // namespace dojo

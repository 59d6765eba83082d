// The app's fonts, embedded at build time from Debian's font packages: Inter for text,
// JetBrains Mono for code, Font Awesome icons merged into the text fonts.
#pragma once

struct ImFont;

namespace dojo {

struct FontSet {
    ImFont* body = nullptr;           // Inter Regular, icons merged
    ImFont* strong = nullptr;         // Inter SemiBold at body size, icons merged
    ImFont* italic = nullptr;         // Inter Italic at body size
    ImFont* strong_italic = nullptr;  // Inter SemiBold Italic at body size
    ImFont* subheading = nullptr;     // Inter SemiBold, between body and heading
    ImFont* heading = nullptr;        // Inter SemiBold, larger
    ImFont* title = nullptr;          // Inter SemiBold, largest
    ImFont* mono = nullptr;           // JetBrains Mono
};

// Rebuilds the font atlas for a display with `pixel_scale` physical pixels per ImGui unit
// (devicePixelRatio in the browser, times the learner's UI scale). Glyphs are rasterized at full
// physical size and drawn at 1/pixel_scale so text stays crisp on HiDPI screens and projectors.
// The renderer must re-upload the atlas texture afterwards.
void build_fonts(float pixel_scale);

const FontSet& fonts();

// ---- UI scale ----
// The learner's UI scale works like a browser's zoom: the app keeps laying out in ImGui units, and
// the runner shows each unit as ui_scale() window pixels (CSS pixels on the web): it divides
// io.DisplaySize and the mouse position by it and multiplies io.DisplayFramebufferScale by it
// (scale_io_for_ui), so every size, padding and line grows together and a large scale reflows to
// the narrow layout. Fonts are rebuilt at the new physical size, never stretched.
inline constexpr float kSmallestUiScale = 0.75f;  // the Settings view offers 75% ...
inline constexpr float kLargestUiScale = 2.5f;    // ... to 250%

// The learner's scale, clamped to kSmallestUiScale..kLargestUiScale. Takes effect at the runner's
// next refresh_fonts().
void set_ui_scale(float scale);
// A view's own magnification on top of the learner's scale (e.g. presenter mode's large type),
// clamped to 1..3; 1 when the view closes.
void set_view_zoom(float zoom);
// Window pixels per ImGui unit: the learner's scale times the view's zoom.
float ui_scale();
float learner_ui_scale();
// Rebuilds the atlas at pixel_scale * ui_scale() when either changed since the last build. True
// when it did: the renderer must then re-upload the atlas texture. Call between frames.
bool refresh_fonts(float pixel_scale);
// After the platform backend's NewFrame and before ImGui::NewFrame: window pixels to ImGui units.
void scale_io_for_ui();

}  // namespace dojo

// The app's fonts, embedded at build time from Debian's font packages: Inter for text,
// JetBrains Mono for code, Font Awesome icons merged into the text fonts.
#pragma once

struct ImFont;

namespace dojo {

struct FontSet {
    ImFont* body = nullptr;     // Inter Regular, icons merged
    ImFont* strong = nullptr;   // Inter SemiBold at body size, icons merged
    ImFont* italic = nullptr;   // Inter Italic at body size
    ImFont* strong_italic = nullptr;  // Inter SemiBold Italic at body size
    ImFont* subheading = nullptr;     // Inter SemiBold, between body and heading
    ImFont* heading = nullptr;  // Inter SemiBold, larger
    ImFont* title = nullptr;    // Inter SemiBold, largest
    ImFont* mono = nullptr;     // JetBrains Mono
};

// Rebuilds the font atlas for a display with `pixel_scale` physical pixels per logical pixel
// (devicePixelRatio in the browser) times the user's UI scale. Glyphs are rasterized at full
// physical size and drawn at 1/pixel_scale so text stays crisp on HiDPI screens and projectors.
// The renderer must re-upload the atlas texture afterwards.
void build_fonts(float pixel_scale);

const FontSet& fonts();

}  // namespace dojo

// Small drawing helpers the views share: cards with a colored edge, section rules, dim text, a
// view's title.
#pragma once

#include <imgui.h>

namespace dojo {

// A padded card whose background is drawn after its content (so it fits it). Content is laid out
// `width` wide; `accent` colors the left edge, 0 for none.
void begin_card(float width, float padding = 16.0f);
void end_card(ImU32 background, ImU32 accent);

// A horizontal rule as wide as `width` (ImGui's Separator spans the whole window).
void column_rule(float width);

// Wrapped text in a color (a paragraph to a screen reader).
void text_colored(ImU32 color, const char* text);

// A view's title in the title font, after its icon: "Review", "Glossary", "Search" (a level-1 heading to a
// screen reader).
void section_title(const char* icon_glyph, const char* text);

}  // namespace dojo

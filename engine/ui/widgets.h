// Small drawing helpers the views share: cards with a colored edge, section rules, dim text, a
// view's title.
#pragma once

#include <string>
#include <string_view>

#include <imgui.h>

namespace dojo {

// A padded card whose background is drawn after its content (so it fits it). Content is laid out
// `width` wide; `accent` colors the left edge, 0 for none.
void begin_card(float width, float padding = 16.0f);
void end_card(ImU32 background, ImU32 accent);

// A horizontal rule as wide as `width` (ImGui's Separator spans the whole window).
void column_rule(float width);

// `text` with a newline put at the last space before each line would pass `width` (in the current
// font), and nowhere else: ImGui's own wrapping also breaks after '.' and ',', which splits numbers
// such as "2,516.6" or "17.2 GB" across lines. A word longer than a line is left whole.
std::string break_at_spaces(std::string_view text, float width);
// Text wrapped at the current wrap position, at spaces only (see break_at_spaces).
void wrapped_text(const char* text);
// Wrapped text in a color, at spaces only (a paragraph to a screen reader).
void text_colored(ImU32 color, const char* text);

// A view's title in the title font, after its icon: "Review", "Glossary", "Search" (a level-1 heading to a
// screen reader).
void section_title(const char* icon_glyph, const char* text);

}  // namespace dojo

// Wrapped inline text in mixed styles (bold, italic, code, strikethrough, links, glossary terms),
// which ImGui has no widget for. Layouts are cached per span list, so a long lesson costs little
// per frame: only the visible fragments are drawn.
#pragma once

#include <string>

#include <imgui.h>

#include "course/course.h"
#include "ui/access_tree.h"

namespace dojo {

struct TextFonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr;
    ImFont* code = nullptr;
};

struct RichTextOptions {
    TextFonts fonts;
    ImU32 color = 0;                 // 0: the theme's text color
    float line_height = 1.5f;        // multiple of the font size
    const Course* course = nullptr;  // for glossary definitions on hover
    // What the text is to a screen reader (access_tree.h): a paragraph, a heading of access_level, or
    // Text for runs that go inside a node the caller opened (a table cell).
    AccessRole access_role = AccessRole::Paragraph;
    int access_level = 0;
    bool accessible = true;  // false: the caller already said it (an image's caption is its alt text)
};

// Draws `spans` at the cursor, wrapped to `width`, and advances the cursor. Returns the link the
// learner clicked this frame ("lesson:<id>", an URL, ...), or "".
std::string rich_text(const Spans& spans, float width, const RichTextOptions& options);

// The body text style: Inter at reading size.
RichTextOptions body_text_options(const Course* course);

// Forgets cached layouts (the fonts were rebuilt).
void clear_rich_text_cache();

}  // namespace dojo

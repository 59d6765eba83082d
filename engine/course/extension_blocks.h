// Extension blocks: turns the fenced blocks that Markdown leaves as Code (quiz, lab, diagram, and the
// callouts tip, note, warning, analogy) into their blocks, and parses a whole body with them.
#pragma once

#include <string_view>
#include <vector>

#include "course/course.h"
#include "course/parse_context.h"

namespace dojo::detail {

// Turns fenced blocks named quiz, tip, note, warning, analogy, lab or diagram in `blocks` (and the
// blocks inside them) into their blocks. Questions and diagrams go to `lesson` when there is one.
void expand_extensions(std::vector<Block>& blocks, const ParseContext& ctx, Lesson* lesson);

// A Markdown body that starts at `first_line`: markdown_blocks(), then expand_extensions().
std::vector<Block> parse_body(std::string_view text, const ParseContext& ctx, int first_line, Lesson* lesson);

}  // namespace dojo::detail

// Markdown into blocks (md4c): paragraphs, headings, lists, quotes, tables, code, rules and images, with
// their lines, plus the lesson and term links and images a lesson names. Fenced extension blocks stay
// Code blocks here; extension_blocks.h turns them into quizzes, labs, diagrams and callouts.
#pragma once

#include <string_view>
#include <vector>

#include "course/course.h"
#include "course/parse_context.h"

namespace dojo::detail {

// Parses Markdown that starts at `first_line` of ctx.path; links and images go to ctx.refs when set.
std::vector<Block> markdown_blocks(std::string_view text, const ParseContext& ctx, int first_line);

}  // namespace dojo::detail

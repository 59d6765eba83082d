// Splits a lesson into the screens presenter mode shows one at a time: a title screen, then a new
// screen at every level 1 or 2 heading and at every break (`---`) the author places between blocks.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "course/course.h"

namespace dojo {

struct PresenterScreen {
    enum class Kind { Title, Content, Quiz, Lab };
    Kind kind = Kind::Content;
    std::size_t first = 0, count = 0;  // the blocks it shows: lesson.blocks[first, first + count)
    std::string heading;               // the level 1 or 2 heading it belongs to ("" before the first)
};

// The title screen comes first (with the lesson's first heading when it only repeats the title). A quiz or a lab gets a screen of
// its own (with the heading just above it, when nothing else stands between them), so the class sees one question or one chart at
// a time. Breaks themselves are not shown, and screens left with no block are dropped.
std::vector<PresenterScreen> split_into_screens(const Lesson& lesson);

// The text of a heading or paragraph, without its styling.
std::string plain_text(const Spans& spans);

}  // namespace dojo

// Presenter screens from a lesson's top-level blocks (see sections.h for the rules).
#include "course/sections.h"

namespace dojo {

std::string plain_text(const Spans& spans) {
    std::string out;
    for (const Span& s : spans) out += s.text;
    return out;
}

std::vector<PresenterScreen> split_into_screens(const Lesson& lesson) {
    std::vector<PresenterScreen> screens;
    screens.push_back({PresenterScreen::Kind::Title, 0, 0, ""});

    std::string heading;
    PresenterScreen open{PresenterScreen::Kind::Content, 0, 0, ""};
    bool only_headings = true;  // the open screen holds nothing but headings so far
    auto close = [&](std::size_t next) {
        if (open.count > 0) screens.push_back(open);
        open = {PresenterScreen::Kind::Content, next, 0, heading};
        only_headings = true;
    };

    const std::vector<Block>& blocks = lesson.blocks;
    std::size_t start = 0;
    // A first heading that repeats the title (as Markdown viewers need) belongs to the title screen.
    if (!blocks.empty() && blocks[0].kind == BlockKind::Heading && blocks[0].level == 1 &&
        plain_text(blocks[0].spans) == lesson.title) {
        screens[0].count = 1;
        heading = lesson.title;
        open = {PresenterScreen::Kind::Content, 1, 0, heading};
        start = 1;
    }
    for (std::size_t i = start; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        if (b.kind == BlockKind::Rule) {  // an author's break: it ends the screen and is not shown
            close(i + 1);
            continue;
        }
        if (b.kind == BlockKind::Heading && b.level <= 2) {
            heading = plain_text(b.spans);
            close(i);
        }
        if (b.kind == BlockKind::Quiz || b.kind == BlockKind::Lab) {
            if (!only_headings) close(i);
            open.kind = b.kind == BlockKind::Quiz ? PresenterScreen::Kind::Quiz : PresenterScreen::Kind::Lab;
            open.count = i + 1 - open.first;
            close(i + 1);
            continue;
        }
        open.count = i + 1 - open.first;
        only_headings = only_headings && b.kind == BlockKind::Heading;
    }
    close(blocks.size());
    return screens;
}

}  // namespace dojo

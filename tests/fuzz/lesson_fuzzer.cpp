// libFuzzer target: any bytes, read as a lesson file and as bare Markdown, must parse without a crash,
// a hang or a sanitizer report, and the model that comes back must be consistent (indexes in range).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "course/course_loader.h"

namespace {

// A broken invariant is a bug the sanitizers cannot see, so it crashes here for libFuzzer to keep.
void require(bool ok) {
    if (!ok) __builtin_trap();
}

void check_blocks(const std::vector<dojo::Block>& blocks, const dojo::Lesson* lesson, int max_line) {
    for (const dojo::Block& b : blocks) {
        require(b.line >= 0 && b.line <= max_line);
        if (b.kind == dojo::BlockKind::Quiz && lesson)
            require(b.question >= -1 && b.question < static_cast<int>(lesson->questions.size()));
        if (b.kind == dojo::BlockKind::Diagram && lesson)
            require(b.diagram >= -1 && b.diagram < static_cast<int>(lesson->diagrams.size()));
        if (b.kind == dojo::BlockKind::Heading) require(b.level >= 1 && b.level <= 6);
        for (const auto& item : b.items) check_blocks(item, lesson, max_line);
        check_blocks(b.children, lesson, max_line);
    }
}

void check_problems(const std::vector<dojo::Diagnostic>& problems, std::string_view path, int max_line) {
    for (const dojo::Diagnostic& d : problems) {
        require(d.path == path);
        require(d.line >= 0 && d.line <= max_line);
        require(d.column >= 0);
        require(!d.message.empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    int lines = 1;  // LF, CRLF and a lone CR each end a line (CommonMark)
    for (std::size_t i = 0; i < size; ++i)
        lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n'));

    const dojo::Lesson lesson = dojo::parse_lesson(text, "fuzz.md");
    check_problems(lesson.problems, "fuzz.md", lines);
    check_blocks(lesson.blocks, &lesson, lines);

    std::vector<dojo::Diagnostic> problems;
    const std::vector<dojo::Block> blocks = dojo::parse_markdown(text, "fuzz.md", 1, problems);
    check_problems(problems, "fuzz.md", lines);
    check_blocks(blocks, nullptr, lines);
    return 0;
}

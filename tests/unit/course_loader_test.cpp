// The lesson loader and validator: the valid fixture course parsed into the right model, one fixture
// folder per error kind against its expected diagnostics, hand-checked positions, and the real course.
//
// Index of this file:
// - (a) The valid fixture course, parsed into the model
// - (b) One fixture folder per error kind, against its expected.txt
// - (c) Positions checked by hand, and the TOML guard
// - (d) The real course has no errors and no warnings
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "course/course_loader.h"

namespace {

namespace fs = std::filesystem;
using dojo::Block;
using dojo::BlockKind;
using dojo::Course;
using dojo::Diagnostic;
using dojo::Lesson;

const fs::path kFixtures = fs::path(DOJO_FIXTURES_DIR) / "lessons";

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); !from.empty() && at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// Every diagnostic of a course as `dojo lessons check` prints it (sorted by path, line, column), with
// the folder left out of paths and messages so that the lines read the same wherever the tree is.
std::vector<std::string> render(const Course& course, const fs::path& dir) {
    std::vector<Diagnostic> all = course.problems;
    for (const Lesson& l : course.lessons) all.insert(all.end(), l.problems.begin(), l.problems.end());
    std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
    });
    std::vector<std::string> out;
    for (const Diagnostic& d : all) {
        std::string line = d.to_string();
        replace_all(line, dir.string() + "/", "");
        replace_all(line, dir.string(), ".");
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> render(const std::vector<Diagnostic>& problems) {
    std::vector<std::string> out;
    for (const Diagnostic& d : problems) out.push_back(d.to_string());
    return out;
}

std::vector<std::string> read_lines(const fs::path& p) {
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

// A readable diff: each expected line missing from the output, then each line nobody expected.
std::string diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
    std::ostringstream out;
    for (const auto& e : expected)
        if (std::find(actual.begin(), actual.end(), e) == actual.end()) out << "  - expected: " << e << '\n';
    for (const auto& a : actual)
        if (std::find(expected.begin(), expected.end(), a) == expected.end()) out << "  + got:      " << a << '\n';
    if (out.str().empty() && expected != actual) out << "  (same lines, different order or count)\n";
    return out.str();
}

std::string text_of(const dojo::Spans& spans) {
    std::string s;
    for (const auto& sp : spans) s += sp.text;
    return s;
}

const dojo::Span* find_span(const dojo::Spans& spans, const std::string& text) {
    for (const auto& sp : spans)
        if (sp.text == text) return &sp;
    return nullptr;
}

std::vector<const Block*> blocks_of(const Lesson& l, BlockKind kind) {
    std::vector<const Block*> out;
    for (const Block& b : l.blocks)
        if (b.kind == kind) out.push_back(&b);
    return out;
}

// A lesson's text with front matter that passes; `body` follows it from line 12.
std::string lesson_text(const std::string& body) {
    return "+++\nid = \"t\"\ntitle = \"T\"\ntrack = \"foundations\"\nsummary = \"S\"\nrequires = []\nxp = 1\nminutes = 1\n"
           "objectives = [\"o\"]\nsources = [\"s\"]\n+++\n" +
           body;
}

class ValidCourse : public ::testing::Test {
protected:
    static void SetUpTestSuite() { course_ = new Course(dojo::load_course(kFixtures / "valid")); }
    static void TearDownTestSuite() {
        delete course_;
        course_ = nullptr;
    }
    static const Lesson& lesson(const std::string& id) {
        const Lesson* l = course_->find_lesson(id);
        if (!l) throw std::runtime_error("no lesson " + id);
        return *l;
    }
    static Course* course_;
};
Course* ValidCourse::course_ = nullptr;

}  // namespace

// ---- (a) The valid fixture ----------------------------------------------------------------------

TEST_F(ValidCourse, LoadsWithNoProblemsInCourseOrder) {
    EXPECT_EQ(render(*course_, kFixtures / "valid"), std::vector<std::string>{});
    EXPECT_EQ(course_->error_count(), 0u);
    EXPECT_EQ(course_->warning_count(), 0u);
    std::vector<std::string> ids;
    for (const auto& l : course_->lessons) ids.push_back(l.id);
    // The files are 01-intro, 02-quizzes, 03-blocks; course.toml's order wins.
    EXPECT_EQ(ids, (std::vector<std::string>{"intro", "blocks", "quizzes"}));

    const Lesson& q = lesson("quizzes");
    EXPECT_EQ(q.title, "Every quiz");
    EXPECT_EQ(q.track, "memory");
    EXPECT_EQ(q.requires_, std::vector<std::string>{"blocks"});
    EXPECT_EQ(q.xp, 20);
    EXPECT_EQ(q.minutes, 5);
    EXPECT_EQ(q.objectives, std::vector<std::string>{"Answer every kind of question"});
    EXPECT_EQ(q.sources, std::vector<std::string>{"The author's guide"});
    EXPECT_FALSE(q.has_errors());
}

TEST_F(ValidCourse, CourseFiles) {
    ASSERT_EQ(course_->tracks.size(), 2u);
    EXPECT_EQ(course_->tracks[1].id, "memory");
    EXPECT_EQ(course_->tracks[1].name, "Memory");
    EXPECT_EQ(course_->tracks[1].color, "#B58CFF");
    EXPECT_EQ(course_->tracks[1].icon, "database");
    ASSERT_EQ(course_->levels.size(), 2u);
    EXPECT_EQ(course_->levels[0].xp, 0);
    EXPECT_EQ(course_->levels[1].name, "Apprentice");
    EXPECT_EQ(course_->levels[1].xp, 40);

    ASSERT_EQ(course_->glossary.size(), 2u);
    const dojo::GlossaryTerm* vram = course_->find_term("vram");
    ASSERT_NE(vram, nullptr);
    EXPECT_EQ(vram->term, "VRAM");
    EXPECT_EQ(vram->definition, "The GPU's own memory.");
    EXPECT_EQ(vram->code, "torch.cuda.mem_get_info()");
    EXPECT_EQ(vram->related, std::vector<std::string>{"blocks"});

    ASSERT_EQ(course_->faq.size(), 2u);
    const dojo::FaqEntry& f = course_->faq[0];
    EXPECT_EQ(f.question, "Do I need a GPU?");
    EXPECT_EQ(f.related, std::vector<std::string>{"intro"});
    EXPECT_EQ(text_of(f.answer_spans), "No. Most labs run on a CPU; see the intro and dojo check.");
    const dojo::Span* most = find_span(f.answer_spans, "Most");
    ASSERT_NE(most, nullptr);
    EXPECT_EQ(most->style, dojo::kBold);
    const dojo::Span* link = find_span(f.answer_spans, "the intro");
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->link, "lesson:intro");
    const dojo::Span* code = find_span(f.answer_spans, "dojo check");
    ASSERT_NE(code, nullptr);
    EXPECT_EQ(code->style, dojo::kCode);
    EXPECT_EQ(find_span(course_->faq[1].answer_spans, "PyTorch")->link, "https://pytorch.org/docs");
}

TEST_F(ValidCourse, MarkdownBlocksAndSpans) {
    const Lesson& l = lesson("intro");
    ASSERT_GE(l.blocks.size(), 10u);
    EXPECT_EQ(l.blocks[0].kind, BlockKind::Heading);
    EXPECT_EQ(l.blocks[0].level, 1);
    EXPECT_EQ(l.blocks[0].line, 13);
    EXPECT_EQ(text_of(l.blocks[0].spans), "The intro");

    const Block& para = l.blocks[1];
    ASSERT_EQ(para.kind, BlockKind::Paragraph);
    EXPECT_EQ(para.line, 15);
    struct Want {
        const char* text;
        std::uint8_t style;
        const char* link;
    };
    for (const Want& w : {Want{"bold", dojo::kBold, ""}, Want{"italic", dojo::kItalic, ""}, Want{"code", dojo::kCode, ""},
                          Want{"gone", dojo::kStrike, ""}, Want{"term", 0, "term:vram"}, Want{"lesson link", 0, "lesson:blocks"},
                          Want{"a site", 0, "https://example.com/docs"}}) {
        const dojo::Span* s = find_span(para.spans, w.text);
        ASSERT_NE(s, nullptr) << w.text;
        EXPECT_EQ(s->style, w.style) << w.text;
        EXPECT_EQ(s->link, w.link) << w.text;
    }
    EXPECT_EQ(text_of(para.spans), "Text with bold, italic, code, gone, a term, a lesson link and a site.");

    // Lists: a bulleted list whose second item holds a numbered list, then a numbered list from 3.
    const auto lists = blocks_of(l, BlockKind::List);
    ASSERT_EQ(lists.size(), 2u);
    const Block& bullets = *lists[0];
    EXPECT_FALSE(bullets.ordered);
    ASSERT_EQ(bullets.items.size(), 3u);
    ASSERT_EQ(bullets.items[1].size(), 2u);
    EXPECT_EQ(text_of(bullets.items[1][0].spans), "second");
    const Block& nested = bullets.items[1][1];
    ASSERT_EQ(nested.kind, BlockKind::List);
    EXPECT_TRUE(nested.ordered);
    EXPECT_EQ(nested.start, 1);
    ASSERT_EQ(nested.items.size(), 2u);
    EXPECT_EQ(text_of(nested.items[1][0].spans), "nested two");
    EXPECT_EQ(text_of(bullets.items[2][0].spans), "third");
    EXPECT_TRUE(lists[1]->ordered);
    EXPECT_EQ(lists[1]->start, 3);
    EXPECT_EQ(lists[1]->items.size(), 2u);

    const auto quotes = blocks_of(l, BlockKind::Quote);
    ASSERT_EQ(quotes.size(), 1u);
    ASSERT_EQ(quotes[0]->children.size(), 1u);
    EXPECT_EQ(text_of(quotes[0]->children[0].spans), "A quote with style.");
    EXPECT_EQ(find_span(quotes[0]->children[0].spans, "style")->style, dojo::kItalic);

    const auto tables = blocks_of(l, BlockKind::Table);
    ASSERT_EQ(tables.size(), 1u);
    const Block& t = *tables[0];
    ASSERT_EQ(t.rows.size(), 3u);
    ASSERT_EQ(t.rows[0].size(), 3u);
    EXPECT_EQ(text_of(t.rows[0][0]), "Name");
    EXPECT_EQ(text_of(t.rows[0][2]), "Note");
    EXPECT_EQ(text_of(t.rows[2][0]), "b");
    EXPECT_EQ(t.align, (std::vector<int>{0, 1, 2}));
    ASSERT_EQ(t.rows[1][2].size(), 1u);
    EXPECT_EQ(t.rows[1][2][0].style, dojo::kBold);
    EXPECT_EQ(t.rows[2][2][0].style, dojo::kCode);

    const auto rules = blocks_of(l, BlockKind::Rule);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0]->line, 36);
    const auto code = blocks_of(l, BlockKind::Code);
    ASSERT_EQ(code.size(), 1u);
    EXPECT_EQ(code[0]->lang, "python");
    EXPECT_EQ(code[0]->text, "print(\"hi\")\n");
    EXPECT_EQ(code[0]->line, 38);

    const auto images = blocks_of(l, BlockKind::Image);
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0]->text, "images/pixel.png");
    EXPECT_EQ(text_of(images[0]->spans), "One pixel");
    EXPECT_EQ(images[0]->line, 42);
}

TEST_F(ValidCourse, CalloutsLabsAndDiagrams) {
    const Lesson& l = lesson("blocks");
    const auto callouts = blocks_of(l, BlockKind::Callout);
    ASSERT_EQ(callouts.size(), 4u);
    EXPECT_EQ(callouts[0]->callout, dojo::CalloutKind::Tip);
    EXPECT_EQ(callouts[1]->callout, dojo::CalloutKind::Note);
    EXPECT_EQ(callouts[2]->callout, dojo::CalloutKind::Warning);
    EXPECT_EQ(callouts[3]->callout, dojo::CalloutKind::Analogy);
    ASSERT_EQ(callouts[0]->children.size(), 1u);
    EXPECT_EQ(find_span(callouts[0]->children[0].spans, "tip")->style, dojo::kBold);
    EXPECT_EQ(find_span(callouts[0]->children[0].spans, "term")->link, "term:gpu");
    // The analogy's content is Markdown with a code block of its own (a fence inside a longer fence).
    ASSERT_EQ(callouts[3]->children.size(), 2u);
    EXPECT_EQ(callouts[3]->children[1].kind, BlockKind::Code);
    EXPECT_EQ(callouts[3]->children[1].lang, "python");
    EXPECT_EQ(callouts[3]->children[1].text, "x = 1\n");
    EXPECT_EQ(callouts[3]->children[1].line, 30);

    const auto labs = blocks_of(l, BlockKind::Lab);
    ASSERT_EQ(labs.size(), 2u);
    EXPECT_EQ(labs[0]->text, "device-check");
    EXPECT_TRUE(labs[0]->params.empty());
    EXPECT_EQ(labs[1]->text, "matmul");
    EXPECT_EQ(labs[1]->params, (std::map<std::string, std::string>{{"backend", "cpu"}, {"size", "512"}}));

    const auto diagrams = blocks_of(l, BlockKind::Diagram);
    ASSERT_EQ(diagrams.size(), 1u);
    ASSERT_EQ(diagrams[0]->diagram, 0);
    ASSERT_EQ(l.diagrams.size(), 1u);
    const dojo::Diagram& d = l.diagrams[0];
    EXPECT_EQ(d.title, "Where a tensor travels");
    EXPECT_EQ(d.direction, "down");
    ASSERT_EQ(d.nodes.size(), 2u);
    EXPECT_EQ(d.nodes[0].id, "ram");
    EXPECT_EQ(d.nodes[0].label, "System RAM");
    EXPECT_EQ(d.nodes[0].detail, "DDR5");
    EXPECT_EQ(d.nodes[0].color, "");
    EXPECT_EQ(d.nodes[1].color, "memory");
    ASSERT_EQ(d.edges.size(), 1u);
    EXPECT_EQ(d.edges[0].from, "ram");
    EXPECT_EQ(d.edges[0].to, "vram");
    EXPECT_EQ(d.edges[0].label, "PCIe");
}

TEST_F(ValidCourse, QuizzesOfAllFiveKinds) {
    const Lesson& l = lesson("quizzes");
    ASSERT_EQ(l.questions.size(), 5u);
    const auto quiz_blocks = blocks_of(l, BlockKind::Quiz);
    ASSERT_EQ(quiz_blocks.size(), 5u);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(quiz_blocks[static_cast<std::size_t>(i)]->question, i);

    const dojo::Question& single = l.questions[0];
    EXPECT_EQ(single.kind, dojo::QuestionKind::Single);
    EXPECT_EQ(single.id, "pick-one");
    EXPECT_EQ(single.line, 15);  // the ```quiz line
    EXPECT_EQ(single.prompt, "Which chip has more, simpler cores?");
    EXPECT_EQ(single.hint, "Think of pixels.");
    EXPECT_EQ(single.explanation, "A GPU has thousands of simple lanes.");
    EXPECT_EQ(single.xp, 7);
    ASSERT_EQ(single.choices.size(), 2u);
    EXPECT_EQ(single.choices[0].text, "The CPU");
    EXPECT_FALSE(single.choices[0].correct);
    EXPECT_EQ(single.choices[0].feedback, "A CPU has a few strong cores.");
    EXPECT_TRUE(single.choices[1].correct);

    const dojo::Question& multiple = l.questions[1];
    EXPECT_EQ(multiple.kind, dojo::QuestionKind::Multiple);
    EXPECT_EQ(multiple.xp, 5);  // the default
    ASSERT_EQ(multiple.choices.size(), 3u);
    EXPECT_TRUE(multiple.choices[0].correct && multiple.choices[1].correct && !multiple.choices[2].correct);

    const dojo::Question& numeric = l.questions[2];
    EXPECT_EQ(numeric.kind, dojo::QuestionKind::Numeric);
    EXPECT_DOUBLE_EQ(numeric.answer, 14);
    EXPECT_DOUBLE_EQ(numeric.tolerance, 0.5);
    EXPECT_EQ(numeric.unit, "GB");

    const dojo::Question& order = l.questions[3];
    EXPECT_EQ(order.kind, dojo::QuestionKind::Ordering);
    EXPECT_EQ(order.order, (std::vector<std::string>{"disk", "RAM", "VRAM"}));

    const dojo::Question& tf = l.questions[4];
    EXPECT_EQ(tf.kind, dojo::QuestionKind::TrueFalse);
    EXPECT_TRUE(tf.truth);
    ASSERT_EQ(tf.choices.size(), 2u);
    EXPECT_EQ(tf.choices[0].text, "True");
    EXPECT_TRUE(tf.choices[0].correct);
    EXPECT_EQ(tf.choices[0].feedback, "Yes.");
    EXPECT_EQ(tf.choices[1].text, "False");
    EXPECT_FALSE(tf.choices[1].correct);
    EXPECT_EQ(tf.choices[1].feedback, "Count them again.");
}

// ---- (b) One fixture folder per error kind ------------------------------------------------------

namespace {

std::vector<std::string> error_fixtures() {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(kFixtures / "errors", ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory()) out.push_back(it->path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

class ErrorFixture : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST(ErrorFixtures, AllPresent) {
    // Guards the parameterized test below against silently running nothing.
    EXPECT_GE(error_fixtures().size(), 27u) << "fixtures missing in " << (kFixtures / "errors");
}

TEST_P(ErrorFixture, MatchesExpected) {
    const fs::path dir = kFixtures / "errors" / GetParam();
    ASSERT_TRUE(fs::exists(dir / "expected.txt")) << dir << " needs an expected.txt";
    const std::vector<std::string> expected = read_lines(dir / "expected.txt");
    ASSERT_FALSE(expected.empty()) << "expected.txt is empty: an error fixture must expect at least one diagnostic";
    const std::vector<std::string> actual = render(dojo::load_course(dir), dir);
    EXPECT_EQ(expected, actual) << "diagnostics differ for " << GetParam() << ":\n" << diff(expected, actual);
}

INSTANTIATE_TEST_SUITE_P(Lessons, ErrorFixture, ::testing::ValuesIn(error_fixtures()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                             std::string name = param.param;
                             std::replace_if(
                                 name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                                 '_');
                             return name;
                         });

// A file over the size limit is generated here rather than kept in the source tree.
TEST(ErrorFixtures, FileOverTheSizeLimit) {
    const fs::path dir = fs::temp_directory_path() / ("dojo-size-limit-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(kFixtures / "errors" / "unknown-track" / "course.toml", dir / "course.toml");
    std::string big = lesson_text("# Big\n\n");
    while (big.size() <= dojo::kMaxLessonBytes) big += "A line of text that makes this lesson far too long.\n";
    std::ofstream(dir / "01-big.md", std::ios::binary) << big;
    const std::vector<std::string> actual = render(dojo::load_course(dir), dir);
    fs::remove_all(dir);
    EXPECT_EQ(actual, std::vector<std::string>{"01-big.md: error: file is " + std::to_string(big.size()) +
                                               " bytes, over the limit of 262144 bytes"});

    // parse_lesson guards itself too, for text that comes from elsewhere (the web build's preload).
    const Lesson l = dojo::parse_lesson(big, "big.md");
    ASSERT_EQ(l.problems.size(), 1u);
    EXPECT_EQ(l.problems[0].line, 0);
    EXPECT_NE(l.problems[0].message.find("over the limit"), std::string::npos);
}

TEST(ErrorFixtures, MissingFolder) {
    const Course c = dojo::load_course(kFixtures / "no-such-folder");
    EXPECT_EQ(render(c.problems),
              std::vector<std::string>{(kFixtures / "no-such-folder").string() + ": error: lesson folder not found"});
    EXPECT_TRUE(c.lessons.empty());
}

// ---- (c) Positions, checked by hand ---------------------------------------------------------------

TEST(Positions, ErrorInsideAQuizReportsTheFileLine) {
    // Line 12 is the fence; the wrong value sits on line 16 (the 4th line inside), column 6.
    const Lesson l = dojo::parse_lesson(lesson_text("```quiz\nid = \"q\"\ntype = \"truefalse\"\nprompt = \"P\"\nxp = \"five\"\n"
                                                    "answer = true\nexplanation = \"E\"\n```\n"),
                                        "p.md");
    EXPECT_EQ(render(l.problems), std::vector<std::string>{"p.md:16:6: error: quiz: 'xp' must be a whole number from 0 to 100"});
}

TEST(Positions, QuizInsideACalloutInsideAList) {
    // The quiz's TOML is on lines 15-16 of the file, below a list item (line 12) and a tip's fence (line 13).
    const Lesson l =
        dojo::parse_lesson(lesson_text("- item\n\n  ````tip\n  ```quiz\n  id = \"Bad Id\"\n  type = \"order\"\n"
                                       "  prompt = \"P\"\n  explanation = \"E\"\n  items = [\"a\", \"b\"]\n  ```\n  ````\n"),
                           "p.md");
    // Only the line is checked: columns count from the block's content, after md4c strips the list indent.
    const std::vector<std::string> got = render(l.problems);
    ASSERT_EQ(got.size(), 1u) << ::testing::PrintToString(got);
    EXPECT_EQ(got[0].rfind("p.md:16:", 0), 0u) << got[0];
    EXPECT_NE(got[0].find(": error: quiz: id 'Bad Id' may use only lowercase letters, digits and '-'"), std::string::npos)
        << got[0];
}

TEST(Positions, BadTomlInsideAQuizAndALinkLaterOn) {
    const Lesson l = dojo::parse_lesson(lesson_text("Intro.\n\n```quiz\nid = \"q\"\ntype = = \"single\"\n```\n\n"
                                                    "Then a [bad link](ftp://x) and [good](https://x).\n"),
                                        "p.md");
    std::vector<std::string> got = render(l.problems);
    std::sort(got.begin(), got.end());  // the link is found while reading Markdown, the quiz afterwards
    ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);
    EXPECT_EQ(got[0].rfind("p.md:16:8: error: quiz: invalid TOML: ", 0), 0u) << got[0];
    EXPECT_EQ(got[1], "p.md:19:19: error: link 'ftp://x' is neither lesson:<id>, term:<id> nor an http(s) address");
}

TEST(Positions, WindowsLineEndingsKeepLinesAndColumns) {
    std::string text = lesson_text(
        "Some text.\n\nA [link](mailto:x) then [another](gopher:y).\n\n```quiz\nid = \"q\"\n"
        "type = \"numeric\"\nprompt = \"P\"\nanswer = 1\ntolerance = -1\nexplanation = \"E\"\n```\n");
    replace_all(text, "\n", "\r\n");
    const Lesson l = dojo::parse_lesson(text, "crlf.md");
    EXPECT_EQ(l.id, "t");
    EXPECT_EQ(render(l.problems),
              (std::vector<std::string>{
                  "crlf.md:14:35: error: link 'gopher:y' is neither lesson:<id>, term:<id> nor an http(s) address",
                  "crlf.md:21:13: error: quiz: 'tolerance' must not be negative",
              }));
}

TEST(Positions, ALoneCarriageReturnEndsALine) {
    // CommonMark (and md4c) end a line at a lone CR too; the link sits on line 13 of the file.
    const Lesson l = dojo::parse_lesson(lesson_text("A\rB [bad](ftp://x)\n"), "cr.md");
    EXPECT_EQ(
        render(l.problems),
        std::vector<std::string>{"cr.md:13:9: error: link 'ftp://x' is neither lesson:<id>, term:<id> nor an http(s) address"});
}

TEST(Positions, AnEmptyBlockReportsOnItsFence) {
    // An unclosed, empty fence on the last line has no line inside it: what it lacks is reported on the fence.
    EXPECT_EQ(render(dojo::parse_lesson(lesson_text("Text.\n\n```diagram"), "p.md").problems),
              std::vector<std::string>{"p.md:14:1: error: diagram: missing required key 'nodes'"});
    EXPECT_EQ(render(dojo::parse_lesson(lesson_text("```lab\n```\n"), "p.md").problems),
              std::vector<std::string>{"p.md:12:1: error: lab: missing required key 'id'"});
}

TEST(Positions, RulesHaveTheirOwnLines) {
    // md4c gives thematic breaks no position; the loader finds their lines (12, 14, 17, 20 here).
    const Lesson l = dojo::parse_lesson(lesson_text("---\n\n***\nText\n\n_ _ _\n> quote\n>\n> ***\n"), "p.md");
    std::vector<int> lines;
    for (const Block& b : l.blocks) {
        if (b.kind == BlockKind::Rule) lines.push_back(b.line);
        for (const Block& c : b.children)
            if (c.kind == BlockKind::Rule) lines.push_back(c.line);
    }
    EXPECT_EQ(lines, (std::vector<int>{12, 14, 17, 20}));
}

TEST(Positions, InvalidUtf8PointsAtTheByte) {
    const Lesson l = dojo::parse_lesson("+++\nid = \"x\"\ntitle = \"caf\xC3\xA9 \xC0\xAF\"\n+++\n", "u.md");
    EXPECT_EQ(render(l.problems),
              std::vector<std::string>{"u.md:3:16: error: invalid UTF-8 byte sequence; save the file as UTF-8"});
}

// toml++ 3.3 asserts (an abort in debug builds, undefined behaviour in release ones) on inputs such as `[!x]` and
// `a = [ }`, and its whitespace table hits __builtin_unreachable() for some non-ASCII characters. The loader must
// turn all of these into syntax errors at the right place (ASan/UBSan builds would stop on the bug itself).
TEST(TomlGuard, ParserAssertionsBecomeSyntaxErrors) {
    const Lesson l = dojo::parse_lesson(
        lesson_text("```quiz\nid = \"q\"\n[!x]\n```\n\n```lab\nid = [ }\n```\n\n```diagram\n[[\n```\n"), "p.md");
    const std::vector<std::string> got = render(l.problems);
    ASSERT_EQ(got.size(), 3u) << ::testing::PrintToString(got);
    EXPECT_EQ(got[0].rfind("p.md:14:2: error: quiz: invalid TOML: ", 0), 0u) << got[0];
    EXPECT_EQ(got[1].rfind("p.md:18:8: error: lab: invalid TOML: ", 0), 0u) << got[1];
    EXPECT_EQ(got[2].rfind("p.md:22:3: error: diagram: invalid TOML: ", 0), 0u) << got[2];
}

TEST(TomlGuard, NonAsciiWhereTomlxxCannotReadItIsASyntaxError) {
    // One block per case; its TOML starts on line 13 of the file (the fence is line 12).
    const std::pair<std::string, std::string> cases[] = {
        {"id = \"q\" \xC3\xA9",
         "p.md:13:10: error: quiz: invalid TOML: a non-ASCII character outside a string (text goes in quotes)"},
        {"\xC3\xA9 = 1", "p.md:13:1: error: quiz: invalid TOML: a non-ASCII character outside a string (text goes in quotes)"},
        {"\"caf\xC3\xA9\" = 1", "p.md:13:5: error: quiz: invalid TOML: a key must be plain ASCII"},
        {"a.\"\xC2\xA7\".b = 1", "p.md:13:4: error: quiz: invalid TOML: a key must be plain ASCII"},
        {"x = { \"\xC2\xA7\" = 1 }", "p.md:13:8: error: quiz: invalid TOML: a key must be plain ASCII"},
        {"[\"\xC2\xA7\"]", "p.md:13:3: error: quiz: invalid TOML: a key must be plain ASCII"},
        {"x = \"\"\"\\\n  \xC2\xA7\"\"\"",
         "p.md:14:3: error: quiz: invalid TOML: a non-ASCII character after a backslash in a multi-line string; escape it as "
         "\\uXXXX"},
        {"x = \"\"\"a\\\xCC\xAA\"\"\"",
         "p.md:13:10: error: quiz: invalid TOML: a non-ASCII character after a backslash in a multi-line string; escape it as "
         "\\uXXXX"},
    };
    for (const auto& [toml, want] : cases) {
        const Lesson l = dojo::parse_lesson(lesson_text("```quiz\n" + toml + "\n```\n"), "p.md");
        EXPECT_EQ(render(l.problems), std::vector<std::string>{want}) << toml;
    }
}

TEST(TomlGuard, NonAsciiInValuesAndBracketsInStringsAreFine) {
    const Lesson l = dojo::parse_lesson(
        lesson_text("```quiz\nid = \"q\"\ntype = \"order\"\nprompt = \"\"\"\n[!NOTE] caf\xC3\xA9 \xC3\x97 2\"\"\"\"\n"
                    "explanation = '[\xC2\xA7x]' # \xC3\xA9\nitems = [\n  \"\xC3\xA9\", # [!x]\n  '''\xC2\xA7''',\n]\n```\n\n"
                    "```diagram\nnodes = [\n[ { id = \"a\", label = \"\xC3\xA9\" } ],\n]\n```\n"),
        "p.md");
    ASSERT_EQ(l.questions.size(), 1u);
    EXPECT_EQ(l.questions[0].prompt, "[!NOTE] caf\xC3\xA9 \xC3\x97 2\"");
    EXPECT_EQ(l.questions[0].explanation, "[\xC2\xA7x]");
    EXPECT_EQ(l.questions[0].order, (std::vector<std::string>{"\xC3\xA9", "\xC2\xA7"}));
    for (const auto& line : render(l.problems)) EXPECT_EQ(line.find("invalid TOML"), std::string::npos) << line;
    EXPECT_FALSE(l.problems.empty()) << "the diagram's nodes are arrays, not tables";
}

// ---- (d) The real course --------------------------------------------------------------------------

TEST(RealCourse, HasNoErrorsAndNoWarnings) {
    const fs::path dir = DOJO_SOURCE_LESSONS_DIR;
    const Course c = dojo::load_course(dir);
    EXPECT_EQ(render(c, dir), std::vector<std::string>{});
    EXPECT_GE(c.lessons.size(), 3u);
    EXPECT_FALSE(c.tracks.empty());
    EXPECT_FALSE(c.levels.empty());
    EXPECT_FALSE(c.glossary.empty());
}

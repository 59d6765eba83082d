// Splitting lessons into presenter screens: headings and breaks split, quizzes and labs stand alone,
// empty screens are dropped, and the title screen comes first.
#include <gtest/gtest.h>

#include <string>

#include "course/course_loader.h"
#include "course/sections.h"

namespace {

using dojo::PresenterScreen;

dojo::Lesson lesson(const std::string& body) {
    dojo::Lesson l = dojo::parse_lesson(
        "+++\nid = \"l\"\ntitle = \"T\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\n"
        "xp = 10\nminutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\n" +
            body,
        "l.md");
    return l;
}

// The first paragraph or heading text of each screen after the title, to compare in one line.
std::vector<std::string> firsts(const dojo::Lesson& l, const std::vector<PresenterScreen>& screens) {
    std::vector<std::string> out;
    for (std::size_t i = 1; i < screens.size(); ++i) {
        const dojo::Block& b = l.blocks[screens[i].first];
        out.push_back(b.kind == dojo::BlockKind::Quiz  ? "quiz"
                      : b.kind == dojo::BlockKind::Lab ? "lab"
                                                       : dojo::plain_text(b.spans));
    }
    return out;
}

}  // namespace

TEST(PresenterSections, TheTitleScreenComesFirst) {
    const auto l = lesson("Hello.\n");
    const auto screens = dojo::split_into_screens(l);
    ASSERT_EQ(screens.size(), 2u);
    EXPECT_EQ(screens[0].kind, PresenterScreen::Kind::Title);
    EXPECT_EQ(screens[0].count, 0u);
}

TEST(PresenterSections, AFirstHeadingThatRepeatsTheTitleBelongsToTheTitleScreen) {
    const auto l = lesson("# T\n\nIntro.\n\n## Next\n\nMore.\n");
    const auto screens = dojo::split_into_screens(l);
    EXPECT_EQ(firsts(l, screens), (std::vector<std::string>{"Intro.", "Next"}));
    EXPECT_EQ(screens[0].count, 1u);
    EXPECT_EQ(screens[1].heading, "T");
}

TEST(PresenterSections, ALessonWithNoHeadingIsOneScreen) {
    const auto l = lesson("One.\n\nTwo.\n\n- a list\n- of things\n\n### A small heading\n\nThree.\n");
    const auto screens = dojo::split_into_screens(l);
    ASSERT_EQ(screens.size(), 2u) << "the title and one screen with everything";
    EXPECT_EQ(screens[1].kind, PresenterScreen::Kind::Content);
    EXPECT_EQ(screens[1].first, 0u);
    EXPECT_EQ(screens[1].count, l.blocks.size());
}

TEST(PresenterSections, HeadingsOfLevelOneAndTwoSplit) {
    const auto l = lesson("Intro.\n\n# Part\n\nA.\n\n## Section\n\nB.\n\n### Sub\n\nC.\n");
    const auto screens = dojo::split_into_screens(l);
    EXPECT_EQ(firsts(l, screens), (std::vector<std::string>{"Intro.", "Part", "Section"}));
    EXPECT_EQ(screens[2].heading, "Part");
    EXPECT_EQ(screens[3].heading, "Section");
    EXPECT_EQ(screens[3].count, 4u) << "a level 3 heading stays on its section's screen";
}

TEST(PresenterSections, BreaksSplitAndAreNotShown) {
    const auto l = lesson("## Section\n\nA.\n\n---\n\nB.\n\n***\n\nC.\n");
    const auto screens = dojo::split_into_screens(l);
    EXPECT_EQ(firsts(l, screens), (std::vector<std::string>{"Section", "B.", "C."}));
    for (const auto& s : screens)
        for (std::size_t i = s.first; i < s.first + s.count; ++i) EXPECT_NE(l.blocks[i].kind, dojo::BlockKind::Rule);
    EXPECT_EQ(screens[2].heading, "Section") << "a break keeps the section's heading for the footer";
}

TEST(PresenterSections, EmptyScreensAreDropped) {
    const auto l = lesson("---\n\n---\n\n## A\n\nText.\n\n---\n\n## B\n\nMore.\n\n---\n");
    const auto screens = dojo::split_into_screens(l);
    EXPECT_EQ(firsts(l, screens), (std::vector<std::string>{"A", "B"}));
    for (const auto& s : screens) EXPECT_TRUE(s.kind == PresenterScreen::Kind::Title || s.count > 0);
}

TEST(PresenterSections, QuizzesAndLabsGetAScreenOfTheirOwn) {
    const auto l = lesson(
        "## Check\n\n```quiz\nid = \"q\"\ntype = \"truefalse\"\nprompt = \"P?\"\nanswer = true\nexplanation = \"E.\"\n```\n\n"
        "After.\n\n```lab\nid = \"matmul\"\n```\n\nEnd.\n");
    ASSERT_FALSE(l.has_errors()) << l.problems.front().message;
    const auto screens = dojo::split_into_screens(l);
    EXPECT_EQ(firsts(l, screens), (std::vector<std::string>{"Check", "After.", "lab", "End."}));
    EXPECT_EQ(screens[1].kind, PresenterScreen::Kind::Quiz) << "the heading just above a quiz shares its screen";
    EXPECT_EQ(screens[1].count, 2u);
    EXPECT_EQ(screens[3].kind, PresenterScreen::Kind::Lab);
    EXPECT_EQ(screens[3].count, 1u);
}

TEST(PresenterSections, ScreensCoverEveryBlockButTheBreaksOnce) {
    const auto l = lesson("# A\n\nx\n\n## B\n\ny\n\n---\n\nz\n");
    const auto screens = dojo::split_into_screens(l);
    std::size_t shown = 0;
    for (const auto& s : screens) shown += s.count;
    EXPECT_EQ(shown, l.blocks.size() - 1) << "every block but the break is on exactly one screen";
    for (std::size_t i = 1; i + 1 < screens.size(); ++i) EXPECT_LE(screens[i].first + screens[i].count, screens[i + 1].first);
}

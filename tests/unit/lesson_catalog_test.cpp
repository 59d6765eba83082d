// The minimal lesson loader: front matter parsing and every error it reports with its position.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "course/lesson_catalog.h"

namespace {

const char* kGood = R"(+++
id = "cpu-vs-gpu"
title = "CPU and GPU"
summary = "Two ways to spend a chip."
minutes = 8
+++

# Heading

Body text.
)";

std::string first_error(const dojo::LessonEntry& e) { return e.problems.empty() ? "" : e.problems.front().to_string(); }

}  // namespace

TEST(LessonHeader, ParsesFrontMatterAndBody) {
    const auto e = dojo::parse_lesson_header(kGood, "a.md");
    EXPECT_FALSE(e.has_errors()) << first_error(e);
    EXPECT_EQ(e.id, "cpu-vs-gpu");
    EXPECT_EQ(e.title, "CPU and GPU");
    EXPECT_EQ(e.summary, "Two ways to spend a chip.");
    EXPECT_EQ(e.minutes, 8);
    EXPECT_EQ(e.body, "\n# Heading\n\nBody text.\n");
}

TEST(LessonHeader, AcceptsCrlfAndBom) {
    const auto e = dojo::parse_lesson_header("\xEF\xBB\xBF+++\r\nid = \"x\"\r\ntitle = \"X\"\r\n+++\r\nbody\r\n", "a.md");
    EXPECT_FALSE(e.has_errors()) << first_error(e);
    EXPECT_EQ(e.title, "X");
}

TEST(LessonHeader, MissingFrontMatter) {
    const auto e = dojo::parse_lesson_header("# Just markdown\n", "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_EQ(first_error(e), "a.md:1:1: error: expected front matter: the first line must be '+++', followed by TOML keys and a closing '+++'");
}

TEST(LessonHeader, UnclosedFrontMatter) {
    const auto e = dojo::parse_lesson_header("+++\nid = \"x\"\ntitle = \"X\"\n", "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_NE(first_error(e).find("front matter is not closed"), std::string::npos);
}

TEST(LessonHeader, TomlErrorPointsAtTheLineInTheFile) {
    const auto e = dojo::parse_lesson_header("+++\nid = \"x\"\ntitle = \"unterminated\n+++\n", "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_EQ(e.problems.front().line, 3);  // line 2 of the TOML, line 3 of the file
    EXPECT_NE(first_error(e).find("a.md:3:"), std::string::npos) << first_error(e);
    EXPECT_NE(first_error(e).find("invalid TOML"), std::string::npos);
}

TEST(LessonHeader, MissingAndMistypedKeys) {
    auto e = dojo::parse_lesson_header("+++\nid = \"x\"\n+++\n", "a.md");
    EXPECT_NE(first_error(e).find("missing required key 'title'"), std::string::npos) << first_error(e);

    e = dojo::parse_lesson_header("+++\nid = \"x\"\ntitle = 42\n+++\n", "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_EQ(e.problems.front().line, 3);
    EXPECT_NE(first_error(e).find("key 'title' must be a string"), std::string::npos);

    e = dojo::parse_lesson_header("+++\nid = \"x\"\ntitle = \"X\"\nminutes = -3\n+++\n", "a.md");
    EXPECT_NE(first_error(e).find("'minutes' must be a whole number"), std::string::npos) << first_error(e);
}

TEST(LessonHeader, RejectsBadIds) {
    const auto e = dojo::parse_lesson_header("+++\nid = \"CPU vs GPU\"\ntitle = \"X\"\n+++\n", "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_NE(first_error(e).find("may use only lowercase letters"), std::string::npos);
}

TEST(LessonHeader, RejectsInvalidUtf8WithItsPosition) {
    const auto e = dojo::parse_lesson_header("+++\nid = \"x\"\ntitle = \"caf\xC3\x28\"\n+++\n", "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_EQ(first_error(e), "a.md:3:13: error: invalid UTF-8 byte sequence; save the file as UTF-8");
    // Overlong encodings and surrogates are invalid too.
    EXPECT_TRUE(dojo::parse_lesson_header("+++\n\xC0\xAF\n+++\n", "a.md").has_errors());
    EXPECT_TRUE(dojo::parse_lesson_header("+++\n\xED\xA0\x80\n+++\n", "a.md").has_errors());
}

TEST(LessonHeader, RejectsOversizedText) {
    const std::string big = std::string(kGood) + std::string(dojo::kMaxLessonBytes, 'x');
    const auto e = dojo::parse_lesson_header(big, "a.md");
    ASSERT_TRUE(e.has_errors());
    EXPECT_NE(first_error(e).find("over the limit"), std::string::npos);
}

TEST(LessonCatalog, LoadsAFolderKeepingBrokenLessonsAndFlaggingDuplicates) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("dojo-catalog-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "01-a.md") << kGood;
    std::ofstream(dir / "02-broken.md") << "no front matter\n";
    std::ofstream(dir / "03-dup.md") << kGood;
    std::ofstream(dir / "README.md") << "# The author's guide is not a lesson\n";
    std::ofstream(dir / "notes.txt") << "ignored\n";

    const auto catalog = dojo::load_lesson_catalog(dir);
    fs::remove_all(dir);
    ASSERT_EQ(catalog.lessons.size(), 3u);
    EXPECT_FALSE(catalog.lessons[0].has_errors());
    EXPECT_TRUE(catalog.lessons[1].has_errors());
    EXPECT_EQ(catalog.lessons[1].id, "02-broken");  // named after its file so it can still be listed
    ASSERT_TRUE(catalog.lessons[2].has_errors());
    EXPECT_NE(catalog.lessons[2].problems.back().message.find("duplicate lesson id 'cpu-vs-gpu'"), std::string::npos);
    EXPECT_EQ(catalog.error_count(), 2u);
}

TEST(LessonCatalog, MissingFolderIsAnError) {
    const auto catalog = dojo::load_lesson_catalog("/nonexistent/dojo/lessons");
    EXPECT_TRUE(catalog.lessons.empty());
    ASSERT_EQ(catalog.problems.size(), 1u);
    EXPECT_EQ(catalog.error_count(), 1u);
}

TEST(LessonCatalog, TheCourseLessonsAllLoad) {
    const auto catalog = dojo::load_lesson_catalog(DOJO_SOURCE_LESSONS_DIR);
    EXPECT_GE(catalog.lessons.size(), 3u);
    for (const auto& lesson : catalog.lessons)
        for (const auto& d : lesson.problems) ADD_FAILURE() << d.to_string();
}

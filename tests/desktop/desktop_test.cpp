// Starts dojo-desktop under Xvfb and drives it like a learner: screenshots that are not blank, the
// lessons on screen, and the learning flow (skill tree, lesson, a wrong then a right answer, XP)
// with progress kept across a restart. Input goes through SDL's event queue and the real pointer.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "image_stats.h"

namespace fs = std::filesystem;

namespace {

const fs::path kOut = DOJO_SCREENSHOT_DIR;

int run_desktop(const std::string& args) {
    const std::string command = "xvfb-run -a -s '-screen 0 1400x900x24' " + std::string(DOJO_DESKTOP_PATH) + " --size 1280x800 " + args;
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in, nullptr, false);
}

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("dojo-desktop-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TEST(Desktop, StartScreenUnderXvfb) {
    fs::create_directories(kOut);
    const fs::path png = kOut / "desktop-home.png", state = kOut / "desktop-home.json", data = fresh_dir("home");
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --frames 5 --screenshot " + png.string() + " --state " + state.string()), 0);

    const auto stats = dojo::test::image_stats(png.string());
    EXPECT_EQ(dojo::test::blank_reason(stats), "");
    EXPECT_EQ(stats.width, 1280);
    EXPECT_EQ(stats.height, 800);

    const auto j = read_json(state);
    ASSERT_FALSE(j.is_discarded()) << "state file is not JSON";
    EXPECT_EQ(j["state"]["view"], "home");
    const auto course = dojo::load_course(DOJO_SOURCE_LESSONS_DIR);
    ASSERT_FALSE(course.lessons.empty());
    EXPECT_EQ(j["state"]["lessons"].size(), course.lessons.size());
    bool first_drawn = false;
    for (const auto& w : j["widgets"])
        if (w["label"] == course.lessons.front().title && w["y"].get<float>() + w["h"].get<float>() <= 800) first_drawn = true;
    EXPECT_TRUE(first_drawn) << "the home screen did not show '" << course.lessons.front().title << "' inside the window";
    fs::remove_all(data);
}

TEST(Desktop, LearningFlowKeepsProgressAcrossARestart) {
    const auto course = dojo::load_course(DOJO_SOURCE_LESSONS_DIR);
    ASSERT_EQ(course.error_count(), 0u);
    const dojo::Lesson& lesson = course.lessons.front();
    const dojo::Question* quiz = nullptr;
    for (const auto& q : lesson.questions)
        if (q.kind == dojo::QuestionKind::Single) {
            quiz = &q;
            break;
        }
    ASSERT_NE(quiz, nullptr) << lesson.id << " needs a single-choice question for this test";
    std::string right, wrong;
    for (const auto& c : quiz->choices) (c.correct ? right : wrong) = c.text;

    const fs::path data = fresh_dir("flow"), script = data / "flow.script";
    const fs::path wrong_state = data / "after-wrong.json", right_state = data / "after-right.json", restarted = data / "restarted.json";
    {
        std::ofstream out(script);
        out << "route #/tree\n"
            << "click tree:" << lesson.id << "\n"
            << "screenshot " << (kOut / "desktop-tree.png").string() << "\n"
            << "click \xef\x81\x8b  Start lesson\n"
            << "screenshot " << (kOut / "desktop-reader.png").string() << "\n"
            << "click " << wrong << "\n"
            << "click Check answer##" << quiz->id << "\n"
            << "save-state " << wrong_state.string() << "\n"
            << "screenshot " << (kOut / "desktop-quiz-wrong.png").string() << "\n"
            << "click " << right << "\n"
            << "click Try again##" << quiz->id << "\n"
            << "save-state " << right_state.string() << "\n"
            << "screenshot " << (kOut / "desktop-quiz-right.png").string() << "\n";
    }
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --script " + script.string()), 0);
    const std::string key = lesson.id + "/" + quiz->id;

    const auto after_wrong = read_json(wrong_state)["state"];
    EXPECT_EQ(after_wrong["view"], "lesson");
    EXPECT_EQ(after_wrong["xp"], 0);
    EXPECT_EQ(after_wrong["questions"][key]["attempts"], 1);
    EXPECT_EQ(after_wrong["questions"][key]["correct"], false);

    const auto after_right = read_json(right_state)["state"];
    EXPECT_EQ(after_right["xp"], quiz->xp);
    EXPECT_EQ(after_right["questions"][key]["correct"], true);
    EXPECT_EQ(after_right["track_xp"][lesson.track], quiz->xp);
    EXPECT_EQ(dojo::test::blank_reason(dojo::test::image_stats((kOut / "desktop-quiz-right.png").string())), "");

    // A new start reopens the lesson where the learner was, with the XP kept.
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --frames 4 --state " + restarted.string()), 0);
    const auto again = read_json(restarted)["state"];
    EXPECT_EQ(again["xp"], quiz->xp);
    EXPECT_EQ(again["view"], "lesson");
    EXPECT_EQ(again["lesson"], lesson.id);
    EXPECT_TRUE(fs::exists(data / "progress.json"));
    fs::remove_all(data);
}

TEST(Desktop, ACorruptProgressFileIsKeptAsideAndTheAppStarts) {
    const fs::path data = fresh_dir("corrupt"), state = data / "state.json";
    { std::ofstream(data / "progress.json") << "{\"format\": \"compute-dojo-progress\", \"version\": 1, \"lessons\": {"; }
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --frames 4 --state " + state.string() + " --screenshot " +
                          (kOut / "desktop-corrupt-progress.png").string()),
              0);
    const auto j = read_json(state)["state"];
    ASSERT_FALSE(j["notices"].empty()) << "the learner must be told";
    bool kept = false;
    for (const auto& entry : fs::directory_iterator(data))
        if (entry.path().filename().string().rfind("progress.json.bad-", 0) == 0) kept = true;
    EXPECT_TRUE(kept) << "the corrupt file must be kept aside";
    fs::remove_all(data);
}

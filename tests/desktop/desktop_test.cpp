// Starts dojo-desktop under Xvfb and drives it like a learner: screenshots that are not blank, the
// lessons on screen, and the learning flow (skill tree, lesson, a wrong then a right answer, XP)
// with progress kept across a restart. Input goes through SDL's event queue and the real pointer.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "image_stats.h"
#if defined(DOJO_HAVE_VULKAN_EXERCISES)
#include "vulkan_presence.h"
#endif

namespace fs = std::filesystem;

namespace {

const fs::path kOut = DOJO_SCREENSHOT_DIR;

int run_desktop(const std::string& args, const std::string& size = "1280x800") {
    const std::string command =
        "xvfb-run -a -s '-screen 0 2000x1200x24' " + std::string(DOJO_DESKTOP_PATH) + " --size " + size + " " + args;
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
    ASSERT_EQ(
        run_desktop("--data-dir " + data.string() + " --frames 5 --screenshot " + png.string() + " --state " + state.string()),
        0);

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
    const fs::path wrong_state = data / "after-wrong.json", right_state = data / "after-right.json",
                   restarted = data / "restarted.json";
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

// The app rests: with a lesson open and no input it stops drawing (the script's expect-rest fails the
// run if it draws more than 5 frames in two seconds; drawing on, it would draw hundreds), the window
// shows the same picture after the rest, and a click wakes it.
TEST(Desktop, RestsWhileNothingMovesAndWakesOnInput) {
    const auto course = dojo::load_course(DOJO_SOURCE_LESSONS_DIR);
    ASSERT_FALSE(course.lessons.empty());
    fs::create_directories(kOut);
    const fs::path data = fresh_dir("rest"), script = data / "rest.script", state = data / "state.json";
    const fs::path before = kOut / "desktop-rest-before.png", after = kOut / "desktop-rest-after.png";
    {
        std::ofstream out(script);
        out << "route #/lesson/" << course.lessons.front().id << "\n"
            << "wait 10\n"
            << "screenshot " << before.string() << "\n"
            << "expect-rest 2 5\n"
            << "screenshot " << after.string() << "\n"
            << "click \xef\x81\x93  All lessons\n"
            << "save-state " << state.string() << "\n";
    }
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --script " + script.string()), 0) << "see the script error above";
    const auto a = dojo::test::image_stats(before.string()), b = dojo::test::image_stats(after.string());
    EXPECT_EQ(dojo::test::blank_reason(a), "");
    std::ifstream pa(before, std::ios::binary), pb(after, std::ios::binary);
    const std::string bytes_a((std::istreambuf_iterator<char>(pa)), {}), bytes_b((std::istreambuf_iterator<char>(pb)), {});
    EXPECT_FALSE(bytes_a.empty());
    EXPECT_EQ(bytes_a, bytes_b) << "the picture changed while the app rested";
    EXPECT_EQ(read_json(state)["state"]["view"], "home") << "the click after the rest was drawn and acted on";
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

namespace {

const std::string kRun = "\xef\x81\x8b  Run the lab";

// The lab backends this build and machine have, as the Labs view lists them.
nlohmann::json lab_backends(const fs::path& data) {
    const fs::path script = data / "probe.script", state = data / "probe.json";
    {
        std::ofstream out(script);
        out << "route #/labs\nwait-for /labs/backends/0/available true\nsave-state " << state.string() << "\n";
    }
    if (run_desktop("--data-dir " + data.string() + " --script " + script.string()) != 0) return nullptr;
    return read_json(state)["state"]["labs"]["backends"];
}

bool available(const nlohmann::json& backends, const std::string& name) {
    for (const auto& b : backends)
        if (b["name"] == name) return b["available"].get<bool>();
    return false;
}

}  // namespace

TEST(Desktop, TheMatmulLabRunsOnTheCpuAndItsReportIsKept) {
    fs::create_directories(kOut);
    const fs::path data = fresh_dir("lab-matmul"), script = data / "lab.script", state = data / "after.json";
    {
        std::ofstream out(script);
        out << "route #/labs/matmul\n"
            << "wait-for /labs/backends/0/available true\n"
            << "click None##kernels\n"
            << "click naive##kernel\n"
            << "click openblas##kernel\n"
            << "click 256##size\n"
            << "click 512##size\n"
            << "click 128##size\n"
            << "click " << kRun << "\n"
            << "wait-for /labs/running false\n"
            << "wait 3\n"
            << "screenshot " << (kOut / "desktop-labs-matmul.png").string() << "\n"
            << "save-state " << (data / "results.json").string() << "\n"
            << "click \xef\x80\x99  JSON\n"
            << "click \xef\x80\x99  CSV\n"
            << "click \xef\x80\x99  PNG\n"
            << "wait 3\n"
            << "save-state " << state.string() << "\n";
    }
    const fs::path exports = data / "exports";
    fs::create_directories(exports);
    ::setenv("XDG_DOWNLOAD_DIR", exports.c_str(), 1);
    const int status = run_desktop("--data-dir " + data.string() + " --script " + script.string());
    ::unsetenv("XDG_DOWNLOAD_DIR");
    ASSERT_EQ(status, 0);
    // The exports: the report as JSON and CSV, and the chart as a picture.
    std::ifstream json_export(exports / "compute-dojo-matmul-cpu.json");
    const auto exported = nlohmann::json::parse(json_export, nullptr, false);
    EXPECT_EQ(exported["format"], "compute-dojo-results");
    EXPECT_TRUE(fs::exists(exports / "compute-dojo-matmul-cpu.csv"));
    const auto chart = dojo::test::image_stats((exports / "compute-dojo-matmul-cpu.png").string());
    EXPECT_EQ(dojo::test::blank_reason(chart), "");
    EXPECT_GT(chart.width, 600);
    EXPECT_LT(chart.height, 800) << "the picture is the chart, not the window";
    const auto j = read_json(state)["state"];
    EXPECT_EQ(j["view"], "labs");
    EXPECT_EQ(j["labs"]["results"]["matmul"][0]["backend"], "cpu");
    EXPECT_EQ(j["labs"]["results"]["matmul"][0]["matmul"], 2);
    EXPECT_EQ(j["lab_results"], nlohmann::json({"matmul"}));
    EXPECT_EQ(dojo::test::blank_reason(dojo::test::image_stats((kOut / "desktop-labs-matmul.png").string())), "");
    bool chart_drawn = false;
    const auto results = read_json(data / "results.json");  // held: ranging over a temporary's member would dangle
    for (const auto& w : results["widgets"])
        if (w["label"] == "chart:matmul")
            chart_drawn = w["w"].get<float>() > 600 && w["x"].get<float>() + w["w"].get<float>() <= 1280;
    EXPECT_TRUE(chart_drawn) << "the results chart is drawn inside the window: " << results["widgets"].dump();

    // The progress file holds the report, and a restart shows it (and the lesson card quotes it).
    const auto progress = read_json(data / "progress.json");
    ASSERT_TRUE(progress["lab_results"].contains("matmul")) << progress.dump();
    const auto& report = progress["lab_results"]["matmul"];
    EXPECT_EQ(report["format"], "compute-dojo-results");
    ASSERT_EQ(report["matmul"].size(), 2u);
    for (const auto& r : report["matmul"]) {
        EXPECT_EQ(r["n"], 128);
        EXPECT_EQ(r["passed"], true) << r.dump();
    }
    const fs::path again = data / "again.json";
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --route '#/labs/matmul' --frames 6 --state " + again.string() +
                              " --screenshot " + (kOut / "desktop-labs-matmul-1920.png").string(),
                          "1920x1080"),
              0);
    EXPECT_EQ(read_json(again)["state"]["lab_results"], nlohmann::json({"matmul"}));

    // Another machine's results file dropped onto the window joins the chart beside this one's.
    auto other = exported;
    other["machine"]["host"] = "gpu-server";
    for (auto& r : other["matmul"]) r["gflops"] = r["gflops"].get<double>() * 3;
    const fs::path other_file = data / "gpu-server.json", compared = data / "compared.json", drop = data / "drop.script";
    std::ofstream(other_file) << other.dump(2);
    std::ofstream(drop) << "route #/\ndrop " << other_file.string() << "\nwait 3\nscreenshot "
                        << (kOut / "desktop-labs-compare.png").string() << "\nsave-state " << compared.string() << "\n";
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --script " + drop.string()), 0);
    const auto c = read_json(compared)["state"];
    EXPECT_EQ(c["view"], "labs");
    EXPECT_EQ(c["labs"]["comparisons"], 1);
    EXPECT_EQ(c["lab_results"], nlohmann::json({"matmul"})) << "a compared file is not the learner's own run";
    fs::remove_all(data);
}

TEST(Desktop, TransferAndCrossoverLabsRunOnVulkan) {
    fs::create_directories(kOut);
    const fs::path data = fresh_dir("lab-vulkan"), script = data / "lab.script", state = data / "after.json";
    const auto backends = lab_backends(data);
    ASSERT_FALSE(backends.is_null());
    if (!available(backends, "vulkan")) GTEST_SKIP() << "no Vulkan device here: " << backends.dump();
    {
        std::ofstream out(script);
        out << "route #/labs/transfer\n"
            << "wait-for /labs/backends/0/available true\n"
            << "click vulkan##backend\n"
            << "click 16 MiB##transfer-max\n"
            << "click " << kRun << "\n"
            << "wait-for /labs/running false\n"
            << "wait 3\n"
            << "screenshot " << (kOut / "desktop-labs-transfer.png").string() << "\n"
            << "route #/labs/crossover\n"
            << "click vulkan##backend\n"
            << "click 32##size\n"
            << "click 64##size\n"
            << "click 128##size\n"
            << "click " << kRun << "\n"
            << "wait-for /labs/running false\n"
            << "wait 3\n"
            << "screenshot " << (kOut / "desktop-labs-crossover.png").string() << "\n"
            << "save-state " << state.string() << "\n";
    }
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --script " + script.string()), 0);
    const auto j = read_json(state)["state"];
    EXPECT_GT(j["labs"]["results"]["transfer"][0]["transfers"].get<int>(), 0) << j["labs"].dump();
    EXPECT_EQ(j["labs"]["results"]["crossover"][0]["crossover"], 3) << j["labs"].dump();
    EXPECT_EQ(j["lab_results"], nlohmann::json({"crossover", "transfer"}));
    for (const char* png : {"desktop-labs-transfer.png", "desktop-labs-crossover.png"})
        EXPECT_EQ(dojo::test::blank_reason(dojo::test::image_stats((kOut / png).string())), "") << png;
    fs::remove_all(data);
}

// A kernel exercise on Vulkan (lavapipe here), typed with real key events: a compile error at its
// line, then the model solution run with Ctrl+Enter passes and earns the exercise's XP; after a
// restart the XP and the learner's code are still there.
TEST(Desktop, AKernelExerciseIsTypedRunAndKeptAcrossARestart) {
#if defined(DOJO_HAVE_VULKAN_EXERCISES)
    if (const std::string why = dojo::test::vulkan_absent_reason(); !why.empty()) GTEST_SKIP() << why;
#else
    GTEST_SKIP() << "this build has no Vulkan kernel checks (Vulkan or shaderc was missing when it was built)";
#endif
    const auto course = dojo::load_course(DOJO_SOURCE_LESSONS_DIR);
    ASSERT_EQ(course.error_count(), 0u);
    const dojo::Exercise* exercise = course.find_exercise("map-add-ten");
    ASSERT_NE(exercise, nullptr);
    // The lesson that gives this exercise.
    std::string lesson_id;
    for (const auto& l : course.lessons)
        for (const auto& b : l.blocks)
            if (b.kind == dojo::BlockKind::Exercise && b.text == exercise->id && lesson_id.empty()) lesson_id = l.id;
    ASSERT_FALSE(lesson_id.empty()) << "no lesson gives the exercise " << exercise->id;
    const std::string solution = exercise->code.at(dojo::KernelLanguage::Glsl).solution;

    // The script types what a learner types: \n for Enter, and backslashes doubled.
    auto typed = [](const std::string& code) {
        std::string out;
        for (char c : code) out += c == '\n' ? std::string("\\n") : c == '\\' ? std::string("\\\\") : std::string(1, c);
        return out;
    };
    const fs::path data = fresh_dir("exercise"), script = data / "exercise.script";
    const fs::path broken_state = data / "broken.json", passed_state = data / "passed.json", restarted = data / "restarted.json";
    const std::string run = std::string("\xef\x81\x8b  Run##") + exercise->id, editor = "Kernel code##" + exercise->id;
    {
        std::ofstream out(script);
        out << "route #/lesson/" << lesson_id << "\n"
            << "click " << editor << "\n"
            << "key ctrl+A\n"
            << "type " << typed("void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + ten;\n}\n") << "\n"
            << "click " << run << "\n"
            << "wait-for /exercise_running false\n"
            << "save-state " << broken_state.string() << "\n"
            << "screenshot " << (kOut / "desktop-exercise-error.png").string() << "\n"
            << "click " << editor << "\n"
            << "key ctrl+A\n"
            << "type " << typed(solution) << "\n"
            << "key ctrl+Return\n"
            << "wait-for /exercise_running false\n"
            << "show verdict:" << exercise->id << "\n"
            << "save-state " << passed_state.string() << "\n"
            << "screenshot " << (kOut / "desktop-exercise-passed.png").string() << "\n"
            << "expect-rest 3 100000\n"  // three seconds for the celebration and the delayed save of the code,
            << "expect-rest 2 5\n";      // then the card asks for no frames
    }
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --script " + script.string()), 0);

    const auto broken = read_json(broken_state)["state"]["exercises"][exercise->id];
    ASSERT_TRUE(broken.is_object()) << read_json(broken_state).dump();
    EXPECT_EQ(broken["passed"], false);
    EXPECT_NE(broken["summary"].get<std::string>().find("line 3"), std::string::npos) << broken.dump();
    EXPECT_NE(broken["summary"].get<std::string>().find("ten"), std::string::npos) << broken.dump();

    const auto passed = read_json(passed_state)["state"];
    EXPECT_EQ(passed["exercises"][exercise->id]["passed"], true) << passed["exercises"].dump();
    EXPECT_EQ(passed["exercises"][exercise->id]["xp_awarded"], exercise->xp);
    EXPECT_EQ(passed["exercises"][exercise->id]["runs"], 2);

    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --frames 4 --state " + restarted.string()), 0);
    const auto again = read_json(restarted)["state"];
    EXPECT_EQ(again["exercises"][exercise->id]["passed"], true);
    EXPECT_EQ(again["xp"], passed["xp"]);
    const auto progress = read_json(data / "progress.json");
    EXPECT_EQ(progress["version"], 3);  // the habit and achievements came with version 3
    EXPECT_EQ(progress["exercises"][exercise->id]["code"]["glsl"], solution);
    fs::remove_all(data);
}

// The habit on the desktop: the learner picks a daily goal of 10 XP, a right answer fills half the
// ring, a lab run on the CPU the rest and earns the "first lab" achievement (celebrated), the streak
// starts, and all of it is there again after a restart, in the profile.
TEST(Desktop, TheDailyGoalStreakAndAnAchievementSurviveARestart) {
    fs::create_directories(kOut);
    const auto course = dojo::load_course(DOJO_SOURCE_LESSONS_DIR);
    const dojo::Lesson& lesson = course.lessons.front();
    const dojo::Question* quiz = nullptr;
    for (const auto& q : lesson.questions)
        if (q.kind == dojo::QuestionKind::Single) quiz = &q;
    ASSERT_NE(quiz, nullptr);
    std::string right;
    for (const auto& c : quiz->choices)
        if (c.correct) right = c.text;
    const fs::path data = fresh_dir("habit"), script = data / "habit.script";
    const fs::path after_goal = data / "goal.json", after_answer = data / "answer.json", after_lab = data / "lab.json",
                   restarted = data / "restarted.json";
    {
        std::ofstream out(script);
        out << "route #/profile\n"
            << "click 10 XP a day##goal\n"
            << "save-state " << after_goal.string() << "\n"
            << "route #/lesson/" << lesson.id << "\n"
            << "click " << right << "\n"
            << "click Check answer##" << quiz->id << "\n"
            << "save-state " << after_answer.string() << "\n"
            << "route #/labs/matmul?size=64&backend=cpu&kernel=naive\n"
            << "wait-for /labs/backends/0/available true\n"
            << "click " << kRun << "\n"
            << "wait-for /labs/running false\n"
            << "save-state " << after_lab.string() << "\n"
            << "screenshot " << (kOut / "desktop-achievement.png").string() << "\n"
            << "route #/profile\n"
            << "wait 3\n"
            << "screenshot " << (kOut / "desktop-profile.png").string() << "\n";
    }
    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --script " + script.string()), 0);
    EXPECT_EQ(read_json(after_goal)["state"]["profile"]["goal"], 10);
    const auto answered = read_json(after_answer)["state"]["profile"];
    EXPECT_EQ(answered["today_xp"], quiz->xp);
    EXPECT_NEAR(answered["goal_fraction"].get<double>(), quiz->xp / 10.0, 1e-6);
    EXPECT_EQ(answered["streak"], 0) << "half the goal is not a day";
    const auto ran = read_json(after_lab)["state"];
    EXPECT_EQ(ran["profile"]["today_xp"], quiz->xp + 5) << "a finished lab run is study too";
    EXPECT_EQ(ran["profile"]["streak"], 1);
    const auto earned = ran["profile"]["earned"];
    EXPECT_NE(std::find(earned.begin(), earned.end(), "first-lab"), earned.end()) << earned.dump();
    EXPECT_EQ(ran["celebration"].get<std::string>().rfind("Achievement: ", 0), 0u) << ran["celebration"];
    EXPECT_EQ(dojo::test::blank_reason(dojo::test::image_stats((kOut / "desktop-profile.png").string())), "");

    ASSERT_EQ(run_desktop("--data-dir " + data.string() + " --frames 4 --state " + restarted.string()), 0);
    const auto again = read_json(restarted)["state"]["profile"];
    EXPECT_EQ(again["goal"], 10);
    EXPECT_EQ(again["today_xp"], quiz->xp + 5);
    EXPECT_EQ(again["streak"], 1);
    EXPECT_EQ(again["earned"], earned);
    fs::remove_all(data);
}

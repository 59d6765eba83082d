// Achievements (progress/achievements.h): every condition kind met and not met on a small
// hand-built course, awarding once, an old file earning what it already did, the course's own
// lessons/achievements.toml, and the loader's checks of a broken one; the hardware record's rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "progress/achievements.h"
#include "progress/hardware_record.h"
#include "progress/learning.h"
#include "progress/progress_merge.h"

namespace dojo {
namespace {

constexpr std::int64_t kDay = 20428;

Course small_course() {
    Course c;
    c.tracks = {{"basics", "Basics", "#ffffff", "book"}, {"gpu", "GPU", "#ffffff", "bolt"}};
    for (const char* id : {"a", "b"}) {
        Lesson l;
        l.id = id;
        l.track = "basics";
        c.lessons.push_back(l);
    }
    Lesson g;
    g.id = "g";
    g.track = "gpu";
    c.lessons.push_back(g);
    Exercise e;
    e.id = "guard";
    c.exercises.push_back(e);
    return c;
}

Achievement make(AchievementKind kind, int at_least = 1, std::string of = "any") {
    Achievement a;
    a.id = "x";
    a.title = "X";
    a.kind = kind;
    a.at_least = at_least;
    a.of = std::move(of);
    return a;
}

bool met(const Course& c, const Progress& p, const Achievement& a) {
    return achievement_progress(c, p, a, kDay).met();
}

void complete(Progress& p, const char* id) {
    p.lessons[id].read_to_end = true;
    p.lessons[id].completed = true;
}

BenchResult run(const char* backend, const char* kernel, double gflops, const char* dtype = "fp32") {
    BenchResult r;
    r.backend = backend;
    r.kernel = kernel;
    r.dtype = dtype;
    r.gflops = gflops;
    r.passed = true;
    return r;
}

LabReport report(const char* lab, const char* backend, std::vector<BenchResult> matmul, const char* host = "box") {
    LabReport r;
    r.lab = lab;
    r.backend = backend;
    r.machine.host = host;
    r.matmul = std::move(matmul);
    return r;
}

TEST(Achievements, LessonsAndTracks) {
    const Course c = small_course();
    Progress p;
    EXPECT_FALSE(met(c, p, make(AchievementKind::LessonsCompleted)));
    complete(p, "a");
    EXPECT_TRUE(met(c, p, make(AchievementKind::LessonsCompleted)));
    EXPECT_FALSE(met(c, p, make(AchievementKind::LessonsCompleted, 2)));
    EXPECT_DOUBLE_EQ(achievement_progress(c, p, make(AchievementKind::LessonsCompleted, 2), kDay).have, 1);
    EXPECT_FALSE(met(c, p, make(AchievementKind::TrackCompleted, 1, "any")));
    complete(p, "b");
    EXPECT_TRUE(met(c, p, make(AchievementKind::TrackCompleted, 1, "basics")));
    EXPECT_FALSE(met(c, p, make(AchievementKind::TrackCompleted, 1, "gpu")));
    EXPECT_FALSE(met(c, p, make(AchievementKind::AllLessons)));
    complete(p, "g");
    EXPECT_TRUE(met(c, p, make(AchievementKind::AllLessons)));
    p.lessons["not-in-the-course"].completed = true;  // a lesson the course no longer has counts for nothing
    EXPECT_DOUBLE_EQ(achievement_progress(c, p, make(AchievementKind::LessonsCompleted, 9), kDay).have, 3);
}

TEST(Achievements, QuestionsXpAndTheHabit) {
    const Course c = small_course();
    Progress p;
    p.questions["a/1"].correct = true;
    p.questions["a/2"].correct = true;
    p.questions["a/2"].wrong_attempts = 1;  // not first try
    p.questions["a/3"].correct = true;
    p.questions["a/3"].used_hint = true;  // not without a hint
    EXPECT_DOUBLE_EQ(achievement_progress(c, p, make(AchievementKind::QuestionsFirstTry, 5), kDay).have, 1);
    p.questions["a/1"].in_review = true;
    p.questions["a/1"].card.repetitions = 3;
    EXPECT_TRUE(met(c, p, make(AchievementKind::QuestionsMastered)));
    p.track_xp["basics"] = 999;
    EXPECT_FALSE(met(c, p, make(AchievementKind::TotalXp, 1000)));
    p.track_xp["labs"] = 1;
    EXPECT_TRUE(met(c, p, make(AchievementKind::TotalXp, 1000)));
    for (int i = 0; i < 7; ++i) (void)record_study(p.habit, 20, kDay - 7 + i);
    EXPECT_TRUE(met(c, p, make(AchievementKind::StreakDays, 7)));
    EXPECT_FALSE(met(c, p, make(AchievementKind::StreakDays, 8)));
    EXPECT_TRUE(met(c, p, make(AchievementKind::GoalDays, 7)));
    (void)record_study(p.habit, 20, kDay);  // today met: an eighth day and an eighth streak day
    EXPECT_TRUE(met(c, p, make(AchievementKind::StreakDays, 8)));
    EXPECT_TRUE(met(c, p, make(AchievementKind::GoalDays, 8)));
}

TEST(Achievements, LabsOnTheLearnersOwnHardware) {
    const Course c = small_course();
    Progress p;
    EXPECT_FALSE(met(c, p, make(AchievementKind::LabRun, 1, "any")));
    (void)record_lab_run(p, c, report("bench", "cpu", {run("cpu", "naive", 2.0), run("cpu", "openblas", 300)}), kDay);
    EXPECT_TRUE(met(c, p, make(AchievementKind::LabRun, 1, "matmul")));
    EXPECT_FALSE(met(c, p, make(AchievementKind::LabRun, 1, "roofline")));
    EXPECT_FALSE(met(c, p, make(AchievementKind::LabOnGpu, 1, "any")));
    (void)record_lab_run(p, c, report("bench", "cuda", {run("cuda", "cublas", 150)}), kDay);
    EXPECT_TRUE(met(c, p, make(AchievementKind::LabOnGpu, 1, "matmul")));
    EXPECT_DOUBLE_EQ(achievement_progress(c, p, make(AchievementKind::GpuSpeedup, 100), kDay).have, 75);
    (void)record_lab_run(p, c, report("bench", "cuda", {run("cuda", "cublas", 250)}), kDay + 1);
    EXPECT_TRUE(met(c, p, make(AchievementKind::GpuSpeedup, 100))) << "250 / 2 = 125 times the naive CPU loop";
    // Another machine's naive loop does not count against this one's GPU.
    Progress q;
    (void)record_lab_run(q, c, report("bench", "cpu", {run("cpu", "naive", 1.0)}, "laptop"), kDay);
    (void)record_lab_run(q, c, report("bench", "cuda", {run("cuda", "cublas", 500)}, "server"), kDay);
    EXPECT_DOUBLE_EQ(achievement_progress(c, q, make(AchievementKind::GpuSpeedup, 100), kDay).have, 0);
    EXPECT_TRUE(met(c, q, make(AchievementKind::Machines, 2)));
}

TEST(Achievements, TheVramWallAndThePrecisionFormats) {
    const Course c = small_course();
    Progress p;
    LabReport vram = report("vram", "cuda", {});
    vram.vram = VramWall{};
    vram.vram->allocated_bytes = 20'000'000'000;
    vram.vram->hit_wall = true;
    vram.vram->memory_returned = false;
    p.lab_results["vram"] = to_json(vram).dump();
    EXPECT_FALSE(met(c, p, make(AchievementKind::VramWallRecovered))) << "the memory did not come back";
    vram.vram->memory_returned = true;
    p.lab_results["vram"] = to_json(vram).dump();
    EXPECT_TRUE(met(c, p, make(AchievementKind::VramWallRecovered)));

    LabReport precision = report("precision", "cuda", {run("cuda", "a", 10, "fp32"), run("cuda", "b", 40, "fp16")});
    p.lab_results["precision"] = to_json(precision).dump();
    EXPECT_FALSE(met(c, p, make(AchievementKind::PrecisionAllFormats)));
    precision.matmul.push_back(run("cuda", "c", 40, "bf16"));
    precision.matmul.back().passed = false;
    p.lab_results["precision"] = to_json(precision).dump();
    EXPECT_FALSE(met(c, p, make(AchievementKind::PrecisionAllFormats))) << "a failed run measured nothing";
    precision.matmul.back().passed = true;
    p.lab_results["precision"] = to_json(precision).dump();
    EXPECT_TRUE(met(c, p, make(AchievementKind::PrecisionAllFormats)));
}

TEST(Achievements, KernelExercisesRacesAndPresenting) {
    Course c = small_course();
    Progress p;
    const Lesson& lesson = c.lessons[0];
    (void)record_exercise_run(p, c, lesson, c.exercises[0], false, true, kDay);  // a race, not passed
    EXPECT_FALSE(met(c, p, make(AchievementKind::RaceFixed)));
    EXPECT_FALSE(met(c, p, make(AchievementKind::ExercisesPassed)));
    (void)record_exercise_run(p, c, lesson, c.exercises[0], true, false, kDay);
    EXPECT_TRUE(met(c, p, make(AchievementKind::RaceFixed)));
    EXPECT_TRUE(met(c, p, make(AchievementKind::ExercisesPassed, 1, "guard")));
    EXPECT_FALSE(met(c, p, make(AchievementKind::ExerciseFirstRun))) << "passed on the second run";
    EXPECT_EQ(p.exercises["guard"].passed_on_run, 2);
    // A file from before passed_on_run was kept: one run that passed still counts.
    Progress old;
    old.exercises["guard"].passed = true;
    old.exercises["guard"].runs = 1;
    EXPECT_TRUE(met(c, old, make(AchievementKind::ExerciseFirstRun)));
    EXPECT_FALSE(met(c, p, make(AchievementKind::Presented)));
    p.presented.insert("a");
    EXPECT_TRUE(met(c, p, make(AchievementKind::Presented)));
}

TEST(Achievements, AwardingIsOnceAndDated) {
    Course c = small_course();
    c.achievements = {make(AchievementKind::LessonsCompleted)};
    c.achievements[0].id = "first";
    Progress p;
    EXPECT_TRUE(award_achievements(c, p, kDay).empty());
    complete(p, "a");
    const auto earned = award_achievements(c, p, kDay + 3);
    ASSERT_EQ(earned.size(), 1u);
    EXPECT_EQ(earned[0]->id, "first");
    EXPECT_EQ(p.achievements.at("first"), kDay + 3);
    EXPECT_TRUE(award_achievements(c, p, kDay + 4).empty());
    EXPECT_EQ(p.achievements.at("first"), kDay + 3) << "the first date stays";
}

TEST(Achievements, AVersionTwoFileMigratesAndEarnsWhatItAlreadyDid) {
    const std::string v2 = R"({"format":"compute-dojo-progress","version":2,
        "lessons":{"what-ai-computes":{"read_to_end":true,"completed":true,"xp_awarded":20,"completed_day":20000}},
        "track_xp":{"foundations":20},"exercises":{"guard":{"passed":true,"runs":1,"xp_awarded":20}}})";
    const ProgressParseResult parsed = parse_progress(v2);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    Progress p = parsed.progress;
    EXPECT_TRUE(p.achievements.empty());
    EXPECT_EQ(p.habit.daily_goal, Habit{}.daily_goal);
    const Course course = load_course(DOJO_SOURCE_LESSONS_DIR);
    std::set<std::string> ids;
    for (const Achievement* a : award_achievements(course, p, kDay)) ids.insert(a->id);
    EXPECT_TRUE(ids.count("first-lesson"));
    EXPECT_TRUE(ids.count("first-kernel"));
    EXPECT_TRUE(ids.count("first-try-kernel"));
    EXPECT_FALSE(ids.count("five-lessons"));
}

TEST(Achievements, TheCoursesOwnListIsValidAndLongEnough) {
    const Course course = load_course(DOJO_SOURCE_LESSONS_DIR);
    for (const Diagnostic* d : course.diagnostics())
        EXPECT_EQ(d->path.find("achievements.toml"), std::string::npos) << d->message;
    EXPECT_GE(course.achievements.size(), 20u);
    std::set<AchievementKind> kinds;
    for (const Achievement& a : course.achievements) {
        EXPECT_FALSE(a.title.empty()) << a.id;
        EXPECT_FALSE(a.text.empty()) << a.id;
        kinds.insert(a.kind);
    }
    std::size_t n = 0;
    (void)achievement_kinds(n);
    EXPECT_EQ(kinds.size(), n) << "every condition kind is used by at least one achievement";
}

TEST(Achievements, TheLoaderNamesWhatIsWrongInAchievementsToml) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "dojo-achievements-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "course.toml") << "[[tracks]]\nid = \"basics\"\nname = \"Basics\"\ncolor = \"#ffffff\"\nicon = \"book\"\n"
                                          "[[levels]]\nname = \"Novice\"\nxp = 0\n";
    std::ofstream(dir / "achievements.toml")
        << "[[achievements]]\nid = \"a\"\ntitle = \"A\"\ntext = \"t\"\nicon = \"star\"\nwhen = \"lessons-finished\"\n"
           "[[achievements]]\nid = \"b\"\ntitle = \"B\"\ntext = \"t\"\nicon = \"star\"\nwhen = \"track-completed\"\nof = "
           "\"nope\"\n"
           "[[achievements]]\nid = \"c\"\ntitle = \"C\"\ntext = \"t\"\nicon = \"star\"\nwhen = \"lab-run\"\nof = \"teleport\"\n"
           "[[achievements]]\nid = \"d\"\ntitle = \"D\"\ntext = \"t\"\nicon = \"star\"\nwhen = \"total-xp\"\nof = \"basics\"\n"
           "[[achievements]]\nid = \"a\"\ntitle = \"A2\"\ntext = \"t\"\nicon = \"star\"\nwhen = \"presented\"\nsecret = 1\n";
    const Course course = load_course(dir);
    std::string all;
    for (const Diagnostic* d : course.diagnostics()) all += d->to_string() + "\n";
    EXPECT_NE(all.find("achievements.toml:6:8: error: achievement: unknown condition 'lessons-finished'"), std::string::npos)
        << all;
    EXPECT_NE(all.find("unknown track 'nope'"), std::string::npos) << all;
    EXPECT_NE(all.find("unknown lab 'teleport'"), std::string::npos) << all;
    EXPECT_NE(all.find("condition 'total-xp' takes no 'of'"), std::string::npos) << all;
    EXPECT_NE(all.find("duplicate achievement id 'a'"), std::string::npos) << all;
    EXPECT_NE(all.find("secret"), std::string::npos) << all;
    std::filesystem::remove_all(dir);
}

TEST(HardwareRecord, KeepsTheBestRunOfEachLabOnEachMachineAndBackend) {
    std::vector<HardwareRecord> record;
    EXPECT_TRUE(record_hardware(record, report("bench", "cpu", {run("cpu", "naive", 2), run("cpu", "openblas", 300)}), kDay));
    ASSERT_EQ(record.size(), 1u);
    EXPECT_EQ(record[0].lab, "matmul");
    EXPECT_DOUBLE_EQ(record[0].value, 300);
    EXPECT_DOUBLE_EQ(record[0].naive_cpu, 2);
    EXPECT_EQ(record[0].unit, "GFLOP/s");
    EXPECT_FALSE(record_hardware(record, report("bench", "cpu", {run("cpu", "openblas", 280)}), kDay + 1)) << "slower";
    EXPECT_EQ(record[0].day, kDay);
    EXPECT_TRUE(record_hardware(record, report("bench", "cpu", {run("cpu", "openblas", 310)}), kDay + 2));
    EXPECT_EQ(record[0].day, kDay + 2);
    EXPECT_DOUBLE_EQ(record[0].naive_cpu, 2) << "the naive baseline is kept when a run skips it";
    EXPECT_TRUE(record_hardware(record, report("bench", "cuda", {run("cuda", "cublas", 5000)}), kDay));
    EXPECT_TRUE(record_hardware(record, report("bench", "cpu", {run("cpu", "openblas", 90)}, "laptop"), kDay));
    EXPECT_EQ(record.size(), 3u);
    BenchResult failed = run("cpu", "naive", 99);
    failed.passed = false;
    EXPECT_FALSE(lab_score(report("bench", "cpu", {failed})).has_value()) << "a wrong result is not a speed";
}

}  // namespace
}  // namespace dojo

namespace dojo {
namespace {

TEST(ImportMerge, AnImportKeepsTheLearnersDaysAndFirstsAndTakesTheFilesAnswers) {
    Progress mine;
    for (int i = 0; i < 3; ++i) (void)record_study(mine.habit, 20, kDay + i);
    mine.achievements = {{"first-lesson", kDay}, {"week-streak", kDay + 9}};
    mine.presented = {"cpu-vs-gpu"};
    mine.hardware_record.push_back({"box", "matmul", "cpu", 300, "GFLOP/s", 2, "", kDay});
    mine.track_xp["t"] = 500;

    Progress file;  // an older backup: fewer answers, one study day of its own
    (void)record_study(file.habit, 20, kDay - 1);
    file.achievements = {{"first-lesson", kDay - 5}};
    file.hardware_record.push_back({"box", "matmul", "cpu", 250, "GFLOP/s", 3, "", kDay - 5});
    file.track_xp["t"] = 120;

    keep_days_and_firsts(mine, file);
    EXPECT_EQ(file.track_xp["t"], 120) << "answers and XP come from the file, as an import always did";
    EXPECT_EQ(file.achievements.at("first-lesson"), kDay - 5) << "the earlier date";
    EXPECT_EQ(file.achievements.at("week-streak"), kDay + 9) << "never lost";
    EXPECT_TRUE(file.presented.count("cpu-vs-gpu"));
    EXPECT_EQ(file.habit.xp_by_day.size(), 4u);
    EXPECT_EQ(current_streak(file.habit, kDay + 3), 4) << "the file's day joins the learner's three";
    ASSERT_EQ(file.hardware_record.size(), 1u);
    EXPECT_DOUBLE_EQ(file.hardware_record[0].value, 300);
    EXPECT_DOUBLE_EQ(file.hardware_record[0].naive_cpu, 3);
}

}  // namespace
}  // namespace dojo

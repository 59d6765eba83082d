// The classroom core: a class's results files merged for one chart, and progress files summarized
// per student and per question, with the files a real class brings (duplicates, other versions,
// broken JSON, two students with one name) and the CSV the teacher takes away.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "classroom/class_file.h"
#include "classroom/class_progress.h"
#include "classroom/class_results.h"
#include "progress/progress.h"

namespace dojo {
namespace {

LabReport bench_report(const std::string& host, const std::string& gpu, const std::string& created, double gflops) {
    LabReport r;
    r.lab = "bench";
    r.backend = gpu.empty() ? "cpu" : "cuda";
    r.device = gpu.empty() ? "Test CPU" : gpu;
    r.created = created;
    r.machine = {host, "Linux", "Test CPU", gpu};
    BenchResult b;
    b.backend = r.backend;
    b.device = r.device;
    b.kernel = "naive";
    b.dtype = "fp32";
    b.m = b.n = b.k = 64;
    b.repetitions = 2;
    b.median_ms = b.min_ms = b.max_ms = b.wall_median_ms = 1;
    b.gflops = gflops;
    b.tolerance = 1e-4;
    b.passed = true;
    r.matmul.push_back(b);
    return r;
}

std::string with_version(const std::string& text, int version) {
    nlohmann::json doc = nlohmann::json::parse(text);
    doc["version"] = version;
    return doc.dump();
}

bool mentions(const std::vector<std::string>& messages, const std::vector<std::string>& words) {
    return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) {
        return std::all_of(words.begin(), words.end(), [&](const std::string& w) { return m.find(w) != std::string::npos; });
    });
}

TEST(ClassResults, MergesThreeMachinesIntoOneLab) {
    const ClassResults merged = merge_class_results({
        {"ana-laptop.json", lab_report_to_json(bench_report("ana-laptop", "", "2026-11-22T09:00:00Z", 3))},
        {"lab-pc-4.json", lab_report_to_json(bench_report("lab-pc-4", "RTX 4060", "2026-11-22T09:05:00Z", 900))},
        {"cloud.json", lab_report_to_json(bench_report("cloud-h100", "H100", "2026-11-22T09:07:00Z", 20000))},
    });
    ASSERT_EQ(merged.reports.size(), 3u);
    EXPECT_TRUE(merged.messages.empty());
    ASSERT_EQ(merged.labs, std::vector<std::string>{"matmul"});
    EXPECT_EQ(merged.reports[0].label, "ana-laptop");
    EXPECT_EQ(merged.reports[1].label, "lab-pc-4");
    EXPECT_EQ(merged.reports[2].label, "cloud-h100");
    EXPECT_EQ(merged.reports[2].file, "cloud.json");
    EXPECT_DOUBLE_EQ(merged.reports[2].report.matmul.at(0).gflops, 20000);
}

TEST(ClassResults, MachinesWithOneNameAreToldApartByFile) {
    const ClassResults merged = merge_class_results({
        {"row1.json", lab_report_to_json(bench_report("lab", "RTX 3060", "2026-11-22T09:00:00Z", 700))},
        {"row2.json", lab_report_to_json(bench_report("lab", "RTX 3060", "2026-11-22T09:01:00Z", 710))},
    });
    ASSERT_EQ(merged.reports.size(), 2u);
    EXPECT_EQ(merged.reports[0].label, "lab (row1.json)");
    EXPECT_EQ(merged.reports[1].label, "lab (row2.json)");
    // Charts key series by machine: the host carries the label so the two stay two series.
    EXPECT_EQ(merged.reports[1].report.machine.host, "lab (row2.json)");
}

TEST(ClassResults, TheSameFileTwiceIsKeptOnceWithAMessageNamingBoth) {
    const std::string text = lab_report_to_json(bench_report("ana-laptop", "", "2026-11-22T09:00:00Z", 3));
    const ClassResults merged = merge_class_results({{"ana.json", text}, {"ana (1).json", text}});
    ASSERT_EQ(merged.reports.size(), 1u);
    EXPECT_EQ(merged.reports[0].label, "ana-laptop");  // no file suffix: the copy was dropped
    ASSERT_EQ(merged.messages.size(), 1u);
    EXPECT_TRUE(mentions(merged.messages, {"ana (1).json", "ana.json", "once"})) << merged.messages[0];
}

TEST(ClassResults, AnotherVersionIsSkippedWithTheVersionsNamed) {
    const std::string text = lab_report_to_json(bench_report("ana-laptop", "", "2026-11-22T09:00:00Z", 3));
    const ClassResults merged = merge_class_results({{"new.json", with_version(text, 2)}, {"old.json", with_version(text, 0)}});
    EXPECT_TRUE(merged.reports.empty());
    ASSERT_EQ(merged.messages.size(), 2u);
    EXPECT_TRUE(mentions(merged.messages, {"new.json is version 2; this app reads version 1", "newer"}));
    EXPECT_TRUE(mentions(merged.messages, {"old.json is version 0; this app reads version 1"}));
}

TEST(ClassResults, MalformedAndForeignFilesAreSkippedWithTheReason) {
    const std::string good = lab_report_to_json(bench_report("ana-laptop", "", "2026-11-22T09:00:00Z", 3));
    const ClassResults merged = merge_class_results({
        {"broken.json", good.substr(0, good.size() / 2)},
        {"notes.json", R"({"hello": 1})"},
        {"other.json", R"({"format": "someone-elses-results", "version": 1})"},
        {"empty.json", ""},
        {"wrong-type.json", R"({"format": "compute-dojo-results", "version": 1, "lab": 7})"},
        {"good.json", good},
    });
    ASSERT_EQ(merged.reports.size(), 1u);
    ASSERT_EQ(merged.messages.size(), 5u);
    EXPECT_TRUE(mentions(merged.messages, {"broken.json is not valid JSON", "line ", "column "}));
    EXPECT_TRUE(mentions(merged.messages, {"notes.json", "no \"format\" marker"}));
    EXPECT_TRUE(mentions(merged.messages, {"other.json is a \"someone-elses-results\" file"}));
    EXPECT_TRUE(mentions(merged.messages, {"empty.json is not valid JSON", "empty"}));
    EXPECT_TRUE(mentions(merged.messages, {"wrong-type.json could not be read", "lab"}));
}

TEST(ClassResults, NoFilesMeansNothingAndNoMessage) {
    const ClassResults merged = merge_class_results({});
    EXPECT_TRUE(merged.reports.empty());
    EXPECT_TRUE(merged.messages.empty());
    EXPECT_TRUE(merged.labs.empty());
}

TEST(ClassFiles, KindComesFromTheFormatMarker) {
    EXPECT_EQ(class_file_kind(progress_to_json(Progress{})), ClassFileKind::Progress);
    const std::string one = lab_report_to_json(bench_report("a", "", "t", 1));
    EXPECT_EQ(class_file_kind(one), ClassFileKind::Results);
    EXPECT_EQ(class_file_kind("[" + one + "]"), ClassFileKind::Results);
    EXPECT_EQ(class_file_kind("{not json"), ClassFileKind::Other);
    EXPECT_EQ(class_file_kind("[]"), ClassFileKind::Other);
    EXPECT_EQ(class_file_kind("42"), ClassFileKind::Other);
}

// Two lessons of two questions each, as the loader would give them.
Course small_course() {
    Course course;
    for (const char* id : {"cpu-vs-gpu", "vram"}) {
        Lesson l;
        l.id = id;
        l.title = std::string(id) == "vram" ? "VRAM, and \"why\" it fills" : "CPU vs GPU";
        l.track = "foundations";
        for (const char* q : {"q1", "q2"}) {
            Question question;
            question.id = q;
            question.prompt = std::string("Prompt ") + id + "/" + q + ", with a comma";
            l.questions.push_back(question);
        }
        course.lessons.push_back(l);
    }
    return course;
}

// A student's export: the lessons completed and, per question, (attempts, wrong attempts).
std::string progress_file(const std::vector<std::string>& completed, const std::map<std::string, std::pair<int, int>>& answers,
                          int xp) {
    Progress p;
    for (const auto& id : completed) p.lessons[id].completed = true;
    for (const auto& [key, counts] : answers) {
        QuestionProgress& q = p.questions[key];
        q.attempts = counts.first;
        q.wrong_attempts = counts.second;
        q.correct = counts.first > counts.second;
    }
    p.track_xp["foundations"] = xp;
    return progress_to_json(p);
}

TEST(ClassProgressSummary, RowsPerStudentAndWeakestQuestionsFirst) {
    const Course course = small_course();
    const ClassProgress summary = summarize_class_progress(
        course,
        {
            {"ana-progress.json", progress_file({"cpu-vs-gpu", "vram"}, {{"cpu-vs-gpu/q1", {1, 0}}, {"vram/q1", {2, 1}}}, 40)},
            {"ben-progress.json", progress_file({"cpu-vs-gpu"}, {{"cpu-vs-gpu/q1", {1, 0}}, {"vram/q1", {3, 2}}}, 15)},
            {"cleo_progress.json", progress_file({}, {{"cpu-vs-gpu/q1", {2, 1}}, {"vram/q1", {1, 0}}}, 5)},
        });
    EXPECT_TRUE(summary.messages.empty());
    ASSERT_EQ(summary.students.size(), 3u);
    EXPECT_EQ(summary.students[0].name, "ana");
    EXPECT_EQ(summary.students[2].name, "cleo");
    EXPECT_EQ(summary.students[0].completed, (std::vector<bool>{true, true}));
    EXPECT_EQ(summary.students[1].completed, (std::vector<bool>{true, false}));
    EXPECT_EQ(summary.students[1].completed_count, 1);
    EXPECT_EQ(summary.students[0].xp, 40);
    ASSERT_EQ(summary.lesson_titles.size(), 2u);

    // Only answered questions, weakest first: vram/q1 right first time for 1 of 3, cpu-vs-gpu/q1 for 2 of 3.
    ASSERT_EQ(summary.questions.size(), 2u);
    EXPECT_EQ(summary.questions[0].lesson_id, "vram");
    EXPECT_EQ(summary.questions[0].answered, 3);
    EXPECT_EQ(summary.questions[0].first_try, 1);
    EXPECT_EQ(summary.questions[0].prompt, "Prompt vram/q1, with a comma");
    EXPECT_EQ(summary.questions[1].question_id, "q1");
    EXPECT_EQ(summary.questions[1].first_try, 2);
    EXPECT_NEAR(summary.questions[1].first_try_rate(), 2.0 / 3.0, 1e-9);
}

TEST(ClassProgressSummary, NamesComeFromFileNames) {
    EXPECT_EQ(student_name_from_file("ana-progress.json"), "ana");
    EXPECT_EQ(student_name_from_file("Downloads/Ben Ito.json"), "Ben Ito");
    EXPECT_EQ(student_name_from_file("compute-dojo-progress.json"), "student");
    EXPECT_EQ(student_name_from_file("compute-dojo-progress (3).json"), "student (3)");
    EXPECT_EQ(student_name_from_file("cleo.compute-dojo-progress.JSON"), "cleo");
}

TEST(ClassProgressSummary, SameContentCountsOnceAndSameNameKeepsBoth) {
    const Course course = small_course();
    const std::string ana = progress_file({"cpu-vs-gpu"}, {{"cpu-vs-gpu/q1", {1, 0}}}, 10);
    const ClassProgress summary = summarize_class_progress(course, {
                                                                       {"ana-progress.json", ana},
                                                                       {"ana-progress (1).json", ana},
                                                                       {"team/ana.json", progress_file({}, {}, 0)},
                                                                   });
    ASSERT_EQ(summary.students.size(), 2u);
    EXPECT_EQ(summary.students[0].name, "ana");
    EXPECT_EQ(summary.students[1].name, "ana (2)");
    ASSERT_EQ(summary.messages.size(), 2u);
    EXPECT_TRUE(mentions(summary.messages, {"ana-progress (1).json", "same progress as ana-progress.json", "once"}));
    EXPECT_TRUE(mentions(summary.messages, {"team/ana.json", "ana (2)"}));
    ASSERT_EQ(summary.questions.size(), 1u);
    EXPECT_EQ(summary.questions[0].answered, 1);  // the copy did not count twice
}

TEST(ClassProgressSummary, OtherVersionsAndBrokenFilesAreSkipped) {
    const Course course = small_course();
    const std::string good = progress_file({"vram"}, {}, 5);
    const ClassProgress summary = summarize_class_progress(
        course, {
                    {"future.json", with_version(good, 4)},
                    {"ben.json", with_version(progress_file({}, {}, 3), 1)},  // before kernel exercises: read, migrated
                    {"cut.json", good.substr(0, 40)},
                    {"results.json", lab_report_to_json(bench_report("a", "", "t", 1))},
                    {"bad-xp.json", R"({"format":"compute-dojo-progress","version":1,"track_xp":{"x":"lots"}})"},
                    {"dan.json", good},
                });
    ASSERT_EQ(summary.students.size(), 2u);
    EXPECT_EQ(summary.students[0].name, "ben");
    EXPECT_EQ(summary.students[1].name, "dan");
    ASSERT_EQ(summary.messages.size(), 4u);
    EXPECT_TRUE(mentions(summary.messages, {"future.json is version 4; this app reads versions 1 to 3"}));
    EXPECT_TRUE(mentions(summary.messages, {"cut.json could not be read", "line"}));
    EXPECT_TRUE(mentions(summary.messages, {"results.json is a \"compute-dojo-results\" file"}));
    EXPECT_TRUE(mentions(summary.messages, {"bad-xp.json could not be read", "track_xp"}));
}

TEST(ClassProgressSummary, EmptyInputGivesEmptyTablesWithHeaders) {
    const Course course = small_course();
    const ClassProgress summary = summarize_class_progress(course, {});
    EXPECT_TRUE(summary.students.empty());
    EXPECT_TRUE(summary.questions.empty());
    EXPECT_TRUE(summary.messages.empty());
    EXPECT_EQ(class_lessons_csv(summary), "student,file,xp,lessons completed,CPU vs GPU,\"VRAM, and \"\"why\"\" it fills\"\r\n");
    EXPECT_EQ(class_questions_csv(summary), "lesson,question,prompt,answered,right first try,first-try rate\r\n");
}

TEST(ClassProgressSummary, CsvQuotesFieldsAndHasARowPerStudent) {
    const Course course = small_course();
    const ClassProgress summary = summarize_class_progress(
        course, {
                    {"Ito, Ben.json", progress_file({"vram"}, {{"vram/q2", {2, 1}}}, 12)},
                    {"ana-progress.json", progress_file({"cpu-vs-gpu", "vram"}, {{"vram/q2", {1, 0}}}, 30)},
                });
    const std::string lessons = class_lessons_csv(summary);
    EXPECT_NE(lessons.find("\r\n\"Ito, Ben\",\"Ito, Ben.json\",12,1,,yes\r\n"), std::string::npos) << lessons;
    EXPECT_NE(lessons.find("\r\nana,ana-progress.json,30,2,yes,yes\r\n"), std::string::npos) << lessons;
    EXPECT_EQ(std::count(lessons.begin(), lessons.end(), '\n'), 3);
    const std::string questions = class_questions_csv(summary);
    EXPECT_NE(questions.find("\"VRAM, and \"\"why\"\" it fills\",q2,\"Prompt vram/q2, with a comma\",2,1,50%\r\n"),
              std::string::npos)
        << questions;
}

}  // namespace
}  // namespace dojo

// The saved-progress JSON: a rich round trip, byte-exact re-saving, and every way a file can be
// wrong reported with what and where.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "progress/progress.h"

namespace {

using dojo::parse_progress;
using dojo::Progress;
using dojo::progress_to_json;

Progress rich_progress() {
    Progress p;
    p.last_place = "#/lesson/cpu-vs-gpu";
    p.settings.ui_scale = 1.1f;
    p.settings.theme = "light";
    p.settings.reduce_motion = true;
    p.track_xp["gpu"] = 45;
    p.track_xp["memory"] = 12;
    p.lessons["cpu-vs-gpu"] = {true, true, 20, 19876};
    p.lessons["vram"] = {true, false, 0, -1};
    dojo::QuestionProgress q;
    q.attempts = 3;
    q.wrong_attempts = 2;
    q.correct = true;
    q.used_hint = true;
    q.xp_awarded = 5;
    q.last_answer = "0,2 \"quoted\" \xC3\xA9";  // quotes and UTF-8 survive
    q.in_review = true;
    q.card = {2.36, 2, 6, 19882, 19876, 1};
    p.questions[dojo::question_key("cpu-vs-gpu", "q1")] = q;
    p.questions[dojo::question_key("vram", "q2")] = dojo::QuestionProgress{};
    dojo::ExerciseProgress e;
    e.passed = true;
    e.xp_awarded = 20;
    e.runs = 4;
    e.failed_runs = 3;
    e.hints_shown = 1;
    e.code["glsl"] = "void main() {\n\tuint i = gl_GlobalInvocationID.x;\n}\n";  // tabs and newlines survive
    p.exercises["map-add-ten"] = e;
    p.exercises["dot"].code["cuda"] = "// \"quoted\" \xC3\xA9";
    return p;
}

// Replaces the first `from` in `text` (which must be there) with `to`.
std::string with(const std::string& text, const std::string& from, const std::string& to) {
    std::string out = text;
    const auto at = out.find(from);
    EXPECT_NE(at, std::string::npos) << "test text lacks: " << from;
    if (at != std::string::npos) out.replace(at, from.size(), to);
    return out;
}

std::string error_of(std::string_view text) {
    const auto result = parse_progress(text);
    EXPECT_FALSE(result.ok) << text;
    return result.error;
}

TEST(ProgressModel, QuestionKeyAndTotalXp) {
    EXPECT_EQ(dojo::question_key("cpu-vs-gpu", "q1"), "cpu-vs-gpu/q1");
    Progress p;
    EXPECT_EQ(p.total_xp(), 0);
    p.track_xp["a"] = 10;
    p.track_xp["b"] = 32;
    EXPECT_EQ(p.total_xp(), 42);
    p.track_xp["c"] = 2147483647;
    EXPECT_EQ(p.total_xp(), 2147483647);  // saturates, no overflow
}

TEST(ProgressJson, RichProgressRoundTrips) {
    const Progress p = rich_progress();
    const std::string text = progress_to_json(p);
    const auto parsed = parse_progress(text);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    const Progress& r = parsed.progress;

    EXPECT_EQ(r.last_place, p.last_place);
    EXPECT_EQ(r.settings.ui_scale, 1.1f);
    EXPECT_EQ(r.settings.theme, "light");
    EXPECT_TRUE(r.settings.reduce_motion);
    EXPECT_EQ(r.track_xp, p.track_xp);
    EXPECT_EQ(r.total_xp(), 57);

    ASSERT_EQ(r.lessons.size(), 2u);
    const auto& done = r.lessons.at("cpu-vs-gpu");
    EXPECT_TRUE(done.read_to_end);
    EXPECT_TRUE(done.completed);
    EXPECT_EQ(done.xp_awarded, 20);
    EXPECT_EQ(done.completed_day, 19876);
    EXPECT_EQ(r.lessons.at("vram").completed_day, -1);
    EXPECT_FALSE(r.lessons.at("vram").completed);

    ASSERT_EQ(r.questions.size(), 2u);
    const auto& q = r.questions.at("cpu-vs-gpu/q1");
    EXPECT_EQ(q.attempts, 3);
    EXPECT_EQ(q.wrong_attempts, 2);
    EXPECT_TRUE(q.correct);
    EXPECT_TRUE(q.used_hint);
    EXPECT_EQ(q.xp_awarded, 5);
    EXPECT_EQ(q.last_answer, p.questions.at("cpu-vs-gpu/q1").last_answer);
    EXPECT_TRUE(q.in_review);
    EXPECT_DOUBLE_EQ(q.card.ease, 2.36);
    EXPECT_EQ(q.card.repetitions, 2);
    EXPECT_EQ(q.card.interval_days, 6);
    EXPECT_EQ(q.card.due_day, 19882);
    EXPECT_EQ(q.card.last_day, 19876);
    EXPECT_EQ(q.card.lapses, 1);
    EXPECT_EQ(r.questions.at("vram/q2").card.last_day, -1);
}

TEST(ProgressJson, ADocumentReSavesByteForByte) {
    const std::string text = progress_to_json(rich_progress());
    const auto parsed = parse_progress(text);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_EQ(progress_to_json(parsed.progress), text);
    // An empty Progress too.
    const std::string empty = progress_to_json(Progress{});
    EXPECT_EQ(progress_to_json(parse_progress(empty).progress), empty);
}

TEST(ProgressJson, StartsWithTheFormatMarkerAndVersionAndIsPretty) {
    const std::string text = progress_to_json(Progress{});
    EXPECT_EQ(text.rfind("{\n  \"format\": \"compute-dojo-progress\",\n  \"version\": 3,", 0), 0u) << text;
    EXPECT_EQ(text.back(), '\n');
    EXPECT_NE(text.find("\"ui_scale\": 1.0"), std::string::npos) << text;
}

TEST(ProgressJson, FloatSettingIsSavedInItsShortestForm) {
    Progress p;
    p.settings.ui_scale = 1.1f;
    EXPECT_NE(progress_to_json(p).find("\"ui_scale\": 1.1,"), std::string::npos) << progress_to_json(p);
}

TEST(ProgressJson, InvalidUtf8IsReplacedNotThrown) {
    Progress p;
    p.last_place = "#/lesson/\xFF\xFE";
    std::string text;
    EXPECT_NO_THROW(text = progress_to_json(p));
    EXPECT_TRUE(parse_progress(text).ok);
}

TEST(ProgressJson, MigrationLeavesACurrentDocumentAlone) {
    const std::string text = progress_to_json(rich_progress());
    nlohmann::json doc = nlohmann::json::parse(text);
    const nlohmann::json before = doc;
    EXPECT_EQ(dojo::migrate(doc, Progress::kVersion), "");
    EXPECT_EQ(doc, before);
    EXPECT_NE(dojo::migrate(doc, 0), "");  // there never was a version 0
}

// A file saved by the release before kernel exercises (version 1) reads with everything in it kept,
// no exercises done, and saves as version 2 with an empty "exercises" object.
TEST(ProgressJson, AVersionOneFileMigratesToVersionTwoWithNothingLost) {
    const std::string v1 = R"({
  "format": "compute-dojo-progress",
  "version": 1,
  "last_place": "#/lesson/cpu-vs-gpu",
  "settings": {"ui_scale": 1.25, "theme": "light", "reduce_motion": true},
  "track_xp": {"foundations": 45},
  "lessons": {"cpu-vs-gpu": {"read_to_end": true, "completed": true, "xp_awarded": 20, "completed_day": 19876}},
  "questions": {"cpu-vs-gpu/q1": {"attempts": 2, "wrong_attempts": 1, "correct": true, "xp_awarded": 5,
                "last_answer": "1", "in_review": true,
                "card": {"ease": 2.5, "repetitions": 1, "interval_days": 1, "due_day": 19877, "last_day": 19876, "lapses": 0}}},
  "lab_results": {"matmul": {"format": "compute-dojo-results", "version": 1}}
})";
    const auto parsed = parse_progress(v1);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    const Progress& p = parsed.progress;
    EXPECT_EQ(p.last_place, "#/lesson/cpu-vs-gpu");
    EXPECT_FLOAT_EQ(p.settings.ui_scale, 1.25f);
    EXPECT_EQ(p.settings.theme, "light");
    EXPECT_EQ(p.track_xp.at("foundations"), 45);
    EXPECT_TRUE(p.lessons.at("cpu-vs-gpu").completed);
    EXPECT_EQ(p.questions.at("cpu-vs-gpu/q1").card.due_day, 19877);
    EXPECT_EQ(p.lab_results.count("matmul"), 1u);
    EXPECT_TRUE(p.exercises.empty());

    nlohmann::json doc = nlohmann::json::parse(v1);
    EXPECT_EQ(dojo::migrate(doc, 1), "");
    EXPECT_EQ(doc["version"], 3);
    EXPECT_TRUE(doc["exercises"].is_object());
    EXPECT_TRUE(doc["habit"].is_object());
    EXPECT_TRUE(doc["hardware_record"].is_array());

    const auto saved = nlohmann::json::parse(progress_to_json(p));
    EXPECT_EQ(saved["version"], 3);
    EXPECT_TRUE(saved["exercises"].is_object());
    EXPECT_EQ(saved["track_xp"]["foundations"], 45);
}

TEST(ProgressJson, ExerciseCodeIsKeptPerLanguageAndBadEntriesAreNamed) {
    const auto r = parse_progress(progress_to_json(rich_progress()));
    ASSERT_TRUE(r.ok) << r.error;
    const auto& e = r.progress.exercises.at("map-add-ten");
    EXPECT_TRUE(e.passed);
    EXPECT_EQ(e.xp_awarded, 20);
    EXPECT_EQ(e.runs, 4);
    EXPECT_EQ(e.failed_runs, 3);
    EXPECT_EQ(e.hints_shown, 1);
    EXPECT_EQ(e.code.at("glsl"), "void main() {\n\tuint i = gl_GlobalInvocationID.x;\n}\n");
    EXPECT_EQ(r.progress.exercises.at("dot").code.at("cuda"), "// \"quoted\" \xC3\xA9");

    const std::string head = R"({"format": "compute-dojo-progress", "version": 2, "exercises": )";
    EXPECT_EQ(error_of(head + R"({"dot": 3}})"), "exercises/dot must be an object");
    EXPECT_EQ(error_of(head + R"({"dot": {"runs": -1}}})"), "exercises/dot/runs must be a non-negative integer");
    EXPECT_EQ(error_of(head + R"({"dot": {"code": {"glsl": 7}}}})"), "exercises/dot/code/glsl must be a string");
    const std::string huge(dojo::kMaxExerciseCodeBytes + 1, 'x');
    EXPECT_NE(error_of(head + R"({"dot": {"code": {"glsl": ")" + huge + R"("}}}})").find("over the limit"), std::string::npos);
}

TEST(ProgressJson, MissingOptionalFieldsTakeDefaultsAndUnknownKeysAreIgnored) {
    const auto parsed = parse_progress(R"({"format": "compute-dojo-progress", "version": 1, "from_the_future": [1, 2],
        "questions": {"a/b": {"attempts": 2, "shiny": true}}})");
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_EQ(parsed.progress.questions.at("a/b").attempts, 2);
    EXPECT_DOUBLE_EQ(parsed.progress.questions.at("a/b").card.ease, 2.5);
    EXPECT_EQ(parsed.progress.settings.ui_scale, 1.0f);
    EXPECT_TRUE(parsed.progress.lessons.empty());
}

TEST(ProgressParse, BrokenJsonNamesLineAndColumn) {
    const std::string text = "{\n  \"format\": \"compute-dojo-progress\",\n  \"version\": tru\n}\n";
    const std::string error = error_of(text);
    EXPECT_EQ(error.rfind("line 3, column ", 0), 0u) << error;
    EXPECT_EQ(error.find("json.exception"), std::string::npos) << error;
    EXPECT_NE(error.find("invalid literal"), std::string::npos) << error;
}

TEST(ProgressParse, ColumnPointsAtTheOffendingByte) {
    // The stray x is the 8th byte of line 2.
    const std::string error = error_of("{\n  \"ax\" x 1}");
    EXPECT_EQ(error.rfind("line 2, column 8: ", 0), 0u) << error;
}

TEST(ProgressParse, TruncatedJsonSaysTheFileEndsEarly) {
    const std::string full = progress_to_json(rich_progress());
    const std::string cut = full.substr(0, full.size() / 2);
    const std::string error = error_of(cut);
    EXPECT_EQ(error.rfind("line ", 0), 0u) << error;
    EXPECT_NE(error.find("ends early"), std::string::npos) << error;
    const std::string last_byte_wrong = error_of("{\"format\": 1}x");
    EXPECT_EQ(last_byte_wrong.rfind("line 1, column 14: ", 0), 0u) << last_byte_wrong;
    EXPECT_EQ(last_byte_wrong.find("ends early"), std::string::npos) << last_byte_wrong;
    EXPECT_EQ(error_of(""), "the file is empty");
    EXPECT_EQ(error_of("  \n"), "the file is empty");
}

TEST(ProgressParse, MissingOrWrongFormatMarkerIsAnError) {
    EXPECT_NE(error_of(R"({"version": 1})").find("\"format\" marker is missing"), std::string::npos);
    EXPECT_NE(error_of(R"({"format": "something-else", "version": 1})").find("format must be"), std::string::npos);
    EXPECT_NE(error_of(R"([1, 2])").find("not an object"), std::string::npos);
    EXPECT_NE(error_of(R"({"format": "compute-dojo-progress"})").find("version is missing"), std::string::npos);
    EXPECT_NE(error_of(R"({"format": "compute-dojo-progress", "version": "1"})").find("version must be"), std::string::npos);
    EXPECT_NE(error_of(R"({"format": "compute-dojo-progress", "version": 0})").find("version must be"), std::string::npos);
}

TEST(ProgressParse, NewerVersionIsFlaggedAndNamed) {
    const auto result = parse_progress(R"({"format": "compute-dojo-progress", "version": 7, "novel": {}})");
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.newer_version);
    EXPECT_NE(result.error.find("version 7"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("up to version 3"), std::string::npos) << result.error;
    EXPECT_FALSE(parse_progress(progress_to_json(Progress{})).newer_version);
}

TEST(ProgressParse, WrongTypesNameTheField) {
    const std::string good = progress_to_json(rich_progress());
    EXPECT_EQ(error_of(with(good, "\"attempts\": 3", "\"attempts\": \"3\"")),
              "questions/cpu-vs-gpu/q1/attempts must be a non-negative integer");
    EXPECT_EQ(error_of(with(good, "\"attempts\": 3", "\"attempts\": 3.5")),
              "questions/cpu-vs-gpu/q1/attempts must be a non-negative integer");
    EXPECT_EQ(error_of(with(good, "\"completed\": true", "\"completed\": 1")),
              "lessons/cpu-vs-gpu/completed must be true or false");
    EXPECT_EQ(error_of(with(good, "\"last_place\": \"#/lesson/cpu-vs-gpu\"", "\"last_place\": 5")),
              "last_place must be a string");
    EXPECT_EQ(error_of(with(good, "\"ease\": 2.36", "\"ease\": \"easy\"")), "questions/cpu-vs-gpu/q1/card/ease must be a number");
    EXPECT_EQ(error_of(with(good, "\"ease\": 2.36", "\"ease\": null")), "questions/cpu-vs-gpu/q1/card/ease must be a number");
    EXPECT_EQ(error_of(with(good, "\"gpu\": 45", "\"gpu\": [45]")), "track_xp/gpu must be a non-negative integer");
    EXPECT_EQ(error_of(with(good, "\"settings\": {", "\"settings\": 3, \"x\": {")), "settings must be an object");
    EXPECT_EQ(error_of(R"({"format": "compute-dojo-progress", "version": 1, "lessons": {"a": 1}})"),
              "lessons/a must be an object");
    EXPECT_EQ(error_of(R"({"format": "compute-dojo-progress", "version": 1, "questions": []})"), "questions must be an object");
}

TEST(ProgressParse, OutOfRangeValuesAreErrors) {
    const std::string good = progress_to_json(rich_progress());
    EXPECT_EQ(error_of(with(good, "\"gpu\": 45", "\"gpu\": -45")), "track_xp/gpu must be a non-negative integer");
    EXPECT_EQ(error_of(with(good, "\"xp_awarded\": 20", "\"xp_awarded\": -1")),
              "lessons/cpu-vs-gpu/xp_awarded must be a non-negative integer");
    EXPECT_EQ(error_of(with(good, "\"gpu\": 45", "\"gpu\": 4000000000")), "track_xp/gpu must be a non-negative integer");
    EXPECT_EQ(error_of(with(good, "\"ease\": 2.36", "\"ease\": 1.0")),
              "questions/cpu-vs-gpu/q1/card/ease must be a number from 1.3 to 1000");
    // Too big for a double is caught by the JSON parser itself, with its position.
    const std::string huge = error_of(with(good, "\"ease\": 2.36", "\"ease\": 1e400"));
    EXPECT_EQ(huge.rfind("line ", 0), 0u) << huge;
    EXPECT_NE(huge.find("1e400"), std::string::npos) << huge;
    EXPECT_EQ(error_of(with(good, "\"completed_day\": 19876", "\"completed_day\": -2")),
              "lessons/cpu-vs-gpu/completed_day must be an integer from -1 to 100000000");
    EXPECT_EQ(error_of(with(good, "\"due_day\": 19882", "\"due_day\": -5")),
              "questions/cpu-vs-gpu/q1/card/due_day must be a non-negative integer up to 100000000");
    EXPECT_EQ(error_of(with(good, "\"ui_scale\": 1.1", "\"ui_scale\": 0")), "settings/ui_scale must be a number from 0.25 to 4");
    EXPECT_EQ(error_of(with(good, "\"lapses\": 1", "\"lapses\": -1")),
              "questions/cpu-vs-gpu/q1/card/lapses must be a non-negative integer");
}

TEST(ProgressParse, AFailedParseReturnsNoPartialProgress) {
    const std::string good = progress_to_json(rich_progress());
    const auto result = parse_progress(with(good, "\"lapses\": 1", "\"lapses\": -1"));
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.progress.lessons.empty());
    EXPECT_TRUE(result.progress.track_xp.empty());
}

}  // namespace

TEST(ProgressJson, LabResultsRoundTripAndReSaveByteForByte) {
    Progress p = rich_progress();
    p.lab_results["matmul"] =
        R"({"format":"compute-dojo-results","version":1,"lab":"bench","backend":"cpu","matmul":[{"kernel":"naive","gflops":1.5}]})";
    p.lab_results["transfer"] = R"({"format":"compute-dojo-results","version":1,"lab":"transfer","transfers":[]})";
    const std::string text = progress_to_json(p);
    EXPECT_NE(text.find("\"lab_results\": {"), std::string::npos) << text;
    const auto parsed = parse_progress(text);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    ASSERT_EQ(parsed.progress.lab_results.size(), 2u);
    const auto report = nlohmann::json::parse(parsed.progress.lab_results.at("matmul"));
    EXPECT_EQ(report["lab"], "bench");
    EXPECT_EQ(report["matmul"][0]["gflops"], 1.5);
    EXPECT_EQ(report, nlohmann::json::parse(p.lab_results.at("matmul")));
    EXPECT_EQ(progress_to_json(parsed.progress), text) << "a saved file re-saves byte for byte";
}

TEST(ProgressJson, MissingLabResultsMeanNone) {
    const auto parsed = parse_progress(R"({"format": "compute-dojo-progress", "version": 1})");
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_TRUE(parsed.progress.lab_results.empty());
}

TEST(ProgressParse, LabResultsOfTheWrongTypeAreNamed) {
    EXPECT_EQ(error_of(R"({"format": "compute-dojo-progress", "version": 1, "lab_results": []})"),
              "lab_results must be an object");
    EXPECT_EQ(error_of(R"({"format": "compute-dojo-progress", "version": 1, "lab_results": {"matmul": "fast"}})"),
              "lab_results/matmul must be an object (a lab report)");
}

// ---- Settings: themes (and the high_contrast files from before them) -----------------------------

namespace {

TEST(ProgressSettings, EveryThemeRoundTrips) {
    for (const char* name : {"dark", "light", "projector"}) {
        Progress p;
        p.settings.theme = name;
        p.settings.ui_scale = 2.5f;
        const std::string text = progress_to_json(p);
        EXPECT_NE(text.find(std::string("\"theme\": \"") + name + "\""), std::string::npos) << text;
        EXPECT_EQ(text.find("high_contrast"), std::string::npos) << "the old key is no longer written";
        const auto parsed = parse_progress(text);
        ASSERT_TRUE(parsed.ok) << parsed.error;
        EXPECT_EQ(parsed.progress.settings.theme, name);
        EXPECT_EQ(parsed.progress.settings.ui_scale, 2.5f);
        EXPECT_EQ(progress_to_json(parsed.progress), text);
    }
}

TEST(ProgressSettings, OldHighContrastFilesMigrateToATheme) {
    const auto old_on = parse_progress(R"({"format": "compute-dojo-progress", "version": 1,
        "settings": {"ui_scale": 1.25, "high_contrast": true, "reduce_motion": true}})");
    ASSERT_TRUE(old_on.ok) << old_on.error;
    EXPECT_EQ(old_on.progress.settings.theme, "projector");
    EXPECT_EQ(old_on.progress.settings.ui_scale, 1.25f);
    EXPECT_TRUE(old_on.progress.settings.reduce_motion);

    const auto old_off =
        parse_progress(R"({"format": "compute-dojo-progress", "version": 1, "settings": {"high_contrast": false}})");
    ASSERT_TRUE(old_off.ok) << old_off.error;
    EXPECT_EQ(old_off.progress.settings.theme, "dark");

    // A file with both keys was written by a release that knew themes: the theme wins.
    const auto both = parse_progress(R"({"format": "compute-dojo-progress", "version": 1,
        "settings": {"theme": "light", "high_contrast": true}})");
    ASSERT_TRUE(both.ok) << both.error;
    EXPECT_EQ(both.progress.settings.theme, "light");

    // Re-saving a migrated file writes the theme, and it reads back the same.
    const auto again = parse_progress(progress_to_json(old_on.progress));
    ASSERT_TRUE(again.ok) << again.error;
    EXPECT_EQ(again.progress.settings.theme, "projector");
}

TEST(ProgressSettings, MissingUnknownAndWrongThemes) {
    const auto none = parse_progress(R"({"format": "compute-dojo-progress", "version": 1, "settings": {}})");
    ASSERT_TRUE(none.ok) << none.error;
    EXPECT_EQ(none.progress.settings.theme, "dark");
    // A later release's theme must not cost the learner their progress.
    const auto future = parse_progress(R"({"format": "compute-dojo-progress", "version": 1, "settings": {"theme": "sepia"}})");
    ASSERT_TRUE(future.ok) << future.error;
    EXPECT_EQ(future.progress.settings.theme, "dark");
    EXPECT_EQ(error_of(R"({"format": "compute-dojo-progress", "version": 1, "settings": {"theme": 3}})"),
              "settings/theme must be a string");
    EXPECT_EQ(error_of(R"({"format": "compute-dojo-progress", "version": 1, "settings": {"high_contrast": "yes"}})"),
              "settings/high_contrast must be true or false");
    EXPECT_TRUE(dojo::is_known_theme("projector"));
    EXPECT_FALSE(dojo::is_known_theme("Projector"));
}

TEST(ProgressSettings, UiScaleKeepsItsSaneRange) {
    for (const char* bad : {"0.1", "5", "-1", "\"big\""}) {
        const std::string text =
            std::string(R"({"format": "compute-dojo-progress", "version": 1, "settings": {"ui_scale": )") + bad + "}}";
        EXPECT_NE(error_of(text).find("settings/ui_scale must be a number"), std::string::npos) << bad;
    }
    for (const char* good : {"0.75", "2.5"}) {
        const std::string text =
            std::string(R"({"format": "compute-dojo-progress", "version": 1, "settings": {"ui_scale": )") + good + "}}";
        EXPECT_TRUE(parse_progress(text).ok) << good;
    }
}

}  // namespace

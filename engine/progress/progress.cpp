// The saved-progress model's JSON: writing with a fixed key order, and reading with every field
// checked, so a damaged file is reported with what and where instead of half-loading.
#include "progress/progress.h"

#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>

#include "common/json_syntax.h"
#include "progress/progress_fields.h"

namespace dojo {

using nlohmann::json;
using nlohmann::ordered_json;

int Progress::total_xp() const {
    std::int64_t sum = 0;
    for (const auto& [track, xp] : track_xp) sum += xp;
    return static_cast<int>(std::clamp<std::int64_t>(sum, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

bool is_known_theme(std::string_view name) {
    return name == "dark" || name == "light" || name == "projector";
}

std::string question_key(const std::string& lesson, const std::string& question) {
    return lesson + "/" + question;
}

// ---- Writing -------------------------------------------------------------------------------------
namespace {

// A float's shortest decimal form as the double JSON stores, so 1.1f is saved as 1.1, not
// 1.100000023841858, and still reads back to the same float.
// (snprintf with a growing precision, because Emscripten's libc++ has no floating-point to_chars.)
double float_for_json(float value) {
    if (!std::isfinite(value)) return value;
    char buffer[32];
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, static_cast<double>(value));
        if (std::strtof(buffer, nullptr) == value) return std::strtod(buffer, nullptr);
    }
    return value;
}

ordered_json card_to_json(const ReviewCard& card) {
    ordered_json j;
    j["ease"] = card.ease;
    j["repetitions"] = card.repetitions;
    j["interval_days"] = card.interval_days;
    j["due_day"] = card.due_day;
    j["last_day"] = card.last_day;
    j["lapses"] = card.lapses;
    return j;
}

}  // namespace

std::string progress_to_json(const Progress& progress) {
    ordered_json doc;
    doc["format"] = kProgressFormat;
    doc["version"] = Progress::kVersion;
    doc["last_place"] = progress.last_place;
    doc["settings"] = {{"ui_scale", float_for_json(progress.settings.ui_scale)},
                       {"theme", progress.settings.theme},
                       {"reduce_motion", progress.settings.reduce_motion}};
    ordered_json& tracks = doc["track_xp"] = ordered_json::object();
    for (const auto& [id, xp] : progress.track_xp) tracks[id] = xp;
    ordered_json& lessons = doc["lessons"] = ordered_json::object();
    for (const auto& [id, lesson] : progress.lessons) {
        ordered_json& entry = lessons[id];
        entry["read_to_end"] = lesson.read_to_end;
        entry["completed"] = lesson.completed;
        entry["xp_awarded"] = lesson.xp_awarded;
        entry["completed_day"] = lesson.completed_day;
    }
    ordered_json& questions = doc["questions"] = ordered_json::object();
    for (const auto& [key, question] : progress.questions) {
        ordered_json& entry = questions[key];
        entry["attempts"] = question.attempts;
        entry["wrong_attempts"] = question.wrong_attempts;
        entry["correct"] = question.correct;
        entry["used_hint"] = question.used_hint;
        entry["xp_awarded"] = question.xp_awarded;
        entry["last_answer"] = question.last_answer;
        entry["in_review"] = question.in_review;
        entry["card"] = card_to_json(question.card);
    }
    ordered_json& labs = doc["lab_results"] = ordered_json::object();
    for (const auto& [id, text] : progress.lab_results) {
        // Keys sorted (as parsing gives them back), so a saved file re-saves byte for byte.
        const json report = json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (!report.is_discarded() && report.is_object()) labs[id] = ordered_json(report);
    }
    ordered_json& exercises = doc["exercises"] = ordered_json::object();
    for (const auto& [id, exercise] : progress.exercises) {
        ordered_json& entry = exercises[id];
        entry["passed"] = exercise.passed;
        entry["xp_awarded"] = exercise.xp_awarded;
        entry["runs"] = exercise.runs;
        entry["failed_runs"] = exercise.failed_runs;
        entry["hints_shown"] = exercise.hints_shown;
        entry["solution_shown"] = exercise.solution_shown;
        entry["passed_on_run"] = exercise.passed_on_run;
        entry["race_seen"] = exercise.race_seen;
        ordered_json& code = entry["code"] = ordered_json::object();
        for (const auto& [language, text] : exercise.code) code[language] = text;
    }
    write_motivation(progress, doc);
    // `replace` turns invalid UTF-8 (say, in a pasted answer) into U+FFFD instead of throwing.
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ---- Reading -------------------------------------------------------------------------------------
namespace {

using progress_json::FieldReader;

ReviewCard read_card(FieldReader& in, const json& j, const std::string& path) {
    ReviewCard card;
    in.number(j, "ease", path + "/ease", kMinEase, 1000.0, card.ease);
    in.integer(j, "repetitions", path + "/repetitions", 0, card.repetitions);
    in.integer(j, "interval_days", path + "/interval_days", 0, card.interval_days);
    in.day(j, "due_day", path + "/due_day", 0, card.due_day);
    in.day(j, "last_day", path + "/last_day", -1, card.last_day);
    in.integer(j, "lapses", path + "/lapses", 0, card.lapses);
    return card;
}

// settings/theme, or for files saved before themes existed, the boolean settings/high_contrast
// (true meant the high-contrast look, which the projector theme now is). Adding the theme needed no
// new format version: older releases ignore the key, as within a version unknown keys are.
void read_theme(FieldReader& in, const json& settings, Settings& out) {
    if (settings.contains("theme")) {
        std::string name;
        in.string(settings, "theme", "settings/theme", name);
        out.theme = is_known_theme(name) ? name : "dark";
        return;
    }
    bool high_contrast = false;
    in.boolean(settings, "high_contrast", "settings/high_contrast", high_contrast);
    out.theme = high_contrast ? "projector" : "dark";
}

void read_document(FieldReader& in, const json& doc, Progress& out) {
    in.string(doc, "last_place", "last_place", out.last_place);

    if (const json* settings = in.object(doc, "settings", "settings")) {
        double scale = out.settings.ui_scale;
        in.number(*settings, "ui_scale", "settings/ui_scale", kMinUiScale, kMaxUiScale, scale);
        out.settings.ui_scale = static_cast<float>(scale);
        read_theme(in, *settings, out.settings);
        in.boolean(*settings, "reduce_motion", "settings/reduce_motion", out.settings.reduce_motion);
    }

    if (const json* tracks = in.object(doc, "track_xp", "track_xp")) {
        for (const auto& [id, value] : tracks->items()) {
            std::int64_t xp = 0;
            in.integer_value(value, "track_xp/" + id, 0, std::numeric_limits<int>::max(), xp);
            out.track_xp[id] = static_cast<int>(xp);
        }
    }

    if (const json* lessons = in.object(doc, "lessons", "lessons")) {
        for (const auto& [id, value] : lessons->items()) {
            const std::string path = "lessons/" + id;
            if (!value.is_object()) return in.fail(path, "must be an object");
            LessonProgress& lesson = out.lessons[id];
            in.boolean(value, "read_to_end", path + "/read_to_end", lesson.read_to_end);
            in.boolean(value, "completed", path + "/completed", lesson.completed);
            in.integer(value, "xp_awarded", path + "/xp_awarded", 0, lesson.xp_awarded);
            in.day(value, "completed_day", path + "/completed_day", -1, lesson.completed_day);
        }
    }

    if (const json* questions = in.object(doc, "questions", "questions")) {
        for (const auto& [key, value] : questions->items()) {
            const std::string path = "questions/" + key;
            if (!value.is_object()) return in.fail(path, "must be an object");
            QuestionProgress& question = out.questions[key];
            in.integer(value, "attempts", path + "/attempts", 0, question.attempts);
            in.integer(value, "wrong_attempts", path + "/wrong_attempts", 0, question.wrong_attempts);
            in.boolean(value, "correct", path + "/correct", question.correct);
            in.boolean(value, "used_hint", path + "/used_hint", question.used_hint);
            in.integer(value, "xp_awarded", path + "/xp_awarded", 0, question.xp_awarded);
            in.string(value, "last_answer", path + "/last_answer", question.last_answer);
            in.boolean(value, "in_review", path + "/in_review", question.in_review);
            if (const json* card = in.object(value, "card", path + "/card")) question.card = read_card(in, *card, path + "/card");
        }
    }

    if (const json* labs = in.object(doc, "lab_results", "lab_results")) {
        for (const auto& [id, value] : labs->items()) {
            if (!value.is_object()) return in.fail("lab_results/" + id, "must be an object (a lab report)");
            out.lab_results[id] = value.dump(-1, ' ', false, json::error_handler_t::replace);
        }
    }

    if (const json* exercises = in.object(doc, "exercises", "exercises")) {
        for (const auto& [id, value] : exercises->items()) {
            const std::string path = "exercises/" + id;
            if (!value.is_object()) return in.fail(path, "must be an object");
            ExerciseProgress& exercise = out.exercises[id];
            in.boolean(value, "passed", path + "/passed", exercise.passed);
            in.integer(value, "xp_awarded", path + "/xp_awarded", 0, exercise.xp_awarded);
            in.integer(value, "runs", path + "/runs", 0, exercise.runs);
            in.integer(value, "failed_runs", path + "/failed_runs", 0, exercise.failed_runs);
            in.integer(value, "hints_shown", path + "/hints_shown", 0, exercise.hints_shown);
            in.boolean(value, "solution_shown", path + "/solution_shown", exercise.solution_shown);
            in.integer(value, "passed_on_run", path + "/passed_on_run", 0, exercise.passed_on_run);
            in.boolean(value, "race_seen", path + "/race_seen", exercise.race_seen);
            if (const json* code = in.object(value, "code", path + "/code")) {
                for (const auto& [language, text] : code->items()) {
                    std::string& kept = exercise.code[language];
                    in.string(*code, language.c_str(), path + "/code/" + language, kept);
                    if (kept.size() > kMaxExerciseCodeBytes)
                        return in.fail(path + "/code/" + language, "is " + std::to_string(kept.size()) +
                                                                       " bytes, over the limit of " +
                                                                       std::to_string(kMaxExerciseCodeBytes));
                }
            }
        }
    }
}

}  // namespace

std::string migrate(nlohmann::json& document, int from_version) {
    if (from_version < 1) return "version " + std::to_string(from_version) + " was never a progress format version";
    // Each step takes the document from version v to v + 1; add a case per new version, e.g.
    //   case 1: rename a field, fill a new one from old ones, then fall through to case 2.
    for (int version = from_version; version < Progress::kVersion; ++version) {
        switch (version) {
            case 1:  // 1 -> 2: kernel exercises; a version-1 learner has done none
                if (document.is_object() && !document.contains("exercises")) document["exercises"] = nlohmann::json::object();
                break;
            case 2:  // 2 -> 3: the habit, achievements, presented lessons and the hardware record start empty;
                     // the app then awards what the progress already earned (see achievements.h)
                if (document.is_object())
                    for (const char* key : {"habit", "achievements", "hardware_record"})
                        if (!document.contains(key))
                            document[key] =
                                std::string(key) == "hardware_record" ? nlohmann::json::array() : nlohmann::json::object();
                break;
            default:
                return "no migration from progress format version " + std::to_string(version);
        }
    }
    if (document.is_object()) document["version"] = Progress::kVersion;
    return {};
}

ProgressParseResult parse_progress(std::string_view text) {
    ProgressParseResult result;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        result.error = "the file is empty";
        return result;
    }
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        result.error = describe_syntax_error(text);
        return result;
    }
    if (!doc.is_object()) {
        result.error = "the file holds JSON but not an object, so it is not a Compute Dojo progress file";
        return result;
    }
    const auto format = doc.find("format");
    if (format == doc.end()) {
        result.error = "the \"format\" marker is missing, so this is not a Compute Dojo progress file";
        return result;
    }
    if (!format->is_string() || format->get<std::string>() != kProgressFormat) {
        result.error = "format must be \"" + std::string(kProgressFormat) + "\", but it is " +
                       format->dump(-1, ' ', false, json::error_handler_t::replace);
        return result;
    }
    const auto version = doc.find("version");
    if (version == doc.end()) {
        result.error = "version is missing";
        return result;
    }
    if (!version->is_number_integer() || version->get<std::int64_t>() < 1 ||
        (version->is_number_unsigned() && version->get<std::uint64_t>() > std::numeric_limits<int>::max())) {
        result.error = "version must be a positive integer";
        return result;
    }
    const auto saved_version = version->get<std::int64_t>();
    if (saved_version > Progress::kVersion) {
        result.newer_version = true;
        result.error = "this progress file is format version " + std::to_string(saved_version) +
                       ", saved by a newer Compute Dojo; this one reads up to version " + std::to_string(Progress::kVersion);
        return result;
    }
    if (std::string problem = migrate(doc, static_cast<int>(saved_version)); !problem.empty()) {
        result.error = problem;
        return result;
    }

    FieldReader in;
    read_document(in, doc, result.progress);
    read_motivation(in, doc, result.progress);
    if (in.failed()) {
        result.error = in.error;
        result.progress = Progress{};
        return result;
    }
    result.ok = true;
    return result;
}

}  // namespace dojo

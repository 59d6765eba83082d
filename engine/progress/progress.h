// What the learner has done, as saved between sessions: lessons read and completed, answers,
// XP per track, review cards, settings and where they were; and its versioned JSON form.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "progress/habit.h"
#include "progress/review.h"

namespace dojo {

struct QuestionProgress {
    int attempts = 0;        // counted (complete) answers
    int wrong_attempts = 0;  // of those, the wrong ones
    bool correct = false;    // answered right at least once
    bool used_hint = false;  // the hint was shown at some point
    int xp_awarded = 0;
    std::string last_answer;  // answer_to_text() of the last counted answer
    bool in_review = false;   // answered right, so it comes back on card.due_day
    ReviewCard card;
};

struct LessonProgress {
    bool read_to_end = false;
    bool completed = false;
    int xp_awarded = 0;
    std::int64_t completed_day = -1;  // day number; -1 not completed
};

// A kernel exercise: its runs, what was shown, and the learner's code in each language they wrote
// it in ("glsl", "cuda", "wgsl"), kept so they can leave and come back.
struct ExerciseProgress {
    bool passed = false;
    int xp_awarded = 0;
    int runs = 0;         // checks run to a verdict
    int failed_runs = 0;  // of those, the ones that did not pass
    int hints_shown = 0;
    bool solution_shown = false;
    int passed_on_run = 0;   // the run (1, 2, ...) that first passed; 0 not passed, or passed before this was kept
    bool race_seen = false;  // a traced run of the learner's kernel showed a race
    std::map<std::string, std::string> code;  // by language name; absent: the starter code
};

// The learner's own hardware record: the best result of one lab on one machine, and when.
struct HardwareRecord {
    std::string machine;   // machine_label() of the report
    std::string lab;       // lab id
    std::string backend;   // "cpu", "cuda", "vulkan", "webgpu"
    double value = 0;      // the lab's headline number (higher is better), in `unit`
    std::string unit;      // "GFLOP/s", "GB/s", "GB"
    double naive_cpu = 0;  // matmul on the CPU: the naive kernel's best GFLOP/s
    std::string headline;  // lab_headline() of that run
    std::int64_t day = 0;  // local day number of the run
};

// Code longer than this is not the learner's exercise (a paste gone wrong): the editor and the file
// keep at most this many bytes per language.
inline constexpr std::size_t kMaxExerciseCodeBytes = 64 * 1024;

struct Settings {
    float ui_scale = 1.0f;  // saved files are checked to hold kMinUiScale..kMaxUiScale
    // "dark", "light" or "projector". Saved as settings/theme. Files from before themes had a
    // boolean settings/high_contrast instead: true reads as "projector" (see parse_progress). A name
    // this version does not know (a later release's theme) reads as "dark" rather than failing.
    std::string theme = "dark";
    bool reduce_motion = false;
};

// The theme names a Settings::theme may hold.
bool is_known_theme(std::string_view name);

inline constexpr float kMinUiScale = 0.25f;
inline constexpr float kMaxUiScale = 4.0f;

struct Progress {
    // Version 2 added "exercises". A version-1 file reads as one with no exercises done; a
    // version-1 release refuses a version-2 file (newer_version) instead of dropping the code in it.
    // Version 3 added "habit", "achievements", "presented" and "hardware_record" (progress_habit_json.cpp).
    static constexpr int kVersion = 3;
    std::map<std::string, LessonProgress> lessons;      // by lesson id
    std::map<std::string, QuestionProgress> questions;  // by "<lesson id>/<question id>"
    std::map<std::string, int> track_xp;                // XP earned per track id
    Settings settings;
    std::string last_place;  // a route such as "#/lesson/cpu-vs-gpu"
    // The learner's latest run of each lab on this machine, by lab id ("matmul", "transfer", ...):
    // the report's JSON text (format "compute-dojo-results", see labs/lab_report.h), kept compact.
    // Saved as the object "lab_results": {"<lab id>": {...report...}}.
    std::map<std::string, std::string> lab_results;
    std::map<std::string, ExerciseProgress> exercises;  // by exercise id
    Habit habit;                                        // daily goal, XP per day, streak (habit.h)
    std::map<std::string, std::int64_t> achievements;   // earned: id -> local day number
    std::set<std::string> presented;                    // lesson ids presented to the end
    std::vector<HardwareRecord> hardware_record;        // one per machine, lab and backend
    std::map<std::string, std::int64_t> lab_xp_days;    // lab id -> the last day a run of it earned XP
    int total_xp() const;                               // sum of track_xp (saturates rather than overflows)
};

inline constexpr std::string_view kProgressFormat = "compute-dojo-progress";

std::string question_key(const std::string& lesson, const std::string& question);

// {"format":"compute-dojo-progress","version":1,...}, pretty-printed with a fixed key order so an
// unchanged Progress always gives the same bytes. Never throws.
std::string progress_to_json(const Progress& progress);

struct ProgressParseResult {
    bool ok = false;
    Progress progress;
    std::string error;           // what and where, e.g. "line 3, column 5: ..." or "lessons/x/xp_awarded must be ..."
    bool newer_version = false;  // saved by a newer Compute Dojo: keep the file, do not overwrite it blindly
};

// Never throws. Unknown keys are ignored (a later release may add some within a version); a
// missing field takes its default; a present field of the wrong type or out of range is an error.
ProgressParseResult parse_progress(std::string_view text);

// The version-3 parts of the document (progress_habit_json.cpp): written after the others, read
// with the same checks.
namespace progress_json {
class FieldReader;
}
void write_motivation(const Progress& progress, nlohmann::ordered_json& doc);
void read_motivation(progress_json::FieldReader& in, const nlohmann::json& doc, Progress& out);

// Brings a parsed document saved as `from_version` up to Progress::kVersion, one version step at a
// time. Returns an error message, empty on success. Version 1 is the first, so this is a no-op today.
std::string migrate(nlohmann::json& document, int from_version);

}  // namespace dojo

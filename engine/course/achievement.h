// An achievement as lessons/achievements.toml declares it: data, not code. Each names one condition
// kind from the list below, a threshold and, for some kinds, what it is about (a track, a lab, an
// exercise or "any"); engine/progress/achievements.cpp checks the learner's progress against it.
#pragma once

#include <string>
#include <string_view>

namespace dojo {

enum class AchievementKind {
    LessonsCompleted,     // at_least lessons complete
    AllLessons,           // every lesson of the course complete
    TrackCompleted,       // of: a track id, or "any" (at least one track finished)
    QuestionsFirstTry,    // at_least questions right at the first try, without a hint
    QuestionsMastered,    // at_least questions reviewed right until mastered (3 in a row)
    TotalXp,              // at_least XP
    StreakDays,           // a streak of at_least days
    GoalDays,             // the daily goal met on at_least days
    LabRun,               // of: a lab id or "any": a run of it finished on this machine
    LabOnGpu,             // of: a lab id or "any": a run of it finished on a GPU (not the CPU backend)
    GpuSpeedup,           // the matmul lab: a GPU kernel at_least times faster than the naive CPU loop
    VramWallRecovered,    // the vram lab hit the wall and proved the memory came back
    PrecisionAllFormats,  // the precision lab measured FP32, TF32, FP16 and BF16
    Machines,             // labs run on at_least machines (the hardware record)
    ExercisesPassed,      // at_least kernel exercises passed, or of: one exercise id
    ExerciseFirstRun,     // a kernel exercise passed on its first run
    RaceFixed,            // an exercise whose run showed a race, later passed
    Presented,            // at_least lessons presented (presenter mode, to the end)
};

// What `of` may name for a kind.
enum class AchievementTarget { None, Track, Lab, Exercise };

struct AchievementKindInfo {
    AchievementKind kind;
    std::string_view name;  // as written in `when`
    AchievementTarget target;
};
// Every kind, in the order above; the author's guide lists the same.
const AchievementKindInfo* achievement_kinds(std::size_t& count);
const AchievementKindInfo* find_achievement_kind(std::string_view name);

struct Achievement {
    std::string id, title, text, icon;  // icon: a Font Awesome 4.7 name, as tracks use
    AchievementKind kind = AchievementKind::LessonsCompleted;
    int at_least = 1;
    std::string of = "any";  // a track, lab or exercise id, or "any"
};

}  // namespace dojo

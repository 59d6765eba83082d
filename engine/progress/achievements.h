// Achievements: each one (course/achievement.h, declared in lessons/achievements.toml) checked against
// the learner's progress. Pure functions; the app awards and celebrates, the profile shows how far.
//
// Awarding is idempotent and works on any progress, old or new: a file saved before achievements
// existed gets every one its progress already earns the first time it is loaded (dated that day).
#pragma once

#include <cstdint>
#include <vector>

#include "course/course.h"
#include "progress/progress.h"

namespace dojo {

// How far the learner is towards one achievement: `have` of `need` (need >= 1; a yes-or-no condition
// is 0 or 1 of 1).
struct AchievementProgress {
    double have = 0, need = 1;
    bool met() const { return have >= need; }
};
AchievementProgress achievement_progress(const Course& course, const Progress& progress, const Achievement& a,
                                         std::int64_t today);

// Adds every achievement now met and not yet earned to progress.achievements, dated `today`; returns
// them in course order (empty when nothing new).
std::vector<const Achievement*> award_achievements(const Course& course, Progress& progress, std::int64_t today);

}  // namespace dojo

// Importing a progress file replaces the learner's progress with the file's, except what records
// days and firsts: the habit's days, achievements, lessons presented, the hardware record and the
// days labs earned XP are joined with the learner's own, so an import never loses a streak day or
// an achievement (the same learner on two machines, or a backup restored after new study).
#pragma once

#include "progress/progress.h"

namespace dojo {

// `imported` keeps its own lessons, answers, XP, settings and code, and gains `mine`'s days and firsts:
// merge_habits() for the habit, the earlier date of each achievement, every lesson presented, the
// better record of each machine, lab and backend, and the later XP day of each lab.
void keep_days_and_firsts(const Progress& mine, Progress& imported);

}  // namespace dojo

// Joining two records of one learner's days and firsts on import (progress_merge.h).
#include "progress/progress_merge.h"

#include <algorithm>

#include "progress/habit.h"

namespace dojo {

void keep_days_and_firsts(const Progress& mine, Progress& imported) {
    imported.habit = merge_habits(mine.habit, imported.habit);
    for (const auto& [id, day] : mine.achievements) {
        const auto [it, added] = imported.achievements.try_emplace(id, day);
        if (!added) it->second = std::min(it->second, day);
    }
    imported.presented.insert(mine.presented.begin(), mine.presented.end());
    for (const HardwareRecord& r : mine.hardware_record) {
        auto same = std::find_if(imported.hardware_record.begin(), imported.hardware_record.end(), [&](const HardwareRecord& o) {
            return o.machine == r.machine && o.lab == r.lab && o.backend == r.backend;
        });
        if (same == imported.hardware_record.end()) {
            imported.hardware_record.push_back(r);
            continue;
        }
        const double naive = std::max(same->naive_cpu, r.naive_cpu);
        if (r.value > same->value) *same = r;
        same->naive_cpu = naive;
    }
    for (const auto& [lab, day] : mine.lab_xp_days) {
        std::int64_t& d = imported.lab_xp_days[lab];
        d = std::max(d, day);
    }
}

}  // namespace dojo

// The daily habit's rules (described in habit.h).
#include "progress/habit.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>

namespace dojo {

namespace {

// Judges one day that is over: the one step settle() and merge_habits() both take.
void judge(Habit& h, std::int64_t day, bool met, SettleReport& report) {
    if (met) {
        h.met_days.insert(day);
        ++h.streak;
        if (++h.met_since_freeze >= kDaysPerFreeze) {
            h.met_since_freeze = 0;
            if (h.freezes < kMaxFreezes) {
                ++h.freezes;
                ++report.freezes_earned;
            }
        }
    } else if (h.streak > 0 && h.freezes > 0) {
        --h.freezes;
        h.frozen_days.insert(day);
        report.frozen.push_back(day);
        ++h.streak;
    } else {
        if (h.streak > 0) {
            report.streak_ended = true;
            report.ended_streak = h.streak;
        }
        h.streak = 0;
        h.met_since_freeze = 0;
    }
    h.longest_streak = std::max(h.longest_streak, h.streak);
    h.settled_through = day;
}

}  // namespace

SettleReport settle(Habit& h, std::int64_t today) {
    SettleReport report;
    if (h.latest_day_seen >= 0 && today < h.latest_day_seen) {
        report.clock_went_back = true;
        h.clock_back_day = today;
        return report;  // nothing is judged until the clock is past the days already seen
    }
    h.latest_day_seen = std::max(h.latest_day_seen, today);
    if (h.settled_through < 0) {  // a first run: nothing before the first day with study is judged
        const auto first = h.xp_by_day.begin();
        if (first == h.xp_by_day.end() || first->first >= today) return report;
        h.settled_through = first->first - 1;
    }
    // A long absence: days with no study after a broken streak change nothing but the date, so skip
    // to the last few rather than looping over years.
    for (std::int64_t day = h.settled_through + 1; day < today; ++day) {
        if (h.streak == 0 && h.freezes == 0 && h.xp_by_day.lower_bound(day) == h.xp_by_day.lower_bound(today)) {
            h.settled_through = today - 1;
            h.met_since_freeze = 0;
            break;
        }
        judge(h, day, goal_met(h, day), report);
    }
    return report;
}

SettleReport record_study(Habit& h, int xp, std::int64_t today) {
    SettleReport report = settle(h, today);
    if (xp > 0) {
        int& bucket = h.xp_by_day[today];
        bucket = static_cast<int>(std::min<std::int64_t>(std::int64_t{bucket} + xp, std::numeric_limits<int>::max()));
    }
    return report;
}

int xp_on(const Habit& h, std::int64_t day) {
    const auto it = h.xp_by_day.find(day);
    return it == h.xp_by_day.end() ? 0 : it->second;
}

bool goal_met(const Habit& h, std::int64_t day) {
    return h.daily_goal > 0 && xp_on(h, day) >= h.daily_goal;
}

namespace {

// The streak shown today, of a habit already settled up to today.
int streak_today(const Habit& h, std::int64_t today) {
    if (h.settled_through >= today) return h.streak;  // the clock went back: the settled streak stands
    const int settled_streak = h.settled_through == today - 1 ? h.streak : 0;
    return settled_streak + (goal_met(h, today) ? 1 : 0);
}

}  // namespace

int current_streak(const Habit& habit, std::int64_t today) {
    return streak_today(settled(habit, today), today);
}

int longest_streak(const Habit& habit, std::int64_t today) {
    const Habit h = settled(habit, today);  // one copy, judged once, for both numbers
    return std::max(h.longest_streak, streak_today(h, today));
}

int goal_days(const Habit& habit, std::int64_t today) {
    const Habit h = settled(habit, today);
    return static_cast<int>(h.met_days.size()) + (h.settled_through < today && goal_met(h, today) ? 1 : 0);
}

Habit settled(const Habit& habit, std::int64_t today) {
    Habit copy = habit;
    (void)settle(copy, today);
    return copy;
}

float goal_fraction(const Habit& h, std::int64_t today) {
    if (h.daily_goal <= 0) return 0.0f;
    return std::min(1.0f, static_cast<float>(xp_on(h, today)) / static_cast<float>(h.daily_goal));
}

Habit merge_habits(const Habit& mine, const Habit& theirs) {
    Habit out;
    const Habit& later = theirs.latest_day_seen > mine.latest_day_seen ? theirs : mine;
    out.daily_goal = later.daily_goal;
    out.latest_day_seen = std::max(mine.latest_day_seen, theirs.latest_day_seen);
    out.clock_back_day = std::max(mine.clock_back_day, theirs.clock_back_day);
    out.xp_by_day = mine.xp_by_day;
    for (const auto& [day, xp] : theirs.xp_by_day) out.xp_by_day[day] = std::max(xp, xp_on(mine, day));
    std::set<std::int64_t> met = mine.met_days;
    met.insert(theirs.met_days.begin(), theirs.met_days.end());
    // A day either file had not judged yet but whose joined XP meets the goal is met too.
    const std::int64_t last = std::max(mine.settled_through, theirs.settled_through);
    for (const auto& [day, xp] : out.xp_by_day)
        if (day <= last && out.daily_goal > 0 && xp >= out.daily_goal) met.insert(day);
    // Judge the joined history again, day by day, from the first day either judged.
    std::int64_t first = last + 1;
    if (!met.empty()) first = std::min(first, *met.begin());
    for (const Habit* h : {&mine, &theirs})
        if (!h->frozen_days.empty()) first = std::min(first, *h->frozen_days.begin());
    SettleReport ignored;
    for (std::int64_t day = first; day <= last; ++day) {
        if (out.streak == 0 && out.freezes == 0) {  // jump over a gap with nothing to judge
            const auto next = met.lower_bound(day);
            if (next == met.end()) {
                out.settled_through = last;
                break;
            }
            day = *next;
        }
        judge(out, day, met.count(day) > 0, ignored);
    }
    out.settled_through = std::max(out.settled_through, last);
    out.longest_streak = std::max({out.longest_streak, mine.longest_streak, theirs.longest_streak});
    return out;
}

std::string day_text(std::int64_t day) {
    using namespace std::chrono;
    const year_month_day date{sys_days{days{day}}};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

}  // namespace dojo

// The daily habit: a goal of XP a day the learner picks, the XP each local calendar day brought, and
// the streak of days on which the goal was met by real study (XP from quizzes, lessons, reviews,
// labs and exercises; opening the app earns none), with streak freezes that cover a missed day.
//
// The rules, so nothing can be gamed by moving the clock:
// - XP is counted on the local calendar day the clock says (today_day_number()).
// - Days are judged ("settled") once, in order, only after they are over: settle(today) judges every
//   day from the one after settled_through up to yesterday, and never judges a day again. A day whose
//   goal was met extends the streak; every 7 days met in a row earn a freeze (at most 2 held); a missed
//   day is covered by a freeze when one is held (the streak goes on, the day marked as frozen), and
//   otherwise ends the streak. With the goal off no day is met, so a streak runs on its freezes and
//   then ends.
// - A clock moved back (today earlier than a day already seen) judges nothing: settled days stay as
//   they were, XP earned "back then" goes into that day's count but cannot change its verdict, and the
//   habit notes the jump. When the clock comes forward again, settling resumes where it stopped.
// - The current streak shown is the settled streak, plus today when today's goal is already met.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dojo {

inline constexpr int kMaxFreezes = 2;
inline constexpr int kDaysPerFreeze = 7;
// The goals the learner can pick (XP a day); 0 is off.
inline constexpr int kGoalChoices[] = {0, 10, 20, 40};

struct Habit {
    int daily_goal = 20;                    // XP a day; 0: off
    std::map<std::int64_t, int> xp_by_day;  // local day number -> XP from study that day
    std::set<std::int64_t> met_days;        // settled days whose goal was met (with the goal of the time)
    std::int64_t settled_through = -1;      // every day up to this one has been judged; -1 none yet
    int streak = 0;                         // settled: consecutive days met or frozen, ending settled_through
    int longest_streak = 0;                 // the longest streak ever reached
    int freezes = 0;                        // held, 0..kMaxFreezes
    int met_since_freeze = 0;               // goal days in the current run since the last freeze was earned
    std::set<std::int64_t> frozen_days;     // days a freeze covered
    std::int64_t latest_day_seen = -1;      // the latest day the clock has said
    std::int64_t clock_back_day = -1;       // the last day the clock was seen to go back (-1 never)
};

// What settling found, for telling the learner.
struct SettleReport {
    std::vector<std::int64_t> frozen;  // days a freeze was spent on, just now
    int freezes_earned = 0;
    bool streak_ended = false;     // a missed day with no freeze left ended a streak
    int ended_streak = 0;          // its length
    bool clock_went_back = false;  // today is earlier than a day already seen
};

// Adds `xp` of study to `today`'s count (nothing for xp <= 0), settling first.
SettleReport record_study(Habit& habit, int xp, std::int64_t today);
// Judges the days that are over (see above). Safe to call every frame: a day is judged once.
SettleReport settle(Habit& habit, std::int64_t today);

int xp_on(const Habit& habit, std::int64_t day);
bool goal_met(const Habit& habit, std::int64_t day);  // false when the goal is off
// The streak as the learner sees it today: settled, plus today when its goal is met. Like the two
// below, it reads the habit as settle(today) would leave it, without changing it.
int current_streak(const Habit& habit, std::int64_t today);
int longest_streak(const Habit& habit, std::int64_t today);
int goal_days(const Habit& habit, std::int64_t today);  // days the goal was met, today included
// A copy of the habit with the days before today judged.
Habit settled(const Habit& habit, std::int64_t today);
// Of today's goal, 0..1 (1 when met; 0 when the goal is off).
float goal_fraction(const Habit& habit, std::int64_t today);

// Two records of the same learner (an imported file and this one): every day's XP is the larger of
// the two (the same study seen twice is not counted twice), a day met on either counts as met, the
// goal comes from whichever has seen the later day, and the streak, freezes and frozen days are worked
// out again by judging the joined days in order; the longest streak is never less than either had.
Habit merge_habits(const Habit& mine, const Habit& theirs);

// "2026-12-06" for a day number (days since 1970-01-01).
std::string day_text(std::int64_t day);

}  // namespace dojo

// The daily habit's rules (progress/habit.h): the goal met or not, freezes earned and spent, a clock
// moved back, a long absence, two files merged, local days across time zones and daylight saving,
// and the habit's part of the progress file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "common/clock.h"
#include "progress/habit.h"
#include "progress/learning.h"
#include "progress/progress.h"

namespace dojo {
namespace {

constexpr std::int64_t kDay = 20428;  // 2025-12-06

// Studies `xp` on each of `days` consecutive days from `first`, as the app does (settling first).
void study_days(Habit& h, std::int64_t first, int days, int xp) {
    for (int i = 0; i < days; ++i) (void)record_study(h, xp, first + i);
}

TEST(Habit, TheGoalMetExtendsTheStreakAndTodayCountsOnceMet) {
    Habit h;
    h.daily_goal = 20;
    (void)record_study(h, 15, kDay);
    EXPECT_EQ(current_streak(h, kDay), 0) << "15 of 20 XP: not yet";
    EXPECT_FLOAT_EQ(goal_fraction(h, kDay), 0.75f);
    (void)record_study(h, 5, kDay);
    EXPECT_EQ(current_streak(h, kDay), 1);
    EXPECT_FLOAT_EQ(goal_fraction(h, kDay), 1.0f);
    study_days(h, kDay + 1, 2, 20);
    EXPECT_EQ(current_streak(h, kDay + 2), 3);
    EXPECT_EQ(h.settled_through, kDay + 1) << "only days that are over are judged";
    EXPECT_EQ(h.met_days.size(), 2u);
}

TEST(Habit, OpeningTheAppIsNotStudy) {
    Habit h;
    (void)record_study(h, 0, kDay);
    (void)settle(h, kDay + 1);
    EXPECT_TRUE(h.xp_by_day.empty());
    EXPECT_EQ(current_streak(h, kDay + 1), 0);
}

TEST(Habit, AMissedDayWithoutAFreezeEndsTheStreak) {
    Habit h;
    study_days(h, kDay, 3, 20);
    EXPECT_EQ(current_streak(h, kDay + 5), 0) << "read without settling, the missed days already show";
    const SettleReport r = settle(h, kDay + 5);  // kDay + 3 and + 4 missed
    EXPECT_TRUE(r.streak_ended);
    EXPECT_EQ(r.ended_streak, 3);
    EXPECT_EQ(current_streak(h, kDay + 5), 0);
    EXPECT_EQ(longest_streak(h, kDay + 5), 3);
}

TEST(Habit, SevenGoalDaysEarnAFreezeThatCoversAMissedDay) {
    Habit h;
    study_days(h, kDay, 7, 25);
    SettleReport r = settle(h, kDay + 7);
    EXPECT_EQ(r.freezes_earned, 1);
    EXPECT_EQ(h.freezes, 1);
    // kDay + 7 missed; study again on kDay + 8, which judges kDay + 7.
    r = record_study(h, 25, kDay + 8);
    ASSERT_EQ(r.frozen.size(), 1u);
    EXPECT_EQ(r.frozen[0], kDay + 7);
    EXPECT_EQ(h.freezes, 0);
    EXPECT_FALSE(r.streak_ended);
    EXPECT_EQ(current_streak(h, kDay + 9), 9) << "7 met + 1 frozen + 1 met";
    EXPECT_TRUE(h.frozen_days.count(kDay + 7));
}

TEST(Habit, AtMostTwoFreezesAreHeld) {
    Habit h;
    study_days(h, kDay, 28, 20);
    (void)settle(h, kDay + 28);
    EXPECT_EQ(h.freezes, kMaxFreezes) << "four weeks earn four, but only two are kept";
    // Three missed days: two freezes, then the streak ends.
    const SettleReport r = settle(h, kDay + 31);
    EXPECT_EQ(r.frozen.size(), 2u);
    EXPECT_TRUE(r.streak_ended);
    EXPECT_EQ(r.ended_streak, 30);
    EXPECT_EQ(longest_streak(h, kDay + 31), 30);
}

TEST(Habit, TheGoalOffMeetsNoDay) {
    Habit h;
    h.daily_goal = 0;
    study_days(h, kDay, 3, 100);
    EXPECT_EQ(current_streak(h, kDay + 2), 0);
    EXPECT_FLOAT_EQ(goal_fraction(h, kDay + 2), 0.0f);
    EXPECT_EQ(h.xp_by_day[kDay], 100) << "the XP is still counted for the calendar";
}

TEST(Habit, AClockMovedBackNeitherBreaksNorExtendsTheStreak) {
    Habit h;
    study_days(h, kDay, 5, 20);  // a streak of 5 by kDay + 4
    (void)settle(h, kDay + 5);
    const int before = h.streak;
    // The clock jumps back three days: nothing is judged, the XP "back then" cannot change a verdict.
    SettleReport r = record_study(h, 50, kDay + 2);
    EXPECT_TRUE(r.clock_went_back);
    EXPECT_EQ(h.clock_back_day, kDay + 2);
    EXPECT_EQ(h.streak, before);
    EXPECT_EQ(h.settled_through, kDay + 4);
    // Days judged are never judged again: back at the right time, the streak is where it was.
    (void)record_study(h, 20, kDay + 5);
    r = settle(h, kDay + 6);
    EXPECT_FALSE(r.clock_went_back);
    EXPECT_EQ(current_streak(h, kDay + 6), before + 1);
    // Jumping forward and back again cannot earn a day twice.
    (void)settle(h, kDay + 3);
    EXPECT_EQ(h.met_days.size(), 6u);
}

TEST(Habit, ALongAbsenceSettlesWithoutJudgingEveryDay) {
    Habit h;
    study_days(h, kDay, 2, 20);
    const SettleReport r = settle(h, kDay + 3650);
    EXPECT_TRUE(r.streak_ended);
    EXPECT_EQ(h.settled_through, kDay + 3649);
    EXPECT_EQ(current_streak(h, kDay + 3650), 0);
}

TEST(Habit, MergingTwoFilesCountsTheSameStudyOnceAndJoinsTheDays) {
    Habit laptop, desktop;
    study_days(laptop, kDay, 3, 20);       // kDay .. +2
    study_days(desktop, kDay + 2, 3, 20);  // kDay + 2 .. +4 (the same study of kDay + 2 seen on both)
    (void)settle(laptop, kDay + 5);
    (void)settle(desktop, kDay + 5);
    EXPECT_EQ(laptop.streak, 0);  // on its own, the laptop saw the streak end
    const Habit merged = merge_habits(laptop, desktop);
    EXPECT_EQ(merged.xp_by_day.at(kDay + 2), 20) << "the larger of the two, not the sum";
    EXPECT_EQ(merged.met_days.size(), 5u);
    EXPECT_EQ(merged.settled_through, kDay + 4);
    EXPECT_EQ(current_streak(merged, kDay + 5), 5) << "together the days make one streak";
    EXPECT_EQ(merged.longest_streak, 5);
    // Merging is symmetric in what it keeps.
    EXPECT_EQ(merge_habits(desktop, laptop).met_days, merged.met_days);
}

TEST(Habit, DaysAreTheLocalCalendarsAcrossZonesAndDaylightSaving) {
    const char* old_tz = std::getenv("TZ");
    const std::string saved = old_tz ? old_tz : "";
    // New York, 2026-03-08: the clocks spring forward at 02:00, so that day has 23 hours.
    setenv("TZ", "America/New_York", 1);
    tzset();
    // 2026-03-08 00:30 EST = 05:30 UTC; 2026-03-08 23:30 EDT = 2026-03-09 03:30 UTC.
    set_wall_clock_for_tests(std::time_t{1772947800});
    const std::int64_t start = today_day_number();
    set_wall_clock_for_tests(std::time_t{1773027000});
    EXPECT_EQ(today_day_number(), start) << "23:30 on the short day is still the same day";
    set_wall_clock_for_tests(std::time_t{1773027000 + 3600});
    EXPECT_EQ(today_day_number(), start + 1) << "00:30 the next morning is the next day";
    EXPECT_EQ(day_text(start), "2026-03-08");
    // Tokyo has no daylight saving and is 13 hours ahead of New York's summer time: 23:30 there on the
    // 8th is already 12:30 on the 9th.
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    set_wall_clock_for_tests(std::time_t{1773027000});
    EXPECT_EQ(today_day_number(), start + 1);
    set_wall_clock_for_tests(std::nullopt);
    if (old_tz)
        setenv("TZ", saved.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

TEST(Habit, DayTextWritesTheCalendarDate) {
    EXPECT_EQ(day_text(0), "1970-01-01");
    EXPECT_EQ(day_text(kDay), "2025-12-06");
    EXPECT_EQ(day_text(11016), "2000-02-29");
}

TEST(Habit, AnswersAddTheirXpToTheDay) {
    Course course;
    Lesson lesson;
    lesson.id = "one";
    lesson.track = "t";
    Question q;
    q.id = "q";
    q.kind = QuestionKind::TrueFalse;
    q.truth = true;
    q.xp = 7;
    lesson.questions = {q};
    course.lessons = {lesson};
    Progress p;
    Answer a;
    a.truth = true;
    (void)record_answer(p, course, course.lessons[0], course.lessons[0].questions[0], a, false, kDay);
    EXPECT_EQ(p.habit.xp_by_day[kDay], 7);
}

TEST(Habit, TheHabitRoundTripsThroughTheProgressFile) {
    Progress p;
    p.habit.daily_goal = 40;
    study_days(p.habit, kDay, 8, 45);
    (void)settle(p.habit, kDay + 10);
    p.achievements["first-lesson"] = kDay;
    p.presented.insert("cpu-vs-gpu");
    p.lab_xp_days["matmul"] = kDay + 1;
    p.hardware_record.push_back({"box", "matmul", "cuda", 812.5, "GFLOP/s", 0, "Best on box: 812 GFLOP/s.", kDay});
    const std::string text = progress_to_json(p);
    const ProgressParseResult back = parse_progress(text);
    ASSERT_TRUE(back.ok) << back.error;
    EXPECT_EQ(progress_to_json(back.progress), text);
    EXPECT_EQ(back.progress.habit.daily_goal, 40);
    EXPECT_EQ(back.progress.habit.frozen_days, p.habit.frozen_days);
    EXPECT_EQ(back.progress.habit.streak, p.habit.streak);
    EXPECT_EQ(back.progress.hardware_record.at(0).value, 812.5);
    // Damage is named with its path.
    const ProgressParseResult bad =
        parse_progress(R"({"format":"compute-dojo-progress","version":3,"habit":{"xp_by_day":{"monday":5}}})");
    EXPECT_FALSE(bad.ok);
    EXPECT_NE(bad.error.find("habit/xp_by_day/monday"), std::string::npos) << bad.error;
    const ProgressParseResult too_many =
        parse_progress(R"({"format":"compute-dojo-progress","version":3,"habit":{"freezes":5}})");
    EXPECT_NE(too_many.error.find("habit/freezes"), std::string::npos) << too_many.error;
}

}  // namespace
}  // namespace dojo

// SM-2 scheduling: the 1, 6, then times-ease sequence, lapses, the ease floor and review quality.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "common/clock.h"
#include "labs/lab_report.h"
#include "progress/review.h"

namespace {

using dojo::review;
using dojo::ReviewCard;

TEST(ReviewQuality, MapsAnAppGradedAnswerToSm2Quality) {
    EXPECT_EQ(dojo::review_quality(true, 0, false), 5);
    EXPECT_EQ(dojo::review_quality(true, 0, true), 4);
    EXPECT_EQ(dojo::review_quality(true, 2, false), 3);
    EXPECT_EQ(dojo::review_quality(true, 1, true), 3);
    EXPECT_EQ(dojo::review_quality(false, 0, false), 1);
    EXPECT_EQ(dojo::review_quality(false, 3, true), 1);
}

TEST(Review, PerfectAnswersGiveOneThenSixThenIntervalTimesEase) {
    ReviewCard card;
    card = review(card, 5, 100);
    EXPECT_EQ(card.repetitions, 1);
    EXPECT_EQ(card.interval_days, 1);
    EXPECT_EQ(card.due_day, 101);
    EXPECT_EQ(card.last_day, 100);
    EXPECT_DOUBLE_EQ(card.ease, 2.6);

    card = review(card, 5, 101);
    EXPECT_EQ(card.repetitions, 2);
    EXPECT_EQ(card.interval_days, 6);
    EXPECT_EQ(card.due_day, 107);
    EXPECT_DOUBLE_EQ(card.ease, 2.7);

    // Third: round(6 * 2.7) = 16 with the ease before this review; the ease then grows to 2.8.
    card = review(card, 5, 107);
    EXPECT_EQ(card.repetitions, 3);
    EXPECT_EQ(card.interval_days, 16);
    EXPECT_EQ(card.due_day, 123);
    EXPECT_NEAR(card.ease, 2.8, 1e-12);

    card = review(card, 5, 123);
    EXPECT_EQ(card.interval_days, 45);  // round(16 * 2.8) = round(44.8)
    EXPECT_EQ(card.due_day, 168);
    EXPECT_EQ(card.lapses, 0);
}

TEST(Review, QualityFourKeepsTheEaseAndThreeLowersIt) {
    ReviewCard card;
    card = review(card, 4, 0);
    EXPECT_DOUBLE_EQ(card.ease, 2.5);  // 0.1 - 1 * (0.08 + 0.02) = 0
    card = review(card, 3, 1);
    EXPECT_NEAR(card.ease, 2.36, 1e-12);  // 0.1 - 2 * (0.08 + 0.04) = -0.14
    EXPECT_EQ(card.interval_days, 6);
    EXPECT_EQ(card.repetitions, 2);
}

TEST(Review, ALapseResetsRepetitionsToOneDayAndCountsIt) {
    ReviewCard card;
    card = review(card, 5, 0);
    card = review(card, 5, 1);
    card = review(card, 5, 7);
    ASSERT_EQ(card.repetitions, 3);
    const double ease_before = card.ease;

    card = review(card, 1, 30);
    EXPECT_EQ(card.repetitions, 0);
    EXPECT_EQ(card.interval_days, 1);
    EXPECT_EQ(card.due_day, 31);
    EXPECT_EQ(card.lapses, 1);
    EXPECT_NEAR(card.ease, ease_before - 0.54, 1e-12);

    // Relearning starts the ladder again: 1 day, then 6.
    card = review(card, 5, 31);
    EXPECT_EQ(card.interval_days, 1);
    EXPECT_EQ(card.repetitions, 1);
    card = review(card, 5, 32);
    EXPECT_EQ(card.interval_days, 6);
    EXPECT_EQ(card.lapses, 1);
}

TEST(Review, QualityTwoIsStillALapseAndThreeIsNot) {
    ReviewCard card;
    card = review(card, 5, 0);
    card = review(card, 5, 1);
    const ReviewCard lapsed = review(card, 2, 7);
    EXPECT_EQ(lapsed.repetitions, 0);
    EXPECT_EQ(lapsed.interval_days, 1);
    EXPECT_EQ(lapsed.lapses, 1);
    const ReviewCard passed = review(card, 3, 7);
    EXPECT_EQ(passed.repetitions, 3);
    EXPECT_EQ(passed.interval_days, 16);  // round(6 * 2.7)
    EXPECT_EQ(passed.lapses, 0);
}

TEST(Review, EaseNeverFallsBelowTheFloor) {
    ReviewCard card;
    for (int day = 0; day < 10; ++day) card = review(card, 0, day);
    EXPECT_DOUBLE_EQ(card.ease, dojo::kMinEase);
    EXPECT_EQ(card.lapses, 10);
    // From the floor, a right answer still schedules with ease 1.3: 1, 6, round(6 * 1.3) = 8.
    card = review(card, 3, 10);
    EXPECT_DOUBLE_EQ(card.ease, dojo::kMinEase);
    card = review(card, 3, 11);
    card = review(card, 3, 17);
    EXPECT_EQ(card.interval_days, 8);
}

TEST(Review, OutOfRangeQualityAndDamagedCardsAreTamed) {
    ReviewCard card;
    const ReviewCard high = review(card, 9, 0);
    EXPECT_DOUBLE_EQ(high.ease, 2.6);  // treated as 5
    const ReviewCard low = review(card, -4, 0);
    EXPECT_EQ(low.lapses, 1);  // treated as 0

    ReviewCard odd;
    odd.ease = 0.2;
    odd.repetitions = 5;
    odd.interval_days = 1'000'000;
    const ReviewCard next = review(odd, 5, 0);
    EXPECT_GE(next.ease, dojo::kMinEase);
    EXPECT_EQ(next.interval_days, dojo::kMaxIntervalDays);
}

TEST(TodayDayNumber, IsTheLocalCalendarDay) {
    const std::int64_t today = dojo::today_day_number();
    const std::int64_t utc_day = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
    // Local time is at most about a day away from UTC.
    EXPECT_LE(today, utc_day + 1);
    EXPECT_GE(today, utc_day - 1);
    EXPECT_GT(today, 19000);  // after 2022-01-08
}

}  // namespace

// The core reads the wall clock in one place, which a test can set: review days and report times follow it.
TEST(WallClock, TestsCanSetTheTimeTheCoreReads) {
    const std::time_t noon = 1796558400;  // 2026-12-06 12:00:00 UTC
    dojo::set_wall_clock_for_tests(noon);
    EXPECT_EQ(dojo::utc_timestamp(), "2026-12-06T12:00:00Z");
    EXPECT_NEAR(static_cast<double>(dojo::today_day_number()), static_cast<double>(noon / 86400), 1.0)
        << "the local calendar day is within a day of UTC's";
    dojo::set_wall_clock_for_tests(noon + 86400);
    EXPECT_EQ(dojo::utc_timestamp(), "2026-12-07T12:00:00Z");
    dojo::set_wall_clock_for_tests(std::nullopt);
    EXPECT_NE(dojo::utc_timestamp(), "2026-12-07T12:00:00Z") << "the system clock is back";
}

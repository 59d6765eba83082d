// Spaced repetition for quiz questions: when a question the learner got right should come back,
// scheduled with SM-2.
//
// Why SM-2 and not FSRS: our review items are quiz questions the app grades itself, so each
// review yields "right or wrong, after how many tries, with or without a hint", not a 4-grade
// self-rating. SM-2's 0..5 quality maps that cleanly, its schedule is transparent (1 day,
// 6 days, then times the ease), and it needs no per-learner parameter fitting, which is where
// FSRS's advantage comes from and which a handful of questions per lesson could not feed anyway.
#pragma once

#include <cstdint>

namespace dojo {

struct ReviewCard {
    double ease = 2.5;           // SM-2 E-factor, never below 1.3
    int repetitions = 0;         // correct reviews in a row; 0 after a lapse
    int interval_days = 0;       // the gap that led to due_day
    std::int64_t due_day = 0;    // day number when the question comes back
    std::int64_t last_day = -1;  // day number of the last review; -1 never
    int lapses = 0;              // times it was forgotten (quality < 3)
};

inline constexpr double kMinEase = 1.3;
inline constexpr int kMaxIntervalDays = 36500;  // a century: keeps day arithmetic far from overflow

// SM-2 quality (0..5) for an app-graded answer: 5 right first try without a hint, 4 right first
// try with a hint, 3 right after wrong tries, 1 wrong.
int review_quality(bool correct, int wrong_attempts, bool used_hint);

// One SM-2 step. quality < 3 is a lapse: repetitions back to 0, interval 1 day, lapses + 1.
// Otherwise the interval is 1 day, then 6, then round(previous interval * ease). The ease then
// moves by 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02), never below 1.3. quality is clamped to 0..5.
ReviewCard review(const ReviewCard& card, int quality, std::int64_t today);

// Today's local calendar day as days since 1970-01-01, so a review due "tomorrow" turns up after
// the learner's midnight, not UTC's.
std::int64_t today_day_number();

}  // namespace dojo

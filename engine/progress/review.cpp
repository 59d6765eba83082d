// SM-2 scheduling for quiz questions (see review.h for why SM-2).
#include "progress/review.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

#include "common/clock.h"

namespace dojo {

int review_quality(bool correct, int wrong_attempts, bool used_hint) {
    if (!correct) return 1;
    if (wrong_attempts > 0) return 3;
    return used_hint ? 4 : 5;
}

ReviewCard review(const ReviewCard& card, int quality, std::int64_t today) {
    const int q = std::clamp(quality, 0, 5);
    // A card read from a hand-edited or older file may hold odd values; schedule from sane ones.
    const double ease = std::isfinite(card.ease) ? std::max(card.ease, kMinEase) : 2.5;
    const int previous_interval = std::clamp(card.interval_days, 1, kMaxIntervalDays);

    ReviewCard next = card;
    if (q < 3) {
        next.repetitions = 0;
        next.interval_days = 1;
        next.lapses = card.lapses + 1;
    } else {
        const int done = std::max(card.repetitions, 0);
        if (done == 0) {
            next.interval_days = 1;
        } else if (done == 1) {
            next.interval_days = 6;
        } else {
            // The interval grows by the ease the card had before this review, as in SM-2.
            const double grown = std::round(previous_interval * ease);
            next.interval_days = static_cast<int>(std::clamp(grown, 1.0, static_cast<double>(kMaxIntervalDays)));
        }
        next.repetitions = done + 1;
    }
    const int miss = 5 - q;
    next.ease = std::max(kMinEase, ease + 0.1 - miss * (0.08 + miss * 0.02));
    next.last_day = today;
    next.due_day = today + next.interval_days;
    return next;
}

std::int64_t today_day_number() {
    const std::time_t now = wall_clock_now();
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) {
        // No local time zone to be had: UTC is a day off at worst, which a review schedule survives.
        return static_cast<std::int64_t>(now) / 86400;
    }
    using namespace std::chrono;
    const year_month_day date{year{local.tm_year + 1900}, month{static_cast<unsigned>(local.tm_mon + 1)},
                              day{static_cast<unsigned>(local.tm_mday)}};
    return sys_days{date}.time_since_epoch().count();
}

}  // namespace dojo

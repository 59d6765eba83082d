// The one wall clock the core reads (review days, report times, the names of set-aside files), so a
// test can set the time instead of waiting for it. Durations use std::chrono::steady_clock directly.
#pragma once

#include <ctime>
#include <optional>

namespace dojo {

// Seconds since 1970 (UTC): the system's, or the time a test set.
[[nodiscard]] std::time_t wall_clock_now();
// Fixes the clock at `t` for tests; std::nullopt gives the system clock back.
void set_wall_clock_for_tests(std::optional<std::time_t> t);

}  // namespace dojo

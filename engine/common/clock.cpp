// The one wall clock the core reads (see clock.h).
#include "common/clock.h"

#include <atomic>

namespace dojo {

namespace {
std::atomic<bool> g_fixed{false};
std::atomic<std::time_t> g_fixed_at{0};
}  // namespace

std::time_t wall_clock_now() {
    return g_fixed.load() ? g_fixed_at.load() : std::time(nullptr);
}

void set_wall_clock_for_tests(std::optional<std::time_t> t) {
    g_fixed_at = t.value_or(0);
    g_fixed = t.has_value();
}

}  // namespace dojo

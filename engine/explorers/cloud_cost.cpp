// Cloud against on-premise cost arithmetic (the model is described in cloud_cost.h).
#include "explorers/cloud_cost.h"

#include <cmath>

namespace dojo {

namespace {

bool bad(double v) {
    return !std::isfinite(v) || v < 0;
}

}  // namespace

CloudResult compare_cloud_and_owned(const CloudInputs& in) {
    CloudResult r;
    if (bad(in.price_per_hour))
        r.error = "The cloud price per hour cannot be negative.";
    else if (in.gpus < 1)
        r.error = "The server needs at least one GPU.";
    else if (bad(in.purchase))
        r.error = "The purchase price cannot be negative.";
    else if (bad(in.power_w))
        r.error = "The power draw cannot be negative.";
    else if (!std::isfinite(in.pue) || in.pue < 1)
        r.error = "PUE is at least 1: a building never draws less than its computers.";
    else if (bad(in.electricity))
        r.error = "The electricity price cannot be negative.";
    else if (bad(in.fixed_per_year))
        r.error = "The fixed yearly costs cannot be negative.";
    else if (!std::isfinite(in.life_years) || in.life_years <= 0)
        r.error = "The useful life must be longer than zero years.";
    else if (!std::isfinite(in.utilization) || in.utilization < 0 || in.utilization > 100)
        r.error = "Utilization is a percentage of the hours, from 0 to 100.";
    else if (in.horizon_months < 1 || in.horizon_months > kMaxHorizonMonths)
        r.error = "Compare over 1 to " + std::to_string(kMaxHorizonMonths) + " months.";
    if (!r.error.empty()) return r;

    const double busy_fraction = in.utilization / 100.0;
    r.busy_hours_per_month = busy_fraction * kHoursPerMonth;
    const double cloud_per_busy_hour = in.price_per_hour * in.gpus;
    r.power_per_busy_hour = in.power_w / 1000.0 * in.pue * in.electricity;
    r.cloud_per_month = cloud_per_busy_hour * r.busy_hours_per_month;
    r.owned_running_per_month = r.power_per_busy_hour * r.busy_hours_per_month + in.fixed_per_year / 12.0;

    const double life_months = in.life_years * 12.0;
    const double saving_per_month = r.cloud_per_month - r.owned_running_per_month;
    if (saving_per_month > 0) {
        const double months = in.purchase / saving_per_month;
        if (months <= life_months * (1 + 1e-9)) r.break_even_months = months;  // (rounding at exactly the life)
    }

    const double fixed_per_year = in.purchase / in.life_years + in.fixed_per_year;
    if (cloud_per_busy_hour > r.power_per_busy_hour)
        r.break_even_utilization = 100.0 * fixed_per_year / (cloud_per_busy_hour - r.power_per_busy_hour) / 8760.0;
    const double busy_hours_per_year = busy_fraction * 8760.0;
    if (busy_hours_per_year > 0)
        r.owned_per_busy_gpu_hour =
            (fixed_per_year + r.power_per_busy_hour * busy_hours_per_year) / busy_hours_per_year / in.gpus;

    r.cloud_cumulative.reserve(static_cast<std::size_t>(in.horizon_months) + 1);
    r.owned_cumulative.reserve(static_cast<std::size_t>(in.horizon_months) + 1);
    for (int m = 0; m <= in.horizon_months; ++m) {
        // One purchase at month 0 and one more at the start of each later life.
        const double purchases = 1.0 + std::floor((m > 0 ? m - 1e-9 : 0) / life_months);
        r.cloud_cumulative.push_back(r.cloud_per_month * m);
        r.owned_cumulative.push_back(in.purchase * purchases + r.owned_running_per_month * m);
    }
    r.ok = true;
    return r;
}

}  // namespace dojo

// Cloud or on-premise: the cost of renting GPUs by the hour against buying them, month by month,
// and the break-even, in months and as a utilization, following lesson 19 (cloud-vs-on-premise).
//
// The model:
// - Busy hours per month = utilization x 730 (8,760 hours a year / 12).
// - Cloud: price per GPU-hour x GPUs x busy hours; nothing when idle.
// - Owned: the purchase up front (bought again at the end of each useful life), then every month
//   power x PUE x electricity price for the busy hours (an idle server is assumed to draw nothing,
//   as in the lesson) plus the fixed yearly costs (staff, space, support) / 12.
// - Break-even in months: purchase / (cloud per month - owned running cost per month), when the
//   cloud costs more per month than running the owned machine; counted as "never" when it does
//   not, or when it takes longer than the hardware's useful life.
// - Break-even utilization (the lesson's formula): the busy hours per year at which
//   cloud x hours = purchase / life + fixed + power x hours. At that utilization the break-even in
//   months is exactly the useful life, so the two answers agree.
// Resale value, financing and price changes are left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dojo {

struct CloudInputs {
    double price_per_hour = 3.0;    // cloud price per GPU-hour, dollars
    int gpus = 8;                   // GPUs in the server (the cloud rents as many)
    double purchase = 240000;       // the server, installed, dollars
    double power_w = 10000;         // the whole server's draw when busy, watts
    double pue = 1.5;               // facility power / computer power (cooling, conversion), >= 1
    double electricity = 0.10;      // dollars per kWh
    double fixed_per_year = 20000;  // staff, rack space, support contract, dollars per year
    double life_years = 3;          // useful life before the hardware is replaced
    double utilization = 50;        // percent of all hours the GPUs are busy
    int horizon_months = 36;        // how far the comparison runs
};

inline constexpr double kHoursPerMonth = 8760.0 / 12.0;
inline constexpr int kMaxHorizonMonths = 240;

struct CloudResult {
    bool ok = false;
    std::string error;
    double busy_hours_per_month = 0;
    double cloud_per_month = 0;                              // dollars
    double owned_running_per_month = 0;                      // power and fixed costs, dollars
    double power_per_busy_hour = 0;                          // dollars
    std::optional<double> break_even_months;                 // nullopt: never within the useful life
    std::optional<double> break_even_utilization;            // percent; nullopt: the cloud is never dearer per busy hour
    std::optional<double> owned_per_busy_gpu_hour;           // dollars, depreciation included; nullopt at 0 % busy
    std::vector<double> cloud_cumulative, owned_cumulative;  // dollars at months 0..horizon
    double cloud_at_horizon() const { return cloud_cumulative.empty() ? 0 : cloud_cumulative.back(); }
    double owned_at_horizon() const { return owned_cumulative.empty() ? 0 : owned_cumulative.back(); }
};

CloudResult compare_cloud_and_owned(const CloudInputs& in);

}  // namespace dojo

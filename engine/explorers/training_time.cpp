// Training time from total FLOPs and a sustained speed, readable durations, and the CPU presets.
#include "explorers/training_time.h"

#include <cmath>
#include <cstdio>

namespace dojo {

namespace {

bool positive(double v) {
    return v > 0 && std::isfinite(v);
}

TrainingEstimate from_speed(const TrainingJob& job, double flops_per_second) {
    TrainingEstimate e;
    if (!positive(job.samples)) {
        e.error = "The dataset needs at least one sample.";
        return e;
    }
    if (!positive(job.forward_flops_per_sample)) {
        e.error = "Each sample needs a forward pass of more than zero FLOPs.";
        return e;
    }
    if (!positive(job.epochs)) {
        e.error = "Training needs at least one epoch (a fraction of one is fine).";
        return e;
    }
    e.total_flops = job.samples * job.forward_flops_per_sample * kTrainingToForwardRatio * job.epochs;
    e.sustained_flops = flops_per_second;
    e.seconds = e.total_flops / flops_per_second;
    if (!std::isfinite(e.total_flops) || !std::isfinite(e.seconds)) {
        e.error = "These numbers are too large to compute with.";
        return e;
    }
    e.duration = human_duration(e.seconds);
    e.ok = true;
    return e;
}

}  // namespace

TrainingEstimate estimate_training(const TrainingJob& job, double peak_flops, double utilization) {
    if (!positive(peak_flops)) {
        TrainingEstimate e;
        e.error = "The device's peak speed must be above zero.";
        return e;
    }
    if (!positive(utilization) || utilization > 1) {
        TrainingEstimate e;
        e.error = "The utilization must be above 0% and at most 100%.";
        return e;
    }
    return from_speed(job, peak_flops * utilization);
}

TrainingEstimate estimate_training_at(const TrainingJob& job, double measured_flops) {
    if (!positive(measured_flops)) {
        TrainingEstimate e;
        e.error = "The measured speed must be above zero GFLOP/s.";
        return e;
    }
    return from_speed(job, measured_flops);
}

std::string human_duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "unknown";
    struct Unit {
        const char* one;
        const char* many;
        double seconds;
    };
    static const Unit units[] = {{"year", "years", 365.25 * 86400},
                                 {"day", "days", 86400},
                                 {"hour", "hours", 3600},
                                 {"minute", "minutes", 60},
                                 {"second", "seconds", 1}};
    char text[64];
    if (seconds < 1) {
        const double ms = seconds * 1e3;
        if (ms >= 1)
            std::snprintf(text, sizeof text, "%.*f ms", ms < 10 ? 1 : 0, ms);
        else if (ms * 1e3 >= 1)
            std::snprintf(text, sizeof text, "%.*f \xc2\xb5s", ms * 1e3 < 10 ? 1 : 0, ms * 1e3);
        else
            std::snprintf(text, sizeof text, "%.0f ns", ms * 1e6);
        return text;
    }
    // The largest unit that gives at least one, except that days and years wait for two of them:
    // "36 hours" reads better than "1.5 days", "400 days" better than "1.1 years".
    const Unit* pick = &units[4];
    if (seconds >= 2 * 365.25 * 86400)
        pick = &units[0];
    else if (seconds >= 2 * 86400)
        pick = &units[1];
    else if (seconds >= 3600)
        pick = &units[2];
    else if (seconds >= 60)
        pick = &units[3];
    const double v = seconds / pick->seconds;
    // One decimal under 100 ("6.2 days"), none above ("143 days").
    const double shown = v < 100 ? std::round(v * 10) / 10 : std::round(v);
    std::snprintf(text, sizeof text, "%.*f %s", v < 100 ? 1 : 0, shown, shown == 1 ? pick->one : pick->many);
    return text;
}

const std::vector<DeviceSpec>& cpu_presets() {
    // Peaks: cores x all-core clock x FMA units x FP32 lanes per unit x 2 FLOPs per multiply-add.
    // Bandwidth: channels x 8 bytes per transfer x transfers per second. CPUs without matrix units
    // (AMX) run FP16 no faster than FP32, so fp16_tflops stays 0 and the FP32 peak is used.
    static const std::vector<DeviceSpec> presets = {
        {"cpu-desktop-8", "8-core desktop CPU (AVX2)", "CPU", 64, 89.6, 0.896, 0, 105, 2023,
         "typical, derived: 8 cores x 3.5 GHz x 2 FMA units x 8 FP32 lanes x 2 = 896 GFLOP/s; dual-channel DDR5-5600: "
         "2 x 8 B x 5600 MT/s = 89.6 GB/s"},
        {"cpu-server-64", "64-core server CPU (AVX-512)", "CPU", 512, 460.8, 10.24, 0, 360, 2023,
         "typical, derived: 64 cores x 2.5 GHz x 2 FMA units x 16 FP32 lanes x 2 = 10.24 TFLOP/s; 12 channels of "
         "DDR5-4800: 12 x 8 B x 4800 MT/s = 460.8 GB/s"},
    };
    return presets;
}

std::vector<DeviceSpec> explorer_devices() {
    std::vector<DeviceSpec> all = cpu_presets();
    for (const DeviceSpec& d : device_table()) all.push_back(d);
    return all;
}

}  // namespace dojo

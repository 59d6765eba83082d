// The training-time estimator: how long a training run takes from its total arithmetic and the
// speed a device sustains (its peak times a utilization, or a speed the learner measured), written
// the way people say durations ("6.2 days"). Also the typical CPUs the explorers compare against.
#pragma once

#include <string>
#include <vector>

#include "explorers/device_table.h"

namespace dojo {

// A backward pass costs about twice the forward pass (gradients for the activations and for the
// weights), so one training step on a sample is about three forward passes.
inline constexpr double kTrainingToForwardRatio = 3.0;

struct TrainingJob {
    double samples = 0;                   // examples in the dataset
    double forward_flops_per_sample = 0;  // one forward pass over one example
    double epochs = 0;                    // passes over the dataset
};

struct TrainingEstimate {
    bool ok = false;
    std::string error;           // for a learner, when !ok
    double total_flops = 0;      // samples x forward x 3 x epochs
    double sustained_flops = 0;  // FLOP/s actually achieved
    double seconds = 0;
    std::string duration;  // human_duration(seconds)
};

// On a device with `peak_flops` (FLOP/s) reaching `utilization` of it (0 < u <= 1; the share of
// peak a training run sustains, often called MFU: 30-50% is typical for well-tuned GPU training).
TrainingEstimate estimate_training(const TrainingJob& job, double peak_flops, double utilization);
// At a speed the learner measured (FLOP/s), used as it is.
TrainingEstimate estimate_training_at(const TrainingJob& job, double measured_flops);

// "45 ms", "12 seconds", "3.4 hours", "6.2 days", "2.1 years": one unit, two or three digits.
std::string human_duration(double seconds);

// Typical CPUs for the roofline and training explorers, with numbers derived from core counts,
// clocks, vector widths and memory channels (the derivation is in each preset's `source`).
const std::vector<DeviceSpec>& cpu_presets();

// The devices the explorers list: the CPU presets first, then device_table().
std::vector<DeviceSpec> explorer_devices();

}  // namespace dojo

// The learner's own hardware record: for each machine, lab and backend, the best run so far (the
// lab's headline number, higher is better) with its day; labs without such a number keep their
// latest run. Fed by every finished lab run, shown in the profile, read by the achievements.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "labs/lab_report.h"
#include "progress/progress.h"

namespace dojo {

struct LabScore {
    double value = 0;      // higher is better
    std::string unit;      // "GFLOP/s", "GB/s", "GB"
    double naive_cpu = 0;  // matmul on the CPU: the naive kernel's GFLOP/s (the GPU speedup's baseline)
};
// The number a run is ranked by: matmul and precision their best passed GFLOP/s, transfer its best
// GB/s, vram the GB that fit, roofline the measured peak. std::nullopt for a run with nothing to rank
// (the crossover lab, a device check, a run that failed everywhere).
std::optional<LabScore> lab_score(const LabReport& report);

// Records a finished run: a new entry for a new machine, lab and backend, else the better of the
// two (or the newer, for labs without a score). Returns true when the entry was created or improved.
bool record_hardware(std::vector<HardwareRecord>& record, const LabReport& report, std::int64_t day);

}  // namespace dojo

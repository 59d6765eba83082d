// The hardware record's rules (hardware_record.h).
#include "progress/hardware_record.h"

#include <algorithm>

#include "labs/lab_catalog.h"

namespace dojo {

std::optional<LabScore> lab_score(const LabReport& report) {
    LabScore s;
    const std::string lab = lab_id_of(report);
    if (lab == "matmul" || lab == "precision") {
        s.unit = "GFLOP/s";
        for (const BenchResult& r : report.matmul) {
            if (!r.passed) continue;
            s.value = std::max(s.value, r.gflops);
            if (r.backend == "cpu" && r.kernel == "naive") s.naive_cpu = std::max(s.naive_cpu, r.gflops);
        }
    } else if (lab == "transfer") {
        s.unit = "GB/s";
        for (const TransferPoint& t : report.transfers) s.value = std::max(s.value, t.gbps);
    } else if (lab == "vram" && report.vram) {
        s.unit = "GB";
        s.value = static_cast<double>(report.vram->allocated_bytes) / 1e9;
    } else if (lab == "roofline" && report.roofline) {
        s.unit = "GFLOP/s";
        s.value = report.roofline->peak_gflops;
    }
    if (!(s.value > 0)) return std::nullopt;
    return s;
}

bool record_hardware(std::vector<HardwareRecord>& record, const LabReport& report, std::int64_t day) {
    if (report.cancelled && report.matmul.empty() && report.transfers.empty()) return false;
    HardwareRecord entry;
    entry.machine = machine_label(report);
    entry.lab = lab_id_of(report);
    entry.backend = report.backend;
    entry.headline = lab_headline(report);
    entry.day = day;
    const std::optional<LabScore> score = lab_score(report);
    if (score) {
        entry.value = score->value;
        entry.unit = score->unit;
        entry.naive_cpu = score->naive_cpu;
    }
    for (HardwareRecord& r : record) {
        if (r.machine != entry.machine || r.lab != entry.lab || r.backend != entry.backend) continue;
        const double naive = std::max(r.naive_cpu, entry.naive_cpu);
        const bool better = score ? entry.value > r.value : true;  // unranked labs keep the newest
        if (better) r = entry;
        r.naive_cpu = naive;
        return better;
    }
    record.push_back(std::move(entry));
    return true;
}

}  // namespace dojo

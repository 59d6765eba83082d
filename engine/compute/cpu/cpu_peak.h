// The CPU's answers to the roofline lab (see compute/lab_devices.h).
#pragma once

#include "compute/lab_devices.h"

namespace dojo::cpu {

class CpuPeak : public PeakDevice {
public:
    [[nodiscard]] bool peak_gflops(int repetitions, double& gflops, std::string& error) override;
    [[nodiscard]] bool peak_bandwidth(int repetitions, double& gbps, std::string& error) override;
};

}  // namespace dojo::cpu

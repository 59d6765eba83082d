// Reads what the CPU is and what it can do, from Linux's /proc files. The parsers take text so
// tests can feed them recorded files from other machines.
#pragma once

#include <string_view>

#include "hardware/hardware_report.h"

namespace dojo {

// Fills model, physical cores, threads and SIMD from the text of /proc/cpuinfo (x86 or Arm).
void parse_cpuinfo(std::string_view cpuinfo, CpuInfo& cpu);
// Fills total and available memory from the text of /proc/meminfo.
void parse_meminfo(std::string_view meminfo, CpuInfo& cpu);

// Probes this machine.
CpuInfo probe_cpu();

}  // namespace dojo

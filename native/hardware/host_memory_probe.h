// This machine's available memory for the labs' size check (compute/host_memory.h): Linux's
// MemAvailable, else the free pages sysconf counts.
#pragma once

#include <cstdint>

namespace dojo {

[[nodiscard]] std::uint64_t native_host_memory_available();
// Installs the probe above for every lab this process runs (the CLI and the desktop's lab host).
void install_native_host_memory_probe();

}  // namespace dojo

// This machine's available memory, read from /proc/meminfo (see host_memory_probe.h).
#include "hardware/host_memory_probe.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include "compute/host_memory.h"

namespace dojo {

std::uint64_t native_host_memory_available() {
    std::ifstream meminfo("/proc/meminfo");
    for (std::string key; meminfo >> key;) {
        std::uint64_t kib = 0;
        if (key == "MemAvailable:" && meminfo >> kib) return kib * 1024;
        meminfo.ignore(4096, '\n');
    }
    const long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) : 0;
}

void install_native_host_memory_probe() {
    set_host_memory_probe({native_host_memory_available, "machine"});
}

}  // namespace dojo

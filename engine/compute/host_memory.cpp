// The host memory a lab may take (see host_memory.h). The one platform difference of the core lives
// here: the browser's heap against a native system's free memory.
#include "compute/host_memory.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>
#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#endif

#include "labs/quantity_format.h"

namespace dojo {

std::uint64_t host_memory_available() {
#ifdef __EMSCRIPTEN__
    // The heap grows up to its maximum; what lies below sbrk(0) is in use or already free in malloc.
    const std::uint64_t max = emscripten_get_heap_max();
    const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
    return max > top ? max - top : 0;
#else
    std::ifstream meminfo("/proc/meminfo");
    for (std::string key; meminfo >> key;) {
        std::uint64_t kib = 0;
        if (key == "MemAvailable:" && meminfo >> kib) return kib * 1024;
        meminfo.ignore(4096, '\n');
    }
    const long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) : 0;
#endif
}

std::uint64_t matmul_host_bytes(int m, int n, int k) {
    const auto u = [](int v) { return static_cast<std::uint64_t>(v > 0 ? v : 0); };
    const std::uint64_t elements = u(m) * u(k) + u(k) * u(n) + u(m) * u(n);
    return 2 * elements * sizeof(float);
}

std::string matmul_memory_refusal(int m, int n, int k, std::uint64_t available) {
    const std::uint64_t need = matmul_host_bytes(m, n, k);
    if (available == 0 || need <= available) return "";
    // n x n x n needs 6 n^2 floats: the largest n with 24 n^2 bytes within what is available.
    const int fits = static_cast<int>(std::floor(std::sqrt(static_cast<double>(available) / 24.0)));
    const std::string shape =
        m == n && n == k ? std::to_string(n) + " x " + std::to_string(n)
                         : std::to_string(m) + " x " + std::to_string(k) + " by " + std::to_string(k) + " x " + std::to_string(n);
    return "size refused before allocating: a " + shape + " multiply needs about " + format_bytes(static_cast<double>(need)) +
           " of memory, and this " +
#ifdef __EMSCRIPTEN__
           "browser tab " +
#else
           "machine " +
#endif
           "has " + format_bytes(static_cast<double>(available)) + " left; sizes up to " + std::to_string(fits) + " fit";
}

}  // namespace dojo

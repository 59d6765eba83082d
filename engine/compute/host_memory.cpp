// The host memory a lab may take (see host_memory.h): the installed probe, and the refusal.
#include "compute/host_memory.h"

#include <cmath>
#include <string>

#include "labs/quantity_format.h"

namespace dojo {

namespace {
HostMemoryProbe& probe() {
    static HostMemoryProbe installed;
    return installed;
}
}  // namespace

void set_host_memory_probe(HostMemoryProbe p) {
    probe() = p;
}

std::uint64_t host_memory_available() {
    return probe().available ? probe().available() : 0;
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
           " of memory, and this " + probe().where + " has " + format_bytes(static_cast<double>(available)) +
           " left; sizes up to " + std::to_string(fits) + " fit";
}

}  // namespace dojo

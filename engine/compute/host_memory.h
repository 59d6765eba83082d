// How much memory a lab may still take on this machine, and the check every lab makes before it
// allocates its matrices: a size that cannot fit is refused with a sentence that says why and what
// fits, instead of failing the allocation (which aborts the browser's WebAssembly: it cannot catch
// exceptions) or pushing the machine into swap. The core reads no system files: the platform that
// runs the labs installs the probe (native/hardware/host_memory_probe, the web labs worker).
#pragma once

#include <cstdint>
#include <string>

namespace dojo {

// Bytes this process can still allocate (0: cannot be told), and what to call the place in a message.
struct HostMemoryProbe {
    std::uint64_t (*available)() = nullptr;
    const char* where = "machine";  // "machine", or "browser tab"
};
void set_host_memory_probe(HostMemoryProbe probe);

// What the installed probe says; 0 (unknown, so every size is allowed) when none is installed.
[[nodiscard]] std::uint64_t host_memory_available();

// Bytes an m x k by k x n multiply takes on the host: A, B and C in FP32, and as much again for a
// backend's working copies (packed or rounded inputs, staging for a GPU).
[[nodiscard]] std::uint64_t matmul_host_bytes(int m, int n, int k);

// Empty when the multiply fits in `available` bytes (0: unknown, so allowed); else a message that
// names the size, what it needs and the largest square size that fits.
[[nodiscard]] std::string matmul_memory_refusal(int m, int n, int k, std::uint64_t available);

}  // namespace dojo

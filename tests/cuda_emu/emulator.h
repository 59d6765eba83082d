// The CUDA execution model on the host, for testing the labs' CUDA kernels without a GPU: a grid
// runs one block at a time, and the threads of a block are fibers that take turns, each running
// until it reaches __syncthreads() (or a warp-wide wmma call) or ends, in thread order. That order
// is sequentially consistent and the worst case for a missing barrier: thread 0 reads a shared
// tile before any other thread has written its part, and writes the next tile before the others
// have read this one. Shared arrays are fresh heap allocations per block, filled with 0xFF bytes
// (NaN for floats and bf16) and fenced by guard bytes that AddressSanitizer is told about. What a
// GPU would do wrongly or undefinedly (a barrier some threads never reach, a bad launch
// configuration, a wmma call the lanes disagree on) ends the kernel with a fault, kept as a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

struct uint3 {
    unsigned x, y, z;
};

struct dim3 {
    unsigned x, y, z;
    constexpr dim3(unsigned vx = 1, unsigned vy = 1, unsigned vz = 1) : x(vx), y(vy), z(vz) {}
};

namespace cuda_emu {

// The built-in variables of the thread that is running (set by the scheduler at every switch).
struct Builtins {
    uint3 thread_idx{0, 0, 0}, block_idx{0, 0, 0};
    dim3 block_dim, grid_dim;
};
Builtins& builtins();

// Runs `body` once per thread of every block of the grid. Returns an empty string, or what went
// wrong: a configuration CUDA refuses (then nothing ran) or a fault found while running.
enum class Outcome { Ran, BadConfiguration, Fault };
struct LaunchReport {
    Outcome outcome = Outcome::Ran;
    std::string message;
};
LaunchReport run_grid(dim3 grid, dim3 block, std::size_t dynamic_shared_bytes, const std::function<void()>& body);

// The report of the last launch on this OS thread, kept until the next one.
const LaunchReport& last_launch();
void set_last_launch(LaunchReport report);
// The outcome of the last launch the first time it is asked for, then Ran (cudaGetLastError's
// reset-on-read).
Outcome take_launch_outcome();

// Inside a kernel: __syncthreads().
void syncthreads();

// Inside a kernel: ends the whole launch with `message` as its fault (the other threads stop where
// they are). Never returns.
[[noreturn]] void fault(const std::string& message);

// Inside a kernel: the calling block's shared array called `name`, of `bytes` bytes aligned to
// `align`; the first thread to reach the declaration makes it, the others get the same one.
void* shared_array(const char* name, std::size_t bytes, std::size_t align);

// Inside a kernel: a warp-wide operation (wmma's load, mma and store). Every lane of the calling
// thread's warp must call it with the same `what` (the operation and its arguments as text); each
// passes its own `mine`. When the last lane arrives, `op` runs once with every lane's `mine` in
// lane order, then all of them go on. Lanes that disagree, or a lane that never arrives, fault.
void warp_collective(const std::string& what, void* mine, const std::function<void(void* const* lanes, int count)>& op);

// The thread's lane and warp within its block.
int lane_id();
int warp_id();

}  // namespace cuda_emu

// What the traced run shows: each thread's reads and writes, the reads outside an input, and races
// (two threads writing one element, or one thread reading what another of its block wrote, with
// no barrier between them; any two blocks, which no barrier orders). Pure analysis of the trace
// words the traced kernel (trace_source.h) leaves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "exercises/exercise.h"
#include "exercises/trace_source.h"

namespace dojo {

struct ThreadRef {
    int x = 0, y = 0;              // the thread's global index
    int block_x = 0, block_y = 0;  // and its block
    bool flat = true;              // a one-dimensional launch: named by x alone
    bool operator==(const ThreadRef& o) const { return x == o.x && y == o.y; }
    std::string name() const;  // "thread 9 (block 1)", or "thread (3, 2) (block (0, 1))" in 2D
};

struct TraceAccess {
    unsigned buffer = 0;  // kTraceA, kTraceB, kTraceResult, kTraceFirstShared + k
    unsigned kind = 0;    // kTraceRead, kTraceWrite, kTraceReadWrite
    long long index = 0;
};

struct ThreadTrace {
    ThreadRef thread;
    int global_reads = 0;  // of a and b
    int result_writes = 0, result_reads = 0;
    int shared_reads = 0, shared_writes = 0;
    std::vector<TraceAccess> accesses;  // the first few, in order
};

struct Race {
    bool two_writers = false;  // else: a read and a write with no barrier between
    std::string buffer;        // "result", or the shared array's name
    long long index = 0;
    ThreadRef first, second;            // the writer (or one of two), then the other
    std::string barrier = "barrier()";  // the kernel language's barrier, for the advice
    std::string sentence() const;
};

struct OutOfBoundsRead {
    std::string buffer;
    long long index = 0;
    ThreadRef thread;
};

struct TraceReport {
    bool complete = true;              // false: the trace buffer filled up, later accesses are missing
    std::vector<ThreadTrace> threads;  // every thread that touched memory, by global y then x
    std::vector<Race> races;           // the first few
    std::size_t race_count = 0;
    std::vector<ThreadRef> racing_threads;             // every thread in a race, once
    std::vector<OutOfBoundsRead> out_of_bounds_reads;  // the first few
    std::size_t out_of_bounds_read_count = 0;
    int max_global_reads = 0;         // of a and b, by one thread
    std::vector<SharedArray> shared;  // the kernel's shared arrays, for names
};

// Names for trace buffer ids: "a", "b", "result", then the shared arrays' names.
std::string trace_buffer_name(unsigned id, const std::vector<SharedArray>& shared);

// Reads the trace words (the count, then three words per access) of a launch over inputs of these
// sizes and an output of `out_size` elements, from a kernel in `language` (for the barrier's name).
TraceReport analyse_trace(const std::vector<std::uint32_t>& words, const LaunchShape& launch, std::size_t a_size,
                          std::size_t b_size, std::size_t out_size, const std::vector<SharedArray>& shared,
                          KernelLanguage language = KernelLanguage::Glsl);

nlohmann::json races_to_json(const TraceReport& report);

}  // namespace dojo

// The "workers" explorer's model: a pool of cores (a few wide, fast CPU cores or thousands of
// simple GPU lanes) working through the multiply-adds of an n x n x n matrix multiply, and which
// output cells are finished at any moment, so the view's animation is a pure function of time.
#pragma once

#include <string>
#include <vector>

namespace dojo {

// A pool of identical cores. A CPU core does several multiply-adds per cycle with SIMD (AVX2 with
// two FMA units: 2 x 8 FP32 lanes = 16); a GPU "core" (a CUDA core, a shader lane) does one.
struct WorkerPool {
    int cores = 0;
    double clock_ghz = 0;
    int fmas_per_cycle = 0;  // multiply-adds one core finishes per clock cycle
};

// How a pool gets through C = A x B with A, B, C all n x n.
//
// The model, kept simple on purpose: each output cell C[i][j] needs n multiply-adds and is done by
// one core from start to finish, fmas_per_cycle of them per cycle. Cells are handed out in row
// order, one per core, in "waves": the first `cores` cells, then the next, and so on. A wave takes
// ceil(n / fmas_per_cycle) cycles. Memory is ignored (every operand is assumed to be at hand: the
// roofline explorer is where memory enters), and so are start-up costs, caches and clock boosts.
// With fewer cells than cores, the extra cores sit idle: that is why small problems waste a GPU.
struct WorkersRun {
    bool ok = false;
    std::string error;              // for a learner, when !ok
    long long n = 0;                // matrix size
    long long cells = 0;            // n * n output cells
    double multiply_adds = 0;       // n^3
    double flops = 0;               // 2 n^3 (a multiply-add is two floating-point operations)
    long long waves = 0;            // ceil(cells / cores)
    long long cycles_per_cell = 0;  // ceil(n / fmas_per_cycle)
    double wave_seconds = 0;        // one wave's time
    double seconds = 0;             // waves x wave_seconds
    double ideal_seconds = 0;       // n^3 / (cores x fmas_per_cycle x clock): every core busy all the time
    double peak_flops = 0;          // 2 x cores x fmas_per_cycle x clock, FLOP/s
    double busy_fraction = 0;       // ideal_seconds / seconds: how much of the pool's time is used
    int cores = 0;
};

WorkersRun run_workers(const WorkerPool& pool, long long n);

// Output cells fully finished at time t (seconds from the start): whole waves, clamped to the grid.
long long cells_done(const WorkersRun& run, double t);

// For drawing: the grid shown as tiles x tiles blocks (tiles <= n); each value is the fraction of
// that block's multiply-adds finished at time t (0..1), row-major. A cell in the wave under way
// counts as partly done.
std::vector<double> tile_progress(const WorkersRun& run, double t, int tiles);

}  // namespace dojo

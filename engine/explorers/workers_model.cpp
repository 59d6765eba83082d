// The workers model: waves of output cells handed to a pool of cores (see workers_model.h for what
// it leaves out and why).
#include "explorers/workers_model.h"

#include <algorithm>
#include <cmath>

namespace dojo {

WorkersRun run_workers(const WorkerPool& pool, long long n) {
    WorkersRun r;
    if (n <= 0) {
        r.error = "The matrix size must be at least 1.";
        return r;
    }
    if (n > 1'000'000) {
        r.error = "The matrix size must be at most 1,000,000.";
        return r;
    }
    if (pool.cores <= 0) {
        r.error = "A processor needs at least one core.";
        return r;
    }
    if (!(pool.clock_ghz > 0) || !std::isfinite(pool.clock_ghz)) {
        r.error = "The clock must be above 0 GHz.";
        return r;
    }
    if (pool.fmas_per_cycle <= 0) {
        r.error = "Each core must finish at least one multiply-add per cycle.";
        return r;
    }
    const double hz = pool.clock_ghz * 1e9;
    r.n = n;
    r.cores = pool.cores;
    r.cells = n * n;
    r.multiply_adds = static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n);
    r.flops = 2 * r.multiply_adds;
    r.waves = (r.cells + pool.cores - 1) / pool.cores;
    r.cycles_per_cell = (n + pool.fmas_per_cycle - 1) / pool.fmas_per_cycle;
    r.wave_seconds = static_cast<double>(r.cycles_per_cell) / hz;
    r.seconds = static_cast<double>(r.waves) * r.wave_seconds;
    r.peak_flops = 2.0 * pool.cores * pool.fmas_per_cycle * hz;
    r.ideal_seconds = r.flops / r.peak_flops;
    r.busy_fraction = r.ideal_seconds / r.seconds;
    r.ok = true;
    return r;
}

namespace {

// Whole waves finished by t, and how far the next one has got (0..1).
void wave_at(const WorkersRun& run, double t, long long& whole, double& partial) {
    whole = 0;
    partial = 0;
    if (!run.ok || !(t > 0)) return;
    const double waves = t / run.wave_seconds;
    if (waves >= static_cast<double>(run.waves)) {
        whole = run.waves;
        return;
    }
    whole = static_cast<long long>(std::floor(waves));
    partial = waves - static_cast<double>(whole);
}

// Cells with an index in [lo, hi) that fall in rows [r0, r1) and columns [c0, c1) of an n-wide grid.
long long cells_in_block(long long lo, long long hi, long long n, long long r0, long long r1, long long c0, long long c1) {
    if (hi <= lo) return 0;
    long long count = 0;
    // Only rows the index range touches need looking at.
    const long long first = std::max(r0, lo / n), last = std::min(r1, (hi - 1) / n + 1);
    for (long long row = first; row < last; ++row) {
        const long long a = std::max(lo, row * n + c0), b = std::min(hi, row * n + c1);
        if (b > a) count += b - a;
    }
    return count;
}

}  // namespace

long long cells_done(const WorkersRun& run, double t) {
    long long whole = 0;
    double partial = 0;
    wave_at(run, t, whole, partial);
    return std::min(run.cells, whole * run.cores);
}

std::vector<double> tile_progress(const WorkersRun& run, double t, int tiles) {
    if (!run.ok || tiles <= 0) return {};
    tiles = static_cast<int>(std::min<long long>(tiles, run.n));
    std::vector<double> out(static_cast<std::size_t>(tiles) * tiles, 0.0);
    long long whole = 0;
    double partial = 0;
    wave_at(run, t, whole, partial);
    const long long done = std::min(run.cells, whole * run.cores);
    const long long working_end = std::min(run.cells, done + (partial > 0 ? run.cores : 0));
    const long long n = run.n;
    for (int ti = 0; ti < tiles; ++ti) {
        const long long r0 = n * ti / tiles, r1 = n * (ti + 1) / tiles;
        for (int tj = 0; tj < tiles; ++tj) {
            const long long c0 = n * tj / tiles, c1 = n * (tj + 1) / tiles;
            const double size = static_cast<double>((r1 - r0) * (c1 - c0));
            const double finished = static_cast<double>(cells_in_block(0, done, n, r0, r1, c0, c1)) +
                                    partial * static_cast<double>(cells_in_block(done, working_end, n, r0, r1, c0, c1));
            out[static_cast<std::size_t>(ti) * tiles + tj] = size > 0 ? std::min(1.0, finished / size) : 0.0;
        }
    }
    return out;
}

}  // namespace dojo

// Reading the traced run's words (see trace_analysis.h).
#include "exercises/trace_analysis.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

namespace dojo {

namespace {

constexpr std::size_t kKeepPerThread = 24, kKeepReports = 8;

std::string who(const ThreadRef& t) {
    return t.name();
}

struct Touch {
    ThreadRef thread;
    unsigned epoch = 0;
    bool write = false, read = false;
};

}  // namespace

std::string ThreadRef::name() const {
    if (flat) return "thread " + std::to_string(x) + " (block " + std::to_string(block_x) + ")";
    return "thread (" + std::to_string(x) + ", " + std::to_string(y) + ") (block (" + std::to_string(block_x) + ", " +
           std::to_string(block_y) + "))";
}

std::string trace_buffer_name(unsigned id, const std::vector<SharedArray>& shared) {
    if (id == kTraceA) return "a";
    if (id == kTraceB) return "b";
    if (id == kTraceResult) return "result";
    if (id >= kTraceFirstShared && id - kTraceFirstShared < shared.size()) return shared[id - kTraceFirstShared].name;
    return "buffer " + std::to_string(id);
}

std::string Race::sentence() const {
    const std::string element = buffer + "[" + std::to_string(index) + "]";
    if (two_writers)
        return "Race: " + who(first) + " and " + who(second) + " both wrote " + element +
               (first.block_x == second.block_x && first.block_y == second.block_y ? " with no barrier between"
                                                                                   : ", and no barrier orders two blocks") +
               ", so which value stays depends on timing.";
    return "Race: " + who(second) + " read " + element + ", which " + who(first) + " wrote" +
           (first.block_x == second.block_x && first.block_y == second.block_y
                ? " with no barrier between: call " + barrier + " after the writes and before the reads."
                : "; threads of different blocks cannot wait for each other.");
}

TraceReport analyse_trace(const std::vector<std::uint32_t>& words, const LaunchShape& launch, std::size_t a_size,
                          std::size_t b_size, std::size_t out_size, const std::vector<SharedArray>& shared,
                          KernelLanguage language) {
    TraceReport r;
    r.shared = shared;
    if (words.empty()) return r;
    const std::size_t count = std::min<std::size_t>(words[0], (words.size() - 1) / 3);
    r.complete = words[0] <= (words.size() - 1) / 3;
    std::map<std::pair<int, int>, ThreadTrace> threads;  // by (y, x)
    // Every element's touches, by (buffer, block for shared arrays, index).
    std::map<std::tuple<unsigned, int, int, long long>, std::vector<Touch>> touches;
    for (std::size_t e = 0; e < count; ++e) {
        const std::uint32_t who_word = words[1 + 3 * e], what = words[2 + 3 * e];
        const auto index = static_cast<long long>(static_cast<std::int32_t>(words[3 + 3 * e]));
        ThreadRef t;
        t.x = static_cast<int>(who_word & 0xFFFFu);
        t.y = static_cast<int>(who_word >> 16);
        t.block_x = t.x / std::max(1, launch.threads_x);
        t.block_y = t.y / std::max(1, launch.threads_y);
        t.flat = launch.threads_y == 1 && launch.blocks_y == 1;
        const unsigned buffer = what >> 24, kind = (what >> 22) & 3u, epoch = what & 0x3FFFFFu;
        ThreadTrace& tt = threads[{t.y, t.x}];
        tt.thread = t;
        if (tt.accesses.size() < kKeepPerThread) tt.accesses.push_back({buffer, kind, index});
        const bool reads = kind != kTraceWrite, writes = kind != kTraceRead;
        if (buffer == kTraceA || buffer == kTraceB) tt.global_reads += 1;
        if (buffer == kTraceResult) {
            tt.result_reads += reads;
            tt.result_writes += writes;
        }
        if (buffer >= kTraceFirstShared) {
            tt.shared_reads += reads;
            tt.shared_writes += writes;
        }
        const std::size_t limit = buffer == kTraceA ? a_size : buffer == kTraceB ? b_size : out_size;
        if (reads && buffer <= kTraceResult && (index < 0 || static_cast<std::size_t>(index) >= limit)) {
            ++r.out_of_bounds_read_count;
            if (r.out_of_bounds_reads.size() < kKeepReports)
                r.out_of_bounds_reads.push_back({trace_buffer_name(buffer, shared), index, t});
        }
        if (buffer == kTraceResult || buffer >= kTraceFirstShared) {
            // Shared memory is each block's own; result is one for the whole launch.
            const bool per_block = buffer >= kTraceFirstShared;
            auto& list = touches[{buffer, per_block ? t.block_x : -1, per_block ? t.block_y : -1, index}];
            auto same = std::find_if(list.begin(), list.end(), [&](const Touch& o) { return o.thread == t && o.epoch == epoch; });
            if (same == list.end()) {
                list.push_back({t, epoch, writes, reads});
            } else {
                same->write = same->write || writes;
                same->read = same->read || reads;
            }
        }
    }
    for (auto& [key, list] : touches) {
        // Two touches of one element race when different threads made them, at least one wrote, and
        // nothing orders them: a barrier orders a block's threads between epochs, nothing orders blocks.
        bool reported = false;
        for (std::size_t i = 0; i < list.size() && !reported; ++i)
            for (std::size_t j = i + 1; j < list.size() && !reported; ++j) {
                const Touch &p = list[i], &q = list[j];
                if (p.thread == q.thread || (!p.write && !q.write)) continue;
                const bool same_block = p.thread.block_x == q.thread.block_x && p.thread.block_y == q.thread.block_y;
                if (same_block && p.epoch != q.epoch) continue;
                Race race;
                race.two_writers = p.write && q.write;
                race.barrier = language == KernelLanguage::Cuda   ? "__syncthreads()"
                               : language == KernelLanguage::Wgsl ? "workgroupBarrier()"
                                                                  : "barrier()";
                race.buffer = trace_buffer_name(std::get<0>(key), shared);
                race.index = std::get<3>(key);
                race.first = p.write ? p.thread : q.thread;
                race.second = p.write ? q.thread : p.thread;
                ++r.race_count;
                if (r.races.size() < kKeepReports) r.races.push_back(race);
                for (const ThreadRef& t : {p.thread, q.thread})
                    if (std::find(r.racing_threads.begin(), r.racing_threads.end(), t) == r.racing_threads.end())
                        r.racing_threads.push_back(t);
                reported = true;
            }
    }
    for (auto& [key, t] : threads) {
        r.max_global_reads = std::max(r.max_global_reads, t.global_reads);
        r.threads.push_back(std::move(t));
    }
    return r;
}

nlohmann::json races_to_json(const TraceReport& report) {
    nlohmann::json out = nlohmann::json::array();
    auto thread = [](const ThreadRef& t) { return nlohmann::json{{"thread", {t.x, t.y}}, {"block", {t.block_x, t.block_y}}}; };
    for (const Race& race : report.races)
        out.push_back({{"kind", race.two_writers ? "two_writers" : "read_write"},
                       {"buffer", race.buffer},
                       {"index", race.index},
                       {"threads", {thread(race.first), thread(race.second)}},
                       {"message", race.sentence()}});
    return out;
}

}  // namespace dojo

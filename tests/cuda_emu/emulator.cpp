// The block scheduler of the CUDA emulator (see emulator.h): one fiber (ucontext) per thread of a
// block, on stacks kept in a pool, run round-robin in thread order, each until it reaches a
// barrier, a warp-wide call or its end. Under AddressSanitizer every switch is announced to it
// (__sanitizer_start/finish_switch_fiber), so its reports inside a kernel carry the kernel's stack.
#include "emulator.h"

#include <sys/mman.h>
#include <ucontext.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "guarded_memory.h"

#if defined(DOJO_EMU_ASAN)
#include <sanitizer/common_interface_defs.h>
#endif

namespace cuda_emu {

namespace {

constexpr std::size_t kStackBytes = 256 * 1024;  // room for a kernel and for ASan's report on a fiber
constexpr std::size_t kPageBytes = 4096;
constexpr std::size_t kMaxStaticShared = 48 * 1024;  // CUDA's limit for static __shared__ arrays
constexpr int kWarpSize = 32;

// A fiber stack with an inaccessible page below it, so an overflow stops at once.
struct Stack {
    void* mapping = nullptr;
    char* bottom = nullptr;
};

// Thrown inside a fiber to unwind its kernel once the launch has faulted, so every frame's objects
// are destroyed (nothing leaks) and the stack is left clean for the next fiber.
struct Cancelled {};

std::vector<Stack>& stack_pool() {
    static std::vector<Stack> pool;
    return pool;
}

Stack& stack_at(std::size_t i) {
    std::vector<Stack>& pool = stack_pool();
    while (pool.size() <= i) {
        void* m =
            mmap(nullptr, kStackBytes + kPageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED) {
            std::fprintf(stderr, "cuda_emu: cannot map a fiber stack\n");
            std::abort();
        }
        mprotect(m, kPageBytes, PROT_NONE);
        pool.push_back({m, static_cast<char*>(m) + kPageBytes});
    }
    return pool[i];
}

enum class State { Ready, AtBarrier, AtWarp, Done };

struct Fiber {
    ucontext_t context{};
    State state = State::Ready;
    uint3 index{0, 0, 0};
    std::string collective;  // what it waits for, while AtWarp
    void* collective_arg = nullptr;
    char* stack = nullptr;
};

struct SharedArray {
    std::string name;
    std::size_t bytes = 0;
    std::unique_ptr<GuardedMemory> memory;
};

// One block at a time: its fibers, its shared arrays, and whether it faulted.
struct Scheduler {
    const std::function<void()>* body = nullptr;
    std::vector<Fiber> fibers;
    int current = -1;
    ucontext_t home{};
    const void* home_bottom = nullptr;  // the OS thread's stack, for ASan's switch annotations
    std::size_t home_size = 0;
    std::vector<SharedArray> shared;
    std::size_t shared_total = 0;
    std::string fault;
    bool cancelling = false;  // after a fault: every resumed fiber unwinds
};

thread_local Scheduler* t_scheduler = nullptr;
thread_local Builtins t_builtins;
thread_local LaunchReport t_last_launch;
thread_local Outcome t_pending_outcome = Outcome::Ran;

Scheduler& scheduler() {
    if (!t_scheduler) {
        std::fprintf(stderr, "cuda_emu: a device function was called outside a kernel launch\n");
        std::abort();
    }
    return *t_scheduler;
}

void enter_fiber(Scheduler& s, int i) {
    s.current = i;
    t_builtins.thread_idx = s.fibers[static_cast<std::size_t>(i)].index;
#if defined(DOJO_EMU_ASAN)
    void* fake = nullptr;
    __sanitizer_start_switch_fiber(&fake, s.fibers[static_cast<std::size_t>(i)].stack, kStackBytes);
    swapcontext(&s.home, &s.fibers[static_cast<std::size_t>(i)].context);
    __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#else
    swapcontext(&s.home, &s.fibers[static_cast<std::size_t>(i)].context);
#endif
    s.current = -1;
}

// From a fiber back to the scheduler; returns when the scheduler resumes this fiber. `ending`:
// the fiber will never be resumed.
void leave_fiber(Scheduler& s, bool ending) {
    Fiber& f = s.fibers[static_cast<std::size_t>(s.current)];
#if defined(DOJO_EMU_ASAN)
    void* fake = nullptr;
    __sanitizer_start_switch_fiber(ending ? nullptr : &fake, s.home_bottom, s.home_size);
    swapcontext(&f.context, &s.home);
    __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#else
    (void)ending;
    swapcontext(&f.context, &s.home);
#endif
    t_builtins.thread_idx = f.index;
    if (s.cancelling) throw Cancelled{};
}

void fiber_main() {
    Scheduler& s = scheduler();
#if defined(DOJO_EMU_ASAN)
    __sanitizer_finish_switch_fiber(nullptr, &s.home_bottom, &s.home_size);
#endif
    try {
        (*s.body)();
    } catch (const Cancelled&) {
    }
    s.fibers[static_cast<std::size_t>(s.current)].state = State::Done;
    leave_fiber(s, true);
    std::abort();  // a finished fiber is never resumed
}

std::string thread_name(const uint3& t) {
    return "thread (" + std::to_string(t.x) + "," + std::to_string(t.y) + "," + std::to_string(t.z) + ")";
}

std::string block_name(const uint3& b) {
    return "block (" + std::to_string(b.x) + "," + std::to_string(b.y) + "," + std::to_string(b.z) + ")";
}

// Why no thread can go on: some wait at a barrier or a warp-wide call that others will never reach.
std::string describe_stall(const Scheduler& s) {
    const Fiber* waiting = nullptr;
    const Fiber* other = nullptr;
    for (const Fiber& f : s.fibers)
        if (!waiting && (f.state == State::AtBarrier || f.state == State::AtWarp)) waiting = &f;
    for (const Fiber& f : s.fibers)
        if (!other && waiting && f.state != waiting->state) other = &f;
    if (!waiting || !other) return "the block stalled";
    auto what = [](const Fiber& f) {
        switch (f.state) {
            case State::AtBarrier:
                return std::string("waits at __syncthreads()");
            case State::AtWarp:
                return "waits in " + f.collective;
            case State::Done:
                return std::string("has returned");
            default:
                return std::string("is ready");
        }
    };
    return "barrier divergence: " + thread_name(waiting->index) + " " + what(*waiting) + " while " + thread_name(other->index) +
           " " + what(*other) + "; every thread of a block must reach the same barriers";
}

std::string check_configuration(dim3 grid, dim3 block, std::size_t dynamic_shared_bytes) {
    const unsigned long long threads = 1ull * block.x * block.y * block.z;
    if (grid.x == 0 || grid.y == 0 || grid.z == 0 || threads == 0) return "a grid or block dimension is 0";
    if (block.x > 1024 || block.y > 1024 || block.z > 64 || threads > 1024)
        return "a block of " + std::to_string(block.x) + "x" + std::to_string(block.y) + "x" + std::to_string(block.z) +
               " threads: at most 1024 threads (x, y <= 1024, z <= 64)";
    if (grid.x > 2147483647u || grid.y > 65535 || grid.z > 65535)
        return "a grid of " + std::to_string(grid.x) + "x" + std::to_string(grid.y) + "x" + std::to_string(grid.z) +
               " blocks: y and z are at most 65535";
    if (dynamic_shared_bytes != 0) return "dynamic shared memory is not emulated (no kernel here uses it)";
    return {};
}

// After a fault: resumes every fiber that has not ended, so that it unwinds. Returns false.
bool cancel(Scheduler& s) {
    s.cancelling = true;
    for (std::size_t i = 0; i < s.fibers.size(); ++i)
        if (s.fibers[i].state != State::Done) enter_fiber(s, static_cast<int>(i));
    s.cancelling = false;
    return false;
}

// Runs one block to its end; false with s.fault set when it faulted.
bool run_block(Scheduler& s, dim3 block) {
    const unsigned count = block.x * block.y * block.z;
    s.fibers.assign(count, Fiber{});
    for (unsigned i = 0; i < count; ++i) {
        Fiber& f = s.fibers[i];
        f.index = {i % block.x, (i / block.x) % block.y, i / (block.x * block.y)};
        Stack& stack = stack_at(i);
        f.stack = stack.bottom;
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = stack.bottom;
        f.context.uc_stack.ss_size = kStackBytes;
        f.context.uc_link = nullptr;
        makecontext(&f.context, fiber_main, 0);
        // makecontext has placed the stack pointer; ASan's swapcontext interceptor would otherwise
        // clear this stack's shadow memory at every switch, and with it the redzones of live frames.
        f.context.uc_stack.ss_sp = nullptr;
        f.context.uc_stack.ss_size = 0;
    }
    for (;;) {
        bool ran = false;
        for (unsigned i = 0; i < count; ++i) {
            if (s.fibers[i].state != State::Ready) continue;
            enter_fiber(s, static_cast<int>(i));
            if (!s.fault.empty()) return cancel(s);
            ran = true;
        }
        unsigned done = 0, at_barrier = 0;
        for (const Fiber& f : s.fibers) {
            done += f.state == State::Done;
            at_barrier += f.state == State::AtBarrier;
        }
        if (done == count) break;
        if (ran) {
            bool any_ready = false;
            for (const Fiber& f : s.fibers) any_ready = any_ready || f.state == State::Ready;
            if (any_ready) continue;
        }
        if (at_barrier == count) {
            for (Fiber& f : s.fibers) f.state = State::Ready;
            continue;
        }
        s.fault = describe_stall(s);
        return cancel(s);
    }
    return true;
}

}  // namespace

Builtins& builtins() {
    return t_builtins;
}

const LaunchReport& last_launch() {
    return t_last_launch;
}

void set_last_launch(LaunchReport report) {
    t_pending_outcome = report.outcome;
    t_last_launch = std::move(report);
}

Outcome take_launch_outcome() {
    const Outcome o = t_pending_outcome;
    t_pending_outcome = Outcome::Ran;
    return o;
}

LaunchReport run_grid(dim3 grid, dim3 block, std::size_t dynamic_shared_bytes, const std::function<void()>& body) {
    if (std::string bad = check_configuration(grid, block, dynamic_shared_bytes); !bad.empty())
        return {Outcome::BadConfiguration, "invalid configuration: " + bad};
    if (t_scheduler) return {Outcome::BadConfiguration, "a kernel launched another kernel (not emulated)"};
    Scheduler s;
    s.body = &body;
    t_scheduler = &s;
    t_builtins.grid_dim = grid;
    t_builtins.block_dim = block;
    LaunchReport report;
    for (unsigned z = 0; z < grid.z && report.message.empty(); ++z)
        for (unsigned y = 0; y < grid.y && report.message.empty(); ++y)
            for (unsigned x = 0; x < grid.x && report.message.empty(); ++x) {
                t_builtins.block_idx = {x, y, z};
                const bool ok = run_block(s, block);
                for (const SharedArray& a : s.shared)
                    if (std::string bad = a.memory->guards_intact("the shared array " + a.name); !bad.empty() && ok)
                        s.fault = bad;
                if (!ok || !s.fault.empty()) report = {Outcome::Fault, block_name(t_builtins.block_idx) + ": " + s.fault};
                s.shared.clear();
                s.shared_total = 0;
                s.fault.clear();
            }
    t_scheduler = nullptr;
    return report;
}

void syncthreads() {
    Scheduler& s = scheduler();
    s.fibers[static_cast<std::size_t>(s.current)].state = State::AtBarrier;
    leave_fiber(s, false);
}

void fault(const std::string& message) {
    Scheduler& s = scheduler();
    if (s.fault.empty()) s.fault = thread_name(s.fibers[static_cast<std::size_t>(s.current)].index) + ": " + message;
    throw Cancelled{};  // unwinds this thread's kernel; the scheduler then unwinds the others
}

void* shared_array(const char* name, std::size_t bytes, std::size_t align) {
    Scheduler& s = scheduler();
    for (SharedArray& a : s.shared)
        if (a.name == name) {
            if (a.bytes != bytes) fault(std::string("the shared array ") + name + " is declared with two sizes");
            return a.memory->data();
        }
    if (align > GuardedMemory::kAlign) fault(std::string("the shared array ") + name + " asks for an alignment over 256 bytes");
    s.shared_total += bytes;
    if (s.shared_total > kMaxStaticShared)
        fault("the block's shared arrays take " + std::to_string(s.shared_total) +
              " bytes, over CUDA's 48 KiB of static shared memory");
    s.shared.push_back({name, bytes, std::make_unique<GuardedMemory>(bytes)});
    return s.shared.back().memory->data();
}

int lane_id() {
    const Builtins& b = t_builtins;
    const unsigned linear = b.thread_idx.x + b.block_dim.x * (b.thread_idx.y + b.block_dim.y * b.thread_idx.z);
    return static_cast<int>(linear % kWarpSize);
}

int warp_id() {
    const Builtins& b = t_builtins;
    const unsigned linear = b.thread_idx.x + b.block_dim.x * (b.thread_idx.y + b.block_dim.y * b.thread_idx.z);
    return static_cast<int>(linear / kWarpSize);
}

void warp_collective(const std::string& what, void* mine, const std::function<void(void* const* lanes, int count)>& op) {
    Scheduler& s = scheduler();
    const std::size_t first = static_cast<std::size_t>(warp_id()) * kWarpSize;
    const std::size_t end = std::min(first + kWarpSize, s.fibers.size());
    Fiber& me = s.fibers[static_cast<std::size_t>(s.current)];
    me.state = State::AtWarp;
    me.collective = what;
    me.collective_arg = mine;
    std::size_t arrived = 0;
    for (std::size_t i = first; i < end; ++i) {
        const Fiber& f = s.fibers[i];
        if (f.state == State::Done)
            fault("reached " + what + " but lane " + std::to_string(i - first) + " of its warp has returned");
        if (f.state == State::AtWarp) {
            if (f.collective != what)
                fault("lanes of one warp disagree: lane " + std::to_string(i - first) + " is in " + f.collective + ", lane " +
                      std::to_string(static_cast<std::size_t>(s.current) - first) + " in " + what);
            ++arrived;
        }
    }
    if (arrived < end - first) {
        leave_fiber(s, false);  // the last lane to arrive runs the operation and wakes this one
        return;
    }
    void* lanes[kWarpSize] = {};
    for (std::size_t i = first; i < end; ++i) lanes[i - first] = s.fibers[i].collective_arg;
    op(lanes, static_cast<int>(end - first));
    for (std::size_t i = first; i < end; ++i) {
        s.fibers[i].state = State::Ready;
        s.fibers[i].collective.clear();
    }
}

}  // namespace cuda_emu

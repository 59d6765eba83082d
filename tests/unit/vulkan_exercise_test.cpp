// Kernel exercises on a real Vulkan device (lavapipe here): every model solution passes and every
// starter fails, and wrong kernels get the right verdict: a missing guard, an off-by-one, x and y
// swapped, a missing barrier (where the device's schedule makes the race show), a compile error at
// its line, and a kernel that never ends (after which the next run works).
#include <gtest/gtest.h>

#include <filesystem>

#include "course/exercise_loader.h"
#include "exercises/exercise_check.h"
#include "vulkan/vulkan_exercise_device.h"
#include "vulkan_presence.h"

namespace {

using namespace dojo;

class VulkanExercises : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::vector<Diagnostic> problems;
        exercises_ =
            new std::vector<Exercise>(load_exercises(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises", problems));
        device_ = new VulkanExerciseDevice();
        opened_ = device_->open(why_not_);
    }
    static void TearDownTestSuite() {
        delete device_;
        delete exercises_;
    }
    void SetUp() override {
        if (opened_) return;
        const std::string absent = test::vulkan_absent_reason();
        if (!absent.empty()) GTEST_SKIP() << absent;
        FAIL() << "a Vulkan device exists, but the exercise device did not open: " << why_not_;
    }
    static const Exercise& exercise(const std::string& id) {
        for (const auto& e : *exercises_)
            if (e.id == id) return e;
        throw std::runtime_error("no exercise " + id);
    }
    static Verdict check(const std::string& id, const std::string& code) {
        return check_exercise(exercise(id), code, *device_, false);
    }
    static std::string solution(const std::string& id) { return exercise(id).code.at(KernelLanguage::Glsl).solution; }

    static std::vector<Exercise>* exercises_;
    static VulkanExerciseDevice* device_;
    static bool opened_;
    static std::string why_not_;
};
std::vector<Exercise>* VulkanExercises::exercises_ = nullptr;
VulkanExerciseDevice* VulkanExercises::device_ = nullptr;
bool VulkanExercises::opened_ = false;
std::string VulkanExercises::why_not_;

TEST_F(VulkanExercises, EveryModelSolutionPassesAndEveryStarterFails) {
    ASSERT_FALSE(exercises_->empty());
    for (const Exercise& e : *exercises_) {
        const ExerciseCode& code = e.code.at(KernelLanguage::Glsl);
        const Verdict pass = check_exercise(e, code.solution, *device_, false);
        EXPECT_TRUE(pass.passed) << e.id << ": " << pass.summary();
        const Verdict starter = check_exercise(e, code.starter, *device_, false);
        EXPECT_TRUE(starter.compiled) << e.id << ": the starter code compiles: " << starter.summary();
        EXPECT_FALSE(starter.passed) << e.id << ": the untouched starter must not pass";
    }
}

TEST_F(VulkanExercises, TheModelSolutionIsTracedOncePerExerciseAndLanguage) {
    ModelReads kept;
    const std::string naive = solution("matmul-naive");
    Verdict v = check_exercise(exercise("matmul-tiled"), naive, *device_, false, &kept);
    ASSERT_TRUE(v.trace) << v.summary();
    const std::pair<std::string, KernelLanguage> key{"matmul-tiled", KernelLanguage::Glsl};
    ASSERT_EQ(kept.count(key), 1u);
    EXPECT_EQ(kept[key], v.model_max_global_reads);
    EXPECT_LT(v.model_max_global_reads, v.trace->max_global_reads) << "the tiled model reads less per thread";
    // The next check takes the model's reads from what was kept (a value no trace would give proves it).
    kept[key] = 12345;
    v = check_exercise(exercise("matmul-tiled"), naive, *device_, false, &kept);
    EXPECT_EQ(v.model_max_global_reads, 12345);
}

TEST_F(VulkanExercises, AMissingGuardIsCaughtAsAnOutOfBoundsWrite) {
    const Verdict v = check("guard", "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + 10.0;\n}\n");
    EXPECT_FALSE(v.passed);
    EXPECT_FALSE(v.first_mismatch) << "the 10 elements themselves are right";
    EXPECT_EQ(v.out_of_bounds_count, 6u) << "16 threads, 10 elements: 6 stray writes";
    ASSERT_FALSE(v.out_of_bounds.empty());
    EXPECT_EQ(v.out_of_bounds.front().index, 10);
}

TEST_F(VulkanExercises, AWriteBeforeTheFirstElementIsCaught) {
    const Verdict v = check("map-add-ten",
                            "void main() {\n    int i = int(gl_GlobalInvocationID.x);\n    result[i] = a[i] + 10.0;\n"
                            "    if (i == 0) result[i - 1] = 1.0;\n}\n");
    EXPECT_FALSE(v.passed);
    EXPECT_FALSE(v.first_mismatch) << "the 16 elements themselves are right";
    ASSERT_EQ(v.out_of_bounds_count, 1u) << v.summary();
    EXPECT_EQ(v.out_of_bounds.front().index, -1);
    EXPECT_NE(v.summary().find("before element 0"), std::string::npos) << v.summary();
}

TEST_F(VulkanExercises, AKernelMayUseOnlyTheAppsBuffersAnd32BitTypes) {
    const Verdict extra = check("map-add-ten",
                                "layout(std430, binding = 5) buffer Mine { float mine[]; };\nvoid main() {\n"
                                "    mine[0] = 1.0;\n}\n");
    EXPECT_FALSE(extra.compiled);
    ASSERT_FALSE(extra.compile_errors.empty());
    EXPECT_NE(extra.compile_errors.front().message.find("binding 5"), std::string::npos) << extra.summary();
    const Verdict wide = check("map-add-ten", "void main() {\n    double d = 1.0lf;\n    result[0] = float(d);\n}\n");
    EXPECT_FALSE(wide.compiled);
    EXPECT_NE(wide.summary().find("capability"), std::string::npos) << wide.summary();
}

TEST_F(VulkanExercises, APastedVersionLineKeepsTheLineNumbers) {
    const Verdict v = check("map-add-ten",
                            "#version 450\nvoid main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + "
                            "10.0;\n}\n");
    EXPECT_TRUE(v.passed) << v.summary();
    const Verdict e = check("map-add-ten", "#version 450\nvoid main() {\n    result[0] = nope;\n}\n");
    ASSERT_FALSE(e.compile_errors.empty());
    EXPECT_EQ(e.compile_errors.front().line, 3);
}

TEST_F(VulkanExercises, AnOffByOneNamesTheFirstWrongElement) {
    const Verdict v = check("map-add-ten",
                            "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    if (i > 0) result[i] = "
                            "a[i - 1] + 10.0;\n}\n");
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.first_mismatch);
    EXPECT_EQ(v.first_mismatch->index, 0u);
    EXPECT_TRUE(v.first_mismatch->never_written);
}

TEST_F(VulkanExercises, SwappedXAndYAreWrong) {
    const Verdict v = check("grid-2d",
                            "void main() {\n    uint x = gl_GlobalInvocationID.x;\n    uint y = gl_GlobalInvocationID.y;\n"
                            "    if (x < size.width && y < size.height) {\n        uint i = x * size.height + y;\n"
                            "        result[y * size.width + x] = a[i] + 10.0;\n    }\n}\n");
    EXPECT_FALSE(v.passed);
    EXPECT_TRUE(v.first_mismatch);
    EXPECT_EQ(v.out_of_bounds_count, 0u);
}

// A missing barrier is a race: whether it shows depends on how the device schedules a block's threads.
// lavapipe (llvmpipe) runs a block in SIMD slices (8 threads with 256-bit vectors), one slice after
// another up to each barrier, so a slice that reads a slot a later slice writes reads it too early,
// every time. On other devices the race may happen to go right, so only lavapipe's verdict is asserted.
bool races_show_on(const Verdict& v) {
    return v.device.find("llvmpipe") != std::string::npos;
}

TEST_F(VulkanExercises, BlockReverseWithoutItsBarrierIsARaceWhateverTheDeviceDoes) {
    const Verdict v = check("block-reverse",
                            "shared float slice[64];\nvoid main() {\n    uint i = gl_GlobalInvocationID.x;\n"
                            "    uint t = gl_LocalInvocationID.x;\n    slice[t] = a[i];\n    result[i] = slice[63 - t];\n}\n");
    ASSERT_TRUE(v.compiled && v.ran) << v.summary();
    EXPECT_FALSE(v.passed);
    // The traced run names the race on any device: thread 0 reads slot 63, which thread 63 wrote.
    ASSERT_TRUE(v.trace);
    ASSERT_GT(v.trace->race_count, 0u) << v.summary();
    EXPECT_FALSE(v.trace->races.front().two_writers);
    EXPECT_EQ(v.trace->races.front().buffer, "slice");
    EXPECT_NE(v.summary().find("no barrier between"), std::string::npos) << v.summary();
    if (races_show_on(v)) {  // on lavapipe the output shows it too
        ASSERT_TRUE(v.first_mismatch);
        EXPECT_EQ(v.first_mismatch->index, 0u) << "thread 0 reads slot 63 before thread 63 has stored it";
    }
    EXPECT_EQ(v.out_of_bounds_count, 0u);
}

// The scan's loop without the barrier between reading a neighbour's value and overwriting its own.
const char* const kScanWithoutMiddleBarrier =
    "shared float scan[64];\nvoid main() {\n    uint t = gl_LocalInvocationID.x;\n    scan[t] = a[t];\n    barrier();\n"
    "    for (uint d = 1; d < 64; d *= 2) {\n        float left = t >= d ? scan[t - d] : 0.0;\n        scan[t] += left;\n"
    "        barrier();\n    }\n    result[t] = scan[t];\n}\n";
// ... and without the barrier after the write, before the next step's read.
const char* const kScanWithoutLastBarrier =
    "shared float scan[64];\nvoid main() {\n    uint t = gl_LocalInvocationID.x;\n    scan[t] = a[t];\n    barrier();\n"
    "    for (uint d = 1; d < 64; d *= 2) {\n        float left = t >= d ? scan[t - d] : 0.0;\n        barrier();\n"
    "        scan[t] += left;\n    }\n    result[t] = scan[t];\n}\n";

TEST_F(VulkanExercises, APrefixSumWithoutTheBarrierBetweenReadAndWriteIsWrong) {
    const Verdict v = check("prefix-sum", kScanWithoutMiddleBarrier);
    ASSERT_TRUE(v.compiled && v.ran) << v.summary();
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.trace);
    EXPECT_GT(v.trace->race_count, 0u) << "a read of a slot another thread writes in the same step";
    if (races_show_on(v)) {
        ASSERT_TRUE(v.first_mismatch);
        // The second slice (threads 8 to 15 at 256 bits, 4 to 7 at 128) reads the first slice's slots
        // after the first slice has already added into them; the first slice itself is right.
        EXPECT_GT(v.first_mismatch->index, 0u) << v.summary();
        EXPECT_LE(v.first_mismatch->index, 8u) << v.summary();
    }
}

TEST_F(VulkanExercises, APrefixSumWithoutItsLastBarrierFailsAsARaceThoughItsOutputIsRight) {
    // A slice reads only lower slots, which on lavapipe earlier slices (and its own lanes, in one
    // vector step) have already written, so the output comes out right there. The traced run still
    // sees each read of a slot another thread wrote in the same step, and fails it.
    const Verdict v = check("prefix-sum", kScanWithoutLastBarrier);
    ASSERT_TRUE(v.compiled && v.ran) << v.summary();
    if (races_show_on(v)) {
        EXPECT_EQ(v.wrong, 0u) << "lavapipe's schedule changed: " << v.summary();
    }
    EXPECT_FALSE(v.passed) << v.summary();
    ASSERT_TRUE(v.trace);
    ASSERT_GT(v.trace->race_count, 0u);
    const Race& r = v.trace->races.front();
    EXPECT_EQ(r.buffer, "scan");
    EXPECT_FALSE(r.two_writers);
    EXPECT_EQ(r.first.block_x, r.second.block_x);
}

TEST_F(VulkanExercises, EveryModelSolutionTracesWithNoRaceAndNoReadOutsideItsInputs) {
    for (const Exercise& e : *exercises_) {
        const auto trace = trace_kernel(e, e.code.at(KernelLanguage::Glsl).solution, *device_);
        ASSERT_TRUE(trace) << e.id;
        EXPECT_TRUE(trace->complete) << e.id;
        EXPECT_EQ(trace->race_count, 0u) << e.id << ": " << (trace->races.empty() ? "" : trace->races.front().sentence());
        EXPECT_EQ(trace->out_of_bounds_read_count, 0u) << e.id;
        EXPECT_GT(trace->max_global_reads, 0) << e.id;
        EXPECT_FALSE(trace->threads.empty()) << e.id;
    }
}

TEST_F(VulkanExercises, TwoThreadsWritingOneElementAreARace) {
    const Verdict v = check("dot", "void main() {\n    uint t = gl_LocalInvocationID.x;\n    result[0] = a[t] * b[t];\n}\n");
    ASSERT_TRUE(v.trace);
    ASSERT_GT(v.trace->race_count, 0u);
    EXPECT_TRUE(v.trace->races.front().two_writers);
    EXPECT_EQ(v.trace->races.front().buffer, "result");
    EXPECT_EQ(v.trace->races.front().index, 0);
    EXPECT_NE(v.summary().find("both wrote result[0]"), std::string::npos) << v.summary();
}

TEST_F(VulkanExercises, ANegativeIndexWrappedToAHugeOneIsAReadOutsideTheInput) {
    // The window's first two threads read a[before - 2] with an unsigned index that wraps: robust
    // access gives 0, which happens to be the right value, so only the trace can tell.
    std::string code = solution("window-sum");
    const std::string guarded = "tile[t] = before >= 2 ? a[before - 2] : 0.0;";
    ASSERT_NE(code.find(guarded), std::string::npos) << "the model solution changed; update this test";
    code.replace(code.find(guarded), guarded.size(), "tile[t] = a[before - 2];");
    const Verdict v = check("window-sum", code);
    ASSERT_TRUE(v.compiled && v.ran) << v.summary();
    EXPECT_EQ(v.out_of_bounds_count, 0u);
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.trace);
    ASSERT_EQ(v.trace->out_of_bounds_read_count, 2u);
    EXPECT_EQ(v.trace->out_of_bounds_reads.front().buffer, "a");
    EXPECT_EQ(v.trace->out_of_bounds_reads.front().index, -2);
    EXPECT_NE(v.summary().find("Out-of-bounds read: thread 0 (block 0) read a[-2]"), std::string::npos) << v.summary();
}

TEST_F(VulkanExercises, TheTraceCountsReadsPerThreadBesideTheModelSolution) {
    // Each thread of the window sum reads three values of a straight from memory instead of once
    // through shared memory: right, race-free, and three reads against the model's two at most.
    const Verdict v = check("window-sum",
                            "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    if (i >= size.n) return;\n"
                            "    float s = a[i];\n    if (i >= 1) s += a[i - 1];\n    if (i >= 2) s += a[i - 2];\n"
                            "    result[i] = s;\n}\n");
    EXPECT_TRUE(v.passed) << v.summary();
    ASSERT_TRUE(v.trace);
    EXPECT_EQ(v.trace->max_global_reads, 3);
    EXPECT_EQ(v.model_max_global_reads, 2);
}

// Max pooling with one of its indices off by one.
std::string max_pool_kernel(const std::string& guard, const std::string& top) {
    return "void main() {\n    uint x = gl_GlobalInvocationID.x;\n    uint y = gl_GlobalInvocationID.y;\n    if (" + guard +
           ") {\n        uint row = 2 * size.width;\n        uint top = " + top +
           ";\n        result[y * size.width + x] = max(max(a[top], a[top + 1]), max(a[top + row], a[top + row + 1]));\n"
           "    }\n}\n";
}

TEST_F(VulkanExercises, MaxPoolOffByOnes) {
    const std::string guard = "x < size.width && y < size.height", top = "2 * y * row + 2 * x";
    ASSERT_TRUE(check("max-pool", max_pool_kernel(guard, top)).passed) << "the kernel the others vary is right";
    // <= in the guard: a thread too many in each direction, and the last row's writes land past the output.
    const Verdict loose = check("max-pool", max_pool_kernel("x <= size.width && y <= size.height", top));
    EXPECT_FALSE(loose.passed);
    ASSERT_FALSE(loose.out_of_bounds.empty()) << loose.summary();
    EXPECT_EQ(loose.out_of_bounds.front().index, 30) << "6 x 5 outputs: the first stray write is just past the last";
    // The square one column too far right.
    const Verdict shifted = check("max-pool", max_pool_kernel(guard, top + " + 1"));
    EXPECT_FALSE(shifted.passed);
    EXPECT_TRUE(shifted.first_mismatch) << shifted.summary();
    EXPECT_EQ(shifted.out_of_bounds_count, 0u);
}

TEST_F(VulkanExercises, TheNaiveKernelsPassTheirTiledExercises) {
    // The tiled exercises judge the output, and the naive kernels' output is right: what tells them
    // apart is the time on the larger problem, not the verdict.
    const Verdict t = check("transpose-coalesced", solution("transpose"));
    EXPECT_TRUE(t.passed) << t.summary();
    const Verdict m = check("matmul-tiled", solution("matmul-naive"));
    EXPECT_TRUE(m.passed) << m.summary();
}

TEST_F(VulkanExercises, ACompileErrorIsAtTheLearnersLine) {
    const Verdict v =
        check("map-add-ten", "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[j] + 10.0;\n}\n");
    EXPECT_FALSE(v.compiled);
    ASSERT_FALSE(v.compile_errors.empty());
    EXPECT_EQ(v.compile_errors.front().line, 3);
    EXPECT_NE(v.compile_errors.front().message.find("'j'"), std::string::npos) << v.compile_errors.front().message;
    EXPECT_NE(v.summary().find("line 3"), std::string::npos) << v.summary();
}

TEST_F(VulkanExercises, AKernelThatNeverEndsIsStoppedAndTheNextRunWorks) {
    const Verdict v = check("map-add-ten",
                            "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    while (true) {\n        "
                            "result[i] = 1.0;\n    }\n}\n");
    EXPECT_TRUE(v.timed_out) << v.summary();
    EXPECT_FALSE(v.passed);
    EXPECT_NE(v.summary().find("would never have ended"), std::string::npos) << v.summary();
    const Verdict next = check("map-add-ten", solution("map-add-ten"));
    EXPECT_TRUE(next.passed) << next.summary();
}

TEST_F(VulkanExercises, APassIsTimedAgainstTheModelSolution) {
    const Verdict v = check_exercise(exercise("map-add-ten"), solution("map-add-ten"), *device_, true);
    ASSERT_TRUE(v.passed) << v.summary();
    EXPECT_GT(v.time_ms, 0);
    EXPECT_GT(v.reference_time_ms, 0);
    EXPECT_GT(v.bytes, 0);
}

}  // namespace

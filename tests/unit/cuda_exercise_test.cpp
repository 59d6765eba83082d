// Kernel exercises in CUDA. Without a GPU (NVRTC alone, which needs no driver): every exercise's
// .cu starter and model solution compiles, a syntax error is reported at its line and column, a
// kernel with never-ending loops compiles once instrumented, and the device without a GPU still
// compiles and says why it cannot run. On a GPU: every model solution passes and every starter
// fails, a wrong answer, an out-of-bounds write and a never-ending kernel get their verdicts, and a
// kernel the step budget cannot stop is stopped by the watchdog, after which the next one runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "course/exercise_loader.h"
#include "cuda/cuda_exercise_device.h"
#include "cuda/nvrtc_compiler.h"
#include "exercises/exercise_check.h"
#if defined(DOJO_TEST_HAS_CUDART)
#include "cuda_presence.h"
#endif

namespace {

using namespace dojo;

const std::vector<Exercise>& exercises() {
    static const std::vector<Exercise> all = [] {
        std::vector<Diagnostic> problems;
        return load_exercises(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises", problems);
    }();
    return all;
}

const Exercise& exercise(const std::string& id) {
    for (const auto& e : exercises())
        if (e.id == id) return e;
    throw std::runtime_error("no exercise " + id);
}

// Compiles `code` as a learner's kernel for no particular GPU (PTX), as `dojo lessons check` does.
bool compiles(const std::string& code, std::vector<CompileError>& errors) {
    CudaImage image;
    return compile_cuda(prepare_cuda(code).source, 0, image, errors);
}

class CudaCompile : public ::testing::Test {
protected:
    void SetUp() override {
        std::string why_not;
        if (!nvrtc_available(why_not)) GTEST_SKIP() << why_not;
    }
};

TEST_F(CudaCompile, EveryStarterAndModelSolutionCompiles) {
    ASSERT_GE(exercises().size(), 10u);
    for (const Exercise& e : exercises()) {
        ASSERT_TRUE(e.code.count(KernelLanguage::Cuda)) << e.id << " has no .cu files";
        const ExerciseCode& code = e.code.at(KernelLanguage::Cuda);
        for (const auto& [file, text] : {std::pair{"starter.cu", &code.starter}, std::pair{"solution.cu", &code.solution}}) {
            std::vector<CompileError> errors;
            EXPECT_TRUE(compiles(*text, errors)) << e.id << "/" << file << ": line " << (errors.empty() ? 0 : errors[0].line)
                                                 << ": " << (errors.empty() ? "" : errors[0].message);
        }
    }
}

// The traced run's kernels (every access logged, trace_source.h) compile too, for every exercise, and
// the rewriting keeps the learner's lines, so NVRTC's messages still land on them.
TEST_F(CudaCompile, EveryTracedStarterAndModelSolutionCompiles) {
    for (const Exercise& e : exercises()) {
        const ExerciseCode& code = e.code.at(KernelLanguage::Cuda);
        for (const auto& [file, text] : {std::pair{"starter.cu", &code.starter}, std::pair{"solution.cu", &code.solution}}) {
            std::vector<SharedArray> shared;
            const PreparedKernel k = prepare_cuda_traced(*text, shared);
            CudaImage image;
            std::vector<CompileError> errors;
            EXPECT_TRUE(compile_cuda(k.source, 0, image, errors))
                << e.id << "/" << file << ": line " << (errors.empty() ? 0 : errors[0].line) << ": "
                << (errors.empty() ? "" : errors[0].message);
        }
    }
    std::vector<SharedArray> shared;
    const std::string broken =
        "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
        "    __shared__ float tile[4];\n    tile[threadIdx.x] = a[threadIdx.x];\n    __syncthreads();\n"
        "    result[threadIdx.x] = tile[3 - threadIdx.x] + nope;\n}\n";
    const PreparedKernel k = prepare_cuda_traced(broken, shared);
    ASSERT_EQ(shared.size(), 1u);
    EXPECT_NE(k.source.find("tile[dojo_w(8u, threadIdx.x)] = a[dojo_r(0u, threadIdx.x)];"), std::string::npos) << k.source;
    EXPECT_NE(k.source.find("    dojo_barrier();"), std::string::npos);
    CudaImage image;
    std::vector<CompileError> errors;
    EXPECT_FALSE(compile_cuda(k.source, 0, image, errors));
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].line, 5) << errors[0].message;
}

// What a learner waits for: NVRTC's time per model solution, to PTX (as `dojo lessons check`) and to
// an sm_90 cubin (as a run on an H100), the median of five (printed, not judged).
TEST_F(CudaCompile, CompileTimePerExercise) {
    std::printf("%s, median of 5 compiles:        PTX   sm_90 cubin\n", nvrtc_description().c_str());
    for (const Exercise& e : exercises()) {
        const std::string source = prepare_cuda(e.code.at(KernelLanguage::Cuda).solution).source;
        double median[2] = {0, 0};
        for (int target = 0; target < 2; ++target) {
            std::vector<double> ms;
            for (int i = 0; i < 5; ++i) {
                CudaImage image;
                std::vector<CompileError> errors;
                const auto start = std::chrono::steady_clock::now();
                ASSERT_TRUE(compile_cuda(source, target == 0 ? 0 : 90, image, errors)) << e.id;
                ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            }
            std::sort(ms.begin(), ms.end());
            median[target] = ms[2];
        }
        std::printf("  %-14s %31.1f ms %8.1f ms\n", e.id.c_str(), median[0], median[1]);
    }
}

TEST_F(CudaCompile, ASyntaxErrorIsReportedAtItsLineAndColumn) {
    std::vector<CompileError> errors;
    ASSERT_FALSE(
        compiles("__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
                 "    int i = threadIdx.x;\n"
                 "    result[i] = a[i] +;\n"
                 "}\n",
                 errors));
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 23) << errors[0].message;  // the ';' where an expression was expected
    EXPECT_NE(errors[0].message.find("expected an expression"), std::string::npos) << errors[0].message;
}

TEST_F(CudaCompile, AMissingKernelOrAWrongSignatureIsNamedPlainly) {
    std::vector<CompileError> errors;
    ASSERT_FALSE(compiles("__global__ void kernl(const float* a, const float* b, float* result, Size size) {}\n", errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("there is no kernel named kernel"), std::string::npos) << errors[0].message;
    errors.clear();
    ASSERT_FALSE(compiles("__global__ void kernel(float* a, int n) {}\n", errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("the kernel must be declared as"), std::string::npos) << errors[0].message;
    errors.clear();
    EXPECT_TRUE(compiles("extern \"C\" __global__ void kernel(float* a, float* b, float* result, Size size) {}\n", errors))
        << "non-const inputs and C linkage are accepted";
}

TEST_F(CudaCompile, NeverEndingLoopsCompileOnceInstrumented) {
    const std::string code =
        "__device__ int spin(int x) {\n"
        "    do { x++; } while (x != 0);\n"
        "    return x;\n"
        "}\n"
        "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
        "    int i = 0;\n"
        "    while (true) { i++; }\n"
        "    for (;;) {}\n"
        "    result[0] = spin(i);\n"
        "}\n";
    const std::string prepared = prepare_cuda(code).source;
    EXPECT_NE(prepared.find("while (dojo_tick() && (true))"), std::string::npos) << prepared;
    EXPECT_NE(prepared.find("for (; dojo_tick() ;)"), std::string::npos) << prepared;
    EXPECT_NE(prepared.find("while (dojo_tick() && (x != 0))"), std::string::npos) << prepared;
    CudaImage image;
    std::vector<CompileError> errors;
    ASSERT_TRUE(compile_cuda(prepared, 0, image, errors)) << (errors.empty() ? "" : errors[0].message);
    EXPECT_FALSE(image.cubin);
    EXPECT_NE(image.data.find("dojo_status"), std::string::npos) << "the status word is in the module";
    EXPECT_FALSE(image.kernel_name.empty());
}

TEST_F(CudaCompile, ACubinForAKnownGpuAndPtxForANewerOne) {
    const std::string source = prepare_cuda(exercise("guard").code.at(KernelLanguage::Cuda).solution).source;
    CudaImage h100;
    std::vector<CompileError> errors;
    ASSERT_TRUE(compile_cuda(source, 90, h100, errors));
    EXPECT_TRUE(h100.cubin);
    EXPECT_EQ(h100.target, "sm_90");
    CudaImage future;
    ASSERT_TRUE(compile_cuda(source, 990, future, errors));
    EXPECT_FALSE(future.cubin);
    EXPECT_EQ(future.target.rfind("compute_", 0), 0u) << future.target;
    CudaImage ancient;
    EXPECT_FALSE(compile_cuda(source, 20, ancient, errors));
    ASSERT_FALSE(errors.empty());
    EXPECT_NE(errors.back().message.find("older than"), std::string::npos) << errors.back().message;
}

// Why this machine cannot run CUDA kernels, where that is the reason the device did not open.
std::string cuda_absent(const std::string& why_not) {
#if defined(DOJO_TEST_HAS_CUDART)
    (void)why_not;
    return test::cuda_absent_reason();
#else
    return why_not.rfind("no NVIDIA driver", 0) == 0 || why_not.rfind("no GPU", 0) == 0 ? why_not : std::string();
#endif
}

TEST_F(CudaCompile, WithoutAGpuTheDeviceCompilesAndSaysWhyItCannotRun) {
    CudaExerciseDevice device;
    std::string why_not;
    if (device.open(why_not)) GTEST_SKIP() << "this machine has a CUDA GPU: " << device.device();
    EXPECT_TRUE(why_not.find("no NVIDIA driver") != std::string::npos || why_not.find("no GPU") != std::string::npos) << why_not;
    const Verdict v = check_exercise(exercise("guard"), exercise("guard").code.at(KernelLanguage::Cuda).solution, device, false);
    EXPECT_TRUE(v.compiled);
    EXPECT_FALSE(v.passed);
    EXPECT_EQ(v.run_error, why_not);
    const Verdict broken = check_exercise(exercise("guard"), "__global__ void kernel(\n", device, false);
    EXPECT_FALSE(broken.compiled);
    EXPECT_FALSE(broken.compile_errors.empty());
}

// On a real GPU.
class CudaDevice : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        device_ = new CudaExerciseDevice();
        opened_ = device_->open(why_not_);
    }
    static void TearDownTestSuite() { delete device_; }
    void SetUp() override {
        std::string nvrtc_why;
        if (!nvrtc_available(nvrtc_why)) GTEST_SKIP() << nvrtc_why;
        if (opened_) return;
        const std::string absent = cuda_absent(why_not_);
        if (!absent.empty()) GTEST_SKIP() << absent;
        FAIL() << "a CUDA GPU is there, but the exercise device did not open: " << why_not_;
    }
    static Verdict check(const std::string& id, const std::string& code) {
        return check_exercise(exercise(id), code, *device_, false);
    }
    static std::string solution(const std::string& id) { return exercise(id).code.at(KernelLanguage::Cuda).solution; }

    static CudaExerciseDevice* device_;
    static bool opened_;
    static std::string why_not_;
};
CudaExerciseDevice* CudaDevice::device_ = nullptr;
bool CudaDevice::opened_ = false;
std::string CudaDevice::why_not_;

// On a GPU: the traced run of each model solution finds no race and no read outside the inputs, and
// block-reverse without its __syncthreads() is named as a race whatever the GPU's timing did.
TEST_F(CudaDevice, TheTracedRunFindsRacesAndNoneInTheModelSolutions) {
    for (const Exercise& e : exercises()) {
        const auto trace = trace_kernel(e, e.code.at(KernelLanguage::Cuda).solution, *device_);
        ASSERT_TRUE(trace) << e.id;
        EXPECT_EQ(trace->race_count, 0u) << e.id << ": " << (trace->races.empty() ? "" : trace->races.front().sentence());
        EXPECT_EQ(trace->out_of_bounds_read_count, 0u) << e.id;
    }
    std::string racy = solution("block-reverse");
    const std::size_t sync = racy.find("__syncthreads();");
    ASSERT_NE(sync, std::string::npos) << "the model solution changed; update this test";
    racy.erase(sync, std::string("__syncthreads();").size());
    const Verdict v = check("block-reverse", racy);
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.trace);
    EXPECT_GT(v.trace->race_count, 0u) << v.summary();
}

TEST_F(CudaDevice, EveryModelSolutionPassesAndEveryStarterFails) {
    for (const Exercise& e : exercises()) {
        const ExerciseCode& code = e.code.at(KernelLanguage::Cuda);
        const Verdict pass = check_exercise(e, code.solution, *device_, true);
        EXPECT_TRUE(pass.passed) << e.id << ": " << pass.summary();
        EXPECT_GT(pass.time_ms, 0) << e.id;
        EXPECT_GT(pass.reference_time_ms, 0) << e.id;
        const Verdict fail = check_exercise(e, code.starter, *device_, false);
        EXPECT_TRUE(fail.compiled) << e.id << ": " << fail.summary();
        EXPECT_FALSE(fail.passed) << e.id << ": the starter must not pass as it is";
    }
}

TEST_F(CudaDevice, AWrongAnswerIsFoundAtItsElement) {
    std::string code = solution("zip-add");
    code.replace(code.find("a[i] + b[i]"), 11, "a[i] - b[i]");
    const Verdict v = check("zip-add", code);
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.first_mismatch.has_value()) << v.summary();
    EXPECT_GT(v.wrong, 0u);
}

TEST_F(CudaDevice, AWriteOutsideTheOutputLandsInTheGuards) {
    const Verdict v =
        check("guard", exercise("guard").code.at(KernelLanguage::Cuda).starter);  // no guard: 16 threads, 10 elements
    EXPECT_FALSE(v.passed);
    EXPECT_EQ(v.out_of_bounds_count, 6u) << v.summary();
    const Verdict before = check("guard",
                                 "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
                                 "    int i = threadIdx.x;\n    if (i < size.n) result[i - 1] = a[i] + 10.0f;\n}\n");
    ASSERT_FALSE(before.out_of_bounds.empty()) << before.summary();
    EXPECT_EQ(before.out_of_bounds.front().index, -1);
}

TEST_F(CudaDevice, ANeverEndingLoopIsStoppedAndTheNextKernelRuns) {
    const Verdict v = check("guard",
                            "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
                            "    int i = threadIdx.x;\n    while (i >= 0) { i = i + 1 - 1; }\n}\n");
    EXPECT_TRUE(v.timed_out) << v.summary();
    EXPECT_FALSE(v.passed);
    EXPECT_TRUE(check("guard", solution("guard")).passed);
}

TEST_F(CudaDevice, TheWatchdogStopsAKernelTheBudgetCannotAndTheNextKernelRuns) {
    // A goto loop has no condition to put the budget in: only the watchdog stops it.
    device_->set_watchdog(std::chrono::milliseconds(1500));
    const auto start = std::chrono::steady_clock::now();
    const Verdict v = check("guard",
                            "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
                            "    volatile int x = 0;\nagain:\n    x = x + 1;\n    goto again;\n}\n");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    device_->set_watchdog(std::chrono::milliseconds(20'000));
    EXPECT_TRUE(v.timed_out) << v.summary();
    EXPECT_NE(v.run_error.find("did not finish within 1.5 s"), std::string::npos) << v.run_error;
    EXPECT_LT(seconds, 15.0) << "destroying the context must stop the kernel";
    const Verdict next = check("guard", solution("guard"));
    EXPECT_TRUE(next.passed) << next.summary();
}

TEST_F(CudaDevice, ACompileErrorIsAtItsLine) {
    const Verdict v = check("guard",
                            "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
                            "    result[0] = nope;\n}\n");
    EXPECT_FALSE(v.compiled);
    ASSERT_FALSE(v.compile_errors.empty());
    EXPECT_EQ(v.compile_errors[0].line, 2);
}

}  // namespace

// The labs' logic against a fake GPU whose times and memory are set by the test: the crossover
// rule, the VRAM wall (out of memory, the limit, memory that does not come back), transfers,
// the roofline, cancel, and the report's JSON/CSV round trip and parser errors.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "compute/cpu/cpu_backend.h"
#include "labs/lab_report.h"
#include "labs/lab_runner.h"

namespace dojo {
namespace {

// A GPU with a correct (slow, exact) multiply whose reported times follow a simple model:
// kernel = n^3 * per_flop_ms, wall = kernel + copy_overhead_ms.
class FakeGpu : public MatmulBackend, public TransferDevice, public MemoryDevice, public PeakDevice {
public:
    double per_flop_ms = 1e-7, copy_overhead_ms = 1.0;
    std::uint64_t capacity = 1ull << 30, used = 0, leak = 0;  // `leak`: bytes free_all() forgets to free
    bool cpu_device = false, know_free = true, fail_transfers = false;
    int allocations = 0;

    std::string name() const override { return "cuda"; }
    std::string device() const override { return "Fake GPU"; }
    std::vector<KernelInfo> kernels() const override {
        return {{"slow", "test", NumberFormat::FP32, false},
                {"vendor", "test", NumberFormat::FP32, true},
                {"half", "test", NumberFormat::FP16, false}};
    }
    bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& t,
                std::string& error) override {
        if (kernel == "broken") {
            error = "device lost: the fake was told to fail";
            return false;
        }
        c = reference_matmul(a, b);
        const double flops = static_cast<double>(a.rows) * b.cols * a.cols;
        t.kernel_ms = flops * per_flop_ms * (kernel == "slow" ? 10 : 1);
        t.wall_ms = t.kernel_ms + copy_overhead_ms;
        return true;
    }
    TransferDevice* transfers() override { return this; }
    MemoryDevice* memory() override { return this; }
    PeakDevice* peaks() override { return this; }

    std::uint64_t max_transfer_bytes() override { return 1ull << 20; }
    bool time_transfer(std::uint64_t bytes, TransferDirection, HostMemory m, int, int reps, std::vector<double>& ms,
                       std::string& e) override {
        if (fail_transfers) {
            e = "copy failed";
            return false;
        }
        // pinned: 20 GB/s, pageable 5 GB/s, plus 0.01 ms of latency
        const double gbps = m == HostMemory::Pinned ? 20 : 5;
        for (int i = 0; i < reps; ++i) ms.push_back(0.01 + static_cast<double>(bytes) / (gbps * 1e6));
        return true;
    }

    bool memory_info(DeviceMemoryInfo& info, std::string&) override {
        info.total_bytes = capacity;
        info.free_bytes = capacity - used;
        info.free_known = know_free;
        return true;
    }
    std::uint64_t max_allocation_bytes() override { return capacity; }
    AllocOutcome allocate(std::uint64_t bytes) override {
        ++allocations;
        if (used + bytes > capacity) return {AllocStatus::OutOfMemory, "cudaErrorMemoryAllocation", "out of memory"};
        used += bytes;
        return {};
    }
    void free_all() override { used = std::min(used, leak); }
    bool is_cpu_device() override { return cpu_device; }

    bool peak_gflops(int, double& g, std::string&) override {
        g = 1000;
        return true;
    }
    bool peak_bandwidth(int, double& g, std::string&) override {
        g = 100;
        return true;
    }
};

// A CPU stand-in with a fixed cost per flop and no copies.
class FakeCpu : public FakeGpu {
public:
    std::string name() const override { return "cpu"; }
    std::string device() const override { return "Fake CPU"; }
};

LabOptions quick() {
    LabOptions o;
    o.warmup = 0;
    o.repetitions = 1;
    return o;
}

TEST(CrossoverLab, FindsTheSizeFromWhichTheGpuWinsWithCopiesIncluded) {
    FakeCpu cpu;
    cpu.per_flop_ms = 1e-6;  // 1 ms per million flops
    cpu.copy_overhead_ms = 0;
    FakeGpu gpu;
    gpu.per_flop_ms = 1e-8;  // 100x faster, but 1 ms of copies per call
    gpu.copy_overhead_ms = 1.0;
    LabOptions o = quick();
    o.sizes = {4, 8, 16, 32};  // cpu: n^3 * 1e-6 ms = 0.000064 .. 0.033; 1 ms copies dominate at first
    o.sizes.push_back(128);    // cpu 2.1 ms > gpu 1.02 ms: the GPU wins from here
    const LabReport r = run_crossover_lab(cpu, gpu, o, {});
    ASSERT_TRUE(r.crossover.has_value());
    EXPECT_EQ(r.crossover->cpu_kernel, "vendor") << "the reference (vendor-library) rung is the best kernel";
    EXPECT_EQ(r.crossover->crossover_n, 128);
    ASSERT_EQ(r.crossover->points.size(), 5u);
    EXPECT_FALSE(r.crossover->points[0].gpu_wins);
    EXPECT_TRUE(r.crossover->points[4].gpu_wins);
    EXPECT_DOUBLE_EQ(r.crossover->points[4].gpu_total_ms, 128.0 * 128 * 128 * 1e-8 + 1.0);
}

TEST(CrossoverLab, ZeroWhenTheGpuNeverWins) {
    FakeCpu cpu;
    cpu.per_flop_ms = 1e-9;
    FakeGpu gpu;
    LabOptions o = quick();
    o.sizes = {8, 16};
    EXPECT_EQ(run_crossover_lab(cpu, gpu, o, {}).crossover->crossover_n, 0);
}

TEST(VramLab, AllocatesToTheWallRecordsTheErrorAndProvesTheMemoryCameBack) {
    FakeGpu gpu;
    gpu.capacity = 1000ull << 20;
    LabOptions o;
    o.chunk_bytes = 100ull << 20;
    const LabReport r = run_vram_lab(gpu, o, {});
    ASSERT_TRUE(r.vram.has_value());
    EXPECT_TRUE(r.vram->hit_wall);
    EXPECT_EQ(r.vram->allocated_bytes, 1000ull << 20);
    EXPECT_EQ(r.vram->chunks, 10);
    EXPECT_EQ(r.vram->error_code, "cudaErrorMemoryAllocation");
    EXPECT_TRUE(r.vram->memory_returned) << r.vram->returned_how;
    EXPECT_EQ(gpu.used, 0u);
    EXPECT_GE(r.vram->fixes.size(), 3u);
}

TEST(VramLab, NoticesMemoryThatDidNotComeBack) {
    FakeGpu gpu;
    gpu.capacity = 1000ull << 20;
    gpu.leak = 300ull << 20;
    LabOptions o;
    o.chunk_bytes = 100ull << 20;
    const LabReport r = run_vram_lab(gpu, o, {});
    EXPECT_FALSE(r.vram->memory_returned) << r.vram->returned_how;
}

TEST(VramLab, TheLimitStopsItBeforeTheWall) {
    FakeGpu gpu;
    LabOptions o;
    o.limit_bytes = 64ull << 20;
    o.chunk_bytes = 16ull << 20;
    const LabReport r = run_vram_lab(gpu, o, {});
    EXPECT_FALSE(r.vram->hit_wall);
    EXPECT_EQ(r.vram->allocated_bytes, 64ull << 20);
    EXPECT_TRUE(r.vram->memory_returned);
}

TEST(VramLab, WithoutAFreeMemoryCountItAllocatesTheSameAgainAsProof) {
    FakeGpu gpu;
    gpu.know_free = false;
    gpu.cpu_device = true;  // lavapipe: capped at 1 GiB by default
    gpu.capacity = 4ull << 30;
    const LabReport r = run_vram_lab(gpu, LabOptions{}, {});
    EXPECT_EQ(r.vram->limit_bytes, 1ull << 30);
    EXPECT_EQ(r.vram->allocated_bytes, 1ull << 30);
    EXPECT_TRUE(r.vram->memory_returned);
    EXPECT_NE(r.vram->returned_how.find("a second time"), std::string::npos) << r.vram->returned_how;
    EXPECT_EQ(gpu.allocations, 16) << "8 chunks of 128 MiB, twice";
    EXPECT_EQ(gpu.used, 0u);
}

TEST(TransferLab, MeasuresEverySizeBothWaysAndPinnedBeatsPageable) {
    FakeGpu gpu;
    const LabReport r = run_transfer_lab(gpu, quick(), {});
    // 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB (capped by max_transfer_bytes) x 2 directions x 2 memories
    ASSERT_EQ(r.transfers.size(), 20u);
    std::map<std::string, double> best;
    for (const auto& t : r.transfers) {
        EXPECT_GT(t.gbps, 0);
        if (t.bytes < (1u << 20)) {
            EXPECT_GE(t.repetitions, 20) << "small copies get extra repetitions";
        }
        best[t.memory] = std::max(best[t.memory], t.gbps);
    }
    EXPECT_GT(best["pinned"], 3 * best["pageable"]);
    EXPECT_NE(lab_headline(r).find("pinned"), std::string::npos);
}

TEST(TransferLab, AFailedCopyStopsWithANote) {
    FakeGpu gpu;
    gpu.fail_transfers = true;
    const LabReport r = run_transfer_lab(gpu, quick(), {});
    EXPECT_TRUE(r.transfers.empty());
    ASSERT_FALSE(r.notes.empty());
    EXPECT_NE(r.notes.back().find("copy failed"), std::string::npos);
    EXPECT_TRUE(r.stopped_by_error);
    EXPECT_EQ(lab_outcome(r), LabOutcome::Failed);
}

TEST(RooflineLab, RidgeIsPeakOverBandwidth) {
    FakeGpu gpu;
    LabOptions o = quick();
    o.sizes = {16};
    const LabReport r = run_roofline_lab(gpu, o, {});
    ASSERT_TRUE(r.roofline.has_value());
    EXPECT_DOUBLE_EQ(r.roofline->ridge_intensity, 10.0);
    EXPECT_EQ(r.matmul.size(), 2u) << "the two FP32 kernels, not the FP16 one";
    EXPECT_NEAR(matmul_intensity(16, 16, 16), 2.0 * 4096 / (4.0 * 3 * 256), 1e-12);
}

TEST(PrecisionLab, OneRunPerNumberFormatTheBackendHas) {
    FakeGpu gpu;
    LabOptions o = quick();
    o.sizes = {8};
    const LabReport r = run_precision_lab(gpu, o, {});
    ASSERT_EQ(r.matmul.size(), 2u);
    EXPECT_EQ(r.matmul[0].kernel, "vendor");
    EXPECT_EQ(r.matmul[1].dtype, "fp16");
}

TEST(MatmulLab, CancelStopsBetweenRunsAndMarksTheReport) {
    FakeGpu gpu;
    std::atomic<bool> cancel{false};
    LabProgress p;
    p.cancel = &cancel;
    int steps = 0;
    p.report = [&](int done, int, const std::string&) {
        if (done >= 1) cancel = true;  // cancel after the first finished run
        ++steps;
    };
    LabOptions o = quick();
    o.sizes = {8, 16};
    const LabReport r = run_matmul_lab(gpu, o, p);
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.matmul.size(), 1u);
    EXPECT_GT(steps, 0);
}

TEST(MatmulLab, AFailingKernelIsReportedNotTimed) {
    class Broken : public FakeGpu {
        std::vector<KernelInfo> kernels() const override { return {{"broken", "", NumberFormat::FP32, false}}; }
    } gpu;
    LabOptions o = quick();
    o.sizes = {4};
    const LabReport r = run_matmul_lab(gpu, o, {});
    ASSERT_EQ(r.matmul.size(), 1u);
    EXPECT_FALSE(r.matmul[0].passed);
    EXPECT_EQ(r.matmul[0].gflops, 0);
    EXPECT_NE(r.matmul[0].error.find("device lost"), std::string::npos);
}

TEST(CpuBackend, RoundedInputRungsHaveTheErrorOfTheirFormat) {
    CpuBackend cpu("test CPU");
    LabOptions o = quick();
    o.sizes = {64};
    const LabReport r = run_precision_lab(cpu, o, {});
    std::map<std::string, double> err;
    for (const auto& m : r.matmul) {
        EXPECT_TRUE(m.passed) << m.kernel << ": " << m.error;
        err[m.dtype] = m.max_rel_error;
    }
    ASSERT_EQ(err.size(), 4u);
    EXPECT_LT(err["fp32"], 1e-6);
    EXPECT_GT(err["bf16"], 4 * err["fp16"]) << "bf16 keeps 3 fewer mantissa bits than fp16";
}

TEST(CpuBackend, PeaksArePlausible) {
    CpuBackend cpu("test CPU");
    ASSERT_NE(cpu.peaks(), nullptr);
    EXPECT_EQ(cpu.transfers(), nullptr);
    double gflops = 0, gbps = 0;
    std::string error;
    ASSERT_TRUE(cpu.peaks()->peak_gflops(1, gflops, error)) << error;
    ASSERT_TRUE(cpu.peaks()->peak_bandwidth(1, gbps, error)) << error;
    EXPECT_GT(gflops, 1.0);
    EXPECT_GT(gbps, 0.5);
}

// --- The report document -------------------------------------------------------------------

LabReport sample_report() {
    FakeGpu gpu;
    LabOptions o = quick();
    o.sizes = {8};
    LabReport r = run_roofline_lab(gpu, o, {});
    r.machine = {"host", "Linux", "cpu", "Fake GPU"};
    r.transfers.push_back({"host-to-device", "pinned", 4096, 3, 0.1, 0.09, 0.2, 0.04});
    r.vram = VramWall{};
    r.vram->fixes = {"smaller batch"};
    r.vram->returned_how = "test";
    r.crossover = CrossoverSummary{"a", "cuda", "b", 64, {{64, 1, 0.5, 0.1, true}}};
    return r;
}

TEST(LabReport, JsonRoundTripKeepsEveryField) {
    const LabReport r = sample_report();
    const std::string text = lab_report_to_json(r);
    const LabReportParse p = parse_lab_reports(text);
    ASSERT_TRUE(p.ok) << p.error;
    ASSERT_EQ(p.reports.size(), 1u);
    EXPECT_EQ(lab_report_to_json(p.reports[0]), text);
}

TEST(LabReport, ParserSaysWhatAndWhere) {
    EXPECT_NE(parse_lab_reports("{").error.find("not valid JSON"), std::string::npos);
    EXPECT_NE(parse_lab_reports("[]").error.find("empty"), std::string::npos);
    EXPECT_NE(
        parse_lab_reports(R"({"format":"compute-dojo-progress","version":1})").error.find("not a Compute Dojo results file"),
        std::string::npos);
    nlohmann::json doc = to_json(sample_report());
    doc["matmul"][0]["gflops"] = "fast";
    const LabReportParse p = parse_lab_reports(doc.dump());
    EXPECT_FALSE(p.ok);
    EXPECT_EQ(p.error, "matmul/0/gflops has the wrong type (string)");
    doc = to_json(sample_report());
    doc["version"] = 7;
    EXPECT_NE(parse_lab_reports(doc.dump()).error.find("newer Compute Dojo"), std::string::npos);
    nlohmann::json two = nlohmann::json::array({to_json(sample_report()), to_json(sample_report())});
    two[1].erase("lab");
    EXPECT_EQ(parse_lab_reports(two.dump()).error, "1/lab is missing");
}

TEST(LabReport, CsvHasASectionPerKindOfMeasurement) {
    const std::string csv = lab_report_to_csv(sample_report());
    EXPECT_NE(csv.find("backend,device,kernel,dtype"), std::string::npos);
    EXPECT_NE(csv.find("direction,memory,bytes"), std::string::npos);
    EXPECT_NE(csv.find("n,cpu_kernel,cpu_ms"), std::string::npos);
    EXPECT_NE(csv.find("peak_gflops,bandwidth_gbps"), std::string::npos);
    EXPECT_NE(csv.find("host-to-device,pinned,4096,3,"), std::string::npos);
}

TEST(LabReport, HeadlineSaysWhyNothingRanRatherThanBlamingAccuracy) {
    LabReport r;
    r.lab = "bench";
    r.device = "Box";
    BenchResult refused;
    refused.kernel = "naive", refused.n = 60000;
    refused.error = "size refused before allocating: a 60000 x 60000 multiply needs about 82 GiB";
    r.matmul = {refused, refused};
    EXPECT_EQ(lab_headline(r), "Nothing was measured on Box: " + refused.error + ".");
    BenchResult ran = refused;
    ran.error.clear();  // it ran, and its result was wrong
    r.matmul = {refused, ran};
    EXPECT_EQ(lab_headline(r), "No kernel passed its accuracy check on Box.");
}

TEST(LabReport, HeadlineQuotesTheBestPassingRun) {
    LabReport r;
    r.lab = "bench";
    r.device = "Box";
    BenchResult slow, fast, wrong;
    slow.kernel = "naive", slow.dtype = "fp32", slow.passed = true, slow.gflops = 2, slow.m = slow.n = slow.k = 64;
    fast = slow, fast.kernel = "tiled", fast.gflops = 40;
    wrong = slow, wrong.kernel = "broken", wrong.passed = false, wrong.gflops = 0;
    r.matmul = {slow, wrong, fast};
    EXPECT_EQ(lab_headline(r), "Best on Box: tiled (fp32), 40.0 GFLOP/s at 64 x 64 x 64; naive reached 2.0.");
}

TEST(RunLab, DispatchesByCatalogIdAndRefusesWhatItCannotRun) {
    FakeGpu gpu;
    FakeCpu cpu;
    LabOptions o = quick();
    o.sizes = {8};
    EXPECT_EQ(run_lab("matmul", gpu, nullptr, o, {}).matmul.size(), 3u);
    EXPECT_TRUE(run_lab("crossover", gpu, &cpu, o, {}).crossover.has_value());
    const LabReport no_cpu = run_lab("crossover", gpu, nullptr, o, {});
    EXPECT_TRUE(no_cpu.stopped_by_error);
    EXPECT_EQ(lab_outcome(no_cpu), LabOutcome::Failed);
    const LabReport unknown = run_lab("warp-drive", gpu, nullptr, o, {});
    EXPECT_TRUE(unknown.stopped_by_error);
    EXPECT_NE(unknown.notes.back().find("warp-drive"), std::string::npos);
}

TEST(LabReport, OutcomeNamesTheWorstThingThatWentWrong) {
    LabReport r;
    r.lab = "bench";
    BenchResult ok, oom, lost, wrong;
    ok.passed = true;
    oom.error = "out of memory for a 65536x65536 multiply";
    lost.error = "device lost: cudaErrorIllegalAddress";
    wrong.error = "wrong result: max relative error 0.5";
    EXPECT_EQ(lab_outcome(r), LabOutcome::Ok);
    r.matmul = {ok, wrong};
    EXPECT_EQ(lab_outcome(r), LabOutcome::Failed);
    r.matmul = {ok, wrong, oom};
    EXPECT_EQ(lab_outcome(r), LabOutcome::OutOfMemory);
    r.matmul = {lost, oom, wrong};
    EXPECT_EQ(lab_outcome(r), LabOutcome::DeviceLost);

    LabReport vram;  // the wall is the vram lab's purpose; memory that never came back is a failure
    vram.lab = "vram";
    vram.vram = VramWall{};
    vram.vram->hit_wall = true;
    vram.vram->memory_returned = true;
    EXPECT_EQ(lab_outcome(vram), LabOutcome::Ok);
    vram.vram->memory_returned = false;
    EXPECT_EQ(lab_outcome(vram), LabOutcome::Failed);
}

TEST(LabReport, PrecisionHeadlineQuotesTheErrorOfEachFormat) {
    LabReport r;
    r.lab = "precision";
    r.device = "Box";
    BenchResult a, b;
    a.dtype = "fp32", a.n = 64, a.passed = true, a.max_rel_error = 5e-7;
    b = a, b.dtype = "bf16", b.max_rel_error = 2e-3;
    r.matmul = {a, b};
    EXPECT_EQ(
        lab_headline(r),
        "On Box, the error against FP64 at 64^3 was fp32 5.0e-07, bf16 2.0e-03; fp16 and bf16 need half the bytes of fp32.");
}

}  // namespace
}  // namespace dojo

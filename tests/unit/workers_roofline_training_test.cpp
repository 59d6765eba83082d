// The workers, roofline and training-time explorers: their math against cases worked by hand (in
// the comments), bad inputs giving errors rather than NaN, and each view drawn headless at lesson
// and Labs widths, reporting its lesson parameters and answers in test_state.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "explorers/roofline_model.h"
#include "explorers/training_time.h"
#include "explorers/workers_model.h"
#include "headless_imgui.h"
#include "ui/explorers_view.h"
#include "ui/widget_registry.h"

namespace dojo {
namespace {

// ---- Workers --------------------------------------------------------------------------------------

TEST(WorkersModel, CpuWithWideCoresAtFullUse) {
    // 8 cores x 16 multiply-adds per cycle at 4 GHz, n = 256:
    //   cells 256^2 = 65,536; waves 65,536 / 8 = 8,192; a cell takes 256 / 16 = 16 cycles = 4 ns;
    //   time 8,192 x 4 ns = 32.768 us. Ideal: 256^3 / (8 x 16 x 4e9) = 16,777,216 / 5.12e11 = 32.768 us.
    //   Peak 2 x 8 x 16 x 4e9 = 1.024e12 FLOP/s.
    const WorkersRun r = run_workers({8, 4.0, 16}, 256);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.cells, 65536);
    EXPECT_DOUBLE_EQ(r.multiply_adds, 16777216.0);
    EXPECT_DOUBLE_EQ(r.flops, 33554432.0);
    EXPECT_EQ(r.waves, 8192);
    EXPECT_EQ(r.cycles_per_cell, 16);
    EXPECT_NEAR(r.seconds, 32.768e-6, 1e-12);
    EXPECT_NEAR(r.ideal_seconds, 32.768e-6, 1e-12);
    EXPECT_NEAR(r.peak_flops, 1.024e12, 1);
    EXPECT_NEAR(r.busy_fraction, 1.0, 1e-12);
}

TEST(WorkersModel, GpuWithThousandsOfSimpleCores) {
    // 8,192 cores x 1 per cycle at 1.8 GHz, n = 256: waves 65,536 / 8,192 = 8, a cell 256 cycles,
    // time 8 x 256 / 1.8e9 = 1.1378 us: 28.8 times sooner than the CPU above.
    const WorkersRun gpu = run_workers({8192, 1.8, 1}, 256);
    ASSERT_TRUE(gpu.ok);
    EXPECT_EQ(gpu.waves, 8);
    EXPECT_NEAR(gpu.seconds, 2048 / 1.8e9, 1e-15);
    const WorkersRun cpu = run_workers({8, 4.0, 16}, 256);
    EXPECT_NEAR(cpu.seconds / gpu.seconds, 28.8, 0.01);
}

TEST(WorkersModel, SmallProblemsLeaveCoresIdle) {
    // 10,000 cores, n = 64: 4,096 cells, one wave of 64 cycles at 1 GHz = 64 ns. Ideal with every core
    // busy: 64^3 / (10,000 x 1e9) = 26.2144 ns, so 26.2144 / 64 = 40.96% of the cores' time is used.
    const WorkersRun r = run_workers({10000, 1.0, 1}, 64);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.waves, 1);
    EXPECT_NEAR(r.seconds, 64e-9, 1e-18);
    EXPECT_NEAR(r.ideal_seconds, 26.2144e-9, 1e-18);
    EXPECT_NEAR(r.busy_fraction, 0.4096, 1e-9);
}

TEST(WorkersModel, CellsDoneFollowWholeWaves) {
    // The CPU above: a wave is 8 cells in 4 ns. At 10 ns, 2.5 waves: 16 cells finished.
    const WorkersRun r = run_workers({8, 4.0, 16}, 256);
    EXPECT_EQ(cells_done(r, 0), 0);
    EXPECT_EQ(cells_done(r, -1), 0);
    EXPECT_EQ(cells_done(r, 10e-9), 16);
    EXPECT_EQ(cells_done(r, r.seconds), 65536);
    EXPECT_EQ(cells_done(r, 1.0), 65536);  // long after the end: the whole grid, no more
}

TEST(WorkersModel, TileProgressCountsFinishedAndWorkingCells) {
    // n = 4, 2 cores, 1 per cycle at 1 GHz: 16 cells, 8 waves of 4 ns. Shown as 2 x 2 tiles of 2 x 2
    // cells. At 8 ns (2 waves) cells 0-3, all of row 0, are done: each top tile holds 2 of its 4 cells.
    // At 10 ns the third wave (cells 4 and 5: row 1, columns 0 and 1) is half done, so the top-left
    // tile holds 2 + 2 x 0.5 = 3 of 4 and the top-right still 2 of 4.
    const WorkersRun r = run_workers({2, 1.0, 1}, 4);
    ASSERT_TRUE(r.ok);
    auto at8 = tile_progress(r, 8e-9, 2);
    ASSERT_EQ(at8.size(), 4u);
    EXPECT_NEAR(at8[0], 0.5, 1e-9);
    EXPECT_NEAR(at8[1], 0.5, 1e-9);
    EXPECT_NEAR(at8[2], 0.0, 1e-9);
    EXPECT_NEAR(at8[3], 0.0, 1e-9);
    auto at10 = tile_progress(r, 10e-9, 2);
    EXPECT_NEAR(at10[0], 0.75, 1e-9);
    EXPECT_NEAR(at10[1], 0.5, 1e-9);
    for (double v : tile_progress(r, 1.0, 2)) EXPECT_DOUBLE_EQ(v, 1.0);
    EXPECT_EQ(tile_progress(r, 1.0, 32).size(), 16u);  // never more tiles than cells per side
}

TEST(WorkersModel, BadInputsGiveErrorsNotNaN) {
    for (const auto& [pool, n] : {std::pair{WorkerPool{8, 4.0, 16}, 0LL},
                                  {WorkerPool{8, 4.0, 16}, -5LL},
                                  {WorkerPool{0, 4.0, 16}, 64LL},
                                  {WorkerPool{8, 0.0, 16}, 64LL},
                                  {WorkerPool{8, -1.0, 16}, 64LL},
                                  {WorkerPool{8, std::nan(""), 16}, 64LL},
                                  {WorkerPool{8, 4.0, 0}, 64LL}}) {
        const WorkersRun r = run_workers(pool, n);
        EXPECT_FALSE(r.ok);
        EXPECT_FALSE(r.error.empty());
        EXPECT_EQ(cells_done(r, 1.0), 0);
        EXPECT_TRUE(tile_progress(r, 1.0, 8).empty());
        EXPECT_FALSE(std::isnan(r.seconds));
    }
}

// ---- Roofline -------------------------------------------------------------------------------------

Operation matmul(double m, double n, double k, NumberFormat f) {
    Operation op;
    op.kind = OperationKind::Matmul;
    op.format = f;
    op.m = m, op.n = n, op.k = k;
    return op;
}

Operation add(double elements, NumberFormat f) {
    Operation op;
    op.kind = OperationKind::Add;
    op.format = f;
    op.elements = elements;
    return op;
}

Operation attention(OperationKind kind, double s, double d, double h) {
    Operation op;
    op.kind = kind;
    op.format = NumberFormat::FP16;
    op.seq = s, op.head_dim = d, op.heads = h;
    return op;
}

TEST(RooflineModel, MatmulCounts) {
    // 1024^3 FP32: FLOPs 2 x 1024^3 = 2,147,483,648; bytes 3 x 1024^2 x 4 = 12,582,912;
    // intensity 1024 / 6 = 170.67 FLOPs per byte. In FP16 the bytes halve and the intensity doubles.
    const OperationCost c = operation_cost(matmul(1024, 1024, 1024, NumberFormat::FP32));
    ASSERT_TRUE(c.ok) << c.error;
    EXPECT_DOUBLE_EQ(c.flops, 2147483648.0);
    EXPECT_DOUBLE_EQ(c.bytes, 12582912.0);
    EXPECT_NEAR(c.flops / c.bytes, 170.667, 1e-3);
    const OperationCost h = operation_cost(matmul(1024, 1024, 1024, NumberFormat::FP16));
    EXPECT_DOUBLE_EQ(h.bytes, 6291456.0);
    // A matrix times a vector (m = 1, k = n = 4096, FP16): 2 x 4096^2 = 33,554,432 FLOPs over
    // (4096 + 4096^2 + 4096) x 2 = 33,570,816 bytes: just under 1 FLOP per byte.
    const OperationCost v = operation_cost(matmul(1, 4096, 4096, NumberFormat::FP16));
    EXPECT_DOUBLE_EQ(v.flops, 33554432.0);
    EXPECT_DOUBLE_EQ(v.bytes, 33570816.0);
}

TEST(RooflineModel, ElementwiseAddIsOneFlopPerThreeNumbers) {
    // c = a + b: 1 FLOP per element, 3 numbers moved: 1/12 FLOP per byte in FP32, 1/6 in FP16.
    const OperationCost f32 = operation_cost(add(1e6, NumberFormat::FP32));
    EXPECT_DOUBLE_EQ(f32.flops, 1e6);
    EXPECT_DOUBLE_EQ(f32.bytes, 12e6);
    EXPECT_NEAR(f32.flops / f32.bytes, 1.0 / 12, 1e-15);
    const OperationCost f16 = operation_cost(add(1e6, NumberFormat::FP16));
    EXPECT_NEAR(f16.flops / f16.bytes, 1.0 / 6, 1e-15);
}

TEST(RooflineModel, AttentionFusedAndUnfused) {
    // s = 1024, d = 64, one head, FP16. FLOPs 4 s^2 d + 5 s^2 = 268,435,456 + 5,242,880 = 273,678,336.
    // Fused bytes: 4 s d x 2 = 524,288 (intensity 522). Unfused adds 4 s^2 x 2 = 8,388,608 for the
    // scores: 8,912,896 bytes (intensity 30.7). Two heads double both.
    const OperationCost fused = operation_cost(attention(OperationKind::AttentionFused, 1024, 64, 1));
    const OperationCost unfused = operation_cost(attention(OperationKind::AttentionUnfused, 1024, 64, 1));
    ASSERT_TRUE(fused.ok && unfused.ok);
    EXPECT_DOUBLE_EQ(fused.flops, 273678336.0);
    EXPECT_DOUBLE_EQ(unfused.flops, 273678336.0);
    EXPECT_DOUBLE_EQ(fused.bytes, 524288.0);
    EXPECT_DOUBLE_EQ(unfused.bytes, 8912896.0);
    EXPECT_NEAR(fused.flops / fused.bytes, 522.0, 0.01);
    EXPECT_NEAR(unfused.flops / unfused.bytes, 30.71, 0.01);
    const OperationCost two = operation_cost(attention(OperationKind::AttentionFused, 1024, 64, 2));
    EXPECT_DOUBLE_EQ(two.flops, 2 * fused.flops);
    EXPECT_DOUBLE_EQ(two.bytes, 2 * fused.bytes);
}

TEST(RooflineModel, RidgeBoundAndAttainable) {
    // A device of 100 TFLOP/s and 2 TB/s: ridge 1e14 / 2e12 = 50 FLOPs per byte.
    // 1024^3 FP32 matmul (170.7 > 50): compute-bound at 100 TFLOP/s, at least 2.147e9 / 1e14 = 21.47 us.
    // Add of 1e6 FP32 (1/12 < 50): memory-bound at 2e12 / 12 = 166.7 GFLOP/s, at least
    // 12e6 bytes / 2e12 = 6 us.
    const RooflinePoint mm = place_on_roofline(matmul(1024, 1024, 1024, NumberFormat::FP32), 100e12, 2e12);
    ASSERT_TRUE(mm.ok) << mm.error;
    EXPECT_DOUBLE_EQ(mm.ridge, 50.0);
    EXPECT_FALSE(mm.memory_bound);
    EXPECT_DOUBLE_EQ(mm.attainable_flops, 100e12);
    EXPECT_NEAR(mm.seconds, 21.47483648e-6, 1e-15);
    const RooflinePoint a = place_on_roofline(add(1e6, NumberFormat::FP32), 100e12, 2e12);
    ASSERT_TRUE(a.ok);
    EXPECT_TRUE(a.memory_bound);
    EXPECT_NEAR(a.attainable_flops, 2e12 / 12, 1);
    EXPECT_NEAR(a.seconds, 6e-6, 1e-15);
}

TEST(RooflineModel, DevicePeakPicksMatrixUnitsOnlyWhereTheyApply) {
    DeviceSpec d;
    d.fp32_tflops = 60;
    d.fp16_tflops = 990;
    EXPECT_DOUBLE_EQ(device_peak_for(d, matmul(8, 8, 8, NumberFormat::FP16)), 990e12);
    EXPECT_DOUBLE_EQ(device_peak_for(d, matmul(8, 8, 8, NumberFormat::FP32)), 60e12);
    EXPECT_DOUBLE_EQ(device_peak_for(d, add(8, NumberFormat::FP16)), 60e12);
    EXPECT_DOUBLE_EQ(device_peak_for(d, attention(OperationKind::AttentionFused, 8, 8, 1)), 990e12);
    d.fp16_tflops = 0;  // no matrix units: FP16 runs at the FP32 peak
    EXPECT_DOUBLE_EQ(device_peak_for(d, matmul(8, 8, 8, NumberFormat::FP16)), 60e12);
}

TEST(RooflineModel, BadInputsGiveErrorsNotNaN) {
    for (const Operation& op :
         {matmul(0, 8, 8, NumberFormat::FP32), matmul(8, -1, 8, NumberFormat::FP32),
          matmul(8, 8, std::nan(""), NumberFormat::FP32), add(0, NumberFormat::FP32),
          attention(OperationKind::AttentionFused, 0, 64, 1), attention(OperationKind::AttentionUnfused, 1024, 64, -2)}) {
        const RooflinePoint p = place_on_roofline(op, 1e12, 1e11);
        EXPECT_FALSE(p.ok);
        EXPECT_FALSE(p.error.empty());
        EXPECT_FALSE(std::isnan(p.attainable_flops));
    }
    const Operation ok = matmul(8, 8, 8, NumberFormat::FP32);
    for (const auto& [peak, bw] : {std::pair{0.0, 1e11}, {1e12, 0.0}, {-1.0, 1e11}, {std::nan(""), 1e11}}) {
        const RooflinePoint p = place_on_roofline(ok, peak, bw);
        EXPECT_FALSE(p.ok);
        EXPECT_FALSE(p.error.empty());
    }
}

TEST(RooflineModel, OperationNamesRoundTrip) {
    for (OperationKind k :
         {OperationKind::Matmul, OperationKind::Add, OperationKind::AttentionUnfused, OperationKind::AttentionFused}) {
        OperationKind parsed = OperationKind::Matmul;
        EXPECT_TRUE(parse_operation_kind(operation_kind_name(k), parsed));
        EXPECT_EQ(parsed, k);
    }
    OperationKind parsed = OperationKind::Add;
    EXPECT_FALSE(parse_operation_kind("convolution", parsed));
    EXPECT_EQ(parsed, OperationKind::Add);
}

// ---- Training time ---------------------------------------------------------------------------------

TEST(TrainingTime, ResNetLikeRun) {
    // 1.28e6 samples x 8.2e9 FLOPs forward x 3 (forward and backward) x 90 epochs = 2.83392e18 FLOPs.
    // At 100 TFLOP/s and 40% of it (4e13 FLOP/s): 70,848 s = 19.68 hours, written "19.7 hours".
    // At a measured 100 GFLOP/s: 2.83392e7 s = 328 days.
    const TrainingJob job{1.28e6, 8.2e9, 90};
    const TrainingEstimate e = estimate_training(job, 100e12, 0.4);
    ASSERT_TRUE(e.ok) << e.error;
    EXPECT_NEAR(e.total_flops, 2.83392e18, 1e6);
    EXPECT_NEAR(e.sustained_flops, 4e13, 1);
    EXPECT_NEAR(e.seconds, 70848, 1e-6);
    EXPECT_EQ(e.duration, "19.7 hours");
    const TrainingEstimate own = estimate_training_at(job, 100e9);
    ASSERT_TRUE(own.ok);
    EXPECT_NEAR(own.seconds, 2.83392e7, 1e-3);
    EXPECT_EQ(own.duration, "328 days");
}

TEST(TrainingTime, HumanDurations) {
    // 6.2 days = 535,680 s; 3.4 hours = 12,240 s; 36 hours stays in hours (under two days).
    EXPECT_EQ(human_duration(535680), "6.2 days");
    EXPECT_EQ(human_duration(12240), "3.4 hours");
    EXPECT_EQ(human_duration(36 * 3600), "36.0 hours");
    EXPECT_EQ(human_duration(0.045), "45 ms");
    EXPECT_EQ(human_duration(0.0042), "4.2 ms");
    EXPECT_EQ(human_duration(1.2e-6), "1.2 \xc2\xb5s");
    EXPECT_EQ(human_duration(30), "30.0 seconds");
    EXPECT_EQ(human_duration(600), "10.0 minutes");
    EXPECT_EQ(human_duration(3 * 365.25 * 86400), "3.0 years");
    EXPECT_EQ(human_duration(-1), "unknown");
    EXPECT_EQ(human_duration(std::nan("")), "unknown");
}

TEST(TrainingTime, BadInputsGiveErrorsNotNaN) {
    const TrainingJob good{1000, 1e9, 1};
    for (const TrainingJob& job :
         {TrainingJob{0, 1e9, 1}, TrainingJob{1000, -1, 1}, TrainingJob{1000, 1e9, 0}, TrainingJob{std::nan(""), 1e9, 1}}) {
        const TrainingEstimate e = estimate_training(job, 1e12, 0.4);
        EXPECT_FALSE(e.ok);
        EXPECT_FALSE(e.error.empty());
        EXPECT_FALSE(std::isnan(e.seconds));
    }
    EXPECT_FALSE(estimate_training(good, 0, 0.4).ok);
    EXPECT_FALSE(estimate_training(good, 1e12, 0).ok);
    EXPECT_FALSE(estimate_training(good, 1e12, 1.5).ok);
    EXPECT_FALSE(estimate_training_at(good, 0).ok);
    EXPECT_FALSE(estimate_training_at(good, -5).ok);
    EXPECT_TRUE(estimate_training(good, 1e12, 1.0).ok);
}

TEST(TrainingTime, CpuPresetsMatchTheirDerivation) {
    // The desktop preset: 8 cores x 3.5 GHz x 2 FMA units x 8 lanes x 2 = 896 GFLOP/s;
    // 2 channels x 8 B x 5600 MT/s = 89.6 GB/s.
    ASSERT_FALSE(cpu_presets().empty());
    const DeviceSpec& desktop = cpu_presets().front();
    EXPECT_NEAR(desktop.fp32_tflops, 8 * 3.5 * 2 * 8 * 2 / 1e3, 1e-9);
    EXPECT_NEAR(desktop.bandwidth_gbs, 2 * 8 * 5.6, 1e-9);
    for (const DeviceSpec& d : cpu_presets()) {
        EXPECT_EQ(d.kind, "CPU");
        EXPECT_GT(d.fp32_tflops, 0);
        EXPECT_GT(d.bandwidth_gbs, 0);
        EXPECT_FALSE(d.source.empty());
    }
    EXPECT_EQ(explorer_devices().size(), cpu_presets().size() + device_table().size());
}

// ---- Views, drawn headless ------------------------------------------------------------------------

class ExplorerViews : public ::testing::Test {
protected:
    void SetUp() override { test::start_headless_imgui(1400, 2400); }
    void TearDown() override { ImGui::DestroyContext(); }

    void frame(Explorer& e, float width) {
        ImGui::NewFrame();
        widget_registry().begin_frame();
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("explorer", nullptr, ImGuiWindowFlags_NoDecoration);
        e.draw(width);
        ImGui::End();
        widget_registry().end_frame();
        ImGui::Render();
    }

    void click(Explorer& e, float width, const std::string& label) {
        const auto rect = widget_registry().find(label);
        ASSERT_TRUE(rect) << "no widget labelled '" << label << "'";
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = {rect->x + rect->w / 2, rect->y + rect->h / 2};
        frame(e, width);
        io.MouseDown[0] = true;
        frame(e, width);
        io.MouseDown[0] = false;
        frame(e, width);
    }
};

TEST_F(ExplorerViews, WorkersTakesLessonParametersAndPauses) {
    auto e = make_workers_explorer();
    e->apply_params({{"cpu_cores", "4"}, {"gpu_cores", "4096"}, {"size", "128"}, {"cpu_clock", "3"}});
    for (float width : {560.0f, 1400.0f}) frame(*e, width);
    const auto s = e->test_state();
    EXPECT_EQ(s["size"], 128);
    EXPECT_EQ(s["cpu"]["cores"], 4);
    EXPECT_EQ(s["gpu"]["cores"], 4096);
    EXPECT_DOUBLE_EQ(s["cpu"]["clock_ghz"].get<double>(), 3.0);
    // 4 cores x 16 at 3 GHz, n = 128: 4,096 waves of 8 cycles = 10.92 us; the GPU (4,096 x 1 at 1.8 GHz):
    // 4 waves of 128 cycles = 284 ns, 38.4 times sooner.
    EXPECT_NEAR(s["cpu"]["seconds"].get<double>(), 4096 * 8 / 3e9, 1e-12);
    EXPECT_NEAR(s["gpu_speedup"].get<double>(), (4096 * 8 / 3e9) / (4 * 128 / 1.8e9), 1e-6);
    EXPECT_TRUE(s["playing"].get<bool>());
    EXPECT_TRUE(widget_registry().find("workers:cpu-grid"));
    EXPECT_TRUE(widget_registry().find("workers:gpu-grid"));

    // Pause: the animation's clock stops, so a later "reduce motion" setting can hold it still.
    std::string pause;
    for (const auto& r : widget_registry().last_frame())
        if (r.full.ends_with("Pause##workers")) pause = r.full;
    ASSERT_FALSE(pause.empty());
    click(*e, 1400, pause);
    const double held = e->test_state()["animation_seconds"].get<double>();
    EXPECT_FALSE(e->test_state()["playing"].get<bool>());
    frame(*e, 1400);
    frame(*e, 1400);
    EXPECT_DOUBLE_EQ(e->test_state()["animation_seconds"].get<double>(), held);
}

TEST_F(ExplorerViews, WorkersAnimationEndsWithEveryCellDone) {
    auto e = make_workers_explorer();
    e->apply_params({{"size", "64"}});
    ImGui::GetIO().DeltaTime = 0.1f;
    for (int i = 0; i < 100; ++i) frame(*e, 900);  // 10 s of frames: past the 8 s race
    const auto s = e->test_state();
    EXPECT_FALSE(s["playing"].get<bool>());
    EXPECT_EQ(s["cpu_cells_done"], 64 * 64);
    EXPECT_EQ(s["gpu_cells_done"], 64 * 64);
}

TEST_F(ExplorerViews, RooflineTakesLessonParameters) {
    auto e = make_roofline_explorer();
    e->apply_params({{"device", "cpu-desktop-8"}, {"op", "add"}, {"size", "1000000"}, {"dtype", "fp32"}});
    for (float width : {560.0f, 1400.0f}) frame(*e, width);
    const auto s = e->test_state();
    EXPECT_EQ(s["device"], "cpu-desktop-8");
    EXPECT_EQ(s["op"], "add");
    EXPECT_EQ(s["bound"], "memory");
    EXPECT_NEAR(s["intensity"].get<double>(), 1.0 / 12, 1e-12);
    // Memory-bound: intensity x bandwidth = 89.6 GB/s / 12 = 7.47 GFLOP/s.
    EXPECT_NEAR(s["attainable_flops"].get<double>(), cpu_presets().front().bandwidth_gbs * 1e9 / 12, 1);
    EXPECT_TRUE(widget_registry().find("chart:explore-roofline"));

    e->apply_params({{"device", "cpu-desktop-8"}, {"op", "matmul"}, {"size", "1024"}, {"dtype", "fp32"}});
    frame(*e, 800);
    const auto m = e->test_state();
    EXPECT_EQ(m["bound"], "compute");  // 170.7 FLOPs per byte against a ridge of 896 / 89.6 = 10
    EXPECT_DOUBLE_EQ(m["flops"].get<double>(), 2147483648.0);
}

TEST_F(ExplorerViews, RooflineSaysWhichRateAMakerDoesNotPublish) {
    auto e = make_roofline_explorer();
    e->apply_params({{"device", "tpu7x"}, {"op", "add"}, {"size", "1000000"}, {"dtype", "fp32"}});
    frame(*e, 800);
    auto s = e->test_state();
    EXPECT_FALSE(s["ok"].get<bool>());
    const std::string message = s["message"];
    EXPECT_NE(message.find("publishes no FP32 rate (an add cannot use the matrix units)"), std::string::npos) << message;
    EXPECT_EQ(message.find("Choose FP16"), std::string::npos) << "an add gets no help from FP16: " << message;

    e->apply_params({{"device", "tpu7x"}, {"op", "matmul"}, {"size", "4096"}, {"dtype", "fp32"}});
    frame(*e, 800);
    s = e->test_state();
    EXPECT_NE(std::string(s["message"]).find("Choose FP16"), std::string::npos) << s["message"];
    e->apply_params({{"device", "tpu7x"}, {"op", "matmul"}, {"size", "4096"}, {"dtype", "fp16"}});
    frame(*e, 800);
    s = e->test_state();
    EXPECT_TRUE(s["ok"].get<bool>());
    EXPECT_EQ(s["message"], "");
    EXPECT_DOUBLE_EQ(s["peak_flops"].get<double>(), 2307e12);
}

TEST_F(ExplorerViews, TrainingTakesLessonParameters) {
    auto e = make_training_explorer();
    e->apply_params({{"dataset", "1000000"},
                     {"flops_per_sample", "1e9"},
                     {"epochs", "10"},
                     {"utilization", "50"},
                     {"device", "cpu-desktop-8"},
                     {"gflops", "250"}});
    for (float width : {560.0f, 1400.0f}) frame(*e, width);
    const auto s = e->test_state();
    // 1e6 x 1e9 x 3 x 10 = 3e16 FLOPs. At a measured 250 GFLOP/s: 1.2e5 s = 33.3 hours.
    EXPECT_DOUBLE_EQ(s["total_flops"].get<double>(), 3e16);
    EXPECT_DOUBLE_EQ(s["utilization"].get<double>(), 0.5);
    bool saw_own = false, saw_cpu = false;
    for (const auto& d : s["devices"]) {
        if (d["id"] == "own") {
            saw_own = true;
            EXPECT_NEAR(d["seconds"].get<double>(), 1.2e5, 1e-6);
            EXPECT_EQ(d["duration"], "33.3 hours");
        }
        if (d["id"] == "cpu-desktop-8") {
            saw_cpu = true;  // 3e16 / (896 GFLOP/s x 50%) = 66,964 s
            EXPECT_NEAR(d["seconds"].get<double>(), 3e16 / (cpu_presets().front().fp32_tflops * 1e12 * 0.5), 1e-6);
        }
    }
    EXPECT_TRUE(saw_own && saw_cpu);
    EXPECT_TRUE(widget_registry().find("training:own"));
}

}  // namespace
}  // namespace dojo

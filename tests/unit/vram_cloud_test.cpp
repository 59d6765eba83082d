// The VRAM planner's and the cloud-or-on-premise explorer's math against cases worked by hand (the
// arithmetic is written out beside each), their edge cases, the device table's sanity, and both
// views drawn headless at lesson and Labs widths.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "explorer_views_fixture.h"
#include "explorers/cloud_cost.h"
#include "explorers/device_table.h"
#include "explorers/vram_plan.h"
#include "headless_imgui.h"
#include "ui/explorers_view.h"
#include "ui/widget_registry.h"

namespace dojo {
namespace {

// ---- The device table ----------------------------------------------------------------------------

TEST(DeviceTable, HasTheDevicesTheExplorersNameWithSources) {
    for (const char* id :
         {"h100-sxm", "h200",      "a100-80gb", "l4",    "t4",     "rtx-4090", "rtx-3060",         "m2",     "m2-max",
          "m2-ultra", "mi300x",    "tpu-v5e",   "b200",  "b300",   "gb200",    "rtx-5090",         "mi325x", "mi355x",
          "tpu7x",    "trainium2", "gaudi3",    "gh200", "mi300a", "gb10",     "ryzen-ai-max-395", "m4-max", "m3-ultra"})
        EXPECT_NE(find_device(id), nullptr) << id;
    std::set<std::string> ids;
    for (const DeviceSpec& d : device_table()) {
        EXPECT_TRUE(ids.insert(d.id).second) << "duplicate id " << d.id;
        EXPECT_GT(d.memory_gb, 0) << d.id;
        EXPECT_GT(d.bandwidth_gbs, 0) << d.id;
        EXPECT_GE(d.fp32_tflops, 0) << d.id;
        EXPECT_GE(d.fp16_tflops, 0) << d.id;
        EXPECT_GE(d.fp8_tflops, 0) << d.id;
        EXPECT_GE(d.fp4_tflops, 0) << d.id;
        EXPECT_GT(d.fp32_tflops + d.fp16_tflops + d.fp8_tflops + d.fp4_tflops, 0) << d.id << " has no arithmetic rate at all";
        // Lower precision is never slower on the same matrix units: FP8 at least BF16, FP4 at least FP8.
        if (d.fp8_tflops > 0 && d.fp16_tflops > 0) {
            EXPECT_GE(d.fp8_tflops, d.fp16_tflops) << d.id;
        }
        if (d.fp4_tflops > 0 && d.fp8_tflops > 0) {
            EXPECT_GE(d.fp4_tflops, d.fp8_tflops) << d.id;
        }
        EXPECT_GE(d.year, 2018) << d.id;
        EXPECT_EQ(d.source.rfind("https://", 0), 0u) << d.id;
        EXPECT_FALSE(d.name.empty());
    }
    EXPECT_EQ(find_device("no-such-gpu"), nullptr);
}

TEST(DeviceTable, NvidiaTensorRatesAreTheDenseOnes) {
    // The H100 SXM data sheet prints 1,979 BF16 TFLOPS "with sparsity"; dense is half: 989.
    EXPECT_NEAR(find_device("h100-sxm")->fp16_tflops, 1979.0 / 2, 1);
    // The A100's 624 with sparsity -> 312 dense.
    EXPECT_NEAR(find_device("a100-80gb")->fp16_tflops, 312, 0.5);
    EXPECT_DOUBLE_EQ(find_device("h100-sxm")->memory_gb, 80);
    EXPECT_DOUBLE_EQ(find_device("rtx-4090")->memory_gb, 24);
}

// ---- VRAM: weights and the per-parameter state ---------------------------------------------------

VramInputs inference(double params, NumberFormat dtype) {
    VramInputs in;
    in.params = params;
    in.dtype = dtype;
    in.mode = RunMode::Inference;
    return in;
}

TEST(VramPlan, SevenBillionFp16WeightsAre14GB) {
    // 7e9 parameters x 2 bytes = 14e9 bytes.
    const VramPlan p = plan(inference(7e9, NumberFormat::BF16));
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_DOUBLE_EQ(p.weights, 14e9);
    EXPECT_DOUBLE_EQ(p.gradients, 0);
    EXPECT_DOUBLE_EQ(p.optimizer_state, 0);
    EXPECT_DOUBLE_EQ(p.master_weights, 0);
}

TEST(VramPlan, BytesPerValueOfEachFormat) {
    // fp32 4, bf16 2, fp8 1, int8 1; int4 = 4 bits + one 16-bit scale per 128 weights = 4.125 bits
    // = 0.515625 bytes, so 7e9 int4 weights = 3.609375e9 bytes.
    EXPECT_DOUBLE_EQ(plan(inference(1e9, NumberFormat::FP32)).weights, 4e9);
    EXPECT_DOUBLE_EQ(plan(inference(1e9, NumberFormat::FP8)).weights, 1e9);
    EXPECT_DOUBLE_EQ(plan(inference(1e9, NumberFormat::INT8)).weights, 1e9);
    EXPECT_DOUBLE_EQ(plan(inference(7e9, NumberFormat::INT4)).weights, 3.609375e9);
}

TEST(VramPlan, MixedPrecisionAdamIs16BytesPerParameter) {
    // bf16 weights 2 + bf16 gradients 2 + fp32 master 4 + Adam m and v 4 + 4 = 16 bytes.
    VramInputs in;
    in.params = 7e9;
    const VramPlan p = plan(in);
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_DOUBLE_EQ(p.weights, 14e9);
    EXPECT_DOUBLE_EQ(p.gradients, 14e9);
    EXPECT_DOUBLE_EQ(p.master_weights, 28e9);
    EXPECT_DOUBLE_EQ(p.optimizer_state, 56e9);
    EXPECT_DOUBLE_EQ(p.state_bytes_per_param, 16);
}

TEST(VramPlan, OtherOptimizersAndFp32Training) {
    // fp32 + Adam: 4 + 4 + 0 + 8 = 16. Mixed + SGD with momentum: 2 + 2 + 4 + 4 = 12.
    // Mixed + plain SGD: 2 + 2 + 4 = 8. fp32 + plain SGD: 4 + 4 = 8.
    VramInputs in;
    in.params = 1e9;
    in.dtype = NumberFormat::FP32;
    EXPECT_DOUBLE_EQ(plan(in).state_bytes_per_param, 16);
    in.optimizer = Optimizer::Sgd;
    EXPECT_DOUBLE_EQ(plan(in).state_bytes_per_param, 8);
    in.dtype = NumberFormat::BF16;
    EXPECT_DOUBLE_EQ(plan(in).state_bytes_per_param, 8);
    in.optimizer = Optimizer::SgdMomentum;
    EXPECT_DOUBLE_EQ(plan(in).state_bytes_per_param, 12);
}

// ---- VRAM: KV cache and activations -----------------------------------------------------------------

TEST(VramPlan, KvCacheOfLlama2_7B) {
    // 2 x 32 layers x 32 KV heads x 128 dims x 2 bytes = 524,288 bytes per token;
    // x 4,096 tokens = 2,147,483,648; a batch of 4 = 8,589,934,592 (lesson 9's quiz).
    VramInputs in = inference(6.74e9, NumberFormat::BF16);
    in.model = "llama2-7b";
    in.seq = 4096;
    EXPECT_DOUBLE_EQ(plan(in).kv_cache, 2147483648.0);
    in.batch = 4;
    EXPECT_DOUBLE_EQ(plan(in).kv_cache, 8589934592.0);
    // Llama 3 8B keeps 8 KV heads: 2 x 32 x 8 x 128 x 2 = 131,072 per token, x 4,096 = 536,870,912.
    in.model = "llama3-8b";
    in.batch = 1;
    EXPECT_DOUBLE_EQ(plan(in).kv_cache, 536870912.0);
    // An fp32 model keeps its cache in fp32: twice as much.
    in.dtype = NumberFormat::FP32;
    EXPECT_DOUBLE_EQ(plan(in).kv_cache, 2 * 536870912.0);
}

TEST(VramPlan, InferenceActivationsAreOneLayer) {
    // 17 values x 2 bytes = 34 bytes per token per unit of width: 4,096 tokens x 4,096 x 34 = 570,425,344.
    VramInputs in = inference(6.74e9, NumberFormat::BF16);
    in.model = "llama2-7b";
    in.seq = 4096;
    const VramPlan p = plan(in);
    EXPECT_DOUBLE_EQ(p.activations, 570425344.0);
    // Total = weights 13.48e9 + KV 2,147,483,648 + activations + overhead 1e9.
    EXPECT_DOUBLE_EQ(p.total(), 13.48e9 + 2147483648.0 + 570425344.0 + 1e9);
}

TEST(VramPlan, TrainingActivationsOfLesson9sOneBillionModel) {
    // 20 layers x 34 bytes x 2,048 tokens x width 2,048 = 2,852,126,720 bytes (lesson: "about 2.9 GB").
    VramInputs in;
    in.model = "gpt-1b";
    in.params = find_model_preset("gpt-1b")->params;
    in.seq = 2048;
    EXPECT_DOUBLE_EQ(plan(in).activations, 2852126720.0);
    // A batch of 8: 8 x that.
    in.batch = 8;
    EXPECT_DOUBLE_EQ(plan(in).activations, 8 * 2852126720.0);
    // Checkpointing, batch 1: inputs 20 x 2,048 x 2,048 x 2 = 167,772,160, plus one layer recomputed
    // 2,048 x 2,048 x 34 = 142,606,336: 310,378,496.
    in.batch = 1;
    in.checkpointing = true;
    EXPECT_DOUBLE_EQ(plan(in).activations, 310378496.0);
    // fp32 training stores activations in 4 bytes: twice the checkpointed amount.
    in.dtype = NumberFormat::FP32;
    EXPECT_DOUBLE_EQ(plan(in).activations, 2 * 310378496.0);
}

TEST(VramPlan, ShapeFromParameters) {
    // 7e9 = 196,608 L^3 -> L = cbrt(35,604) = 32.9 -> 33; width = sqrt(7e9 / (12 x 33)) = 4,204 -> 4,224
    // (a multiple of 64); heads = 4,224 / 128 = 33.
    const ModelShape s = shape_from_params(7e9);
    EXPECT_EQ(s.layers, 33);
    EXPECT_EQ(s.width, 4224);
    EXPECT_EQ(s.heads, 33);
    EXPECT_EQ(s.kv_heads, 33);
    for (double p : {1e6, 1.24e8, 1e9, 7e9, 7e10, 1e12}) {
        const ModelShape t = shape_from_params(p);
        ASSERT_GE(t.layers, 1) << p;
        ASSERT_GE(t.heads, 1) << p;
        EXPECT_NEAR(12.0 * t.layers * t.width * t.width / p, 1.0, p >= 1e9 ? 0.1 : 0.5) << p;
    }
}

TEST(VramPlan, BadInputsGiveErrorsNotNaN) {
    VramInputs in;
    for (double params : {0.0, -7e9, std::nan(""), HUGE_VAL}) {
        in.params = params;
        const VramPlan p = plan(in);
        EXPECT_FALSE(p.ok) << params;
        EXPECT_FALSE(p.error.empty());
        EXPECT_FALSE(std::isnan(p.total()));
    }
    in.params = 7e9;
    in.batch = 0;
    EXPECT_FALSE(plan(in).ok);
    in.batch = 1;
    in.seq = 0;
    EXPECT_FALSE(plan(in).ok);
    in.seq = 2048;
    in.dtype = NumberFormat::INT4;  // training in int4
    EXPECT_NE(plan(in).error.find("int4"), std::string::npos);
    in.dtype = NumberFormat::BF16;
    in.model = "gpt-9";
    EXPECT_FALSE(plan(in).ok);
    in.model.clear();
    in.overhead_bytes = -1;
    EXPECT_FALSE(plan(in).ok);
    EXPECT_EQ(largest_batch_that_fits(in, *find_device("h100-sxm")), 0);
}

TEST(VramPlan, ParsesTheNamesLessonBlocksUse) {
    EXPECT_EQ(parse_dtype("fp16"), NumberFormat::BF16);
    EXPECT_EQ(parse_dtype("int4"), NumberFormat::INT4);
    EXPECT_FALSE(parse_dtype("fp64"));
    EXPECT_EQ(parse_run_mode("inference"), RunMode::Inference);
    EXPECT_EQ(parse_optimizer("adamw"), Optimizer::Adam);
    EXPECT_EQ(parse_optimizer("sgd-momentum"), Optimizer::SgdMomentum);
    EXPECT_FALSE(parse_optimizer("lion"));
}

// ---- VRAM: fits and the largest batch ------------------------------------------------------------

TEST(VramFit, OneBillionModelOnA4090AndAnH100) {
    // State 16 x 1.007e9 = 16.112e9, plus overhead 1e9 = 17.112e9 fixed; each 2,048-token sequence adds
    // 2,852,126,720 bytes. RTX 4090: (24e9 - 17.112e9) / 2.852e9 = 2.4 -> 2 sequences (lesson 9: "one or
    // two"). H100: (80e9 - 17.112e9) / 2.852e9 = 22.05 -> 22.
    VramInputs in;
    in.model = "gpt-1b";
    in.params = 1.007e9;
    in.seq = 2048;
    EXPECT_TRUE(fits(plan(in), *find_device("rtx-4090")));
    EXPECT_EQ(largest_batch_that_fits(in, *find_device("rtx-4090")), 2);
    EXPECT_EQ(largest_batch_that_fits(in, *find_device("h100-sxm")), 22);
    // 7B with Adam: 112 GB of state alone, which no 80 GB card holds.
    in.model = "llama2-7b";
    in.params = 6.74e9;
    EXPECT_FALSE(fits(plan(in), *find_device("h100-sxm")));
    EXPECT_EQ(largest_batch_that_fits(in, *find_device("h100-sxm")), 0);
    EXPECT_GT(largest_batch_that_fits(in, *find_device("mi300x")), 0);
}

TEST(VramFit, LargestBatchIsTheEdge) {
    // The answer fits and one more sequence does not, on every device, for several models.
    for (const char* model : {"gpt2-small", "gpt-1b", "llama3-8b"})
        for (RunMode mode : {RunMode::Training, RunMode::Inference})
            for (const DeviceSpec& d : device_table()) {
                VramInputs in;
                in.model = model;
                in.params = find_model_preset(model)->params;
                in.mode = mode;
                const int b = largest_batch_that_fits(in, d);
                ASSERT_GE(b, 0);
                ASSERT_LE(b, kMaxBatch);
                if (b > 0) {
                    in.batch = b;
                    EXPECT_TRUE(fits(plan(in), d)) << model << " " << d.id;
                }
                if (b < kMaxBatch) {
                    in.batch = b + 1;
                    EXPECT_FALSE(fits(plan(in), d)) << model << " " << d.id;
                }
            }
}

TEST(VramFit, LargestBatchIsMonotonic) {
    // More memory never allows a smaller batch; longer sequences never allow a larger one.
    VramInputs in;
    in.model = "gpt-1b";
    in.params = 1.007e9;
    std::vector<const DeviceSpec*> by_memory;
    for (const DeviceSpec& d : device_table()) by_memory.push_back(&d);
    std::sort(by_memory.begin(), by_memory.end(),
              [](const DeviceSpec* a, const DeviceSpec* b) { return a->memory_gb < b->memory_gb; });
    int previous = 0;
    for (const DeviceSpec* d : by_memory) {
        const int b = largest_batch_that_fits(in, *d);
        EXPECT_GE(b, previous) << d->id;
        previous = b;
    }
    const DeviceSpec& h100 = *find_device("h100-sxm");
    previous = kMaxBatch;
    for (int seq : {128, 512, 2048, 8192, 32768}) {
        in.seq = seq;
        const int b = largest_batch_that_fits(in, h100);
        EXPECT_LE(b, previous) << seq;
        previous = b;
    }
    // Tiny model, short sequences, the biggest card: the cap.
    VramInputs tiny = inference(124e6, NumberFormat::BF16);
    tiny.model = "gpt2-small";
    tiny.seq = 16;
    EXPECT_EQ(largest_batch_that_fits(tiny, *find_device("mi300x")), kMaxBatch);
    // 70B in fp32 for inference (280 GB of weights) fits nowhere in the table.
    EXPECT_EQ(largest_batch_that_fits(inference(70e9, NumberFormat::FP32), *find_device("mi300x")), 0);
}

// ---- Cloud against on-premise ---------------------------------------------------------------------

TEST(CloudCost, LessonNineteensServerBreaksEvenAtAbout51Percent) {
    // Fixed per year = 240,000 / 3 + 20,000 = 100,000. Power per busy hour = 10 kW x 1.5 x $0.10 = $1.50.
    // Cloud per busy hour = 8 x $3 = $24. Break-even hours = 100,000 / 22.5 = 4,444.4; / 8,760 = 50.74 %.
    const CloudResult r = compare_cloud_and_owned(CloudInputs{});
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_TRUE(r.break_even_utilization);
    EXPECT_NEAR(*r.break_even_utilization, 100.0 * 100000 / 22.5 / 8760, 1e-9);
    EXPECT_NEAR(r.power_per_busy_hour, 1.5, 1e-12);
    // The lesson's table: at 50 %, (100,000 + 1.5 x 4,380) / 4,380 / 8 = $3.04 per busy GPU-hour.
    ASSERT_TRUE(r.owned_per_busy_gpu_hour);
    EXPECT_NEAR(*r.owned_per_busy_gpu_hour, 3.0414, 1e-4);
    CloudInputs in;
    in.utilization = 10;  // (100,000 + 1.5 x 876) / 876 / 8 = $14.46
    EXPECT_NEAR(*compare_cloud_and_owned(in).owned_per_busy_gpu_hour, 14.457, 1e-3);
}

TEST(CloudCost, BreakEvenInMonths) {
    // At 75 %: 547.5 busy hours a month. Cloud 24 x 547.5 = $13,140. Owned running: power 1.5 x 547.5
    // = $821.25 + staff 20,000 / 12 = $1,666.67 -> $2,487.92. Saving $10,652.08 a month;
    // 240,000 / 10,652.08 = 22.53 months.
    CloudInputs in;
    in.utilization = 75;
    const CloudResult r = compare_cloud_and_owned(in);
    ASSERT_TRUE(r.break_even_months);
    EXPECT_NEAR(*r.break_even_months, 240000 / (13140 - (821.25 + 20000.0 / 12)), 1e-9);
    EXPECT_NEAR(*r.break_even_months, 22.53, 0.01);
    // One GPU at $2/h, bought for $30,000, 700 W, PUE 1, $0.15/kWh, no staff, 5-year life, 50 %:
    // 365 busy hours; cloud $730/month; power 0.7 x 0.15 x 365 = $38.325; 30,000 / 691.675 = 43.37 months.
    CloudInputs one{2.0, 1, 30000, 700, 1.0, 0.15, 0, 5, 50, 60};
    const CloudResult s = compare_cloud_and_owned(one);
    ASSERT_TRUE(s.break_even_months);
    EXPECT_NEAR(*s.break_even_months, 30000 / (730 - 38.325), 1e-9);
    // The curves cross there: owned is dearer at month 43 and cheaper at month 44.
    EXPECT_GT(s.owned_cumulative[43], s.cloud_cumulative[43]);
    EXPECT_LT(s.owned_cumulative[44], s.cloud_cumulative[44]);
}

TEST(CloudCost, TheTwoBreakEvensAgree) {
    // At exactly the break-even utilization, the purchase pays off exactly at the end of its life.
    CloudInputs in;
    in.utilization = *compare_cloud_and_owned(in).break_even_utilization;
    const CloudResult r = compare_cloud_and_owned(in);
    ASSERT_TRUE(r.break_even_months);
    EXPECT_NEAR(*r.break_even_months, 36, 1e-6);
    // Below it, owning never pays off within the life (40 %: 240,000 / 4,903 = 49 months > 36).
    in.utilization = 40;
    EXPECT_FALSE(compare_cloud_and_owned(in).break_even_months);
}

TEST(CloudCost, CumulativeCostsAndRepurchase) {
    CloudInputs in;
    in.utilization = 75;
    in.horizon_months = 48;
    const CloudResult r = compare_cloud_and_owned(in);
    ASSERT_EQ(r.cloud_cumulative.size(), 49u);
    EXPECT_DOUBLE_EQ(r.cloud_cumulative[0], 0);
    EXPECT_DOUBLE_EQ(r.owned_cumulative[0], 240000);
    EXPECT_NEAR(r.cloud_cumulative[12], 12 * 13140, 1e-6);
    // Month 36 is the last of the first life; month 37 carries the second purchase.
    EXPECT_NEAR(r.owned_cumulative[36], 240000 + 36 * r.owned_running_per_month, 1e-6);
    EXPECT_NEAR(r.owned_cumulative[37], 480000 + 37 * r.owned_running_per_month, 1e-6);
    EXPECT_DOUBLE_EQ(r.cloud_at_horizon(), r.cloud_cumulative.back());
}

TEST(CloudCost, NeverAndEdgeCases) {
    CloudInputs in;
    in.utilization = 0;  // nothing rented, nothing to pay off
    CloudResult r = compare_cloud_and_owned(in);
    ASSERT_TRUE(r.ok);
    EXPECT_FALSE(r.break_even_months);
    EXPECT_FALSE(r.owned_per_busy_gpu_hour);
    for (double v : r.owned_cumulative) EXPECT_TRUE(std::isfinite(v));
    in.utilization = 100;
    in.price_per_hour = 0.1;  // $0.80 an hour for 8 GPUs, below the $1.50 of electricity
    r = compare_cloud_and_owned(in);
    EXPECT_FALSE(r.break_even_utilization);
    EXPECT_FALSE(r.break_even_months);
    in = CloudInputs{};
    in.purchase = 0;  // a free server pays off at once
    r = compare_cloud_and_owned(in);
    ASSERT_TRUE(r.break_even_months);
    EXPECT_DOUBLE_EQ(*r.break_even_months, 0);

    auto fails = [](CloudInputs bad) {
        const CloudResult x = compare_cloud_and_owned(bad);
        return !x.ok && !x.error.empty() && x.cloud_cumulative.empty();
    };
    CloudInputs b;
    b.price_per_hour = -1;
    EXPECT_TRUE(fails(b));
    b = {};
    b.gpus = 0;
    EXPECT_TRUE(fails(b));
    b = {};
    b.pue = 0.9;
    EXPECT_TRUE(fails(b));
    b = {};
    b.utilization = 101;
    EXPECT_TRUE(fails(b));
    b = {};
    b.life_years = 0;
    EXPECT_TRUE(fails(b));
    b = {};
    b.horizon_months = 0;
    EXPECT_TRUE(fails(b));
    b = {};
    b.electricity = std::nan("");
    EXPECT_TRUE(fails(b));
}

// ---- The views, drawn headless -------------------------------------------------------------------

TEST_F(ExplorerViewsHeadless, VramPlannerTakesLessonParameters) {
    ExplorersView view;
    const std::map<std::string, std::string> params = {
        {"params", "7e9"}, {"dtype", "fp16"}, {"mode", "inference"}, {"seq", "4096"}, {"device", "rtx-4090"}};
    for (float width : {560.0f, 1400.0f}) {
        draw(view, "explore-vram", width, params);
        const nlohmann::json s = view.test_state()["explore-vram"];
        EXPECT_EQ(s["mode"], "inference");
        EXPECT_EQ(s["dtype"], "bf16");
        EXPECT_EQ(s["device"], "rtx-4090");
        EXPECT_DOUBLE_EQ(s["weights_bytes"].get<double>(), 14e9);
        EXPECT_TRUE(s["fits"].get<bool>());
        EXPECT_GE(s["largest_batch"].get<int>(), 1);
        EXPECT_EQ(s["devices"].size(), device_table().size());
        const std::string answer = s["answer"];
        EXPECT_NE(answer.find("fits on the NVIDIA GeForce RTX 4090"), std::string::npos) << answer;
        for (const char* w : {"##vram-params", "##vram-batch", "##vram-seq", "vram-answer", "vram-bar"}) expect_inside(w, width);
    }
}

TEST_F(ExplorerViewsHeadless, VramPlannerSaysWhereItDoesNotFit) {
    ExplorersView view;
    draw(view, "explore-vram", 800,
         {{"model", "llama2-7b"}, {"mode", "training"}, {"optimizer", "adam"}, {"device", "h100-sxm"}});
    const nlohmann::json s = view.test_state()["explore-vram"];
    EXPECT_DOUBLE_EQ(s["state_bytes_per_param"].get<double>(), 16);
    EXPECT_FALSE(s["fits"].get<bool>());
    EXPECT_EQ(s["largest_batch"], 0);
    const std::string answer = s["answer"];
    EXPECT_NE(answer.find("does not fit on the NVIDIA H100"), std::string::npos) << answer;
    // 6.74e9 x 16 = 107.84 GB of state + 32 x 2,048 x 4,096 x 34 = 9.13 GB of activations + 1 GB = 118 GB:
    // the smallest device in the table that holds it is the 141 GB H200.
    EXPECT_NE(answer.find("smallest device in the table that holds it is the Intel Gaudi 3"), std::string::npos) << answer;
}

TEST_F(ExplorerViewsHeadless, CloudExplorerTakesLessonParameters) {
    ExplorersView view;
    const std::map<std::string, std::string> params = {{"utilization", "75"}};
    for (float width : {560.0f, 1400.0f}) {
        draw(view, "explore-cloud", width, params);
        const nlohmann::json s = view.test_state()["explore-cloud"];
        EXPECT_DOUBLE_EQ(s["utilization"].get<double>(), 75);
        ASSERT_TRUE(s["break_even_months"].is_number());
        EXPECT_NEAR(s["break_even_months"].get<double>(), 22.53, 0.01);
        const std::string answer = s["answer"];
        EXPECT_NE(answer.find("pays off after 22.5 months"), std::string::npos) << answer;
        for (const char* w : {"##cloud-price", "##cloud-utilization", "##cloud-purchase", "cloud-answer", "chart:explore-cloud"})
            expect_inside(w, width);
    }
    draw(view, "explore-cloud", 700, {{"utilization", "20"}, {"price_per_hour", "2.5"}});
    const nlohmann::json s = view.test_state()["explore-cloud"];
    EXPECT_TRUE(s["break_even_months"].is_null());
    EXPECT_NE(s["answer"].get<std::string>().find("never pays off"), std::string::npos);
}

}  // namespace
}  // namespace dojo

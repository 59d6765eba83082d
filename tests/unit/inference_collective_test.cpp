// The inference and collectives explorers' math against cases worked by hand (the arithmetic is
// written out beside each), their refusals, and both views drawn headless at lesson, Labs and phone
// widths.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "explorer_views_fixture.h"
#include "explorers/collective_model.h"
#include "explorers/inference_model.h"
#include "labs/lab_catalog.h"

namespace dojo {
namespace {

const DeviceSpec& device(const char* id) {
    const DeviceSpec* d = find_device(id);
    EXPECT_NE(d, nullptr) << id;
    static DeviceSpec none;
    return d ? *d : none;
}

// ---- Inference -----------------------------------------------------------------------------------

TEST(Inference, BatchedDecodeReadsTheWeightsOnceAndEveryConversationsCache) {
    // Llama 3 8B in bf16 on an H100 SXM, 32 conversations of 4,096 tokens.
    InferenceInputs in;
    in.model = "llama3-8b";
    in.batch = 32;
    in.context = 4096;
    const InferenceEstimate e = estimate_inference(in, device("h100-sxm"));
    ASSERT_TRUE(e.ok) << e.error;
    EXPECT_DOUBLE_EQ(e.weight_bytes, 8.03e9 * 2);  // 16.06 GB
    // 2 (K and V) x 32 layers x 8 KV heads x 128 (4,096 / 32) x 2 bytes = 131,072 bytes a token.
    EXPECT_DOUBLE_EQ(e.kv_bytes_per_token, 131072);
    EXPECT_DOUBLE_EQ(e.kv_bytes, 32.0 * 4096 * 131072);  // 17.18 GB: more than the weights
    EXPECT_DOUBLE_EQ(e.bytes_per_step, 16.06e9 + 32.0 * 4096 * 131072);
    // 33.24 GB / 3,350 GB/s = 9.92 ms; FLOPs 32 x (2 x 8.03e9 + 4 x 32 x 4,096 x 4,096) = 582.6 GFLOP,
    // / 989 TFLOP/s = 0.59 ms: memory-bound.
    EXPECT_TRUE(e.memory_bound);
    EXPECT_NEAR(e.step_seconds, 9.922e-3, 0.002e-3);
    EXPECT_NEAR(e.compute_seconds, 582.6e9 / 989e12, 0.001e-3);
    EXPECT_NEAR(e.tokens_per_second_user, 100.8, 0.1);
    EXPECT_NEAR(e.tokens_per_second_total, 3225, 2);
    // Prefill of 4,096 tokens: 2 x 8.03e9 x 4,096 + 2 x 32 x 4,096 x 4,096^2 = 70.18 TFLOP at 989 TFLOP/s.
    EXPECT_NEAR(e.ttft_seconds, 70.18e12 / 989e12, 0.05e-3);
    // 16.06 + 17.18 + 1 GB of overhead = 34.24 GB of 80; (80 - 16.06 - 1) GB / (4,096 x 131,072) = 117.2.
    EXPECT_TRUE(e.fits);
    EXPECT_NEAR(e.memory_needed, 34.24e9, 0.01e9);
    EXPECT_EQ(e.largest_batch, 117);
    // 700 W x 9.92 ms / 32 tokens = 0.217 J a token.
    EXPECT_NEAR(e.joules_per_token, 0.217, 0.001);
}

TEST(Inference, BatchingRaisesTotalThroughputFarLessThanTheBatchSize) {
    // The rule lessons 6, 18 and 21 teach: 32 conversations of 2,000 tokens on Llama 2 7B (no GQA:
    // 524,288 bytes of KV cache a token, so 33.6 GB for the batch against 13.5 GB of weights).
    InferenceInputs one;
    one.model = "llama2-7b";
    one.context = 2000;
    InferenceInputs many = one;
    many.batch = 32;
    const InferenceEstimate a = estimate_inference(one, device("h100-sxm"));
    const InferenceEstimate b = estimate_inference(many, device("h100-sxm"));
    ASSERT_TRUE(a.ok && b.ok);
    EXPECT_DOUBLE_EQ(b.kv_bytes, 32.0 * 2000 * 524288);
    const double speedup = b.tokens_per_second_total / a.tokens_per_second_total;
    EXPECT_GT(speedup, 8);
    EXPECT_LT(speedup, 12) << "batching 32 shares the weights, not the KV cache";
    EXPECT_GT(b.step_seconds / a.step_seconds, 3) << "each user slows down";
}

TEST(Inference, FewerKvHeadsShrinkTheCacheAndFewerBitsShrinkTheWeights) {
    InferenceInputs in;
    in.model = "llama3-8b";
    in.kv_heads = 1;  // multi-query: one K/V head
    InferenceEstimate e = estimate_inference(in, device("h100-sxm"));
    ASSERT_TRUE(e.ok);
    EXPECT_DOUBLE_EQ(e.kv_bytes_per_token, 2.0 * 32 * 1 * 128 * 2);
    in.kv_heads = 0;
    in.kv = NumberFormat::FP8;
    in.weights = NumberFormat::INT4;
    e = estimate_inference(in, device("h100-sxm"));
    EXPECT_DOUBLE_EQ(e.kv_bytes_per_token, 65536);
    EXPECT_DOUBLE_EQ(e.weight_bytes, 8.03e9 * (0.5 + 2.0 / 128));
    in.kv_heads = 3;  // 32 query heads cannot be shared out among 3
    e = estimate_inference(in, device("h100-sxm"));
    EXPECT_FALSE(e.ok);
    EXPECT_NE(e.error.find("divide"), std::string::npos) << e.error;
}

TEST(Inference, FP8WeightsPrefillAtTheFP8RateWhereTheDeviceHasOne) {
    InferenceInputs in;
    in.model = "llama3-8b";
    in.context = 8192;
    const InferenceEstimate bf16 = estimate_inference(in, device("h100-sxm"));
    in.weights = NumberFormat::FP8;
    const InferenceEstimate fp8 = estimate_inference(in, device("h100-sxm"));
    const InferenceEstimate a100 = estimate_inference(in, device("a100-80gb"));  // no FP8: the BF16 rate
    ASSERT_TRUE(bf16.ok && fp8.ok && a100.ok);
    EXPECT_NEAR(bf16.ttft_seconds / fp8.ttft_seconds, 1979.0 / 989, 0.01);
    const double flops = 2 * 8.03e9 * 8192 + 2.0 * 32 * 4096 * 8192.0 * 8192;
    EXPECT_NEAR(a100.ttft_seconds, flops / 312e12, 1e-6);
}

TEST(Inference, SaysWhatDoesNotFitAndRefusesNonsense) {
    InferenceInputs in;
    in.model = "llama2-70b";
    const InferenceEstimate e = estimate_inference(in, device("rtx-4090"));  // 138 GB of weights, 24 GB card
    ASSERT_TRUE(e.ok);
    EXPECT_FALSE(e.fits);
    EXPECT_EQ(e.largest_batch, 0);
    in.model = "gpt-5";
    EXPECT_FALSE(estimate_inference(in, device("h100-sxm")).ok);
    in.model = "llama3-8b";
    in.batch = 0;
    EXPECT_FALSE(estimate_inference(in, device("h100-sxm")).ok);
}

// ---- Collectives ---------------------------------------------------------------------------------

TEST(Collective, RingAllReduceOnNvlink) {
    // 8 GPUs all-reduce 14 GB over NVLink 4: each sends 2 x 7/8 x 14 = 24.5 GB in 14 steps:
    // 14 x 3 us + 24.5 GB / 450 GB/s = 42 us + 54.44 ms.
    CollectiveInputs in;
    in.bytes = 14e9;
    const CollectiveEstimate e = estimate_collective(in);
    ASSERT_TRUE(e.ok) << e.error;
    EXPECT_DOUBLE_EQ(e.bytes_sent, 24.5e9);
    EXPECT_EQ(e.steps, 14);
    EXPECT_FALSE(e.left_domain);
    EXPECT_NEAR(e.seconds, 42e-6 + 24.5 / 450, 1e-9);
    EXPECT_NEAR(e.busbw, 24.5e9 / e.seconds, 1);
    EXPECT_NEAR(e.algbw, 14e9 / e.seconds, 1);
    EXPECT_LT(e.busbw, 450e9);
    EXPECT_GT(e.busbw, 449e9);
}

TEST(Collective, MoreGpusThanTheDomainCrossTheNetworkOneRingPerNic) {
    // 16 GPUs all-gather 1 GB over NVLink 4 (8 to a domain) and InfiniBand NDR: one ring through each
    // GPU's 50 GB/s NIC, so 8 x 50 = 400 GB/s between the servers, slower than NVLink's 450: 15/16 GB
    // sent in 15 steps at 6 us = 2.34 ms + 90 us.
    CollectiveInputs in;
    in.op = Collective::AllGather;
    in.gpus = 16;
    CollectiveEstimate e = estimate_collective(in);
    ASSERT_TRUE(e.ok) << e.error;
    EXPECT_TRUE(e.left_domain);
    ASSERT_NE(e.bottleneck, nullptr);
    EXPECT_EQ(e.bottleneck->id, "ib-ndr");
    EXPECT_DOUBLE_EQ(e.bandwidth, 400e9);
    EXPECT_NEAR(e.seconds, 0.9375e9 / 400e9 + 15 * 6e-6, 1e-9);
    // With XDR the NICs carry 8 x 100 = 800 GB/s: NVLink's 450 sets the pace again, at the network's latency.
    in.network = "ib-xdr";
    e = estimate_collective(in);
    EXPECT_EQ(e.bottleneck->id, "nvlink4");
    EXPECT_NEAR(e.seconds, 0.9375e9 / 450e9 + 15 * 6e-6, 1e-9);
    // 100 Gb Ethernet shared by a server: 12.5 GB/s between servers.
    in.network = "eth-100g";
    EXPECT_NEAR(estimate_collective(in).bandwidth, 12.5e9, 1);
    in.link = "nvlink5";  // 72 GPUs to a domain: stays on NVLink
    in.network = "ib-ndr";
    EXPECT_FALSE(estimate_collective(in).left_domain);
}

TEST(Collective, SmallMessagesAreLatencyBound) {
    CollectiveInputs in;
    in.gpus = 1024;
    in.link = "ib-ndr";
    in.bytes = 1e6;  // 1 MB: 2,046 steps x 6 us = 12.3 ms against 2 MB / 50 GB/s = 0.04 ms
    const CollectiveEstimate e = estimate_collective(in);
    ASSERT_TRUE(e.ok);
    EXPECT_GT(e.latency_seconds, 0.9 * e.seconds);
}

TEST(Collective, RefusesWhatCannotRun) {
    CollectiveInputs in;
    in.gpus = 1;
    EXPECT_FALSE(estimate_collective(in).ok);
    in.gpus = 16;
    in.network = "pcie5";  // not a network: cannot join two servers' domains
    const CollectiveEstimate e = estimate_collective(in);
    EXPECT_FALSE(e.ok);
    EXPECT_NE(e.error.find("not a network"), std::string::npos) << e.error;
    in.link = "carrier-pigeon";
    EXPECT_FALSE(estimate_collective(in).ok);
    Collective op{};
    EXPECT_FALSE(parse_collective("all-sum", op));
    EXPECT_TRUE(parse_collective("reduce-scatter", op));
    EXPECT_EQ(op, Collective::ReduceScatter);
}

TEST(Collective, TheCatalogChecksLinkNamesAgainstTheTable) {
    const LabInfo* lab = find_lab("explore-collective");
    ASSERT_NE(lab, nullptr);
    EXPECT_EQ(check_lab_param(*lab, "link", "nvlink5"), "");
    EXPECT_NE(check_lab_param(*lab, "link", "nvlink9"), "");
    EXPECT_NE(check_lab_param(*lab, "network", "nvlink4"), "") << "a scale-up link is not a network";
    const LabInfo* inference = find_lab("explore-inference");
    ASSERT_NE(inference, nullptr);
    EXPECT_EQ(check_lab_param(*inference, "device", "b200"), "");
    EXPECT_NE(check_lab_param(*inference, "device", "b2000"), "");
    EXPECT_NE(check_lab_param(*inference, "model", "llama9"), "");
}

// ---- The views -----------------------------------------------------------------------------------

TEST_F(ExplorerViewsHeadless, InferenceExplorerTakesLessonParameters) {
    ExplorersView view;
    const std::map<std::string, std::string> params = {
        {"device", "h100-sxm"}, {"model", "llama3-8b"}, {"batch", "32"}, {"context", "4096"}, {"dtype", "bf16"}};
    for (float width : {360.0f, 800.0f, 1400.0f}) {
        draw(view, "explore-inference", width, params);
        const nlohmann::json s = view.test_state()["explore-inference"];
        EXPECT_EQ(s["device"], "h100-sxm");
        EXPECT_EQ(s["batch"], 32);
        EXPECT_EQ(s["bound"], "memory");
        EXPECT_TRUE(s["fits"].get<bool>());
        const std::string answer = s["answer"];
        EXPECT_NE(answer.find("17.2 GB of KV cache"), std::string::npos) << answer;
        EXPECT_NE(answer.find("101 tokens/s"), std::string::npos) << answer;
        EXPECT_NE(answer.find("3,225 tokens/s"), std::string::npos) << answer;
        for (const char* w : {"##batch", "##context", "inference-answer", "chart:explore-inference"}) expect_inside(w, width);
    }
}

TEST_F(ExplorerViewsHeadless, InferenceExplorerSaysHowManyConversationsFit) {
    ExplorersView view;
    draw(view, "explore-inference", 800,
         {{"device", "rtx-4090"}, {"model", "llama2-7b"}, {"batch", "64"}, {"context", "4096"}, {"kv_heads", "8"}});
    const nlohmann::json s = view.test_state()["explore-inference"];
    EXPECT_EQ(s["kv_heads"], 8);
    EXPECT_FALSE(s["fits"].get<bool>());
    // (24 - 13.48 - 1) GB / (4,096 x 2 x 32 x 8 x 128 x 2 bytes) = 9.52e9 / 0.537e9 = 17.7: 17 fit.
    EXPECT_EQ(s["largest_batch"], 17);
    const std::string answer = s["answer"];
    EXPECT_NE(answer.find("At most 17 conversations"), std::string::npos) << answer;
}

TEST_F(ExplorerViewsHeadless, CollectiveExplorerTakesLessonParameters) {
    ExplorersView view;
    const std::map<std::string, std::string> params = {
        {"op", "all-reduce"}, {"gpus", "64"}, {"data_gb", "14"}, {"link", "nvlink4"}, {"network", "ib-ndr"}};
    for (float width : {360.0f, 800.0f, 1400.0f}) {
        draw(view, "explore-collective", width, params);
        const nlohmann::json s = view.test_state()["explore-collective"];
        EXPECT_EQ(s["gpus"], 64);
        EXPECT_TRUE(s["left_domain"].get<bool>());
        EXPECT_EQ(s["bottleneck"], "ib-ndr");
        // 2 x 63/64 x 14 GB = 27.56 GB at 8 x 50 = 400 GB/s = 68.9 ms, plus 126 steps x 6 us.
        EXPECT_NEAR(s["seconds"].get<double>(), 27.5625 / 400 + 126 * 6e-6, 1e-9);
        const std::string answer = s["answer"];
        EXPECT_NE(answer.find("more than one domain of 8"), std::string::npos) << answer;
        EXPECT_NE(answer.find("8 \xc3\x97 50 GB/s = 400 GB/s between domains, so the network sets the pace"), std::string::npos)
            << answer;
        EXPECT_NE(answer.find("69.7 ms"), std::string::npos) << answer;
        for (const char* w : {"##gpus", "##data", "collective-answer", "chart:explore-collective"}) expect_inside(w, width);
    }
}

}  // namespace
}  // namespace dojo

// The inference explorer's model: how fast a transformer generates tokens on a device, per user and
// in total, against how many conversations are batched and how long they are, following lesson
// llm-inference (and lessons 6, 18 and 21, which teach the same rule).
//
// The model:
// - Weights: parameters x bytes per value (vram_plan.h's bytes_per_value: int4 includes its scales).
// - KV cache per token: 2 (K and V) x layers x KV heads x head dimension x bytes per value. Grouped-
//   query attention shares each K/V head among several query heads (Llama 3 8B: 8 KV heads for 32
//   query heads), multi-query attention keeps one; `kv_heads` overrides the model's own.
// - One decode step makes one token for every conversation in the batch. It reads all the weights
//   once (shared by the batch) and every conversation's whole KV cache (not shared):
//       bytes per step = weights + batch x context x KV bytes per token
//   and does 2 x parameters FLOPs per token plus attention's 4 x layers x width x context
//   (Q K^T and P V over the cached tokens).
//   step time = max(bytes / bandwidth, FLOPs / peak): the roofline's bound, reached only by a
//   perfect kernel; real servers reach perhaps 50 to 80 percent of it.
// - Time per output token (TPOT) for each user = the step time; tokens per second per user =
//   1 / step; in total = batch / step.
// - Time to first token (TTFT) for one conversation = its prefill: the prompt's `context` tokens in
//   one pass, 2 x parameters x context FLOPs plus causal attention's 2 x layers x width x context^2,
//   at the device's matrix peak (FP8 where the weights are FP8 and the device has an FP8 rate),
//   and never less than one read of the weights.
// - Memory: weights + the whole batch's KV cache + 1 GB of overhead (as the VRAM planner counts it).
// - Energy per token: the device's board power x step time / batch (power drawn at its limit; 0
//   where the vendor publishes no power).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/number_format.h"
#include "explorers/device_table.h"

namespace dojo {

struct InferenceInputs {
    std::string model = "llama3-8b";            // a preset of vram_plan.h
    NumberFormat weights = NumberFormat::BF16;  // bf16, fp8, int8, int4
    NumberFormat kv = NumberFormat::BF16;       // bf16 or fp8
    int batch = 1;                              // conversations decoded together
    int context = 2048;                         // tokens in each conversation (prompt + generated)
    int kv_heads = 0;                           // 0: the model's own
};

// The choices a lesson block may name (one list for the catalog and the view).
const std::vector<std::string>& inference_weight_formats();  // "bf16", "fp8", "int8", "int4"
const std::vector<std::string>& inference_kv_formats();      // "bf16", "fp8"

struct InferenceEstimate {
    bool ok = false;
    std::string error;  // for a learner, when !ok
    double params = 0;
    int layers = 0, width = 0, heads = 0, kv_heads = 0, head_dim = 0;
    double weight_bytes = 0, kv_bytes_per_token = 0, kv_bytes = 0;  // kv_bytes: the whole batch's
    double bytes_per_step = 0, flops_per_step = 0;
    double memory_seconds = 0, compute_seconds = 0, step_seconds = 0;
    bool memory_bound = true;
    double tokens_per_second_user = 0, tokens_per_second_total = 0;
    double ttft_seconds = 0;
    double memory_needed = 0;
    bool fits = false;
    int largest_batch = 0;        // the most conversations of this length that fit (0: none)
    double joules_per_token = 0;  // 0 when the device's power is not published
};
InferenceEstimate estimate_inference(const InferenceInputs& in, const DeviceSpec& device);

}  // namespace dojo

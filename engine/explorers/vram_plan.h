// The VRAM planner's memory model: how many bytes a transformer needs to run or train, part by
// part (weights, gradients, master weights, optimizer state, activations, KV cache, overhead), and
// whether that fits on a device of the table, with the largest batch that does.
//
// The model, as lesson 9 (estimating-model-memory) teaches it:
// - Weights: parameters x bytes per value (fp32 4, bf16/fp16 2, fp8/int8 1, int4 0.5 plus one fp16
//   scale per group of 128 weights = 0.515625).
// - Training keeps weights in fp32 ("fp32": weights 4 + gradients 4) or in mixed precision ("bf16":
//   bf16 weights 2 + bf16 gradients 2 + fp32 master weights 4). The optimizer adds fp32 state: Adam
//   8 bytes per parameter (m and v), SGD with momentum 4, plain SGD 0. So Adam costs 16 bytes per
//   parameter either way (ZeRO paper). Training in fp8, int8 or int4 is not modeled (an error).
// - Training activations, GPT-style layers with fused attention (Korthikanti et al. 2022):
//   34 x s x b x h bytes per layer with 16-bit activations, i.e. 17 values per token per unit of
//   width; fp32 training stores them in 4 bytes (twice that). With activation checkpointing only
//   each layer's input is kept (1 value per token per unit of width per layer) plus one layer's
//   full set while it is recomputed.
// - Inference: weights + KV cache (2 x layers x KV heads x head dimension x tokens, in 16 bits, or
//   fp32 when the weights are fp32) + one layer's activations for the whole prompt (17 values per
//   token per unit of width), since a layer's intermediates are freed once the next has read them.
// - Overhead: a fixed allowance for the CUDA context, the framework and the allocator (1 GB).
// The shape (layers, width, heads) comes from a named model preset, or from the parameter count by
// the rule params = 12 x layers x width^2 with width = 128 x layers (close to Llama 2's shapes).
// Logits over the vocabulary and the embedding tables' activations are left out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/number_format.h"
#include "explorers/device_table.h"

namespace dojo {

enum class RunMode { Inference, Training };
enum class Optimizer { Adam, SgdMomentum, Sgd };

// The planner's formats: fp32, bf16 (fp16 too: both are 2 bytes), fp8, int8 and int4.
std::optional<NumberFormat> parse_dtype(std::string_view text);   // "fp32", "bf16", "fp16", "fp8", "int8", "int4"
std::optional<RunMode> parse_run_mode(std::string_view text);     // "inference", "training"
std::optional<Optimizer> parse_optimizer(std::string_view text);  // "adam", "adamw", "sgd-momentum", "sgd"
const char* run_mode_name(RunMode m);
const char* optimizer_name(Optimizer o);
double bytes_per_value(NumberFormat d);  // int4 includes its scales; tf32 is stored as fp32

struct ModelShape {
    int layers = 0, width = 0, heads = 0, kv_heads = 0;
    int head_dim() const { return heads > 0 ? width / heads : 0; }
};

struct ModelPreset {
    std::string id, name;
    double params = 0;
    ModelShape shape;
};
const std::vector<ModelPreset>& model_presets();
const ModelPreset* find_model_preset(std::string_view id);
// The rule above; heads of dimension 128 (at least one), no grouped-query attention.
ModelShape shape_from_params(double params);

struct VramInputs {
    double params = 7e9;
    std::string model;  // a preset id, or empty: the shape comes from `params`
    NumberFormat dtype = NumberFormat::BF16;
    RunMode mode = RunMode::Training;
    Optimizer optimizer = Optimizer::Adam;
    int batch = 1;               // sequences processed at once
    int seq = 2048;              // tokens per sequence
    bool checkpointing = false;  // activation checkpointing (training only)
    double overhead_bytes = 1e9;
};

struct VramPlan {
    bool ok = false;
    std::string error;  // why no plan, in words a learner can act on
    ModelShape shape;
    double weights = 0, gradients = 0, master_weights = 0, optimizer_state = 0;  // bytes
    double activations = 0, kv_cache = 0, overhead = 0;                          // bytes
    double total() const { return weights + gradients + master_weights + optimizer_state + activations + kv_cache + overhead; }
    // Weights, gradients, master weights and optimizer state per parameter (16 for Adam).
    double state_bytes_per_param = 0;
};

VramPlan plan(const VramInputs& in);
double device_bytes(const DeviceSpec& device);  // memory_gb in bytes
bool fits(const VramPlan& p, const DeviceSpec& device);

// Batches above this are not searched: the answer is then "at least kMaxBatch".
inline constexpr int kMaxBatch = 4096;
// The largest batch (same sequence length) whose plan fits: 0 when even batch 1 does not fit, or
// when the inputs are invalid; kMaxBatch when that fits.
int largest_batch_that_fits(const VramInputs& in, const DeviceSpec& device);

}  // namespace dojo

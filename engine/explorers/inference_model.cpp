// The inference explorer's arithmetic (the model is described in inference_model.h).
#include "explorers/inference_model.h"

#include <algorithm>
#include <cmath>

#include "explorers/vram_plan.h"

namespace dojo {

namespace {

// The matrix peak the prefill runs at, FLOP/s: FP8 where both the weights and the device allow it,
// else the 16-bit matrix rate, else the FP32 rate (devices without matrix units).
double matrix_peak(const DeviceSpec& d, NumberFormat weights) {
    if (weights == NumberFormat::FP8 && d.fp8_tflops > 0) return d.fp8_tflops * 1e12;
    if (d.fp16_tflops > 0) return d.fp16_tflops * 1e12;
    return d.fp32_tflops * 1e12;
}

}  // namespace

const std::vector<std::string>& inference_weight_formats() {
    static const std::vector<std::string> v = {"bf16", "fp8", "int8", "int4"};
    return v;
}

const std::vector<std::string>& inference_kv_formats() {
    static const std::vector<std::string> v = {"bf16", "fp8"};
    return v;
}

InferenceEstimate estimate_inference(const InferenceInputs& in, const DeviceSpec& d) {
    InferenceEstimate e;
    const ModelPreset* m = find_model_preset(in.model);
    if (!m) {
        e.error = "There is no model called '" + in.model + "'.";
        return e;
    }
    if (in.batch < 1 || in.context < 1) {
        e.error = "The batch and the context need at least one conversation and one token.";
        return e;
    }
    if (in.kv_heads < 0 || in.kv_heads > m->shape.heads || (in.kv_heads > 0 && m->shape.heads % in.kv_heads != 0)) {
        e.error = "KV heads must divide the model's " + std::to_string(m->shape.heads) + " query heads evenly.";
        return e;
    }
    if (!(d.bandwidth_gbs > 0)) {
        e.error = "The " + d.name + " has no memory bandwidth in the table.";
        return e;
    }
    const double peak = matrix_peak(d, in.weights);
    if (!(peak > 0)) {
        e.error = "The maker of the " + d.name + " publishes no FP32 or 16-bit rate to compute with.";
        return e;
    }
    e.params = m->params;
    e.layers = m->shape.layers;
    e.width = m->shape.width;
    e.heads = m->shape.heads;
    e.kv_heads = in.kv_heads > 0 ? in.kv_heads : m->shape.kv_heads;
    e.head_dim = m->shape.head_dim();

    const double batch = in.batch, context = in.context;
    e.weight_bytes = e.params * bytes_per_value(in.weights);
    e.kv_bytes_per_token = 2.0 * e.layers * e.kv_heads * e.head_dim * bytes_per_value(in.kv);
    e.kv_bytes = batch * context * e.kv_bytes_per_token;
    e.bytes_per_step = e.weight_bytes + e.kv_bytes;
    e.flops_per_step = batch * (2 * e.params + 4.0 * e.layers * e.width * context);

    const double bandwidth = d.bandwidth_gbs * 1e9;
    e.memory_seconds = e.bytes_per_step / bandwidth;
    e.compute_seconds = e.flops_per_step / peak;
    e.memory_bound = e.memory_seconds >= e.compute_seconds;
    e.step_seconds = std::max(e.memory_seconds, e.compute_seconds);
    e.tokens_per_second_user = 1 / e.step_seconds;
    e.tokens_per_second_total = batch / e.step_seconds;

    const double prefill_flops = 2 * e.params * context + 2.0 * e.layers * e.width * context * context;
    e.ttft_seconds = std::max(prefill_flops / peak, e.weight_bytes / bandwidth);

    const double overhead = VramInputs{}.overhead_bytes;
    const double memory = device_bytes(d);
    e.memory_needed = e.weight_bytes + e.kv_bytes + overhead;
    e.fits = e.memory_needed <= memory;
    const double room = memory - e.weight_bytes - overhead;
    e.largest_batch = room > 0 ? static_cast<int>(std::min(1e9, std::floor(room / (context * e.kv_bytes_per_token)))) : 0;
    if (d.power_w > 0) e.joules_per_token = d.power_w * e.step_seconds / batch;
    e.ok = true;
    return e;
}

}  // namespace dojo

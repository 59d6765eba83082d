// The VRAM planner's arithmetic (the model is described in vram_plan.h).
#include "explorers/vram_plan.h"

#include <algorithm>
#include <cmath>

namespace dojo {

namespace {

constexpr double kTrainingValuesPerToken = 17;  // 34 bytes per token per unit of width at 2 bytes

bool is(std::string_view a, std::string_view b) {
    return a == b;
}

}  // namespace

std::optional<NumberFormat> parse_dtype(std::string_view t) {
    if (is(t, "fp32") || is(t, "float32")) return NumberFormat::FP32;
    if (is(t, "bf16") || is(t, "fp16") || is(t, "float16") || is(t, "bfloat16")) return NumberFormat::BF16;
    if (is(t, "fp8")) return NumberFormat::FP8;
    if (is(t, "int8")) return NumberFormat::INT8;
    if (is(t, "int4")) return NumberFormat::INT4;
    return std::nullopt;
}

std::optional<RunMode> parse_run_mode(std::string_view t) {
    if (is(t, "inference")) return RunMode::Inference;
    if (is(t, "training") || is(t, "train")) return RunMode::Training;
    return std::nullopt;
}

std::optional<Optimizer> parse_optimizer(std::string_view t) {
    if (is(t, "adam") || is(t, "adamw")) return Optimizer::Adam;
    if (is(t, "sgd-momentum") || is(t, "momentum")) return Optimizer::SgdMomentum;
    if (is(t, "sgd")) return Optimizer::Sgd;
    return std::nullopt;
}

const char* run_mode_name(RunMode m) {
    return m == RunMode::Training ? "training" : "inference";
}

const char* optimizer_name(Optimizer o) {
    switch (o) {
        case Optimizer::Adam:
            return "adam";
        case Optimizer::SgdMomentum:
            return "sgd-momentum";
        case Optimizer::Sgd:
            return "sgd";
    }
    return "?";
}

double bytes_per_value(NumberFormat d) {
    switch (d) {
        case NumberFormat::FP32:
        case NumberFormat::TF32:
            return 4;
        case NumberFormat::FP16:
        case NumberFormat::BF16:
            return 2;
        case NumberFormat::FP8:
        case NumberFormat::INT8:
            return 1;
        case NumberFormat::INT4:
            return 0.5 + 2.0 / 128;  // one fp16 scale per group of 128 weights
    }
    return 0;
}

const std::vector<ModelPreset>& model_presets() {
    // Shapes from the models' published configurations.
    static const std::vector<ModelPreset> presets = {
        {"gpt2-small", "GPT-2 small (124M)", 124e6, {12, 768, 12, 12}},
        {"gpt-1b", "1B GPT-style (lesson 9's example)", 1.007e9, {20, 2048, 16, 16}},
        {"llama2-7b", "Llama 2 7B", 6.74e9, {32, 4096, 32, 32}},
        {"llama3-8b", "Llama 3 8B (grouped-query attention)", 8.03e9, {32, 4096, 32, 8}},
        {"llama2-13b", "Llama 2 13B", 13.0e9, {40, 5120, 40, 40}},
        {"llama2-70b", "Llama 2 70B (grouped-query attention)", 69.0e9, {80, 8192, 64, 8}},
    };
    return presets;
}

const ModelPreset* find_model_preset(std::string_view id) {
    for (const ModelPreset& p : model_presets())
        if (p.id == id) return &p;
    return nullptr;
}

ModelShape shape_from_params(double params) {
    ModelShape s;
    if (!(params > 0) || !std::isfinite(params)) return s;
    // params = 12 L (128 L)^2 = 196,608 L^3
    s.layers = std::max(1, static_cast<int>(std::lround(std::cbrt(params / 196608.0))));
    const double width = std::sqrt(params / (12.0 * s.layers));
    s.width = std::max(64, static_cast<int>(std::lround(width / 64.0)) * 64);
    s.heads = std::max(1, s.width / 128);
    s.kv_heads = s.heads;
    return s;
}

VramPlan plan(const VramInputs& in) {
    VramPlan p;
    if (!(in.params > 0) || !std::isfinite(in.params)) {
        p.error = "Give the model a positive number of parameters, for example 7e9 for a 7B model.";
        return p;
    }
    if (in.batch < 1) {
        p.error = "The batch must hold at least one sequence.";
        return p;
    }
    if (in.seq < 1) {
        p.error = "Each sequence needs at least one token.";
        return p;
    }
    if (!(in.overhead_bytes >= 0) || !std::isfinite(in.overhead_bytes)) {
        p.error = "The overhead allowance cannot be negative.";
        return p;
    }
    const bool training = in.mode == RunMode::Training;
    if (training && in.dtype != NumberFormat::FP32 && in.dtype != NumberFormat::BF16) {
        p.error = std::string("Training in ") + format_name(in.dtype) +
                  " is not modeled here: full training keeps weights in fp32 or bf16/fp16. Pick one of those, or "
                  "switch to inference.";
        return p;
    }
    const ModelPreset* preset = in.model.empty() ? nullptr : find_model_preset(in.model);
    if (!in.model.empty() && !preset) {
        p.error = "Unknown model preset '" + in.model + "'.";
        return p;
    }
    p.shape = preset ? preset->shape : shape_from_params(in.params);

    const double n = in.params;
    const double tokens = static_cast<double>(in.batch) * static_cast<double>(in.seq);
    const double h = p.shape.width;
    const double act_bytes = in.dtype == NumberFormat::FP32 ? 4.0 : 2.0;
    p.weights = n * bytes_per_value(in.dtype);
    p.overhead = in.overhead_bytes;
    if (training) {
        const bool mixed = in.dtype == NumberFormat::BF16;
        p.gradients = n * bytes_per_value(in.dtype);
        p.master_weights = mixed ? n * 4.0 : 0.0;
        const double state_per_param = in.optimizer == Optimizer::Adam ? 8.0 : in.optimizer == Optimizer::SgdMomentum ? 4.0 : 0.0;
        p.optimizer_state = n * state_per_param;
        const double layer_full = tokens * h * kTrainingValuesPerToken * act_bytes;
        p.activations = in.checkpointing ? p.shape.layers * tokens * h * act_bytes + layer_full : p.shape.layers * layer_full;
    } else {
        const double kv_bytes = in.dtype == NumberFormat::FP32 ? 4.0 : 2.0;
        p.kv_cache = 2.0 * p.shape.layers * p.shape.kv_heads * p.shape.head_dim() * kv_bytes * tokens;
        p.activations = tokens * h * kTrainingValuesPerToken * act_bytes;
    }
    p.state_bytes_per_param = (p.weights + p.gradients + p.master_weights + p.optimizer_state) / n;
    p.ok = true;
    return p;
}

double device_bytes(const DeviceSpec& device) {
    return device.memory_gb * 1e9;
}

bool fits(const VramPlan& p, const DeviceSpec& device) {
    return p.ok && device.memory_gb > 0 && p.total() <= device_bytes(device);
}

int largest_batch_that_fits(const VramInputs& in, const DeviceSpec& device) {
    VramInputs probe = in;
    probe.batch = 1;
    if (!fits(plan(probe), device)) return 0;
    probe.batch = kMaxBatch;
    if (fits(plan(probe), device)) return kMaxBatch;
    // Memory grows with the batch, so the answer lies between a fitting lo and a failing hi.
    int lo = 1, hi = kMaxBatch;
    while (hi - lo > 1) {
        probe.batch = lo + (hi - lo) / 2;
        if (fits(plan(probe), device))
            lo = probe.batch;
        else
            hi = probe.batch;
    }
    return lo;
}

}  // namespace dojo

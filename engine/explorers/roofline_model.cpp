// The roofline explorer's arithmetic: FLOP and byte counts per operation (documented in the
// header) and the min(peak, intensity x bandwidth) roofline.
#include "explorers/roofline_model.h"

#include <algorithm>
#include <cmath>

#include "explorers/device_table.h"

namespace dojo {

namespace {

bool positive(double v) {
    return v > 0 && std::isfinite(v);
}

}  // namespace

double bytes_per_number(NumberFormat format) {
    switch (format) {
        case NumberFormat::FP32:
        case NumberFormat::TF32:
            return 4.0;
        case NumberFormat::FP16:
        case NumberFormat::BF16:
            return 2.0;
        case NumberFormat::FP8:
        case NumberFormat::INT8:
            return 1.0;
        case NumberFormat::INT4:
            return 0.5;
    }
    return 4.0;
}

OperationCost operation_cost(const Operation& op) {
    OperationCost c;
    const double size = bytes_per_number(op.format);
    switch (op.kind) {
        case OperationKind::Matmul:
            if (!positive(op.m) || !positive(op.n) || !positive(op.k)) {
                c.error = "A matrix multiply needs sizes m, n and k of at least 1.";
                return c;
            }
            c.flops = 2 * op.m * op.n * op.k;
            c.bytes = (op.m * op.k + op.k * op.n + op.m * op.n) * size;
            break;
        case OperationKind::Add:
            if (!positive(op.elements)) {
                c.error = "An elementwise add needs at least one element.";
                return c;
            }
            c.flops = op.elements;
            c.bytes = 3 * op.elements * size;
            break;
        case OperationKind::AttentionUnfused:
        case OperationKind::AttentionFused: {
            if (!positive(op.seq) || !positive(op.head_dim) || !positive(op.heads)) {
                c.error = "Attention needs a sequence length, a head dimension and a number of heads of at least 1.";
                return c;
            }
            const double s = op.seq, d = op.head_dim;
            c.flops = op.heads * (4 * s * s * d + 5 * s * s);
            const double per_head = op.kind == OperationKind::AttentionFused ? 4 * s * d : 4 * s * d + 4 * s * s;
            c.bytes = op.heads * per_head * size;
            break;
        }
    }
    if (!std::isfinite(c.flops) || !std::isfinite(c.bytes)) {
        c.error = "These sizes are too large to count.";
        return c;
    }
    c.ok = true;
    return c;
}

RooflinePoint place_on_roofline(const Operation& op, double peak_flops, double bandwidth) {
    RooflinePoint p;
    if (!positive(peak_flops)) {
        p.error = "The device's peak speed must be above zero.";
        return p;
    }
    if (!positive(bandwidth)) {
        p.error = "The device's memory bandwidth must be above zero.";
        return p;
    }
    const OperationCost cost = operation_cost(op);
    if (!cost.ok) {
        p.error = cost.error;
        return p;
    }
    p.flops = cost.flops;
    p.bytes = cost.bytes;
    p.intensity = cost.flops / cost.bytes;
    p.ridge = peak_flops / bandwidth;
    p.memory_bound = p.intensity < p.ridge;
    p.attainable_flops = std::min(peak_flops, p.intensity * bandwidth);
    p.seconds = p.flops / p.attainable_flops;
    p.ok = true;
    return p;
}

double device_peak_for(const DeviceSpec& device, const Operation& op) {
    const bool matrix_work = op.kind != OperationKind::Add;
    if (op.format == NumberFormat::FP16 && matrix_work && device.fp16_tflops > 0) return device.fp16_tflops * 1e12;
    return device.fp32_tflops * 1e12;
}

bool parse_operation_kind(std::string_view name, OperationKind& kind) {
    for (OperationKind k :
         {OperationKind::Matmul, OperationKind::Add, OperationKind::AttentionUnfused, OperationKind::AttentionFused})
        if (name == operation_kind_name(k)) {
            kind = k;
            return true;
        }
    return false;
}

const char* operation_kind_name(OperationKind kind) {
    switch (kind) {
        case OperationKind::Matmul:
            return "matmul";
        case OperationKind::Add:
            return "add";
        case OperationKind::AttentionUnfused:
            return "attention";
        case OperationKind::AttentionFused:
            return "attention-fused";
    }
    return "matmul";
}

}  // namespace dojo

// The roofline explorer's model: the floating-point operations and the bytes an operation moves,
// its arithmetic intensity, and the speed a device's roofline allows it (memory- or compute-bound).
#pragma once

#include <string>
#include <string_view>

#include "common/number_format.h"

namespace dojo {

struct DeviceSpec;

double bytes_per_number(NumberFormat format);  // the explorer offers FP32 and FP16 (4 or 2 bytes)

enum class OperationKind {
    Matmul,            // C = A x B, A m x k, B k x n
    Add,               // c = a + b over N elements
    AttentionUnfused,  // softmax(Q K^T) V with the score matrix written to memory and read back
    AttentionFused,    // the same arithmetic with the scores kept on chip (FlashAttention-style)
};

struct Operation {
    OperationKind kind = OperationKind::Matmul;
    NumberFormat format = NumberFormat::FP32;
    double m = 0, n = 0, k = 0;               // matmul
    double elements = 0;                      // add
    double seq = 0, head_dim = 0, heads = 0;  // attention (one sequence, no batch)
};

// What is counted, per operation (every operand read once and every result written once, as if the
// caches were perfect: real kernels move at least this much):
//   matmul    FLOPs 2mnk (one multiply and one add per term); bytes (mk + kn + mn) x size.
//   add       FLOPs N; bytes 3N x size (read a and b, write c): 1/12 FLOP per byte in FP32.
//   attention per head, s = sequence length, d = head dimension:
//             FLOPs 2s^2d for S = QK^T, 5s^2 for the softmax (max, subtract, exponent, sum, divide:
//             one each per score), 2s^2d for O = PV; so h(4s^2d + 5s^2) in all.
//             bytes, fused: read Q, K, V and write O, 4sd x size per head.
//             bytes, unfused: the fused bytes plus the s x s scores written, read by the softmax,
//             its result written and read again by PV: (4sd + 4s^2) x size per head.
struct OperationCost {
    bool ok = false;
    std::string error;  // for a learner, when !ok
    double flops = 0, bytes = 0;
};
OperationCost operation_cost(const Operation& op);

// Where an operation sits under a roofline with `peak_flops` (FLOP/s) and `bandwidth` (bytes/s).
struct RooflinePoint {
    bool ok = false;
    std::string error;
    double flops = 0, bytes = 0;
    double intensity = 0;         // flops / bytes, FLOP per byte
    double ridge = 0;             // peak / bandwidth: the intensity where the two limits meet
    bool memory_bound = false;    // intensity < ridge
    double attainable_flops = 0;  // min(peak, intensity x bandwidth), FLOP/s
    double seconds = 0;           // flops / attainable: the least time the operation can take
};
RooflinePoint place_on_roofline(const Operation& op, double peak_flops, double bandwidth);

// The peak a device offers an operation: matrix units (tensor cores) for FP16 matmul and attention
// where the device has them, otherwise its FP32 vector peak. Elementwise work cannot use matrix
// units, so an add always gets the FP32 peak. FLOP/s.
double device_peak_for(const DeviceSpec& device, const Operation& op);

// "matmul", "add", "attention", "attention-fused" (the lesson block names); false if unknown.
bool parse_operation_kind(std::string_view name, OperationKind& kind);
const char* operation_kind_name(OperationKind kind);

}  // namespace dojo

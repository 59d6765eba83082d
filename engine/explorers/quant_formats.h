// The number-formats explorer's model: the same tensor stored in each low-precision format, and the
// error each one makes (lesson low-precision-formats).
//
// The tensor: 4,096 values drawn from a normal distribution with standard deviation 1 (think of a
// layer's weights or activations), by a generator written here (splitmix64 and Marsaglia's polar
// method, seed fixed) and rounded to FP32, so the same inputs give the same tensor on every
// platform and FP32 stores it exactly. Then `outliers` percent of the values (0 to 10), spread
// evenly (value floor((k + 0.5) x 4096 / count) for k = 0..count-1), are multiplied by
// `outlier_scale` (1 to 1,000).
//
// Every format quantizes and dequantizes the tensor; the error is the dequantized value minus the
// original. Floating-point elements round to nearest, ties to even, with subnormals:
//   fp32      exact (the tensor is FP32).
//   bf16      8-bit exponent (bias 127), 7 mantissa bits; overflow becomes infinity (IEEE).
//   fp16      5-bit exponent (bias 15), 10 mantissa bits, largest 65,504; overflow becomes infinity.
//   fp8-e4m3  OCP/NVIDIA E4M3: bias 7, 3 mantissa bits, largest 448, smallest subnormal 2^-9,
//             saturating; one FP32 scale per tensor, amax / 448. 8 bits a value.
//   fp8-e5m2  bias 15, 2 mantissa bits, largest 57,344, smallest subnormal 2^-16, saturating; one
//             FP32 scale per tensor, amax / 57,344. 8 bits a value.
//   mxfp8, mxfp6, mxfp4   OCP Microscaling v1.0: blocks of 32 values share an E8M0 (power of two)
//             scale 2^(floor(log2(block amax)) - emax), emax the element format's largest exponent;
//             elements beyond the element's largest value are clamped to it. Elements: E4M3
//             (emax 8), E2M3 (bias 1, 3 mantissa bits, largest 7.5, emax 2), E2M1 (0, 0.5, 1,
//             1.5, 2, 3, 4, 6; emax 2). 8.25, 6.25 and 4.25 bits a value.
//   nvfp4     E2M1 elements in blocks of 16; each block's scale is block amax / 6 rounded to E4M3,
//             in units of one FP32 scale per tensor, global amax / (448 x 6), so that every block
//             scale fits E4M3's range. 4 + 8/16 = 4.5 bits a value.
//   int8      symmetric, one FP32 scale per tensor amax / 127, round to nearest (ties to even),
//             integers -127..127. 8 bits a value.
//   int4      symmetric, groups of 128 with an FP16 scale amax / 7, integers -7..7 (-8 is left
//             unused so the grid is symmetric). 4 + 16/128 = 4.125 bits a value.
// Bits a value count the block and group scales; a per-tensor scale (32 bits for the whole tensor)
// is left out, as it is for any real tensor of millions of values.
//
// What is measured, per format:
//   rel_rms        sqrt(sum (q - x)^2 / sum x^2): the error's size against the tensor's.
//   rel_rms_plain  the same over the ordinary values only (not the outliers): outliers hold most of
//                  the tensor's energy, so the whole-tensor figure hides what they do to the rest.
//   max_rel        the largest |q - x|, over the tensor's RMS sqrt(sum x^2 / n).
//   zeroed         values that were not zero and became zero (underflow).
//   clipped        values whose rounding went past the format's largest value (saturated, or
//                  infinity for bf16 and fp16).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dojo {

// The formats a lesson block may name, in the order the explorer lists them: "fp32", "bf16", "fp16",
// "fp8-e4m3", "fp8-e5m2", "mxfp8", "mxfp6", "mxfp4", "nvfp4", "int8", "int4".
const std::vector<std::string>& quant_format_ids();

// ---- Element formats -----------------------------------------------------------------------------

// A small floating-point format: sign, `exponent_bits`, `mantissa_bits`, subnormals below 2^(1 - bias).
struct MiniFloat {
    int exponent_bits = 0, mantissa_bits = 0, bias = 0;
    double max = 0;         // the largest finite value
    bool saturate = false;  // past max: max (true) or infinity (false)
    int emax() const;       // the exponent of max: floor(log2(max))
};
extern const MiniFloat kBf16, kFp16, kE4M3, kE5M2, kE2M3, kE2M1;

struct Rounded {
    double value = 0;
    bool clipped = false;  // rounding went past max
};
// x rounded to nearest, ties to even, in format f.
Rounded round_to(double x, const MiniFloat& f);
inline double quantize_value(double x, const MiniFloat& f) {
    return round_to(x, f).value;
}
// Nearest integer, ties to even (2.5 -> 2, 3.5 -> 4, -2.5 -> -2).
double round_half_even(double v);
// The OCP MX shared exponent of a block: floor(log2(block_amax)) - element_emax, within E8M0's
// -127..127; -127 for a block of zeros. The block's scale is 2 to this power.
int mx_shared_exponent(double block_amax, int element_emax);

// ---- The explorer's comparison -------------------------------------------------------------------

inline constexpr int kTensorSize = 4096;

struct FormatInputs {
    double outliers = 0;        // percent of the values, 0..10
    double outlier_scale = 20;  // what they are multiplied by, 1..1000
};

// The test tensor (see above). Inputs out of range are clamped.
std::vector<float> make_test_tensor(const FormatInputs& in);
// Which values make_test_tensor scales, in increasing order.
std::vector<int> outlier_indices(double outliers_percent);

struct QuantizedTensor {
    std::vector<double> values;  // dequantized
    int zeroed = 0, clipped = 0;
};
// The tensor through format `id` and back; an empty result for an unknown id.
QuantizedTensor quantize_tensor(std::string_view id, const std::vector<float>& x);

struct FormatError {
    std::string id, name;
    double bits_per_value = 0;
    double rel_rms = 0, rel_rms_plain = 0, max_rel = 0;
    int zeroed = 0, clipped = 0;
    std::string scaling;  // e.g. "one FP32 scale per tensor"
};

struct FormatComparison {
    bool ok = false;
    std::string error;  // for a learner, when !ok
    std::string note;   // when an input was clamped into range: what was used
    FormatInputs used;  // the inputs after clamping
    int outlier_count = 0;
    double rms = 0, amax = 0;          // of the tensor
    std::vector<FormatError> formats;  // in quant_format_ids() order
    const FormatError* find(std::string_view id) const;
};
[[nodiscard]] FormatComparison compare_formats(const FormatInputs& in);

// "FP8 E4M3", "NVFP4"...; the id itself when unknown.
std::string quant_format_name(std::string_view id);
double quant_format_bits(std::string_view id);          // 0 when unknown
std::string quant_format_scaling(std::string_view id);  // "" when unknown

}  // namespace dojo

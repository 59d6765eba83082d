// The number-formats explorer's arithmetic (the model is described in quant_formats.h).
#include "explorers/quant_formats.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace dojo {

const std::vector<std::string>& quant_format_ids() {
    static const std::vector<std::string> ids = {"fp32",  "bf16",  "fp16",  "fp8-e4m3", "fp8-e5m2", "mxfp8",
                                                 "mxfp6", "mxfp4", "nvfp4", "int8",     "int4"};
    return ids;
}

// ---- Element formats -----------------------------------------------------------------------------

// Largest finite values: (2 - 2^-m) x 2^emax for the IEEE-like formats; E4M3 gives up its top
// mantissa code to NaN, so 1.75 x 2^8 = 448.
const MiniFloat kBf16{8, 7, 127, (2.0 - 0x1p-7) * 0x1p127, false};
const MiniFloat kFp16{5, 10, 15, 65504.0, false};
const MiniFloat kE4M3{4, 3, 7, 448.0, true};
const MiniFloat kE5M2{5, 2, 15, 57344.0, true};
const MiniFloat kE2M3{2, 3, 1, 7.5, true};
const MiniFloat kE2M1{2, 1, 1, 6.0, true};

int MiniFloat::emax() const {
    int e = 0;
    std::frexp(max, &e);  // max = m x 2^e, m in [0.5, 1)
    return e - 1;
}

double round_half_even(double v) {
    const double lo = std::floor(v);
    const double d = v - lo;  // exact for the magnitudes used here
    if (d > 0.5) return lo + 1;
    if (d < 0.5) return lo;
    return std::fmod(lo, 2.0) == 0 ? lo : lo + 1;
}

Rounded round_to(double x, const MiniFloat& f) {
    if (std::isnan(x) || x == 0) return {x, false};
    const double a = std::fabs(x);
    double q = 0;
    if (std::isinf(a)) {
        q = std::numeric_limits<double>::infinity();
    } else {
        int e = 0;
        std::frexp(a, &e);
        e -= 1;                       // a = m x 2^e, m in [1, 2)
        e = std::max(e, 1 - f.bias);  // below the smallest normal: the subnormals' fixed step
        const double step = std::ldexp(1.0, e - f.mantissa_bits);
        q = round_half_even(a / step) * step;  // a / step is exact: step is a power of two
    }
    Rounded r;
    if (q > f.max) {
        r.clipped = true;
        q = f.saturate ? f.max : std::numeric_limits<double>::infinity();
    }
    r.value = std::copysign(q, x);
    return r;
}

int mx_shared_exponent(double block_amax, int element_emax) {
    if (!(block_amax > 0) || std::isinf(block_amax)) return -127;
    int e = 0;
    std::frexp(block_amax, &e);  // floor(log2(amax)) = e - 1, exactly
    return std::clamp(e - 1 - element_emax, -127, 127);
}

// ---- The test tensor -----------------------------------------------------------------------------

namespace {

constexpr int kMxBlock = 32, kNvBlock = 16, kInt4Group = 128;

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Uniform in (-1, 1): 53 random bits, exact in a double.
double uniform_pm1(std::uint64_t& state) {
    return static_cast<double>(splitmix64(state) >> 11) * 0x1p-52 - 1.0;
}

FormatInputs clamped(const FormatInputs& in) {
    FormatInputs c = in;
    c.outliers = std::clamp(std::isfinite(in.outliers) ? in.outliers : 0.0, 0.0, 10.0);
    c.outlier_scale = std::clamp(std::isfinite(in.outlier_scale) ? in.outlier_scale : 1.0, 1.0, 1000.0);
    return c;
}

}  // namespace

std::vector<int> outlier_indices(double outliers_percent) {
    const double p = std::clamp(std::isfinite(outliers_percent) ? outliers_percent : 0.0, 0.0, 10.0);
    const int count = static_cast<int>(std::lround(kTensorSize * p / 100));
    std::vector<int> idx;
    for (int k = 0; k < count; ++k) idx.push_back(static_cast<int>(std::floor((k + 0.5) * kTensorSize / count)));
    return idx;
}

std::vector<float> make_test_tensor(const FormatInputs& raw) {
    const FormatInputs in = clamped(raw);
    std::vector<float> x;
    x.reserve(kTensorSize);
    std::uint64_t state = 0x00C0FFEE2024ull;
    // Marsaglia's polar method: two normal values per accepted point of the unit disc. std::log is
    // the one function that may differ in its last bit between C libraries; rounding to FP32 makes a
    // difference in the tensor practically impossible (it would need a double within 2^-29 of an
    // FP32 rounding boundary).
    while (static_cast<int>(x.size()) < kTensorSize) {
        const double u = uniform_pm1(state), v = uniform_pm1(state);
        const double s = u * u + v * v;
        if (s >= 1 || s == 0) continue;
        const double m = std::sqrt(-2.0 * std::log(s) / s);
        x.push_back(static_cast<float>(u * m));
        if (static_cast<int>(x.size()) < kTensorSize) x.push_back(static_cast<float>(v * m));
    }
    for (int i : outlier_indices(in.outliers))
        x[static_cast<std::size_t>(i)] = static_cast<float>(x[static_cast<std::size_t>(i)] * in.outlier_scale);
    return x;
}

// ---- Quantizing a tensor -------------------------------------------------------------------------

namespace {

double amax_of(const std::vector<float>& x, std::size_t begin, std::size_t end) {
    double a = 0;
    for (std::size_t i = begin; i < end && i < x.size(); ++i) a = std::max(a, std::fabs(static_cast<double>(x[i])));
    return a;
}

// Keeps count of what the rounding did to each value.
struct Writer {
    const std::vector<float>& x;
    QuantizedTensor& out;
    void put(std::size_t i, double q, bool clipped) {
        if (q == 0 && x[i] != 0) ++out.zeroed;
        if (clipped) ++out.clipped;
        out.values[i] = q;
    }
};

// Element format f under one FP32 scale for the whole tensor, amax / f.max.
void per_tensor_float(const std::vector<float>& x, const MiniFloat& f, Writer& w) {
    const double s = static_cast<float>(amax_of(x, 0, x.size()) / f.max);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (s == 0) {
            w.put(i, 0, false);
            continue;
        }
        const Rounded r = round_to(x[i] / s, f);
        w.put(i, r.value * s, r.clipped);
    }
}

void microscaled(const std::vector<float>& x, const MiniFloat& element, Writer& w) {
    for (std::size_t b = 0; b < x.size(); b += kMxBlock) {
        const double scale = std::ldexp(1.0, mx_shared_exponent(amax_of(x, b, b + kMxBlock), element.emax()));
        for (std::size_t i = b; i < b + kMxBlock && i < x.size(); ++i) {
            const Rounded r = round_to(x[i] / scale, element);  // exact division: a power of two
            w.put(i, r.value * scale, r.clipped);
        }
    }
}

void nvfp4(const std::vector<float>& x, Writer& w) {
    const double global = static_cast<float>(amax_of(x, 0, x.size()) / (kE4M3.max * kE2M1.max));
    for (std::size_t b = 0; b < x.size(); b += kNvBlock) {
        const double block = global > 0 ? round_to(amax_of(x, b, b + kNvBlock) / kE2M1.max / global, kE4M3).value : 0;
        const double scale = block * global;
        for (std::size_t i = b; i < b + kNvBlock && i < x.size(); ++i) {
            if (scale == 0) {
                w.put(i, 0, false);
                continue;
            }
            const Rounded r = round_to(x[i] / scale, kE2M1);
            w.put(i, r.value * scale, r.clipped);
        }
    }
}

// Symmetric integers -limit..limit, one scale per group of `group` values (computed by `scale_of`).
template <class ScaleOf>
void symmetric_int(const std::vector<float>& x, std::size_t group, double limit, ScaleOf scale_of, Writer& w) {
    for (std::size_t g = 0; g < x.size(); g += group) {
        const double s = scale_of(amax_of(x, g, g + group) / limit);
        for (std::size_t i = g; i < g + group && i < x.size(); ++i) {
            if (!(s > 0) || std::isinf(s)) {
                w.put(i, 0, false);
                continue;
            }
            const double n = round_half_even(x[i] / s);
            w.put(i, std::clamp(n, -limit, limit) * s, std::fabs(n) > limit);
        }
    }
}

struct FormatInfo {
    const char* id;
    const char* name;
    double bits;
    const char* scaling;
};
constexpr FormatInfo kFormats[] = {
    {"fp32", "FP32", 32, "none"},
    {"bf16", "BF16", 16, "none"},
    {"fp16", "FP16", 16, "none"},
    {"fp8-e4m3", "FP8 E4M3", 8, "one FP32 scale per tensor"},
    {"fp8-e5m2", "FP8 E5M2", 8, "one FP32 scale per tensor"},
    {"mxfp8", "MXFP8", 8.25, "a power of two per block of 32"},
    {"mxfp6", "MXFP6", 6.25, "a power of two per block of 32"},
    {"mxfp4", "MXFP4", 4.25, "a power of two per block of 32"},
    {"nvfp4", "NVFP4", 4.5, "an FP8 scale per block of 16, and one FP32 per tensor"},
    {"int8", "INT8", 8, "one FP32 scale per tensor"},
    {"int4", "INT4", 4.125, "an FP16 scale per group of 128"},
};

const FormatInfo* info(std::string_view id) {
    for (const auto& f : kFormats)
        if (id == f.id) return &f;
    return nullptr;
}

}  // namespace

std::string quant_format_name(std::string_view id) {
    const FormatInfo* f = info(id);
    return f ? f->name : std::string(id);
}
double quant_format_bits(std::string_view id) {
    const FormatInfo* f = info(id);
    return f ? f->bits : 0;
}
std::string quant_format_scaling(std::string_view id) {
    const FormatInfo* f = info(id);
    return f ? f->scaling : "";
}

QuantizedTensor quantize_tensor(std::string_view id, const std::vector<float>& x) {
    QuantizedTensor out;
    if (!info(id)) return out;
    out.values.assign(x.size(), 0.0);
    Writer w{x, out};
    auto each = [&](const MiniFloat& f) {
        for (std::size_t i = 0; i < x.size(); ++i) {
            const Rounded r = round_to(x[i], f);
            w.put(i, r.value, r.clipped);
        }
    };
    if (id == "fp32") {
        for (std::size_t i = 0; i < x.size(); ++i) w.put(i, x[i], false);
    } else if (id == "bf16") {
        each(kBf16);
    } else if (id == "fp16") {
        each(kFp16);
    } else if (id == "fp8-e4m3") {
        per_tensor_float(x, kE4M3, w);
    } else if (id == "fp8-e5m2") {
        per_tensor_float(x, kE5M2, w);
    } else if (id == "mxfp8") {
        microscaled(x, kE4M3, w);
    } else if (id == "mxfp6") {
        microscaled(x, kE2M3, w);
    } else if (id == "mxfp4") {
        microscaled(x, kE2M1, w);
    } else if (id == "nvfp4") {
        nvfp4(x, w);
    } else if (id == "int8") {
        symmetric_int(
            x, x.size(), 127, [](double s) { return static_cast<double>(static_cast<float>(s)); }, w);
    } else if (id == "int4") {
        symmetric_int(
            x, kInt4Group, 7, [](double s) { return quantize_value(s, kFp16); }, w);
    }
    return out;
}

// ---- The comparison ------------------------------------------------------------------------------

const FormatError* FormatComparison::find(std::string_view id) const {
    for (const auto& f : formats)
        if (f.id == id) return &f;
    return nullptr;
}

FormatComparison compare_formats(const FormatInputs& in) {
    FormatComparison c;
    if (!std::isfinite(in.outliers) || !std::isfinite(in.outlier_scale)) {
        c.error = "The outlier share and size must be numbers.";
        return c;
    }
    c.used = clamped(in);
    if (c.used.outliers != in.outliers || c.used.outlier_scale != in.outlier_scale) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "Outliers can be 0 to 10%% of the values and 1 to 1,000 times larger: using %g%% of them, %g times "
                      "larger.",
                      c.used.outliers, c.used.outlier_scale);
        c.note = buf;
    }
    const std::vector<float> x = make_test_tensor(c.used);
    const std::vector<int> outliers = outlier_indices(c.used.outliers);
    std::vector<bool> is_outlier(x.size(), false);
    for (int i : outliers) is_outlier[static_cast<std::size_t>(i)] = true;
    c.outlier_count = static_cast<int>(outliers.size());

    double energy = 0, plain_energy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double v = x[i];
        energy += v * v;
        if (!is_outlier[i]) plain_energy += v * v;
        c.amax = std::max(c.amax, std::fabs(v));
    }
    c.rms = std::sqrt(energy / static_cast<double>(x.size()));

    for (const auto& f : kFormats) {
        const QuantizedTensor q = quantize_tensor(f.id, x);
        FormatError e;
        e.id = f.id;
        e.name = f.name;
        e.bits_per_value = f.bits;
        e.scaling = f.scaling;
        e.zeroed = q.zeroed;
        e.clipped = q.clipped;
        double err = 0, plain_err = 0, max_err = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            // A value that overflowed to infinity (bf16, fp16) is measured as if held at the largest
            // finite value, so one overflow does not make every figure infinite; it is counted as clipped.
            double v = q.values[i];
            if (std::isinf(v)) v = std::copysign(e.id == "fp16" ? kFp16.max : kBf16.max, v);
            const double d = v - x[i];
            err += d * d;
            if (!is_outlier[i]) plain_err += d * d;
            max_err = std::max(max_err, std::fabs(d));
        }
        e.rel_rms = energy > 0 ? std::sqrt(err / energy) : 0;
        e.rel_rms_plain = plain_energy > 0 ? std::sqrt(plain_err / plain_energy) : 0;
        e.max_rel = c.rms > 0 ? max_err / c.rms : 0;
        c.formats.push_back(e);
    }
    c.ok = true;
    return c;
}

}  // namespace dojo

// The compute labs' shared harness: deterministic inputs, the double-precision reference, the
// tolerance each dtype must meet, and bench_matmul, which times runs and refuses to report the speed
// of a kernel whose result is wrong.
#include "compute/matmul.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "compute/host_memory.h"

namespace dojo {

Matrix random_matrix(int rows, int cols, std::uint32_t seed) {
    Matrix m(rows, cols);
    // xorshift32: the same sequence on every compiler and platform (std distributions are not).
    std::uint32_t s = seed * 2654435761u + 0x9E3779B9u;
    if (s == 0) s = 1;
    for (float& v : m.data) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        // The top 24 bits give a float in [0, 1) exactly; scale to [-1, 1).
        v = static_cast<float>(s >> 8) * (2.0f / 16777216.0f) - 1.0f;
    }
    return m;
}

// Why 16 * sqrt(k) * u: a k-long dot product accumulated in fp32 (any order: sequential, blocked,
// FMA, split over threads) has a rounding error that behaves like a random walk, about
// u * sqrt(k) * |partial sums| (Higham & Mary's probabilistic bound), and the partial sums of our
// zero-mean inputs stay about the size of max|ref|. Sequential sums measured on random inputs land
// well under 1 * sqrt(k) * u of max|ref|, so 16x leaves room for unlucky orders, yet a kernel that
// gets one element wrong by 1e-3 of max|ref| fails at any k below ~10^8.
// u is the unit roundoff of the inputs' format: 2^-24 for fp32, 2^-11 for tf32 and fp16 (10
// stored mantissa bits), 2^-8 for bf16 (7 bits); the lower precisions round their inputs once and
// accumulate in fp32, so their own u dominates.
double error_tolerance(NumberFormat dtype, int k) {
    double u = 0;
    switch (dtype) {
        case NumberFormat::FP32:
            u = std::ldexp(1.0, -24);
            break;
        case NumberFormat::TF32:
        case NumberFormat::FP16:
            u = std::ldexp(1.0, -11);
            break;
        case NumberFormat::BF16:
            u = std::ldexp(1.0, -8);
            break;
        case NumberFormat::FP8:
            u = std::ldexp(1.0, -4);
            break;  // E4M3: 3 mantissa bits
        case NumberFormat::INT8:
        case NumberFormat::INT4:
            u = 0.5;
            break;  // no matmul rung computes in integers
    }
    return 16.0 * std::sqrt(static_cast<double>(std::max(k, 1))) * u;
}

Matrix reference_matmul(const Matrix& a, const Matrix& b) {
    Matrix c(a.rows, b.cols);
    if (a.cols != b.rows) return c;
    const std::size_t n = static_cast<std::size_t>(b.cols);
    std::vector<double> row(n);
    // i-k-j order: B is read along rows, so this stays usable (seconds, not minutes) up to 2048.
    for (int i = 0; i < a.rows; ++i) {
        std::fill(row.begin(), row.end(), 0.0);
        for (int p = 0; p < a.cols; ++p) {
            const double aip = a.at(i, p);
            const float* brow = &b.data[static_cast<std::size_t>(p) * n];
            for (std::size_t j = 0; j < n; ++j) row[j] += aip * static_cast<double>(brow[j]);
        }
        for (std::size_t j = 0; j < n; ++j) c.data[static_cast<std::size_t>(i) * n + j] = static_cast<float>(row[j]);
    }
    return c;
}

double max_relative_error(const Matrix& c, const Matrix& reference) {
    if (c.rows != reference.rows || c.cols != reference.cols || c.data.size() != reference.data.size())
        return std::numeric_limits<double>::infinity();
    double max_ref = 0, max_diff = 0;
    for (std::size_t i = 0; i < c.data.size(); ++i) {
        const double d = std::fabs(static_cast<double>(c.data[i]) - reference.data[i]);
        // NaN compares false, so it would slip past std::max: a NaN result is infinitely wrong.
        if (std::isnan(d)) return std::numeric_limits<double>::infinity();
        max_diff = std::max(max_diff, d);
        max_ref = std::max(max_ref, std::fabs(static_cast<double>(reference.data[i])));
    }
    // An all-zero reference (e.g. k == 0): any nonzero result is wrong, measured absolutely.
    return max_ref > 0 ? max_diff / max_ref : max_diff;
}

double sampled_relative_error(const Matrix& a, const Matrix& b, const Matrix& c, int samples) {
    if (a.cols != b.rows || c.rows != a.rows || c.cols != b.cols || c.data.empty())
        return std::numeric_limits<double>::infinity();
    std::uint32_t state = 0x9e3779b9u;
    double max_ref = 0, max_diff = 0;
    for (int s = 0; s < samples; ++s) {
        int i = 0, j = 0;
        if (s < 4) {  // the four corners first: edge handling is where tiled kernels go wrong
            i = (s & 1) ? c.rows - 1 : 0;
            j = (s & 2) ? c.cols - 1 : 0;
        } else {
            state = state * 1664525u + 1013904223u;
            i = static_cast<int>((state >> 8) % static_cast<std::uint32_t>(c.rows));
            state = state * 1664525u + 1013904223u;
            j = static_cast<int>((state >> 8) % static_cast<std::uint32_t>(c.cols));
        }
        double ref = 0;
        for (int p = 0; p < a.cols; ++p) ref += static_cast<double>(a.at(i, p)) * static_cast<double>(b.at(p, j));
        const double d = std::fabs(static_cast<double>(c.at(i, j)) - ref);
        if (std::isnan(d)) return std::numeric_limits<double>::infinity();
        max_diff = std::max(max_diff, d);
        max_ref = std::max(max_ref, std::fabs(ref));
    }
    return max_ref > 0 ? max_diff / max_ref : max_diff;
}

const char* direction_name(TransferDirection d) {
    return d == TransferDirection::HostToDevice ? "host-to-device" : "device-to-host";
}
const char* host_memory_name(HostMemory m) {
    return m == HostMemory::Pinned ? "pinned" : "pageable";
}

const KernelInfo* best_kernel(const std::vector<KernelInfo>& kernels, NumberFormat dtype) {
    const KernelInfo* last = nullptr;
    for (const auto& k : kernels) {
        if (k.dtype != dtype) continue;
        if (k.reference) return &k;
        last = &k;
    }
    return last;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    return v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

// The inputs are random_matrix(m, k, 1) and random_matrix(k, n, 2); a caller passing `reference`
// (to share one across kernels) must compute it from those. progress(done, total) is called after
// every run, warm-ups included, so total = warmup + repetitions.
BenchResult bench_matmul(MatmulBackend& backend, const KernelInfo& kernel, int m, int n, int k, const BenchOptions& options,
                         const Matrix* reference) {
    BenchResult r;
    r.backend = backend.name();
    r.device = backend.device();
    r.kernel = kernel.name;
    r.dtype = format_name(kernel.dtype);
    r.m = m, r.n = n, r.k = k;
    r.tolerance = error_tolerance(kernel.dtype, k);
    if (m <= 0 || n <= 0 || k <= 0 || options.repetitions <= 0 || options.warmup < 0) {
        r.error = "invalid problem: m, n, k and repetitions must be positive";
        return r;
    }
    if (std::string why = matmul_memory_refusal(m, n, k, host_memory_available()); !why.empty()) {
        r.error = std::move(why);
        return r;
    }
    const Matrix a = random_matrix(m, k, 1), b = random_matrix(k, n, 2);
    Matrix c(m, n);
    const int total = options.warmup + options.repetitions;
    std::vector<double> kernel_ms, wall_ms;
    for (int run = 0; run < total; ++run) {
        if (options.cancel && options.cancel->load()) {
            r.error = "cancelled";
            return r;
        }
        MatmulTiming t;
        std::string error;
        if (!backend.matmul(kernel.name, a, b, c, t, error)) {
            r.error = error.empty() ? "the backend failed without saying why" : error;
            return r;
        }
        if (run >= options.warmup) kernel_ms.push_back(t.kernel_ms), wall_ms.push_back(t.wall_ms);
        if (options.progress) options.progress(run + 1, total);
    }
    r.repetitions = options.repetitions;
    r.median_ms = median(kernel_ms);
    r.min_ms = *std::min_element(kernel_ms.begin(), kernel_ms.end());
    r.max_ms = *std::max_element(kernel_ms.begin(), kernel_ms.end());
    r.wall_median_ms = median(wall_ms);

    if (reference) {
        r.max_rel_error = max_relative_error(c, *reference);
    } else if (static_cast<double>(m) * n * k <= kFullReferenceFlops) {
        r.max_rel_error = max_relative_error(c, reference_matmul(a, b));
    } else {
        r.max_rel_error = sampled_relative_error(a, b, c, 4096);
        r.error_sampled = true;
    }
    r.passed = r.max_rel_error <= r.tolerance;
    if (!r.passed) {
        char msg[200];
        std::snprintf(msg, sizeof msg, "wrong result: max relative error %.3g is %.3gx the %s tolerance %.3g at k=%d",
                      r.max_rel_error, r.max_rel_error / r.tolerance, r.dtype.c_str(), r.tolerance, k);
        r.error = msg;
        return r;  // gflops stays 0: a wrong kernel never reports a speed
    }
    if (r.median_ms > 0) r.gflops = 2.0 * m * n * static_cast<double>(k) / (r.median_ms * 1e6);
    return r;
}

nlohmann::json to_json(const BenchResult& r) {
    // JSON has no infinity; a NaN/inf error (a broken kernel) is written as null.
    auto finite = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    return {{"backend", r.backend},
            {"device", r.device},
            {"kernel", r.kernel},
            {"dtype", r.dtype},
            {"m", r.m},
            {"n", r.n},
            {"k", r.k},
            {"repetitions", r.repetitions},
            {"median_ms", r.median_ms},
            {"min_ms", r.min_ms},
            {"max_ms", r.max_ms},
            {"wall_median_ms", r.wall_median_ms},
            {"gflops", r.gflops},
            {"max_rel_error", finite(r.max_rel_error)},
            {"tolerance", r.tolerance},
            {"passed", r.passed},
            {"error_sampled", r.error_sampled},
            {"error", r.error}};
}

std::string csv_header() {
    return "backend,device,kernel,dtype,m,n,k,repetitions,median_ms,min_ms,max_ms,wall_median_ms,gflops,max_rel_error,"
           "tolerance,passed,error";
}

// RFC 4180: quote a field holding a comma, quote or newline, doubling the quotes inside.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + '"';
}

namespace {

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

std::string to_csv(const BenchResult& r) {
    std::string s;
    for (const std::string* f : {&r.backend, &r.device, &r.kernel, &r.dtype}) s += csv_field(*f) + ',';
    s += std::to_string(r.m) + ',' + std::to_string(r.n) + ',' + std::to_string(r.k) + ',' + std::to_string(r.repetitions) + ',';
    for (double v : {r.median_ms, r.min_ms, r.max_ms, r.wall_median_ms, r.gflops, r.max_rel_error, r.tolerance})
        s += number(v) + ',';
    s += r.passed ? "true," : "false,";
    s += csv_field(r.error);
    return s;
}

}  // namespace dojo

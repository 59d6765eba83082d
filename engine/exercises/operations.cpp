// The exercises' operations (see operations.h): sizes and reference outputs, in plain C++.
#include "exercises/operations.h"

#include <algorithm>
#include <cmath>

namespace dojo {

namespace {

using Size = ProblemSize;
using Vec = std::vector<float>;

std::size_t n_of(const Size& s) {
    return static_cast<std::size_t>(s.n);
}
std::size_t width_of(const Size& s) {
    return static_cast<std::size_t>(s.width);
}
std::size_t height_of(const Size& s) {
    return static_cast<std::size_t>(s.height);
}
std::size_t none(const Size&) {
    return 0;
}
std::size_t one(const Size&) {
    return 1;
}
std::size_t cells(const Size& s) {
    return width_of(s) * height_of(s);
}
std::size_t square(const Size& s) {
    return n_of(s) * n_of(s);
}

void add_ten(const Size& s, const Vec& a, const Vec&, Vec& out) {
    for (std::size_t i = 0; i < n_of(s); ++i) out[i] = a[i] + 10.0f;
}

void zip_add(const Size& s, const Vec& a, const Vec& b, Vec& out) {
    for (std::size_t i = 0; i < n_of(s); ++i) out[i] = a[i] + b[i];
}

void grid_add_ten(const Size& s, const Vec& a, const Vec&, Vec& out) {
    for (std::size_t i = 0; i < cells(s); ++i) out[i] = a[i] + 10.0f;
}

// out[y][x] = a[x] + b[y]: a row vector and a column vector broadcast to a grid.
void broadcast_add(const Size& s, const Vec& a, const Vec& b, Vec& out) {
    for (std::size_t y = 0; y < height_of(s); ++y)
        for (std::size_t x = 0; x < width_of(s); ++x) out[y * width_of(s) + x] = a[x] + b[y];
}

// out[i] = a[i - 2] + a[i - 1] + a[i], with the elements before the start counted as 0.
void window_sum(const Size& s, const Vec& a, const Vec&, Vec& out) {
    for (std::size_t i = 0; i < n_of(s); ++i) {
        float sum = a[i];
        if (i >= 1) sum += a[i - 1];
        if (i >= 2) sum += a[i - 2];
        out[i] = sum;
    }
}

void dot(const Size& s, const Vec& a, const Vec& b, Vec& out) {
    double sum = 0;
    for (std::size_t i = 0; i < n_of(s); ++i) sum += static_cast<double>(a[i]) * b[i];
    out[0] = static_cast<float>(sum);
}

// a is height x width, row-major; out is width x height.
void transpose(const Size& s, const Vec& a, const Vec&, Vec& out) {
    for (std::size_t y = 0; y < height_of(s); ++y)
        for (std::size_t x = 0; x < width_of(s); ++x) out[x * height_of(s) + y] = a[y * width_of(s) + x];
}

// n x n by n x n, row-major.
void matmul(const Size& s, const Vec& a, const Vec& b, Vec& out) {
    const std::size_t n = n_of(s);
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < n; ++c) {
            double sum = 0;
            for (std::size_t k = 0; k < n; ++k) sum += static_cast<double>(a[r * n + k]) * b[k * n + c];
            out[r * n + c] = static_cast<float>(sum);
        }
}

// Each slice of kReverseSlice elements written in reverse order (a shorter last slice too).
void reverse_blocks(const Size& s, const Vec& a, const Vec&, Vec& out) {
    const std::size_t n = n_of(s), slice = kReverseSlice;
    for (std::size_t start = 0; start < n; start += slice) {
        const std::size_t len = std::min(slice, n - start);
        for (std::size_t j = 0; j < len; ++j) out[start + j] = a[start + len - 1 - j];
    }
}

// out is width x height; a is (2 x width) x (2 x height): each output is the largest of a 2 x 2 square.
std::size_t pooled_input(const Size& s) {
    return 4 * cells(s);
}
void max_pool(const Size& s, const Vec& a, const Vec&, Vec& out) {
    const std::size_t w = width_of(s), in_w = 2 * w;
    for (std::size_t y = 0; y < height_of(s); ++y)
        for (std::size_t x = 0; x < w; ++x) {
            const std::size_t top = 2 * y * in_w + 2 * x, bottom = top + in_w;
            out[y * w + x] = std::max({a[top], a[top + 1], a[bottom], a[bottom + 1]});
        }
}

// Inclusive scan: out[i] = a[0] + ... + a[i] (small whole numbers: exact in any order).
void prefix_sum(const Size& s, const Vec& a, const Vec&, Vec& out) {
    float sum = 0;
    for (std::size_t i = 0; i < n_of(s); ++i) out[i] = sum += a[i];
}

// Each of the height rows of width numbers becomes exp(a - the row's max) / the row's sum of those.
void softmax_rows(const Size& s, const Vec& a, const Vec&, Vec& out) {
    const std::size_t w = width_of(s);
    for (std::size_t y = 0; y < height_of(s); ++y) {
        const float* row = a.data() + y * w;
        const double top = *std::max_element(row, row + w);
        double sum = 0;
        for (std::size_t x = 0; x < w; ++x) sum += std::exp(row[x] - top);
        for (std::size_t x = 0; x < w; ++x) out[y * w + x] = static_cast<float>(std::exp(row[x] - top) / sum);
    }
}

double floats(std::size_t count) {
    return 4.0 * static_cast<double>(count);
}

}  // namespace

const std::vector<Operation>& operations() {
    static const std::vector<Operation> ops = {
        {"add_ten", "result[i] = a[i] + 10", 1, false, Cover::Elements, 0, n_of, none, n_of, add_ten,
         [](const Size& s) { return floats(2 * n_of(s)); }},
        {"zip_add", "result[i] = a[i] + b[i]", 2, false, Cover::Elements, 0, n_of, n_of, n_of, zip_add,
         [](const Size& s) { return floats(3 * n_of(s)); }},
        {"grid_add_ten", "result[y][x] = a[y][x] + 10 on a width x height grid", 1, true, Cover::Grid, 0, cells, none, cells,
         grid_add_ten, [](const Size& s) { return floats(2 * cells(s)); }},
        {"broadcast_add", "result[y][x] = a[x] + b[y]", 2, true, Cover::Grid, 0, width_of, height_of, cells, broadcast_add,
         [](const Size& s) { return floats(width_of(s) + height_of(s) + cells(s)); }},
        {"window_sum", "result[i] = a[i-2] + a[i-1] + a[i] (0 before the start)", 1, false, Cover::Elements, 0, n_of, none, n_of,
         window_sum, [](const Size& s) { return floats(2 * n_of(s)); }},
        {"dot", "result[0] = the sum of a[i] * b[i]", 2, false, Cover::Free, 1e-5, n_of, n_of, one, dot,
         [](const Size& s) { return floats(2 * n_of(s) + 1); }},
        {"transpose", "result[x][y] = a[y][x]", 1, true, Cover::Grid, 0, cells, none, cells, transpose,
         [](const Size& s) { return floats(2 * cells(s)); }, [](const Size& s) { return s.height; }},
        {"matmul", "result = a x b, all n x n", 2, false, Cover::Square, 1e-5, square, square, square, matmul,
         [](const Size& s) { return floats(3 * square(s)); }},
        {"reverse_blocks", "each slice of 64 elements of a reversed: result[i] = a[slice start + 63 - (i - slice start)]", 1,
         false, Cover::Elements, 0, n_of, none, n_of, reverse_blocks, [](const Size& s) { return floats(2 * n_of(s)); }, nullptr,
         1.0, kReverseSlice},
        {"max_pool", "result[y][x] = the largest of a[2y][2x], a[2y][2x+1], a[2y+1][2x], a[2y+1][2x+1]", 1, true, Cover::Grid, 0,
         pooled_input, none, cells, max_pool, [](const Size& s) { return floats(5 * cells(s)); }},
        {"prefix_sum", "result[i] = a[0] + a[1] + ... + a[i]", 1, false, Cover::Elements, 0, n_of, none, n_of, prefix_sum,
         [](const Size& s) { return floats(2 * n_of(s)); }},
        {"softmax_rows", "each row of result = exp(row of a - its max) / the sum of those", 1, true, Cover::Rows, 1e-4, cells,
         none, cells, softmax_rows, [](const Size& s) { return floats(2 * cells(s)); }, nullptr, 1e-30},
    };
    return ops;
}

const Operation* find_operation(const std::string& id) {
    for (const auto& op : operations())
        if (id == op.id) return &op;
    return nullptr;
}

std::string launch_shortfall(const Operation& op, const ProblemSize& s, const LaunchShape& l) {
    const long long x = 1LL * l.threads_x * l.blocks_x, y = 1LL * l.threads_y * l.blocks_y;
    auto need = [](const char* axis, long long have, long long want) {
        return have >= want
                   ? std::string()
                   : std::to_string(have) + " threads in " + axis + " cannot cover " + std::to_string(want) + " elements";
    };
    switch (op.cover) {
        case Cover::Elements:
            return need("x", x, s.n);
        case Cover::Grid: {
            const std::string w = need("x", x, s.width);
            return w.empty() ? need("y", y, s.height) : w;
        }
        case Cover::Square: {
            const std::string w = need("x", x, s.n);
            return w.empty() ? need("y", y, s.n) : w;
        }
        case Cover::Rows:
            return l.blocks_x >= s.height ? std::string()
                                          : std::to_string(l.blocks_x) + " blocks in x cannot give each of " +
                                                std::to_string(s.height) + " rows a block";
        case Cover::Free:
            return "";
    }
    return "";
}

int output_row_length(const Operation& op, const ProblemSize& size) {
    if (op.row_length) return op.row_length(size);
    if (op.cover == Cover::Square) return size.n;
    return op.grid ? size.width : 0;
}

std::string operation_ids() {
    std::string out;
    for (const auto& op : operations()) out += (out.empty() ? "" : ", ") + std::string(op.id);
    return out;
}

std::vector<float> exercise_input(std::size_t count, int which) {
    std::vector<float> v(count);
    for (std::size_t i = 0; i < count; ++i)
        v[i] = which == 0 ? static_cast<float>(static_cast<int>(i * 7 % 23) - 11)
                          : static_cast<float>(static_cast<int>(i * 5 % 17) - 8);
    return v;
}

std::string launch_words(const Exercise& e, const Operation& op) {
    const LaunchShape& l = e.launch;
    const bool two_d = l.threads_y > 1 || l.blocks_y > 1;
    const std::string threads =
        two_d ? std::to_string(l.threads_x) + " \xc3\x97 " + std::to_string(l.threads_y) : std::to_string(l.threads_x);
    const std::string blocks =
        two_d ? std::to_string(l.blocks_x) + " \xc3\x97 " + std::to_string(l.blocks_y) : std::to_string(l.blocks_x);
    const std::string problem = op.grid ? std::to_string(e.size.width) + " \xc3\x97 " + std::to_string(e.size.height) + " grid"
                                : op.cover == Cover::Square
                                    ? std::to_string(e.size.n) + " \xc3\x97 " + std::to_string(e.size.n) + " matrices"
                                    : std::to_string(e.size.n) + " elements";
    return "Launch: " + blocks + (l.blocks_x * l.blocks_y == 1 ? " block" : " blocks") + " of " + threads + " threads (" +
           std::to_string(l.threads()) + " in all) for " + problem + ". The output: " + op.what + ".";
}

}  // namespace dojo

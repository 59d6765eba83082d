// The operations a kernel exercise asks for, computed on the host: the inputs every run gets, and
// the exact output a correct kernel writes. An exercise names its operation by id; its lesson never
// carries code that runs on the host.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "exercises/exercise.h"

namespace dojo {

// What one thread per output element must cover: the launch of an exercise is checked against it.
enum class Cover {
    Elements,  // n threads in x
    Grid,      // width threads in x, height in y
    Square,    // n in x and n in y (one per element of an n x n output)
    Rows,      // a block per row: height blocks in x (a row-wise reduction such as softmax)
    Free,      // the exercise decides (a reduction: one block does it all)
};

struct Operation {
    const char* id;
    const char* what;  // the output, in words: "result[i] = a[i] + 10"
    int inputs;        // 1 (a) or 2 (a and b)
    bool grid;         // a width x height problem (else n elements)
    Cover cover;
    double tolerance;  // relative, for sums whose order may differ from the reference's
    // Elements of a, b and the output for a problem of this size.
    std::size_t (*a_size)(const ProblemSize&);
    std::size_t (*b_size)(const ProblemSize&);
    std::size_t (*out_size)(const ProblemSize&);
    void (*reference)(const ProblemSize&, const std::vector<float>& a, const std::vector<float>& b, std::vector<float>& out);
    // Bytes a kernel must move at least (each input read once, each output written once), for GB/s.
    double (*bytes)(const ProblemSize&);
    // Elements per row when the output is pictured as a grid; null: the problem's width (grid
    // operations), n (square ones), else a wrapping row.
    int (*row_length)(const ProblemSize&) = nullptr;
    // The tolerance scales with max(tolerance_floor, |expected|): with 1 it is absolute for values
    // below 1. Softmax's outputs all lie below 1 and many are tiny, so it keeps it relative.
    double tolerance_floor = 1.0;
    // When not 0, the exercise's threads_x must be this: the output depends on the block's size.
    int block_size = 0;
};

// The slice each block of `reverse_blocks` reverses (its block_size).
inline constexpr int kReverseSlice = 64;

const std::vector<Operation>& operations();
const Operation* find_operation(const std::string& id);
// Empty when `launch` has a thread for every output element of `size`, else what falls short.
std::string launch_shortfall(const Operation& op, const ProblemSize& size, const LaunchShape& launch);

// Elements per row of the output's picture (see Operation::row_length); 0 for a row that wraps.
int output_row_length(const Operation& op, const ProblemSize& size);

// "add_ten, zip_add, ..." for messages.
std::string operation_ids();

// The inputs every run of an exercise gets: small whole numbers, so sums are exact in FP32 and a
// wrong element is easy to read. `which` 0 is a, 1 is b.
std::vector<float> exercise_input(std::size_t count, int which);

// The exercise's launch in words, for its card and its static page: "Launch: 1 block of 16 threads
// (16 in all) for 16 elements. The output: result[i] = a[i] + 10."
std::string launch_words(const Exercise& e, const Operation& op);

}  // namespace dojo

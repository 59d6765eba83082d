// Test inputs for the GPU backends' tests, made here rather than with engine/compute's
// random_matrix, so a backend's tests stand on the backend alone.
#pragma once

#include <cstdint>

#include "compute/matmul.h"

namespace dojo::test {

// Deterministic values in [-1, 1) from an LCG: the same matrices on every machine.
inline Matrix filled(int rows, int cols, std::uint32_t seed) {
    Matrix m(rows, cols);
    std::uint32_t state = seed * 2654435761u + 1u;
    for (float& v : m.data) {
        state = state * 1664525u + 1013904223u;
        v = static_cast<float>(state >> 8) / static_cast<float>(1u << 23) - 1.0f;
    }
    return m;
}

}  // namespace dojo::test

// The reference rung: OpenBLAS's SGEMM, the hand-tuned library the ladder is measured against.
#include <cblas.h>

#include "compute/cpu/cpu_kernels.h"

namespace dojo::cpu {

void matmul_openblas(const float* a, const float* b, float* c, int m, int n, int k) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
}

}  // namespace dojo::cpu

// The buffers of a check, inputs filled and the output's guards all canary (see exercise_check.h):
// apart from the check itself, so a host that only prepares and judges (the browser's) links neither
// the check, the traced run nor the other languages' preludes.
#include <algorithm>

#include "exercises/exercise_check.h"

namespace dojo {

KernelBuffers make_buffers(const Operation& op, const ProblemSize& size, const LaunchShape& launch) {
    KernelBuffers k;
    k.a = exercise_input(op.a_size(size), 0);
    k.b = exercise_input(op.b_size(size), 1);
    if (k.b.empty()) k.b.assign(1, 0.0f);  // a binding needs a buffer, even one the kernel never reads
    // The trailing guard is as long as the launch has threads, so any thread's stray write lands in it.
    const std::size_t after = std::max<std::size_t>(kGuardElements, static_cast<std::size_t>(launch.threads()));
    k.result.assign(kGuardElements + op.out_size(size) + after, canary_value());
    k.sizes = {static_cast<std::uint32_t>(size.n), static_cast<std::uint32_t>(size.width),
               static_cast<std::uint32_t>(size.height)};
    return k;
}

}  // namespace dojo

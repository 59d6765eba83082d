// The number formats the labs and the explorers speak of, one type for all of them: a matmul kernel's
// inputs (fp32, tf32, fp16, bf16), the VRAM planner's weights (down to int4) and the roofline's operands.
#pragma once

namespace dojo {

enum class NumberFormat { FP32, TF32, FP16, BF16, FP8, INT8, INT4 };

// "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4": the names lesson blocks, links and results use.
[[nodiscard]] const char* format_name(NumberFormat f);

}  // namespace dojo

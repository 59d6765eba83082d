// The number-formats explorer's model: the same tensor stored in each low-precision format, and the
// error each one makes (lesson low-precision-formats). Being written: see quant_formats.cpp.
#pragma once

#include <string>
#include <vector>

namespace dojo {

// The formats a lesson block may name, in the order the explorer lists them: "fp32", "bf16", "fp16",
// "fp8-e4m3", "fp8-e5m2", "mxfp8", "mxfp6", "mxfp4", "nvfp4", "int8", "int4".
const std::vector<std::string>& quant_format_ids();

}  // namespace dojo

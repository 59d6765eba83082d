// The number-formats explorer's arithmetic (the model is described in quant_formats.h).
#include "explorers/quant_formats.h"

namespace dojo {

const std::vector<std::string>& quant_format_ids() {
    static const std::vector<std::string> ids = {"fp32",  "bf16",  "fp16",  "fp8-e4m3", "fp8-e5m2", "mxfp8",
                                                 "mxfp6", "mxfp4", "nvfp4", "int8",     "int4"};
    return ids;
}

}  // namespace dojo

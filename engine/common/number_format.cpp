// The names of the number formats (see number_format.h).
#include "common/number_format.h"

namespace dojo {

const char* format_name(NumberFormat f) {
    switch (f) {
        case NumberFormat::FP32:
            return "fp32";
        case NumberFormat::TF32:
            return "tf32";
        case NumberFormat::FP16:
            return "fp16";
        case NumberFormat::BF16:
            return "bf16";
        case NumberFormat::FP8:
            return "fp8";
        case NumberFormat::INT8:
            return "int8";
        case NumberFormat::INT4:
            return "int4";
    }
    return "?";
}

}  // namespace dojo

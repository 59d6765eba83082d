// Statistics of a PNG that tell a real screen from a blank or broken one.
#pragma once

#include <string>

namespace dojo::test {

struct ImageStats {
    bool loaded = false;
    std::string error;
    int width = 0;
    int height = 0;
    int distinct_colors = 0;  // counted on colors quantized to 5 bits per channel
    double luma_stddev = 0;   // 0..255
};

ImageStats image_stats(const std::string& png_path);

// Empty when the image looks like a rendered screen; else what is wrong with it.
std::string blank_reason(const ImageStats& stats);

}  // namespace dojo::test

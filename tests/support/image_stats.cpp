// Decodes a PNG with stb_image and measures how much it varies.
#include "image_stats.h"

#include <cmath>
#include <unordered_set>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb/stb_image.h>

namespace dojo::test {

ImageStats image_stats(const std::string& path) {
    ImageStats s;
    int channels = 0;
    unsigned char* px = stbi_load(path.c_str(), &s.width, &s.height, &channels, 4);
    if (!px) {
        s.error = std::string("cannot read ") + path + ": " + stbi_failure_reason();
        return s;
    }
    s.loaded = true;
    std::unordered_set<unsigned> colors;
    double sum = 0, sum2 = 0;
    const std::size_t n = static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height);
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char* p = px + 4 * i;
        colors.insert((p[0] >> 3) << 10 | (p[1] >> 3) << 5 | (p[2] >> 3));
        const double luma = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
        sum += luma;
        sum2 += luma * luma;
    }
    stbi_image_free(px);
    s.distinct_colors = static_cast<int>(colors.size());
    const double mean = sum / static_cast<double>(n);
    s.luma_stddev = std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - mean * mean));
    return s;
}

std::string blank_reason(const ImageStats& s) {
    if (!s.loaded) return s.error;
    if (s.width < 100 || s.height < 100) return "image is only " + std::to_string(s.width) + "x" + std::to_string(s.height);
    if (s.distinct_colors < 16) return "image has only " + std::to_string(s.distinct_colors) + " colors: it looks blank";
    if (s.luma_stddev < 4.0)
        return "image brightness barely varies (stddev " + std::to_string(s.luma_stddev) + "): it looks blank";
    return "";
}

}  // namespace dojo::test

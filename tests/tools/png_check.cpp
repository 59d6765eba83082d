// png_check FILE: exits 0 when the PNG looks like a rendered screen, 1 (with the reason) when it
// is blank or unreadable. Prints its statistics as JSON either way. Used by the browser tests.
#include <cstdio>

#include "image_stats.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: png_check FILE.png\n");
        return 2;
    }
    const auto stats = dojo::test::image_stats(argv[1]);
    const std::string reason = dojo::test::blank_reason(stats);
    std::printf("{\"width\": %d, \"height\": %d, \"distinct_colors\": %d, \"luma_stddev\": %.2f, \"blank_reason\": \"%s\"}\n",
                stats.width, stats.height, stats.distinct_colors, stats.luma_stddev, reason.c_str());
    return reason.empty() ? 0 : 1;
}

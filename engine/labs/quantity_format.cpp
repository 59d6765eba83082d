#include "labs/quantity_format.h"

#include <cmath>
#include <cstdio>

namespace dojo {

std::string format_significant(double v) {
    char buffer[48];
    const double a = std::fabs(v);
    if (a >= 100)
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
    else if (a >= 10)
        std::snprintf(buffer, sizeof buffer, "%.1f", v);
    else if (a >= 1)
        std::snprintf(buffer, sizeof buffer, "%.2f", v);
    else
        std::snprintf(buffer, sizeof buffer, "%.3g", v);
    std::string s(buffer);
    if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
}

std::string format_bytes(double bytes) {
    static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    double v = bytes;
    while (std::fabs(v) >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return format_significant(v) + " " + kUnits[u];
}

}  // namespace dojo

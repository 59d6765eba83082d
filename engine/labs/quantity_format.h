// How measured quantities are written for people: in reports, the CLI's tables and the charts.
// One place, so a size reads the same ("1.5 MiB") wherever a learner meets it.
#pragma once

#include <string>

namespace dojo {

std::string format_significant(double v);  // up to three significant digits, no trailing zeros: 1.5, 42, 0.0123
std::string format_bytes(double bytes);    // 512 B, 4 KiB, 1.5 MiB, 1 GiB

}  // namespace dojo

// What a chart shows, in words and a table, for the access tree (see chart_description.cpp). The chart
// functions call these; they cost nothing while the tree is off.
#pragma once

#include <string>
#include <vector>

#include "ui/chart.h"

namespace dojo::chart {

void describe_line_chart(const ChartSpec& spec, const std::vector<Series>& series);
void describe_bar_chart(const ChartSpec& spec, const std::vector<std::string>& categories, const std::vector<Series>& series);

}  // namespace dojo::chart

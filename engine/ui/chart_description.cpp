// The charts for a screen reader (access_tree.h): a figure named by the chart's title, a sentence that
// says what it plots, and its data as a table, the rows the chart's points or categories.
#include "ui/chart_description.h"

#include <algorithm>
#include <cmath>

#include "ui/access_tree.h"

namespace dojo::chart {

namespace {

void cell(AccessTree& tree, AccessRole role, const std::string& text) {
    tree.add({.role = role, .name = text});  // a leaf's name is its text
}

std::string series_names(const std::vector<Series>& series) {
    std::string names;
    for (std::size_t i = 0; i < series.size(); ++i)
        names += (i == 0 ? "" : i + 1 == series.size() ? " and " : ", ") + series[i].name;
    return names;
}

void open_figure(AccessTree& tree, const ChartSpec& spec, std::string summary) {
    tree.open({.role = AccessRole::Figure, .name = spec.title.empty() ? "Chart" : spec.title, .description = std::move(summary)});
}

}  // namespace

void describe_line_chart(const ChartSpec& spec, const std::vector<Series>& series) {
    AccessTree& tree = access_tree();
    if (!tree.enabled()) return;
    std::vector<double> xs;
    for (const Series& s : series) xs.insert(xs.end(), s.x.begin(), s.x.end());
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    open_figure(tree, spec,
                "A line chart of " + (spec.y_label.empty() ? "the value" : spec.y_label) + " against " +
                    (spec.x_label.empty() ? "x" : spec.x_label) + (series.empty() ? "" : ", for " + series_names(series)) +
                    ". Its " + std::to_string(xs.size()) + " points are in the table.");
    tree.open({.role = AccessRole::Table, .name = spec.title});
    tree.open({.role = AccessRole::Row});
    cell(tree, AccessRole::ColumnHeader, spec.x_label.empty() ? "x" : spec.x_label);
    for (const Series& s : series) cell(tree, AccessRole::ColumnHeader, s.name);
    tree.close();
    for (double x : xs) {
        tree.open({.role = AccessRole::Row});
        cell(tree, AccessRole::Cell, format_exact(x, spec.x_units));
        for (const Series& s : series) {
            std::string value = "none";
            for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
                if (s.x[i] == x && std::isfinite(s.y[i])) value = format_exact(s.y[i], spec.y_units) + spec.value_suffix;
            cell(tree, AccessRole::Cell, value);
        }
        tree.close();
    }
    tree.close();
    tree.close();
}

void describe_bar_chart(const ChartSpec& spec, const std::vector<std::string>& categories, const std::vector<Series>& series) {
    AccessTree& tree = access_tree();
    if (!tree.enabled()) return;
    open_figure(tree, spec,
                "A bar chart of " + (spec.x_label.empty() ? "the value" : spec.x_label) + " for " +
                    std::to_string(categories.size()) + (categories.size() == 1 ? " row" : " rows") +
                    (series.size() > 1 ? ", bars for " + series_names(series) : "") + ". The values are in the table.");
    tree.open({.role = AccessRole::Table, .name = spec.title});
    tree.open({.role = AccessRole::Row});
    cell(tree, AccessRole::ColumnHeader, spec.y_label.empty() ? "Row" : spec.y_label);
    for (const Series& s : series) cell(tree, AccessRole::ColumnHeader, s.name.empty() ? "Value" : s.name);
    tree.close();
    for (std::size_t c = 0; c < categories.size(); ++c) {
        tree.open({.role = AccessRole::Row});
        cell(tree, AccessRole::Cell, categories[c]);
        for (const Series& s : series)
            cell(tree, AccessRole::Cell,
                 c < s.y.size() && std::isfinite(s.y[c]) ? format_exact(s.y[c], spec.x_units) + spec.value_suffix : "none");
        tree.close();
    }
    tree.close();
    tree.close();
}

}  // namespace dojo::chart

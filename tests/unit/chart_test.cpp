// The chart module's pure parts: nice ticks, log scales, value formatting and hover lookup; and a
// headless draw of each chart kind that must not crash.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <imgui.h>

#include "headless_imgui.h"
#include "ui/chart.h"
#include "ui/fonts.h"

namespace chart = dojo::chart;

TEST(ChartTicks, LinearTicksStepOneTwoFive) {
    EXPECT_EQ(chart::linear_ticks(0, 10, 6), (std::vector<double>{0, 2, 4, 6, 8, 10}));
    EXPECT_EQ(chart::linear_ticks(0, 100, 6), (std::vector<double>{0, 20, 40, 60, 80, 100}));
    EXPECT_EQ(chart::linear_ticks(0, 1, 3), (std::vector<double>{0, 0.5, 1}));
    const auto t = chart::linear_ticks(0, 37, 6);  // step 10: 0..30
    ASSERT_FALSE(t.empty());
    EXPECT_DOUBLE_EQ(t[1] - t[0], 10);
    EXPECT_LE(t.size(), 6u);
    EXPECT_EQ(chart::linear_ticks(5, 5), (std::vector<double>{5}));
}

TEST(ChartTicks, LogTicksAreDecadesWithTwoAndFiveWhenNarrow) {
    EXPECT_EQ(chart::log_ticks(1, 10000), (std::vector<double>{1, 10, 100, 1000, 10000}));
    EXPECT_EQ(chart::log_ticks(1, 100), (std::vector<double>{1, 2, 5, 10, 20, 50, 100}));
    EXPECT_TRUE(chart::log_ticks(0, 10).empty()) << "log axes need positive bounds";
    // Many decades: every other one, so labels never collide.
    EXPECT_LE(chart::log_ticks(1e-12, 1e6).size(), 10u);
}

TEST(ChartScale, NiceAxisAndLogMapping) {
    const auto a = chart::nice_axis(3, 97, false);
    EXPECT_EQ(a.lo, 0);
    EXPECT_EQ(a.hi, 100);
    const auto l = chart::nice_axis(4096, 1 << 30, true);
    EXPECT_EQ(l.lo, 1000);
    EXPECT_DOUBLE_EQ(l.hi, 1e10);
    const chart::Axis decades{1, 1000, true};
    EXPECT_DOUBLE_EQ(chart::to_unit(decades, 1), 0);
    EXPECT_DOUBLE_EQ(chart::to_unit(decades, 10), 1.0 / 3);
    EXPECT_DOUBLE_EQ(chart::to_unit(decades, 1000), 1);
    EXPECT_EQ(chart::to_unit(decades, 0), 0) << "non-positive values map to the axis start on a log scale";
    EXPECT_NEAR(chart::from_unit(decades, 2.0 / 3), 100, 1e-9);
    const chart::Axis lin{0, 50, false};
    EXPECT_DOUBLE_EQ(chart::to_unit(lin, 25), 0.5);
    EXPECT_DOUBLE_EQ(chart::from_unit(lin, 0.2), 10);
}

TEST(ChartFormat, NumbersBytesAndTimes) {
    EXPECT_EQ(chart::format_number(0.1), "0.1");
    EXPECT_EQ(chart::format_number(1), "1");
    EXPECT_EQ(chart::format_number(10), "10");
    EXPECT_EQ(chart::format_number(2.5), "2.5");
    EXPECT_EQ(chart::format_number(384.2), "384");
    EXPECT_EQ(chart::format_number(25000), "25k");
    EXPECT_EQ(chart::format_number(1.2e6), "1.2M");
    EXPECT_EQ(chart::format_number(1e-6), "1e-6");
    EXPECT_EQ(chart::format_number(0), "0");
    EXPECT_EQ(chart::format_bytes(512), "512 B");
    EXPECT_EQ(chart::format_bytes(4096), "4 KiB");
    EXPECT_EQ(chart::format_bytes(1024.0 * 1024), "1 MiB");
    EXPECT_EQ(chart::format_bytes(1.5 * 1024 * 1024), "1.5 MiB");
    EXPECT_EQ(chart::format_bytes(1024.0 * 1024 * 1024), "1 GiB");
    EXPECT_EQ(chart::format_ms(1.5), "1.5 ms");
    EXPECT_EQ(chart::format_ms(2500), "2.5 s");
    EXPECT_EQ(chart::format_ms(0.005), "5 \xc2\xb5s");
    EXPECT_EQ(chart::format_value(4096, chart::Units::Bytes), "4 KiB");
    EXPECT_EQ(chart::format_exact(384.23456, chart::Units::Number), "384.235");
    EXPECT_EQ(chart::format_exact(4096, chart::Units::Bytes), "4 KiB (4096 bytes)");
}

TEST(ChartHover, NearestPointWithinReach) {
    const std::vector<std::vector<ImVec2>> points = {{{0, 0}, {100, 100}}, {{50, 52}, {200, 0}}};
    auto hit = chart::nearest_point(points, {49, 50}, 10);
    EXPECT_EQ(hit.series, 1);
    EXPECT_EQ(hit.index, 0);
    EXPECT_NEAR(hit.distance, std::sqrt(5.0f), 1e-4);
    hit = chart::nearest_point(points, {98, 97}, 10);
    EXPECT_EQ(hit.series, 0);
    EXPECT_EQ(hit.index, 1);
    EXPECT_EQ(chart::nearest_point(points, {150, 300}, 10).series, -1) << "nothing within reach";
}

TEST(ChartDraw, EveryKindDrawsHeadlessWithoutTrouble) {
    dojo::test::start_headless_imgui();
    ImGuiIO& io = ImGui::GetIO();
    for (int frame = 0; frame < 2; ++frame) {
        io.MousePos = {300, 300};
        ImGui::NewFrame();
        ImGui::Begin("charts");
        chart::ChartSpec spec;
        spec.title = "GB/s";
        spec.log_x = true;
        spec.x_units = chart::Units::Bytes;
        chart::Series s{"h2d", {4096, 65536, 1 << 20}, {1, 5, 12}, 0};
        s.labels = {"a", "", "c"};
        chart::line_chart("line", spec, {s, chart::Series{"empty", {}, {}, 0}}, {600, 300});
        const ImVec2 a = chart::last_chart_min(), b = chart::last_chart_max();
        EXPECT_NEAR(b.x - a.x, 600, 0.5);
        EXPECT_NEAR(b.y - a.y, 300, 0.5);
        spec.roofline = {1000, 50};
        spec.log_y = true;
        spec.x_units = chart::Units::Number;
        spec.markers.push_back({256, "crossover", 0});
        chart::line_chart("roof", spec, {chart::Series{"k", {1, 10, 100}, {20, 300, 900}, 0}}, {600, 300});
        chart::ChartSpec bars;
        bars.title = "GFLOP/s";
        const double nan = std::numeric_limits<double>::quiet_NaN();
        chart::bar_chart("bars", bars, {"cpu \xc2\xb7 naive", "a kernel with a very very very long name indeed, too long to fit"},
                         {chart::Series{"mine", {}, {1.5, 300}, 0}, chart::Series{"theirs", {}, {nan, 200}, 0}}, {600, 0});
        EXPECT_GT(chart::last_chart_max().y - chart::last_chart_min().y, 100) << "bar charts size themselves to their rows";
        bars.log_x = true;
        chart::bar_chart("nothing", bars, {}, {}, {600, 0});
        ImGui::End();
        ImGui::Render();
    }
    ImGui::DestroyContext();
}

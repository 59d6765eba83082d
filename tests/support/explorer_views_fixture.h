// A test fixture for the explorers' views: a headless ImGui context, drawing one explorer in a window
// of a given width, and checking that a recorded widget stays inside that width.
#pragma once

#include <map>
#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "headless_imgui.h"
#include "ui/explorers_view.h"
#include "ui/widget_registry.h"

namespace dojo {

class ExplorerViewsHeadless : public ::testing::Test {
protected:
    void SetUp() override { test::start_headless_imgui(1600, 2400); }
    void TearDown() override { ImGui::DestroyContext(); }

    // Draws the explorer in a window `width` wide for two frames (the registry keeps the last one).
    void draw(ExplorersView& view, const char* id, float width, const std::map<std::string, std::string>& params) {
        for (int i = 0; i < 2; ++i) {
            ImGui::NewFrame();
            widget_registry().begin_frame();
            ImGui::SetNextWindowPos({0, 0});
            ImGui::SetNextWindowSize({width + 40, 2400});
            ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
            left_ = ImGui::GetCursorScreenPos().x;
            view.draw(id, width, params);
            ImGui::End();
            widget_registry().end_frame();
            ImGui::Render();
        }
    }
    float left_ = 0;

    void expect_inside(const char* label, float width) {
        const auto r = widget_registry().find(label);
        ASSERT_TRUE(r) << label;
        EXPECT_GE(r->x, left_ - 1) << label;
        EXPECT_LE(r->x + r->w, left_ + width + 1) << label << " overflows at width " << width;
    }
};

}  // namespace dojo

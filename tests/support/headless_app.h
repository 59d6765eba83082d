// Drives an AppShell headless (ImGui with no backend, see headless_imgui.h): one frame as the
// runners draw it, and a click on a widget found by its label, the way the browser and desktop
// tests click through their hooks.
#pragma once

#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "ui/app_shell.h"
#include "ui/redraw.h"
#include "ui/widget_registry.h"

namespace dojo::test {

// One frame, as the runners draw it: the last frame's requests for frames are forgotten first.
// Returns what this frame asked for (ui/redraw.h).
inline double frame(AppShell& shell) {
    redraw::clear();
    ImGui::NewFrame();
    shell.frame();
    ImGui::Render();
    return redraw::requested_in();
}

// Moves the mouse onto the widget and presses and releases the button over three frames (the click
// lands on release); a fourth frame draws what it opened.
inline void click_at(AppShell& shell, const WidgetRect& rect) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {rect.x + rect.w / 2, rect.y + rect.h / 2};
    frame(shell);
    io.MouseDown[0] = true;
    frame(shell);
    io.MouseDown[0] = false;
    frame(shell);
    frame(shell);
}

// The same, on the widget with this label in the last frame; fails the test when there is none.
inline void click(AppShell& shell, const std::string& label) {
    const auto rect = widget_registry().find(label);
    ASSERT_TRUE(rect) << "no widget labelled '" << label << "'";
    click_at(shell, *rect);
}

}  // namespace dojo::test

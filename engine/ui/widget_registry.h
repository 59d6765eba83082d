// Where every labelled widget was drawn in the last complete frame, collected through ImGui's
// test-engine hooks (IMGUI_ENABLE_TEST_ENGINE). Tests and the web test hook use it to find a
// widget by its label and click it with a real mouse event.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dojo {

struct WidgetRect {
    std::string label;                 // the visible part of the label (before any "##")
    std::string full;                  // the whole label, "##id" included, to tell apart widgets that look alike
    float x = 0, y = 0, w = 0, h = 0;  // in logical pixels from the top-left of the window
    unsigned id = 0;                   // ImGui's id, for widgets that keyboard navigation can reach
};

class WidgetRegistry {
public:
    // Call right after ImGui::NewFrame(), and end_frame() once every widget is drawn: the frame's
    // widgets then become last_frame().
    void begin_frame();
    void end_frame();
    void record(std::string_view label, float x, float y, float w, float h, unsigned id = 0);

    const std::vector<WidgetRect>& last_frame() const { return last_; }
    // The first widget of the last frame whose visible or whole label equals `label`.
    std::optional<WidgetRect> find(std::string_view label) const;

private:
    std::vector<WidgetRect> current_, last_;
};

WidgetRegistry& widget_registry();

}  // namespace dojo

// JSON views of the widget registry and the app state for the test hooks.
#include "ui/test_hooks.h"

#include "ui/fonts.h"
#include "ui/widget_registry.h"

namespace dojo {

namespace {

// In window pixels (CSS pixels on the web), where a test's mouse events land: ImGui units times the UI scale.
nlohmann::json rect_json(const WidgetRect& r) {
    const float s = ui_scale();
    return {{"label", r.label}, {"x", r.x * s}, {"y", r.y * s}, {"w", r.w * s}, {"h", r.h * s}};
}

}  // namespace

nlohmann::json widget_json(std::string_view label) {
    const auto found = widget_registry().find(label);
    return found ? rect_json(*found) : nlohmann::json(nullptr);
}

nlohmann::json test_snapshot(const AppShell& shell) {
    nlohmann::json widgets = nlohmann::json::array();
    for (const auto& r : widget_registry().last_frame()) widgets.push_back(rect_json(r));
    return {{"state", shell.test_state()}, {"widgets", widgets}};
}

}  // namespace dojo

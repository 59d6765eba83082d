// JSON views of the widget registry and the app state for the test hooks.
#include "ui/test_hooks.h"

#include "ui/widget_registry.h"

namespace dojo {

namespace {

nlohmann::json rect_json(const WidgetRect& r) { return {{"label", r.label}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}; }

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

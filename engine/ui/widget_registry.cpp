// The test-engine hooks that ImGui calls for each item, feeding the WidgetRegistry. This file is
// compiled into the ImGui library itself (see engine/CMakeLists.txt) because imgui.cpp calls these.
#include "ui/widget_registry.h"

#include "ui/access_tree.h"

#include <imgui.h>
#include <imgui_internal.h>

namespace dojo {

void WidgetRegistry::begin_frame() {
    current_.clear();
    if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = true;
}

void WidgetRegistry::end_frame() {
    last_.swap(current_);
}

void WidgetRegistry::record(std::string_view label, float x, float y, float w, float h, unsigned id) {
    std::string_view visible = label;
    if (auto hidden = label.find("##"); hidden != std::string_view::npos) visible = label.substr(0, hidden);
    if (label.empty()) return;
    current_.push_back({std::string(visible), std::string(label), x, y, w, h, id});
}

std::optional<WidgetRect> WidgetRegistry::find(std::string_view label) const {
    for (const auto& r : last_)
        if (r.label == label || r.full == label) return r;
    return std::nullopt;
}

WidgetRegistry& widget_registry() {
    static WidgetRegistry registry;
    return registry;
}

}  // namespace dojo

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect&, ImGuiID) {}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (!label) return;
    const ImRect& r = ctx->LastItemData.Rect;
    dojo::widget_registry().record(label, r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight(), id);
    dojo::access_tree().widget(label, static_cast<unsigned>(flags), static_cast<unsigned>(ctx->LastItemData.InFlags), r.Min.x,
                               r.Min.y, r.GetWidth(), r.GetHeight(), id, ctx->CurrentWindow ? ctx->CurrentWindow->ID : 0);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}

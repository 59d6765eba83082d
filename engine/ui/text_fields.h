// Which text field takes a number: the browser shell asks, to raise a phone's number keyboard rather
// than its letters, since ImGui keeps an input's character filter to itself.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

namespace dojo {

namespace detail {
inline ImGuiID g_numeric_field = 0;
}  // namespace detail

// Call right after an ImGui::InputText that takes a number.
inline void mark_numeric_field() {
    if (ImGui::IsItemActive()) detail::g_numeric_field = ImGui::GetItemID();
}

// Whether the field being edited now is one that mark_numeric_field() named.
inline bool editing_numeric_field() {
    return detail::g_numeric_field != 0 && detail::g_numeric_field == ImGui::GetActiveID();
}

}  // namespace dojo

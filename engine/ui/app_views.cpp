// Keyboard focus for the whole app: Enter presses the focused widget, and a ring that shows where
// the focus is. The views the shell draws are classes of their own (tree_view, review_view, ...).
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/app_shell.h"
#include "ui/theme.h"

namespace dojo {

// ---- Keyboard focus ------------------------------------------------------------------------------

void AppShell::enter_presses_focused_widget() {
    // Enter reaches widgets as an "input" request, which text fields take and buttons ignore; turning it into
    // an activation before any widget is drawn makes buttons, checkboxes and links answer it as they do Space.
    ImGuiContext& g = *GImGui;
    if (g.NavActivateInputId != 0 && g.NavActivateId == 0 && g.ActiveId == 0)
        g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavActivateInputId;
}

void AppShell::draw_keyboard_focus_ring() {
    // ImGui's own ring is 2 px, easy to miss on a projector or for low vision; this one covers it, 3 px wide.
    const ImGuiContext& g = *GImGui;
    ImGuiWindow* w = g.NavWindow;
    if (g.NavDisableHighlight || g.NavId == 0 || !w || !w->WasActive || w->Hidden) return;
    const ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->PushClipRect(w->InnerClipRect.Min, w->InnerClipRect.Max, false);  // nothing over the top bar or past the view
    dl->AddRect({r.Min.x - 4.5f, r.Min.y - 4.5f}, {r.Max.x + 4.5f, r.Max.y + 4.5f}, theme::kAccent, g.Style.FrameRounding + 4.5f,
                0, 3.0f);
    dl->PopClipRect();
}

}  // namespace dojo

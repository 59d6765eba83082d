#include "ui/exercises/code_editor.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui_internal.h>

#include "ui/fonts.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

namespace dojo {

namespace {

int line_count(const char* text) {
    int n = 1;
    for (const char* c = text; *c; ++c) n += *c == '\n';
    return n;
}

}  // namespace

void CodeBuffer::set(const std::string& text) {
    const std::size_t n = std::min(text.size(), chars_.size() - 1);
    std::copy(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(n), chars_.begin());
    chars_[n] = '\0';
}

float code_editor_height(const std::string& text, int min_lines) {
    ImGui::PushFont(fonts().mono);
    const float line = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    const ImGuiStyle& st = ImGui::GetStyle();
    // Room for one more line than the code has (the caret after a last newline) and a sideways scrollbar.
    return static_cast<float>(std::max(line_count(text.c_str()) + 1, min_lines)) * line + 2 * st.FramePadding.y +
           st.ScrollbarSize;
}

CodeEditorResult code_editor(const char* label, CodeBuffer& buffer, float width, const std::vector<int>& error_lines) {
    CodeEditorResult out;
    ImGui::PushFont(fonts().mono);
    const float line = ImGui::GetTextLineHeight();
    const ImGuiStyle& st = ImGui::GetStyle();
    const int lines = line_count(buffer.data());
    char widest[16];
    std::snprintf(widest, sizeof widest, "%d", std::max(lines, 99));
    const float gutter = ImGui::CalcTextSize(widest).x + 2 * st.FramePadding.x;
    const float height = code_editor_height(buffer.data(), 8);

    // The gutter: line numbers beside the text's lines, an error line's number on red.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, {origin.x + gutter, origin.y + height}, theme::kSurface, st.FrameRounding,
                      ImDrawFlags_RoundCornersLeft);
    for (int i = 1; i <= lines; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "%d", i);
        const bool error = std::find(error_lines.begin(), error_lines.end(), i) != error_lines.end();
        const float y = origin.y + st.FramePadding.y + static_cast<float>(i - 1) * line;
        if (error) dl->AddRectFilled({origin.x, y}, {origin.x + gutter, y + line}, theme::tint(theme::kDanger, 0.35f));
        const float w = ImGui::CalcTextSize(number).x;
        dl->AddText({origin.x + gutter - st.FramePadding.x - w, y}, error ? theme::kText : theme::kTextDim, number);
    }

    // Escape would make ImGui put back the text as it was when the editor was entered: leave first.
    ImGui::SetCursorScreenPos({origin.x + gutter, origin.y});
    // ImGui would print the label beside the box: the label is for tests and the id only.
    const std::string hidden = std::string("##") + label;
    const ImGuiID id = ImGui::GetID(hidden.c_str());
    const bool was_active = ImGui::GetActiveID() == id;
    if (was_active && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::ClearActiveID();

    ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::kCodeBackground);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
    out.changed = ImGui::InputTextMultiline(hidden.c_str(), buffer.data(), buffer.room(), {width - gutter, height},
                                            ImGuiInputTextFlags_AllowTabInput);
    ImGui::PopStyleColor(2);
    out.active = ImGui::IsItemActive();
    out.left = was_active && !out.active;
    // Ctrl+Enter ends ImGui's multi-line input (it reads it as "done"): run, as the hint says.
    if (out.left && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))
        out.run_pressed = true;
    ImGui::PopFont();
    return out;
}

}  // namespace dojo

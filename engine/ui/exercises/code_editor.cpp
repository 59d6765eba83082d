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

// The width of the longest line in the current font.
float widest_line(const char* text) {
    float widest = 0;
    for (const char* begin = text;;) {
        const char* end = begin;
        while (*end && *end != '\n') ++end;
        widest = std::max(widest, ImGui::CalcTextSize(begin, end).x);
        if (!*end) return widest;
        begin = end + 1;
    }
}

// Where the caret of the active editor `id` stands from the start of its line, in pixels; < 0 when
// the editor is not active.
float caret_x(ImGuiID id) {
    const ImGuiInputTextState* state = ImGui::GetInputTextState(id);
    if (!state) return -1;
    const int cursor = std::clamp(state->Stb.cursor, 0, state->CurLenW);
    const ImWchar* text = state->TextW.Data;
    int line_start = cursor;
    while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
    std::string line(static_cast<std::size_t>(ImTextCountUtf8BytesFromStr(text + line_start, text + cursor)) + 1, '\0');
    const int bytes = ImTextStrToUtf8(line.data(), static_cast<int>(line.size()), text + line_start, text + cursor);
    return ImGui::CalcTextSize(line.data(), line.data() + bytes).x;
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

    // A line wider than the card (a phone) scrolls sideways in a frame of its own, with a scrollbar,
    // rather than being cut off: ImGui's multi-line input follows the caret sideways but shows no
    // scrollbar and cannot be scrolled to read. The text box is as wide as the longest line.
    ImGui::SetCursorScreenPos({origin.x + gutter, origin.y});
    const float view = std::max(1.0f, width - gutter);
    const float room = ImGui::CalcTextSize("M").x;  // for the caret after the last character
    const float text_width = std::max(view, widest_line(buffer.data()) + 2 * st.FramePadding.x + room);
    const bool sideways = text_width > view;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kCodeBackground);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, st.FrameRounding);
    ImGui::BeginChild((std::string(label) + "##sideways").c_str(), {view, height}, false,
                      ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();

    // Escape would make ImGui put back the text as it was when the editor was entered: leave first.
    // ImGui would print the label beside the box: the label is for tests and the id only.
    const std::string hidden = std::string("##") + label;
    const ImGuiID id = ImGui::GetID(hidden.c_str());
    const bool was_active = ImGui::GetActiveID() == id;
    if (was_active && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::ClearActiveID();

    ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::kCodeBackground);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
    out.changed = ImGui::InputTextMultiline(hidden.c_str(), buffer.data(), buffer.room(),
                                            {text_width, height - (sideways ? st.ScrollbarSize : 0.0f)},
                                            ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_NoHorizontalScroll);
    ImGui::PopStyleColor(2);
    out.active = ImGui::IsItemActive();
    out.left = was_active && !out.active;
    out.id = id;
    // While typing, the frame keeps the caret in view.
    if (const float caret = out.active ? caret_x(id) : -1; caret >= 0 && sideways) {
        const float x = st.FramePadding.x + caret, margin = 2 * room;
        if (x - margin < ImGui::GetScrollX()) ImGui::SetScrollX(std::max(0.0f, x - margin));
        if (x + margin > ImGui::GetScrollX() + view) ImGui::SetScrollX(x + margin - view);
    }
    ImGui::EndChild();
    // Ctrl+Enter ends ImGui's multi-line input (it reads it as "done"): run, as the hint says.
    if (out.left && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))
        out.run_pressed = true;
    ImGui::PopFont();
    return out;
}

}  // namespace dojo

// Cards, rules, dim text and view titles drawn with ImGui and its draw list.
#include "ui/widgets.h"

#include <vector>

#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace dojo {

namespace {

// Cards nest (a quiz in a callout in a list), and one draw-list splitter cannot, so each level of
// nesting has its own. Past the last level, cards are drawn without a background.
struct OpenCard {
    ImVec2 start;
    float width = 0, padding = 0;
    bool split = false;
};
constexpr int kMaxDepth = 8;
ImDrawListSplitter g_splitters[kMaxDepth];
std::vector<OpenCard> g_cards;

}  // namespace

void begin_card(float width, float padding) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool split = g_cards.size() < kMaxDepth;
    if (split) {
        g_splitters[g_cards.size()].Split(dl, 2);
        g_splitters[g_cards.size()].SetCurrentChannel(dl, 1);
    }
    g_cards.push_back({ImGui::GetCursorScreenPos(), width, padding, split});
    ImGui::SetCursorScreenPos({g_cards.back().start.x + padding + 4, g_cards.back().start.y + padding});
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * padding - 4);
}

void end_card(ImU32 background, ImU32 accent) {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const OpenCard card = g_cards.back();
    g_cards.pop_back();
    const float bottom = ImGui::GetItemRectMax().y + card.padding;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (card.split) {
        ImDrawListSplitter& splitter = g_splitters[g_cards.size()];
        splitter.SetCurrentChannel(dl, 0);
        const ImVec2 a = card.start, b{card.start.x + card.width, bottom};
        dl->AddRectFilled(a, b, background, 8);
        // The projector theme outlines cards: pale fills alone vanish on a washed-out projector.
        if (theme::kLineWidth > 1) dl->AddRect(a, b, theme::kBorder, 8, 0, theme::kLineWidth * 0.75f);
        if (accent) dl->AddRectFilled(a, {a.x + 4, b.y}, accent, 8, ImDrawFlags_RoundCornersLeft);
        splitter.Merge(dl);
    }
    ImGui::SetCursorScreenPos({card.start.x, bottom});
    ImGui::Dummy({card.width, 0});
}

void column_rule(float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine({p.x, p.y}, {p.x + width, p.y}, theme::kBorder, theme::kLineWidth);
    ImGui::Dummy({width, 1});
}

void text_colored(ImU32 color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    access_text(text);
}

void section_title(const char* icon_glyph, const char* text) {
    ImGui::PushFont(fonts().title);
    ImGui::Text("%s  %s", icon_glyph, text);
    ImGui::PopFont();
    access_text(text, AccessRole::Heading, 1);
}

}  // namespace dojo

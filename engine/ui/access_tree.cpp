// The frame's semantic nodes (see access_tree.h). Compiled into the ImGui library beside the widget
// registry, since ImGui's item hook feeds both.
#include "ui/access_tree.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

namespace dojo {

const char* aria_role(AccessRole role) {
    switch (role) {
        case AccessRole::Text:
            return "";
        case AccessRole::Heading:
            return "heading";
        case AccessRole::Paragraph:
            return "paragraph";
        case AccessRole::List:
            return "list";
        case AccessRole::ListItem:
            return "listitem";
        case AccessRole::Link:
            return "link";
        case AccessRole::Button:
            return "button";
        case AccessRole::Checkbox:
            return "checkbox";
        case AccessRole::RadioGroup:
            return "radiogroup";
        case AccessRole::Radio:
            return "radio";
        case AccessRole::Slider:
            return "slider";
        case AccessRole::TextField:
            return "textbox";
        case AccessRole::Image:
            return "img";
        case AccessRole::Table:
            return "table";
        case AccessRole::Row:
            return "row";
        case AccessRole::ColumnHeader:
            return "columnheader";
        case AccessRole::Cell:
            return "cell";
        case AccessRole::Code:
            return "code";
        case AccessRole::Note:
            return "note";
        case AccessRole::Figure:
            return "figure";
        case AccessRole::Group:
            return "group";
        case AccessRole::Status:
            return "status";
        case AccessRole::ProgressBar:
            return "progressbar";
        case AccessRole::Navigation:
            return "navigation";
        case AccessRole::Main:
            return "main";
    }
    return "";
}

std::string readable_label(std::string_view label) {
    if (auto hidden = label.find("##"); hidden != std::string_view::npos) label = label.substr(0, hidden);
    std::string out;
    for (std::size_t i = 0; i < label.size();) {
        const auto c = static_cast<unsigned char>(label[i]);
        const std::size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        // U+E000..U+F8FF, the private-use area where the icon font's glyphs live: EE 80 80 .. EF A3 BF.
        const bool icon =
            len == 3 && (c == 0xee || (c == 0xef && i + 1 < label.size() && static_cast<unsigned char>(label[i + 1]) <= 0xa3));
        if (!icon) out.append(label.substr(i, len));
        i += len;
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

bool AccessNode::reads_as(const AccessNode& o) const {
    return role == o.role && name == o.name && description == o.description && level == o.level && state == o.state &&
           value == o.value && min == o.min && max == o.max && value_text == o.value_text && href == o.href && id == o.id &&
           window == o.window && parent == o.parent;
}

void AccessTree::begin_frame() {
    current_.clear();
    open_.clear();
}

void AccessTree::end_frame() {
    if (!enabled_) return;
    const ImGuiContext* g = ImGui::GetCurrentContext();
    set_focus(g && !g->NavDisableHighlight ? g->NavId : 0);
    if (!std::equal(current_.begin(), current_.end(), last_.begin(), last_.end(),
                    [](const AccessNode& a, const AccessNode& b) { return a.reads_as(b); }))
        changed_ = true;
    last_.swap(current_);
}

int AccessTree::add(AccessNode node) {
    if (!enabled_) return -1;
    node.parent = open_.empty() ? -1 : open_.back();
    current_.push_back(std::move(node));
    return static_cast<int>(current_.size()) - 1;
}

int AccessTree::open(AccessNode node) {
    const int index = add(std::move(node));
    if (index >= 0) open_.push_back(index);
    return index;
}

void AccessTree::close() {
    if (!open_.empty()) open_.pop_back();
}

void AccessTree::text(std::string_view run) {
    if (!enabled_ || run.empty()) return;
    const int parent = open_.empty() ? -1 : open_.back();
    if (!current_.empty() && current_.back().role == AccessRole::Text && current_.back().parent == parent) {
        current_.back().name += run;
        return;
    }
    AccessNode node;
    node.name = std::string(run);
    add(std::move(node));
}

void AccessTree::widget(std::string_view label, unsigned imgui_status, unsigned imgui_item_flags, float x, float y, float w,
                        float h, unsigned id, unsigned window) {
    if (!enabled_ || id == 0) return;
    AccessNode node;
    node.name = readable_label(label);
    node.role = AccessRole::Button;
    if (imgui_status & ImGuiItemStatusFlags_Checkable) {
        node.role = AccessRole::Checkbox;
        node.state |= access_state::kCheckable;
        if (imgui_status & ImGuiItemStatusFlags_Checked) node.state |= access_state::kChecked;
    } else if (imgui_status & ImGuiItemStatusFlags_Openable) {
        node.state |= access_state::kExpandable;
        if (imgui_status & ImGuiItemStatusFlags_Opened) node.state |= access_state::kExpanded;
    } else if (imgui_item_flags & ImGuiItemFlags_Inputable) {
        node.role = AccessRole::TextField;  // or a slider: its view says so (describe_slider)
    }
    if (imgui_item_flags & ImGuiItemFlags_Disabled) node.state |= access_state::kDisabled;
    node.x = x, node.y = y, node.w = w, node.h = h;
    node.id = id;
    node.window = window;
    add(std::move(node));
}

AccessNode* AccessTree::find_widget(unsigned id) {
    for (auto it = current_.rbegin(); it != current_.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

bool AccessTree::take_changed() {
    const bool was = changed_;
    changed_ = false;
    return was;
}

void AccessTree::set_focus(unsigned id) {
    if (id != focus_) changed_ = true;
    focus_ = id;
}

bool AccessTree::apply_requests() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx || (!focus_request_ && !activate_request_)) return false;
    ImGuiContext& g = *ctx;
    bool did = false;
    if (focus_request_) {
        for (const AccessNode& n : last_) {
            if (n.id != focus_request_) continue;
            if (ImGuiWindow* w = ImGui::FindWindowByID(n.window)) {
                ImGui::FocusWindow(w);
                ImGui::SetFocusID(n.id, w);
                g.NavDisableHighlight = false;  // the keyboard is in use: the focus ring shows
                g.NavDisableMouseHover = g.NavMousePosDirty = true;
                // Centred when out of view: ImGui's edge mode leaves an item under a padded window's edge.
                ImGui::ScrollToRect(w, ImRect(n.x, n.y, n.x + n.w, n.y + n.h), ImGuiScrollFlags_KeepVisibleCenterY);
                did = true;
            }
            break;
        }
        focus_request_ = 0;
    }
    if (activate_request_) {
        g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = activate_request_;
        activate_request_ = 0;
        did = true;
    }
    return did;
}

AccessTree& access_tree() {
    static AccessTree tree;
    return tree;
}

AccessNode* describe_last_item(AccessRole role, std::string_view name, unsigned state) {
    AccessTree& tree = access_tree();
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!tree.enabled() || !g || g->LastItemData.ID == 0) return nullptr;
    AccessNode* node = tree.find_widget(g->LastItemData.ID);
    if (!node) {  // clipped (out of view) or drawn without a label: the hook never saw it
        AccessNode added;
        const ImRect& r = g->LastItemData.Rect;
        added.x = r.Min.x, added.y = r.Min.y, added.w = r.GetWidth(), added.h = r.GetHeight();
        added.id = g->LastItemData.ID;
        added.window = g->CurrentWindow ? g->CurrentWindow->ID : 0;
        if (g->LastItemData.InFlags & ImGuiItemFlags_Disabled) added.state |= access_state::kDisabled;
        node = tree.node(tree.add(std::move(added)));
        if (!node) return nullptr;
    }
    node->role = role;
    if (!name.empty()) node->name = readable_label(name);
    node->state |= state;
    return node;
}

namespace {

void set_slider(double value, double min, double max, const char* text, std::string_view name) {
    if (AccessNode* n = describe_last_item(AccessRole::Slider, name)) {
        n->value = value, n->min = min, n->max = max;
        n->value_text = readable_label(text);
    }
}

}  // namespace

void describe_last_slider(double value, double min, double max, const char* format, std::string_view name) {
    char text[96];
    ImFormatString(text, sizeof text, format, value);
    set_slider(value, min, max, text, name);
}

void describe_last_slider(int value, int min, int max, const char* format, std::string_view name) {
    char text[96];
    ImFormatString(text, sizeof text, format, value);
    set_slider(value, min, max, text, name);
}

void describe_last_combo(std::string_view label, std::string_view current) {
    const std::string name = std::string(label) + ": " + std::string(current);
    describe_last_item(AccessRole::Button, name, access_state::kExpandable);
}

void access_text(std::string text, AccessRole role, int level) {
    AccessTree& tree = access_tree();
    if (!tree.enabled() || text.empty()) return;
    AccessNode node;
    node.role = role;
    node.level = level;
    node.name = readable_label(text);
    const ImVec2 at = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    node.x = at.x, node.y = at.y, node.w = size.x, node.h = size.y;
    tree.add(std::move(node));
}

}  // namespace dojo

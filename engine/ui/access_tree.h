// What is on screen, as a screen reader needs it: each frame the views describe their content as
// semantic nodes (a heading and its level, a paragraph and its links, a list, a radio group and its
// choices, a slider and its range, a table, an image and its alt text) with a name, a state and a
// rectangle. ImGui has no accessibility layer of its own; this is ours. Widgets come in through the same
// test-engine hook as the widget registry (a checkbox says it is one; anything else that takes a click is
// a button until its view says more), and the reader, the quiz and the tree add what the hook cannot see.
//
// The browser mirrors the tree into hidden ARIA elements (web/dom_bridge.cpp, web/access_mirror.js), only
// after a frame that changed it; focus and activation come back by ImGui id. Like the text layer it is off
// until a host turns it on, so elsewhere a frame gathers nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dojo {

enum class AccessRole : std::uint8_t {
    Text,  // a run of plain text inside a paragraph, heading or cell
    Heading,
    Paragraph,
    List,
    ListItem,
    Link,
    Button,
    Checkbox,
    RadioGroup,
    Radio,
    Slider,
    TextField,
    Image,
    Table,
    Row,
    ColumnHeader,
    Cell,
    Code,
    Note,         // a callout: tip, note, watch out, analogy
    Figure,       // a chart or a diagram, with its summary as the name
    Group,        // a card or section with a name: a lab, an exercise, a quiz
    Status,       // a message that is there, not announced (a verdict on screen, a notice)
    ProgressBar,  // a running lab: value of max
    Navigation,   // the top bar
    Main,         // the view under it
};

// The ARIA role the browser gives a node ("heading", "radiogroup", ...); "" for a plain text run.
const char* aria_role(AccessRole role);

namespace access_state {
inline constexpr unsigned kCheckable = 1u << 0;  // a checkbox or radio: kChecked says which way
inline constexpr unsigned kChecked = 1u << 1;
inline constexpr unsigned kSelected = 1u << 2;
inline constexpr unsigned kDisabled = 1u << 3;
inline constexpr unsigned kExpandable = 1u << 4;  // kExpanded says which way
inline constexpr unsigned kExpanded = 1u << 5;
inline constexpr unsigned kCurrent = 1u << 6;  // the top bar's current view
}  // namespace access_state

struct AccessNode {
    AccessRole role = AccessRole::Text;
    std::string name;                    // what is read: the text, the label, the alt text
    std::string description;             // read after the name: a lesson's prerequisites, a chart's table caption
    int level = 0;                       // a heading's level, 1..6
    unsigned state = 0;                  // access_state bits
    double value = 0, min = 0, max = 0;  // a slider
    std::string value_text;              // a slider's value as shown ("4 repetitions"), a text field's content
    std::string href;                    // a link that goes to a route ("#/lesson/cpu-vs-gpu") rather than a widget
    float x = 0, y = 0, w = 0, h = 0;    // in ImGui units from the window's top-left
    unsigned id = 0;                     // ImGui's id: DOM focus and activation reach the widget by it
    unsigned window = 0;                 // the ImGui window the widget is in
    int parent = -1;                     // index of the node this one is inside, or -1 at the top
    // The same thing said, wherever it stands: everything but the rectangle (a scroll moves nodes and
    // changes nothing a screen reader hears).
    bool reads_as(const AccessNode& o) const;
};

class AccessTree {
public:
    void enable() { enabled_ = true; }
    void disable() { enabled_ = false; }
    bool enabled() const { return enabled_; }

    // Around each frame, as the widget registry: end_frame() makes the frame's nodes last_frame().
    void begin_frame();
    void end_frame();

    // A node inside the innermost open node. Returns its index, for refining it later in the frame.
    int add(AccessNode node);
    // A node the following nodes go inside, until close(). Closing what was never opened does nothing.
    int open(AccessNode node);
    void close();
    // Runs of text and links gathered into one paragraph, heading or cell: text() adds to the current run.
    void text(std::string_view run);

    // From ImGui's item hook: a labelled widget, its role guessed from ImGui's status flags.
    void widget(std::string_view label, unsigned imgui_status, unsigned imgui_item_flags, float x, float y, float w, float h,
                unsigned id, unsigned window);
    // The node the hook added for widget `id` this frame, to give it its true role, state or value; null
    // when the hook saw no such widget (a widget with no label, or the tree is off).
    AccessNode* find_widget(unsigned id);

    const std::vector<AccessNode>& last_frame() const { return last_; }
    const std::vector<AccessNode>& current_frame() const { return current_; }
    // A node added this frame, by the index add() or open() returned; null for -1.
    AccessNode* node(int index) { return index < 0 ? nullptr : &current_[static_cast<std::size_t>(index)]; }
    // True once after a frame that says something other than the frame before (AccessNode::reads_as: a
    // scroll alone is no change), or whose focus moved: only then does the page's mirror need a word.
    bool take_changed();

    // The widget ImGui's keyboard focus is on, 0 when the keyboard is not in use; set after each frame.
    void set_focus(unsigned id);
    unsigned focus() const { return focus_; }

    // Requests from the page (the DOM mirror was focused or activated), carried out at the start of the
    // next frame by apply_requests(): ImGui's keyboard focus moves to the widget and shows it, or the
    // widget is pressed as Space would press it.
    void request_focus(unsigned id) { focus_request_ = id; }
    void request_activate(unsigned id) { activate_request_ = id; }
    // Call right after ImGui::NewFrame(). Returns true when it did something (the frame then has work).
    bool apply_requests();

private:
    std::vector<AccessNode> current_, last_;
    std::vector<int> open_;  // indices of the open nodes, innermost last
    unsigned focus_ = 0;
    unsigned focus_request_ = 0, activate_request_ = 0;
    bool changed_ = false;
    bool enabled_ = false;
};

AccessTree& access_tree();

// For the widget ImGui drew last: its role, name and state in the tree. The hook only sees widgets in
// view; this adds the node for one scrolled out of view too, so a screen reader can reach the whole view
// (focusing it scrolls it in). An empty name keeps the label's. Returns the node, or null when the tree is
// off or the last item has no id.
AccessNode* describe_last_item(AccessRole role, std::string_view name = {}, unsigned state = 0);
// The same for a slider, with its value, its range and the value as shown, written with the slider's own
// printf format ("%d tokens", "%.1f GHz").
void describe_last_slider(double value, double min, double max, const char* format, std::string_view name);
void describe_last_slider(int value, int min, int max, const char* format, std::string_view name);
// A combo box, closed: a button that opens a list, named by its label and its current choice.
void describe_last_combo(std::string_view label, std::string_view current);
// A node of text that ImGui drew as a plain Text() (which the hook does not see).
void access_text(std::string text, AccessRole role = AccessRole::Paragraph, int level = 0);

// The visible part of an ImGui label: before any "##", without the icon font's glyphs (private-use code
// points), trimmed. "\xef\x80\x8c  Check##q3" reads "Check".
std::string readable_label(std::string_view label);

}  // namespace dojo

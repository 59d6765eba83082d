// A code editor for kernel exercises, built on ImGui's multi-line text input: monospace, a gutter
// of line numbers (error lines marked), Tab indents, undo and redo (Ctrl+Z, Ctrl+Y), copy and paste,
// and Escape leaves the editor keeping the code (ImGui alone would revert it). It grows with the
// code, so the lesson's own scrolling is the only one.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace dojo {

struct CodeEditorResult {
    bool changed = false;      // the text was edited this frame
    bool run_pressed = false;  // Ctrl+Enter
    bool active = false;       // the editor has the keyboard
    bool left = false;         // the editor lost the keyboard this frame
    unsigned id = 0;           // the text box's ImGui id (it sits in a frame that scrolls sideways)
};

// The text being edited, in a buffer of fixed room: typing past the room is not accepted.
class CodeBuffer {
public:
    explicit CodeBuffer(std::size_t max_bytes = 64 * 1024) : chars_(max_bytes + 1, '\0') {}
    void set(const std::string& text);  // cut at the room if longer
    std::string text() const { return std::string(chars_.data()); }
    char* data() { return chars_.data(); }
    std::size_t room() const { return chars_.size(); }

private:
    std::vector<char> chars_;
};

// `label` names the editor for tests and screen readers ("Kernel code##<exercise id>"). Error lines
// are 1-based.
CodeEditorResult code_editor(const char* label, CodeBuffer& buffer, float width, const std::vector<int>& error_lines);

// The editor's height for `text`: its lines, at least `min_lines`, and the frame's padding.
float code_editor_height(const std::string& text, int min_lines);

}  // namespace dojo

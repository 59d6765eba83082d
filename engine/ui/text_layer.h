// The text the reader drew this frame, a line at a time, with where it stands: the browser lays it over
// the canvas as transparent DOM text (web/dom_bridge.cpp and index.html's dojoTextLayer), as PDF.js
// does over a page, so the browser's own find (Ctrl+F) highlights the right place, a drag selects the
// words under it and Ctrl+C copies them. rich_text() records every line it lays out, in view or not:
// the browser's find then reaches the whole lesson, and scrolls the view to a line off screen.
#pragma once

#include <string>
#include <vector>

namespace dojo {

struct TextLine {
    std::string text;
    float x = 0, y = 0, w = 0, h = 0;  // in ImGui units from the window's top-left
    bool operator==(const TextLine& o) const { return text == o.text && x == o.x && y == o.y && w == o.w && h == o.h; }
};

class TextLayer {
public:
    // Only a host that shows the layer turns it on (the browser); elsewhere rich_text() gathers no
    // lines and a frame costs nothing more.
    void enable() { enabled_ = true; }
    bool enabled() const { return enabled_; }

    // Around each frame, as the widget registry: end_frame() makes the frame's lines last_frame().
    void begin_frame() { current_.clear(); }
    void end_frame();
    void record(TextLine line) { current_.push_back(std::move(line)); }

    const std::vector<TextLine>& last_frame() const { return last_; }
    // True once after a frame whose lines differ from the frame before (text or place): only then
    // does the page's copy need updating, so a resting app touches no DOM.
    bool take_changed();

private:
    std::vector<TextLine> current_, last_;
    bool changed_ = false;
    bool enabled_ = false;
};

TextLayer& text_layer();

}  // namespace dojo

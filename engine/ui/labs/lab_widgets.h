// Small pieces the Labs view's settings form and result charts share: rows of toggle buttons that
// wrap, a button's width, a bold line, and a number in a printf format.
#pragma once

#include <string>

#include <imgui.h>

namespace dojo::labs_ui {

// A row of buttons wrapping within `width`: call next() with each item's width before drawing it.
struct Flow {
    float left, width, used = 0;
    explicit Flow(float w) : left(ImGui::GetCursorPosX()), width(w) {}
    void next(float item_w);
};

// A button that looks pressed when `on`; true when clicked.
bool toggle(const std::string& label, bool on, float width_hint = 0);
// The width ImGui gives a button with this label (the part before any "##").
float button_width(const std::string& label);
void small_heading(const char* text);
std::string fmt(const char* format, double v);

}  // namespace dojo::labs_ui

// Small drawing and number-writing helpers the explorers' views share: staying inside a lesson card,
// wrapping answers only at spaces, labelled rows, and numbers as a learner reads them.
#pragma once

#include <string>

namespace dojo::explorer_ui {

// A lesson card marks its inner right edge with a text wrap position: `width`, kept inside it.
float fit_width(float width);
// Wrapped text that breaks only at spaces: ImGui's own wrapping may break after a period, which
// splits numbers such as "17.2 GB" across lines.
void wrap_at_spaces(const std::string& text, float width);
// A row's label, then the cursor moved to x0 + label_w (or past a longer label) for the control.
void row_label(const char* text, float x0, float label_w);
// printf of one number.
std::string fmt(const char* format, double v);
// Rounded to a whole number with thousands separators: 1,234,567.
std::string with_commas(double v);

}  // namespace dojo::explorer_ui

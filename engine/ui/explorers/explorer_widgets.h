// Small drawing and number-writing helpers the explorers' views share: staying inside a lesson card,
// wrapping answers only at spaces, labelled rows in one or two columns, the answer sentence, and
// numbers as a learner reads them.
#pragma once

#include <string>

#include <imgui.h>

namespace dojo::explorer_ui {

// A lesson card marks its inner right edge with a text wrap position: `width`, kept inside it.
float fit_width(float width);
// Wrapped text that breaks only at spaces: ImGui's own wrapping may break after a period, which
// splits numbers such as "17.2 GB" across lines.
void wrap_at_spaces(const std::string& text, float width);
// A row's label, then the cursor at x0 + label_w for the control (on the next line when the label is
// longer than label_w, as on a phone).
void row_label(const char* text, float x0, float label_w);
// The explorers' controls: two columns of labelled rows when the card is at least 34 font sizes wide,
// one column (the second below the first) when it is narrower, as on a phone. Made where the first
// column starts; second() starts the second; end() leaves the cursor below the taller column.
class ControlColumns {
public:
    // `label_share` of a column (at most `label_max` font sizes) holds the labels, the rest the fields.
    explicit ControlColumns(float width, float label_share = 0.36f, float label_max = 8.5f);
    void second();
    void end();
    float x0() const { return x0_; }  // where the current column's labels start (screen x)
    float label_w = 0, field_w = 0, column = 0;
    bool two_columns = false;

private:
    ImVec2 start_;
    float gap_ = 0, x0_ = 0, first_bottom_ = 0;
};

// The explorer's answer in the strong font and `color`, after an icon, wrapped at spaces, recorded in
// the widget registry as `label` (for tests).
void answer_sentence(const char* icon, const std::string& text, ImU32 color, const char* label, float width);
// A time as a learner reads it: 1.2 s, 54.5 ms, 46 µs (three significant digits).
std::string seconds_text(double seconds);
// printf of one number.
std::string fmt(const char* format, double v);
// Rounded to a whole number with thousands separators: 1,234,567.
std::string with_commas(double v);

}  // namespace dojo::explorer_ui

// The frame's lines of text, for the browser's text layer (see text_layer.h).
#include "ui/text_layer.h"

namespace dojo {

void TextLayer::end_frame() {
    if (!enabled_) return;
    if (current_ != last_) changed_ = true;
    last_.swap(current_);
}

bool TextLayer::take_changed() {
    const bool was = changed_;
    changed_ = false;
    return was;
}

TextLayer& text_layer() {
    static TextLayer layer;
    return layer;
}

}  // namespace dojo

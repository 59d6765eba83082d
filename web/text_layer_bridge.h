// The browser's text layer over the canvas: see engine/ui/text_layer.h.
#pragma once

namespace dojo {

// After a frame: hands the frame's lines to the page when they changed; nothing when they did not.
void publish_text_layer();

}  // namespace dojo

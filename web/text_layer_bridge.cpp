// Hands the reader's visible lines (engine/ui/text_layer.h) to the page's text layer (index.html's
// Module.dojoTextLayer), only after a frame that changed them.
#include "text_layer_bridge.h"

#include <emscripten.h>

#include <string>

#include "ui/fonts.h"
#include "ui/text_layer.h"

namespace dojo {

namespace {

// clang-format off
EM_JS(void, text_layer_set, (const char* packed), {
    if (Module.dojoTextLayer) Module.dojoTextLayer(UTF8ToString(packed));
});
// clang-format on

}  // namespace

void publish_text_layer() {
    if (!text_layer().take_changed()) return;
    // A line a line: x, y, width and height in CSS pixels, then the text, between tabs.
    const float s = ui_scale();
    std::string packed;
    for (const TextLine& l : text_layer().last_frame()) {
        packed += std::to_string(l.x * s) + '\t' + std::to_string(l.y * s) + '\t' + std::to_string(l.w * s) + '\t' +
                  std::to_string(l.h * s) + '\t';
        for (char c : l.text) packed += c == '\t' || c == '\n' ? ' ' : c;
        packed += '\n';
    }
    text_layer_set(packed.c_str());
}

}  // namespace dojo

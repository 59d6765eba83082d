// What the page's DOM mirrors of the app, handed over after each frame: the reader's lines to the text
// layer (engine/ui/text_layer.h; index.html's Module.dojoTextLayer) and the access tree to the hidden ARIA
// mirror (engine/ui/access_tree.h; access_mirror.js), each only when a frame changed it, and the frame's
// announcements (engine/ui/announcer.h) to the live region (Module.dojoAnnounce).
#include "dom_bridge.h"

#include <emscripten.h>

#include <string>

#include "ui/access_json.h"
#include "ui/access_tree.h"
#include "ui/announcer.h"
#include "ui/fonts.h"
#include "ui/text_layer.h"

namespace dojo {

namespace {

// clang-format off
EM_JS(void, text_layer_set, (const char* packed), {
    if (Module.dojoTextLayer) Module.dojoTextLayer(UTF8ToString(packed));
});
EM_JS(void, access_mirror_set, (const char* json), {
    if (Module.dojoAccessMirror) Module.dojoAccessMirror(UTF8ToString(json));
});
// Puts the frame's announcements in the page's polite live region.
EM_JS(void, live_region_say, (const char* text), {
    if (Module.dojoAnnounce) Module.dojoAnnounce(UTF8ToString(text));
});
// clang-format on

}  // namespace

void publish_announcements() {
    std::string text;
    for (const std::string& a : take_announcements()) text += (text.empty() ? "" : " ") + a;
    if (!text.empty()) live_region_say(text.c_str());
}

void publish_access_tree() {
    if (access_tree().take_changed()) access_mirror_set(access_json(access_tree()).dump().c_str());
}

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

// What the page's DOM mirrors of the app: the text layer over the canvas (engine/ui/text_layer.h), the
// hidden ARIA mirror of the access tree (engine/ui/access_tree.h) and the live region a screen reader
// reads (engine/ui/announcer.h).
#pragma once

namespace dojo {

// After a frame: hands the frame's lines to the page when they changed; nothing when they did not.
void publish_text_layer();
// After a frame: hands the access tree to the page's ARIA mirror when what it says changed.
void publish_access_tree();
// After a frame: the frame's announcements (engine/ui/announcer.h) to the page's live region.
void publish_announcements();

}  // namespace dojo

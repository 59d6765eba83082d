// The on-screen keyboard for the browser: a canvas cannot raise a phone's keyboard, so while ImGui
// edits text a hidden <input> over the field takes the focus and its typing is passed on to ImGui.
#pragma once

namespace dojo {

// Call once per frame before ImGui::NewFrame(): passes on the keys queued since the last frame.
void text_input_before_frame();
// Call once per frame after the app drew: focuses, moves or blurs the hidden input to follow ImGui.
void text_input_after_frame();

}  // namespace dojo

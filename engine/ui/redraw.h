// When the next frame is needed. The app rests: a frame is drawn only when input arrived or when
// something on screen moves. A view that moves says so here during each frame it draws, for as
// long as it moves; the platform's loop asks the FramePacer after every frame how long it may
// sleep (SDL_WaitEventTimeout natively, a paused requestAnimationFrame loop in the browser).
#pragma once

#include <limits>

namespace dojo {

// A wait with no end: only input (or a wake from outside, such as a worker's message) ends it.
inline constexpr double kWaitForInput = std::numeric_limits<double>::infinity();

namespace redraw {

// Something on screen moves (an animation, a progress bar, a result being awaited): the next frame
// is needed as soon as the display can show it. Ask again in that frame if it still moves.
void request_frame();
// Something changes in `seconds` (a clock's next second, the text caret's next blink).
void request_frame_in(double seconds);
// The soonest request made since clear(), in seconds from when it was made; kWaitForInput if none.
[[nodiscard]] double requested_in();
// The loop forgets the last frame's requests before it draws the next.
void clear();

}  // namespace redraw

// Decides after each frame how long the loop may sleep before it must draw again.
class FramePacer {
public:
    // Frames drawn after the last input before the app rests: ImGui shows a click's result, a
    // hover's highlight and a layout measured in one frame and placed in the next within these.
    static constexpr int kSettleFrames = 4;

    // An event (mouse, key, touch, resize, focus, a message) arrived since the last frame.
    void input() { frames_since_input_ = 0; }
    // After a frame: 0 to draw the next one at once, kWaitForInput to sleep until input, or the
    // seconds to sleep. `requested_in` is redraw::requested_in(); `held` is true while a mouse
    // button or a key is held down (ImGui repeats and drags on its own clock then).
    [[nodiscard]] double wait_after_frame(double requested_in, bool held);

private:
    int frames_since_input_ = 0;
};

}  // namespace dojo

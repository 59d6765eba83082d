// The browser's frame loop, which rests: requestAnimationFrame runs only while the app needs frames.
// After each frame the shell asks the runner how long it may sleep (ui/redraw.h) and calls rest();
// input (any SDL event), a navigation, a file, a worker's message or a timer calls wake().
#pragma once

namespace dojo::page_loop {

// Runs `frame` at the display's rate (emscripten_set_main_loop) and installs the wake sources:
// an SDL event watch, and Module.dojoWake() for the page's own scripts. Does not return.
void run(void (*frame)());
// After a frame: stops the loop for `seconds` (kWaitForInput: until woken). 0 keeps it running.
void rest(double seconds);
// Resumes a stopped loop at the next animation frame (a timer a view asked for).
void resume();
// Resumes the loop at the next animation frame, and marks that something happened (a running loop
// is only marked).
void wake();
// True once after each wake(): the frame treats it as input, so it draws the settle frames a
// navigation or a new file needs, not just one.
[[nodiscard]] bool take_wake();

}  // namespace dojo::page_loop

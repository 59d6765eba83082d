// Drives the desktop app from a script, for end-to-end tests under Xvfb: it finds widgets by label
// in the widget registry, moves the real pointer there and clicks through SDL's event queue, so
// input takes the same path as a person's. One command per line:
//   route #/tree                go to a route
//   click <label>               click the widget; scrolls down to find it when it is not on screen
//   show <label>                scroll until the widget is on screen (no click)
//   scroll <notches>            turn the mouse wheel over the window (negative: down)
//   wait <frames>               let the app run
//   expect-rest <seconds> <n>   ask for no frames for that long, as a learner reading would; fails
//                               if the app drew more than n frames meanwhile (it must rest)
//   wait-for <pointer> <json>   let the app run until its state (AppShell::test_state) at the JSON
//                               pointer equals the value, e.g. `wait-for /labs/running false`;
//                               fails after 180 seconds
//   type <text>                 type text as the keyboard would (\n a newline, \t a tab)
//   key <combo>                 press and release a key: Escape, Backspace, ctrl+a, ctrl+Return
//   drop <file>                 drop a file onto the window (a progress or results file)
//   save-state <file.json>      write the app state and widgets, as --state does
//   screenshot <file.png>       save the window
//   # comment
#pragma once

#include <string>
#include <vector>

#include "sdl_gl_runner.h"
#include "ui/app_shell.h"

namespace dojo {

class UiScript {
public:
    // Reads the script; false with a message for an unreadable file or an unknown command.
    [[nodiscard]] bool load(const std::string& path, std::string& error);
    // Runs the next step, if its time has come; call once per frame after render().
    // Returns false when the script failed (error() says why).
    bool step(AppShell& shell, SdlGlRunner& runner);
    bool done() const { return next_ >= lines_.size() && !pressing_ && key_down_ < 0; }
    // True during expect-rest: the loop must not be kept drawing for the script's sake.
    bool resting() const { return rest_until_ > 0; }
    const std::string& error() const { return error_; }

private:
    std::vector<std::string> lines_;
    std::size_t next_ = 0;
    int wait_ = 0;
    int scrolls_ = 0;
    bool pressing_ = false;
    int key_down_ = -1;          // the scancode of a key pressed last frame, to release
    double waiting_since_ = -1;  // seconds, while a wait-for is pending
    double rest_until_ = 0;      // seconds, while an expect-rest is pending
    int rest_frames_ = 0, rest_allowed_ = 0;
    std::string error_;
};

// Writes the shell's test snapshot to a file; false with a message on failure.
[[nodiscard]] bool write_state(const AppShell& shell, const std::string& path, std::string& error);
// Saves the back buffer as PNG; false with a message on failure.
[[nodiscard]] bool write_screenshot(const SdlGlRunner& runner, const std::string& path, std::string& error);

}  // namespace dojo

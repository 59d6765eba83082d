// The script runner behind --script, and the state and screenshot writers it shares with main().
#include "ui_script.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <stb/stb_image_write.h>

#include <nlohmann/json.hpp>

#include "ui/fonts.h"
#include "ui/redraw.h"
#include "ui/test_hooks.h"
#include "ui/widget_registry.h"

namespace dojo {

namespace {

// Turns the mouse wheel over the window's center; ImGui's SDL backend counts events, not their size.
void push_wheel(SdlGlRunner& runner, int notches) {
    int w = 0, h = 0;
    SDL_GetWindowSize(runner.window(), &w, &h);
    SDL_WarpMouseInWindow(runner.window(), w / 2, h / 2);
    for (int i = 0; i < std::abs(notches); ++i) {
        SDL_Event wheel{};
        wheel.type = SDL_MOUSEWHEEL;
        wheel.wheel.y = notches < 0 ? -1 : 1;
        wheel.wheel.windowID = SDL_GetWindowID(runner.window());
        SDL_PushEvent(&wheel);
    }
}

void push_left_button(SdlGlRunner& runner, Uint32 type) {
    SDL_Event e{};
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.windowID = SDL_GetWindowID(runner.window());
    SDL_PushEvent(&e);
}

// "\\n" and "\\t" in a script's text become a newline and a tab; "\\\\" a backslash.
std::string unescape(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    return out;
}

// Text as SDL delivers typing: SDL_TEXTINPUT events of at most 31 bytes, cut between characters.
void push_text(SdlGlRunner& runner, const std::string& text) {
    for (std::size_t at = 0; at < text.size();) {
        std::size_t n = std::min<std::size_t>(31, text.size() - at);
        while (n > 1 && at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) --n;
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        e.text.windowID = SDL_GetWindowID(runner.window());
        std::memcpy(e.text.text, text.data() + at, n);
        SDL_PushEvent(&e);
        at += n;
    }
}

// "ctrl+Return", "Escape", "shift+Tab": the modifiers and the key's scancode (SDL's key names).
bool parse_key(const std::string& combo, SDL_Keymod& mods, SDL_Scancode& code) {
    mods = KMOD_NONE;
    std::string rest = combo;
    for (std::size_t plus; (plus = rest.find('+')) != std::string::npos && plus + 1 < rest.size();) {
        const std::string mod = rest.substr(0, plus);
        if (mod == "ctrl")
            mods = static_cast<SDL_Keymod>(mods | KMOD_LCTRL);
        else if (mod == "shift")
            mods = static_cast<SDL_Keymod>(mods | KMOD_LSHIFT);
        else if (mod == "alt")
            mods = static_cast<SDL_Keymod>(mods | KMOD_LALT);
        else
            return false;
        rest = rest.substr(plus + 1);
    }
    code = SDL_GetScancodeFromName(rest.c_str());
    return code != SDL_SCANCODE_UNKNOWN;
}

void push_key(SdlGlRunner& runner, Uint32 type, SDL_Scancode code, SDL_Keymod mods) {
    SDL_SetModState(type == SDL_KEYDOWN ? mods : KMOD_NONE);
    SDL_Event e{};
    e.type = type;
    e.key.windowID = SDL_GetWindowID(runner.window());
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.scancode = code;
    e.key.keysym.sym = SDL_GetKeyFromScancode(code);
    e.key.keysym.mod = static_cast<Uint16>(type == SDL_KEYDOWN ? mods : KMOD_NONE);
    SDL_PushEvent(&e);
}

double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string argument(const std::string& line) {
    const auto sp = line.find(' ');
    return sp == std::string::npos ? "" : line.substr(sp + 1);
}

}  // namespace

bool write_state(const AppShell& shell, const std::string& path, std::string& error) {
    std::ofstream out(path);
    out << test_snapshot(shell).dump(2) << "\n";
    if (!out) error = "could not write the state to " + path;
    return static_cast<bool>(out);
}

bool write_screenshot(const SdlGlRunner& runner, const std::string& path, std::string& error) {
    std::vector<unsigned char> rgba;
    int w = 0, h = 0;
    if (!runner.read_pixels(rgba, w, h) || !stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4)) {
        error = "could not save the screenshot to " + path;
        return false;
    }
    return true;
}

bool UiScript::load(const std::string& path, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = "cannot read the script " + path;
        return false;
    }
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const std::string cmd = line.substr(0, line.find(' '));
        if (cmd != "route" && cmd != "click" && cmd != "wait" && cmd != "save-state" && cmd != "screenshot" && cmd != "scroll" &&
            cmd != "wait-for" && cmd != "drop" && cmd != "show" && cmd != "expect-rest" && cmd != "type" && cmd != "key") {
            error = path + ":" + std::to_string(number) + ": unknown command '" + cmd + "'";
            return false;
        }
        lines_.push_back(line);
    }
    return true;
}

bool UiScript::step(AppShell& shell, SdlGlRunner& runner) {
    if (key_down_ >= 0) {  // the key went down last frame: let it come up
        push_key(runner, SDL_KEYUP, static_cast<SDL_Scancode>(key_down_), KMOD_NONE);
        key_down_ = -1;
        wait_ = 2;
        return true;
    }
    if (pressing_) {  // the button went down last frame: let it come up
        push_left_button(runner, SDL_MOUSEBUTTONUP);
        pressing_ = false;
        wait_ = 3;
        return true;
    }
    if (wait_ > 0) {
        --wait_;
        return true;
    }
    if (rest_until_ > 0) {  // every frame drawn now is one the app did not rest through
        const double left = rest_until_ - seconds_now();
        if (left > 0) {
            ++rest_frames_;
            redraw::request_frame_in(left);
            return true;
        }
        rest_until_ = 0;
        if (rest_frames_ > rest_allowed_) {
            error_ = "the app drew " + std::to_string(rest_frames_) + " frames while nothing moved (at most " +
                     std::to_string(rest_allowed_) + " expected): it does not rest";
            return false;
        }
        ++next_;
        redraw::request_frame();  // the script goes on
        return true;
    }
    if (next_ >= lines_.size()) return true;
    const std::string& line = lines_[next_];
    const std::string cmd = line.substr(0, line.find(' '));
    const std::string arg = argument(line);
    if (cmd == "route") {
        shell.navigate(arg);
        wait_ = 3;
    } else if (cmd == "scroll") {  // negative scrolls down
        push_wheel(runner, std::atoi(arg.c_str()));
        wait_ = 2;
    } else if (cmd == "wait") {
        wait_ = std::max(0, std::atoi(arg.c_str()));
    } else if (cmd == "wait-for") {
        const auto sp = arg.find(' ');
        const nlohmann::json expected = nlohmann::json::parse(sp == std::string::npos ? "" : arg.substr(sp + 1), nullptr, false);
        if (sp == std::string::npos || expected.is_discarded()) {
            error_ = "wait-for needs a JSON pointer and a JSON value: " + arg;
            return false;
        }
        const double now = seconds_now();
        if (waiting_since_ < 0) waiting_since_ = now;
        const nlohmann::json state = shell.test_state();
        const nlohmann::json::json_pointer pointer(arg.substr(0, sp));
        if (!state.contains(pointer) || state.at(pointer) != expected) {
            if (now - waiting_since_ > 180) {
                error_ = "waited 180 s, and " + arg.substr(0, sp) + " is still " +
                         (state.contains(pointer) ? state.at(pointer).dump() : "absent");
                return false;
            }
            return true;  // this line again next frame
        }
        waiting_since_ = -1;
    } else if (cmd == "expect-rest") {
        double seconds = 0;
        if (std::sscanf(arg.c_str(), "%lf %d", &seconds, &rest_allowed_) != 2 || seconds <= 0 || rest_allowed_ < 0) {
            error_ = "expect-rest needs seconds and a frame count: " + arg;
            return false;
        }
        rest_until_ = seconds_now() + seconds;
        rest_frames_ = 0;
        redraw::request_frame_in(seconds);
        return true;  // this line stays current until the rest is over
    } else if (cmd == "type") {
        push_text(runner, unescape(arg));
        wait_ = 2;
    } else if (cmd == "key") {
        SDL_Keymod mods = KMOD_NONE;
        SDL_Scancode code = SDL_SCANCODE_UNKNOWN;
        if (!parse_key(arg, mods, code)) {
            error_ = "key needs modifiers and an SDL key name, such as ctrl+Return or Escape: " + arg;
            return false;
        }
        push_key(runner, SDL_KEYDOWN, code, mods);
        key_down_ = code;
    } else if (cmd == "drop") {
        if (runner.on_file_dropped) runner.on_file_dropped(arg);
        wait_ = 2;
    } else if (cmd == "save-state") {
        if (!write_state(shell, arg, error_)) return false;
    } else if (cmd == "screenshot") {
        if (!write_screenshot(runner, arg, error_)) return false;
    } else if (cmd == "click" || cmd == "show") {
        int w = 0, h = 0;
        SDL_GetWindowSize(runner.window(), &w, &h);
        auto rect = widget_registry().find(arg);
        if (rect) {  // ImGui units to window pixels (the UI scale, ui/fonts.h)
            const float s = ui_scale();
            rect->x *= s, rect->y *= s, rect->w *= s, rect->h *= s;
        }
        const bool visible = rect && rect->y >= 0 && rect->y + rect->h <= static_cast<float>(h) && rect->x >= 0;
        if (!visible) {
            if (++scrolls_ > 150) {
                error_ = "no widget labelled '" + arg + "' came into view";
                return false;
            }
            push_wheel(runner, rect && rect->y < 0 ? 1 : -1);  // one notch per frame toward it
            wait_ = 1;
            return true;
        }
        scrolls_ = 0;
        if (cmd == "show") {
            wait_ = 2;
            ++next_;
            return true;
        }
        SDL_WarpMouseInWindow(runner.window(), static_cast<int>(rect->x + rect->w / 2), static_cast<int>(rect->y + rect->h / 2));
        push_left_button(runner, SDL_MOUSEBUTTONDOWN);
        pressing_ = true;
    }
    ++next_;
    return true;
}

}  // namespace dojo

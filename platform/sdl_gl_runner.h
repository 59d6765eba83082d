// An SDL2 window with an OpenGL 3 (desktop) or WebGL2 (browser) context running Dear ImGui: the
// part of a platform shell that the desktop app and the web app share. The shells own the loop:
// a plain while loop on the desktop, emscripten_set_main_loop in the browser.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

#include "imgui_gl_renderer.h"
#include "ui/redraw.h"

struct SDL_Window;
union SDL_Event;

namespace dojo {

struct RunnerOptions {
    const char* title = "Compute Dojo";
    int width = 1280;
    int height = 800;
    bool vsync = true;
};

class SdlGlRunner {
public:
    // Returns false with a message in `error` when no window or GL context could be created.
    bool init(const RunnerOptions& options, std::string& error);
    void shutdown();

    // Handles pending events; returns false once the user asked to quit.
    bool poll_events();
    // After a frame is presented: how long the loop may sleep before the next one (0: draw at once,
    // kWaitForInput: until input). Counts the settle frames after input, the views' requests
    // (ui/redraw.h), the text caret's blink and held keys or buttons.
    [[nodiscard]] double frame_wait();
    // Something outside SDL's events happened (a navigation, a worker's message): draw the settle
    // frames after it as after input.
    void note_input() { pacer_.input(); }
    // Sleeps until an event arrives or `seconds` pass (the desktop loop; the browser pauses its loop).
    void wait_for_events(double seconds);
    // Frames drawn since init().
    long frames_drawn() const { return frames_drawn_; }
    // Starts an ImGui frame (rebuilding fonts first if the display's pixel density changed).
    void begin_frame();
    // Renders the ImGui frame into the back buffer; present() then shows it.
    void render();
    void present();

    // Reads the back buffer after render() as tightly packed RGBA rows, top row first.
    bool read_pixels(std::vector<unsigned char>& rgba, int& width, int& height) const;

    float pixel_scale() const { return pixel_scale_; }
    // Empty while drawing works; else why the interface cannot be drawn (the GPU's shader compiler).
    const std::string& render_error() const { return renderer_.error(); }

    // A GL texture of a PNG file, loaded on first use and kept; null (and size 0) when the file is
    // missing or not a PNG.
    ImTextureID texture(const std::string& png_path, ImVec2& size);
    // Called with the path of a file dropped onto the window.
    std::function<void(const std::string&)> on_file_dropped;
    SDL_Window* window() const { return window_; }

private:
    float current_pixel_scale() const;

    struct Texture {
        unsigned id = 0;
        ImVec2 size;
    };
    std::map<std::string, Texture> textures_;
    SDL_Window* window_ = nullptr;
    void* gl_context_ = nullptr;
    float pixel_scale_ = 0.0f;
    bool quit_ = false;
    FramePacer pacer_;
    ImGuiGlRenderer renderer_;
    long frames_drawn_ = 0;
    // Touch: no hover once a finger has lifted (see sdl_gl_runner.cpp).
    void track_touch(const SDL_Event& event);
    void lift_pointer_after_touch(ImGuiIO& io);
    int frames_since_touch_ = -1;  // -1: the pointer is a mouse, or a finger is down
};

}  // namespace dojo

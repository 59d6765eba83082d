// An SDL2 window with an OpenGL 3 (desktop) or WebGL2 (browser) context running Dear ImGui: the
// part of a platform shell that the desktop app and the web app share. The shells own the loop:
// a plain while loop on the desktop, emscripten_set_main_loop in the browser.
#pragma once

#include <string>
#include <vector>

struct SDL_Window;

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
    // Starts an ImGui frame (rebuilding fonts first if the display's pixel density changed).
    void begin_frame();
    // Renders the ImGui frame into the back buffer; present() then shows it.
    void render();
    void present();

    // Reads the back buffer after render() as tightly packed RGBA rows, top row first.
    bool read_pixels(std::vector<unsigned char>& rgba, int& width, int& height) const;

    float pixel_scale() const { return pixel_scale_; }

private:
    float current_pixel_scale() const;

    SDL_Window* window_ = nullptr;
    void* gl_context_ = nullptr;
    float pixel_scale_ = 0.0f;
    bool quit_ = false;
};

}  // namespace dojo

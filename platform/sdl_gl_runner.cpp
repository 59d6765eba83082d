// SDL2 + OpenGL 3 / WebGL2 window for ImGui, with HiDPI-aware fonts.
#include "sdl_gl_runner.h"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <vector>

#include <SDL.h>
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include <imgui.h>
#include <imgui_internal.h>  // the text caret's blink clock
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_NO_STDIO_LIMIT
#include <imgui_impl_sdl.h>
#include <stb/stb_image.h>

#include "ui/fonts.h"
#include "ui/rich_text.h"
#include "ui/theme.h"

namespace dojo {

bool SdlGlRunner::init(const RunnerOptions& options, std::string& error) {
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        error = std::string("SDL could not start its video subsystem: ") + SDL_GetError();
        return false;
    }
#ifdef __EMSCRIPTEN__
    // WebGL2 is OpenGL ES 3.0.
    const char* glsl_version = "#version 300 es";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
    const char* glsl_version = "#version 150";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);  // ImGui draws with blending and scissors only

    const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    window_ =
        SDL_CreateWindow(options.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width, options.height, flags);
    if (!window_) {
        error = std::string("SDL could not open a window: ") + SDL_GetError();
        SDL_Quit();
        return false;
    }
    gl_context_ = SDL_GL_CreateContext(window_);
    if (!gl_context_) {
        error = std::string("SDL could not create an OpenGL 3 context: ") + SDL_GetError() +
                " (the desktop app needs OpenGL 3.2; in the browser, WebGL2)";
        SDL_DestroyWindow(window_);
        window_ = nullptr;
        SDL_Quit();
        return false;
    }
    SDL_GL_MakeCurrent(window_, gl_context_);
    SDL_GL_SetSwapInterval(options.vsync ? 1 : 0);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is the app's, not a file beside the binary
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    theme::apply();
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
    renderer_.init(glsl_version);
    return true;
}

ImTextureID SdlGlRunner::texture(const std::string& path, ImVec2& size) {
    auto [it, fresh] = textures_.try_emplace(path);
    if (fresh) {
        int w = 0, h = 0, channels = 0;
        if (unsigned char* px = stbi_load(path.c_str(), &w, &h, &channels, 4)) {
            GLuint id = 0;
            glGenTextures(1, &id);
            glBindTexture(GL_TEXTURE_2D, id);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
            stbi_image_free(px);
            it->second = {id, ImVec2(static_cast<float>(w), static_cast<float>(h))};
        }
    }
    size = it->second.size;
    return it->second.id ? reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(it->second.id)) : nullptr;
}

void SdlGlRunner::shutdown() {
    if (!window_) return;
    for (auto& [path, t] : textures_)
        if (t.id) glDeleteTextures(1, &t.id);
    textures_.clear();
    renderer_.shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(gl_context_);
    SDL_DestroyWindow(window_);
    SDL_Quit();
    window_ = nullptr;
    gl_context_ = nullptr;
}

namespace {
// Key releases held back one frame (see poll_events).
std::vector<SDL_Event> g_deferred_key_ups;
}  // namespace

bool SdlGlRunner::poll_events() {
    // ImGui 1.86 reads each key's state once per frame, so a key pressed and released within one frame
    // (a presentation clicker's Page Down, a test's key press) would never be seen as down: such a
    // release is handed over at the next frame instead.
    if (!g_deferred_key_ups.empty()) pacer_.input();
    for (SDL_Event& held : g_deferred_key_ups) ImGui_ImplSDL2_ProcessEvent(&held);
    g_deferred_key_ups.clear();
    std::vector<SDL_Scancode> went_down;
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        pacer_.input();
        if (event.type == SDL_KEYDOWN) went_down.push_back(event.key.keysym.scancode);
        if (event.type == SDL_KEYUP &&
            std::find(went_down.begin(), went_down.end(), event.key.keysym.scancode) != went_down.end()) {
            g_deferred_key_ups.push_back(event);
            continue;
        }
        ImGui_ImplSDL2_ProcessEvent(&event);
        track_touch(event);
        if (event.type == SDL_QUIT) quit_ = true;
        if (event.type == SDL_DROPFILE && event.drop.file) {
            const std::string file = event.drop.file;
            SDL_free(event.drop.file);
            if (on_file_dropped) on_file_dropped(file);
        }
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(window_))
            quit_ = true;
    }
    return !quit_;
}

float SdlGlRunner::current_pixel_scale() const {
    int w = 0, h = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(window_, &w, &h);
    SDL_GL_GetDrawableSize(window_, &dw, &dh);
    return w > 0 && dw > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.0f;
}

void SdlGlRunner::begin_frame() {
    redraw::clear();  // the views ask again during this frame if they still move
    // Fonts are rasterized for the physical pixel density times the learner's UI scale, so a HiDPI
    // screen (or a move to one) and a larger UI scale get sharp text instead of a stretched atlas.
    pixel_scale_ = current_pixel_scale();
    if (refresh_fonts(pixel_scale_)) {
        clear_rich_text_cache();
        renderer_.upload_fonts();
    }
    ImGui_ImplSDL2_NewFrame();
    scale_io_for_ui();  // the UI scale: window pixels to ImGui units (ui/fonts.h)
    ImGuiIO& io = ImGui::GetIO();
    lift_pointer_after_touch(io);
    if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 1000.0f;  // browsers can report two frames at one instant
    ImGui::NewFrame();
}

void SdlGlRunner::render() {
    ImGui::Render();
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_.render(*ImGui::GetDrawData());
}

// A finger that left the screen leaves SDL's mouse where it was, so ImGui would keep that widget hovered:
// highlighted, and with its tooltip (often wider than a phone) open until the next tap. Counts the frames
// since the finger lifted; a mouse that moves again takes the pointer back.
void SdlGlRunner::track_touch(const SDL_Event& event) {
    if (event.type == SDL_FINGERDOWN) frames_since_touch_ = -1;
    if (event.type == SDL_FINGERUP) frames_since_touch_ = 0;
    if (event.type == SDL_MOUSEMOTION && event.motion.which != SDL_TOUCH_MOUSEID) frames_since_touch_ = -1;
}

void SdlGlRunner::lift_pointer_after_touch(ImGuiIO& io) {
    if (frames_since_touch_ < 0) return;
    // Two frames with the pointer in place first: a tap whose press and release came together is seen as
    // a press in one frame and a release in the next, and the release is what clicks.
    if (++frames_since_touch_ > 2) io.MousePos = {-FLT_MAX, -FLT_MAX};
}

void SdlGlRunner::present() {
    SDL_GL_SwapWindow(window_);
    ++frames_drawn_;
}

namespace {

// Seconds until the focused text field's caret appears or disappears; kWaitForInput without one.
// ImGui 1.86 shows it while CursorAnim <= 0 or fmod(CursorAnim, 1.2) <= 0.8 (imgui_widgets.cpp).
double caret_blink_in() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g.IO.ConfigInputTextCursorBlink || g.ActiveId == 0 || g.InputTextState.ID != g.ActiveId) return kWaitForInput;
    const double anim = g.InputTextState.CursorAnim;
    constexpr double kShown = 0.8, kPeriod = 1.2, kMargin = 0.01;
    if (anim <= 0) return kShown - anim + kMargin;
    const double phase = std::fmod(anim, kPeriod);
    return (phase <= kShown ? kShown - phase : kPeriod - phase) + kMargin;
}

bool input_held() {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsAnyMouseDown()) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

}  // namespace

double SdlGlRunner::frame_wait() {
    // A release held back for the next frame, and a lifted finger's last frames, need that frame.
    if (!g_deferred_key_ups.empty() || (frames_since_touch_ >= 0 && frames_since_touch_ <= 2)) {
        pacer_.input();
        return 0.0;
    }
    redraw::request_frame_in(caret_blink_in());
    return pacer_.wait_after_frame(redraw::requested_in(), input_held());
}

void SdlGlRunner::wait_for_events(double seconds) {
    if (seconds <= 0) return;
    // SDL wakes on the window system's events without spinning; the timeout is the next frame a view asked for.
    const int ms = std::isinf(seconds) || seconds * 1000 > INT_MAX - 1 ? -1 : static_cast<int>(std::ceil(seconds * 1000));
    SDL_WaitEventTimeout(nullptr, ms);
}

bool SdlGlRunner::read_pixels(std::vector<unsigned char>& rgba, int& width, int& height) const {
    SDL_GL_GetDrawableSize(window_, &width, &height);
    if (width <= 0 || height <= 0) return false;
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> flipped(row * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
    if (glGetError() != GL_NO_ERROR) return false;
    rgba.resize(flipped.size());
    for (int y = 0; y < height; ++y)  // GL's origin is the bottom-left corner
        std::copy_n(&flipped[row * static_cast<std::size_t>(height - 1 - y)], row, &rgba[row * static_cast<std::size_t>(y)]);
    return true;
}

}  // namespace dojo

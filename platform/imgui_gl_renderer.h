// Draws ImGui's draw lists with OpenGL 3.2 (desktop) or WebGL2 (browser), in place of ImGui's own
// OpenGL backend. The app owns its GL context, so nothing here saves or restores GL state: ImGui
// 1.86's backend reads about twenty GL values back every frame to restore them, and in WebGL each
// read is a synchronous round trip to the GPU process (150 ms of the first frame, measured in
// docs/benchmarks.md). Here the only read-backs are a uniform's location once at start and the
// shaders' link status once, a few frames later, when it no longer stalls anything.
#pragma once

#include <string>

struct ImDrawData;

namespace dojo {

class ImGuiGlRenderer {
public:
    // Creates the shaders and buffers; `glsl_version` is "#version 150" or "#version 300 es".
    void init(const char* glsl_version);
    void shutdown();
    // (Re)uploads ImGui's font atlas as a texture and hands its id to the atlas.
    void upload_fonts();
    void render(const ImDrawData& data);
    // Empty while the shaders are fine (or not checked yet); else what the compiler said.
    // Checked once, at the third render().
    [[nodiscard]] const std::string& error() const { return error_; }

private:
    void check_program();

    unsigned program_ = 0, vertex_shader_ = 0, fragment_shader_ = 0;
    unsigned vao_ = 0, vbo_ = 0, ibo_ = 0, font_texture_ = 0;
    int projection_ = -1;
    int renders_ = 0;
    std::string error_;
};

}  // namespace dojo

// ImGui's draw lists through OpenGL 3.2 / WebGL2, with no GL state read back per frame (see the header).
#include "imgui_gl_renderer.h"

#include <cstddef>
#include <cstdint>
#include <string>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#endif

#include <imgui.h>

namespace dojo {

namespace {

// Attribute locations are bound before linking, so none has to be asked for afterwards.
enum Attribute : unsigned { kPosition = 0, kUv = 1, kColor = 2 };

constexpr const char* kVertexBody = R"(
uniform mat4 ProjMtx;
in vec2 Position;
in vec2 UV;
in vec4 Color;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);
}
)";

// The sampler keeps its default unit, 0, which is where every texture is bound.
constexpr const char* kFragmentBody = R"(
#ifdef GL_ES
precision mediump float;
#endif
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
out vec4 Out_Color;
void main() {
    Out_Color = Frag_Color * texture(Texture, Frag_UV.st);
}
)";

GLuint compile(GLenum type, const char* glsl_version, const char* body) {
    const GLuint shader = glCreateShader(type);
    const std::string source = std::string(glsl_version) + "\n" + body;
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);  // its status is read at the third frame (check_program)
    return shader;
}

std::string shader_log(GLuint shader) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(length > 1 ? length : 1), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    return log.c_str();
}

}  // namespace

void ImGuiGlRenderer::init(const char* glsl_version) {
    vertex_shader_ = compile(GL_VERTEX_SHADER, glsl_version, kVertexBody);
    fragment_shader_ = compile(GL_FRAGMENT_SHADER, glsl_version, kFragmentBody);
    program_ = glCreateProgram();
    glAttachShader(program_, vertex_shader_);
    glAttachShader(program_, fragment_shader_);
    glBindAttribLocation(program_, kPosition, "Position");
    glBindAttribLocation(program_, kUv, "UV");
    glBindAttribLocation(program_, kColor, "Color");
    glLinkProgram(program_);
    projection_ = glGetUniformLocation(program_, "ProjMtx");  // the one read-back at start

    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glGenBuffers(1, &ibo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);  // part of the vertex array's state
    glEnableVertexAttribArray(kPosition);
    glEnableVertexAttribArray(kUv);
    glEnableVertexAttribArray(kColor);
    const auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);
    ImGui::GetIO().BackendRendererName = "dojo_imgui_gl_renderer";
}

void ImGuiGlRenderer::shutdown() {
    if (font_texture_) glDeleteTextures(1, &font_texture_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (ibo_) glDeleteBuffers(1, &ibo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
    if (vertex_shader_) glDeleteShader(vertex_shader_);
    if (fragment_shader_) glDeleteShader(fragment_shader_);
    font_texture_ = vbo_ = ibo_ = vao_ = program_ = vertex_shader_ = fragment_shader_ = 0;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void ImGuiGlRenderer::upload_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (!font_texture_) glGenTextures(1, &font_texture_);
    glBindTexture(GL_TEXTURE_2D, font_texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);  // RGBA rows are always 4-byte aligned
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_texture_)));
}

void ImGuiGlRenderer::check_program() {
    GLint linked = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    if (linked == GL_TRUE) return;
    GLint length = 0;
    glGetProgramiv(program_, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(length > 1 ? length : 1), '\0');
    glGetProgramInfoLog(program_, length, nullptr, log.data());
    error_ = "the GPU could not build the interface's shaders: " + std::string(log.c_str()) + " " + shader_log(vertex_shader_) +
             " " + shader_log(fragment_shader_);
}

void ImGuiGlRenderer::render(const ImDrawData& data) {
    const int fb_width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
    const int fb_height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
    if (fb_width <= 0 || fb_height <= 0 || !program_) return;
    if (++renders_ == 3) check_program();

    // The whole state, set each frame: alpha blending, no culling or depth, scissored draws.
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glViewport(0, 0, fb_width, fb_height);

    // ImGui's coordinates (DisplayPos at the top left, y down) to clip space.
    const float l = data.DisplayPos.x, r = data.DisplayPos.x + data.DisplaySize.x;
    const float t = data.DisplayPos.y, b = data.DisplayPos.y + data.DisplaySize.y;
    // clang-format off
    const float projection[16] = {
        2.0f / (r - l),    0.0f,              0.0f,  0.0f,
        0.0f,              2.0f / (t - b),    0.0f,  0.0f,
        0.0f,              0.0f,              -1.0f, 0.0f,
        (r + l) / (l - r), (t + b) / (b - t), 0.0f,  1.0f,
    };
    // clang-format on
    glUseProgram(program_);
    glUniformMatrix4fv(projection_, 1, GL_FALSE, projection);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);

    const ImVec2 origin = data.DisplayPos, scale = data.FramebufferScale;
    const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(list->IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {  // the views add none; ImGui's reset request needs nothing here
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - origin.x) * scale.x, y0 = (cmd.ClipRect.y - origin.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - origin.x) * scale.x, y1 = (cmd.ClipRect.w - origin.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<int>(x0), static_cast<int>(static_cast<float>(fb_height) - y1), static_cast<int>(x1 - x0),
                      static_cast<int>(y1 - y0));
            glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(cmd.GetTexID())));
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                           reinterpret_cast<const void*>(static_cast<std::uintptr_t>(cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);  // the next frame's clear covers the whole window
}

}  // namespace dojo

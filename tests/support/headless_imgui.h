// An ImGui context with the app's fonts and no window, for tests that draw views or charts and
// look at what they produced (widget positions, state) rather than at pixels.
#pragma once

#include <imgui.h>

#include "ui/fonts.h"

namespace dojo::test {

inline void start_headless_imgui(float width = 1024, float height = 768) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {width, height};
    io.DeltaTime = 1.0f / 60.0f;
    dojo::build_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as a renderer would
}

}  // namespace dojo::test

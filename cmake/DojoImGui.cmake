# Dear ImGui 1.86, compiled from the Debian source package that scripts/setup.sh unpacks, so the
# web and the desktop run exactly the same ImGui.
#   dojo_imgui          the core library (no backend), with the test-engine hooks compiled in so
#                       tests and the web test hook can find any widget by its label
#   dojo_imgui_sdl      the SDL2 platform backend (the renderer is ours: platform/imgui_gl_renderer.*)
set(DOJO_IMGUI_DIR "${DOJO_DEPS_DIR}/src/imgui-1.86")
if(NOT EXISTS "${DOJO_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${DOJO_IMGUI_DIR}: run scripts/setup.sh (or `make build`)")
endif()

add_library(dojo_imgui STATIC
  ${DOJO_IMGUI_DIR}/imgui.cpp
  ${DOJO_IMGUI_DIR}/imgui_draw.cpp
  ${DOJO_IMGUI_DIR}/imgui_tables.cpp
  ${DOJO_IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(dojo_imgui SYSTEM PUBLIC ${DOJO_IMGUI_DIR})
# Third-party code is compiled as published; its warnings under C++20 are not ours to fix.
set_source_files_properties(${DOJO_IMGUI_DIR}/imgui.cpp ${DOJO_IMGUI_DIR}/imgui_draw.cpp ${DOJO_IMGUI_DIR}/imgui_tables.cpp
  ${DOJO_IMGUI_DIR}/imgui_widgets.cpp PROPERTIES COMPILE_OPTIONS -w)
# IMGUI_ENABLE_TEST_ENGINE changes ImGuiContext's layout: it must be PUBLIC so every user agrees.
target_compile_definitions(dojo_imgui PUBLIC
  IMGUI_ENABLE_TEST_ENGINE
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS
  IMGUI_DISABLE_DEFAULT_FONT)

# Only the apps need SDL2 and OpenGL; the CLI and the unit tests never link these.
if(DOJO_BUILD_APPS)
  if(EMSCRIPTEN)
    set(DOJO_SDL2_WEB "${DOJO_DEPS_DIR}/web")
    if(NOT EXISTS "${DOJO_SDL2_WEB}/lib/libSDL2.a")
      message(FATAL_ERROR "SDL2 for the web not found in ${DOJO_SDL2_WEB}: run scripts/setup.sh")
    endif()
    add_library(dojo_sdl2 INTERFACE)
    target_include_directories(dojo_sdl2 SYSTEM INTERFACE "${DOJO_SDL2_WEB}/include/SDL2")
    target_link_libraries(dojo_sdl2 INTERFACE "${DOJO_SDL2_WEB}/lib/libSDL2.a")
  else()
    find_package(SDL2 REQUIRED)
    find_package(OpenGL REQUIRED)
    add_library(dojo_sdl2 INTERFACE)
    target_link_libraries(dojo_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
  endif()
  add_library(dojo_imgui_sdl STATIC ${DOJO_IMGUI_DIR}/backends/imgui_impl_sdl.cpp)
  target_compile_options(dojo_imgui_sdl PRIVATE -w)
  target_include_directories(dojo_imgui_sdl SYSTEM PUBLIC ${DOJO_IMGUI_DIR}/backends)
  target_link_libraries(dojo_imgui_sdl PUBLIC dojo_imgui dojo_sdl2)
endif()

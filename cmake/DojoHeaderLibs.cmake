# Header-only libraries from Debian packages (toml++, nlohmann-json, stb), shared by the native
# and the web builds. emcc must not see all of /usr/include (glibc's headers would clash with its
# own libc), so the build exposes just these folders through links in one include directory.
set(_inc "${CMAKE_BINARY_DIR}/header-libs")
file(MAKE_DIRECTORY "${_inc}")
foreach(dir toml++ nlohmann stb)
  if(NOT EXISTS "/usr/include/${dir}")
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/setup.sh")
  endif()
  file(CREATE_LINK "/usr/include/${dir}" "${_inc}/${dir}" SYMBOLIC)
endforeach()
add_library(dojo_header_libs INTERFACE)
target_include_directories(dojo_header_libs SYSTEM INTERFACE "${_inc}")
# toml++ as header-only with errors returned as values: the same on every build.
target_compile_definitions(dojo_header_libs INTERFACE TOML_HEADER_ONLY=1 TOML_EXCEPTIONS=0)

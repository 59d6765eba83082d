# md4c, the CommonMark parser: Debian's libmd4c-dev natively, and for the web the copy that
# scripts/setup.sh built with emcmake from the Debian source package. One target either way.
add_library(dojo_md4c INTERFACE)
if(EMSCRIPTEN)
  set(_md4c "${DOJO_DEPS_DIR}/web")
  if(NOT EXISTS "${_md4c}/lib/libmd4c.a")
    message(FATAL_ERROR "md4c for the web not found in ${_md4c}: run scripts/setup.sh")
  endif()
  target_include_directories(dojo_md4c SYSTEM INTERFACE "${_md4c}/include")
  target_link_libraries(dojo_md4c INTERFACE "${_md4c}/lib/libmd4c.a")
else()
  find_package(md4c CONFIG REQUIRED)
  target_link_libraries(dojo_md4c INTERFACE md4c::md4c)
endif()

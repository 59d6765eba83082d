# Cuts a font from a Debian font package down to the code points the app draws, at configure time,
# with fontTools' pyftsubset (Debian package fonttools). ImGui rasterizes only the glyph ranges it is
# given, so the other glyphs were bytes in the download and nothing on screen: subsetting took the
# embedded fonts from about 0.8 MB to about 0.1 MB (gzip) of the web app's first download.
#
#   dojo_subset_font(<out-var> <font-file> <unicodes>)
#
# <unicodes> is pyftsubset's --unicodes list ("U+0020-00FF,U+F000"); <out-var> receives the path of
# the subset font under the build tree. Hinting and OpenType layout tables go (ImGui uses neither);
# the name table, with the copyright and licence, stays.
find_program(DOJO_PYFTSUBSET pyftsubset)

function(dojo_subset_font out_var font unicodes)
  if(NOT DOJO_PYFTSUBSET)
    message(FATAL_ERROR "pyftsubset (Debian package fonttools) is missing: run scripts/setup.sh")
  endif()
  if(NOT EXISTS "${font}")
    message(FATAL_ERROR "dojo_subset_font: ${font} is missing (run scripts/setup.sh to install it)")
  endif()
  get_filename_component(name "${font}" NAME)
  set(out "${CMAKE_BINARY_DIR}/fonts/${name}")
  set(stamp "${out}.unicodes")
  set(old "")
  if(EXISTS "${stamp}")
    file(READ "${stamp}" old)
  endif()
  if(NOT EXISTS "${out}" OR "${font}" IS_NEWER_THAN "${out}" OR NOT "${old}" STREQUAL "${unicodes}")
    file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/fonts")
    execute_process(
      COMMAND "${DOJO_PYFTSUBSET}" "${font}" "--unicodes=${unicodes}" --no-hinting "--layout-features=" "--output-file=${out}"
      RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "pyftsubset could not subset ${font}: ${err}")
    endif()
    file(WRITE "${stamp}" "${unicodes}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${font}")
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

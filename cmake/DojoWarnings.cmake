# One warning policy for our own targets (never for third-party sources).
function(dojo_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C,CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers>
    # GCC 12 reports impossible memcpy overlaps inside std::string's operator+ at -O2 (GCC bug
    # 105329), a false positive that buries real warnings.
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-Wno-restrict>)
endfunction()

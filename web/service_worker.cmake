# Writes the service worker (web/sw.js) into the web build with the bundle's version: a hash of every
# bundled file that exists, so any rebuilt file gives a new cache and the old one is deleted.
# cmake -DWEB_DIR=<build dir> -DTEMPLATE=<web/sw.js> -P service_worker.cmake
set(_bundle index.html access_mirror.js dojo.js dojo.wasm dojo.data lab_worker.js webgpu_matmul.js webgpu_exercise.js dojo_labs.js dojo_labs.wasm
    dojo_labs_mt.js dojo_labs_mt.wasm dojo_labs_mt.worker.js)
set(_hashes "")
foreach(_file IN LISTS _bundle)
  if(EXISTS "${WEB_DIR}/${_file}")
    file(SHA256 "${WEB_DIR}/${_file}" _hash)
    string(APPEND _hashes "${_file}:${_hash}\n")
  endif()
endforeach()
string(SHA256 _all "${_hashes}")
string(SUBSTRING "${_all}" 0 16 DOJO_BUNDLE_VERSION)
# configure_file leaves the file untouched when nothing changed.
configure_file("${TEMPLATE}" "${WEB_DIR}/sw.js" @ONLY)

#!/usr/bin/env bash
# Installs everything the build and the tests need, and only what is missing.
# Safe to run again: on a machine that has everything it checks and exits in seconds.
#   - Debian packages (compilers, SDL2, Vulkan, fonts, Emscripten, Chromium, Xvfb, ...)
#   - Debian source packages of Dear ImGui 1.86, SDL2 2.26.5 and md4c 0.4.8, unpacked in .deps/src
#   - SDL2 and md4c built for the web with emcmake, installed in .deps/web
#   - playwright-core, axe-core and parse5 from npm for the browser tests (tests/web/node_modules)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
src="$deps/src"
web_prefix="$deps/web"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run '$*' (run as root or install sudo)"; fi
}

# Every package the build and the tests use is named here, even where another package usually
# brings it along: a fresh Debian 12 root (scripts/fresh_machine_check.sh) has nothing else.
# libmd4c-html0: libmd4c-dev's CMake config names libmd4c-html.so but does not depend on it.
# clang-format: make test checks every C++ file against .clang-format (scripts/check_format.sh).
# libshaderc-dev, glslang-dev, spirv-tools: kernel exercises compile the learner's GLSL at run time; shaderc is
# linked statically with glslang and SPIRV-Tools (native/CMakeLists.txt says why).
packages=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format git ca-certificates xz-utils
  libgtest-dev libbenchmark-dev
  libsdl2-dev libgl-dev libmd4c-dev libmd4c-html0 libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libstb-dev
  libvulkan-dev glslc libshaderc-dev glslang-dev spirv-tools vulkan-tools mesa-vulkan-drivers libopenblas-dev python3-jsonschema
  fonts-inter fonts-jetbrains-mono fonts-font-awesome fonts-noto-core fonttools
  emscripten nodejs chromium xvfb xauth imagemagick
)
# Some images ship npm inside their nodejs package; Debian's own nodejs needs the npm package.
command -v npm >/dev/null 2>&1 || packages+=(npm)

# 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_src=0
for s in imgui libsdl2 md4c; do
  compgen -G "$src/${s}_*.orig.tar.*" >/dev/null || need_src=1
done
src_list=/etc/apt/sources.list.d/debian-src.sources
if [ "$need_src" -eq 1 ] && ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  say "adding a deb-src entry that names the machine's own mirror"
  [ -f /etc/apt/sources.list.d/debian.sources ] || die "no /etc/apt/sources.list.d/debian.sources to derive deb-src from"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$src_list" >/dev/null
  updated=0
else
  updated=1
fi
if [ "${#missing[@]}" -gt 0 ] || [ "${updated}" -eq 0 ]; then
  say "apt-get update"
  as_root apt-get update -q
fi
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${#missing[@]} Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# 2. Source packages (only the .orig tarballs are needed) ------------------------------------
mkdir -p "$src"
unpack() { # name dir-glob
  local name=$1 dir=$2 tarball
  if ! compgen -G "$src/${name}_*.orig.tar.*" >/dev/null; then
    say "downloading the Debian source package $name"
    # md4c's .debian.tar.xz answers 404 and apt-get exits non-zero although the orig tarball
    # arrived, so the tarball itself is the test of success.
    (cd "$src" && apt-get source --download-only "$name" >/dev/null 2>&1 || true)
  fi
  tarball=$(compgen -G "$src/${name}_*.orig.tar.*" | head -n1) || true
  [ -n "$tarball" ] || die "could not download the source package '$name' (is there a deb-src entry?)"
  if ! compgen -G "$src/$dir" >/dev/null; then
    say "unpacking $(basename "$tarball")"
    tar -xf "$tarball" -C "$src"
  fi
}
unpack imgui 'imgui-1.86'
unpack libsdl2 'SDL2-2.26.5'
unpack md4c 'md4c-release-0.4.8'

# 3. Web builds of SDL2 and md4c --------------------------------------------------------------
web_build() { # name source-dir stamp-file extra-cmake-args...
  local name=$1 dir=$2 stamp=$3; shift 3
  [ -f "$web_prefix/$stamp" ] && return 0
  say "building $name for the web with emcmake (one time)"
  local b="$deps/build-web-$name"
  rm -rf "$b"
  emcmake cmake -S "$dir" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$web_prefix" "$@" >"$deps/$name-web.log" 2>&1 \
    || die "configuring $name for the web failed, see $deps/$name-web.log"
  cmake --build "$b" --target install >>"$deps/$name-web.log" 2>&1 \
    || die "building $name for the web failed, see $deps/$name-web.log"
}
web_build SDL2 "$src/SDL2-2.26.5" lib/libSDL2.a -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF
web_build md4c "$src/md4c-release-0.4.8" lib/libmd4c.a -DBUILD_SHARED_LIBS=OFF

# 4. npm packages for the browser tests -------------------------------------------------------
# Debian 12's nodejs is 18: playwright-core is pinned to 1.61, the last release that runs on it.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 18 ] || die "Node.js 18 or newer is needed for the browser tests (found: $(node --version 2>&1))"
# Every package of tests/web/package.json at its pinned version, else npm ci installs them all.
missing=$(node -e '
  const dir = process.argv[1], deps = require(dir + "/package.json").dependencies;
  const off = Object.entries(deps).filter(([name, version]) => {
    try { return require(dir + "/node_modules/" + name + "/package.json").version !== version; } catch { return true; }
  });
  console.log(off.map(([name, version]) => name + " " + version).join(", "));' "$root/tests/web")
if [ -n "$missing" ]; then
  say "installing from npm for the browser tests (tests/web): $missing"
  (cd "$root/tests/web" && npm ci --no-audit --no-fund --loglevel=error)
fi

say "dependencies ready"

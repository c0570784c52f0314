#!/usr/bin/env bash
# Builds sailsim and makes its Debian package with CPack: out/package/sailsim_<version>_amd64.deb,
# installable with `apt install ./out/package/sailsim_*.deb` (docs/install.md). It holds what
# `cmake --install` puts in /usr: the programs, the libraries with their headers, the CMake
# package (find_package(sailsim)), the GGML oracle's libraries, the bundled vectors and docs.
#   scripts/package.sh [--out DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out="$SAILSIM_ROOT/out/package"
while [ $# -gt 0 ]; do
  case $1 in
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    *) die "unknown option $1 (known: --out DIR)" ;;
  esac
done
build="$SAILSIM_ROOT/build"
"$SAILSIM_ROOT/scripts/deps.sh"
configure_and_build "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
grep -q '^SAILSIM_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" &&
  die "$build is a sanitizer build: package the normal one"
mkdir -p "$out"
say "cpack -G DEB into $out"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >"$out/cpack.log" 2>&1 ||
  { cat "$out/cpack.log" >&2; die "cpack failed (log above)"; }
rm -rf "$out/_CPack_Packages"
ls "$out"/sailsim_*.deb

#!/usr/bin/env bash
# Installs what sailsim needs on Debian 12 and nothing that is already there:
#   * apt packages (the build, Verilator, the test and benchmark libraries);
#   * the GGML oracle: npm @node-llama-cpp/linux-x64@3.22.1, pinned with its integrity
#     hash by ggml-ref/oracle/npm/package-lock.json, into .deps/ggml-npm (ignored by git).
# Run twice, the second run installs nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APT_PACKAGES=(
  build-essential cmake ccache pkg-config
  verilator zlib1g-dev
  libyaml-cpp-dev libcli11-dev libssl-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  lcov
  python3 git
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from elsewhere than Debian (this image ships its own); only a missing npm
# brings in Debian's.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt packages: all present"
fi

# The GGML oracle. npm ci installs exactly the locked version and checks its integrity hash.
npm_src="$SAILSIM_ROOT/ggml-ref/oracle/npm"
npm_dir="$SAILSIM_ROOT/.deps/ggml-npm"
stamp="$npm_dir/.installed-lock"
libdir="$npm_dir/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64"
if [ -f "$stamp" ] && cmp -s "$stamp" "$npm_src/package-lock.json" && [ -f "$libdir/libggml-base.so" ]; then
  say "GGML oracle: present ($libdir)"
else
  say "installing the GGML oracle (npm @node-llama-cpp/linux-x64@3.22.1)"
  rm -rf "$npm_dir"; mkdir -p "$npm_dir"
  cp "$npm_src/package.json" "$npm_src/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  [ -f "$libdir/libggml-base.so" ] || die "npm installed the package but $libdir/libggml-base.so is missing"
  cp "$npm_src/package-lock.json" "$stamp"
fi

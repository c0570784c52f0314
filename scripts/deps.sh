#!/usr/bin/env bash
# Installs what sailsim needs on Debian 12 and nothing that is already there:
#   * apt packages (the build, Verilator, the test and benchmark libraries);
#   * the GGML oracle: npm @node-llama-cpp/linux-x64@3.22.1, pinned with its integrity
#     hash by ggml-ref/oracle/npm/package-lock.json, into .deps/ggml-npm (ignored by git);
#   * the dashboard's plotting library: npm chart.js@4.5.1 (regression/dashboard/npm), into
#     .deps/dashboard-npm; the build embeds it into sailsim.
#   deps.sh --tests   also what only the tests use: Debian's chromium, slurm-wlm and munge
#                     (a single-node Slurm cluster for the sharding test), and npm
#                     playwright-core@1.64.1 (tests/regress/dashboard/npm) to drive it.
# Run twice, the second run installs nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for_tests=0
case ${1:-} in
  "") ;;
  --tests) for_tests=1 ;;
  *) die "unknown option $1 (known: --tests)" ;;
esac

APT_PACKAGES=(
  build-essential cmake ccache pkg-config
  verilator zlib1g-dev
  libyaml-cpp-dev libcli11-dev libssl-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  lcov
  python3 git
)
[ $for_tests -eq 0 ] || APT_PACKAGES+=(chromium slurm-wlm munge)
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

# npm_locked WHAT SRC DIR FILE: `npm ci` of SRC's package.json + package-lock.json into DIR
# (exactly the locked versions, integrity hashes checked), unless DIR already holds that lock
# and FILE.
npm_locked() {
  local what=$1 src=$2 dir=$3 file=$4
  local stamp="$dir/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$src/package-lock.json" && [ -f "$dir/$file" ]; then
    say "$what: present ($dir)"
    return
  fi
  say "installing $what (npm, $src/package-lock.json)"
  rm -rf "$dir"; mkdir -p "$dir"
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  [ -f "$dir/$file" ] || die "npm installed $what but $dir/$file is missing"
  cp "$src/package-lock.json" "$stamp"
}

npm_locked "the GGML oracle" "$SAILSIM_ROOT/ggml-ref/oracle/npm" "$SAILSIM_ROOT/.deps/ggml-npm" \
  node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libggml-base.so
npm_locked "the dashboard's plotting library" "$SAILSIM_ROOT/regression/dashboard/npm" \
  "$SAILSIM_ROOT/.deps/dashboard-npm" node_modules/chart.js/dist/chart.umd.min.js
if [ $for_tests -eq 1 ]; then
  npm_locked "the browser driver of the dashboard test" "$SAILSIM_ROOT/tests/regress/dashboard/npm" \
    "$SAILSIM_ROOT/.deps/browser-test-npm" node_modules/playwright-core/package.json
fi

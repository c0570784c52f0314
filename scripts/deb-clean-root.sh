#!/usr/bin/env bash
# The Debian package on a clean Debian 12: makes a minimal bookworm root with mmdebstrap,
# installs the package there with `apt install ./sailsim_<version>_amd64.deb` (apt fetches
# every declared dependency from Debian), then inside that root builds tests/package/consumer
# with find_package(sailsim) and runs it, builds examples/byo-rtl (sailsim_add_dut on two
# modules of its own) and runs its tests, and runs the packaged sailsim (its version, a
# sequence, a GGML sweep from the package's own GGML). Needs root and Debian's mirrors; not
# part of the test suite (package.deb checks the fields, files and dependencies offline).
#   scripts/deb-clean-root.sh [--deb FILE] [--root DIR]
# Default --deb: out/package/sailsim_*.deb (scripts/package.sh makes it); --root: a new
# temporary folder, removed at the end. Exit 0 when every step worked.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

deb=
root=
while [ $# -gt 0 ]; do
  case $1 in
    --deb) [ $# -ge 2 ] || die "--deb needs a file"; deb=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || die "--root needs a folder"; root=$2; shift 2 ;;
    *) die "unknown option $1 (known: --deb FILE, --root DIR)" ;;
  esac
done
if [ -z "$deb" ]; then
  deb=$(ls "$SAILSIM_ROOT"/out/package/sailsim_*.deb 2>/dev/null | head -n 1 || true)
  [ -n "$deb" ] || die "no out/package/sailsim_*.deb: run scripts/package.sh first, or give --deb FILE"
fi
[ -f "$deb" ] || die "no package $deb"
[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap and chroot)"
command -v mmdebstrap >/dev/null 2>&1 || { say "installing mmdebstrap"; apt-get install -y mmdebstrap >/dev/null; }
own_root=0
if [ -z "$root" ]; then
  root=$(mktemp -d /tmp/sailsim-clean-root.XXXXXX)
  rmdir "$root"
  own_root=1
fi
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  [ $own_root -eq 1 ] && rm -rf "$root"
  return 0
}
trap cleanup EXIT

say "a clean bookworm root in $root"
mmdebstrap --variant=apt --include=ca-certificates bookworm "$root" >"$root.log" 2>&1 ||
  { cat "$root.log" >&2; die "mmdebstrap failed"; }
cp "$deb" "$root/tmp/"
cp -r "$SAILSIM_ROOT/tests/package/consumer" "$root/tmp/consumer"
cp -r "$SAILSIM_ROOT/examples/byo-rtl" "$root/tmp/byo-rtl"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
say "apt install ./$(basename "$deb") in it"
chroot "$root" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/$(basename "$deb")" \
  >"$root.apt.log" 2>&1 || { tail -30 "$root.apt.log" >&2; die "apt install failed"; }
grep -E "newly installed|Need to get" "$root.apt.log" || true
say "a project built against it, and the packaged sailsim"
chroot "$root" bash -euo pipefail -c '
  cd /tmp
  sailsim --version
  cmake -S consumer -B consumer-build -DCMAKE_BUILD_TYPE=Release >configure.log 2>&1 || { cat configure.log; exit 1; }
  cmake --build consumer-build -j 2 >build.log 2>&1 || { cat build.log; exit 1; }
  cat consumer-build/found.txt
  consumer-build/c_consumer
  consumer-build/consumer /usr/share/sailsim/vectors/sequences/driver_four_phase.yaml
  cmake -S byo-rtl -B byo-rtl-build -DCMAKE_BUILD_TYPE=Release >byo-configure.log 2>&1 || { cat byo-configure.log; exit 1; }
  cmake --build byo-rtl-build -j 2 >byo-build.log 2>&1 || { cat byo-build.log; exit 1; }
  ctest --test-dir byo-rtl-build --output-on-failure | tail -n 3
  sailsim replay /usr/share/sailsim/vectors/sequences/driver_four_phase.yaml | head -n 1
  sailsim sweep ggml --seed 3 --dots 100 | tail -n 1'
say "the package installs and works on a clean Debian 12"
rm -f "$root.log" "$root.apt.log"

# Shared by the scripts in this folder: paths and small helpers. Source it, do not run it.
SAILSIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAILSIM_JOBS=${SAILSIM_JOBS:-$(nproc)}
# ccache (when installed) shares compiled objects between clones in different folders: paths
# below the clone are hashed relative to it. Set either variable yourself to override.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$SAILSIM_ROOT}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# configure_and_build BUILD_DIR [cmake args...]: configure once, then an incremental build.
configure_and_build() {
  local dir=$1; shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    say "configuring $dir"
    mkdir -p "$dir"
    cmake -S "$SAILSIM_ROOT" -B "$dir" -G "Unix Makefiles" "$@" >"$dir/configure.log" 2>&1 ||
      { cat "$dir/configure.log" >&2; rm -f "$dir/CMakeCache.txt"; die "cmake configure failed (log above)"; }
  fi
  say "building $dir"
  cmake --build "$dir" -j "$SAILSIM_JOBS" -- --no-print-directory
}

# built_sailsim BUILD_DIR: the path of BUILD_DIR's sailsim program; stops the script if it
# was not built.
built_sailsim() {
  local program="$1/cli/sailsim"
  [ -x "$program" ] || die "$program is missing: build first (scripts/run.sh or scripts/test.sh)"
  printf '%s\n' "$program"
}

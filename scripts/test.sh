#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every CTest test.
#   scripts/test.sh              the normal build in build/
#   scripts/test.sh --sanitize   the same suite built with ASan + UBSan in build-asan/
# Extra arguments after -- go to ctest (for example: -- -R vectors).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build="$SAILSIM_ROOT/build"
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAILSIM_WERROR=ON)
while [ $# -gt 0 ]; do
  case $1 in
    --sanitize) build="$SAILSIM_ROOT/build-asan"; cmake_args+=(-DSAILSIM_SANITIZE=ON -DSAILSIM_BENCHMARKS=OFF); shift ;;
    --) shift; break ;;
    *) die "unknown option $1 (known: --sanitize, -- CTEST_ARGS)" ;;
  esac
done

"$SAILSIM_ROOT/scripts/deps.sh" --tests
configure_and_build "$build" "${cmake_args[@]}"
say "running the tests in $build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
ctest --output-on-failure -j "$SAILSIM_JOBS" --timeout 1500 "$@"

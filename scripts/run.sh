#!/usr/bin/env bash
# The main job: installs what is missing, builds, checks the bundled GGML vector sets bit
# for bit, and prints a summary. Exit code: sailsim's (0 all good, 1 a mismatch, 2 bad input).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build="$SAILSIM_ROOT/build"
"$SAILSIM_ROOT/scripts/deps.sh"
configure_and_build "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
sailsim="$build/cli/sailsim"

say "sailsim vectors: the bundled GGML reference sets, every order, quantizers included"
set +e
"$sailsim" vectors "$SAILSIM_ROOT"/vectors/ggml/*/ --engine ref --alt all --quantizers
status=$?
set -e
say "summary: sailsim vectors exited $status ($( [ $status -eq 0 ] && echo 'every output bit-exact' || echo 'see above'))"
exit $status

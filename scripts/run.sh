#!/usr/bin/env bash
# The main job: installs what is missing, builds, checks the bundled GGML vector sets bit
# for bit through the RTL engine and the C++ reference, replays the bundled YAML sequences,
# runs the smoke regression (out/smoke/, with its dashboard out/smoke/index.html), and prints
# one summary. Exit code:
# sailsim's (0 all good, 1 a mismatch, 2 bad input, 3 a hang, 4 a protocol violation).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build="$SAILSIM_ROOT/build"
"$SAILSIM_ROOT/scripts/deps.sh"
configure_and_build "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
sailsim="$build/cli/sailsim"

status=0
run() {
  local name=$1
  shift
  set +e
  "$sailsim" "$@"
  local code=$?
  set -e
  results+=("$name: exit $code")
  [ $code -gt $status ] && status=$code
  return 0
}
results=()

say "sailsim replay: the bundled YAML sequences (vectors/sequences)"
run "replay vectors/sequences" replay -j 2 "$SAILSIM_ROOT"/vectors/sequences

say "sailsim vectors through the RTL engine: the bundled GGML sets, generic and FMA-contracted orders"
run "RTL engine (generic + fused)" vectors "$SAILSIM_ROOT"/vectors/ggml/*/ --alt fused
say "sailsim vectors through the C++ reference: every order, quantizers included"
run "C++ reference (generic, fused, simd, quantizers)" vectors "$SAILSIM_ROOT"/vectors/ggml/*/ --engine ref --alt all --quantizers

say "sailsim regress: the smoke plan (regress/smoke.yaml: every generator kind, the sequences, the sets)"
run "regress regress/smoke.yaml (out/smoke/index.html)" regress "$SAILSIM_ROOT"/regress/smoke.yaml \
  --out "$SAILSIM_ROOT"/out/smoke -j "$SAILSIM_JOBS"

say "summary"
for r in "${results[@]}"; do echo "  $r"; done
echo "  overall: exit $status ($( [ $status -eq 0 ] && echo 'every output bit-exact' || echo 'see above'))"
exit $status

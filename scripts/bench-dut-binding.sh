#!/usr/bin/env bash
# The cost of the generic binding (docs/bring-your-own-rtl.md, "Cost of the generic binding"):
# the same sequence (tests/dut/sequences/sail_top_poll.yaml, a matmul job by polling) on the
# same RTL (the Sail top), bound two ways: by sailsim_add_dut (the program tests/dut builds,
# dut_sail_top) and by `sailsim replay`'s SailCard. Each program replays the file R times in
# one process (-j 1), ROUNDS rounds alternating the two; prints each round's simulated cycles
# per second and the best of each. The cycles must be the same on both: the script stops if not.
#   scripts/bench-dut-binding.sh [--repeat R] [--rounds N] [--build DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

repeat=20
rounds=3
build="$SAILSIM_ROOT/build"
while [ $# -gt 0 ]; do
  case $1 in
    --repeat) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a number"; repeat=$2; shift 2 ;;
    --rounds) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a number"; rounds=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || die "--build needs a folder"; build=$2; shift 2 ;;
    *) die "unknown option $1 (known: --repeat R, --rounds N, --build DIR)" ;;
  esac
done
sailsim=$(built_sailsim "$build")
generic="$build/tests/dut/dut_sail_top"
[ -x "$generic" ] || die "$generic is missing: build the tests (it is not built under SAILSIM_SANITIZE)"
sequence="$SAILSIM_ROOT/tests/dut/sequences/sail_top_poll.yaml"
files=()
for _ in $(seq "$repeat"); do files+=("$sequence"); done

# run PROGRAM: prints "CYCLES SECONDS" for one replay of the R files.
run() {
  local start end out
  start=$(date +%s.%N)
  out=$("$1" replay -j 1 "${files[@]}") || die "$1 replay failed: $out"
  end=$(date +%s.%N)
  local cycles
  cycles=$(printf '%s\n' "$out" | awk '/^PASS  /{sub(/ cycles$/, ""); n += $NF} END {print n}')
  awk -v c="$cycles" -v a="$start" -v b="$end" 'BEGIN {printf "%d %.6f\n", c, b - a}'
}

printf 'round  binding   cycles      seconds  cycles/s\n'
best_generic=0
best_card=0
for round in $(seq "$rounds"); do
  for binding in generic card; do
    if [ "$binding" = generic ]; then program=$generic; else program=$sailsim; fi
    read -r cycles seconds < <(run "$program")
    rate=$(awk -v c="$cycles" -v s="$seconds" 'BEGIN {printf "%d", c / s}')
    printf '%5d  %-8s %8d %11.3f  %d\n' "$round" "$binding" "$cycles" "$seconds" "$rate"
    if [ "$binding" = generic ]; then
      generic_cycles=$cycles
      [ "$rate" -gt "$best_generic" ] && best_generic=$rate
    else
      [ "$cycles" = "$generic_cycles" ] || die "the cycles differ: generic $generic_cycles, SailCard $cycles"
      [ "$rate" -gt "$best_card" ] && best_card=$rate
    fi
  done
done
awk -v g="$best_generic" -v c="$best_card" \
  'BEGIN {printf "best: generic %d cycles/s, SailCard %d cycles/s, generic/SailCard %.3f\n", g, c, g / c}'

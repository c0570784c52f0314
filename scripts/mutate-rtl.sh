#!/usr/bin/env bash
# Mutation testing of the RTL: does the test suite catch deliberate faults?
#
#   scripts/mutate-rtl.sh [--build DIR] [--only NAME]... [MUTATIONS.tsv]...
#
# Each MUTATIONS.tsv (default: every tests/mutations/*.tsv) names one RTL source, the copy
# of it that a mutant target in the build folder is made from, that target and its test
# program ("#@" lines), and lists mutations: NAME, the gtest filter of the tests that must
# catch it, a SEARCH text that must occur exactly once in the source, its REPLACE text, and
# what the fault breaks (format in tests/mutations/sail_ctrl.tsv).
#
# First the unmutated source goes through the same path (copy, build, run every test of
# the program) and must pass, so that a broken harness cannot look like a perfect score.
# Then, per mutation: write the mutated copy, build the target, run the listed tests. A
# failing test (or a crash, or a hang past the timeout) kills the mutant; a mutant whose
# tests all pass survives (a run longer than SAILSIM_MUTATION_TIMEOUT seconds, default 300,
# counts as a hang). Prints per mutant the first failing test and the build and run times,
# then the score (killed / total). The copy is restored to the real source at the end.
#
# Builds: `cmake --build DIR --target TARGET -j "$SAILSIM_JOBS"` (default: every core).
# Logs: DIR/mutation-logs/<file>/<mutation>.log.
# Exit codes: 0 every mutant killed; 1 a mutant survived (or the unmutated build failed
# its tests); 2 bad input (an unknown option, a malformed mutation file, a SEARCH text not
# found exactly once, a mutant that does not build).
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true  # bash 5.2: '&' in a REPLACE text stays '&'

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
only=()
files=()
timeout_s=${SAILSIM_MUTATION_TIMEOUT:-300}

die() { echo "mutate-rtl.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --build) [ $# -ge 2 ] || die "--build needs a folder"; build=$2; shift 2 ;;
    --only) [ $# -ge 2 ] || die "--only needs a mutation name"; only+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (expected --build DIR, --only NAME, or mutation files)" ;;
    *) files+=("$1"); shift ;;
  esac
done
[ -d "$build" ] || die "$build: no such build folder (configure it first, or say --build DIR)"
build=$(cd "$build" && pwd)
if [ ${#files[@]} -eq 0 ]; then
  shopt -s nullglob
  files=("$root"/tests/mutations/*.tsv)
  shopt -u nullglob
  [ ${#files[@]} -gt 0 ] || die "no tests/mutations/*.tsv"
fi

build_target() { cmake --build "$build" --target "$1" -j "${SAILSIM_JOBS:-$(nproc)}"; }

now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# One mutant target per build folder: two runs at once would overwrite each other's copy.
exec 9>"$build/.mutate-rtl.lock"
flock 9

total=0 killed=0 survived=0
start_all=$(now)
restore=()
# The copies go back to the real sources however the script ends.
cleanup() { local i; for ((i = 0; i < ${#restore[@]}; i += 2)); do cp "${restore[i]}" "${restore[i+1]}"; done; }
trap cleanup EXIT

# run_tests LOG PROGRAM FILTER: 0 if every selected test passed; sets first_fail otherwise.
run_tests() {
  local log=$1 program=$2 filter=$3 rc=0
  timeout "$timeout_s" "$program" --gtest_filter="$filter" >"$log" 2>&1 || rc=$?
  if [ $rc -eq 0 ]; then
    # A filter that selects nothing passes vacuously: that is a broken mutation, not a survivor.
    grep -Eq '^\[==========\] [1-9][0-9]* tests? from .* ran' "$log" ||
      die "$(basename "$log" .log): the filter '$filter' selects no test of $program"
    return 0
  fi
  first_fail=$(sed -n 's/^\[  FAILED  \] \([^ ]*\) (.*/\1/p' "$log" | head -n 1)
  if [ $rc -eq 124 ]; then
    first_fail="timed out after ${timeout_s} s${first_fail:+ (first failure: $first_fail)}"
  elif [ -z "$first_fail" ]; then
    first_fail="exit code $rc (crashed before reporting a failure)"
  fi
  return 1
}

for file in "${files[@]}"; do
  [ -f "$file" ] || die "$file: no such mutation file"
  source_rel='' mutant_rel='' target='' program_rel=''
  names=() tests=() searches=() replaces=() whats=()
  lineno=0
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    where="$file:$lineno"
    if [[ $line == '#@ '* ]]; then
      entry=${line#'#@ '}
      [[ $entry == *$'\t'?* ]] || die "$where: expected '#@ KEY<TAB>VALUE'"
      key=${entry%%$'\t'*} value=${entry#*$'\t'}
      case $key in
        source) source_rel=$value ;;
        mutant) mutant_rel=$value ;;
        target) target=$value ;;
        program) program_rel=$value ;;
        *) die "$where: unknown key '$key' (expected source, mutant, target or program)" ;;
      esac
      continue
    fi
    [[ -z $line || $line == '#'* ]] && continue
    tabs=${line//[^$'\t']/}
    [ ${#tabs} -eq 4 ] || die "$where: expected 5 TAB-separated fields (NAME TESTS SEARCH REPLACE WHAT), found $(( ${#tabs} + 1 ))"
    # Split by hand: read -a would merge two TABs around an empty REPLACE.
    fields=() rest=$line
    for _ in 1 2 3 4; do fields+=("${rest%%$'\t'*}"); rest=${rest#*$'\t'}; done
    fields+=("$rest")
    for f in 0 1 2 4; do
      [ -n "${fields[f]:-}" ] || die "$where: empty field $((f + 1)) (NAME, TESTS, SEARCH and WHAT are required)"
    done
    for n in "${names[@]}"; do [ "$n" != "${fields[0]}" ] || die "$where: mutation '${fields[0]}' listed twice"; done
    names+=("${fields[0]}") tests+=("${fields[1]}") searches+=("${fields[2]}")
    replaces+=("${fields[3]:-}") whats+=("${fields[4]}")
  done <"$file"
  for key in source_rel mutant_rel target program_rel; do
    [ -n "${!key}" ] || die "$file: missing the '#@ ${key%_rel}' line"
  done
  src=$root/$source_rel
  mutant=$build/$mutant_rel
  program=$build/$program_rel
  [ -f "$src" ] || die "$file: source $src not found"
  [ -f "$mutant" ] || die "$file: mutant copy $mutant not found (is $build configured with tests/sail-top?)"
  IFS= read -r -d '' original <"$src" || true
  for o in "${only[@]}"; do
    found=0; for n in "${names[@]}"; do [ "$n" = "$o" ] && found=1; done
    [ $found -eq 1 ] || die "$file: no mutation named '$o'"
  done
  # Every SEARCH must apply exactly once before anything is built.
  for i in "${!names[@]}"; do
    s=${searches[i]}
    rest=${original//"$s"/}
    count=$(( (${#original} - ${#rest}) / ${#s} ))
    [ "$count" -eq 1 ] || die "$file: mutation '${names[i]}': its SEARCH text occurs $count times in $source_rel (expected exactly once): $s"
    [ "$s" != "${replaces[i]}" ] || die "$file: mutation '${names[i]}': REPLACE equals SEARCH"
  done
  logs=$build/mutation-logs/$(basename "$file" .tsv)
  mkdir -p "$logs"
  restore+=("$src" "$mutant")

  echo "== $(basename "$file"): ${#names[@]} mutations of $source_rel (target $target)"
  # The unmutated source through the same path; every test of the program must pass.
  cmp -s "$src" "$mutant" || cp "$src" "$mutant"
  t0=$(now)
  build_target "$target" >"$logs/unmutated.build.log" 2>&1 ||
    die "the unmutated $target does not build: see $logs/unmutated.build.log"
  t1=$(now)
  if ! run_tests "$logs/unmutated.log" "$program" '*'; then
    echo "FAIL     unmutated: $first_fail (see $logs/unmutated.log): the harness is broken, no score" >&2
    exit 1
  fi
  t2=$(now)
  echo "PASS     unmutated                      every test passes (build $(elapsed "$t0" "$t1") s, run $(elapsed "$t1" "$t2") s)"

  for i in "${!names[@]}"; do
    name=${names[i]}
    if [ ${#only[@]} -gt 0 ]; then
      selected=0; for o in "${only[@]}"; do [ "$o" = "$name" ] && selected=1; done
      [ $selected -eq 1 ] || continue
    fi
    printf '%s' "${original/"${searches[i]}"/"${replaces[i]}"}" >"$mutant"
    t0=$(now)
    build_target "$target" >"$logs/$name.build.log" 2>&1 ||
      die "the build of mutant '$name' failed (a mutation must be valid RTL; the unmutated build passed): see $logs/$name.build.log"
    t1=$(now)
    total=$((total + 1))
    if run_tests "$logs/$name.log" "$program" "${tests[i]}"; then
      survived=$((survived + 1))
      t2=$(now)
      printf 'SURVIVED %-30s %s: no test of %s failed (build %s s, run %s s)\n' "$name" "${whats[i]}" "${tests[i]}" \
        "$(elapsed "$t0" "$t1")" "$(elapsed "$t1" "$t2")"
    else
      killed=$((killed + 1))
      t2=$(now)
      printf 'KILLED   %-30s by %s (build %s s, run %s s)\n' "$name" "$first_fail" \
        "$(elapsed "$t0" "$t1")" "$(elapsed "$t1" "$t2")"
    fi
  done
  # Leave the target built from the real source again.
  cp "$src" "$mutant"
done

end_all=$(now)
echo "mutation score: $killed / $total killed, $survived survived ($(elapsed "$start_all" "$end_all") s in all)"
[ "$total" -gt 0 ] || die "no mutation was run"
[ "$survived" -eq 0 ] || exit 1

#!/usr/bin/env bash
# The nightly regression, as a cron job or a CI schedule calls it: installs what is missing,
# builds, and runs `sailsim regress` over a plan (default regress/nightly.yaml, about 30
# minutes on 2 cores) into a dated folder, appending the night to a history database.
#   scripts/nightly.sh [--plan FILE] [--out DIR] [--seed S] [--history FILE] [-j N] [--coverage]
#                      [--until-covered N] [--mutation N|all]
# Defaults: --out out/nightly-<UTC date>, --seed <UTC date as YYYYMMDD> (the same night gives
# the same seeds), --history out/history.sqlite, -j every core. The exit code is sailsim
# regress's (0 every run passed; docs/regress.md). Reports: DIR/junit.xml, DIR/results.json,
# DIR/buckets.json; failures with their repro.sh under DIR/failures/.
# --coverage: the night runs on sailsim-coverage and writes DIR/coverage/ (docs/coverage.md;
# about 0.1 s more a run: the nightly plan 50 min on 2 cores, 13 min on 4 shards).
# --until-covered N: after the plan, up to N more gen runs for the holes of the night's
# functional coverage (docs/functional-coverage.md).
# --mutation N: first the night's rotating sample of N RTL mutants on regress/smoke.yaml
# (scripts/mutate.py --sample N --seed S --fast-kill, docs/mutation.md; about 1.5 minutes a
# mutant on 2 cores), whose score the night's dashboard then shows (--mutation-report); the
# report ends in DIR/mutation/. The exit code is regress's if it failed, else mutate.py's.
# --mutation all: the weekly night, the whole catalogue (about 1,320 mutants: some 33 hours
# on 2 cores; scripts/mutate.py --all --shard I/N spreads it over nights or machines).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

plan="$SAILSIM_ROOT/regress/nightly.yaml"
date_utc=$(date -u +%Y%m%d)
out="$SAILSIM_ROOT/out/nightly-$date_utc"
seed=$date_utc
history="$SAILSIM_ROOT/out/history.sqlite"
jobs=$SAILSIM_JOBS
mutation=0
coverage=()
until_covered=()
while [ $# -gt 0 ]; do
  case $1 in
    --plan) [ $# -ge 2 ] || die "--plan needs a file"; plan=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    --seed) [ $# -ge 2 ] || die "--seed needs a number"; seed=$2; shift 2 ;;
    --history) [ $# -ge 2 ] || die "--history needs a file"; history=$2; shift 2 ;;
    -j) [ $# -ge 2 ] || die "-j needs a number"; jobs=$2; shift 2 ;;
    --coverage) coverage=(--coverage); shift ;;
    --until-covered) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || die "--until-covered needs a number of runs"; until_covered=(--until-covered "$2"); shift 2 ;;
    --mutation) [[ $# -ge 2 && $2 =~ ^([0-9]+|all)$ ]] || die "--mutation needs a number of mutants, or all"
      mutation=$2; [ "$mutation" = all ] || mutation=$((10#$mutation)); shift 2 ;;
    *) die "unknown option $1 (known: --plan FILE, --out DIR, --seed S, --history FILE, -j N, --coverage, --until-covered N, --mutation N|all)" ;;
  esac
done

out=${out%/}  # the mutation report goes beside it, as "$out.mutation"
"$SAILSIM_ROOT/scripts/deps.sh"
configure_and_build "$SAILSIM_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
mkdir -p "$(dirname "$history")"
say "sailsim regress $plan (seed $seed, -j $jobs) into $out"
if [ "$mutation" = 0 ]; then
  exec "$SAILSIM_ROOT/build/cli/sailsim" regress "$plan" --out "$out" --seed "$seed" -j "$jobs" --history "$history" "${coverage[@]}" "${until_covered[@]}"
fi
# The mutation sample first, beside DIR, so that the night's dashboard shows its score
# (--mutation-report); then it moves into DIR/mutation/.
report="$out.mutation"
selection=(--sample "$mutation" --seed "$seed")
[ "$mutation" = all ] && selection=(--all)
say "scripts/mutate.py ${selection[*]} into $report"
rm -rf "$report"
mrc=0
python3 -B "$SAILSIM_ROOT/scripts/mutate.py" "${selection[@]}" --fast-kill -j "$jobs" \
  --build-jobs "$SAILSIM_JOBS" --report "$report" || mrc=$?
shown=()
[ -f "$report/mutation.json" ] && shown=(--mutation-report "$report/mutation.json")
rc=0
"$SAILSIM_ROOT/build/cli/sailsim" regress "$plan" --out "$out" --seed "$seed" -j "$jobs" --history "$history" \
  "${coverage[@]}" "${until_covered[@]}" "${shown[@]}" || rc=$?
if [ -d "$report" ] && [ -d "$out" ]; then
  rm -rf "$out/mutation"
  mv "$report" "$out/mutation"
fi
[ "$rc" -ne 0 ] && exit "$rc"
exit "$mrc"

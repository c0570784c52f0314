#!/usr/bin/env bash
# The regression benchmark: runs regress/bench/runs-1000.yaml (1,000 generated runs) with the
# built sailsim and prints, from its results.json, the wall time, runs per hour, the sum of
# the runs' own wall times, and the dispatcher's share: the part of jobs x wall time in which
# no child was running (fork/exec, polling, reading reports, reruns aside).
#   scripts/bench-regress.sh [-j N] [--out DIR] [--build DIR]
# Figures of record: docs/regress.md, "Benchmark". Exit code: sailsim regress's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

jobs=$SAILSIM_JOBS
out="$SAILSIM_ROOT/out/bench-regress"
build="$SAILSIM_ROOT/build"
while [ $# -gt 0 ]; do
  case $1 in
    -j) [ $# -ge 2 ] || die "-j needs a number"; jobs=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || die "--build needs a folder"; build=$2; shift 2 ;;
    *) die "unknown option $1 (known: -j N, --out DIR, --build DIR)" ;;
  esac
done
sailsim=$(built_sailsim "$build")

rm -rf "$out"
start=$(date +%s.%N)
rc=0
"$sailsim" regress "$SAILSIM_ROOT/regress/bench/runs-1000.yaml" --out "$out" -j "$jobs" --max-waves 0 \
  >"$out.log" 2>&1 || rc=$?
end=$(date +%s.%N)
python3 -B - "$out/results.json" "$start" "$end" "$jobs" <<'PY'
import json, sys
results, start, end, jobs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
runs = json.load(open(results))["runs"]
wall = end - start
busy = sum(r["measured"]["wall_seconds"] for r in runs)
cycles = sum(r["cycles"] or 0 for r in runs)
passed = sum(1 for r in runs if r["exit_code"] == 0)
print(f"runs                      {len(runs)} ({passed} passed)")
print(f"wall time                 {wall:.1f} s with -j {jobs}")
print(f"runs per hour             {len(runs) / wall * 3600:.0f}")
print(f"runs' own wall, summed    {busy:.1f} s (mean {busy / len(runs) * 1000:.0f} ms a run)")
print(f"dispatcher's share        {max(0.0, 1 - busy / (wall * jobs)) * 100:.1f} % of {jobs} x wall time")
print(f"simulated cycles          {cycles} ({cycles / busy:.0f} per run-second)")
PY
exit $rc

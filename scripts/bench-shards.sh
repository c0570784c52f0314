#!/usr/bin/env bash
# The sharded-night benchmark: runs a plan (default regress/nightly.yaml) as N shards
# (`sailsim regress --shard I/N`, default 4), one after another on this machine, each with -j
# J, then merges them (`--merge`), and prints each shard's wall time, the merge's, and what
# the night would take on N nodes of J cores (the slowest shard plus the merge) and on this
# one (their sum); then the merged night's code coverage per module (with --coverage) and its
# functional coverage. The same commands are what `--launcher slurm --shards N` submits; on
# one machine the shards cannot overlap, so each is timed alone.
#   scripts/bench-shards.sh [--plan FILE] [--shards N] [-j J] [--seed S] [--coverage]
#                           [--out DIR] [--build DIR]
# Figures of record: docs/regress.md, "Benchmark". Exit code: the merge's (sailsim regress).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

plan="$SAILSIM_ROOT/regress/nightly.yaml"
shards=4
jobs=$SAILSIM_JOBS
seed=1
coverage=()
out="$SAILSIM_ROOT/out/bench-shards"
build="$SAILSIM_ROOT/build"
while [ $# -gt 0 ]; do
  case $1 in
    --plan) [ $# -ge 2 ] || die "--plan needs a file"; plan=$2; shift 2 ;;
    --shards) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || die "--shards needs a number"; shards=$2; shift 2 ;;
    -j) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || die "-j needs a number"; jobs=$2; shift 2 ;;
    --seed) [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || die "--seed needs a number"; seed=$2; shift 2 ;;
    --coverage) coverage=(--coverage); shift ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || die "--build needs a folder"; build=$2; shift 2 ;;
    *) die "unknown option $1 (known: --plan FILE, --shards N, -j J, --seed S, --coverage, --out DIR, --build DIR)" ;;
  esac
done
sailsim=$(built_sailsim "$build")
[ -f "$plan" ] || die "no plan $plan"

rm -rf "$out"
mkdir -p "$out/shards"
times="$out/times.tsv"
folders=()
for i in $(seq 1 "$shards"); do
  say "shard $i/$shards"
  start=$(date +%s.%N)
  rc=0
  "$sailsim" regress "$plan" --out "$out/shards/$i" --shard "$i/$shards" --seed "$seed" -j "$jobs" \
    "${coverage[@]}" >"$out/shard-$i.log" 2>&1 || rc=$?
  end=$(date +%s.%N)
  printf 'shard %s\t%s\t%s\t%s\n' "$i" "$start" "$end" "$rc" >>"$times"
  folders+=("$out/shards/$i")
done
say "merge"
start=$(date +%s.%N)
rc=0
"$sailsim" regress "$plan" --out "$out/night" --seed "$seed" "${coverage[@]}" --merge "${folders[@]}" \
  >"$out/merge.log" 2>&1 || rc=$?
end=$(date +%s.%N)
printf 'merge\t-\t%s\t%s\t%s\n' "$start" "$end" "$rc" >>"$times"
python3 -B - "$times" "$out/night/results.json" "$shards" "$jobs" <<'PY'
import json, sys
times, results, shards, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
shard_walls, merge_wall = [], 0.0
for line in open(times):
    cols = line.rstrip("\n").split("\t")
    if cols[0] == "merge":
        merge_wall = float(cols[3]) - float(cols[2])
        print(f"merge                     {merge_wall:.1f} s (exit {cols[4]})")
    else:
        wall = float(cols[2]) - float(cols[1])
        shard_walls.append(wall)
        print(f"{cols[0]:<26}{wall:.1f} s (exit {cols[3]})")
night = json.load(open(results))
runs = night["runs"]
passed = sum(1 for r in runs if r["exit_code"] == 0)
print(f"runs                      {len(runs)} ({passed} passed)")
print(f"on {shards} nodes of {jobs} cores     {(max(shard_walls) + merge_wall) / 60:.1f} min (slowest shard + merge)")
print(f"on this machine           {(sum(shard_walls) + merge_wall) / 60:.1f} min (every shard + merge)")
for module, kinds in sorted(night.get("coverage", {}).get("modules", {}).items()):
    shown = "  ".join(f"{k} {v['percent']}% ({v['covered']}/{v['total']})"
                      for k, v in sorted(kinds.items()) if isinstance(v, dict) and "percent" in v)
    print(f"coverage {module:<17}{shown}")
fcov = night.get("functional_coverage")
if fcov:
    print(f"functional coverage       {fcov['hit']}/{fcov['bins']} bins ({fcov['percent']}%) of {len(fcov['points'])} points")
    for hole in fcov.get("holes", []):
        print(f"  hole                    {hole['point']} {hole['bin']}")
PY
exit $rc

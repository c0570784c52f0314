#!/usr/bin/env python3
"""finds_broken_rtl.py: does `sailsim regress` find a deliberately broken card?

  finds_broken_rtl.py --tsv broken_rtl.tsv --name NAME --broken SAILSIM_BROKEN --good SAILSIM
                      --plan regress/smoke.yaml --out DIR

Runs the plan with the broken sailsim (every run of it uses that binary) and asserts:
  * the regression fails (exit code 1, 3 or 4: failed checks, timeouts or violations);
  * a bucket's signature matches the TSV's SIGNATURE for NAME (the whole signature);
  * that bucket's repro.sh, run as a user would, fails with the exit code of its first run
    and prints the failing line (every word of the signature but the normalized numbers,
    addresses and paths);
  * the same command with the unbroken sailsim of the same flavour (--good) passes: the
    fault is in the RTL, not in the stimulus;
  * the first failure of the bucket has its waveform (failures/<run>/wave.fst).
Exit 0 when all hold, 1 with every failed assertion printed otherwise."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

from broken_rtl import mutation


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--tsv", "--name", "--broken", "--good", "--plan", "--out"):
        ap.add_argument(opt, required=True)
    a = ap.parse_args()
    m = mutation(a.tsv, a.name)
    for binary in (a.broken, a.good):
        if not os.access(binary, os.X_OK):
            report([f"{binary} is missing: build it (cmake --build BUILD)"])
    problems = []
    shutil.rmtree(a.out, ignore_errors=True)
    night = subprocess.run([a.broken, "regress", a.plan, "--out", a.out, "-j", "2", "--max-waves", "1"],
                           capture_output=True, text=True, timeout=800)
    print(f"{a.name} ({m['what']}): the plan's exit code {night.returncode}")
    if night.returncode not in (1, 3, 4):
        problems.append(f"the plan should fail with 1, 3 or 4, it exited {night.returncode}\n{night.stderr[-2000:]}")
        report(problems)
    with open(os.path.join(a.out, "buckets.json"), encoding="utf-8") as f:
        buckets = json.load(f)["buckets"]
    with open(os.path.join(a.out, "results.json"), encoding="utf-8") as f:
        runs = {r["name"]: r for r in json.load(f)["runs"]}
    for b in buckets:
        print(f"  bucket of {b['count']}: {b['signature']}")
    want = re.compile(m["signature"])
    named = [b for b in buckets if want.fullmatch(b["signature"])]
    if not named:
        problems.append(f"no bucket's signature matches {m['signature']!r}")
        report(problems)
    bucket = named[0]
    first = runs[bucket["first_run"]]
    folder = os.path.join(a.out, "failures", bucket["first_run"])
    repro = os.path.join(folder, "repro.sh")
    again = subprocess.run(["sh", repro], capture_output=True, text=True, timeout=300)
    print(f"  sh {repro}: exit code {again.returncode} (the run had {first['exit_code']})")
    if again.returncode != first["exit_code"]:
        problems.append(f"repro.sh exited {again.returncode}, the run {first['exit_code']}")
    # The failing line, un-normalized, is in what repro.sh prints: each normalized token
    # (N, 0xH, <path>) stands for something, every other word is there as written.
    words = [w for w in re.split(r"[\s(),:]+", bucket["signature"]) if w and w not in ("N", "0xH", "<path>")]
    output = again.stdout + again.stderr
    missing = [w for w in words if w not in output]
    if missing:
        problems.append(f"repro.sh's output lacks the signature's words {missing}")
    # The same command with the real sailsim: the stimulus is fine, the card is not.
    with open(repro, encoding="utf-8") as f:
        script = f.read()
    quoted_broken = "'" + a.broken + "'"
    if quoted_broken not in script:
        problems.append(f"repro.sh does not name the broken binary {a.broken}")
    else:
        good_script = os.path.join(folder, "repro-good.sh")
        with open(good_script, "w", encoding="utf-8") as f:
            f.write(script.replace(quoted_broken, "'" + a.good + "'"))
        good = subprocess.run(["sh", good_script], capture_output=True, text=True, timeout=300)
        print(f"  the same with {a.good}: exit code {good.returncode}")
        if good.returncode != 0:
            problems.append(f"with {a.good} the repro exits {good.returncode}, expected 0\n{good.stdout[-1500:]}")
    if not os.path.isfile(os.path.join(folder, "wave.fst")) and first["kind"] != "vectors":
        problems.append(f"{folder}/wave.fst is missing (--max-waves 1)")
    report(problems)


def report(problems):
    for p in problems:
        print("FAIL: " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

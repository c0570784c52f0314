#!/usr/bin/env python3
"""mutate.fixed_mutants (tests/mutate/CMakeLists.txt): scripts/mutate.py, the real tool, on
three fixed mutants whose verdicts are known, with the short plan tests/mutate/plan.yaml:

* killed:    sail_ctrl, cmp_flip of `rd_last = rd_beat_q == rd_len_q` (the control block's
             read bursts never end on time: every register read goes wrong);
* survivor:  axi_err_slv, stuck_at 0 of `r_o.last` (the error slave's RLAST): the plan never
             reads outside the address map, so nothing sees it;
* stillborn: extra:undeclared_signal (tests/mutate/extra.tsv), which Verilator refuses.

The mutants are found by their text in `--list` (file, operator, original and mutated line),
not by id, so that an RTL edit that moves their lines does not break the test. Asserted: the
unmutated RTL passes first; each verdict; the killed mutant's exit code and signature; the
per-module and total counts and scores in mutation.json; the survivor's diff and the plan in
mutation.md; the exit codes of --min-score and --fail-on-survivor (--check on the report); the
mutants' build folders removed (no --keep), their logs kept. Before that, the input errors:
each exits 2 with one line naming what is wrong, before anything is built.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "scripts", "mutate.py")
PLAN = os.path.join(HERE, "plan.yaml")
EXTRA = os.path.join(HERE, "extra.tsv")

KILLED = ("sail_ctrl", "cmp_flip", "assign rd_last      = rd_beat_q == rd_len_q;",
          "assign rd_last      = rd_beat_q != rd_len_q;")
SURVIVOR = ("axi_err_slv", "stuck_at", "r_o.last   = rd_left_q == '0;", "r_o.last   = '0;")
STILLBORN = "extra:undeclared_signal"

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}", flush=True)
    return cond


def tool(*args):
    return subprocess.run([sys.executable, "-B", TOOL, *args], capture_output=True, text=True, cwd=ROOT)


def bad_inputs(tmp):
    bad_waivers = os.path.join(tmp, "bad_waivers.tsv")
    with open(bad_waivers, "w", encoding="utf-8") as f:
        f.write("# a waiver with two fields\nsail_ctrl:cmp_flip:1:1:0\tonly two fields\n")
    stale_waivers = os.path.join(tmp, "stale_waivers.tsv")
    with open(stale_waivers, "w", encoding="utf-8") as f:
        f.write("sail_ctrl:cmp_flip:1:1:0\tassign nothing = like_this;\ta waiver whose mutant is gone\n")
    bad_extra = os.path.join(tmp, "bad_extra.tsv")
    with open(bad_extra, "w", encoding="utf-8") as f:
        f.write("nowhere\trtl/axi_err_slv.sv\tthis text is not in the file\tx\twhat\n")
    cases = [
        (["--only", "nosuch:cmp_flip:1:1:0"], "no mutant nosuch:cmp_flip:1:1:0"),
        (["--sample", "0"], "--sample 0"),
        (["--all", "--only", "x"], "choose one of"),
        (["--all", "--shard", "3/2"], "--shard 3/2"),
        (["--all", "--min-score", "2"], "--min-score"),
        (["--all", "--plan", os.path.join(tmp, "missing.yaml")], "missing.yaml: no such file"),
        (["--list", "--waivers", bad_waivers], "bad_waivers.tsv:2:"),
        (["--list", "--waivers", stale_waivers], "stale_waivers.tsv:1:"),
        (["--list", "--extra", bad_extra], "bad_extra.tsv:1:"),
        ([], "nothing selected"),
        (["--check", os.path.join(tmp, "no_report")], "no_report/mutation.json"),
    ]
    for args, needle in cases:
        r = tool(*args, "--work", os.path.join(tmp, "never"))
        lines = r.stderr.strip().splitlines()
        check(r.returncode == 2, f"{args}: exit code {r.returncode}, expected 2 ({r.stderr.strip()})")
        check(len(lines) == 1 and lines[0].startswith("mutate.py: ") and needle in lines[0],
              f"{args}: stderr {lines!r} should be one line naming {needle!r}")
        check(r.stdout == "", f"{args}: printed {r.stdout!r}")
    check(not os.path.exists(os.path.join(tmp, "never")), "a refused command created its work folder")


def find(listing, module, operator, original, mutated):
    rows = [r for r in listing if r[1] == module and r[2] == operator and r[4] == original and r[5] == mutated]
    check(len(rows) == 1, f"{module} {operator} `{original}` -> `{mutated}`: {len(rows)} mutants in --list, expected 1")
    return rows[0][0] if rows else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True, help="scratch folder (emptied first)")
    ap.add_argument("--sailsim", required=True, help="the built sailsim, for the regression that shows the score")
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    if os.path.exists(work):
        subprocess.run(["rm", "-rf", work], check=True)
    os.makedirs(work)
    t0 = time.monotonic()

    with tempfile.TemporaryDirectory() as tmp:
        bad_inputs(tmp)

    r = tool("--list", "--extra", EXTRA)
    check(r.returncode == 0, f"--list: exit code {r.returncode}: {r.stderr}")
    listing = [line.split("\t") for line in r.stdout.splitlines()]
    check(all(len(row) == 6 for row in listing), "--list rows have 6 TAB-separated fields")
    ids = [row[0] for row in listing]
    check(len(ids) == len(set(ids)), "--list: mutant ids are unique")
    check(len(ids) > 500, f"--list: {len(ids)} mutants, expected the whole catalogue (over 500)")
    killed = find(listing, *KILLED)
    survivor = find(listing, *SURVIVOR)
    check(STILLBORN in ids, f"{STILLBORN} is not in --list --extra")
    again = tool("--list", "--extra", EXTRA)
    check(again.stdout == r.stdout, "--list twice gives different output")
    s7 = tool("--list", "--sample", "6", "--seed", "7").stdout
    check(s7 == tool("--list", "--sample", "6", "--seed", "7").stdout, "--sample 6 --seed 7 twice differs")
    check(s7 != tool("--list", "--sample", "6", "--seed", "8").stdout, "--seed 7 and 8 pick the same sample")
    check(len({row.split("\t")[1] for row in s7.splitlines()}) == 6, "a sample of 6 should span 6 modules")
    if failures:
        return 1

    report_dir = os.path.join(work, "report")
    run = subprocess.run([sys.executable, "-B", TOOL, "--only", killed, survivor, STILLBORN, "--extra", EXTRA,
                          "--plan", PLAN, "--work", work, "--report", report_dir, "-j", "2"],
                         cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    print(run.stdout, flush=True)
    check(run.returncode == 0, f"the run: exit code {run.returncode}, expected 0 (a score, no --min-score)")
    with open(os.path.join(report_dir, "mutation.json"), encoding="utf-8") as f:
        doc = json.load(f)
    with open(os.path.join(report_dir, "mutation.md"), encoding="utf-8") as f:
        md = f.read()

    check(doc["format"] == "sailsim-mutation/1", "format tag")
    check(doc["baseline"]["verdict"] == "pass", f"baseline: {doc['baseline']}")
    check(doc["plan"] == "tests/mutate/plan.yaml", f"plan {doc['plan']}")
    check(doc["selection"]["mode"] == "only" and doc["selection"]["count"] == 3, f"selection {doc['selection']}")
    by_id = {e["id"]: e for e in doc["mutants"]}
    check(set(by_id) == {killed, survivor, STILLBORN}, f"mutants {sorted(by_id)}")
    k, s, sb = by_id.get(killed, {}), by_id.get(survivor, {}), by_id.get(STILLBORN, {})
    check(k.get("verdict") == "killed", f"{killed}: {k.get('verdict')}, expected killed")
    check(isinstance(k.get("exit_code"), int) and k.get("exit_code") != 0, f"{killed}: exit code {k.get('exit_code')}")
    check(bool(k.get("signature")), f"{killed}: no signature")
    check(s.get("verdict") == "survived" and s.get("exit_code") == 0, f"{survivor}: {s.get('verdict')}, expected survived")
    check(sb.get("verdict") == "stillborn", f"{STILLBORN}: {sb.get('verdict')}, expected stillborn")
    check("WORK/extra-undeclared_signal/src/axi_err_slv.sv:" in (sb.get("reason") or "")
          and "rd_busy_d" in (sb.get("reason") or ""),
          f"{STILLBORN}: the reason should be Verilator's error naming rd_busy_d in WORK/...: {sb.get('reason')}")
    for e in (k, s, sb):
        check(e.get("plan") == "tests/mutate/plan.yaml", f"{e.get('id')}: plan {e.get('plan')}")
        check(isinstance(e.get("build_seconds"), (int, float)), f"{e.get('id')}: build seconds")
    zero = {"killed": 0, "survived": 0, "stillborn": 0, "equivalent": 0, "timeout": 0}
    check(doc["modules"].get("sail_ctrl") == {**zero, "killed": 1, "score": 1.0},
          f"sail_ctrl counts {doc['modules'].get('sail_ctrl')}")
    check(doc["modules"].get("axi_err_slv") == {**zero, "survived": 1, "stillborn": 1, "score": 0.0},
          f"axi_err_slv counts {doc['modules'].get('axi_err_slv')}")
    check(set(doc["modules"]) == {"sail_ctrl", "axi_err_slv"}, f"modules {sorted(doc['modules'])}")
    check(doc["total"] == {**zero, "killed": 1, "survived": 1, "stillborn": 1, "score": 0.5}, f"total {doc['total']}")
    check(doc["score"] == 0.5, f"score {doc['score']}")

    minus = "-    r_o.last   = rd_left_q == '0;"
    plus = "+    r_o.last   = '0;"
    check(minus in s.get("diff", "") and plus in s.get("diff", ""), f"the survivor's diff in mutation.json: {s.get('diff')}")
    check("Survivors (1)" in md and f"### `{survivor}`" in md, "mutation.md names the survivor")
    survivor_part = md.split(f"### `{survivor}`", 1)[-1].split("## Every mutant", 1)[0]
    check(minus in survivor_part and plus in survivor_part and "tests/mutate/plan.yaml" in survivor_part,
          "mutation.md: the survivor's diff and the plan that ran")
    check("**Score 50.0%**" in md, "mutation.md: the score")
    check("| axi_err_slv | 0 | 1 | 1 | 0 | 0.0% |" in md and "| sail_ctrl | 1 | 0 | 0 | 0 | 100.0% |" in md,
          "mutation.md: the per-module table")

    # The exit codes, applied again to the report (--check runs nothing).
    for args, expected in (([], 0), (["--min-score", "50%"], 0), (["--min-score", "0.51"], 1),
                           (["--fail-on-survivor"], 1)):
        r = tool("--check", report_dir, *args)
        check(r.returncode == expected, f"--check {args}: exit code {r.returncode}, expected {expected}: {r.stderr}")
        check("score 50.0%: 1 killed, 1 survived, 1 stillborn" in r.stdout, f"--check {args}: {r.stdout!r}")

    for mid in (killed, survivor, STILLBORN, "unmutated"):
        folder = os.path.join(work, mid.replace(":", "-"))
        check(os.path.isdir(folder) and not os.path.exists(os.path.join(folder, "build")),
              f"{folder}: the build folder should be gone (no --keep)")
        check(os.path.isfile(os.path.join(folder, "configure.log")), f"{folder}: configure.log kept")

    # The regression shows this report (sailsim regress --mutation-report, as nightly.sh does):
    # results.json's "mutation" says what mutation.json says.
    night = os.path.join(work, "night")
    r = subprocess.run([a.sailsim, "regress", PLAN, "--out", night, "--mutation-report",
                        os.path.join(report_dir, "mutation.json")], text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    check(r.returncode == 0, f"regress --mutation-report: exit code {r.returncode}: {r.stdout[-2000:]}")
    if r.returncode == 0:
        with open(os.path.join(night, "results.json"), encoding="utf-8") as f:
            mu = json.load(f).get("mutation", {})
        check(mu.get("score") == doc["score"], f"results.json mutation score {mu.get('score')}")
        check({k: mu.get(k) for k in zero} == {k: doc["total"][k] for k in zero}, f"results.json mutation counts {mu}")
        check({m["module"]: m["score"] for m in mu.get("modules", [])} == {m: v["score"] for m, v in doc["modules"].items()},
              f"results.json mutation modules {mu.get('modules')}")
        check([x["id"] for x in mu.get("survivors", [])] == [survivor], f"results.json survivors {mu.get('survivors')}")
        check(mu.get("plan") == doc["plan"] and mu.get("commit") == doc["tree"]["commit"], "results.json: plan and commit")

    print(f"mutate.fixed_mutants: {len(failures)} failures, {time.monotonic() - t0:.0f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

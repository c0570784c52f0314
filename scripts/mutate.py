#!/usr/bin/env python3
"""scripts/mutate.py: the RTL mutation score of the Sail top (docs/mutation.md).

  scripts/mutate.py --list [--all | --sample N --seed S | --only ID...]
  scripts/mutate.py --check DIR [--min-score X] [--fail-on-survivor]
  scripts/mutate.py (--all | --sample N [--seed S] | --only ID...) [--plan FILE] [-j N]
                    [--work DIR] [--report DIR] [--keep] [--min-score X] [--fail-on-survivor]
                    [--shard I/N] [--plan-seed S] [--timeout S] [--build-jobs N]
                    [--waivers FILE] [--extra TSV]... [--fast-kill] [--resume]

A catalogue of mutation operators (comparisons flipped, bounds off by one, conditions
inverted, terms of && / || dropped, valid / ready / last stuck, bit slices moved, reset values
changed, operands swapped) finds its sites in the RTL the Sail top is built from (rtl/*.sv).
Each selected mutant is built in its own folder under --work (the unmutated RTL first,
through the same steps: if it fails the plan there is no score) and the plan (default
regress/smoke.yaml) is run with it: killed (the plan fails), survived (it passes), stillborn
(Verilator or the compiler refuses it) or timeout (past the wall limit: counted as killed).
Mutants waived in tests/mutate/equivalent.tsv are equivalent: listed, not run, not counted.

--report DIR (default WORK/report) gets mutation.json and mutation.md, rewritten after every
mutant. Exit codes: 0 done and the score is at least --min-score (default 0); 1 below it, a
survivor with --fail-on-survivor, or the unmutated RTL failing the plan; 2 bad input (one
line naming it).
"""
import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from mutation import catalogue as cat_mod  # noqa: E402
from mutation import report, runner, sv, tsv, waivers  # noqa: E402

ROOT = os.path.dirname(HERE)


class BadInput(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise BadInput(message)


def parse_args(argv):
    p = Parser(prog="scripts/mutate.py", description=__doc__.split("\n\n")[1],
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--list", action="store_true", help="print the selected sites (all without a selection) and exit")
    p.add_argument("--check", metavar="DIR", help="no run: apply --min-score / --fail-on-survivor to DIR/mutation.json")
    p.add_argument("--all", action="store_true", help="every mutant of the catalogue (the weekly run)")
    p.add_argument("--sample", type=int, metavar="N", help="N mutants spread over modules and operators (the nightly run)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="the sample's seed (e.g. the date, YYYYMMDD; default 1)")
    p.add_argument("--only", nargs="+", metavar="ID", help="these mutants")
    p.add_argument("--shard", metavar="I/N", help="every N-th selected mutant from the I-th (I from 1)")
    p.add_argument("--plan", default=os.path.join(ROOT, "regress", "smoke.yaml"),
                   help="the regression plan each mutant runs (default regress/smoke.yaml)")
    p.add_argument("--plan-seed", type=int, default=1, metavar="S",
                   help="sailsim regress --seed (default 1: every mutant sees the same stimulus)")
    p.add_argument("-j", "--jobs", type=int, default=2, metavar="N", help="runs of the plan at once (default 2)")
    p.add_argument("--build-jobs", type=int, default=os.cpu_count() or 2, metavar="N",
                   help="compile jobs of a mutant's build (default: every core); mutants build one after another")
    p.add_argument("--work", default=os.path.join(ROOT, "build-mutate"),
                   help="a folder per mutant goes here (default build-mutate/)")
    p.add_argument("--report", metavar="DIR", help="mutation.json and mutation.md go here (default WORK/report)")
    p.add_argument("--keep", action="store_true", help="keep every mutant's build folder and regression output")
    p.add_argument("--resume", action="store_true",
                   help="keep the verdicts already in DIR/mutation.json of the same selection, plan and RTL")
    p.add_argument("--min-score", default="0", metavar="X", help="exit 1 below this score (0..1, or a percentage: 95%%)")
    p.add_argument("--fail-on-survivor", action="store_true", help="exit 1 if any mutant survived")
    p.add_argument("--timeout", type=float, metavar="S",
                   help="wall limit of one plan run (default 4 x the unmutated run + 300 s)")
    p.add_argument("--fast-kill", action="store_true",
                   help="stop a mutant's plan at its first failing run (faster; no signature then, and "
                        "first_failure names that run, which may vary with -j)")
    p.add_argument("--waivers", help="the equivalent mutants (default tests/mutate/equivalent.tsv)")
    p.add_argument("--extra", action="append", default=[], metavar="TSV",
                   help="hand-written mutants: NAME FILE SEARCH REPLACE WHAT, one a line (ids extra:NAME)")
    a = p.parse_args(argv)
    modes = sum(bool(x) for x in (a.all, a.sample is not None, a.only))
    if modes > 1:
        raise BadInput("choose one of --all, --sample N, --only ID...")
    if a.check and (modes or a.list):
        raise BadInput("--check DIR reads a report: no --list, --all, --sample or --only with it")
    if modes == 0 and not a.list and not a.check:
        raise BadInput("nothing selected: say --all, --sample N or --only ID... (or --list)")
    if a.sample is not None and a.sample < 1:
        raise BadInput(f"--sample {a.sample}: expected at least 1")
    if a.jobs < 1 or a.build_jobs < 1:
        raise BadInput("-j and --build-jobs need at least 1")
    try:
        text = a.min_score.strip()
        a.min_score = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise BadInput(f"--min-score {a.min_score}: expected a number from 0 to 1 or a percentage")
    if not 0 <= a.min_score <= 1:
        raise BadInput(f"--min-score {a.min_score}: expected a number from 0 to 1 or a percentage")
    if a.shard:
        try:
            i, n = (int(x) for x in a.shard.split("/"))
        except ValueError:
            raise BadInput(f"--shard {a.shard}: expected I/N, e.g. 1/4")
        if not 1 <= i <= n:
            raise BadInput(f"--shard {a.shard}: expected 1 <= I <= N")
        a.shard = (i, n)
    return a


def h(*parts):
    return hashlib.sha256("/".join(str(p) for p in parts).encode()).hexdigest()


def sample(mutants, n, seed):
    """n mutants, deterministic for a seed: modules in a seeded order take turns, and within a
    module its operators take turns, each picking its next mutant in a seeded order."""
    by_module = {}
    for m in mutants:
        by_module.setdefault(m.module, {}).setdefault(m.operator, []).append(m)
    modules = sorted(by_module, key=lambda mod: h(seed, mod))
    queues = {}
    for mod in modules:
        ops = sorted(by_module[mod], key=lambda op: h(seed, mod, op))
        lists = [sorted(by_module[mod][op], key=lambda m: h(seed, m.id)) for op in ops]
        order = []
        while any(lists):
            for lst in lists:
                if lst:
                    order.append(lst.pop(0))
        queues[mod] = order
    chosen = []
    while len(chosen) < n and any(queues.values()):
        for mod in modules:
            if queues[mod] and len(chosen) < n:
                chosen.append(queues[mod].pop(0))
    return chosen


def load_extras(paths, catalogue):
    """Hand-written mutants: NAME FILE SEARCH REPLACE WHAT (TAB-separated)."""
    extras = []
    for path in paths:
        for number, fields in tsv.rows(path, BadInput):
            if len(fields) != 5 or not fields[0] or not fields[2] or not fields[4]:
                raise BadInput(f"{path}:{number}: expected 5 TAB-separated fields (NAME FILE SEARCH REPLACE WHAT)")
            name, rel, search, replace, what = fields
            full = os.path.join(ROOT, rel)
            if not os.path.isfile(full):
                raise BadInput(f"{path}:{number}: {rel} is not a file of the tree")
            base = os.path.basename(rel)
            if rel != f"rtl/{base}" or base not in catalogue.files:
                raise BadInput(f"{path}:{number}: {rel} is not a source of the Sail top")
            text = catalogue.scans[base].text
            count = text.count(search)
            if count != 1:
                raise BadInput(f"{path}:{number}: {name}: SEARCH occurs {count} times in {rel}, expected once")
            start = text.index(search)
            line_no = text.count("\n", 0, start) + 1
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            module = None
            for mod, _, first, last in catalogue.scans[base].parser.modules:
                if first <= line_no <= last:
                    module = mod
            ls = text.rfind("\n", 0, start) + 1
            le = text.find("\n", start + len(search))
            le = len(text) if le < 0 else le
            seg = text[ls:le]
            mid = f"extra:{name}"
            if mid in catalogue.by_id:
                raise BadInput(f"{path}:{number}: {mid} is listed twice")
            m = cat_mod.Mutant(id=mid, file=rel, module=module or base[:-3], operator="extra", variant=0,
                               line=line_no, column=col, start=start, end=start + len(search),
                               replacement=replace, source_text=text, extra_what=what,
                               original_text=cat_mod.one_line(seg),
                               mutated_text=cat_mod.one_line(seg[:start - ls] + replace + seg[start - ls + len(search):]))
            extras.append(m)
            catalogue.by_id[mid] = m
    catalogue.mutants.extend(extras)
    return extras


def git(*args):
    try:
        out = subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True, check=True)
        return out.stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def tree_fingerprint():
    """The paths, sizes and times of the files a build or a plan may read (tracked and
    untracked, not ignored; not docs/, scripts/ or *.md)."""
    out = git("ls-files", "-z", "-c", "-o", "--exclude-standard")
    if out is None:
        return None
    hsh = hashlib.sha256()
    for path in sorted(set(filter(None, out.split("\0")))):
        if path.endswith(".md") or path.split("/")[0] in ("docs", "scripts", ".ci", "out"):
            continue  # not read by a build or a plan
        try:
            st = os.stat(os.path.join(ROOT, path))
            hsh.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        except OSError:
            hsh.update(f"{path}\0gone\0".encode())
    return hsh.hexdigest()


def rel_to_root(path):
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


def entry_of(m, plan_rel):
    return {
        "id": m.id, "file": m.file, "module": m.module, "operator": m.operator, "variant": m.variant,
        "line": m.line, "column": m.column, "original": m.original_text, "mutated": m.mutated_text,
        "verdict": None, "signature": None, "exit_code": None, "reason": None, "why": None,
        "first_failure": None,
        "what": m.extra_what or cat_mod.OPERATORS[m.operator], "tree_changed": False,
        "plan": plan_rel, "build_seconds": None, "run_seconds": None, "diff": m.diff(),
    }


def verdict_exit(doc, a):
    """0, or 1 with the reason on stderr: the score against --min-score, --fail-on-survivor."""
    t = doc["total"]
    if doc["baseline"] is None or doc["baseline"]["verdict"] != "pass":
        print("mutate.py: the unmutated RTL did not pass the plan: no score", file=sys.stderr)
        return 1
    if doc["score"] is not None and doc["score"] < a.min_score:
        print(f"mutate.py: the score {report.pct(doc['score'])} is below --min-score {report.pct(a.min_score)}",
              file=sys.stderr)
        return 1
    if doc["score"] is None and a.min_score > 0:
        print("mutate.py: no mutant was killed or survived: no score to compare with --min-score", file=sys.stderr)
        return 1
    if a.fail_on_survivor and t["survived"]:
        print(f"mutate.py: {t['survived']} mutants survived (--fail-on-survivor)", file=sys.stderr)
        return 1
    return 0


def check_report(a):
    path = os.path.join(a.check, "mutation.json")
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise BadInput(f"{path}: {e.strerror}")
    except ValueError as e:
        raise BadInput(f"{path}: not JSON ({e})")
    if not isinstance(doc, dict) or doc.get("format") != report.FORMAT:
        raise BadInput(f"{path}: not a {report.FORMAT} report")
    t = doc["total"]
    print(f"mutate.py: {path}: score {report.pct(doc['score'])}: {t['killed'] + t['timeout']} killed, "
          f"{t['survived']} survived, {t['stillborn']} stillborn, {t['equivalent']} equivalent")
    return verdict_exit(doc, a)


def resumable(path, meta):
    """{id: entry} of the report at `path` if it ran the same selection, plan and RTL."""
    try:
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
    except (OSError, ValueError):
        return {}
    same = (old.get("format") == report.FORMAT and old.get("selection") == meta["selection"]
            and old.get("plan_sha256") == meta["plan_sha256"] and old.get("plan_seed") == meta["plan_seed"]
            and old.get("tree", {}).get("rtl_sha256") == meta["tree"]["rtl_sha256"])
    if not same:
        print(f"mutate.py: --resume: {path} ran another selection, plan or RTL: starting afresh", flush=True)
        return {}
    kept = {e["id"]: e for e in old.get("mutants", []) if e.get("verdict") not in (None, "equivalent")}
    print(f"mutate.py: --resume: {len(kept)} verdicts kept from {path}", flush=True)
    return kept


def main(argv):
    a = parse_args(argv)
    if a.check:
        return check_report(a)
    try:
        catalogue = cat_mod.Catalogue(ROOT)
    except sv.ParseError as e:
        raise BadInput(f"the RTL cannot be read: {e}")
    load_extras(a.extra, catalogue)
    waiver_path = a.waivers or os.path.join(ROOT, "tests", "mutate", "equivalent.tsv")
    if a.waivers or os.path.exists(waiver_path):
        try:
            waived = waivers.load(waiver_path, catalogue)
        except waivers.WaiverError as e:
            raise BadInput(str(e))
    else:
        waived = {}

    if a.only:
        unknown = [x for x in a.only if x not in catalogue.by_id]
        if unknown:
            raise BadInput(f"no mutant {unknown[0]} (scripts/mutate.py --list prints them)")
        selected = [catalogue.by_id[x] for x in dict.fromkeys(a.only)]
        mode = "only"
    elif a.sample is not None:
        pool = [m for m in catalogue.mutants if m.id not in waived and m.operator != "extra"]
        selected = sample(pool, a.sample, a.seed)
        mode = "sample"
    else:
        selected = list(catalogue.mutants)  # with the --extra mutants, if any
        mode = "all"
    order = {m.id: k for k, m in enumerate(catalogue.mutants)}
    selected.sort(key=lambda m: order[m.id])
    if a.shard:
        i, n = a.shard
        selected = selected[i - 1::n]

    if a.list:
        for m in selected:
            print("\t".join([m.id, m.module, m.operator, str(m.line), m.original_text, m.mutated_text]))
        skipped = f"; {len(catalogue.skipped)} statements not read" if catalogue.skipped else ""
        print(f"mutate.py: {len(selected)} of {len(catalogue.mutants)} mutants in {len(catalogue.files)} files, "
              f"{sum(1 for m in selected if m.id in waived)} of them waived as equivalent{skipped}", file=sys.stderr)
        for f, line, why in catalogue.skipped:
            print(f"mutate.py: not read: {f}:{line}: {why}", file=sys.stderr)
        return 0

    plan = os.path.abspath(a.plan)
    if not os.path.isfile(plan):
        raise BadInput(f"--plan {a.plan}: no such file")
    plan_rel = rel_to_root(plan)
    work = os.path.abspath(a.work)
    report_dir = os.path.abspath(a.report or os.path.join(work, "report"))
    for d in (work, report_dir):
        try:
            os.makedirs(d, exist_ok=True)
        except OSError as e:
            raise BadInput(f"{d}: {e.strerror}")
    if not selected:
        raise BadInput("the selection is empty")

    with open(plan, "rb") as f:
        plan_sha = hashlib.sha256(f.read()).hexdigest()
    by_op = {}
    for m in catalogue.mutants:
        by_op[m.operator] = by_op.get(m.operator, 0) + 1
    meta = {
        "tool": "scripts/mutate.py",
        "plan": plan_rel, "plan_sha256": plan_sha, "plan_seed": a.plan_seed, "jobs": a.jobs,
        "selection": {"mode": mode, "count": len(selected), "seed": a.seed if mode == "sample" else None,
                      "sample": a.sample, "only": a.only, "shard": f"{a.shard[0]}/{a.shard[1]}" if a.shard else None},
        "catalogue": {"mutants": len(catalogue.mutants), "files": catalogue.files, "by_operator": by_op},
        "tree": {"commit": (git("rev-parse", "HEAD") or "unknown").strip(), "rtl_sha256": catalogue.rtl_sha256()},
        "min_score": a.min_score, "fast_kill": a.fast_kill,
        "timeout_seconds": None,
        "baseline": None,
        "tree_changed": False,
    }
    waivers_listed = [{"id": w.matched, "mutated": w.mutated, "why": w.why,
                       "moved_from": w.id if w.moved else None}
                      for w in sorted(waived.values(), key=lambda w: order.get(w.matched, 0))]
    entries = []
    done = {}
    if a.resume:
        done = resumable(os.path.join(report_dir, "mutation.json"), meta)

    flow = runner.Flow(ROOT, work, plan, a.jobs, a.build_jobs, a.plan_seed, a.keep, fast_kill=a.fast_kill)
    try:
        flow.prepare()
    except (RuntimeError, OSError) as e:
        raise BadInput(str(e))
    fingerprint = tree_fingerprint()

    print(f"mutate.py: {len(selected)} mutants ({mode}), plan {plan_rel}, work {work}", flush=True)
    print("mutate.py: the unmutated RTL first, through the same steps", flush=True)
    base_file = "rtl/sail_top.sv"
    with open(os.path.join(ROOT, base_file), encoding="utf-8") as f:
        base_text = f.read()
    res = flow.run_one("unmutated", base_file, base_text)
    meta["baseline"] = {"verdict": "pass" if res.verdict == "survived" else res.verdict,
                        "signature": res.signature, "reason": res.reason, "exit_code": res.exit_code,
                        "build_seconds": round(res.build_seconds, 1), "run_seconds": round(res.run_seconds or 0, 1)}
    if res.verdict != "survived":
        report.write(report_dir, report.build(meta, entries, waivers_listed))
        print(f"mutate.py: the unmutated RTL does not pass the plan ({res.verdict}: "
              f"{res.signature or res.reason}; logs in {res.log_dir}): the harness is broken, no score", file=sys.stderr)
        return 1
    # A killed mutant's plan runs longer than a passing one (every failure is rerun once).
    flow.timeout = a.timeout or (4 * res.run_seconds + 300)
    meta["timeout_seconds"] = round(flow.timeout, 1)
    print(f"PASS      unmutated  (build {res.build_seconds:.1f} s, run {res.run_seconds:.1f} s; "
          f"wall limit per mutant {flow.timeout:.0f} s)", flush=True)

    for k, m in enumerate(selected, 1):
        e = entry_of(m, plan_rel)
        if m.id in waived:
            e["verdict"] = "equivalent"
            e["why"] = waived[m.id].why
        elif m.id in done and done[m.id].get("diff") == e["diff"]:
            e = done[m.id]  # --resume: this mutant's verdict from the interrupted run
            meta["tree_changed"] = meta["tree_changed"] or bool(e.get("tree_changed"))
        else:
            r = flow.run_one(m.id, m.file, m.mutated_source())
            e.update(verdict=r.verdict, signature=r.signature, exit_code=r.exit_code, reason=r.reason,
                     first_failure=r.first_failure,
                     build_seconds=round(r.build_seconds, 1), run_seconds=round(r.run_seconds or 0, 1))
            now = tree_fingerprint()
            if fingerprint is not None and now != fingerprint:
                e["tree_changed"] = True
                meta["tree_changed"] = True
                fingerprint = now
        entries.append(e)
        report.write(report_dir, report.build(meta, entries, waivers_listed))
        detail = e["signature"] or e["reason"] or e["why"] or ""
        secs = "" if e["build_seconds"] is None else f"  (build {e['build_seconds']:.1f} s, run {e['run_seconds']:.1f} s)"
        print(f"[{k}/{len(selected)}] {e['verdict'].upper():10} {m.id}{secs}  {detail}", flush=True)

    doc = report.build(meta, entries, waivers_listed)
    report.write(report_dir, doc)
    t = doc["total"]
    print(f"mutate.py: score {report.pct(doc['score'])}: {t['killed'] + t['timeout']} killed, {t['survived']} survived, "
          f"{t['stillborn']} stillborn, {t['equivalent']} equivalent; report {report_dir}/mutation.md", flush=True)
    return verdict_exit(doc, a)


def on_sigterm(signum, frame):
    raise KeyboardInterrupt  # the running build or plan is killed on the way out


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        sys.exit(main(sys.argv[1:]))
    except BadInput as e:
        print(f"mutate.py: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("mutate.py: interrupted (the report holds the mutants done so far; --resume goes on)", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # --list | head
        sys.stderr.close()
        sys.exit(0)

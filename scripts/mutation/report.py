"""mutation.json and mutation.md (the schema is in docs/mutation.md)."""
import json
import os

FORMAT = "sailsim-mutation/1"
COUNTED = ("killed", "survived", "stillborn", "equivalent", "timeout")


def score_of(c):
    """killed (timeouts included) / (killed + survived), or None when nothing counts."""
    killed = c["killed"] + c["timeout"]
    den = killed + c["survived"]
    return round(killed / den, 4) if den else None


def tally(entries):
    modules = {}
    total = {k: 0 for k in COUNTED}
    for e in entries:
        c = modules.setdefault(e["module"], {k: 0 for k in COUNTED})
        c[e["verdict"]] += 1
        total[e["verdict"]] += 1
    for c in list(modules.values()) + [total]:
        c["score"] = score_of(c)
    return dict(sorted(modules.items())), total


def build(meta, entries, waivers_listed):
    modules, total = tally(entries)
    return {
        "format": FORMAT,
        **meta,
        "score": total["score"],
        "total": total,
        "modules": modules,
        "mutants": entries,
        "waivers": waivers_listed,
    }


def pct(score):
    return "-" if score is None else f"{100 * score:.1f}%"


def markdown(doc):
    out = []
    sel = doc["selection"]
    if sel["mode"] == "sample":
        what = f"a sample of {sel['count']} of the {doc['catalogue']['mutants']} mutants (seed {sel['seed']})"
    elif sel["mode"] == "all":
        what = f"the whole catalogue ({doc['catalogue']['mutants']} mutants)"
    else:
        what = f"{sel['count']} named mutants"
    if sel.get("shard"):
        what += f", shard {sel['shard']}"
    t = doc["total"]
    out.append("# Mutation score\n")
    out.append(f"Plan `{doc['plan']}` (base seed {doc['plan_seed']}, `-j {doc['jobs']}`) on {what}. "
               f"Tree: commit `{doc['tree']['commit']}`, RTL sha256 `{doc['tree']['rtl_sha256'][:16]}`.\n")
    base = doc["baseline"]
    if base["verdict"] != "pass":
        out.append(f"**No score: the unmutated RTL does not pass the plan** ({base['verdict']}: "
                   f"{base.get('signature') or base.get('reason') or ''}).\n")
        return "\n".join(out) + "\n"
    killed = t["killed"] + t["timeout"]
    out.append(f"**Score {pct(doc['score'])}**: {killed} killed"
               f"{' (' + str(t['timeout']) + ' by the wall limit)' if t['timeout'] else ''}, "
               f"{t['survived']} survived; not counted: {t['stillborn']} stillborn, {t['equivalent']} equivalent. "
               f"Minimum asked: {pct(doc['min_score'])}.\n")
    if doc.get("tree_changed"):
        out.append("**Warning: files of the tree changed during the run** (other work in the same folder); "
                   "the mutants marked `tree changed` ran on a different tree than the baseline.\n")
    out.append("| module | killed | survived | stillborn | equivalent | score |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for name, c in doc["modules"].items():
        out.append(f"| {name} | {c['killed'] + c['timeout']} | {c['survived']} | {c['stillborn']} | "
                   f"{c['equivalent']} | {pct(c['score'])} |")
    out.append(f"| **all** | {killed} | {t['survived']} | {t['stillborn']} | {t['equivalent']} | {pct(doc['score'])} |")
    out.append("")
    survivors = [e for e in doc["mutants"] if e["verdict"] == "survived"]
    out.append(f"## Survivors ({len(survivors)})\n")
    if not survivors:
        out.append("None.\n")
    for e in survivors:
        out.append(f"### `{e['id']}`\n")
        out.append(f"{e['module']}, {e['operator']}, line {e['line']}: the plan `{e['plan']}` passed with this "
                   f"mutant (exit code 0).\n")
        out.append("```diff")
        out.append(e["diff"].rstrip("\n"))
        out.append("```\n")
    out.append("## Every mutant\n")
    out.append("| mutant | verdict | signature / reason | build s | run s |")
    out.append("|---|---|---|---:|---:|")
    for e in doc["mutants"]:
        why = e.get("signature") or e.get("reason") or e.get("why") or ""
        verdict = e["verdict"] + (" (tree changed)" if e.get("tree_changed") else "")
        out.append(f"| `{e['id']}` | {verdict} | {md_cell(why)} | {fmt_s(e.get('build_seconds'))} | "
                   f"{fmt_s(e.get('run_seconds'))} |")
    out.append("")
    if doc["waivers"]:
        out.append("## Equivalent mutants (tests/mutate/equivalent.tsv)\n")
        out.append("| mutant | mutated line | why |")
        out.append("|---|---|---|")
        for w in doc["waivers"]:
            out.append(f"| `{w['id']}` | `{md_cell(w['mutated'])}` | {md_cell(w['why'])} |")
        out.append("")
    return "\n".join(out) + "\n"


def md_cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def fmt_s(x):
    return "-" if x is None else f"{x:.1f}"


def write(report_dir, doc):
    os.makedirs(report_dir, exist_ok=True)
    tmp = os.path.join(report_dir, "mutation.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, os.path.join(report_dir, "mutation.json"))
    tmp = os.path.join(report_dir, "mutation.md.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(markdown(doc))
    os.replace(tmp, os.path.join(report_dir, "mutation.md"))

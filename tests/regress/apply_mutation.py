#!/usr/bin/env python3
"""apply_mutation.py TSV NAME ROOT OUT: writes to OUT the RTL source of mutation NAME of TSV
(tests/regress/broken_rtl.tsv, read by broken_rtl.py), read from ROOT/SOURCE, with SEARCH
replaced by REPLACE. SEARCH must occur exactly once. Exit 2 with TSV:LINE naming what is
wrong."""
import sys

from broken_rtl import mutation


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: apply_mutation.py TSV NAME ROOT OUT")
    tsv, name, root, out = sys.argv[1:]
    m = mutation(tsv, name)
    with open(f"{root}/{m['source']}", encoding="utf-8") as f:
        text = f.read()
    count = text.count(m["search"])
    if count != 1:
        print(f"{tsv}:{m['line']}: {name}: SEARCH occurs {count} times in {m['source']}, expected once", file=sys.stderr)
        sys.exit(2)
    mutated = text.replace(m["search"], m["replace"])
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == mutated:
                return  # unchanged: no rebuild of the model
    except FileNotFoundError:
        pass
    with open(out, "w", encoding="utf-8") as f:
        f.write(mutated)


if __name__ == "__main__":
    main()

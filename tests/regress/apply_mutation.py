#!/usr/bin/env python3
"""apply_mutation.py TSV NAME ROOT OUT: writes to OUT the RTL source of mutation NAME of TSV
(tests/regress/broken_rtl.tsv: NAME FLAVOUR SOURCE SEARCH REPLACE SIGNATURE WHAT), read from
ROOT/SOURCE, with SEARCH replaced by REPLACE. SEARCH must occur exactly once. Exit 2 with
TSV:LINE naming what is wrong."""
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: apply_mutation.py TSV NAME ROOT OUT")
    tsv, name, root, out = sys.argv[1:]
    with open(tsv, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 7:
            print(f"{tsv}:{number}: expected 7 TAB-separated fields, got {len(fields)}", file=sys.stderr)
            sys.exit(2)
        if fields[0] != name:
            continue
        source, search, replace = fields[2], fields[3], fields[4]
        with open(f"{root}/{source}", encoding="utf-8") as f:
            text = f.read()
        count = text.count(search)
        if count != 1:
            print(f"{tsv}:{number}: {name}: SEARCH occurs {count} times in {source}, expected once", file=sys.stderr)
            sys.exit(2)
        mutated = text.replace(search, replace)
        try:
            with open(out, encoding="utf-8") as f:
                if f.read() == mutated:
                    return  # unchanged: no rebuild of the model
        except FileNotFoundError:
            pass
        with open(out, "w", encoding="utf-8") as f:
            f.write(mutated)
        return
    print(f"{tsv}: no mutation named {name}", file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main()

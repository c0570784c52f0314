"""The reader of tests/regress/broken_rtl.tsv, for apply_mutation.py and finds_broken_rtl.py:
one fault a line, seven TAB-separated fields (NAME FLAVOUR SOURCE SEARCH REPLACE SIGNATURE
WHAT), '#' lines and blank lines ignored."""
import sys

FIELDS = ("name", "flavour", "source", "search", "replace", "signature", "what")


def mutation(tsv, name):
    """The fault NAME as a dict (with its line number); exits 2 naming TSV:LINE on a malformed
    line and when there is no such fault."""
    with open(tsv, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(FIELDS):
            print(f"{tsv}:{number}: expected {len(FIELDS)} TAB-separated fields, got {len(fields)}", file=sys.stderr)
            sys.exit(2)
        if fields[0] == name:
            return dict(zip(FIELDS, fields), line=number)
    print(f"{tsv}: no mutation named {name}", file=sys.stderr)
    sys.exit(2)

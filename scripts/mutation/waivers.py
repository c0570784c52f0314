"""Equivalent mutants: the waiver file (tests/mutate/equivalent.tsv, docs/mutation.md).

One waiver a line, three fields separated by one TAB each:
    ID  MUTATED  WHY
ID is the mutant's id, MUTATED the mutated line exactly as `scripts/mutate.py --list` prints
it (its last column), WHY the reason the mutant cannot change what the card does. '#' lines
and blank lines are ignored.

Ids carry line numbers, which move when the RTL is edited above a site. A waiver whose id no
longer names a mutant with that mutated line is looked for by content: the one mutant of the
same file and operator whose mutated line is MUTATED (and whose original line is then
reported). A waiver that matches no mutant, or several, is an input error naming its line:
the file must say exactly which mutants it waives.
"""

from . import tsv


class WaiverError(Exception):
    pass


class Waiver:
    __slots__ = ("id", "mutated", "why", "line", "matched", "moved")

    def __init__(self, id_, mutated, why, line):
        self.id = id_
        self.mutated = mutated
        self.why = why
        self.line = line
        self.matched = None  # the mutant id it waives
        self.moved = False   # matched by content under another id


def load(path, catalogue):
    """{mutant id: Waiver} for the waivers of `path`, matched against the catalogue."""
    waivers = []
    for number, fields in tsv.rows(path, WaiverError):
        if len(fields) != 3 or not all(x.strip() for x in fields):
            raise WaiverError(f"{path}:{number}: expected 3 TAB-separated fields (ID MUTATED WHY), got {len(fields)}")
        waivers.append(Waiver(fields[0].strip(), fields[1].strip(), fields[2].strip(), number))
    result = {}
    for w in waivers:
        m = catalogue.by_id.get(w.id)
        if m is not None and m.mutated_text == w.mutated:
            w.matched = m.id
        else:
            parts = w.id.split(":")
            if len(parts) != 5:
                raise WaiverError(f"{path}:{w.line}: {w.id} is not a mutant id (FILE:OPERATOR:LINE:COLUMN:VARIANT)")
            stem, op = parts[0], parts[1]
            found = [x for x in catalogue.mutants
                     if x.id.split(":")[0] == stem and x.operator == op and x.mutated_text == w.mutated]
            if len(found) != 1:
                what = "no mutant" if not found else f"{len(found)} mutants"
                raise WaiverError(f"{path}:{w.line}: {w.id}: {what} of {stem} / {op} has the mutated line "
                                  f"'{w.mutated}' (the RTL changed: update the waiver)")
            w.matched = found[0].id
            w.moved = True
        if w.matched in result:
            raise WaiverError(f"{path}:{w.line}: {w.matched} is waived twice (also line {result[w.matched].line})")
        result[w.matched] = w
    return result

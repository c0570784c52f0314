"""The mutation operators and the sites they find in rtl/*.sv (docs/mutation.md).

A mutant is one contiguous rewrite of one site of one file: the characters [start, end) of
the file are replaced by `replacement`. Its id is FILE:OPERATOR:LINE:COLUMN:VARIANT, e.g.
`sail_ctrl:cmp_flip:211:42:0`: the file's name without `.sv`, the operator, the line and
column (1-based) of the token the operator applies to, and the variant (0 unless the
operator makes several mutants of one token: stuck_at 0 / 1, the element pair of a
concatenation swap, cond_invert's two forms). Ids depend only on the text of the file.
"""
import difflib
import hashlib
import os
import re

from . import sv

# name -> (what it does, documented in docs/mutation.md)
OPERATORS = {
    "cmp_flip": "a comparison replaced by its complement: == and !=, < and >=, > and <= swap",
    "off_by_one": "a relational bound moved by one: < and <=, > and >= swap",
    "cond_invert": "an if condition negated (variant 0), or a logical ! dropped (variant 1)",
    "term_drop": "one term of an && or || chain dropped",
    "stuck_at": "the value assigned to (or connected to an input named) *valid, *ready or *last "
                "replaced by '0 (variant 0) or '1 (variant 1); inside an if / case branch the "
                "signal is stuck under that branch's condition only",
    "bit_slice": "a part-select moved by one bit: [a:b] to [a-1:b-1] ([a+1:b+1] when b is 0), "
                 "[i +: w] / [i -: w] to [i+1 +: w] / [i+1 -: w]",
    "reset_value": "a reset branch's value changed: '0 and '1 swap, a zero literal becomes all "
                   "ones, a nonzero one zero, an enum constant the next of its enum, another "
                   "named constant its complement",
    "swap_operands": "operands swapped: the arms of ?: (variant 0), the operands of a binary - "
                     "(variant 0), or adjacent elements i, i+1 of a concatenation (variant i)",
}
OPERATOR_ORDER = list(OPERATORS)

COMPLEMENT = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
ROLE_SUFFIX = re.compile(r"_(q|d|o|i|ni|n)$")
HANDSHAKE_ROLES = {"valid", "ready", "last"}


class Mutant:
    __slots__ = ("id", "file", "module", "operator", "variant", "line", "column", "start", "end",
                 "replacement", "original_text", "mutated_text", "source_text", "extra_what")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))

    def mutated_source(self):
        return self.source_text[:self.start] + self.replacement + self.source_text[self.end:]

    def diff(self):
        a = self.source_text.splitlines(keepends=True)
        b = self.mutated_source().splitlines(keepends=True)
        return "".join(difflib.unified_diff(a, b, f"a/{self.file}", f"b/{self.file}", n=2))


def role(name):
    """valid / ready / last for a handshake signal's name, else None."""
    if not name:
        return None
    base = ROLE_SUFFIX.sub("", name)
    last = base.rsplit("_", 1)[-1]
    return last if last in HANDSHAKE_ROLES else None


def is_plain_int(text):
    return re.fullmatch(r"\d+", text) is not None


def literal_value(text):
    """(width or None, value) of a number literal, or None if it has x/z digits."""
    m = re.fullmatch(r"(?:(\d+)\s*)?'[sS]?([bBoOdDhH])\s*([0-9a-fA-F_]+)", text)
    if m:
        base = {"b": 2, "o": 8, "d": 10, "h": 16}[m.group(2).lower()]
        try:
            value = int(m.group(3).replace("_", ""), base)
        except ValueError:
            return None
        return (int(m.group(1)) if m.group(1) else None, value)
    if re.fullmatch(r"\d[\d_]*", text):
        return (None, int(text.replace("_", "")))
    return None


class FileScan:
    """The sites of one RTL file."""

    def __init__(self, root, rel, enums, ports_of):
        self.rel = rel
        self.stem = os.path.splitext(os.path.basename(rel))[0]
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            self.text = f.read()
        self.toks = sv.lex(self.text)
        self.parser = sv.FileParser(self.toks, ports_of)
        self.parser.parse()
        self.enums = enums

    def src(self, node):
        return self.text[self.toks[node.first].start:self.toks[node.last].end]

    def span(self, node):
        return self.toks[node.first].start, self.toks[node.last].end

    def mutants(self):
        raw = []
        for e in self.parser.exprs:
            stmt = e.stmt
            if stmt.lhs_name and stmt.lhs_name.startswith("unused"):
                continue  # lint sinks: `assign unused = ^{...}` drives nothing
            for op, anchor, variant, start, end, repl in self.sites(e):
                tok = self.toks[anchor]
                raw.append((tok.line, tok.col, OPERATOR_ORDER.index(op), variant, op, start, end,
                            repl, stmt.module))
        raw.sort(key=lambda r: r[:4])
        seen = {}
        result = []
        for line, col, _, variant, op, start, end, repl, module in raw:
            if self.text[start:end] == repl:
                continue
            mutated = self.text[:start] + repl + self.text[end:]
            key = hashlib.sha256(mutated.encode()).digest()
            if key in seen:
                continue  # the same file as an earlier mutant's
            seen[key] = True
            ls = self.text.rfind("\n", 0, start) + 1
            le = self.text.find("\n", end)
            le = len(self.text) if le < 0 else le
            segment = self.text[ls:le]
            new_segment = segment[:start - ls] + repl + segment[end - ls:]
            result.append(Mutant(
                id=f"{self.stem}:{op}:{line}:{col}:{variant}", file=self.rel, module=module,
                operator=op, variant=variant, line=line, column=col, start=start, end=end,
                replacement=repl, original_text=one_line(segment), mutated_text=one_line(new_segment),
                source_text=self.text))
        return result

    # -- the operators --
    def sites(self, e):
        node, ctx, stmt = e.node, e.context, e.stmt
        parents = {}
        in_index = set()  # nodes inside a select's brackets
        structural = set()  # widths and counts, (W)'(x) and {N{x}}: not values
        for n in node.walk():
            for k in n.kids:
                if k is not None:
                    parents[id(k)] = n
            if n.kind == "select":
                for k in n.kids[1:]:
                    in_index.update(id(x) for x in k.walk())
            if (n.kind == "cast" and n.extra == "width") or n.kind == "repl":
                structural.update(id(x) for x in n.kids[0].walk())  # (W)'(x), {N{x}}
        if stmt.in_reset:
            if ctx == "rhs":
                yield from self.reset_value(node)
            return
        for n in node.walk():
            if id(n) in structural:
                continue
            if ctx != "lhs":
                if n.kind == "binary":
                    op = self.toks[n.op].text
                    if op in COMPLEMENT:
                        yield ("cmp_flip", n.op, 0, self.toks[n.op].start, self.toks[n.op].end,
                               COMPLEMENT[op])
                    if op in BOUNDARY:
                        yield ("off_by_one", n.op, 0, self.toks[n.op].start, self.toks[n.op].end,
                               BOUNDARY[op])
                    if op in ("&&", "||"):
                        parent = parents.get(id(n))
                        if not (parent is not None and parent.kind == "binary"
                                and self.toks[parent.op].text == op):
                            yield from self.term_drop(n, op)
                    if op == "-" and id(n) not in in_index:
                        yield from self.swap_minus(n)  # (inside brackets: bit_slice's job)
                elif n.kind == "unary" and self.toks[n.op].text == "!":
                    t = self.toks[n.op]
                    yield ("cond_invert", n.op, 1, t.start, t.end, "")
                elif n.kind == "ternary":
                    a, b = n.kids[1], n.kids[2]
                    if self.src(a) != self.src(b):
                        start, _ = self.span(a)
                        _, end = self.span(b)
                        middle = self.text[self.toks[a.last].end:self.toks[b.first].start]
                        yield ("swap_operands", n.op, 0, start, end, self.src(b) + middle + self.src(a))
            if n.kind == "select" and n.extra[0] in (":", "+:", "-:"):
                yield from self.bit_slice(n)
            if n.kind == "concat" and len(n.kids) >= 2:
                yield from self.swap_concat(n)
        if ctx == "cond" and not (node.kind == "unary" and self.toks[node.op].text == "!"):
            start, end = self.span(node)
            yield ("cond_invert", node.first, 0, start, end, f"!({self.src(node)})")
        if ctx == "rhs" and stmt.kind in ("assign", "blocking", "nonblocking") and role(stmt.lhs_name):
            yield from self.stuck(node)
        if ctx == "port" and stmt.port_dir == "input" and role(stmt.port) and not is_name(node):
            # A port connected to a plain signal is stuck where that signal is assigned.
            yield from self.stuck(node)

    def term_drop(self, n, op):
        terms = []

        def flatten(x):
            if x.kind == "binary" and self.toks[x.op].text == op:
                flatten(x.kids[0])
                flatten(x.kids[1])
            else:
                terms.append(x)
        flatten(n)
        for i, term in enumerate(terms):
            if i == 0:
                start = self.toks[term.first].start
                end = self.toks[terms[1].first].start
            else:
                start = self.toks[terms[i - 1].last].end
                end = self.toks[term.last].end
            yield ("term_drop", term.first, 0, start, end, "")

    def swap_minus(self, n):
        left, right = n.kids
        lt, rt = self.src(left), self.src(right)
        if lt == rt:
            return
        if left.kind == "binary" and self.toks[left.op].text in ("+", "-"):
            lt = f"({lt})"
        if right.kind == "binary" and sv.BINARY_PREC.get(self.toks[right.op].text, 99) <= 9:
            rt = f"({rt})"
        middle = self.text[self.toks[left.last].end:self.toks[right.first].start]
        start, _ = self.span(left)
        _, end = self.span(right)
        yield ("swap_operands", n.op, 0, start, end, rt + middle + lt)

    def swap_concat(self, n):
        for i in range(len(n.kids) - 1):
            a, b = n.kids[i], n.kids[i + 1]
            if self.src(a) == self.src(b):
                continue
            middle = self.text[self.toks[a.last].end:self.toks[b.first].start]
            start, _ = self.span(a)
            _, end = self.span(b)
            yield ("swap_operands", n.first, i, start, end, self.src(b) + middle + self.src(a))

    def shifted(self, node, delta):
        """The text of `node` plus delta (an int literal is computed; `x - 1` becomes `x - 2`)."""
        text = self.src(node)
        if node.kind == "primary" and is_plain_int(text):
            return str(int(text) + delta)
        if node.kind == "binary" and self.toks[node.op].text in ("+", "-") \
                and node.kids[1].kind == "primary" and is_plain_int(self.src(node.kids[1])):
            sign = 1 if self.toks[node.op].text == "+" else -1
            value = sign * int(self.src(node.kids[1])) + delta
            head = self.text[self.toks[node.first].start:self.toks[node.kids[1].first].start]
            head = head[:head.rfind(self.toks[node.op].text)].rstrip()
            if value == 0:
                return head
            return f"{head} {'+' if value > 0 else '-'} {abs(value)}"
        if node.kind in ("binary", "ternary", "inside"):
            text = f"({text})"
        return f"{text} {'+' if delta > 0 else '-'} {abs(delta)}"

    def bit_slice(self, n):
        sep, _, lb, rb = n.extra
        a, b = n.kids[1], n.kids[2]
        lbtok = self.toks[lb]
        if sep == ":":
            start, _ = self.span(a)
            _, end = self.span(b)
            delta = 1 if self.src(b) == "0" else -1
            repl = f"{self.shifted(a, delta)}:{self.shifted(b, delta)}"
        else:
            start, end = self.span(a)
            repl = self.shifted(a, 1)
        yield ("bit_slice", lb, 0, start, end, repl)
        del lbtok

    def reset_value(self, node):
        start, end = self.span(node)
        text = self.src(node)
        if node.kind == "primary":
            tok = self.toks[node.first]
            if tok.kind == "fill":
                repl = "'1" if text[1] == "0" else "'0" if text[1] == "1" else None
                if repl:
                    yield ("reset_value", node.first, 0, start, end, repl)
                return
            if tok.kind == "num":
                lit = literal_value(text)
                if lit is None:
                    return
                width, value = lit
                if value == 0:
                    repl = "1'b1" if width == 1 else "'1"
                else:
                    repl = "1'b0" if width == 1 else "'0"
                yield ("reset_value", node.first, 0, start, end, repl)
                return
            if tok.kind == "id" and node.first == node.last:
                name = tok.text
                if name in self.enums:
                    members = self.enums[name]
                    nxt = members[(members.index(name) + 1) % len(members)]
                    if nxt != name:
                        yield ("reset_value", node.first, 0, start, end, nxt)
                else:
                    yield ("reset_value", node.first, 0, start, end, f"~({name})")

    def stuck(self, node):
        start, end = self.span(node)
        text = self.src(node).replace(" ", "")
        lit = literal_value(text) if self.toks[node.first].kind == "num" and node.kind == "primary" else None
        for variant, repl in ((0, "'0"), (1, "'1")):
            if text == repl:
                continue
            if lit is not None and lit[0] == 1 and lit[1] == variant:
                continue  # 1'b0 stuck at 0: the same circuit
            yield ("stuck_at", node.first, variant, start, end, repl)


def is_name(node):
    """A signal, a select of one or a struct member: x, x[i], x[3:0], x.f, pkg::c."""
    while node.kind in ("select", "member"):
        node = node.kids[0]
    return node.kind == "primary"


def one_line(segment):
    return " ".join(line.strip() for line in segment.splitlines())


# ---- The whole RTL --------------------------------------------------------------------------

def enum_constants(texts):
    """{constant: [the constants of its enum, in order]} over all files."""
    result = {}
    for text in texts:
        for m in re.finditer(r"\benum\b[^{;]*\{([^}]*)\}", strip_comments(text)):
            names = [re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", item).group(1)
                     for item in m.group(1).split(",") if item.strip()]
            for n in names:
                result[n] = names
    return result


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


class Catalogue:
    """Every site of the RTL files the Sail top is built from."""

    def __init__(self, root, top="sail_top", rtl_dir="rtl"):
        self.root = root
        rtl = os.path.join(root, rtl_dir)
        files = sorted(f for f in os.listdir(rtl) if f.endswith(".sv"))
        texts = {}
        for f in files:
            with open(os.path.join(rtl, f), encoding="utf-8") as fh:
                texts[f] = fh.read()
        self.enums = enum_constants(texts.values())
        all_tokens = []
        token_of = {}
        for f in files:
            toks = sv.lex(texts[f])
            token_of[f] = toks
            all_tokens.extend(toks)
        ports_of = sv.module_ports(all_tokens)
        self.scans = {}
        self.skipped = []
        defines = {}  # module or package -> file
        for f in files:
            scan = FileScan(root, f"{rtl_dir}/{f}", self.enums, ports_of)
            self.scans[f] = scan
            for name, _, _, _ in scan.parser.modules:
                defines[name] = f
            self.skipped.extend((f"{rtl_dir}/{f}", line, why) for line, why in scan.parser.skipped)
        # The files the top is built from: the modules it instantiates, transitively, and the
        # packages they use.
        reach = set()
        todo = [top]
        while todo:
            name = todo.pop()
            f = defines.get(name)
            if f is None or f in reach:
                continue
            reach.add(f)
            scan = self.scans[f]
            todo.extend(child for _, child in scan.parser.instances)
            todo.extend(scan.parser.packages_used)
            for k, tok in enumerate(scan.toks[:-1]):
                if tok.text in defines and defines[tok.text] != f and scan.toks[k + 1].text == "::":
                    todo.append(tok.text)
        if top not in defines:
            raise ValueError(f"no module {top} in {rtl_dir}/")
        self.files = sorted(reach)
        self.mutants = []
        for f in self.files:
            self.mutants.extend(self.scans[f].mutants())
        self.by_id = {m.id: m for m in self.mutants}

    def rtl_sha256(self):
        h = hashlib.sha256()
        for f in self.files:
            h.update(f.encode() + b"\0" + self.scans[f].text.encode() + b"\0")
        return h.hexdigest()

"""A lexer and a small parser for the SystemVerilog of rtl/*.sv, enough to find mutation sites.

The lexer drops comments (verilator metacomments included), strings, `include / `define
lines and the text of inactive `ifdef branches (nothing is defined: the default build passes
no +define+), and turns a macro call into one opaque token. The parser walks modules,
packages and functions and records, for every expression it may mutate, the parsed tree with
token spans and the context it sits in (an assignment's right-hand side, an `if` condition, a
port connection, ...). Declarations, parameters, typedefs, imports, module headers, case
labels and generate structure are read past and never mutated.

Anything the parser does not understand raises ParseError; the caller skips that statement
(and says how many it skipped), so an unfamiliar construct costs sites, never a wrong one.
"""
import re


class ParseError(Exception):
    pass


class Token:
    __slots__ = ("kind", "text", "start", "end", "line", "col")

    def __init__(self, kind, text, start, end, line, col):
        self.kind = kind    # id, sys, num, fill, op, macro
        self.text = text
        self.start = start  # character offsets into the file
        self.end = end
        self.line = line    # 1-based
        self.col = col      # 1-based

    def __repr__(self):
        return f"{self.kind}:{self.text}@{self.line}:{self.col}"


# Longest first.
OPERATORS = sorted("""
<<<= >>>= === !== ==? !=? <<< >>> <<= >>= += -= *= /= %= &= |= ^= == != <= >= && || << >> ** ++ --
+: -: :: '{ ~& ~| ~^ ^~ -> ( ) [ ] { } ; , . : ? = < > + - * / % & | ^ ~ ! @ # '
""".split(), key=len, reverse=True)

NUMBER = re.compile(r"(?:\d[\d_]*\s*)?'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?_]+|\d[\d_]*(?:\.\d+)?")
FILL = re.compile(r"'[01xXzZ](?![0-9a-zA-Z_])")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
SYSID = re.compile(r"\$[A-Za-z_][A-Za-z0-9_$]*")
DIRECTIVE = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*)")


def lex(text, defines=()):
    """The tokens of `text`, with inactive `ifdef branches and directives removed."""
    defined = set(defines)
    tokens = []
    i, n = 0, len(text)
    line, line_start = 1, 0
    # Stack of (active, taken): active = this branch is compiled; taken = a branch of this
    # `ifdef was already active.
    stack = []

    def active():
        return all(a for a, _ in stack)

    def advance_to(j):
        nonlocal i, line, line_start
        while True:
            k = text.find("\n", i, j)
            if k < 0:
                break
            line += 1
            line_start = k + 1
            i = k + 1
        i = j

    while i < n:
        c = text[i]
        if c == "\n" or c in " \t\r\f\v":
            advance_to(i + 1)
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            advance_to(n if j < 0 else j)
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ParseError(f"line {line}: unterminated comment")
            advance_to(j + 2)
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            advance_to(j + 1)
            continue
        if c == "`":
            m = DIRECTIVE.match(text, i)
            if not m:
                raise ParseError(f"line {line}: a lone backtick")
            name = m.group(1)
            rest_end = text.find("\n", m.end())
            rest_end = n if rest_end < 0 else rest_end
            arg = text[m.end():rest_end].split("//")[0].strip()
            if name in ("ifdef", "ifndef", "elsif"):
                macro = arg.split()[0] if arg else ""
                cond = (macro in defined) if name != "ifndef" else (macro not in defined)
                if name == "elsif":
                    if not stack:
                        raise ParseError(f"line {line}: `elsif without `ifdef")
                    _, taken = stack[-1]
                    stack[-1] = (cond and not taken, taken or cond)
                else:
                    stack.append((cond, cond))
                advance_to(rest_end)
                continue
            if name == "else":
                if not stack:
                    raise ParseError(f"line {line}: `else without `ifdef")
                _, taken = stack[-1]
                stack[-1] = (not taken, True)
                advance_to(m.end())
                continue
            if name == "endif":
                if not stack:
                    raise ParseError(f"line {line}: `endif without `ifdef")
                stack.pop()
                advance_to(m.end())
                continue
            if name == "define":
                # To the end of the line, with backslash continuations.
                j = m.end()
                while True:
                    k = text.find("\n", j)
                    if k < 0:
                        k = n
                        break
                    if text[k - 1] == "\\":
                        j = k + 1
                        continue
                    break
                if active() and arg:
                    defined.add(re.match(r"[A-Za-z_][A-Za-z0-9_]*", arg).group(0))
                advance_to(k)
                continue
            if name in ("include", "undef", "timescale", "default_nettype", "resetall",
                        "celldefine", "endcelldefine", "pragma", "line"):
                if name == "undef" and active() and arg:
                    defined.discard(arg.split()[0])
                advance_to(rest_end)
                continue
            # A macro use: the name and, if it follows at once, its balanced argument list.
            j = m.end()
            k = j
            while k < n and text[k] in " \t":
                k += 1
            if k < n and text[k] == "(":
                depth = 0
                while k < n:
                    if text[k] == "(":
                        depth += 1
                    elif text[k] == ")":
                        depth -= 1
                        if depth == 0:
                            k += 1
                            break
                    k += 1
                j = k
            if active():
                tokens.append(Token("macro", text[i:j], i, j, line, i - line_start + 1))
            advance_to(j)
            continue
        start, col, tline = i, i - line_start + 1, line
        kind = None
        m = FILL.match(text, i)
        if m:
            kind = "fill"
        else:
            m = NUMBER.match(text, i)
            if m and (c.isdigit() or c == "'"):
                # A width before a cast (32'(x)) is a number followed by the ' operator.
                if re.fullmatch(r"\d[\d_]*\s*'", text[m.start():m.end()]):
                    m = re.compile(r"\d[\d_]*").match(text, i)
                kind = "num"
            else:
                m = SYSID.match(text, i)
                if m:
                    kind = "sys"
                else:
                    m = IDENT.match(text, i)
                    if m:
                        kind = "id"
        if kind:
            j = m.end()
        else:
            for op in OPERATORS:
                if text.startswith(op, i):
                    kind, j = "op", i + len(op)
                    break
            else:
                raise ParseError(f"line {line}:{col}: unexpected character {c!r}")
        if active():
            tokens.append(Token(kind, text[start:j], start, j, tline, col))
        advance_to(j)
    if stack:
        raise ParseError("an `ifdef without its `endif")
    return tokens


# ---- Expressions --------------------------------------------------------------------------

class Node:
    """An expression node: kind, the token span [first, last] (inclusive), children and the
    index of its operator token where it has one."""
    __slots__ = ("kind", "first", "last", "kids", "op", "extra")

    def __init__(self, kind, first, last, kids=(), op=None, extra=None):
        self.kind = kind    # binary unary ternary select member call concat repl paren cast
                            # inside primary pattern
        self.first = first
        self.last = last
        self.kids = list(kids)
        self.op = op        # token index of the operator (binary, unary, ternary '?')
        self.extra = extra  # ternary: index of ':'; select: (kind, sep index) ; concat: commas

    def walk(self):
        yield self
        for k in self.kids:
            if k is not None:
                yield from k.walk()


BINARY_PREC = {
    "||": 1, "&&": 2, "|": 3, "^": 4, "~^": 4, "^~": 4, "&": 5,
    "==": 6, "!=": 6, "===": 6, "!==": 6, "==?": 6, "!=?": 6,
    "<": 7, "<=": 7, ">": 7, ">=": 7, "inside": 7,
    "<<": 8, ">>": 8, "<<<": 8, ">>>": 8,
    "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
}
UNARY = {"!", "~", "-", "+", "&", "|", "^", "~&", "~|", "~^", "^~"}


class TokenCursor:
    """A position in a token list up to `stop` (exclusive): what both parsers walk with."""

    def __init__(self, toks, pos, stop, ends_early):
        self.t = toks
        self.i = pos
        self.stop = stop
        self.ends_early = ends_early  # the ParseError when a token is missing

    def peek(self, k=0):
        j = self.i + k
        return self.t[j] if j < self.stop else None

    def text(self, k=0):
        tok = self.peek(k)
        return tok.text if tok else None

    def take(self, text=None):
        tok = self.peek()
        if tok is None:
            raise ParseError(self.ends_early)
        if text is not None and tok.text != text:
            raise ParseError(f"{tok.line}:{tok.col}: expected {text!r}, found {tok.text!r}")
        self.i += 1
        return self.i - 1


class ExprParser(TokenCursor):
    def __init__(self, toks, pos, stop):
        super().__init__(toks, pos, stop, "expression ends early")

    def expr(self, min_prec=0):
        left = self.unary()
        while True:
            tok = self.peek()
            if tok is None:
                return left
            t = tok.text
            if t == "?" and tok.kind == "op" and min_prec == 0:
                q = self.take()
                a = self.expr(0)
                colon = self.take(":")
                b = self.expr(0)
                left = Node("ternary", left.first, b.last, [left, a, b], op=q, extra=colon)
                continue
            prec = BINARY_PREC.get(t) if tok.kind in ("op", "id") else None
            if prec is None or prec < max(min_prec, 1):
                return left
            op = self.take()
            if t == "inside":
                lb = self.take("{")
                items = []
                while self.text() != "}":
                    items.append(self.expr(0))
                    if self.text() == ",":
                        self.take()
                rb = self.take("}")
                left = Node("inside", left.first, rb, [left] + items, op=op)
                continue
            right = self.expr(prec + 1)
            left = Node("binary", left.first, right.last, [left, right], op=op)

    def unary(self):
        tok = self.peek()
        if tok is None:
            raise ParseError("expression ends early")
        if tok.kind == "op" and tok.text in UNARY:
            op = self.take()
            inner = self.unary()
            return Node("unary", op, inner.last, [inner], op=op)
        return self.postfix(self.primary())

    def args(self):
        """( expr, expr, ... ) -> (list of nodes, index of ')')"""
        self.take("(")
        items = []
        while self.text() != ")":
            if self.text() == ",":
                self.take()
                continue
            items.append(self.expr(0))
        return items, self.take(")")

    def primary(self):
        tok = self.peek()
        first = self.i
        if tok.kind in ("num", "fill"):
            self.take()
            if self.text() == "'" and self.text(1) == "(":
                self.take()
                inner, last = self.args()
                return Node("cast", first, last, inner)
            return Node("primary", first, first)
        if tok.kind == "macro":
            self.take()
            return Node("primary", first, first)
        if tok.kind == "sys":
            self.take()
            if self.text() == "(":
                items, last = self.args()
                return Node("call", first, last, items)
            return Node("primary", first, first)
        if tok.kind == "id":
            self.take()
            while self.text() == "::":
                self.take()
                self.take()
            if self.text() == "'" and self.text(1) == "(":
                self.take()
                inner, last = self.args()
                return Node("cast", first, last, inner)
            if self.text() == "(":
                items, last = self.args()
                return Node("call", first, last, items)
            return Node("primary", first, self.i - 1)
        if tok.text == "(":
            self.take()
            inner = self.expr(0)
            last = self.take(")")
            node = Node("paren", first, last, [inner])
            if self.text() == "'" and self.text(1) == "(":
                # (W)'(x): a width cast; W is structure, not a value (extra = "width").
                self.take()
                items, last = self.args()
                return Node("cast", first, last, [inner] + items, extra="width")
            return node
        if tok.text == "{":
            self.take()
            first_el = self.expr(0)
            if self.text() == "{":  # replication {N{...}}
                self.take()
                items = [first_el]
                while self.text() != "}":
                    items.append(self.expr(0))
                    if self.text() == ",":
                        self.take()
                self.take("}")
                last = self.take("}")
                return Node("repl", first, last, items)
            items = [first_el]
            commas = []
            while self.text() == ",":
                commas.append(self.take())
                items.append(self.expr(0))
            last = self.take("}")
            return Node("concat", first, last, items, extra=commas)
        if tok.text == "'{":
            # An assignment pattern: read past it (its fields are not mutated).
            self.take()
            depth = 1
            while depth:
                t = self.peek()
                if t is None:
                    raise ParseError("unterminated assignment pattern")
                if t.text in ("{", "'{"):
                    depth += 1
                elif t.text == "}":
                    depth -= 1
                self.take()
            return Node("pattern", first, self.i - 1)
        raise ParseError(f"{tok.line}:{tok.col}: unexpected {tok.text!r} in an expression")

    def postfix(self, node):
        while True:
            t = self.text()
            if t == "[":
                lb = self.take()
                a = self.expr(0)
                sep = self.text()
                if sep in (":", "+:", "-:"):
                    s = self.take()
                    b = self.expr(0)
                    rb = self.take("]")
                    node = Node("select", node.first, rb, [node, a, b], extra=(sep, s, lb, rb))
                else:
                    rb = self.take("]")
                    node = Node("select", node.first, rb, [node, a], extra=("index", None, lb, rb))
            elif t == "." and self.peek(1) is not None and self.peek(1).kind == "id":
                self.take()
                self.take()
                node = Node("member", node.first, self.i - 1, [node])
            else:
                return node


def parse_expression(toks, first, stop):
    """The expression of toks[first:stop], which must use all of them."""
    p = ExprParser(toks, first, stop)
    node = p.expr(0)
    if p.i != stop:
        tok = toks[p.i]
        raise ParseError(f"{tok.line}:{tok.col}: unexpected {tok.text!r} after an expression")
    return node


# ---- Statements and module items ----------------------------------------------------------

class Expr:
    """A parsed expression that may be mutated, with where it sits."""
    __slots__ = ("node", "context", "stmt")

    def __init__(self, node, context, stmt):
        self.node = node
        self.context = context  # rhs lhs cond loop port return
        self.stmt = stmt


class Stmt:
    """What the operators need to know about the statement an expression belongs to."""
    __slots__ = ("kind", "lhs", "lhs_name", "rhs", "in_reset", "in_ff", "module", "port",
                 "port_dir", "assign_op", "first", "last")

    def __init__(self, kind, module, **kw):
        self.kind = kind        # assign (continuous), blocking, nonblocking, if, for, return,
                                # port
        self.module = module
        self.lhs = kw.get("lhs")            # Node
        self.lhs_name = kw.get("lhs_name")  # the signal (or struct member) assigned
        self.rhs = kw.get("rhs")            # Node
        self.in_reset = kw.get("in_reset", False)
        self.in_ff = kw.get("in_ff", False)
        self.port = kw.get("port")          # port connection: the port's name
        self.port_dir = kw.get("port_dir")  # input / output / inout / None (unknown)
        self.assign_op = kw.get("assign_op")
        self.first = kw.get("first")
        self.last = kw.get("last")


TYPE_WORDS = {
    "logic", "bit", "byte", "int", "integer", "shortint", "longint", "reg", "wire", "var",
    "signed", "unsigned", "automatic", "static", "const", "struct", "enum", "union", "packed",
    "typedef", "localparam", "parameter", "genvar", "real", "shortreal", "string", "tri",
    "supply0", "supply1", "type", "event",
}
ASSIGN_OPS = {"=", "<=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
              "<<<=", ">>>="}


class FileParser(TokenCursor):
    def __init__(self, toks, ports_of):
        super().__init__(toks, 0, len(toks), "the file ends early")
        self.ports_of = ports_of  # module name -> {port: direction}
        self.exprs = []           # Expr
        self.skipped = []         # (line, why): statements the parser could not read
        self.module = None
        self.modules = []         # (name, kind, first line, last line)
        self.instances = []       # (module, instantiated module)
        self.packages_used = set()

    # -- helpers --

    def skip_balanced(self):
        """At an opening ( [ or {: past its closing bracket."""
        pairs = {"(": ")", "[": "]", "{": "}", "'{": "}"}
        depth = 0
        while True:
            tok = self.peek()
            if tok is None:
                raise ParseError("unbalanced brackets")
            if tok.text in pairs:
                depth += 1
            elif tok.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.i - 1
            self.i += 1

    def skip_to_semicolon(self):
        """Past the next ';' outside brackets."""
        depth = 0
        while True:
            tok = self.peek()
            if tok is None:
                raise ParseError("a missing ';'")
            if tok.text in ("(", "[", "{", "'{"):
                depth += 1
            elif tok.text in (")", "]", "}"):
                depth -= 1
            elif tok.text == ";" and depth == 0:
                self.i += 1
                return
            self.i += 1

    def find_at_depth0(self, texts, stop_texts=(";",)):
        """Index of the first token in `texts` at bracket depth 0 before a stop token."""
        depth = 0
        j = self.i
        while j < len(self.t):
            x = self.t[j].text
            if depth == 0 and x in texts:
                return j
            if depth == 0 and x in stop_texts:
                return None
            if x in ("(", "[", "{", "'{"):
                depth += 1
            elif x in (")", "]", "}"):
                depth -= 1
                if depth < 0:
                    return None
            j += 1
        return None

    def note_packages(self, first, last):
        for j in range(first, last + 1):
            if self.t[j].text == "::" and j > 0:
                self.packages_used.add(self.t[j - 1].text)

    def record(self, node, context, stmt):
        self.note_packages(node.first, node.last)
        self.exprs.append(Expr(node, context, stmt))

    def expr_until(self, texts):
        """Parse an expression from here to the first of `texts` at depth 0."""
        j = self.find_at_depth0(texts, stop_texts=())
        if j is None:
            raise ParseError(f"{self.peek().line}: expected one of {sorted(texts)}")
        node = parse_expression(self.t, self.i, j)
        self.i = j
        return node

    # -- top level --
    def parse(self):
        while self.peek() is not None:
            t = self.text()
            if t in ("module", "macromodule", "interface", "program"):
                self.parse_module()
            elif t == "package":
                self.parse_package()
            elif self.peek().kind == "macro":
                self.take()
            elif t == "import":
                self.skip_to_semicolon()
            else:
                raise ParseError(f"{self.peek().line}: unexpected {t!r} outside a module")

    def parse_package(self):
        start = self.peek().line
        self.take("package")
        name = self.t[self.take()].text
        self.take(";")
        self.module = name
        while self.text() != "endpackage":
            if self.peek() is None:
                raise ParseError(f"package {name} has no endpackage")
            t = self.text()
            if t == "function":
                self.parse_function()
            elif t == "task":
                raise ParseError(f"{self.peek().line}: tasks are not read")
            elif self.peek().kind == "macro":
                self.take()
            else:
                self.skip_to_semicolon()  # localparam, typedef, import: not faults
        end = self.peek().line
        self.take("endpackage")
        self.modules.append((name, "package", start, end))
        self.module = None

    def parse_module(self):
        start = self.peek().line
        self.take()
        if self.text() in ("automatic", "static"):
            self.take()
        name = self.t[self.take()].text
        self.module = name
        # Header: imports, #( parameters ), ( ports ), ';' -- never mutated.
        while True:
            t = self.text()
            if t == "import":
                self.skip_to_semicolon()
            elif t == "#":
                self.take()
                self.skip_balanced()
            elif t == "(":
                self.skip_balanced()
            elif t == ";":
                self.take()
                break
            else:
                raise ParseError(f"{self.peek().line}: unexpected {t!r} in the header of {name}")
        self.module_items("endmodule")
        end = self.peek().line
        self.take("endmodule")
        if self.text() == ":":
            self.take()
            self.take()
        self.modules.append((name, "module", start, end))
        self.module = None

    def module_items(self, *ends):
        while self.text() not in ends:
            if self.peek() is None:
                raise ParseError(f"expected {ends[0]}")
            start = self.i
            try:
                self.module_item()
            except ParseError as e:
                self.skipped.append((self.t[start].line, str(e)))
                self.i = start
                self.recover()

    def recover(self):
        """After an item that could not be read: past its end."""
        t = self.text()
        if t in ("always", "always_ff", "always_comb", "always_latch", "initial", "final"):
            self.take()
            if self.text() == "@":
                self.take()
                if self.text() == "(":
                    self.skip_balanced()
                else:
                    self.take()
            self.skip_statement()
        elif t == "function":
            while self.text() != "endfunction":
                self.take()
            self.take()
        else:
            self.skip_to_semicolon()

    def skip_statement(self):
        """Past one procedural statement without recording anything."""
        t = self.text()
        if t == "begin":
            depth = 0
            while True:
                x = self.text()
                if x in ("begin", "case", "casez", "casex"):
                    depth += 1
                elif x in ("end", "endcase"):
                    depth -= 1
                    if depth == 0:
                        self.take()
                        if self.text() == ":":
                            self.take()
                            self.take()
                        return
                self.take()
        if t in ("if", "for", "while"):
            self.take()
            self.skip_balanced()
            self.skip_statement()
            if t == "if" and self.text() == "else":
                self.take()
                self.skip_statement()
            return
        self.skip_to_semicolon()

    def module_item(self):
        tok = self.peek()
        t = tok.text
        if tok.kind == "macro":
            self.take()
            if self.text() == ";":
                self.take()
            return
        if t == ";":
            self.take()
            return
        if t in ("generate", "endgenerate"):
            self.take()
            return
        if t in ("localparam", "parameter", "typedef", "import", "export", "genvar",
                 "defparam"):
            self.skip_to_semicolon()
            return
        if t == "function":
            self.parse_function()
            return
        if t == "task":
            raise ParseError(f"{tok.line}: tasks are not read")
        if t == "assign":
            self.take()
            while True:
                first = self.i
                lhs = self.expr_until({"="})
                self.take("=")
                rhs = self.expr_until({",", ";"})
                stmt = Stmt("assign", self.module, lhs=lhs, lhs_name=lvalue_name(self.t, lhs),
                            rhs=rhs, first=first, last=self.i - 1, assign_op="=")
                self.record(lhs, "lhs", stmt)
                self.record(rhs, "rhs", stmt)
                if self.text() == ",":
                    self.take()
                    continue
                self.take(";")
                return
        if t in ("always_comb", "always_latch", "always", "always_ff"):
            self.take()
            in_ff = t == "always_ff"
            if self.text() == "@":
                self.take()
                if self.text() == "(":
                    self.skip_balanced()
                else:
                    self.take()
                if t == "always":
                    in_ff = True
            self.statement(in_ff=in_ff, in_reset=False)
            return
        if t in ("initial", "final"):
            self.take()
            self.skip_statement()
            return
        if t == "begin":
            self.take()
            if self.text() == ":":
                self.take()
                self.take()
            self.module_items("end")
            self.take("end")
            if self.text() == ":":
                self.take()
                self.take()
            return
        if t == "for":
            # A generate loop: its bounds are structure (how many instances), not logic.
            self.take()
            self.skip_balanced()
            self.module_item()
            return
        if t == "if":
            # A generate if: its condition is on parameters.
            self.take()
            self.skip_balanced()
            self.module_item()
            if self.text() == "else":
                self.take()
                self.module_item()
            return
        if t in ("case",):
            raise ParseError(f"{tok.line}: generate case is not read")
        if t in ("assert", "assume", "cover", "property", "sequence") or (
                tok.kind == "id" and self.text(1) == ":" and self.text(2) in ("cover", "assert", "assume")):
            self.skip_to_semicolon()
            return
        if t in TYPE_WORDS or t in ("input", "output", "inout"):
            self.skip_to_semicolon()
            return
        if tok.kind == "id":
            # A declaration (T [..] name ...;) or an instance (M [#(...)] name (...);).
            j = 1
            while self.text(j) == "::":
                j += 2
            if self.text(j) == "#":
                self.parse_instance()
                return
            k = j
            while self.text(k) == "[":
                depth = 0
                while True:
                    x = self.text(k)
                    if x == "[":
                        depth += 1
                    elif x == "]":
                        depth -= 1
                        if depth == 0:
                            k += 1
                            break
                    k += 1
            nxt = self.peek(k)
            if nxt is not None and nxt.kind == "id":
                if self.text(k + 1) == "(" or (self.text(k + 1) == "[" and j == k):
                    # M name ( -> instance; M name [N] ( -> instance array
                    if self.text(k + 1) == "(" or self._instance_array(k + 1):
                        self.parse_instance()
                        return
                self.skip_to_semicolon()  # a declaration
                return
        raise ParseError(f"{tok.line}:{tok.col}: unexpected {t!r} in module {self.module}")

    def _instance_array(self, k):
        depth = 0
        while True:
            x = self.text(k)
            if x is None:
                return False
            if x == "[":
                depth += 1
            elif x == "]":
                depth -= 1
                if depth == 0:
                    return self.text(k + 1) == "("
            k += 1

    def parse_instance(self):
        mod_first = self.i
        self.take()
        while self.text() == "::":
            self.take()
            self.take()
        mod = self.t[mod_first].text
        self.instances.append((self.module, mod))
        ports = self.ports_of.get(mod, {})
        if self.text() == "#":
            self.take()
            self.connections(mod, ports, params=True)
        while True:
            self.take()  # instance name
            while self.text() == "[":
                self.skip_balanced()
            self.connections(mod, ports, params=False)
            if self.text() == ",":
                self.take()
                continue
            self.take(";")
            return

    def connections(self, mod, ports, params):
        self.take("(")
        while self.text() != ")":
            tok = self.peek()
            if tok.text == ",":
                self.take()
                continue
            if tok.kind == "macro":
                self.take()
                continue
            if tok.text == ".":
                self.take()
                if self.text() == "*":
                    self.take()
                    continue
                name = self.t[self.take()].text
                if self.text() != "(":
                    continue  # .name: implicit connection
                self.take("(")
                if self.text() == ")":
                    self.take()
                    continue
                first = self.i
                node = self.expr_until({")"})
                self.take(")")
                direction = None if params else ports.get(name)
                stmt = Stmt("param" if params else "port", self.module, rhs=node, port=name,
                            port_dir=direction, first=first, last=self.i - 1)
                self.record(node, "port", stmt)
                continue
            # Positional connections are not mutated.
            depth = 0
            while True:
                x = self.text()
                if depth == 0 and x in (",", ")"):
                    break
                if x in ("(", "[", "{", "'{"):
                    depth += 1
                elif x in (")", "]", "}"):
                    depth -= 1
                self.take()
        self.take(")")

    def parse_function(self):
        self.take("function")
        # Header to its ';' (the return type, the name and the arguments): not mutated.
        self.skip_to_semicolon()
        while self.text() != "endfunction":
            if self.peek() is None:
                raise ParseError("a function without endfunction")
            start = self.i
            try:
                self.statement(in_ff=False, in_reset=False)
            except ParseError as e:
                self.skipped.append((self.t[start].line, str(e)))
                self.i = start
                self.skip_statement()
        self.take("endfunction")
        if self.text() == ":":
            self.take()
            self.take()

    # -- procedural statements --
    def statement(self, in_ff, in_reset):
        tok = self.peek()
        if tok is None:
            raise ParseError("the file ends inside a statement")
        t = tok.text
        if t == ";":
            self.take()
            return
        if t == "begin":
            self.take()
            if self.text() == ":":
                self.take()
                self.take()
            while self.text() != "end":
                if self.peek() is None:
                    raise ParseError("begin without end")
                start = self.i
                try:
                    self.statement(in_ff, in_reset)
                except ParseError as e:
                    self.skipped.append((self.t[start].line, str(e)))
                    self.i = start
                    self.skip_statement()
            self.take("end")
            if self.text() == ":":
                self.take()
                self.take()
            return
        if t in ("unique", "unique0", "priority"):
            self.take()
            self.statement(in_ff, in_reset)
            return
        if t == "if":
            self.take()
            lp = self.take("(")
            cond = self.expr_until({")"})
            self.take(")")
            reset = in_ff and is_reset_condition(self.t, cond)
            stmt = Stmt("if", self.module, rhs=cond, in_ff=in_ff, in_reset=in_reset,
                        first=lp, last=self.i - 1)
            if not reset:
                self.record(cond, "cond", stmt)
            self.statement(in_ff, in_reset or reset)
            if self.text() == "else":
                self.take()
                self.statement(in_ff, in_reset)
            return
        if t in ("case", "casez", "casex"):
            self.take()
            self.take("(")
            self.expr_until({")"})  # the case subject: not mutated
            self.take(")")
            while self.text() != "endcase":
                if self.peek() is None:
                    raise ParseError("case without endcase")
                if self.text() == "default":
                    self.take()
                    if self.text() == ":":
                        self.take()
                else:
                    # Labels: expressions up to ':' (not mutated).
                    while True:
                        self.expr_until({",", ":"})
                        if self.text() == ",":
                            self.take()
                            continue
                        self.take(":")
                        break
                start = self.i
                try:
                    self.statement(in_ff, in_reset)
                except ParseError as e:
                    self.skipped.append((self.t[start].line, str(e)))
                    self.i = start
                    self.skip_statement()
            self.take("endcase")
            return
        if t == "for":
            self.take()
            self.take("(")
            # init; cond; step -- only the condition (the loop bound) is mutated.
            self.skip_to_semicolon()
            first = self.i
            cond = self.expr_until({";"})
            self.take(";")
            stmt = Stmt("for", self.module, rhs=cond, in_ff=in_ff, in_reset=in_reset,
                        first=first, last=self.i - 1)
            self.record(cond, "loop", stmt)
            depth = 1
            while depth:
                x = self.text()
                if x == "(":
                    depth += 1
                elif x == ")":
                    depth -= 1
                self.take()
            self.statement(in_ff, in_reset)
            return
        if t in ("while", "repeat", "forever", "do", "fork", "wait"):
            raise ParseError(f"{tok.line}: '{t}' is not read")
        if t == "return":
            self.take()
            if self.text() == ";":
                self.take()
                return
            first = self.i
            node = self.expr_until({";"})
            self.take(";")
            stmt = Stmt("return", self.module, rhs=node, first=first, last=self.i - 1)
            self.record(node, "return", stmt)
            return
        if tok.kind in ("macro", "sys"):
            self.skip_to_semicolon()
            return
        if t in TYPE_WORDS:
            self.skip_to_semicolon()  # a local declaration
            return
        if tok.kind == "id":
            # A declaration `T [..] name` or an assignment `lvalue op expr`.
            j = 1
            while self.text(j) == "::":
                j += 2
            k = j
            while self.text(k) == "[":
                depth = 0
                while True:
                    x = self.text(k)
                    if x is None:
                        raise ParseError("unbalanced [")
                    if x == "[":
                        depth += 1
                    elif x == "]":
                        depth -= 1
                        if depth == 0:
                            k += 1
                            break
                    k += 1
            nxt = self.peek(k)
            if nxt is not None and nxt.kind == "id" and j >= 1:
                self.skip_to_semicolon()  # a declaration
                return
        if tok.kind == "id" or t == "{":
            first = self.i
            j = self.find_at_depth0(ASSIGN_OPS)
            if j is None:
                if self.find_at_depth0({"++", "--"}) is not None:
                    self.skip_to_semicolon()
                    return
                raise ParseError(f"{tok.line}:{tok.col}: not an assignment")
            lhs = parse_expression(self.t, self.i, j)
            op = self.t[j].text
            self.i = j + 1
            rhs = self.expr_until({";"})
            self.take(";")
            kind = "nonblocking" if op == "<=" else "blocking"
            stmt = Stmt(kind, self.module, lhs=lhs, lhs_name=lvalue_name(self.t, lhs), rhs=rhs,
                        in_reset=in_reset, in_ff=in_ff, assign_op=op, first=first,
                        last=self.i - 1)
            self.record(lhs, "lhs", stmt)
            self.record(rhs, "rhs", stmt)
            return
        raise ParseError(f"{tok.line}:{tok.col}: unexpected {t!r} in a statement")


def lvalue_name(toks, node):
    """The name an assignment's target is known by: the struct member for x.last, else the
    variable (selects stripped); None for a concatenation."""
    while node.kind == "select":
        node = node.kids[0]
    if node.kind == "member":
        return toks[node.last].text
    if node.kind == "primary":
        return toks[node.last].text
    return None


def is_reset_condition(toks, node):
    """`!rst_ni` / `~rst_ni` (an active-low reset), or `rst_i` / `rst`."""
    if node.kind == "paren":
        return is_reset_condition(toks, node.kids[0])
    if node.kind == "unary" and toks[node.op].text in ("!", "~"):
        inner = node.kids[0]
        return inner.kind == "primary" and re.fullmatch(r"rst_?n[i]?|rst_ni|rstn", toks[inner.first].text) is not None
    if node.kind == "primary":
        return re.fullmatch(r"rst_?i?|reset", toks[node.first].text) is not None
    return False


def module_ports(toks):
    """{module: {port: direction}} from the ANSI headers of the modules in `toks`."""
    result = {}
    i = 0
    n = len(toks)
    while i < n:
        if toks[i].text == "module" and i + 1 < n:
            name = toks[i + 1].text
            j = i + 2
            ports = {}
            # Find the port list: the '(' at depth 0 that is not after '#'.
            while j < n and toks[j].text != ";":
                if toks[j].text == "import":
                    while toks[j].text != ";":
                        j += 1
                    j += 1
                    continue
                if toks[j].text == "#":
                    j += 1
                    depth = 0
                    while True:
                        if toks[j].text == "(":
                            depth += 1
                        elif toks[j].text == ")":
                            depth -= 1
                            if depth == 0:
                                break
                        j += 1
                    j += 1
                    continue
                if toks[j].text == "(":
                    depth = 0
                    direction = None
                    last_id = None
                    while True:
                        x = toks[j]
                        if x.text in ("(", "[", "{"):
                            depth += 1
                        elif x.text in (")", "]", "}"):
                            depth -= 1
                            if depth == 0:
                                if last_id and direction:
                                    ports[last_id] = direction
                                break
                        elif depth == 1:
                            if x.text in ("input", "output", "inout"):
                                direction = x.text
                            elif x.text == ",":
                                if last_id and direction:
                                    ports[last_id] = direction
                                last_id = None
                            elif x.kind == "id":
                                last_id = x.text
                            elif x.kind == "macro":
                                last_id = None
                        j += 1
                    j += 1
                    continue
                j += 1
            result[name] = ports
            i = j
        i += 1
    return result

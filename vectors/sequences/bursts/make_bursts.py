#!/usr/bin/env python3
"""Writes the burst sequences of this folder (fixed.yaml, incr.yaml, strobes.yaml, wrap.yaml).

    python3 vectors/sequences/bursts/make_bursts.py [OUT_DIR]    (default: this folder)

Every beat's address and byte lanes come from the AMBA AXI4 specification's pseudo-code
(A3.4.2, "Pseudocode description of the transfers"), written here from the specification
and nothing else: no code of sailsim's C++ model is used, so a wrong rule in either shows
as a failing replay. The expected memory image and read data follow from those lanes, the
write strobes and a 0xEE background. Data bytes come from a fixed 64-bit generator, so the
output is the same on every run and every Python 3. CTest (vectors.burst_sequences_fresh)
regenerates the files and compares them byte for byte with the committed ones.
Python 3 standard library only.
"""
import os
import sys

DATA_BUS_BYTES = 32  # the 256-bit bus (contracts.md section 1)
BOUNDARY = 4096
BACKGROUND = 0xEE
FIXED, INCR, WRAP = "FIXED", "INCR", "WRAP"


class Bytes:
    """splitmix64: a fixed stream of bytes, independent of Python's own generators."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def take(self, n):
        return [self.next64() & 0xFF for _ in range(n)]

    def bit(self):
        return self.next64() & 1


def transfers(start_address, number_bytes, burst_length, burst):
    """[(Address_N, Lower_Byte_Lane, Upper_Byte_Lane)] per beat, as in AXI4 A3.4.2.

    The first beat of an unaligned transfer runs from the start address to the next
    aligned boundary (A3.4.1); every later INCR / WRAP beat is aligned; FIXED repeats the
    first beat's address and lanes.
    """
    aligned_address = (start_address // number_bytes) * number_bytes
    aligned = aligned_address == start_address
    dtsize = number_bytes * burst_length
    lower_wrap_boundary = (start_address // dtsize) * dtsize
    upper_wrap_boundary = lower_wrap_boundary + dtsize
    address_n = start_address
    beats = []
    for _ in range(burst_length):
        line = (address_n // DATA_BUS_BYTES) * DATA_BUS_BYTES
        lower_byte_lane = address_n - line
        if aligned:
            upper_byte_lane = lower_byte_lane + number_bytes - 1
        else:
            upper_byte_lane = aligned_address + number_bytes - 1 - line
        beats.append((address_n, lower_byte_lane, upper_byte_lane))
        if burst != FIXED:
            if aligned:
                address_n += number_bytes
                if burst == WRAP and address_n >= upper_wrap_boundary:
                    address_n = lower_wrap_boundary
            else:
                address_n = aligned_address + number_bytes
                aligned = True
    return beats


def footprint(beats):
    """The first and one-past-last byte address the beats select."""
    lows = [addr - (addr % DATA_BUS_BYTES) + lo for addr, lo, _ in beats]
    highs = [addr - (addr % DATA_BUS_BYTES) + hi + 1 for addr, _, hi in beats]
    return min(lows), max(highs)


def lanes_mask(lo, hi):
    return ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1)


def hexs(values):
    return " ".join("%02x" % b for b in values)


class Case:
    def __init__(self, comment, addr, size, beats, burst, strobe=None, id_=0):
        self.comment, self.addr, self.size, self.length, self.burst = comment, addr, size, beats, burst
        self.strobe = strobe  # strobe(beat_index, lower_lane, upper_lane, rng) -> mask, or None for all
        self.id = id_


def render_case(case, rng):
    """The four steps of one case: background, axi_write, back-door check, axi_read."""
    beats = transfers(case.addr, case.size, case.length, case.burst)
    first, end = footprint(beats)
    region = first - first % DATA_BUS_BYTES
    region_end = -(-end // DATA_BUS_BYTES) * DATA_BUS_BYTES
    assert region // BOUNDARY == (region_end - 1) // BOUNDARY, "a region must not cross 4 KiB: one prefill burst"
    image = {a: BACKGROUND for a in range(region, region_end)}
    data, strobes = [], []
    for n, (addr, lo, hi) in enumerate(beats):
        line = addr - addr % DATA_BUS_BYTES
        beat_bytes = rng.take(hi - lo + 1)
        mask = lanes_mask(lo, hi) if case.strobe is None else case.strobe(n, lo, hi, rng)
        assert mask & ~lanes_mask(lo, hi) == 0, "a strobe outside the beat's lanes is WSTRB_LANES"
        for lane, value in zip(range(lo, hi + 1), beat_bytes):
            if mask >> lane & 1:
                image[line + lane] = value
        data += beat_bytes
        strobes.append(mask)
    expect = []
    for addr, lo, hi in beats:
        line = addr - addr % DATA_BUS_BYTES
        expect += [image[line + lane] for lane in range(lo, hi + 1)]
    shape = "len: %d, size: %d, burst: %s" % (case.length - 1, case.size, case.burst)
    strb = ""
    if case.strobe is not None:
        strb = ", strb: [%s]" % ", ".join("0x%08X" % m for m in strobes)
    comment = case.comment
    if case.strobe is not None:
        comment += " (strb %s)" % ", ".join("0x%08X" % m for m in strobes)
    return [
        "  # " + comment,
        "  - write: {addr: 0x%x, data: {fill: {byte: 0x%02X, size: %d}}}   # known background"
        % (region, BACKGROUND, region_end - region),
        '  - axi_write: {addr: 0x%x, id: %d, %s, data: {hex: "%s"}%s}' % (case.addr, case.id, shape, hexs(data), strb),
        '  - check: {addr: 0x%x, equals: {hex: "%s"}}' % (region, hexs(image[a] for a in range(region, region_end))),
        '  - axi_read: {addr: 0x%x, id: %d, %s, expect: {hex: "%s"}}'
        % (case.addr, (case.id + 1) % 16, shape, hexs(expect)),
    ]


def render(header, name, description, tags, cases, seed):
    rng = Bytes(seed)
    lines = ["# " + h if h else "#" for h in header]
    lines += [
        "# Generated by make_bursts.py in this folder (AXI4 A3.4.2 pseudo-code, independent of the",
        "# C++ model); do not edit by hand: change the generator and run it.",
        "sailsim: 1",
        "name: " + name,
        "description: " + description,
        "tags: [%s]" % ", ".join(tags),
        "steps:",
    ]
    for case in cases:
        lines += render_case(case, rng)
    lines += [
        "  # every transaction reached the host port as written: %d writes (prefill + axi_write), %d reads"
        % (2 * len(cases), len(cases)),
        "  - expect_log: {port: host, since: start, dir: write, count: {min: %d, max: %d}}" % (2 * len(cases), 2 * len(cases)),
        "  - expect_log: {port: host, since: start, dir: read, count: {min: %d, max: %d}}" % (len(cases), len(cases)),
    ]
    return "\n".join(lines) + "\n"


def unaligned(addr, size):
    """A start that the case calls unaligned must be one (A3.4.1: not a multiple of the size)."""
    assert addr % size != 0, "0x%x is aligned to %d bytes" % (addr, size)
    return addr


SIZES = [1, 2, 4, 8, 16, 32]


def fixed_cases():
    cases, base = [], 0x100000
    for size in SIZES:
        for kind in ["aligned", "unaligned"]:
            if kind == "unaligned" and size == 1:
                continue  # every 1-byte address is aligned
            for beats in [1, 4]:
                region = base + 0x200 * len(cases)
                addr = region + 9 if size == 1 else region if kind == "aligned" else unaligned(region + 1, size)
                cases.append(Case("FIXED size %d, %d beat(s) to one address, %s start: the last beat's bytes remain"
                                  % (size, beats, kind), addr, size, beats, FIXED, id_=(len(cases) * 3 + 1) % 16))
    region = base + 0x200 * len(cases)
    cases.append(Case("FIXED size 4, 16 beats (the longest FIXED burst)", region + 4, 4, 16, FIXED, id_=15))
    return cases


def incr_cases():
    cases, base = [], 0x100000
    # (label, offset in the region) per size; the unaligned ones are checked to be unaligned.
    starts = {
        1: [("aligned", 0), ("odd byte address", 5), ("mid-line byte address", 0x13)],
        2: [("aligned", 0), ("unaligned +1", 1), ("unaligned mid", 0x11)],
        4: [("aligned", 0), ("unaligned +1", 1), ("unaligned mid", 2)],
        8: [("aligned", 0), ("unaligned +1", 1), ("unaligned mid", 7)],
        16: [("aligned", 0), ("unaligned +1", 1), ("unaligned mid", 0xB)],
        32: [("aligned", 0), ("unaligned +1", 1), ("unaligned mid", 0x13)],
    }
    for size in SIZES:
        for label, offset in starts[size]:
            for beats in [1, 8] if size <= 8 else [1, 4]:
                addr = base + 0x200 * len(cases) + offset
                if label.startswith("unaligned"):
                    unaligned(addr, size)
                cases.append(Case("INCR size %d, %d beat(s), %s start (0x%x)" % (size, beats, label, addr),
                                  addr, size, beats, INCR, id_=(len(cases) * 2 + 1) % 16))
    cases.append(Case("INCR size 32, 8 beats ending exactly at a 4 KiB boundary (0x110000)", 0x10FF00, 32, 8, INCR,
                      id_=7))
    cases.append(Case("INCR size 4, 16 beats, unaligned, ending exactly at a 4 KiB boundary",
                      unaligned(0x11FFC3, 4), 4, 16, INCR, id_=8))
    return cases


def wrap_cases():
    cases, base = [], 0x100000
    start_beat = {2: 1, 4: 3, 8: 5, 16: 9}  # start this many beats past the boundary: the burst wraps
    for size in SIZES:
        for beats in [2, 4, 8, 16]:
            region = base + 0x200 * len(cases)
            addr = region + size * start_beat[beats]
            cases.append(Case("WRAP size %d, %d beats, start 0x%x = boundary + %d (wraps back to 0x%x)"
                              % (size, beats, addr, addr - region, region), addr, size, beats, WRAP,
                              id_=(len(cases) * 2 + 2) % 16))
        region = base + 0x200 * len(cases)
        cases.append(Case("WRAP size %d, 4 beats, starting at the wrap boundary (no wrap)" % size, region, size, 4,
                          WRAP, id_=0))
    return cases


def strobe_cases():
    def halves(n, lo, hi, rng):
        return lanes_mask(lo, hi) & (0x0000FFFF if n % 2 == 0 else 0xFFFF0000)

    def alternate_bits(n, lo, hi, rng):
        return lanes_mask(lo, hi) & (0x55555555 if n % 2 == 0 else 0xAAAAAAAA)

    def nothing(n, lo, hi, rng):
        return 0

    def first_and_last(last):
        return lambda n, lo, hi, rng: lanes_mask(lo, hi) if n in (0, last) else 0

    def random_lanes(n, lo, hi, rng):
        return sum(rng.bit() << lane for lane in range(lo, hi + 1))

    def alternate_lane_of_beat(n, lo, hi, rng):
        return 1 << (lo if n % 2 == 0 else hi)  # a beat's lower lane, then the next beat's upper one

    base = 0x100000
    specs = [
        ("INCR 32-byte beats, low half then high half strobed", 0, 32, 4, INCR, halves),
        ("INCR 32-byte beats, every other byte lane", 0, 32, 4, INCR, alternate_bits),
        ("INCR 32-byte beats, no lane strobed: memory unchanged", 0, 32, 4, INCR, nothing),
        ("INCR narrow 8-byte beats, only the first and last beats strobed", 0, 8, 8, INCR, first_and_last(7)),
        ("INCR narrow 4-byte beats from an unaligned start, random strobes", 5, 4, 8, INCR, random_lanes),
        ("INCR 2-byte beats, unaligned start, alternate lanes", 3, 2, 16, INCR, alternate_lane_of_beat),
        ("INCR 1-byte beats, random strobes", 0xD, 1, 10, INCR, random_lanes),
        ("WRAP 16-byte beats, random strobes", 0x10, 16, 4, WRAP, random_lanes),
        ("WRAP 8-byte beats, alternate lanes", 0x18, 8, 8, WRAP, alternate_bits),
        ("FIXED unaligned 8-byte beats, random strobes: per lane, the last strobed beat wins", 6, 8, 4, FIXED,
         random_lanes),
        ("FIXED 32-byte beats, low half then high half: both halves written", 0, 32, 2, FIXED, halves),
    ]
    cases = []
    for comment, offset, size, beats, burst, strobe in specs:
        addr = base + 0x200 * len(cases) + offset
        if "unaligned" in comment:
            unaligned(addr, size)
        cases.append(Case(comment, addr, size, beats, burst, strobe, id_=len(cases)))
    return cases


FILES = {
    "fixed.yaml": ([
        "FIXED bursts: every beat size (1..32 bytes), aligned and unaligned starts (a 1-byte beat is",
        "always aligned), 1 and 4 beats, and one of 16 (the longest FIXED burst). Every beat of a",
        "FIXED burst addresses the same bytes, so after a write the last beat's bytes remain, and a",
        "read returns the same bytes on every beat.",
        "Each case: background fill, axi_write, back-door check of the image, axi_read with expect.",
    ], "bursts_fixed", "FIXED bursts of every size", ["axi", "bursts"], fixed_cases, 0xF1CED),
    "incr.yaml": ([
        "INCR bursts, one AXI4 transaction per step: every beat size (1, 2, 4, 8, 16, 32 bytes),",
        "aligned and unaligned start addresses (unaligned: not a multiple of the beat size; a",
        "1-byte beat is always aligned, so size 1 starts at odd and mid-line bytes instead),",
        "single- and multi-beat, and bursts that end exactly at a 4 KiB boundary. Each case: fill",
        "the region with 0xEE, axi_write exactly as written, check the memory image through the",
        "back door (bytes outside the selected lanes stay 0xEE), and axi_read the same burst back",
        "with its expected data (only the lanes each beat selects: an unaligned first beat runs",
        "from the start address to the next aligned boundary, AXI4 A3.4.1).",
    ], "bursts_incr", "INCR bursts of every size, aligned and unaligned", ["axi", "bursts"], incr_cases, 0x1AC),
    "strobes.yaml": ([
        "Write strobes: one 32-bit lane mask per beat (bit i = byte lane i of the 256-bit bus).",
        "Unstrobed lanes still carry their bytes in data: they are not written (the 0xEE background",
        "stays), as the back-door check shows. Patterns: halves, alternate lanes, none, first/last",
        "beat only, random, on INCR / WRAP / FIXED, full-width and narrow, aligned and unaligned.",
        "A strobe on a lane the beat does not select is WSTRB_LANES (refused unless illegal: true).",
    ], "bursts_strobes", "write strobe patterns", ["axi", "bursts", "strobes"], strobe_cases, 0x5780BE),
    "wrap.yaml": ([
        "WRAP bursts: every beat size (1..32 bytes), every legal length (2, 4, 8, 16 beats), starting",
        "inside the wrap window (so the addresses wrap back to the boundary) and at the boundary.",
        "WRAP starts must be aligned to the beat size (WRAP_UNALIGNED otherwise; see illegal_*.yaml).",
        "Each case: background fill, axi_write, back-door check of the image, axi_read with expect.",
    ], "bursts_wrap", "WRAP bursts of every size and length", ["axi", "bursts"], wrap_cases, 0x3A4),
}


def main(argv):
    if len(argv) > 2:
        sys.stderr.write("usage: make_bursts.py [OUT_DIR]\n")
        return 2
    out_dir = argv[1] if len(argv) == 2 else os.path.dirname(os.path.abspath(__file__))
    if not os.path.isdir(out_dir):
        sys.stderr.write("make_bursts.py: %s: no such folder\n" % out_dir)
        return 2
    for file_name, (header, name, description, tags, cases, seed) in FILES.items():
        text = render(header, name, description, tags, cases(), seed)
        with open(os.path.join(out_dir, file_name), "w", newline="\n") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

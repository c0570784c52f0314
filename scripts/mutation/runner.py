"""Building a mutant and running a regression plan on it (docs/mutation.md, "How a mutant
runs").

Every mutant (and first the unmutated RTL, through the same steps) gets a fresh folder under
the work folder: the mutated copy of its one RTL file, a CMake build folder configured with
SAILSIM_RTL_REPLACE=rtl/<file>.sv=<the copy> (rtl/CMakeLists.txt), only the `sailsim` target
built, then `sailsim regress PLAN` from that build. ccache (CCACHE_BASEDIR = the repository,
CCACHE_NOHASHDIR) gives every object but the mutated Verilated model from earlier builds.

Verilator runs at configure time with -Wall, and its warnings are fatal in the normal build.
A mutant often leaves a signal unused, which is a lint warning, not a fault of the tool's
making: the build uses a Verilator that adds -Wno-fatal (a two-line wrapper script in the work
folder, passed as the cached VERILATOR_BIN that Verilator's CMake package would otherwise
find). No CMake file changes. So a mutant is stillborn only when Verilator or the C++ compiler
refuses it.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import time


class Result:
    __slots__ = ("verdict", "signature", "exit_code", "build_seconds", "run_seconds", "reason",
                 "log_dir", "first_failure")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


def real_verilator_bin():
    root = os.environ.get("VERILATOR_ROOT")
    candidates = []
    if root:
        candidates.append(os.path.join(root, "bin", "verilator_bin"))
    found = shutil.which("verilator_bin")
    if found:
        candidates.append(found)
    candidates += ["/usr/bin/verilator_bin", "/usr/share/verilator/bin/verilator_bin"]
    for c in candidates:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.realpath(c)
    return None


class Flow:
    # `sailsim regress` prints a progress line per finished run: `[done/total] failed F, ...  RUN RESULT`.
    FIRST_FAILURE = re.compile(r"^\[\d+/\d+\] failed [1-9]\d*, .*  (\S+) (\S.*)$")

    def __init__(self, root, work, plan, jobs, build_jobs, plan_seed, keep, generator="Unix Makefiles",
                 extra_cmake=(), fast_kill=False):
        self.root = root
        self.work = work
        self.plan = plan
        self.jobs = jobs
        self.build_jobs = build_jobs
        self.plan_seed = plan_seed
        self.keep = keep
        self.generator = generator
        self.extra_cmake = list(extra_cmake)
        self.fast_kill = fast_kill  # stop a plan at its first failing run
        self.timeout = None       # plan wall limit, set after the baseline
        self.build_timeout = 3600
        self.child = None
        self.env = dict(os.environ)
        self.env["CCACHE_BASEDIR"] = root
        self.env["CCACHE_NOHASHDIR"] = "true"
        for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "CMAKE_BUILD_PARALLEL_LEVEL"):
            self.env.pop(k, None)

    def prepare(self):
        os.makedirs(self.work, exist_ok=True)
        real = real_verilator_bin()
        if real is None:
            raise RuntimeError("verilator_bin not found (install verilator)")
        self.wrapper = os.path.join(self.work, "verilator_bin")
        text = ("#!/bin/sh\n"
                "# scripts/mutate.py: Verilator with -Wno-fatal, so that a mutant's lint warnings\n"
                "# (a signal left unused, ...) do not stop its build; errors still do.\n"
                f"exec '{real}' \"$@\" -Wno-fatal\n")
        old = None
        if os.path.exists(self.wrapper):
            with open(self.wrapper, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            with open(self.wrapper, "w", encoding="utf-8") as f:
                f.write(text)
        os.chmod(self.wrapper, 0o755)

    def run_cmd(self, argv, log, timeout, cwd=None, watch=None):
        """(exit code or 'timeout' or ('watched', match), seconds) of argv, its output into
        `log`. With `watch` (a compiled pattern), the command is stopped at the first line of
        its output that matches."""
        t0 = time.monotonic()
        with open(log, "w", encoding="utf-8") as out:
            out.write("$ " + " ".join(argv) + "\n")
            out.flush()
            self.child = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                          cwd=cwd or self.root, env=self.env, start_new_session=True)
            try:
                if watch is None:
                    rc = self.child.wait(timeout=timeout)
                else:
                    rc = self.wait_watching(log, watch, timeout, t0)
            except subprocess.TimeoutExpired:
                self.kill_child()
                rc = "timeout"
            except BaseException:
                self.kill_child()
                raise
            finally:
                self.child = None
        return rc, time.monotonic() - t0

    def wait_watching(self, log, pattern, timeout, t0):
        with open(log, encoding="utf-8", errors="replace") as f:
            pending = ""
            while True:
                try:
                    rc = self.child.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    rc = None
                pending += f.read()
                lines = pending.split("\n")
                pending = lines.pop()
                for line in lines:
                    m = pattern.search(line)
                    if m:
                        self.kill_child()
                        return ("watched", m)
                if rc is not None:
                    return rc
                if timeout is not None and time.monotonic() - t0 > timeout:
                    raise subprocess.TimeoutExpired(self.child.args, timeout)

    def relative(self, text):
        """Paths in a message without the machine's folders: WORK/... and the tree's own."""
        return text.replace(self.work + os.sep, "WORK/").replace(self.root + os.sep, "")

    def kill_child(self):
        """Stop the running command and everything it started. SIGTERM first: `sailsim
        regress` stops its runs (each in a process group of its own) on SIGTERM; SIGKILL to
        the group after a grace period, and then the kernel ends the runs too (regress asks
        for PR_SET_PDEATHSIG in each)."""
        child = self.child
        if child is None:
            return
        try:
            os.killpg(child.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.wait()

    def run_one(self, name, rel_file, text):
        """Build the RTL with `rel_file` replaced by `text`, run the plan: a Result."""
        mdir = os.path.join(self.work, re.sub(r"[^A-Za-z0-9_.-]", "-", name))
        if os.path.exists(mdir):
            shutil.rmtree(mdir)
        os.makedirs(os.path.join(mdir, "src"))
        copy = os.path.join(mdir, "src", os.path.basename(rel_file))
        with open(copy, "w", encoding="utf-8") as f:
            f.write(text)
        build = os.path.join(mdir, "build")
        night = os.path.join(mdir, "night")
        build_seconds = 0.0
        try:
            rc, secs = self.run_cmd(
                ["cmake", "-S", self.root, "-B", build, "-G", self.generator,
                 "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DSAILSIM_BENCHMARKS=OFF",
                 f"-DSAILSIM_RTL_REPLACE={rel_file}={copy}", f"-DVERILATOR_BIN={self.wrapper}"]
                + self.extra_cmake,
                os.path.join(mdir, "configure.log"), self.build_timeout)
            build_seconds += secs
            if rc != 0:
                return Result(verdict="stillborn", reason=self.relative(first_error(os.path.join(mdir, "configure.log"), rc, "configure")),
                              build_seconds=build_seconds, run_seconds=0.0, log_dir=mdir)
            rc, secs = self.run_cmd(
                ["cmake", "--build", build, "--target", "sailsim", "-j", str(self.build_jobs)],
                os.path.join(mdir, "build.log"), self.build_timeout)
            build_seconds += secs
            if rc != 0:
                return Result(verdict="stillborn", reason=self.relative(first_error(os.path.join(mdir, "build.log"), rc, "build")),
                              build_seconds=build_seconds, run_seconds=0.0, log_dir=mdir)
            sailsim = os.path.join(build, "cli", "sailsim")
            rc, run_seconds = self.run_cmd(
                [sailsim, "regress", self.plan, "--out", night, "-j", str(self.jobs), "--max-waves", "0",
                 "--seed", str(self.plan_seed)],
                os.path.join(mdir, "run.log"), self.timeout,
                watch=self.FIRST_FAILURE if self.fast_kill else None)
            if isinstance(rc, tuple):
                # Killed for certain: the plan will exit non-zero. Which run failed first
                # depends on -j and the machine, so it is kept apart from the signature.
                m = rc[1]
                return Result(verdict="killed", exit_code=None, build_seconds=build_seconds,
                              run_seconds=run_seconds, log_dir=mdir,
                              signature="(--fast-kill: stopped at the first failing run)",
                              first_failure=f"{m.group(1)} {m.group(2).strip()}")
            signature = None
            buckets = os.path.join(night, "buckets.json")
            if os.path.isfile(buckets):
                shutil.copy(buckets, os.path.join(mdir, "buckets.json"))
                try:
                    with open(buckets, encoding="utf-8") as f:
                        data = json.load(f)
                    if data.get("buckets"):
                        signature = data["buckets"][0].get("signature")
                except (OSError, ValueError):
                    pass
            if rc == "timeout":
                return Result(verdict="timeout", exit_code=None, build_seconds=build_seconds,
                              run_seconds=run_seconds, log_dir=mdir,
                              signature=signature or f"TIMEOUT: the plan ran past {self.timeout:.0f} s")
            if rc == 0:
                return Result(verdict="survived", exit_code=0, build_seconds=build_seconds,
                              run_seconds=run_seconds, log_dir=mdir)
            if signature is None:
                signature = last_line(os.path.join(mdir, "run.log"))
            return Result(verdict="killed", exit_code=rc, signature=signature, build_seconds=build_seconds,
                          run_seconds=run_seconds, log_dir=mdir)
        finally:
            if not self.keep:
                for d in (build, night):
                    shutil.rmtree(d, ignore_errors=True)


def first_error(log, rc, step):
    """The first line that says why Verilator, CMake or the compiler refused."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        lines = []
    if rc == "timeout":
        return f"{step} timed out"
    for pattern in (r"^%Error", r"error:", r"CMake Error", r"Error"):
        for line in lines:
            if re.search(pattern, line):
                return line.strip()[:300]
    return f"{step} exited with {rc}"


def last_line(log):
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = [x.strip() for x in f.read().splitlines() if x.strip()]
    except OSError:
        return None
    return lines[-1][:300] if lines else None

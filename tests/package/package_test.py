#!/usr/bin/env python3
"""package_test.py: sailsim as another project sees it (docs/install.md).

  package_test.py install --build BUILD --version V --work DIR
      `cmake --install BUILD --prefix DIR/prefix`, then:
      * the installed files are there; `sailsim --version` says V;
      * tests/package/consumer, configured with only CMAKE_PREFIX_PATH=DIR/prefix, finds
        sailsim V (find_package), builds, and its programs run: the C ABI reports V for the
        library and its headers; a sequence replayed through sailsim::replay takes exactly
        the steps and cycles the installed `sailsim replay` reports for it;
      * the installed `sailsim sweep ggml` uses the package's own copy of GGML;
      * find_package(sailsim 0.<minor+1>) is refused (before 1.0 only the same minor fits).
  package_test.py example --build BUILD --version V --work DIR
      `cmake --install BUILD --prefix DIR/prefix`, then examples/byo-rtl (two AXI4 modules
      that are not sailsim's) configured with only CMAKE_PREFIX_PATH=DIR/prefix: its two
      sailsim_add_dut calls Verilate them and build their programs, and its own tests (the
      sequences, bit-exact, with the ports bound by the build and by a ports file) pass;
      the programs' `ports` lists each module's port with its ID width.
  package_test.py deb --build BUILD --version V --work DIR
      `cpack -G DEB` into DIR/deb, then: one sailsim_V_amd64.deb whose control fields name
      the package, version and architecture and declare the dependencies (what the programs
      link, found by dpkg-shlibdeps, and what building against the package needs); every
      file under /usr, the programs, libraries, CMake package and data among them; dpkg
      --dry-run -i finds every dependency satisfied on this machine; the extracted
      usr/bin/sailsim says V.
Exit 0 when everything holds; otherwise 1, every failed check printed."""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEQUENCE = "sequences/driver_four_phase.yaml"
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("package_test: FAIL: " + what, file=sys.stderr)
    return ok


def run(cmd, cwd=None, env=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def need(cmd, what, cwd=None):
    rc, out = run(cmd, cwd=cwd)
    if rc != 0:
        print(out, file=sys.stderr)
        print(f"package_test: FAIL: {what}: {' '.join(cmd)} exited {rc}", file=sys.stderr)
        sys.exit(1)
    return out


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def consumer_configure(prefix, build, want=None):
    # A clean environment for find_package: only the prefix, nothing of sailsim's tree.
    cmd = ["cmake", "-S", os.path.join(HERE, "consumer"), "-B", build, "-DCMAKE_PREFIX_PATH=" + prefix,
           "-DCMAKE_BUILD_TYPE=Release"]
    if want:
        cmd.append("-DSAILSIM_WANT=" + want)
    return run(cmd)


def test_install(args):
    work = fresh(os.path.abspath(args.work))
    prefix = os.path.join(work, "prefix")
    need(["cmake", "--install", args.build, "--prefix", prefix], "install")
    for f in ["bin/sailsim", "lib/libsailsim.so", "lib/libsailsim_preload.so", "lib/libsailsim_axi4_model.a",
              "lib/libsailsim_tb.a", "lib/libsailsim_replay.a", "lib/libsailsim_rtl_sail_top.a",
              "lib/cmake/sailsim/sailsimConfig.cmake", "lib/cmake/sailsim/sailsimConfigVersion.cmake",
              "lib/cmake/sailsim/sailsimTargets.cmake", "include/sailsim.h", "include/sailsim_version.h",
              "include/spanker_ioctl.h", "include/sailsim/axi4/memory.hpp", "include/sailsim/tb/simulation.hpp",
              "include/sailsim/replay/runner.hpp", "include/sailsim/models/sail_top/Vsail_top.h",
              "lib/sailsim/ggml/libggml-base.so", "share/sailsim/vectors/" + SEQUENCE, "share/doc/sailsim/README.md"]:
        check(os.path.exists(os.path.join(prefix, f)), f"installed {f}")
    sailsim = os.path.join(prefix, "bin", "sailsim")
    check(need([sailsim, "--version"], "sailsim --version").strip() == "sailsim " + args.version,
          f"`sailsim --version` says sailsim {args.version}")

    build = os.path.join(work, "consumer")
    rc, out = consumer_configure(prefix, build)
    if not check(rc == 0, "the consumer project configures against the prefix"):
        print(out, file=sys.stderr)
        return
    need(["cmake", "--build", build, "-j", "2"], "the consumer project builds")
    found = open(os.path.join(build, "found.txt")).read()
    check(f"version {args.version}\n" in found, f"find_package found version {args.version}: {found!r}")
    check(f"program {sailsim}\n" in found, f"sailsim_PROGRAM is the installed program: {found!r}")
    vectors = os.path.join(prefix, "share", "sailsim", "vectors")
    check(f"vectors {vectors}\n" in found, f"sailsim_VECTORS is the installed data: {found!r}")

    out = need([os.path.join(build, "c_consumer")], "c_consumer runs")
    check(out.strip() == f"library {args.version} ({args.version}) headers {args.version} spanker-abi 0.2.0",
          f"the C ABI's versions: {out.strip()!r}")

    sequence = os.path.join(vectors, SEQUENCE)
    out = need([os.path.join(build, "consumer"), sequence], "consumer replays " + SEQUENCE)
    check("memory lines 1 first 0x1000 byte15 16 byte16 0\n" in out, f"the memory model's snapshot: {out!r}")
    mine = re.search(r"^replay PASS steps (\d+) cycles (\d+)$", out, re.M)
    rc, cli = run([sailsim, "replay", sequence])
    theirs = re.search(r"^PASS  \S+  \(.*\): (\d+) of \d+ steps, (\d+) cycles$", cli, re.M)
    if check(mine and theirs and rc == 0, f"both replays pass: {out!r} / {cli!r}"):
        check(mine.groups() == theirs.groups(),
              f"sailsim::replay and `sailsim replay` agree on steps and cycles: {mine.groups()} / {theirs.groups()}")

    rc, out = run([sailsim, "sweep", "ggml", "--seed", "3", "--dots", "100"], cwd=work)
    check(rc == 0 and f"in {os.path.join(prefix, 'lib', 'sailsim', 'ggml')}\n" in out,
          f"the installed sweep uses the package's GGML (exit {rc}): {out[:400]!r}")

    major, minor = (int(x) for x in args.version.split(".")[:2])
    other = f"{major}.{minor + 1}" if major == 0 else f"{major + 1}.0"
    rc, out = consumer_configure(prefix, os.path.join(work, "consumer-other"), want=other)
    check(rc != 0 and "sailsim" in out and args.version in out,
          f"find_package(sailsim {other}) is refused, naming the version found (exit {rc})")


def test_example(args):
    work = fresh(os.path.abspath(args.work))
    prefix = os.path.join(work, "prefix")
    need(["cmake", "--install", args.build, "--prefix", prefix], "install")
    for f in ["lib/cmake/sailsim/SailsimDut.cmake", "lib/cmake/sailsim/sailsim_dut_glue.cmake", "lib/libsailsim_dut.a",
              "lib/libsailsim_replay_cli.a", "include/sailsim/dut/program.hpp", "include/sailsim/cli/replay_command.hpp"]:
        check(os.path.exists(os.path.join(prefix, f)), f"installed {f}")
    source = os.path.join(HERE, "..", "..", "examples", "byo-rtl")
    build = os.path.join(work, "example")
    need(["cmake", "-S", source, "-B", build, "-DCMAKE_PREFIX_PATH=" + prefix, "-DCMAKE_BUILD_TYPE=Release"],
         "examples/byo-rtl configures against the prefix")
    need(["cmake", "--build", build, "-j", "2"], "examples/byo-rtl builds")
    rc, out = run(["ctest", "--test-dir", build, "--output-on-failure"])
    check(rc == 0 and "100% tests passed, 0 tests failed out of 3" in out, f"the example's 3 tests pass (exit {rc}): {out[-2000:]!r}")
    out = need([os.path.join(build, "sram"), "ports"], "sram ports")
    check("top axi_sram, clock clk, reset rst_n (active low)" in out and "s_  slave   6  bound" in out,
          f"sram ports lists s_ with its 6-bit IDs: {out!r}")
    out = need([os.path.join(build, "pattern_master"), "--version"], "pattern_master --version")
    check(out.strip() == f"pattern_master (sailsim {args.version})", f"the program's version: {out.strip()!r}")
    snapshot = os.path.join(build, "pattern_master.snapshot")
    check(os.path.exists(snapshot) and "0x2000: " in open(snapshot).read(), "the master's snapshot was written")


def test_deb(args):
    work = fresh(os.path.abspath(args.work))
    out_dir = os.path.join(work, "deb")
    need(["cpack", "--config", os.path.join(args.build, "CPackConfig.cmake"), "-G", "DEB", "-B", out_dir], "cpack")
    debs = [f for f in os.listdir(out_dir) if f.endswith(".deb")]
    if not check(debs == [f"sailsim_{args.version}_amd64.deb"], f"one sailsim_{args.version}_amd64.deb: {debs}"):
        return
    deb = os.path.join(out_dir, debs[0])
    fields = {}
    for name in ["Package", "Version", "Architecture", "Depends", "Maintainer", "Description"]:
        fields[name] = need(["dpkg-deb", "-f", deb, name], "dpkg-deb -f " + name).strip()
    check(fields["Package"] == "sailsim", f"Package: {fields['Package']}")
    check(fields["Version"] == args.version, f"Version: {fields['Version']}")
    check(fields["Architecture"] == "amd64", f"Architecture: {fields['Architecture']}")
    check(fields["Maintainer"] != "" and fields["Description"] != "", "Maintainer and Description")
    depends = [d.strip() for d in fields["Depends"].split(",")]
    names = {re.split(r"[ (]", d)[0] for d in depends}
    for want in ["verilator (>= 5.006)", "cmake (>= 3.25)", "libyaml-cpp-dev", "libcli11-dev", "libssl-dev", "zlib1g-dev"]:
        check(want in depends, f"Depends has {want}: {fields['Depends']}")
    for want in ["libc6", "libstdc++6", "libyaml-cpp0.7", "libssl3", "zlib1g", "g++"]:
        check(want in names, f"Depends names {want}: {fields['Depends']}")

    files = [line.split()[-1] for line in need(["dpkg-deb", "-c", deb], "dpkg-deb -c").splitlines()]
    outside = [f for f in files if not f.startswith("./usr/") and f != "./"]
    check(not outside, f"every file under /usr: {outside[:5]}")
    for f in ["./usr/bin/sailsim", "./usr/lib/libsailsim.so", "./usr/lib/libsailsim_replay.a",
              "./usr/lib/cmake/sailsim/sailsimConfig.cmake", "./usr/include/sailsim.h",
              "./usr/include/sailsim/models/sail_top/Vsail_top.h", "./usr/lib/sailsim/ggml/libggml-base.so",
              "./usr/share/sailsim/vectors/" + SEQUENCE, "./usr/lib/cmake/sailsim/SailsimDut.cmake",
              "./usr/lib/cmake/sailsim/sailsim_dut_glue.cmake", "./usr/lib/libsailsim_dut.a",
              "./usr/include/sailsim/dut/program.hpp"]:
        check(f in files, f"the package holds {f}")

    rc, out = run(["dpkg", "--dry-run", "-i", deb])
    check(rc == 0, f"dpkg --dry-run -i: every dependency satisfied (exit {rc}): {out[-400:]!r}")
    root = os.path.join(work, "root")
    need(["dpkg-deb", "-x", deb, root], "dpkg-deb -x")
    version = need([os.path.join(root, "usr", "bin", "sailsim"), "--version"], "the packaged sailsim runs")
    check(version.strip() == "sailsim " + args.version, f"the packaged sailsim says {args.version}: {version!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["install", "example", "deb"])
    ap.add_argument("--build", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    {"install": test_install, "example": test_example, "deb": test_deb}[args.what](args)
    if failures:
        print(f"package_test {args.what}: {len(failures)} checks failed", file=sys.stderr)
        return 1
    print(f"package_test {args.what}: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

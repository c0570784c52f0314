// `sailsim replay` as a user runs it: exit codes, -j, --tag, --junit / --json, --record, the
// outputs (checked before simulating, write errors, --out) and the folder scan's filter.
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>
#include <gtest/gtest.h>

#include <map>

#include "cli/run_command.hpp"
#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/runner.hpp"
#include "support.hpp"

namespace sailsim::replay {
namespace {

using namespace testing;
using sailsim::testing::quoted;
using sailsim::testing::run_command;

std::string cli() { return quoted(SAILSIM_CLI_PATH); }

// The good sequences copied to a scratch folder.
std::filesystem::path good_copy(const std::string& name) {
  const auto dir = scratch(name);
  std::filesystem::copy(good(), dir, std::filesystem::copy_options::recursive);
  return dir;
}

// `sailsim replay ARGS` run with `dir` as the working directory.
sailsim::testing::CommandResult replay_in(const std::filesystem::path& dir, const std::string& args) {
  return run_command("cd " + quoted(dir.string()) + " && " + cli() + " replay " + args);
}

// Every file under `dir` with its size and modification time: equal listings, nothing
// was written there.
std::map<std::string, std::string> listing(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    files[e.path().string()] = std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
                               std::to_string(st.st_mtim.tv_nsec);
  }
  return files;
}

// The part of a run's output from the summary table on.
std::string summary(const std::string& output) { return output.substr(std::min(output.find("\nresult "), output.size())); }

TEST(ReplayCli, GoodFolderPasses) {
  const auto before = listing(good());
  const auto r = run_command(cli() + " replay -o " + quoted(scratch("cli-good").string()) + " " + quoted(good().string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("6 sequences: 6 passed"), std::string::npos) << r.output;
  EXPECT_EQ(listing(good()), before) << "sailsim replay wrote into the source tree";
}

TEST(ReplayCli, ParallelOutputEqualsSerial) {
  const std::string fail = quoted((sequences() / "fail").string());
  const std::string out = " -o " + quoted(scratch("cli-parallel").string()) + " ";
  const auto one = run_command(cli() + " replay -j 1" + out + quoted(good().string()) + " " + fail);
  const auto two = run_command(cli() + " replay -j 2" + out + quoted(good().string()) + " " + fail);
  EXPECT_EQ(one.exit_code, two.exit_code);
  EXPECT_EQ(one.output, two.output);
  EXPECT_EQ(one.exit_code, kBadInput) << one.output;  // bad_input.yaml is the most severe
}

TEST(ReplayCli, ExitCodesAndPrecedence) {
  const auto f = sequences() / "fail";
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "check_mismatch.yaml").string())).exit_code, 1);
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "hang.yaml").string())).exit_code, 3);
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "violation.yaml").string())).exit_code, 4);
  const auto bad = run_command(cli() + " replay " + quoted((f / "bad_input.yaml").string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad_input.yaml:4:"), std::string::npos) << bad.output;
  // 4 > 3 > 1
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "check_mismatch.yaml").string()) + " " +
                        quoted((f / "hang.yaml").string()) + " " + quoted((f / "violation.yaml").string()))
                .exit_code,
            4);
  EXPECT_EQ(run_command(cli() + " replay " + quoted((f / "check_mismatch.yaml").string()) + " " +
                        quoted((f / "hang.yaml").string()))
                .exit_code,
            3);
  EXPECT_EQ(run_command(cli() + " replay /no/such/path").exit_code, 2);
  EXPECT_EQ(run_command(cli() + " replay --seed banana " + quoted((f / "hang.yaml").string())).exit_code, 2);
}

TEST(ReplayCli, TagSelects) {
  const auto dir = good();
  const auto r = run_command(cli() + " replay --tag matmul -o " + quoted(scratch("cli-tag").string()) + " " + quoted(dir.string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2 sequences: 2 passed"), std::string::npos) << r.output;
  EXPECT_EQ(run_command(cli() + " replay --tag nothing-has-this " + quoted(dir.string())).exit_code, 2);
}

TEST(ReplayCli, JunitAndJsonAreWellFormed) {
  const auto dir = good();
  const auto out = scratch("cli-reports-out");
  const auto r = run_command(cli() + " replay -j 2 -o " + quoted(out.string()) + " --junit " + quoted((out / "r.xml").string()) + " --json " +
                             quoted((out / "r.json").string()) + " " + quoted(dir.string()) + " " +
                             quoted((sequences() / "fail" / "check_mismatch.yaml").string()));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const YAML::Node json = YAML::LoadFile((out / "r.json").string());  // JSON is YAML
  EXPECT_EQ(json["exit_code"].as<int>(), 1);
  ASSERT_EQ(json["sequences"].size(), 7u);
  EXPECT_EQ(json["sequences"][6]["result"].as<std::string>(), "FAIL");
  EXPECT_NE(json["sequences"][6]["report"].as<std::string>().find("ulp 1"), std::string::npos);
  const std::string xml = read_text(out / "r.xml");
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\"", 0), 0u);
  size_t cases = 0;
  for (size_t p = xml.find("<testcase "); p != std::string::npos; p = xml.find("<testcase ", p + 1)) ++cases;
  EXPECT_EQ(cases, 7u);
  EXPECT_NE(xml.find("tests=\"7\" failures=\"1\" errors=\"0\""), std::string::npos) << xml;
  size_t opens = 0, closes = 0;
  for (size_t p = xml.find("<failure"); p != std::string::npos; p = xml.find("<failure", p + 1)) ++opens;
  for (size_t p = xml.find("</failure>"); p != std::string::npos; p = xml.find("</failure>", p + 1)) ++closes;
  EXPECT_EQ(opens, 1u);
  EXPECT_EQ(closes, 1u);
  EXPECT_NE(xml.find("</testsuites>"), std::string::npos);
}

TEST(ReplayCli, RecordThenReplayGivesTheSameLog) {
  const auto dir = good_copy("cli-record");
  const auto rec = dir / "rec" / "matmul.recorded.yaml";
  std::filesystem::create_directories(rec.parent_path());
  const auto r = run_command(cli() + " replay --record " + quoted(rec.string()) + " " + quoted((dir / "matmul_regs.yaml").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto again = run_command(cli() + " replay " + quoted(rec.string()));
  EXPECT_EQ(again.exit_code, 0) << again.output << read_text(rec);
  // Large data went to files beside the recording.
  EXPECT_TRUE(std::filesystem::exists(rec.parent_path() / "matmul.recorded.0.bin"));
  EXPECT_EQ(run_command(cli() + " replay --record " + quoted(rec.string()) + " " + quoted(dir.string())).exit_code, 2);
}

TEST(ReplayCli, MalformedFolderIsExit2NamingEveryFile) {
  const auto dir = scratch("cli-malformed");
  write_text(dir / "a.yaml", "sailsim: 1\nname: a\nsteps:\n  - idle: {cycles: x}\n");
  write_text(dir / "b.yaml", "sailsim: 1\nname: b\nsteps:\n  - idle: {cycles: 1, extra: 2}\n");
  const auto r = run_command(cli() + " replay " + quoted(dir.string()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("a.yaml:4:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("b.yaml:4:"), std::string::npos) << r.output;
}

// --- outputs: checked before anything is simulated, every write error reported -----------

// A sequence whose snapshot step writes `file`.
std::filesystem::path snapshot_sequence(const std::filesystem::path& dir, const std::string& file) {
  write_text(dir / "snap.yaml", "sailsim: 1\nname: snap\nsteps:\n  - idle: {cycles: 2}\n  - snapshot: {file: " + file + "}\n");
  return dir / "snap.yaml";
}

// Exit 2 and nothing simulated, with one line naming the output and why.
void expect_refused(const sailsim::testing::CommandResult& r, const std::string& line) {
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(line), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was simulated"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("PASS"), std::string::npos) << r.output;
}

TEST(ReplayCli, OutputIntoAMissingFolderIsExit2BeforeSimulating) {
  const auto dir = scratch("cli-missing-folder");
  const std::string seq = " " + quoted((good() / "write_read.yaml").string());
  const std::string missing = (dir / "no-such-folder").string();
  for (const std::string opt : {"--json", "--junit", "--trace", "--record"}) {
    SCOPED_TRACE(opt);
    expect_refused(replay_in(dir, opt + " " + quoted(missing + "/out") + seq),
                   "cannot write " + opt + " " + missing + "/out");
    EXPECT_NE(replay_in(dir, opt + " " + quoted(missing + "/out") + seq).output.find("the folder " + missing + " does not exist"),
              std::string::npos);
  }
  expect_refused(replay_in(dir, quoted(snapshot_sequence(dir, "no-such-folder/s.yaml").string())),
                 "cannot write snapshot no-such-folder/s.yaml (" + (dir / "snap.yaml").string() + ":5:5): the folder no-such-folder does not exist");
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST(ReplayCli, OutputOntoADirectoryIsExit2BeforeSimulating) {
  const auto dir = scratch("cli-onto-dir");
  std::filesystem::create_directories(dir / "taken");
  const std::string seq = " " + quoted((good() / "write_read.yaml").string());
  for (const std::string opt : {"--json", "--junit", "--trace", "--record"}) {
    SCOPED_TRACE(opt);
    const auto r = replay_in(dir, opt + " taken" + seq);
    expect_refused(r, "cannot write " + opt + " taken");
    EXPECT_NE(r.output.find(": it is a directory\n"), std::string::npos) << r.output;
  }
  expect_refused(replay_in(dir, quoted(snapshot_sequence(dir, "taken").string())),
                 "cannot write snapshot taken (" + (dir / "snap.yaml").string() + ":5:5): it is a directory");
}

TEST(ReplayCli, WriteErrorOfEveryOutputIsExit2NamingThePathAndReason) {
  ASSERT_TRUE(std::filesystem::is_character_file("/dev/full")) << "this test needs the device /dev/full (ENOSPC on every write)";
  const auto dir = scratch("cli-dev-full");
  const std::string seq = " " + quoted((good() / "write_read.yaml").string());
  for (const std::string opt : {"--json", "--junit", "--record"}) {
    SCOPED_TRACE(opt);
    const auto r = replay_in(dir, opt + " /dev/full" + seq);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("sailsim replay: " + opt + ": cannot write /dev/full: No space left on device"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("exit code 2"), std::string::npos) << r.output;  // the count line agrees
  }
  const auto snap = replay_in(dir, quoted(snapshot_sequence(dir, "/dev/full").string()));
  EXPECT_EQ(snap.exit_code, 2) << snap.output;
  EXPECT_NE(snap.output.find("(snapshot, " + (dir / "snap.yaml").string() + ":5:5): cannot write /dev/full: No space left on device"),
            std::string::npos)
      << snap.output;
}

TEST(ReplayCli, TraceOntoAFileThatIsNotRegularIsExit2BeforeSimulating) {
  // The FST writer seeks, and unlinks its path before creating it: a FIFO (or, as root,
  // /dev/full) would be replaced by a regular file. Not tried on /dev/full for that reason.
  const auto dir = scratch("cli-trace-fifo");
  ASSERT_EQ(::mkfifo((dir / "t.fst").c_str(), 0644), 0);
  expect_refused(replay_in(dir, "--trace t.fst " + quoted((good() / "write_read.yaml").string())),
                 "cannot write --trace t.fst (" + (good() / "write_read.yaml").string() + "): it is a FIFO");
  EXPECT_TRUE(std::filesystem::is_fifo(dir / "t.fst"));
}

TEST(ReplayCli, TraceIsAReadableFst) {
  const auto dir = scratch("cli-trace");
  const auto r = replay_in(dir, "--trace t.fst " + quoted((good() / "write_read.yaml").string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GT(std::filesystem::file_size(dir / "t.fst"), 0u);
}

TEST(ReplayCli, TwoWritersOfOneFileOrAnInputAsOutputAreExit2) {
  const auto dir = scratch("cli-clash");
  const std::string seq = quoted((good() / "write_read.yaml").string());
  expect_refused(replay_in(dir, "--json r.out --junit r.out " + seq), "cannot write --junit r.out: also written by --json");
  expect_refused(replay_in(dir, "--json " + seq + " " + seq), "it is the input sequence");
}

TEST(ReplayCli, SnapshotsGoToTheWorkingDirectoryByDefaultAndToOut) {
  const auto before = listing(good());
  const auto cwd = scratch("cli-out-default");
  const std::string seq = quoted((good() / "write_read.yaml").string());
  EXPECT_EQ(replay_in(cwd, seq).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(cwd / "write_read.snapshot.yaml"));
  const auto out = scratch("cli-out-option");
  for (const std::string opt : {"-o ", "--out "}) {
    std::filesystem::remove(out / "write_read.snapshot.yaml");
    EXPECT_EQ(replay_in(cwd, opt + quoted(out.string()) + " " + seq).exit_code, 0);
    EXPECT_TRUE(std::filesystem::exists(out / "write_read.snapshot.yaml")) << opt;
  }
  EXPECT_EQ(listing(good()), before) << "sailsim replay wrote into the source tree";
  const auto bad = replay_in(cwd, "--out " + quoted((out / "missing").string()) + " " + seq);
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("--out " + (out / "missing").string() + ": no such folder"), std::string::npos) << bad.output;
}

// --- the folder scan -------------------------------------------------------------------------

TEST(ReplayCli, FolderRunTwiceGivesTheSameResult) {
  // Run from inside a copy of the folder, so that the snapshot lands among the sequences:
  // the second run skips it (and says so) instead of loading it as a sequence.
  const auto dir = good_copy("cli-twice");
  const auto first = replay_in(dir, ".");
  const auto second = replay_in(dir, ".");
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(summary(second.output), summary(first.output));
  EXPECT_NE(second.output.find("skipped ./write_read.snapshot.yaml: not a sequence (no top-level `sailsim:`)\n"),
            std::string::npos)
      << second.output;
}

TEST(ReplayCli, ScanSkipsWhatIsNotASequenceAndSaysSo) {
  const auto dir = scratch("cli-scan");
  write_text(dir / "a.yaml", "sailsim: 1\nname: a\nsteps:\n  - idle: {cycles: 1}\n");
  write_text(dir / "config.yaml", "memory: {read_latency: 5}\n");
  write_text(dir / "list.yaml", "- 1\n- 2\n");
  write_text(dir / "empty.yaml", "");
  const auto r = replay_in(dir, ".");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("skipped ./config.yaml: not a sequence (no top-level `sailsim:`)\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("skipped ./list.yaml: not a sequence"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("skipped ./empty.yaml: not a sequence"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 sequences: 1 passed"), std::string::npos) << r.output;
  // Malformed YAML is not clearly not a sequence: an input error, not a skip.
  write_text(dir / "broken.yaml", "sailsim: 1\nname: [b\n");
  const auto broken = replay_in(dir, ".");
  EXPECT_EQ(broken.exit_code, 2) << broken.output;
  EXPECT_EQ(broken.output.find("skipped ./broken.yaml"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("BAD INPUT ./broken.yaml:"), std::string::npos) << broken.output;
  // Nothing left after the skips: exit 2.
  std::filesystem::remove(dir / "a.yaml");
  std::filesystem::remove(dir / "broken.yaml");
  const auto none = replay_in(dir, ".");
  EXPECT_EQ(none.exit_code, 2) << none.output;
  EXPECT_NE(none.output.find("3 skipped: not sequences"), std::string::npos) << none.output;
}

TEST(ReplayCli, ExplicitFileThatIsNotASequenceIsExit2) {
  const auto dir = scratch("cli-explicit");
  write_text(dir / "config.yaml", "memory: {read_latency: 5}\n");
  const auto r = replay_in(dir, "config.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output.find("skipped"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("BAD INPUT config.yaml:1:1:"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sailsim::replay

// The programs sailsim_add_dut builds, run as a user runs them, on designs that are not
// sailsim's (examples/byo-rtl): exit codes, reports, bit-exact checks, logs, snapshots, the
// protocol checker on the DUT's own bug, runtime binding, and every input error a sequence or
// a ports file can make against a DUT.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "run_command.hpp"

namespace {

using sailsim::testing::quoted;
using sailsim::testing::read_text;
using sailsim::testing::run_command;

const std::string kExample = SAILSIM_EXAMPLE_DIR;
const std::string kSequences = kExample + "/sequences/";
const std::string kBad = std::string(SAILSIM_DUT_TEST_DIR) + "/sequences/";

sailsim::testing::CommandResult run(const std::string& program, const std::string& args) {
  return run_command(quoted(program) + " " + args);
}

TEST(DutProgram, SramSequencePassesBitExact) {
  const auto r = run(SAILSIM_DUT_SRAM, "replay " + quoted(kSequences + "sram.yaml"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("PASS"), std::string::npos) << r.output;
}

TEST(DutProgram, SramReadOfOtherDataFails) {
  const auto r = run(SAILSIM_DUT_SRAM, "replay " + quoted(kBad + "sram_wrong_expect.yaml"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("read data differs from expect"), std::string::npos) << r.output;
}

TEST(DutProgram, CheckerNamesTheDutsProtocolBug) {
  const auto good = run(SAILSIM_DUT_SRAM, "replay " + quoted(kSequences + "sram_long_read.yaml"));
  EXPECT_EQ(good.exit_code, 0) << good.output;
  const auto bug = run(SAILSIM_DUT_SRAM_BUG, "replay " + quoted(kSequences + "sram_long_read.yaml"));
  EXPECT_EQ(bug.exit_code, 4) << bug.output;
  EXPECT_NE(bug.output.find("RLAST_MISMATCH"), std::string::npos) << bug.output;
  EXPECT_NE(bug.output.find("s_"), std::string::npos) << bug.output;
}

TEST(DutProgram, MasterBoundAtRunTimeLeavesItsPatternInMemory) {
  const auto dir = sailsim::testing::fresh_dir("dut", "master");
  const auto r = run(SAILSIM_DUT_MASTER, "replay --ports " + quoted(kSequences + "master.ports.yaml") + " --out " +
                                             quoted(dir.string()) + " " + quoted(kSequences + "pattern_master.yaml"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const std::string snapshot = read_text(dir / "pattern_master.snapshot");
  EXPECT_NE(snapshot.find("port m_"), std::string::npos) << snapshot;
  // The first line of pattern(0): words 0xC0DE0000 .. 0xC0DE0007 (the line's value, high word first).
  EXPECT_NE(snapshot.find("0x1000: 0xc0de0007c0de0006c0de0005c0de0004c0de0003c0de0002c0de0001c0de0000"), std::string::npos) << snapshot;
}

TEST(DutProgram, MasterWithoutBindingsSaysHowToBind) {
  const auto r = run(SAILSIM_DUT_MASTER, "replay " + quoted(kSequences + "pattern_master.yaml"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no port of dut_example_master is bound"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("m_ (master)"), std::string::npos) << r.output;
}

TEST(DutProgram, AnyClockResetAndPrefix) {
  const auto r = run(SAILSIM_DUT_SRAM_ACLK, "replay " + quoted(kBad + "aclk_sram.yaml"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const auto ports = run(SAILSIM_DUT_SRAM_ACLK, "ports");
  EXPECT_NE(ports.output.find("clock aclk, reset areset (active high)"), std::string::npos) << ports.output;
  EXPECT_NE(ports.output.find("mem_  slave   6  bound"), std::string::npos) << ports.output;
}

TEST(DutProgram, WrongResetPolarityHoldsTheDesignInResetAndTheWatchdogSaysSo) {
  // Built with the reset taken as active low: the run drives areset high, so the memory
  // never leaves reset and never answers; the watchdog stops the run with the port's state.
  const auto r = run(SAILSIM_DUT_SRAM_ACLK_WRONG, "replay " + quoted(kBad + "aclk_sram.yaml"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("the watchdog fired"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mem_"), std::string::npos) << r.output;
}

TEST(DutProgram, SeveralSlavePortsEachDrivenByName) {
  const auto r = run(SAILSIM_DUT_SRAM_PAIR, "replay " + quoted(kBad + "pair.yaml"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const auto unnamed = run(SAILSIM_DUT_SRAM_PAIR, "replay " + quoted(kBad + "pair_unnamed.yaml"));
  EXPECT_EQ(unnamed.exit_code, 2) << unnamed.output;
  EXPECT_NE(unnamed.output.find("pair_unnamed.yaml:6:5): read must say which slave port it drives (port: NAME): the ports of "
                                "the DUT dut_sram_pair (top axi_sram_pair) are s0_ (slave), s1_ (slave)"),
            std::string::npos)
      << unnamed.output;
  // --record keeps one slave port's traffic: refused rather than half a recording.
  const auto dir = sailsim::testing::fresh_dir("dut", "pair-record");
  const auto rec = run(SAILSIM_DUT_SRAM_PAIR, "replay --record " + quoted((dir / "rec.yaml").string()) + " " + quoted(kBad + "pair.yaml"));
  EXPECT_EQ(rec.exit_code, 2) << rec.output;
  EXPECT_NE(rec.output.find("--record writes one slave port's traffic, and the DUT dut_sram_pair (top axi_sram_pair) has 2"),
            std::string::npos)
      << rec.output;
}

TEST(DutProgram, RecordingOfADutReplaysToTheSameCycles) {
  // IDs of 6 bits (63): the recording is format 1.1.
  const auto dir = sailsim::testing::fresh_dir("dut", "record");
  const std::string rec = (dir / "rec.yaml").string();
  const auto first = run(SAILSIM_DUT_SRAM_ACLK, "replay --record " + quoted(rec) + " " + quoted(kBad + "aclk_sram.yaml"));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(read_text(rec).find("\nsailsim: 1.1\n"), std::string::npos) << read_text(rec);
  const auto again = run(SAILSIM_DUT_SRAM_ACLK, "replay " + quoted(rec));
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find(", 18 cycles"), std::string::npos) << again.output;
  EXPECT_NE(first.output.find(", 18 cycles"), std::string::npos) << first.output;
}

TEST(DutProgram, SailsimRegressRunsTheDutsSequences) {
  // A nightly plan whose groups name the DUT programs (`sailsim:`): the runs, the verdicts,
  // the triage and the reports are sailsim regress's own.
  const auto dir = sailsim::testing::fresh_dir("dut", "regress");
  const std::string plan = (dir / "plan.yaml").string();
  {
    std::ofstream out(plan);
    out << "sailsim_regress: 1\ngroups:\n"
        << "  - name: sram\n    sequences: [" << kSequences << "sram.yaml, " << kSequences << "sram_long_read.yaml]\n"
        << "    sailsim: " << SAILSIM_DUT_SRAM << "\n"
        << "  - name: sram_bug\n    sequences: [" << kSequences << "sram_long_read.yaml]\n"
        << "    sailsim: " << SAILSIM_DUT_SRAM_BUG << "\n";
  }
  const auto r = run(SAILSIM_CLI_PATH, "regress " + quoted(plan) + " --out " + quoted((dir / "out").string()) + " -j 1");
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("3 runs: 2 passed, 1 failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("VIOLATION  sram_bug.0"), std::string::npos) << r.output;
  EXPECT_NE(read_text(dir / "out" / "junit.xml").find("sram_bug.0"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "failures" / "sram_bug.0" / "repro.sh"));
}

TEST(DutProgram, PortsListsTheDesignsPorts) {
  const auto r = run(SAILSIM_DUT_SRAM, "ports");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("top axi_sram, clock clk, reset rst_n (active low)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("s_  slave   6  bound"), std::string::npos) << r.output;
}

#ifdef SAILSIM_DUT_SAIL_TOP
// The summary line of a one-sequence replay: "PASS  NAME  (FILE): S of S steps, C cycles".
std::string pass_line(const std::string& output) {
  std::smatch m;
  static const std::regex kLine(R"(^PASS  \S+  \(.*\): (\d+ of \d+ steps, \d+ cycles)$)", std::regex::multiline);
  return std::regex_search(output, m, kLine) ? m[1].str() : "";
}

TEST(DutProgram, SailTopThroughTheGenericBindingTakesTheSailCardsCycles) {
  const std::string seq = quoted(kBad + "sail_top_poll.yaml");
  const auto generic = run(SAILSIM_DUT_SAIL_TOP, "replay " + seq);
  const auto card = run(SAILSIM_CLI_PATH, "replay " + seq);
  ASSERT_EQ(generic.exit_code, 0) << generic.output;
  ASSERT_EQ(card.exit_code, 0) << card.output;
  const std::string line = pass_line(card.output);
  ASSERT_FALSE(line.empty()) << card.output;
  EXPECT_EQ(pass_line(generic.output), line) << generic.output;
}

TEST(DutProgram, OnePortsMemorySettingsByItsNameOnEitherBinding) {
  // config.memory.ports: slower reads for the one memory port, named m_ on the generic
  // binding and ddr on the Sail card: the same cycles on both, and more than without.
  const auto base = run(SAILSIM_CLI_PATH, "replay " + quoted(kBad + "sail_top_poll.yaml"));
  const auto generic = run(SAILSIM_DUT_SAIL_TOP, "replay " + quoted(kBad + "sail_top_poll_slow_m.yaml"));
  const auto card = run(SAILSIM_CLI_PATH, "replay " + quoted(kBad + "sail_top_poll_slow_ddr.yaml"));
  ASSERT_EQ(generic.exit_code, 0) << generic.output;
  ASSERT_EQ(card.exit_code, 0) << card.output;
  const std::string line = pass_line(card.output);
  EXPECT_FALSE(line.empty()) << card.output;
  EXPECT_EQ(pass_line(generic.output), line) << generic.output;
  EXPECT_NE(pass_line(base.output), line) << base.output;
  // A recording keeps the port's own settings (format 1.1): the same cycles again.
  const auto dir = sailsim::testing::fresh_dir("dut", "record-ports");
  const std::string rec = (dir / "rec.yaml").string();
  ASSERT_EQ(run(SAILSIM_CLI_PATH, "replay --record " + quoted(rec) + " " + quoted(kBad + "sail_top_poll_slow_ddr.yaml")).exit_code, 0);
  const auto replayed = run(SAILSIM_CLI_PATH, "replay " + quoted(rec));
  EXPECT_EQ(replayed.exit_code, 0) << replayed.output;
  EXPECT_EQ(pass_line(replayed.output).substr(pass_line(replayed.output).find(',')), line.substr(line.find(',')))
      << replayed.output;
  // Each name belongs to its own binding.
  EXPECT_EQ(run(SAILSIM_DUT_SAIL_TOP, "replay " + quoted(kBad + "sail_top_poll_slow_ddr.yaml")).exit_code, 2);
  EXPECT_EQ(run(SAILSIM_CLI_PATH, "replay " + quoted(kBad + "sail_top_poll_slow_m.yaml")).exit_code, 2);
}
#endif

struct BadCase {
  const char* name;
  const char* program;
  std::string args;
  const char* message;
};

// A sequence of tests/dut/sequences named NAME.yaml, on the memory's program.
BadCase sram_sequence(const char* name, const char* message) {
  return {name, SAILSIM_DUT_SRAM, "replay " + quoted(kBad + name + ".yaml"), message};
}

class DutBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(DutBadInput, ExitTwoNamingTheProblem) {
  const BadCase& c = GetParam();
  const auto r = run(c.program, c.args);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DutBadInput,
    ::testing::Values(
        sram_sequence("unknown_port",
                      "unknown_port.yaml:8:5): no slave port 's9' to drive: the ports of the DUT dut_example_sram (top axi_sram) are s_ (slave)"),
        sram_sequence("sail_only_wait",
                      "wait until irq needs the Sail top, and the DUT dut_example_sram (top axi_sram) is another design"),
        sram_sequence("sail_only_ioctl",
                      "ioctl steps and config.driver: shim need the Sail card"),
        sram_sequence("id_too_wide",
                      "id 64 does not fit the 6-bit IDs of port s_"),
        sram_sequence("no_memory",
                      "check needs a memory (a master port)"),
        sram_sequence("port_in_format_1_0",
                      "port_in_format_1_0.yaml:6:19: write port: is format 1.1"),
        sram_sequence("config_ports_unknown",
                      "config_ports_unknown.yaml:7:7: config.memory ports names 'm_', which is not a master port with a memory"),
        sram_sequence("config_ports_format_1_0",
                      "config_ports_format_1_0.yaml:5:19: config.memory ports: is format 1.1"),
        BadCase{"ports_file_wrong_role", SAILSIM_DUT_SRAM, "replay --ports " + quoted(kBad + "wrong_role.ports.yaml") + " " + quoted(kSequences + "sram.yaml"),
                "port s_ of axi_sram is a slave port (its awvalid is an input), not a master port"},
        BadCase{"ports_file_unknown_prefix", SAILSIM_DUT_MASTER, "replay --ports " + quoted(kBad + "unknown_prefix.ports.yaml") + " " + quoted(kSequences + "pattern_master.yaml"),
                "no AXI4 port 'ddr_' on axi_pattern_master: its ports are m_ (master)"},
        BadCase{"ports_file_bad_key", SAILSIM_DUT_MASTER, "replay --ports " + quoted(kBad + "bad_key.ports.yaml") + " " + quoted(kSequences + "pattern_master.yaml"),
                "bad_key.ports.yaml:3:32: unknown key 'width': expected prefix or role"}),
    [](const ::testing::TestParamInfo<BadCase>& param_info) { return std::string(param_info.param.name); });

}  // namespace

// `sailsim regress` and functional coverage: the night's bins are the sum of what its replay
// runs hit (checked against `sailsim replay --functional-coverage` of the same runs), the
// holes are listed with the groups that feed them, and --until-covered adds seeds to those
// groups within its budget.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>

#include "cli/run_command.hpp"
#include "sailsim/fcov/counts.hpp"
#include "sailsim/fcov/model.hpp"
#include "sailsim/regression/seed.hpp"

namespace fs = std::filesystem;
using sailsim::testing::CommandResult;
using sailsim::testing::read_text;
using sailsim::testing::run_command;

namespace {

const fs::path kSailsim = SAILSIM_CLI_PATH;
const fs::path kSource = SAILSIM_SOURCE_DIR;

fs::path scratch(const std::string& name) { return sailsim::testing::fresh_dir("fcov", name); }

CommandResult sailsim(const std::string& args, int seconds = 300) {
  return run_command("timeout -k 2 " + std::to_string(seconds) + " " + kSailsim.string() + " " + args);
}

// A sequences group of two bundled sequences and a gen group of two matmul seeds.
fs::path write_plan(const fs::path& dir, bool with_gen = true) {
  std::ofstream(dir / "plan.yaml") << "sailsim_regress: 1\ngroups:\n"
                                   << "  - {name: seqs, sequences: [" << (kSource / "vectors/sequences/resp_errors.yaml").string()
                                   << ", " << (kSource / "vectors/sequences/driver_four_phase.yaml").string() << "]}\n"
                                   << (with_gen ? "  - {name: mm, gen: matmul, seeds: 2}\n" : "");
  return dir / "plan.yaml";
}

TEST(RegressFunctionalCoverage, TheNightIsTheSumOfItsRunsAsReplayCountsThem) {
  const fs::path dir = scratch("sum");
  const CommandResult r = sailsim("regress " + write_plan(dir).string() + " --out " + (dir / "out").string() + " -j 2 --seed 5");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const sailsim::fcov::Counts night = sailsim::fcov::Counts::read(dir / "out/functional-coverage/night.txt");
  // Each run again, by hand: the same input and seed through `sailsim replay`.
  sailsim::fcov::Counts by_hand, seqs;
  const YAML::Node results = YAML::LoadFile((dir / "out/results.json").string());
  for (const auto& run : results["runs"]) {
    const std::string name = run["name"].as<std::string>();
    fs::path input = run["input"].as<std::string>();
    if (run["group"].as<std::string>() == "mm") {
      input = dir / (name + ".yaml");
      const CommandResult g = sailsim("gen matmul --seed " + run["seed"].as<std::string>() + " -o " + input.string());
      ASSERT_EQ(g.exit_code, 0) << g.output;
    }
    const fs::path file = dir / (name + ".fcov");
    const CommandResult one = sailsim("replay --seed " + run["seed"].as<std::string>() + " --functional-coverage " +
                                      file.string() + " -o " + dir.string() + " " + input.string());
    ASSERT_EQ(one.exit_code, 0) << one.output;
    const auto counts = sailsim::fcov::Counts::read(file);
    by_hand.merge(counts);
    if (run["group"].as<std::string>() == "seqs") seqs.merge(counts);
  }
  EXPECT_EQ(night, by_hand);
  EXPECT_EQ(sailsim::fcov::Counts::read(dir / "out/functional-coverage/groups/seqs.txt"), seqs);
  // results.json: the totals, every point, and the holes, which are the bins the night missed.
  const YAML::Node fc = results["functional_coverage"];
  EXPECT_EQ(fc["bins"].as<size_t>(), sailsim::fcov::bin_count());
  EXPECT_EQ(fc["hit"].as<size_t>(), night.bins_hit());
  EXPECT_GT(night.get("ioctl.result", "WORK_SUBMIT/0"), 0u);  // the driver sequence
  EXPECT_GT(night.get("host.read.resp", "SLVERR"), 0u);       // resp_errors
  const auto holes = night.holes();
  ASSERT_EQ(fc["holes"].size(), holes.size());
  for (size_t i = 0; i < holes.size(); ++i) {
    EXPECT_EQ(fc["holes"][i]["point"].as<std::string>(), holes[i].point);
    EXPECT_EQ(fc["holes"][i]["bin"].as<std::string>(), holes[i].bin);
  }
  EXPECT_NE(r.output.find("functional coverage: " + std::to_string(night.bins_hit()) + " of " +
                          std::to_string(sailsim::fcov::bin_count()) + " bins"),
            std::string::npos)
      << r.output;
}

// A bin no run reaches is a hole: the night of the sequences alone hits no job.k_blocks bin of
// 128 blocks (no sequence has that K), and no gen group feeds it.
TEST(RegressFunctionalCoverage, AnUnreachedBinIsAHoleWithoutFeeders) {
  const fs::path dir = scratch("hole");
  const CommandResult r =
      sailsim("regress " + write_plan(dir, false).string() + " --out " + (dir / "out").string() + " --until-covered 10");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const YAML::Node fc = YAML::LoadFile((dir / "out/results.json").string())["functional_coverage"];
  bool found = false;
  for (const auto& h : fc["holes"]) {
    EXPECT_EQ(h["feeders"].size(), 0u) << "no gen group, no feeder";
    found = found || (h["point"].as<std::string>() == "job.k_blocks" && h["bin"].as<std::string>() == "128");
  }
  EXPECT_TRUE(found);
  // Nothing could feed a hole: --until-covered added nothing.
  EXPECT_EQ(fc["until_covered"]["runs_added"].as<int>(), 0);
  EXPECT_EQ(fc["until_covered"]["rounds"].as<int>(), 0);
  EXPECT_EQ(YAML::LoadFile((dir / "out/results.json").string())["runs"].size(), 2u);
}

TEST(RegressFunctionalCoverage, UntilCoveredAddsSeedsToTheFeedingGroupsWithinTheBudget) {
  const fs::path dir = scratch("until");
  const CommandResult r = sailsim("regress " + write_plan(dir).string() + " --out " + (dir / "out").string() +
                                  " -j 2 --seed 5 --until-covered 3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const YAML::Node results = YAML::LoadFile((dir / "out/results.json").string());
  const YAML::Node until = results["functional_coverage"]["until_covered"];
  // Matmul seeds cannot hit the driver's or the error sequences' bins (holes of other
  // points stay), but the job.* holes are fed by mm: the whole budget goes to it, in rounds of
  // its own seed count (2), the last one cut to what is left.
  EXPECT_EQ(until["budget"].as<int>(), 3);
  EXPECT_EQ(until["runs_added"].as<int>(), 3);
  EXPECT_EQ(until["rounds"].as<int>(), 2);
  EXPECT_EQ(until["added"]["mm"].as<int>(), 3);
  const YAML::Node runs = results["runs"];
  ASSERT_EQ(runs.size(), 2u + 2u + 3u);
  // The added runs continue the group's indices with the seeds a larger --seeds would give.
  for (uint64_t i = 2; i < 5; ++i) {
    const YAML::Node run = runs[2 + i];
    EXPECT_EQ(run["name"].as<std::string>(), "mm." + std::to_string(i));
    EXPECT_EQ(run["seed"].as<std::string>(), std::to_string(sailsim::regression::derive_seed(5, "mm", i)));
    EXPECT_EQ(run["result"].as<std::string>(), "PASS");
  }
  EXPECT_NE(r.output.find("until covered: round 1: "), std::string::npos) << r.output;
  // And the bins of the night include the added runs': never fewer than without them.
  const fs::path plain = scratch("until-plain");
  ASSERT_EQ(sailsim("regress " + write_plan(plain).string() + " --out " + (plain / "out").string() + " -j 2 --seed 5").exit_code, 0);
  EXPECT_GE(results["functional_coverage"]["hit"].as<int>(),
            YAML::LoadFile((plain / "out/results.json").string())["functional_coverage"]["hit"].as<int>());
}

TEST(RegressFunctionalCoverage, UntilCoveredNeedsTheWholeNight) {
  const fs::path dir = scratch("refused");
  for (const char* other : {"--shard 1/2", "--merge a b", "--launcher slurm --shards 2"}) {
    const CommandResult r = sailsim("regress " + write_plan(dir).string() + " --out " + (dir / "out").string() +
                                    " --until-covered 5 " + other);
    EXPECT_EQ(r.exit_code, 2) << other;
    EXPECT_NE(r.output.find("--until-covered needs the whole night in one place"), std::string::npos) << r.output;
  }
  const CommandResult zero = sailsim("regress " + write_plan(dir).string() + " --out " + (dir / "out").string() + " --until-covered 0");
  EXPECT_EQ(zero.exit_code, 2) << zero.output;
  EXPECT_NE(zero.output.find("--until-covered"), std::string::npos) << zero.output;
}

TEST(ReplayFunctionalCoverage, AnUnwritableFileIsABadInputBeforeAnythingRuns) {
  const CommandResult r = sailsim("replay --functional-coverage /nonexistent-dir/f.txt " +
                                  (kSource / "vectors/sequences/resp_errors.yaml").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--functional-coverage"), std::string::npos) << r.output;
}

}  // namespace

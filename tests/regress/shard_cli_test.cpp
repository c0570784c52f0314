// Shards: `--shard I/N` slices are disjoint and their union is the plan, and `--merge` of the
// shard folders writes the reports a local run of the same plan and seeds writes (results,
// buckets, JUnit, dashboard; failure folders and waves), with a shard that never reported
// marked MISSING, and folders of another plan, order or seed refused.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/run_command.hpp"
#include "regress/comparable_report.hpp"
#include "sailsim/regression/shard.hpp"

namespace fs = std::filesystem;
using sailsim::testing::CommandResult;
using sailsim::testing::read_text;
using sailsim::testing::comparable_report;
using sailsim::testing::run_command;

namespace {

const fs::path kSailsim = SAILSIM_CLI_PATH;
const fs::path kSource = SAILSIM_SOURCE_DIR;

CommandResult sailsim(const std::string& args) {
  return run_command("timeout -k 2 300 " + kSailsim.string() + " regress " + args);
}

std::vector<std::string> run_names(const fs::path& results) {
  std::vector<std::string> names;
  for (const auto& r : YAML::LoadFile(results.string())["runs"]) names.push_back(r["name"].as<std::string>());
  return names;
}

std::set<std::string> waves(const fs::path& out) {
  std::set<std::string> w;
  if (!fs::exists(out / "failures")) return w;
  for (const auto& d : fs::directory_iterator(out / "failures"))
    if (fs::exists(d.path() / "wave.fst")) w.insert(d.path().filename().string());
  return w;
}

class Shards : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sailsim-shards-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const fs::path neg = kSource / "vectors/expected-failures";
    // Passing and failing sequences, a gen group, and one failure in three groups (one bucket
    // spread over three shards: the merge must keep only the waves a local run makes).
    std::ofstream(dir_ / "plan.yaml")
        << "sailsim_regress: 1\ngroups:\n"
        << "  - {name: timing, sequences: [" << (kSource / "vectors/sequences/timing").string() << "]}\n"
        << "  - {name: neg, sequences: [" << neg.string() << "]}\n"
        << "  - {name: gen, gen: matmul, seeds: 3}\n"
        << "  - {name: dup1, sequences: [" << (neg / "check_mismatch_fused.yaml").string() << "]}\n"
        << "  - {name: dup2, sequences: [" << (neg / "check_mismatch_fused.yaml").string() << "]}\n"
        << "  - {name: dup3, sequences: [" << (neg / "check_mismatch_fused.yaml").string() << "]}\n";
    plan_ = (dir_ / "plan.yaml").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string plan_;
  const std::string flags_ = " --seed 11 --max-waves 1";
};

TEST(ShardSlices, AreDisjointAndTheirUnionIsThePlan) {
  for (uint64_t runs = 0; runs <= 40; ++runs) {
    for (uint64_t n = 1; n <= 12; ++n) {
      std::vector<int> owners(runs, 0);
      for (uint64_t i = 1; i <= n; ++i)
        for (uint64_t r = 0; r < runs; ++r) owners[r] += sailsim::regression::in_shard(r, {i, n}) ? 1 : 0;
      for (uint64_t r = 0; r < runs; ++r) ASSERT_EQ(owners[r], 1) << "run " << r << " of " << runs << ", " << n << " shards";
    }
  }
}

TEST(ShardSlices, BadSpecsAreRefused) {
  sailsim::regression::ShardSpec s;
  EXPECT_EQ(sailsim::regression::parse_shard("2/4", s), "");
  EXPECT_EQ(s.index, 2u);
  EXPECT_EQ(s.count, 4u);
  for (const char* bad : {"0/4", "5/4", "1/0", "x", "1/", "/4", "1/4/2", "-1/4", "1/10001", " 1/4"})
    EXPECT_NE(sailsim::regression::parse_shard(bad, s), "") << bad;
}

TEST_F(Shards, MergeOfThreeShardsEqualsALocalRun) {
  const fs::path local = dir_ / "local";
  const CommandResult l = sailsim(plan_ + " --out " + local.string() + flags_ + " -j 2");
  ASSERT_EQ(l.exit_code, 2) << l.output;  // bad_input_axi_data is the most severe
  const std::vector<std::string> all = run_names(local / "results.json");
  ASSERT_EQ(all.size(), 14u);

  std::vector<std::string> folders;
  std::multiset<std::string> union_of_slices;
  for (int i = 1; i <= 3; ++i) {
    const fs::path out = dir_ / "shards" / std::to_string(i);
    const CommandResult r = sailsim(plan_ + " --out " + out.string() + " --shard " + std::to_string(i) + "/3" + flags_);
    ASSERT_TRUE(fs::exists(out / "shard.json")) << r.output;
    EXPECT_NE(r.output.find("(shard " + std::to_string(i) + "/3 of 14)"), std::string::npos) << r.output;
    for (const auto& n : run_names(out / "results.json")) union_of_slices.insert(n);
    folders.push_back(out.string());
  }
  EXPECT_EQ(union_of_slices, std::multiset<std::string>(all.begin(), all.end()));
  // The bucket of check_mismatch_fused (neg.1, dup1.0, dup2.0, dup3.0: runs 4, 11, 12, 13) is
  // spread over all three shards, and each shard waved its own first run of it; a local run
  // waves neg.1 only (--max-waves 1).
  EXPECT_TRUE(fs::exists(dir_ / "shards/2/failures/neg.1/wave.fst"));
  EXPECT_TRUE(fs::exists(dir_ / "shards/3/failures/dup1.0/wave.fst"));
  EXPECT_TRUE(fs::exists(dir_ / "shards/1/failures/dup2.0/wave.fst"));

  const fs::path merged = dir_ / "merged";
  std::string list;
  for (const auto& f : folders) list += " " + f;
  const CommandResult m = sailsim(plan_ + " --out " + merged.string() + flags_ + " --merge" + list);
  EXPECT_EQ(m.exit_code, l.exit_code) << m.output;
  for (const char* file : {"results.json", "buckets.json", "junit.xml", "index.html"}) {
    SCOPED_TRACE(file);
    EXPECT_EQ(comparable_report(merged / file, merged), comparable_report(local / file, local));
  }
  EXPECT_EQ(waves(merged), waves(local));
  // Functional coverage: the shards' per-group counts add up to the local night's.
  const std::string night = read_text(local / "functional-coverage/night.txt");
  EXPECT_NE(night.find("\nqueue.submit accepted "), std::string::npos) << night;
  EXPECT_EQ(read_text(merged / "functional-coverage/night.txt"), night);
  for (const char* group : {"timing", "neg", "gen", "dup1"}) {
    const std::string f = std::string("functional-coverage/groups/") + group + ".txt";
    EXPECT_EQ(read_text(merged / f), read_text(local / f)) << f;
  }
  EXPECT_TRUE(waves(local).count("neg.1"));
  for (const char* run : {"dup1.0", "dup2.0", "dup3.0"}) EXPECT_FALSE(waves(local).count(run)) << run;
  // The merged failure folders reproduce from where they are.
  const CommandResult repro = run_command("sh " + (merged / "failures/neg.0/repro.sh").string());
  EXPECT_EQ(repro.exit_code, 2) << repro.output;
}

TEST_F(Shards, AShardThatNeverReportedIsMarkedMissing) {
  std::string list;
  for (int i = 1; i <= 3; ++i) {
    const fs::path out = dir_ / "shards" / std::to_string(i);
    if (i != 2) sailsim(plan_ + " --out " + out.string() + " --shard " + std::to_string(i) + "/3" + flags_);
    list += " " + out.string();
  }
  const fs::path merged = dir_ / "merged";
  const CommandResult m = sailsim(plan_ + " --out " + merged.string() + flags_ + " --merge" + list);
  EXPECT_EQ(m.exit_code, 2) << m.output;
  const YAML::Node runs = YAML::LoadFile((merged / "results.json").string())["runs"];
  ASSERT_EQ(runs.size(), 14u);
  size_t missing = 0;
  for (size_t i = 0; i < runs.size(); ++i) {
    const bool of_shard_2 = i % 3 == 1;
    SCOPED_TRACE(runs[i]["name"].as<std::string>());
    if (of_shard_2) {
      ++missing;
      EXPECT_EQ(runs[i]["result"].as<std::string>(), "MISSING");
      EXPECT_EQ(runs[i]["exit_code"].as<int>(), 1);
      EXPECT_EQ(runs[i]["signature"].as<std::string>(),
                "MISSING: shard 2/3 never reported (no " + (dir_ / "shards/2/shard.json").string() + ")");
    } else {
      EXPECT_NE(runs[i]["result"].as<std::string>(), "MISSING");
    }
  }
  EXPECT_EQ(missing, 5u);  // runs 1, 4, 7, 10, 13
  // Their functional coverage is missing too, and says so.
  std::vector<std::string> without;
  for (const auto& n : YAML::LoadFile((merged / "results.json").string())["functional_coverage"]["runs_without"])
    without.push_back(n.as<std::string>());
  std::vector<std::string> want;
  for (size_t i = 1; i < runs.size(); i += 3) want.push_back(runs[i]["name"].as<std::string>());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(without, want);
  // One bucket for the missing shard, whose repro is the shard's own command.
  bool found = false;
  for (const auto& b : YAML::LoadFile((merged / "buckets.json").string())["buckets"]) {
    if (b["signature"].as<std::string>().rfind("MISSING: shard 2/3", 0) != 0) continue;
    found = true;
    EXPECT_EQ(b["count"].as<int>(), 5);
    EXPECT_NE(b["repro"].as<std::string>().find("--shard 2/3 --seed 11"), std::string::npos);
  }
  EXPECT_TRUE(found);
  EXPECT_NE(read_text(merged / "junit.xml").find("type=\"MISSING\""), std::string::npos);
}

TEST_F(Shards, FoldersOfAnotherOrderPlanOrSeedAreRefused) {
  for (int i = 1; i <= 2; ++i)
    sailsim(plan_ + " --out " + (dir_ / std::to_string(i)).string() + " --shard " + std::to_string(i) + "/2" + flags_);
  const std::string one = (dir_ / "1").string(), two = (dir_ / "2").string();
  const fs::path merged = dir_ / "merged";
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases = {
      {flags_ + " --merge " + two + " " + one, "shard 2/2, but it is --merge folder 1 of 2"},
      {" --seed 12 --max-waves 1 --merge " + one + " " + two, "ran with --seed 11, the merge has 12"},
      {flags_ + " --merge " + one, "shard 1/2, but it is --merge folder 1 of 1"},
      {flags_ + " --merge " + (dir_ / "none1").string() + " " + (dir_ / "none2").string(), "no shard reported"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const CommandResult r = sailsim(plan_ + " --out " + merged.string() + c.args);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
  // Another plan.
  std::ofstream(dir_ / "plan.yaml", std::ios::app) << "  - {name: more, gen: queue, seeds: 1}\n";
  const CommandResult r = sailsim(plan_ + " --out " + merged.string() + flags_ + " --merge " + one + " " + two);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("a run of another plan"), std::string::npos) << r.output;
  // Bad settings of the options themselves.
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {" --shard 4/3", "--shard 4/3: I must be from 1 to N (3)"},
           {" --shard 1/3 --merge " + one, "exclude each other"},
           {" --shard 1/3 --history " + (dir_ / "h.sqlite").string(), "a --shard takes no --history"},
           {" --launcher slurm", "--launcher slurm needs --shards N"},
           {" --shards 2", "belong to --launcher slurm"}}) {
    SCOPED_TRACE(args);
    const CommandResult b = sailsim(plan_ + " --out " + merged.string() + args);
    EXPECT_EQ(b.exit_code, 2) << b.output;
    EXPECT_NE(b.output.find(message), std::string::npos) << b.output;
  }
}

}  // namespace

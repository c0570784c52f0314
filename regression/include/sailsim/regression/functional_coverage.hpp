// The night's functional coverage (sailsim::fcov, docs/functional-coverage.md): every replay
// run writes the bins it hit; they are summed per group as the runs end, written to
// DIR/functional-coverage/ (one file per group and the night's sum, the files shards are
// merged from) and summarized in results.json with the holes and the groups that feed them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sailsim/fcov/counts.hpp"

namespace sailsim::regression {

struct NightFunctional {
  std::map<std::string, fcov::Counts> by_group;  // replay groups with at least one report
  std::vector<std::string> runs_without;         // replay runs that left no (readable) file

  fcov::Counts total() const;
  // Folds in DIR/fcov.txt of a finished run of `group` and removes it; false if it is missing
  // or unreadable (the run then counts in runs_without).
  bool add_run(const std::string& group, const std::string& run, const std::filesystem::path& file);
};

// A bin no run hit, and its feeders: the gen groups whose runs hit another bin of its point
// of the same family (before the first '/': the same burst type, ioctl command, operand; any
// bin of a point whose bins have no '/'). More seeds of them may reach it (--until-covered).
// No feeder: no generator of the plan comes near it; a knob or a sequence is the fix.
struct FedHole {
  fcov::Hole hole;
  std::vector<std::string> feeders;  // in plan order
};
std::vector<FedHole> fed_holes(const NightFunctional& night, const std::vector<std::string>& gen_groups);

// What --until-covered did.
struct UntilCovered {
  uint64_t budget = 0;      // runs it could add
  unsigned rounds = 0;
  uint64_t runs_added = 0;
  std::map<std::string, uint64_t> added;  // by group
};

// The "functional_coverage" object of results.json: totals, every point's bins with their
// hits and the groups that hit them, the holes with their feeders, and --until-covered.
std::string functional_json(const NightFunctional& night, const std::vector<std::string>& gen_groups,
                            const UntilCovered* until);

// DIR/functional-coverage/: night.txt (the sum) and groups/<group>.txt. "" or the problem.
std::string write_functional(const std::filesystem::path& out, const NightFunctional& night);
// A shard's groups/ files, summed into `night`; throws fcov::FcovError naming a bad file.
void read_functional_groups(const std::filesystem::path& out, NightFunctional& night);

// "functional coverage: 250 of 301 bins (83.06%), 51 holes (DIR/functional-coverage/night.txt)".
std::string functional_summary(const NightFunctional& night, const std::filesystem::path& out);

}  // namespace sailsim::regression

// A regression plan (docs/regress.md): named groups of runs. Every problem in a plan file is
// a vecset::InputError at its file:line:column (exit code 2); nothing runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sailsim::regression {

struct Limits {
  uint64_t wall_seconds = 600;  // the child's process group is killed after this
  uint64_t memory_mib = 4096;   // RLIMIT_AS of the child
};

enum class GroupKind { Gen, Sequences, Vectors, Ctest, Sweep };

struct Group {
  std::string name;  // [A-Za-z0-9_.-]+, unique in the plan
  GroupKind kind = GroupKind::Sequences;
  std::string gen_kind;                                // Gen: `sailsim gen KIND`; Sweep: `sailsim sweep KIND`
  uint64_t seeds = 0;                                  // Gen, Sweep: runs before --seeds scaling
  std::vector<std::pair<std::string, std::string>> knobs;  // Gen, Sweep: passed as --KEY VALUE
  std::vector<std::filesystem::path> paths;            // Sequences / Vectors, absolute
  std::vector<std::string> tags;                       // Sequences: keep files with one of them;
                                                       // Ctest: the CTest labels (a test with one of them)
  std::filesystem::path build;                         // Ctest: the CMake build folder, absolute
  Limits limits;
  std::filesystem::path sailsim;                       // another binary for this group; "" = self
  std::string flavour = "default";                     // "x-random": sailsim-x-random beside self
};

// `coverage_goals: {MODULE: {KIND: PERCENT}}`: with --coverage, the night fails when MODULE's
// points of KIND (line, branch, toggle, user) reached are fewer than PERCENT of them.
struct CoverageGoal {
  std::string module;
  std::string kind;
  double percent = 0;
};

struct Plan {
  std::filesystem::path file;
  std::vector<Group> groups;
  std::vector<CoverageGoal> coverage_goals;  // in the plan's order
};

// Paths in the plan are relative to the plan file's folder. `self` is the sailsim binary the
// runs use: a `flavour: x-random` group runs self's sibling sailsim-x-random, which must exist.
Plan load_plan(const std::filesystem::path& file, const std::filesystem::path& self = {});

const char* kind_name(GroupKind kind);

// Whether a group's runs are `sailsim replay` runs (gen, sequences): they take a seed, write
// replay.json and can be rerun with a waveform; vectors and ctest runs cannot.
inline bool runs_replay(GroupKind kind) { return kind == GroupKind::Gen || kind == GroupKind::Sequences; }

// Whether a group's runs take a seed each: replay runs and `sailsim sweep` runs.
inline bool takes_seed(GroupKind kind) { return runs_replay(kind) || kind == GroupKind::Sweep; }

// Whether a group's run count is `seeds:` (scaled by --seeds) rather than its inputs.
inline bool seeded_group(GroupKind kind) { return kind == GroupKind::Gen || kind == GroupKind::Sweep; }

}  // namespace sailsim::regression

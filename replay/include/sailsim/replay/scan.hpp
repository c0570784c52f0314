// Which files `sailsim replay PATH...` runs: a file named on the command line is always a
// sequence (and an input error if it is not one); a .yaml found in a folder is taken only
// when it is one, so that other YAML (a snapshot, a config) beside the sequences is skipped
// with a line saying so instead of failing the run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sailsim::replay {

struct SkippedFile {
  std::filesystem::path file;
  std::string reason;  // e.g. "not a sequence (no top-level `sailsim:`)"
};

struct Scan {
  std::vector<std::filesystem::path> sequences;  // in the order find_sequences gives
  std::vector<SkippedFile> skipped;
};

// Why a scanned file is clearly not a sequence (its top level is not a mapping with a
// `sailsim:` key), or "" when it is one or may be one: a file that cannot be read or parsed
// stays a sequence, so that loading it reports the input error.
std::string not_a_sequence(const std::filesystem::path& file);

// The sequences under `paths` (find_sequences), minus the scanned files that are not one.
// Throws InputError as find_sequences does.
Scan scan_sequences(const std::vector<std::filesystem::path>& paths);

}  // namespace sailsim::replay

// Reads a sequence file (format v1 of sequence-format.md, with the project's additions in
// docs/replay.md). Every problem is an InputError naming the file, line and column and what
// was expected: the CLI's exit code 2.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "sailsim/replay/sequence.hpp"
#include "sailsim/vecset/input_error.hpp"

namespace sailsim::replay {

using InputError = vecset::InputError;

// seed, when set, replaces config.seed (before any random buffer is generated).
Sequence load_sequence(const std::filesystem::path& file, std::optional<uint64_t> seed = std::nullopt);

// Sequence files under the paths: files as given, folders searched recursively for *.yaml
// (sorted). A path that does not exist is an InputError.
std::vector<std::filesystem::path> find_sequences(const std::vector<std::filesystem::path>& paths);

}  // namespace sailsim::replay

// Where tests find the project, the shared reference data, and the build's programs.
#pragma once

#include <filesystem>

namespace sailsim::testing {

inline std::filesystem::path source_dir() { return SAILSIM_SOURCE_DIR; }
inline std::filesystem::path shared_vectors_dir() { return std::filesystem::path(SAILSIM_SHARED_DIR) / "vectors-ggml"; }
inline std::filesystem::path binary_dir() { return SAILSIM_BINARY_DIR; }

}  // namespace sailsim::testing

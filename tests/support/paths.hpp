// Where tests find the project, the bundled GGML reference cases, and the build's programs.
#pragma once

#include <filesystem>

namespace sailsim::testing {

inline std::filesystem::path source_dir() { return SAILSIM_SOURCE_DIR; }
// vectors/ggml/shared: the copy of the shared GGML cases that the project ships.
inline std::filesystem::path shared_vectors_dir() { return SAILSIM_GGML_VECTORS_DIR; }
inline std::filesystem::path binary_dir() { return SAILSIM_BINARY_DIR; }

}  // namespace sailsim::testing

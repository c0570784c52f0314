// Reads one input file (a sequence, a data or buffer file, index.yaml, meta.yaml, a .bin) whole.
// Every reader of user-given paths goes through here, so that a FIFO, a device, a directory or
// a symlink loop is refused up front instead of blocking, filling memory or failing later.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace sailsim::vecset {

// No input is larger (the biggest are .bin files of a few MiB); a larger file is refused before
// any memory is taken for it.
inline constexpr uint64_t kMaxInputFileBytes = uint64_t{1} << 30;

// The bytes of the regular file at `path` (symlinks followed). Throws InputError naming the path
// and what it is instead: missing, a directory, a FIFO, a device, a socket, a symlink loop,
// unreadable (with the errno text), over kMaxInputFileBytes, or a read that gives fewer or more
// bytes than its size.
std::string read_input_file(const std::filesystem::path& path);

}  // namespace sailsim::vecset

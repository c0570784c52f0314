// The files `sailsim replay` writes (--json, --junit, --trace, --record and its .bin files,
// snapshot steps): checked before anything is simulated, and written so that every failed
// write or close is reported with the path and the errno text (exit code 2).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sailsim::replay {

// A file that could not be written: what() is "cannot write PATH: REASON".
class OutputError : public std::runtime_error {
 public:
  OutputError(const std::filesystem::path& path, const std::string& reason);
};

enum class OutputKind {
  Any,      // anything open(2) can write: a new or existing regular file, /dev/null, ...
  Regular,  // a regular file only: the FST writer seeks, and puts <path>.hier beside it
};

// Why `path` cannot be written, or "" when it can: it must not be a directory; an existing
// file must be writable; a new one needs an existing, writable folder. Nothing is created.
std::string output_problem(const std::filesystem::path& path, OutputKind kind = OutputKind::Any);

// Writes `bytes` to `path` (created or truncated). Throws OutputError on any failed open,
// write or close (ENOSPC from a full disk or /dev/full included).
void write_output_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace sailsim::replay

// Failure signatures: the line that says what failed first, with what differs from run to run
// (numbers, hex addresses, paths) normalized, so that runs failing the same way share a bucket.
#pragma once

#include <string>

namespace sailsim::regression {

// The first line of `text` that starts (after blanks) with FAIL, TIMEOUT, VIOLATION or
// BAD INPUT; else the first line containing "error"; else the first non-empty line; trimmed.
std::string first_failure_line(const std::string& text);

// Paths (tokens holding a '/') -> <path>, 0x... -> 0xH, digit runs -> N, blanks squeezed.
// "FAIL step 5 (check, /a/b.yaml:20:5): OUT at 0x30000" -> "FAIL step N (check, <path>:N:N): OUT at 0xH"
std::string normalize_signature(const std::string& line);

}  // namespace sailsim::regression

// SHA-256 of files and byte strings (OpenSSL's libcrypto), as lower-case hex.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace sailsim::vecset {

std::string sha256_hex(std::span<const std::byte> bytes);

}  // namespace sailsim::vecset

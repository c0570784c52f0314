#include "sailsim/regression/signature.hpp"

#include <regex>
#include <sstream>
#include <vector>

namespace sailsim::regression {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

}  // namespace

std::string first_failure_line(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(trim(line));
  for (const auto& l : lines)
    for (const char* p : {"FAIL", "TIMEOUT", "VIOLATION", "BAD INPUT", "MISMATCH"})
      if (starts_with(l, p)) return l;
  for (const auto& l : lines)
    if (l.find("error") != std::string::npos) return l;
  for (const auto& l : lines)
    if (!l.empty()) return l;
  return {};
}

std::string normalize_signature(const std::string& line) {
  static const std::regex path(R"([^\s(),:'"`]*/[^\s(),:'"`]*)");
  static const std::regex hex(R"(0[xX][0-9a-fA-F]+)");
  // A digit run inside a word (AXI4, c01) is part of a name and stays.
  static const std::regex digits(R"((^|[^A-Za-z0-9_.])[0-9]+(\.[0-9]+)?)");
  static const std::regex blanks(R"(\s+)");
  std::string s = std::regex_replace(line, path, "<path>");
  s = std::regex_replace(s, hex, "<hex>");
  s = std::regex_replace(s, digits, "$1N");
  s = std::regex_replace(s, std::regex("<hex>"), "0xH");
  return trim(std::regex_replace(s, blanks, " "));
}

}  // namespace sailsim::regression

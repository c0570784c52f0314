// A regress report as two runs of the same plan and seeds must agree on it: without what a
// machine measures (results.json's "measured", junit's time attributes, the date) and with the
// output folder's path replaced by OUT. Used to compare merges of shards with a local run.
#pragma once

#include <filesystem>
#include <regex>
#include <string>

#include "cli/run_command.hpp"

namespace sailsim::testing {

inline std::string comparable_report(const std::filesystem::path& file, const std::filesystem::path& out) {
  std::string t = read_text(file);
  t = std::regex_replace(t, std::regex(R"(, "measured": \{[^}]*\})"), "");
  t = std::regex_replace(t, std::regex(R"(time="[0-9.]+")"), "time=\"\"");
  t = std::regex_replace(t, std::regex(R"(20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z)"), "DATE");
  size_t at = 0;
  while ((at = t.find(out.string(), at)) != std::string::npos) t.replace(at, out.string().size(), "OUT");
  return t;
}

}  // namespace sailsim::testing

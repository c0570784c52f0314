// The folder scan's filter: only what a sequence's top level looks like is checked here;
// everything else is the loader's job.
#include "sailsim/replay/scan.hpp"

#include <yaml-cpp/yaml.h>

#include "sailsim/replay/loader.hpp"
#include "sailsim/vecset/input_file.hpp"

namespace sailsim::replay {

std::string not_a_sequence(const std::filesystem::path& file) {
  YAML::Node root;
  try {
    root = YAML::Load(vecset::read_input_file(file));
  } catch (const std::exception&) {
    return "";  // unreadable or malformed: the loader reports it as an input error
  }
  if (!root.IsMap()) return "not a sequence (its top level is not a mapping with `sailsim:`)";
  const YAML::Node& top = root;
  if (!top["sailsim"]) return "not a sequence (no top-level `sailsim:`)";
  return "";
}

Scan scan_sequences(const std::vector<std::filesystem::path>& paths) {
  Scan scan;
  for (const auto& p : paths) {
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(p, ec);
    for (auto& file : find_sequences({p})) {
      std::string reason = folder ? not_a_sequence(file) : std::string();
      if (reason.empty()) scan.sequences.push_back(std::move(file));
      else scan.skipped.push_back({std::move(file), std::move(reason)});
    }
  }
  return scan;
}

}  // namespace sailsim::replay

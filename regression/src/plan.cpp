#include "sailsim/regression/plan.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdint>
#include <set>

#include "sailsim/vecset/input_error.hpp"
#include "sailsim/vecset/yaml_file.hpp"
#include "sailsim/vecset/yaml_number.hpp"

namespace fs = std::filesystem;

namespace sailsim::regression {
namespace {

using vecset::InputError;

// Walks a mapping once: every key must be one of `allowed`, none twice.
std::set<std::string> keys_of(const fs::path& file, const YAML::Node& map, const std::string& what,
                              const std::set<std::string>& allowed) {
  if (!map.IsMap()) throw InputError(file, map, what + " must be a mapping");
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) throw InputError(file, key, what + ": a key must be a plain name");
    const std::string k = key.Scalar();
    if (!allowed.count(k)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw InputError(file, key, "unknown key `" + k + "` in " + what + " (expected one of: " + list + ")");
    }
    if (!seen.insert(k).second) throw InputError(file, key, "key `" + k + "` appears twice in " + what);
  }
  return seen;
}

uint64_t integer(const fs::path& file, const YAML::Node& node, const std::string& what, uint64_t min,
                 uint64_t max = UINT64_MAX) {
  uint64_t v = 0;
  const std::string problem = vecset::integer_problem(node, v);
  if (!problem.empty()) throw InputError(file, node, what + " must be an integer: " + problem);
  if (v < min || v > max)
    throw InputError(file, node, what + " must be from " + std::to_string(min) + " to " + std::to_string(max) +
                                     ", got " + std::to_string(v));
  return v;
}

std::string plain_string(const fs::path& file, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) throw InputError(file, node, what + " must be a string");
  return node.Scalar();
}

bool is_name(const std::string& s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

std::vector<std::string> string_list(const fs::path& file, const YAML::Node& node, const std::string& what) {
  if (!node.IsSequence() || node.size() == 0) throw InputError(file, node, what + " must be a non-empty list");
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(plain_string(file, item, what + " entry"));
  return out;
}

Limits limits(const fs::path& file, const YAML::Node& node, Limits base) {
  const auto keys = keys_of(file, node, "limits", {"wall_seconds", "memory_mib"});
  if (keys.count("wall_seconds")) base.wall_seconds = integer(file, node["wall_seconds"], "limits.wall_seconds", 1, 1'000'000);
  if (keys.count("memory_mib")) base.memory_mib = integer(file, node["memory_mib"], "limits.memory_mib", 16, 1u << 24);
  return base;
}

fs::path resolve(const fs::path& plan, const std::string& p) {
  const fs::path path(p);
  return (path.is_absolute() ? path : plan.parent_path() / path).lexically_normal();
}

Group group(const fs::path& file, const YAML::Node& node, const Limits& defaults, const fs::path& self) {
  const auto keys = keys_of(file, node, "a group",
                            {"name", "gen", "sweep", "seeds", "knobs", "sequences", "tags", "vectors", "ctest", "build",
                             "limits", "sailsim", "flavour"});
  Group g;
  if (!keys.count("name")) throw InputError(file, node, "a group needs `name:`");
  g.name = plain_string(file, node["name"], "name");
  if (!is_name(g.name)) throw InputError(file, node["name"], "a group name is [A-Za-z0-9_.-]+, got `" + g.name + "`");
  const int kinds = static_cast<int>(keys.count("gen") + keys.count("sweep") + keys.count("sequences") +
                                     keys.count("vectors") + keys.count("ctest"));
  if (kinds != 1)
    throw InputError(file, node,
                     "group `" + g.name + "` needs exactly one of `gen:`, `sweep:`, `sequences:`, `vectors:`, `ctest:`");
  if (keys.count("gen") || keys.count("sweep")) {
    const char* key = keys.count("gen") ? "gen" : "sweep";
    g.kind = keys.count("gen") ? GroupKind::Gen : GroupKind::Sweep;
    g.gen_kind = plain_string(file, node[key], key);
    if (!is_name(g.gen_kind)) throw InputError(file, node[key], std::string(key) + ": a kind is [A-Za-z0-9_.-]+");
    if (g.kind == GroupKind::Sweep && g.gen_kind != "ggml" && g.gen_kind != "rtl-rows")
      throw InputError(file, node[key], "sweep `" + g.gen_kind + "`: expected ggml or rtl-rows");
    if (!keys.count("seeds")) throw InputError(file, node, std::string(key) + " group `" + g.name + "` needs `seeds: N`");
    g.seeds = integer(file, node["seeds"], "seeds", 1, 1'000'000);
    if (keys.count("knobs")) {
      const YAML::Node knobs = node["knobs"];
      if (!knobs.IsMap()) throw InputError(file, knobs, "knobs must be a mapping of names to values");
      std::set<std::string> seen;
      for (auto it = knobs.begin(); it != knobs.end(); ++it) {
        const std::string k = plain_string(file, it->first, "a knob name");
        if (!is_name(k)) throw InputError(file, it->first, "a knob name is [A-Za-z0-9_.-]+, got `" + k + "`");
        if (!seen.insert(k).second) throw InputError(file, it->first, "knob `" + k + "` appears twice");
        g.knobs.emplace_back(k, plain_string(file, it->second, "knob " + k));
      }
    }
  } else {
    for (const char* only_gen : {"seeds", "knobs"})
      if (keys.count(only_gen))
        throw InputError(file, node[only_gen], std::string("`") + only_gen + ":` belongs to a `gen:` or `sweep:` group only");
  }
  if (keys.count("sequences")) {
    g.kind = GroupKind::Sequences;
    for (const auto& p : string_list(file, node["sequences"], "sequences")) g.paths.push_back(resolve(file, p));
    if (keys.count("tags")) g.tags = string_list(file, node["tags"], "tags");
  } else if (keys.count("tags")) {
    throw InputError(file, node["tags"], "`tags:` belongs to a `sequences:` group only");
  }
  if (keys.count("vectors")) {
    g.kind = GroupKind::Vectors;
    for (const auto& p : string_list(file, node["vectors"], "vectors")) g.paths.push_back(resolve(file, p));
  }
  if (keys.count("ctest")) {
    g.kind = GroupKind::Ctest;
    g.tags = string_list(file, node["ctest"], "ctest");
    if (!keys.count("build"))
      throw InputError(file, node, "ctest group `" + g.name + "` needs `build: DIR` (the CMake build folder of the tests)");
    g.build = resolve(file, plain_string(file, node["build"], "build"));
    if (!fs::is_regular_file(g.build / "CTestTestfile.cmake"))
      throw InputError(file, node["build"], "build: `" + g.build.string() + "` holds no CTestTestfile.cmake (not a CMake build folder)");
  } else if (keys.count("build")) {
    throw InputError(file, node["build"], "`build:` belongs to a `ctest:` group only");
  }
  for (const auto& p : g.paths)
    if (!fs::exists(p)) throw InputError(file, node[kind_name(g.kind)], "`" + p.string() + "` does not exist");
  g.limits = keys.count("limits") ? limits(file, node["limits"], defaults) : defaults;
  if (keys.count("sailsim") && keys.count("flavour"))
    throw InputError(file, node["flavour"], "a group names either `sailsim:` (a binary) or `flavour:`, not both");
  if (keys.count("sailsim")) {
    g.sailsim = resolve(file, plain_string(file, node["sailsim"], "sailsim"));
    if (!fs::is_regular_file(g.sailsim))
      throw InputError(file, node["sailsim"], "sailsim: `" + g.sailsim.string() + "` is not a file");
  }
  if (keys.count("flavour")) {
    const std::string f = plain_string(file, node["flavour"], "flavour");
    if (f != "default" && f != "x-random")
      throw InputError(file, node["flavour"], "flavour `" + f + "`: expected default or x-random");
    // The flavour's binary sits beside the running sailsim (the same build).
    if (f == "x-random" && !self.empty()) {
      g.sailsim = self.parent_path() / "sailsim-x-random";
      if (!fs::is_regular_file(g.sailsim))
        throw InputError(file, node["flavour"],
                         "flavour x-random needs " + g.sailsim.string() +
                             " beside this sailsim (the normal build makes it; sanitizer builds do not)");
    }
    g.flavour = f;
  }
  return g;
}

std::vector<CoverageGoal> coverage_goals(const fs::path& file, const YAML::Node& node) {
  if (!node.IsMap() || node.size() == 0)
    throw InputError(file, node, "coverage_goals must be a mapping of modules to {KIND: PERCENT}");
  std::vector<CoverageGoal> goals;
  std::set<std::string> modules;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string module = plain_string(file, it->first, "a module name");
    if (!is_name(module)) throw InputError(file, it->first, "a module name is [A-Za-z0-9_.-]+, got `" + module + "`");
    if (!modules.insert(module).second) throw InputError(file, it->first, "module `" + module + "` appears twice");
    const auto kinds = keys_of(file, it->second, "the goals of " + module, {"line", "branch", "toggle", "user"});
    if (kinds.empty()) throw InputError(file, it->second, "the goals of " + module + " name no kind of point");
    for (auto k = it->second.begin(); k != it->second.end(); ++k) {
      const YAML::Node v = k->second;
      double percent = -1;
      try {
        if (v.IsScalar()) percent = v.as<double>();
      } catch (const YAML::Exception&) {
        percent = -1;
      }
      if (!(percent >= 0 && percent <= 100))
        throw InputError(file, v, "the goal " + module + "." + k->first.Scalar() + " must be a percentage from 0 to 100");
      goals.push_back({module, k->first.Scalar(), percent});
    }
  }
  return goals;
}

}  // namespace

const char* kind_name(GroupKind kind) {
  switch (kind) {
    case GroupKind::Gen: return "gen";
    case GroupKind::Sequences: return "sequences";
    case GroupKind::Vectors: return "vectors";
    case GroupKind::Ctest: return "ctest";
    case GroupKind::Sweep: return "sweep";
  }
  return "?";
}

Plan load_plan(const fs::path& path, const fs::path& self) {
  const fs::path file = fs::absolute(path).lexically_normal();
  const YAML::Node root = vecset::load_yaml_file(file);
  if (!root || root.IsNull()) throw InputError(file, 1, 1, "the plan is empty: expected `sailsim_regress: 1` and `groups:`");
  const auto keys = keys_of(file, root, "the plan", {"sailsim_regress", "limits", "groups", "coverage_goals"});
  if (!keys.count("sailsim_regress")) throw InputError(file, root, "the plan needs `sailsim_regress: 1` (the plan format)");
  if (integer(file, root["sailsim_regress"], "sailsim_regress", 0) != 1)
    throw InputError(file, root["sailsim_regress"], "sailsim_regress: only format 1 exists");
  const Limits defaults = keys.count("limits") ? limits(file, root["limits"], Limits{}) : Limits{};
  if (!keys.count("groups")) throw InputError(file, root, "the plan needs `groups:` (a list)");
  const YAML::Node groups = root["groups"];
  if (!groups.IsSequence() || groups.size() == 0) throw InputError(file, groups, "groups must be a non-empty list");
  Plan plan{file, {}, {}};
  if (keys.count("coverage_goals")) plan.coverage_goals = coverage_goals(file, root["coverage_goals"]);
  std::set<std::string> names;
  for (const auto& node : groups) {
    plan.groups.push_back(group(file, node, defaults, self));
    if (!names.insert(plan.groups.back().name).second)
      throw InputError(file, node["name"], "group name `" + plan.groups.back().name + "` is used twice");
  }
  return plan;
}

}  // namespace sailsim::regression

#include "sailsim/regression/shard.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sailsim::regression {

namespace {

bool parse_decimal(const std::string& s, uint64_t& v) {
  if (s.empty() || s.size() > 19) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

YAML::Node load_json(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ShardError("cannot read " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  try {
    return YAML::Load(s.str());
  } catch (const YAML::Exception& e) {
    throw ShardError(file.string() + ": not JSON: " + e.what());
  }
}

GroupKind kind_from_name(const std::string& name, const fs::path& file) {
  for (const GroupKind k : {GroupKind::Gen, GroupKind::Sequences, GroupKind::Vectors, GroupKind::Ctest, GroupKind::Sweep})
    if (name == kind_name(k)) return k;
  throw ShardError(file.string() + ": unknown run kind `" + name + "`");
}

}  // namespace

std::string parse_shard(const std::string& text, ShardSpec& out) {
  const auto slash = text.find('/');
  uint64_t i = 0, n = 0;
  if (slash == std::string::npos || !parse_decimal(text.substr(0, slash), i) || !parse_decimal(text.substr(slash + 1), n))
    return "--shard " + text + ": expected I/N (shard I of N, counted from 1), e.g. 2/4";
  if (n < 1 || n > kMaxShards) return "--shard " + text + ": N must be from 1 to " + std::to_string(kMaxShards);
  if (i < 1 || i > n) return "--shard " + text + ": I must be from 1 to N (" + std::to_string(n) + ")";
  out = {i, n};
  return {};
}

std::string shard_manifest_json(const ShardManifest& m) {
  std::ostringstream o;
  o << "{\n  \"sailsim_regress_shard\": 1,\n  \"index\": " << m.shard.index << ",\n  \"count\": " << m.shard.count
    << ",\n  \"plan_sha256\": " << json_string(m.plan_sha256) << ",\n  \"base_seed\": " << m.base_seed
    << ",\n  \"seeds_scale\": " << m.seeds_scale << ",\n  \"max_waves\": " << m.max_waves
    << ",\n  \"plan_runs\": " << m.plan_runs << ",\n  \"coverage\": " << (m.coverage ? "true" : "false")
    << ",\n  \"wave_candidates\": [";
  for (size_t i = 0; i < m.wave_candidates.size(); ++i) {
    const WaveCandidate& c = m.wave_candidates[i];
    o << (i ? ",\n" : "\n") << "    {\"run\": " << json_string(c.run) << ", \"bucket\": " << json_string(c.bucket)
      << ", \"wave\": " << (c.wave ? "true" : "false") << "}";
  }
  o << "\n  ]\n}\n";
  return o.str();
}

ShardManifest read_shard_manifest(const fs::path& file) {
  const YAML::Node root = load_json(file);
  try {
    if (!root.IsMap() || !root["sailsim_regress_shard"] || root["sailsim_regress_shard"].as<int>() != 1)
      throw ShardError(file.string() + ": not a sailsim regress shard manifest (no \"sailsim_regress_shard\": 1)");
    ShardManifest m;
    m.shard = {root["index"].as<uint64_t>(), root["count"].as<uint64_t>()};
    m.plan_sha256 = root["plan_sha256"].as<std::string>();
    m.base_seed = root["base_seed"].as<uint64_t>();
    m.seeds_scale = root["seeds_scale"].as<uint64_t>();
    m.max_waves = root["max_waves"].as<unsigned>();
    m.plan_runs = root["plan_runs"].as<uint64_t>();
    m.coverage = root["coverage"].as<bool>();
    for (const auto& c : root["wave_candidates"])
      m.wave_candidates.push_back({c["run"].as<std::string>(), c["bucket"].as<std::string>(), c["wave"].as<bool>()});
    return m;
  } catch (const YAML::Exception& e) {
    throw ShardError(file.string() + ": a field is missing or of the wrong type: " + e.what());
  }
}

std::map<std::string, RunRecord> read_results(const fs::path& file) {
  const YAML::Node root = load_json(file);
  std::map<std::string, RunRecord> out;
  try {
    for (const auto& n : root["runs"]) {
      RunRecord r;
      r.name = n["name"].as<std::string>();
      r.group = n["group"].as<std::string>();
      r.kind = kind_from_name(n["kind"].as<std::string>(), file);
      if (!n["seed"].IsNull()) r.seed = n["seed"].as<uint64_t>();
      r.input = n["input"].as<std::string>();
      r.result = n["result"].as<std::string>();
      r.exit_code = n["exit_code"].as<int>();
      r.child_exit = n["child_exit"].as<int>();
      if (!n["signal"].IsNull()) r.signal = n["signal"].as<std::string>();
      if (!n["signature"].IsNull()) r.signature = n["signature"].as<std::string>();
      r.nondeterministic = n["nondeterministic"].as<bool>();
      if (r.nondeterministic) r.rerun = n["rerun"].as<std::string>();
      if (!n["cycles"].IsNull()) r.cycles = n["cycles"].as<uint64_t>();
      if (!n["ddr_beats"].IsNull()) r.ddr_beats = n["ddr_beats"].as<uint64_t>();
      r.wall_seconds = n["measured"]["wall_seconds"].as<double>();
      r.peak_rss_kib = n["measured"]["peak_rss_kib"].as<long>();
      const std::string name = r.name;
      if (!out.emplace(name, std::move(r)).second) throw ShardError(file.string() + ": run " + name + " appears twice");
    }
  } catch (const YAML::Exception& e) {
    throw ShardError(file.string() + ": a run's field is missing or of the wrong type: " + e.what());
  }
  return out;
}

std::vector<std::string> read_runs_without_coverage(const fs::path& file) {
  const YAML::Node root = load_json(file);
  std::vector<std::string> out;
  try {
    if (root["coverage"])
      for (const auto& n : root["coverage"]["runs_without_coverage"]) out.push_back(n.as<std::string>());
  } catch (const YAML::Exception& e) {
    throw ShardError(file.string() + ": coverage.runs_without_coverage: " + e.what());
  }
  return out;
}

}  // namespace sailsim::regression

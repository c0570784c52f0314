#include "sailsim/regression/functional_coverage.hpp"

#include <algorithm>
#include <sstream>
#include <system_error>

#include "sailsim/fcov/model.hpp"
#include "sailsim/regression/report.hpp"

namespace sailsim::regression {

namespace fs = std::filesystem;

fcov::Counts NightFunctional::total() const {
  fcov::Counts sum;
  for (const auto& [group, counts] : by_group) sum.merge(counts);
  return sum;
}

bool NightFunctional::add_run(const std::string& group, const std::string& run, const fs::path& file) {
  try {
    const fcov::Counts c = fcov::Counts::read(file);
    by_group[group].merge(c);
    std::error_code ec;
    fs::remove(file, ec);
    return true;
  } catch (const fcov::FcovError&) {
    runs_without.push_back(run);
    return false;
  }
}

namespace {

// A bin's family: what comes before its first '/' (the burst type of a shape, the command of
// an ioctl result, the operand of a stride), or the whole point for a plain bin.
std::string family(const std::string& bin) { return bin.substr(0, bin.find('/')); }

}  // namespace

std::vector<FedHole> fed_holes(const NightFunctional& night, const std::vector<std::string>& gen_groups) {
  std::vector<FedHole> out;
  const fcov::Counts total = night.total();
  const auto& model = fcov::model();
  for (size_t p = 0; p < model.size(); ++p) {
    const auto& bins = model[p].bins;
    for (size_t b = 0; b < bins.size(); ++b) {
      if (total.get(p, b) != 0) continue;
      const bool plain = bins[b].find('/') == std::string::npos;
      FedHole hole{{model[p].name, bins[b]}, {}};
      for (const std::string& g : gen_groups) {
        const auto it = night.by_group.find(g);
        if (it == night.by_group.end()) continue;
        bool feeds = false;
        for (size_t o = 0; o < bins.size() && !feeds; ++o)
          feeds = it->second.get(p, o) != 0 && (plain || family(bins[o]) == family(bins[b]));
        if (feeds) hole.feeders.push_back(g);
      }
      out.push_back(std::move(hole));
    }
  }
  return out;
}

std::string functional_json(const NightFunctional& night, const std::vector<std::string>& gen_groups,
                            const UntilCovered* until) {
  const fcov::Counts total = night.total();
  const auto& model = fcov::model();
  std::vector<std::string> without = night.runs_without;  // as the runs ended: sorted to be deterministic
  std::sort(without.begin(), without.end());
  std::ostringstream o;
  o << "{\n    \"bins\": " << fcov::bin_count() << ", \"hit\": " << total.bins_hit()
    << ", \"percent\": " << json_percent(total.bins_hit(), fcov::bin_count())
    << ",\n    \"runs_without\": " << json_string_list(without) << ",\n    \"points\": [";
  for (size_t p = 0; p < model.size(); ++p) {
    o << (p ? ",\n" : "\n") << "      {\"name\": " << json_string(model[p].name) << ", \"what\": "
      << json_string(model[p].what) << ", \"hit\": " << total.point_bins_hit(p) << ", \"bins\": [";
    for (size_t b = 0; b < model[p].bins.size(); ++b) {
      std::vector<std::string> groups;
      for (const auto& [g, c] : night.by_group)
        if (c.get(p, b)) groups.push_back(g);
      o << (b ? ", " : "") << "{\"name\": " << json_string(model[p].bins[b]) << ", \"hits\": " << total.get(p, b)
        << ", \"groups\": " << json_string_list(groups) << "}";
    }
    o << "]}";
  }
  o << "\n    ],\n    \"holes\": [";
  const auto holes = fed_holes(night, gen_groups);
  for (size_t i = 0; i < holes.size(); ++i) {
    o << (i ? ",\n" : "\n") << "      {\"point\": " << json_string(holes[i].hole.point) << ", \"bin\": "
      << json_string(holes[i].hole.bin) << ", \"feeders\": " << json_string_list(holes[i].feeders) << "}";
  }
  o << (holes.empty() ? "]" : "\n    ]");
  if (until) {
    o << ",\n    \"until_covered\": {\"budget\": " << until->budget << ", \"rounds\": " << until->rounds
      << ", \"runs_added\": " << until->runs_added << ", \"added\": {";
    bool first = true;
    for (const auto& [g, n] : until->added) {
      o << (first ? "" : ", ") << json_string(g) << ": " << n;
      first = false;
    }
    o << "}}";
  }
  o << "\n  }";
  return o.str();
}

std::string write_functional(const fs::path& out, const NightFunctional& night) {
  const fs::path dir = out / "functional-coverage";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "groups", ec);
  if (ec) return "cannot create " + (dir / "groups").string() + ": " + ec.message();
  try {
    night.total().write(dir / "night.txt");
    for (const auto& [group, counts] : night.by_group) counts.write(dir / "groups" / (group + ".txt"));
  } catch (const fcov::FcovError& e) {
    return e.what();
  }
  std::vector<std::string> without = night.runs_without;
  std::sort(without.begin(), without.end());
  std::string text;
  for (const std::string& run : without) text += run + "\n";
  return write_text_file(dir / "runs-without.txt", text);
}

void read_functional_groups(const fs::path& out, NightFunctional& night) {
  const fs::path dir = out / "functional-coverage" / "groups";
  if (!fs::is_directory(dir)) return;  // a shard with no replay run
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) night.by_group[f.stem().string()].merge(fcov::Counts::read(f));
  std::istringstream without(read_text_file(out / "functional-coverage" / "runs-without.txt"));
  for (std::string run; std::getline(without, run);)
    if (!run.empty()) night.runs_without.push_back(run);
}

std::string functional_summary(const NightFunctional& night, const fs::path& out) {
  const fcov::Counts total = night.total();
  const size_t all = fcov::bin_count(), hit = total.bins_hit();
  return "functional coverage: " + std::to_string(hit) + " of " + std::to_string(all) + " bins (" + json_percent(hit, all) +
         "%), " + std::to_string(all - hit) + " holes (" + (out / "functional-coverage" / "night.txt").string() + ")";
}

}  // namespace sailsim::regression

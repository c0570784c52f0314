#include "sailsim/regression/mutation_summary.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <sstream>

#include "sailsim/regression/report.hpp"

namespace sailsim::regression {

namespace {

// JSON is read with yaml-cpp (a JSON document is a YAML one); each field is checked.
class Reader {
 public:
  explicit Reader(const std::filesystem::path& file) : file_(file.string()) {}

  [[noreturn]] void fail(const std::string& what) const { throw MutationReportError(file_ + ": " + what); }

  YAML::Node need(const YAML::Node& map, const char* key, const std::string& where) const {
    if (!map.IsMap() || !map[key]) fail(where + " has no \"" + key + "\"");
    return map[key];
  }
  uint64_t count(const YAML::Node& map, const char* key, const std::string& where) const {
    try {
      return need(map, key, where).as<uint64_t>();
    } catch (const YAML::Exception&) {
      fail(where + ": \"" + key + "\" is not a count");
    }
  }
  std::string text(const YAML::Node& map, const char* key, const std::string& where) const {
    const YAML::Node n = need(map, key, where);
    if (!n.IsScalar()) fail(where + ": \"" + key + "\" is not a string");
    return n.Scalar();
  }
  // A score: a number in [0, 1], or null (nothing counted).
  std::string score(const YAML::Node& map, const std::string& where) const {
    const YAML::Node n = need(map, "score", where);
    if (n.IsNull()) return "null";
    try {
      const double v = n.as<double>();
      if (v < 0 || v > 1) fail(where + ": \"score\" " + n.Scalar() + " is outside 0..1");
      return n.Scalar();
    } catch (const YAML::Exception&) {
      fail(where + ": \"score\" is not a number");
    }
  }

 private:
  std::string file_;
};

std::string counts_json(const Reader& r, const YAML::Node& t, const std::string& where) {
  std::ostringstream o;
  for (const char* k : {"killed", "survived", "stillborn", "equivalent", "timeout"})
    o << ", \"" << k << "\": " << r.count(t, k, where);
  return o.str();
}

}  // namespace

std::string mutation_json(const std::filesystem::path& report) {
  const Reader r(report);
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(report.string());
  } catch (const YAML::BadFile&) {
    r.fail("cannot be read");
  } catch (const YAML::Exception& e) {
    r.fail("not JSON: line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (!doc.IsMap() || !doc["format"] || !doc["format"].IsScalar() || doc["format"].Scalar() != "sailsim-mutation/1")
    r.fail("not a scripts/mutate.py report (\"format\" must be \"sailsim-mutation/1\")");
  std::ostringstream o;
  const YAML::Node total = r.need(doc, "total", "the report");
  const YAML::Node sel = r.need(doc, "selection", "the report");
  std::string selection = r.text(sel, "mode", "selection");
  if (sel["count"]) selection += ", " + std::to_string(r.count(sel, "count", "selection")) + " mutants";
  if (sel["seed"] && !sel["seed"].IsNull()) selection += ", seed " + sel["seed"].as<std::string>();
  const YAML::Node tree = r.need(doc, "tree", "the report");
  o << "{\"report\": " << json_string(report.string()) << ", \"plan\": " << json_string(r.text(doc, "plan", "the report"))
    << ", \"selection\": " << json_string(selection) << ", \"commit\": " << json_string(r.text(tree, "commit", "tree"))
    << ", \"score\": " << r.score(doc, "the report") << counts_json(r, total, "total") << ",\n    \"modules\": [";
  const YAML::Node modules = r.need(doc, "modules", "the report");
  if (!modules.IsMap()) r.fail("\"modules\" is not an object");
  std::map<std::string, YAML::Node> by_name;  // by name, whatever order the file has
  for (const auto& m : modules) by_name[m.first.as<std::string>()] = m.second;
  bool first = true;
  for (const auto& [name, m] : by_name) {
    const std::string where = "module " + name;
    o << (first ? "" : ", ") << "{\"module\": " << json_string(name) << counts_json(r, m, where)
      << ", \"score\": " << r.score(m, where) << "}";
    first = false;
  }
  o << "],\n    \"survivors\": [";
  const YAML::Node mutants = r.need(doc, "mutants", "the report");
  if (!mutants.IsSequence()) r.fail("\"mutants\" is not a list");
  first = true;
  for (size_t i = 0; i < mutants.size(); ++i) {
    const std::string where = "mutant " + std::to_string(i + 1);
    if (r.text(mutants[i], "verdict", where) != "survived") continue;
    o << (first ? "\n      " : ",\n      ") << "{\"id\": " << json_string(r.text(mutants[i], "id", where))
      << ", \"module\": " << json_string(r.text(mutants[i], "module", where))
      << ", \"operator\": " << json_string(r.text(mutants[i], "operator", where))
      << ", \"line\": " << r.count(mutants[i], "line", where)
      << ", \"mutated\": " << json_string(r.text(mutants[i], "mutated", where)) << "}";
    first = false;
  }
  o << (first ? "]}" : "\n    ]}");
  return o.str();
}

}  // namespace sailsim::regression

// Maps with a fixed set of keys, and errors at a node's position.
#include "yaml_map.hpp"

#include <set>

namespace sailsim::replay::detail {

Where where(const YAML::Node& node) {
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

void fail(const Context& ctx, const YAML::Node& at, const std::string& message) {
  const Where w = where(at);
  throw InputError(ctx.file, w.line, w.column, message);
}

MapReader::MapReader(const Context& ctx, const YAML::Node& node, const std::string& what,
                     std::initializer_list<const char*> keys)
    : ctx_(ctx), node_(node), what_(what) {
  std::string list;
  for (const char* k : keys) list += std::string(list.empty() ? "" : ", ") + k;
  if (!node.IsMap()) fail(ctx, node, "expected a map for " + what + " (keys: " + list + ")");
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) fail(ctx, it->first, "expected a plain key in " + what);
    const std::string& key = it->first.Scalar();
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) fail(ctx, it->first, "unknown key '" + key + "' in " + what + ": expected one of " + list);
    if (!seen.insert(key).second) fail(ctx, it->first, "key '" + key + "' appears twice in " + what);
  }
}

bool MapReader::has(const char* key) const {
  const YAML::Node v = node_[key];
  return v.IsDefined();
}

YAML::Node MapReader::required(const char* key) const {
  const YAML::Node v = node_[key];
  if (!v.IsDefined()) fail(ctx_, node_, "missing required key '" + std::string(key) + "' in " + what_);
  return v;
}

YAML::Node MapReader::optional(const char* key) const { return node_[key]; }

}  // namespace sailsim::replay::detail

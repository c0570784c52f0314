#include "sailsim/vecset/vector_set.hpp"

#include <cstring>
#include <set>

#include "sailsim/ggml/matmul.hpp"
#include "sailsim/vecset/input_file.hpp"
#include "sailsim/vecset/sha256.hpp"
#include "yaml_fields.hpp"

namespace sailsim::vecset {

namespace fs = std::filesystem;
using ggml::BlockQ4K;
using ggml::BlockQ8K;
using ggml::DotOrder;

std::span<const BlockQ4K> Case::a_row_of(size_t i) const {
  const auto bpr = static_cast<size_t>(blocks_per_row());
  const size_t row = kind == CaseKind::Pairs ? i : i % static_cast<size_t>(m);
  return std::span<const BlockQ4K>(a).subspan(row * bpr, bpr);
}

std::span<const BlockQ8K> Case::b_row_of(size_t i) const {
  const auto bpr = static_cast<size_t>(blocks_per_row());
  const size_t row = kind == CaseKind::Pairs ? i : i / static_cast<size_t>(m);
  return std::span<const BlockQ8K>(b).subspan(row * bpr, bpr);
}

std::string Case::position(size_t i) const {
  if (kind == CaseKind::Pairs) return "(pair " + std::to_string(i) + ")";
  const auto mm = static_cast<size_t>(m);
  return "(m=" + std::to_string(i % mm) + ", n=" + std::to_string(i / mm) + ")";
}

const std::vector<uint32_t>* Case::expected_for(DotOrder order) const {
  if (order == DotOrder::Generic) return &expected;
  const auto it = alternates.find(order);
  return it == alternates.end() ? nullptr : &it->second;
}

std::vector<float> reference_outputs(const Case& c, DotOrder order) {
  if (c.kind == CaseKind::Matmul) return ggml::matmul_q4_K_q8_K(order, {.m = c.m, .k = c.k, .n = c.n}, c.a, c.b);
  std::vector<float> out(c.outputs());
  for (size_t i = 0; i < out.size(); ++i) out[i] = ggml::vec_dot_q4_K_q8_K(order, c.a_row_of(i), c.b_row_of(i));
  return out;
}

namespace {

std::vector<std::byte> read_bytes(const fs::path& file) {
  const std::string raw = read_input_file(file);
  std::vector<std::byte> bytes(raw.size());
  if (!raw.empty()) std::memcpy(bytes.data(), raw.data(), raw.size());
  return bytes;
}

// Whether the folder holds an entry of that name, of any type: a FIFO, a dangling symlink or a
// symlink loop counts, so that read_input_file says what it is instead of "missing".
bool has_entry(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;  // other errors: let the read say
}

// `dir` is an existing folder, or an InputError saying what it is instead.
void require_folder(const fs::path& dir) {
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (st.type() == fs::file_type::not_found) throw InputError(dir, "no such folder");
  if (ec) {
    throw InputError(dir, ec == std::errc::too_many_symbolic_link_levels
                              ? "is a symlink loop (too many levels of symbolic links)"
                              : "cannot be read: " + ec.message());
  }
  if (!fs::is_directory(st)) {
    throw InputError(dir, "is not a folder: expected a vector set (with index.yaml) or a case (with meta.yaml)");
  }
}

// The files of one case as meta.yaml lists them: every file read is checked against its
// listed size and sha256.
class CaseFiles {
 public:
  CaseFiles(fs::path dir, fs::path meta_path, YAML::Node files)
      : dir_(std::move(dir)), meta_(std::move(meta_path)), files_(std::move(files)) {}

  bool listed(const char* name) const { return files_[name].IsDefined(); }

  // The verified bytes of `name`, which must be `expected_size` bytes long.
  std::vector<std::byte> read(const char* name, size_t expected_size, const std::string& size_rule) const {
    const YAML::Node entry = files_[name];
    if (!entry.IsDefined()) {
      throw InputError(meta_, files_, std::string("'files' lists no entry for ") + name + ", which this case needs");
    }
    const fs::path path = dir_ / name;
    if (!has_entry(path)) {
      throw InputError(path, std::string("missing: ") + meta_.filename().string() + " lists it, but there is no such file");
    }
    const std::string want = detail::as_string(detail::require(entry, "sha256", meta_), "sha256", meta_);
    std::vector<std::byte> bytes = read_bytes(path);
    if (const YAML::Node listed_size = entry["bytes"]; listed_size.IsDefined()) {
      const int64_t n = detail::as_int(listed_size, "bytes", meta_);
      if (n != static_cast<int64_t>(bytes.size())) {
        throw InputError(path, "is " + std::to_string(bytes.size()) + " bytes, but meta.yaml line " +
                                   std::to_string(listed_size.Mark().line + 1) + " says " + std::to_string(n));
      }
    }
    const std::string got = sha256_hex(bytes);
    if (got != want) {
      throw InputError(path, "sha256 mismatch: the file hashes to " + got + ", meta.yaml line " +
                                 std::to_string(entry.Mark().line + 1) + " says " + want);
    }
    if (bytes.size() != expected_size) {
      throw InputError(path, "is " + std::to_string(bytes.size()) + " bytes, but " + size_rule + " = " +
                                 std::to_string(expected_size));
    }
    return bytes;
  }

  std::vector<uint32_t> read_words(const char* name, size_t count, const std::string& rule) const {
    const auto bytes = read(name, count * 4, rule);
    std::vector<uint32_t> words(count);
    if (count) std::memcpy(words.data(), bytes.data(), bytes.size());
    return words;
  }

  std::vector<float> read_floats(const char* name, size_t count, const std::string& rule) const {
    const auto bytes = read(name, count * 4, rule);
    std::vector<float> values(count);
    if (count) std::memcpy(values.data(), bytes.data(), bytes.size());
    return values;
  }

 private:
  fs::path dir_, meta_;
  YAML::Node files_;
};

void require_format(const YAML::Node& doc, const fs::path& file) {
  const YAML::Node node = detail::require(doc, "format", file);
  const std::string format = detail::as_string(node, "format", file);
  if (format != kFormat) {
    throw InputError(file, node, "unsupported format '" + format + "'; sailsim reads '" + kFormat + "'");
  }
}

int64_t positive_multiple_of_256(const YAML::Node& doc, const char* key, const fs::path& file) {
  const YAML::Node node = detail::require(doc, key, file);
  const int64_t v = detail::as_int(node, key, file);
  if (v <= 0 || v % ggml::kQK != 0) {
    throw InputError(file, node, std::string(key) + " = " + std::to_string(v) + " is not a positive multiple of 256");
  }
  return v;
}

int64_t count(const YAML::Node& doc, const char* key, const fs::path& file) {
  const YAML::Node node = detail::require(doc, key, file);
  const int64_t v = detail::as_int(node, key, file);
  if (v < 0 || v > (int64_t{1} << 24)) {
    throw InputError(file, node, std::string(key) + " = " + std::to_string(v) + " is out of range (0 .. 2^24)");
  }
  return v;
}

}  // namespace

Case load_case(const fs::path& dir, const LoadOptions& options) {
  const fs::path meta_path = dir / "meta.yaml";
  const YAML::Node meta = detail::load_yaml(meta_path);
  require_format(meta, meta_path);
  Case c;
  c.dir = dir;
  c.name = meta["case"].IsDefined() ? detail::as_string(meta["case"], "case", meta_path)
                                    : fs::path(dir).lexically_normal().filename().string();
  if (c.name.empty()) c.name = dir.parent_path().filename().string();
  if (meta["kind"].IsDefined() && meta["kind"].IsScalar()) c.label = meta["kind"].Scalar();
  if (meta["degenerate_inputs"].IsDefined()) {
    c.degenerate = detail::as_bool(meta["degenerate_inputs"], "degenerate_inputs", meta_path);
  }
  const YAML::Node files_node = detail::require(meta, "files", meta_path);
  if (!files_node.IsMap()) throw InputError(meta_path, files_node, "expected 'files' to be a map of file name to {bytes, sha256}");
  const CaseFiles files(dir, meta_path, files_node);

  const bool pairs = meta["P"].IsDefined();
  c.kind = pairs ? CaseKind::Pairs : CaseKind::Matmul;
  c.k = positive_multiple_of_256(meta, "K", meta_path);
  c.m = count(meta, pairs ? "P" : "M", meta_path);
  c.n = pairs ? 1 : count(meta, "N", meta_path);
  const auto bpr = static_cast<size_t>(c.blocks_per_row());
  const auto m = static_cast<size_t>(c.m), n = static_cast<size_t>(c.n);
  const size_t outputs = pairs ? m : m * n;
  const char* a_name = pairs ? "x.bin" : "a.bin";
  const char* b_name = pairs ? "y.bin" : "b.bin";
  c.a = ggml::q4k_blocks_from_bytes(files.read(a_name, m * bpr * sizeof(BlockQ4K), pairs ? "P*K/256*144" : "M*K/256*144"));
  c.b = ggml::q8k_blocks_from_bytes(
      files.read(b_name, (pairs ? m : n) * bpr * sizeof(BlockQ8K), pairs ? "P*K/256*292" : "N*K/256*292"));
  const std::string out_rule = pairs ? "P*4" : "M*N*4";
  c.expected = files.read_words("out.bin", outputs, out_rule);
  if (options.alternates) {
    if (files.listed("out_fma.bin")) c.alternates[DotOrder::Fused] = files.read_words("out_fma.bin", outputs, out_rule);
    if (files.listed("out_simd.bin")) c.alternates[DotOrder::Simd] = files.read_words("out_simd.bin", outputs, out_rule);
  }
  if (options.f32_inputs && !pairs) {
    if (files.listed("a_f32.bin")) c.a_f32 = files.read_floats("a_f32.bin", m * static_cast<size_t>(c.k), "M*K*4");
    if (files.listed("b_f32.bin")) c.b_f32 = files.read_floats("b_f32.bin", n * static_cast<size_t>(c.k), "N*K*4");
  }
  return c;
}

VectorSet load_vector_set(const fs::path& dir, const LoadOptions& options) {
  VectorSet set;
  set.dir = dir;
  set.name = fs::path(dir).lexically_normal().filename().string();
  if (set.name.empty()) set.name = fs::path(dir).lexically_normal().parent_path().filename().string();
  const fs::path index_path = dir / "index.yaml";
  require_folder(dir);
  if (!has_entry(index_path)) {
    if (!has_entry(dir / "meta.yaml")) {
      throw InputError(dir, "is neither a vector set (no index.yaml) nor a case (no meta.yaml)");
    }
    set.cases.push_back(load_case(dir, options));
    return set;
  }
  const YAML::Node index = detail::load_yaml(index_path);
  require_format(index, index_path);
  if (index["set"].IsDefined()) set.name = detail::as_string(index["set"], "set", index_path);
  const YAML::Node cases = detail::require(index, "cases", index_path);
  if (!cases.IsSequence() || cases.size() == 0) {
    throw InputError(index_path, cases, "expected 'cases' to be a non-empty list of {dir: ..., meta_sha256: ...}");
  }
  std::set<std::string> seen;
  for (const YAML::Node& entry : cases) {
    const YAML::Node dir_node = detail::require(entry, "dir", index_path);
    const std::string sub = detail::as_string(dir_node, "dir", index_path);
    if (!seen.insert(sub).second) throw InputError(index_path, dir_node, "case folder '" + sub + "' is listed twice");
    const fs::path case_dir = dir / sub;
    if (std::error_code ec; !fs::is_directory(case_dir, ec)) {
      throw InputError(index_path, dir_node, "case folder '" + sub + "' does not exist" + (ec ? " (" + ec.message() + ")" : ""));
    }
    if (const YAML::Node sha = entry["meta_sha256"]; sha.IsDefined()) {
      const std::string want = detail::as_string(sha, "meta_sha256", index_path);
      const std::string got = sha256_hex(read_bytes(case_dir / "meta.yaml"));
      if (got != want) {
        throw InputError(index_path, sha, "sha256 mismatch for " + sub + "/meta.yaml: the file hashes to " + got +
                                              ", index.yaml says " + want);
      }
    }
    Case c = load_case(case_dir, options);
    if (c.kind == CaseKind::Matmul) {
      for (const auto& [key, value] : {std::pair{"M", c.m}, std::pair{"K", c.k}, std::pair{"N", c.n}}) {
        if (const YAML::Node v = entry[key]; v.IsDefined() && detail::as_int(v, key, index_path) != value) {
          throw InputError(index_path, v, std::string("index.yaml says ") + key + " = " + v.Scalar() + " for " + sub +
                                              ", its meta.yaml says " + std::to_string(value));
        }
      }
    }
    set.cases.push_back(std::move(c));
  }
  return set;
}

}  // namespace sailsim::vecset

#include "sailsim/sweep/case_writer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "sailsim/ggml/float_bits.hpp"
#include "sailsim/ggml/oracle.hpp"
#include "sailsim/vecset/input_error.hpp"
#include "sailsim/vecset/input_file.hpp"
#include "sailsim/vecset/sha256.hpp"
#include "sailsim/vecset/vector_set.hpp"
#include "sailsim/vecset/yaml_file.hpp"

namespace sailsim::sweep {

namespace fs = std::filesystem;
using ggml::DotOrder;

namespace {

std::string sha256_of(std::string_view bytes) {
  return vecset::sha256_hex(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

template <class T>
std::string_view bytes_of(const std::vector<T>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (out) out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
}

// A YAML double-quoted scalar.
std::string yaml_quoted(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string hex8(uint32_t bits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", bits);
  return buf;
}

// The folder's name for index.yaml's `set`, also for "mismatches/" and ".".
std::string set_name(const fs::path& dir) {
  const fs::path abs = (fs::absolute(dir) / "").lexically_normal().parent_path();
  return abs.filename().string();
}

// An exclusive flock(2) on a folder while it lives.
class FolderLock {
 public:
  explicit FolderLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) {
      const int e = errno;
      if (fd_ >= 0) ::close(fd_);
      throw std::runtime_error("cannot lock " + dir.string() + ": " + std::strerror(e));
    }
  }
  ~FolderLock() {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
};

std::string file_sha256(const fs::path& path) {
  try {
    const std::string bytes = vecset::read_input_file(path);
    return sha256_of(bytes);
  } catch (const std::exception&) {
    return "unreadable";
  }
}

// `made_by` of an existing index.yaml, or "" when it has none or cannot be read.
std::string made_by_of(const fs::path& index) {
  try {
    const YAML::Node doc = vecset::load_yaml_file(index);
    if (doc.IsMap() && doc["made_by"].IsDefined() && doc["made_by"].IsScalar()) return doc["made_by"].Scalar();
  } catch (const std::exception&) {
  }
  return "";
}

}  // namespace

CaseWriter::CaseWriter(fs::path dir, const ggml::Oracle& oracle) : dir_(std::move(dir)), oracle_(oracle) {}
CaseWriter::~CaseWriter() = default;

std::string CaseWriter::dir_problem(const fs::path& dir) {
  if (dir.empty()) return "is empty: expected a folder";  // worded for "the mismatch folder (--mismatches) is empty..."
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (st.type() != fs::file_type::not_found) {
    if (ec) return "cannot be used: " + ec.message();
    if (!fs::is_directory(st)) return "is not a folder";
    if (::access(dir.c_str(), W_OK | X_OK) != 0) return std::string("is not writable: ") + std::strerror(errno);
    const fs::path index = dir / "index.yaml";
    if (fs::symlink_status(index, ec).type() != fs::file_type::not_found && made_by_of(index) != kMadeBy) {
      return "holds a vector set that sailsim sweep did not write (its index.yaml has no `made_by: " + std::string(kMadeBy) +
             "`); sweep rewrites index.yaml, so give it a folder of its own";
    }
    return "";
  }
  // Created on the first mismatch: the nearest existing folder above must let us.
  fs::path up = fs::absolute(dir).lexically_normal();
  while (up.has_parent_path() && up != up.parent_path()) {
    up = up.parent_path();
    const fs::file_status ust = fs::status(up, ec);
    if (ust.type() == fs::file_type::not_found) continue;
    if (!fs::is_directory(ust)) return "cannot be created: " + up.string() + " is not a folder";
    if (::access(up.c_str(), W_OK | X_OK) != 0) {
      return "cannot be created: " + up.string() + " is not writable (" + std::strerror(errno) + ")";
    }
    return "";
  }
  return "cannot be created";
}

fs::path CaseWriter::write(const CaseInfo& info, const Row& row) {
  if (library_lines_.empty()) {
    const fs::path lib = oracle_.libdir();
    library_lines_ = "ggml:\n  ggml_version: " + yaml_quoted(oracle_.version()) + "\n  ggml_commit: " + yaml_quoted(oracle_.commit()) +
                     "\n  source_package: \"@node-llama-cpp/linux-x64@3.22.1 (bins/linux-x64), or SAILSIM_GGML_LIBDIR\"" +
                     "\n  libggml-base.so_sha256: " + file_sha256(lib / "libggml-base.so") +
                     "\n  reference_lib: libggml-cpu-x64.so\n  reference_lib_sha256: " + file_sha256(lib / "libggml-cpu-x64.so") +
                     "\n  reference_dot: ggml_vec_dot_q4_K_q8_K_generic\n  alt_lib: libggml-cpu-haswell.so\n  alt_lib_sha256: " +
                     file_sha256(lib / "libggml-cpu-haswell.so") + "\n  made_by: " + kMadeBy + "\n";
  }
  // GGML's own outputs, every order: what a regression test of this row must reproduce.
  const std::vector<float> generic{oracle_.vec_dot(DotOrder::Generic, row.x, row.y)};
  const std::vector<float> fused{oracle_.vec_dot(DotOrder::Fused, row.x, row.y)};
  const std::vector<float> simd{oracle_.vec_dot(DotOrder::Simd, row.x, row.y)};
  const size_t k = 256 * row.blocks();
  const bool f32 = !row.x_f32.empty() && row.x_f32.size() == k && row.y_f32.size() == k;

  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw std::runtime_error("cannot create " + dir_.string() + ": " + ec.message());
  const fs::path tmp = dir_ / (".tmp-" + info.name + "-" + std::to_string(::getpid()));
  fs::remove_all(tmp, ec);
  fs::create_directory(tmp, ec);
  if (ec) throw std::runtime_error("cannot create " + tmp.string() + ": " + ec.message());

  std::string files;
  auto add = [&](const char* name, std::string_view bytes, const std::string& layout) {
    write_file(tmp / name, bytes);
    files += std::string("  ") + name + ": {bytes: " + std::to_string(bytes.size()) + ", sha256: " + sha256_of(bytes) +
             ", layout: " + yaml_quoted(layout) + "}\n";
  };
  try {
    if (f32) {
      add("a_f32.bin", bytes_of(row.x_f32), "float32 LE, [M][K] (weights, src0): what quantize_row_q4_K_ref made a.bin of");
      add("b_f32.bin", bytes_of(row.y_f32), "float32 LE, [N][K] (activations, src1): what quantize_row_q8_K_ref made b.bin of");
    }
    add("a.bin", bytes_of(row.x), "block_q4_K x [M][K/256], 144 B each");
    add("b.bin", bytes_of(row.y), "block_q8_K x [N][K/256], 292 B each");
    add("out.bin", bytes_of(generic), "float32 LE, [N][M]: ggml_vec_dot_q4_K_q8_K_generic of libggml-cpu-x64.so (GGML's own)");
    add("out.hex", hex8(ggml::bits_of(generic[0])) + "\n", "text: N lines of M 8-hex-digit float32 bit patterns (same as out.bin)");
    add("out_fma.bin", bytes_of(fused),
        "ALTERNATE: ggml_vec_dot_q4_K_q8_K_generic of libggml-cpu-haswell.so (fused accumulations; GGML's own)");
    add("out_simd.bin", bytes_of(simd), "ALTERNATE: AVX2 ggml_vec_dot_q4_K_q8_K of libggml-cpu-haswell.so (GGML's own)");

    const std::string order(ggml::order_name(info.order));
    std::string meta = std::string("format: ") + vecset::kFormat + "\ncase: " + info.name + "\nkind: " + info.kind +
                       "\nkind_note: " +
                       yaml_quoted("a mismatch found by `" + info.command + "`: " + (info.kind == "sweep-ggml" ? "dot " : "row ") +
                              std::to_string(info.index) + ", " + order + " order") +
                       "\ndegenerate_inputs: false\nseed: " + std::to_string(info.seed) + "\nM: 1\nK: " + std::to_string(k) +
                       "\nN: 1\nblocks_per_row: " + std::to_string(row.blocks()) +
                       "\nsemantics: \"one row pair: out[0] = dot(A row 0, B row 0)\"\n";
    meta += "sweep:\n  command: " + yaml_quoted(info.command) + "\n  index: " + std::to_string(info.index) + "\n  order: " + order +
            "\n  row: " + yaml_quoted(row.describe()) + "\n  expected: " + yaml_quoted(ggml::describe_bits(info.expected)) +
            "\n  expected_from: " + yaml_quoted(info.expected_from) + "\n  actual: " + yaml_quoted(ggml::describe_bits(info.actual)) +
            "\n  actual_from: " + yaml_quoted(info.actual_from) + "\n  distance: " +
            yaml_quoted(ggml::describe_ulp(info.expected, info.actual)) + "\n";
    meta += library_lines_;
    meta += "files:\n" + files;
    write_file(tmp / "meta.yaml", meta);

    const FolderLock lock(dir_);
    const fs::path target = dir_ / info.name;
    fs::remove_all(target, ec);
    if (ec) throw std::runtime_error("cannot replace " + target.string() + ": " + ec.message());
    fs::rename(tmp, target, ec);
    if (ec) throw std::runtime_error("cannot move " + tmp.string() + " to " + target.string() + ": " + ec.message());
    write_index(dir_);
    return target;
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

void write_index(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || !e.is_directory()) continue;
    if (!fs::is_regular_file(e.path() / "meta.yaml")) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  std::string index = std::string("format: ") + vecset::kFormat + "\nset: " + set_name(dir) + "\nmade_by: " + kMadeBy +
                      "\ndescription: \"mismatches found by sailsim sweep (docs/sweep.md): one case per mismatch, every "
                      "out*.bin made by the real GGML\"\nreference: \"out.bin = ggml_vec_dot_q4_K_q8_K_generic from "
                      "libggml-cpu-x64.so; out_fma.bin, out_simd.bin = the generic function and ggml_vec_dot_q4_K_q8_K "
                      "of libggml-cpu-haswell.so\"\ncases:\n";
  size_t listed = 0;
  for (const std::string& name : names) {
    const fs::path meta_path = dir / name / "meta.yaml";
    std::string meta;
    YAML::Node doc;
    try {
      meta = vecset::read_input_file(meta_path);
      doc = vecset::load_yaml_file(meta_path);
    } catch (const std::exception&) {
      continue;  // not a case: left out (vecset would refuse it)
    }
    if (!doc.IsMap() || !doc["format"].IsScalar() || doc["format"].Scalar() != vecset::kFormat) continue;
    std::string entry = "  - {dir: " + name;
    for (const char* key : {"kind", "M", "K", "N", "seed"}) {
      if (doc[key].IsDefined() && doc[key].IsScalar()) entry += std::string(", ") + key + ": " + doc[key].Scalar();
    }
    index += entry + ", meta_sha256: " + sha256_of(meta) + "}\n";
    ++listed;
  }
  if (listed == 0) return;
  const fs::path tmp = dir / (".index.yaml.tmp-" + std::to_string(::getpid()));
  write_file(tmp, index);
  std::error_code ec;
  fs::rename(tmp, dir / "index.yaml", ec);
  if (ec) throw std::runtime_error("cannot write " + (dir / "index.yaml").string() + ": " + ec.message());
}

}  // namespace sailsim::sweep

// Buffers: named byte blobs from files, hex, fills, seeded random data and the GGML
// reference quantizers; and the data references steps make to them.
#include <bit>
#include <cstring>

#include "sailsim/ggml/blocks.hpp"
#include "sailsim/ggml/quantize.hpp"
#include "sailsim/vecset/input_file.hpp"
#include "yaml_map.hpp"

namespace sailsim::replay::detail {

namespace {

constexpr uint64_t kMaxBufferBytes = uint64_t{64} << 20;  // a generated or loaded buffer
constexpr uint64_t kMaxFloats = uint64_t{4} << 20;        // random f32 before quantizing

// splitmix64 over (seed, name): the buffer's own stream, whatever else the file holds.
class Stream {
 public:
  Stream(uint64_t seed, const std::string& name) : state_(seed * 0x9E3779B97F4A7C15ull) {
    uint64_t h = 0xCBF29CE484222325ull;  // FNV-1a of the name
    for (unsigned char c : name) h = (h ^ c) * 0x100000001B3ull;
    state_ ^= h;
    next();
  }
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [-1, 1): 24 random bits, exact in a float.
  float unit() { return static_cast<float>(static_cast<int32_t>(next() >> 40) - (1 << 23)) / static_cast<float>(1 << 23); }

 private:
  uint64_t state_;
};

Bytes read_file(const Context& ctx, const YAML::Node& node, const std::string& what) {
  const std::string rel = to_string(ctx, node, what);
  if (rel.empty()) fail(ctx, node, "expected a file name for " + what);
  const std::filesystem::path path = ctx.dir / rel;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) {
    fail(ctx, node, "missing file '" + rel + "' for " + what + " (looked for " + path.string() + ")");
  }
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > kMaxBufferBytes) {
    fail(ctx, node, "file '" + rel + "' is over 64 MiB");
  }
  // What the path is instead of a readable regular file, said at the sequence's line.
  std::string text;
  try {
    text = vecset::read_input_file(path);
  } catch (const InputError& e) {
    fail(ctx, node, "cannot use the file '" + rel + "' for " + what + ": " + e.what());
  }
  if (text.size() > kMaxBufferBytes) fail(ctx, node, "file '" + rel + "' is over 64 MiB");
  return Bytes(text.begin(), text.end());
}

Bytes parse_hex(const Context& ctx, const YAML::Node& node) {
  const std::string s = to_string(ctx, node, "hex");
  Bytes out;
  int pending = -1;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) fail(ctx, node, std::string("bad hex digit '") + c + "': expected pairs of hex digits, white space ignored");
    if (pending < 0) {
      pending = v;
    } else {
      out.push_back(static_cast<uint8_t>(pending << 4 | v));
      pending = -1;
    }
  }
  if (pending >= 0) fail(ctx, node, "odd number of hex digits: expected whole bytes");
  return out;
}

std::vector<float> floats_of(const Context& ctx, const YAML::Node& at, const Bytes& bytes, const std::string& what) {
  if (bytes.empty() || bytes.size() % (4 * ggml::kQK) != 0) {
    fail(ctx, at, what + " holds " + std::to_string(bytes.size()) + " bytes: expected a positive multiple of 1024 (rows of k floats, k a multiple of 256)");
  }
  std::vector<float> f(bytes.size() / 4);
  std::memcpy(f.data(), bytes.data(), bytes.size());
  return f;
}

// q4_k / q8_k: {f32_file: F}, {f32: BUFFER} (an earlier buffer's bytes as floats) or
// {random: {rows, k}}.
Bytes quantized(const Context& ctx, const YAML::Node& node, const std::string& kind, const std::string& name) {
  MapReader m(ctx, node, kind, {"f32_file", "f32", "random"});
  if (int{m.has("f32_file")} + int{m.has("f32")} + int{m.has("random")} != 1)
    fail(ctx, node, kind + " takes exactly one of f32_file, f32, random");
  std::vector<float> x;
  if (m.has("f32_file")) {
    x = floats_of(ctx, m.optional("f32_file"), read_file(ctx, m.optional("f32_file"), kind + " f32_file"), "f32_file");
  } else if (m.has("f32")) {
    const YAML::Node fn = m.optional("f32");
    const std::string source = to_string(ctx, fn, kind + " f32 (a buffer name)");
    const auto it = ctx.buffers.find(source);
    if (it == ctx.buffers.end())
      fail(ctx, fn, kind + " f32: no buffer '" + source + "' before this one (buffers are read in file order)");
    x = floats_of(ctx, fn, it->second, "buffer '" + source + "'");
  } else {
    MapReader r(ctx, m.optional("random"), kind + " random", {"rows", "k"});
    const uint64_t rows = to_u64(ctx, r.required("rows"), "rows", 1, 1 << 20);
    const YAML::Node kn = r.required("k");
    const uint64_t k = to_u64(ctx, kn, "k", 256, uint64_t{1} << 22);
    if (k % 256 != 0) fail(ctx, kn, "k " + std::to_string(k) + " is not a multiple of 256");
    if (rows * k > kMaxFloats) fail(ctx, node, "rows x k is over " + std::to_string(kMaxFloats) + " values");
    Stream s(ctx.seed, name);
    x.resize(rows * k);
    for (float& v : x) v = s.unit();
  }
  const size_t blocks = x.size() / ggml::kQK;
  if (kind == "q4_k") {
    std::vector<ggml::BlockQ4K> y(blocks);
    ggml::quantize_row_q4_K_ref(x, y);
    Bytes out(blocks * sizeof(ggml::BlockQ4K));
    std::memcpy(out.data(), y.data(), out.size());
    return out;
  }
  std::vector<ggml::BlockQ8K> y(blocks);
  std::memset(y.data(), 0, blocks * sizeof(ggml::BlockQ8K));  // GGML leaves bsums of zero blocks alone
  ggml::quantize_row_q8_K_ref(x, y);
  Bytes out(blocks * sizeof(ggml::BlockQ8K));
  std::memcpy(out.data(), y.data(), out.size());
  return out;
}

}  // namespace

bool is_source(const YAML::Node& node) {
  if (!node.IsMap()) return false;
  for (const char* k : {"file", "hex", "fill", "random", "q4_k", "q8_k"}) {
    if (node[k].IsDefined()) return true;
  }
  return false;
}

Bytes read_source(Context& ctx, const YAML::Node& node, const std::string& what, const std::string& name) {
  MapReader m(ctx, node, what, {"file", "hex", "fill", "random", "q4_k", "q8_k"});
  if (node.size() != 1) fail(ctx, node, what + " takes exactly one source: file, hex, fill, random, q4_k or q8_k");
  const std::string kind = node.begin()->first.Scalar();
  const YAML::Node v = node.begin()->second;
  if (kind == "file") return read_file(ctx, v, "file");
  if (kind == "hex") return parse_hex(ctx, v);
  if (kind == "fill") {
    MapReader f(ctx, v, "fill", {"byte", "size"});
    const uint64_t byte = to_u64(ctx, f.required("byte"), "byte", 0, 255);
    const uint64_t size = to_u64(ctx, f.required("size"), "size", 0, kMaxBufferBytes);
    return Bytes(size, static_cast<uint8_t>(byte));
  }
  if (kind == "random") {
    MapReader r(ctx, v, "random", {"size"});
    const uint64_t size = to_u64(ctx, r.required("size"), "size", 0, kMaxBufferBytes);
    Stream s(ctx.seed, name);
    Bytes out(size);
    for (size_t i = 0; i < out.size(); i += 8) {
      const uint64_t word = s.next();
      for (size_t j = 0; j < 8 && i + j < out.size(); ++j) out[i + j] = static_cast<uint8_t>(word >> (8 * j));
    }
    return out;
  }
  return quantized(ctx, v, kind, name);
}

DataRef read_data(Context& ctx, const YAML::Node& node, const std::string& what) {
  DataRef ref;
  auto named = [&](const YAML::Node& at, const std::string& name, const Bytes** bytes, uint64_t* size) {
    if (auto it = ctx.buffers.find(name); it != ctx.buffers.end()) {
      *bytes = &it->second;
      *size = it->second.size();
      return;
    }
    if (auto it = ctx.saved.find(name); it != ctx.saved.end()) {
      *bytes = nullptr;
      *size = it->second;
      return;
    }
    fail(ctx, at, "unknown buffer '" + name + "' for " + what + " (no such buffer, and no earlier read saves it)");
  };
  if (node.IsScalar()) {
    const std::string name = to_name(ctx, node, what + " buffer name");
    const Bytes* bytes = nullptr;
    named(node, name, &bytes, &ref.size);
    if (bytes) ref.bytes = *bytes;
    else ref.saved = name;
    return ref;
  }
  if (node.IsMap() && node["buffer"].IsDefined()) {
    MapReader s(ctx, node, what + " slice", {"buffer", "offset", "size"});
    const YAML::Node bn = s.required("buffer");
    const std::string name = to_name(ctx, bn, "buffer name");
    const Bytes* bytes = nullptr;
    uint64_t total = 0;
    named(bn, name, &bytes, &total);
    const uint64_t offset = s.has("offset") ? to_u64(ctx, s.optional("offset"), "offset", 0, total) : 0;
    const uint64_t size = s.has("size") ? to_u64(ctx, s.optional("size"), "size") : total - offset;
    if (size > total - offset) {
      fail(ctx, node, "slice [" + std::to_string(offset) + ", " + std::to_string(offset) + " + " + std::to_string(size) +
                          ") is out of bounds of buffer '" + name + "' (" + std::to_string(total) + " bytes)");
    }
    ref.offset = offset;
    ref.size = size;
    if (bytes) ref.bytes.assign(bytes->begin() + static_cast<ptrdiff_t>(offset), bytes->begin() + static_cast<ptrdiff_t>(offset + size));
    else ref.saved = name, ref.offset = offset;
    return ref;
  }
  if (!node.IsMap()) fail(ctx, node, "expected a buffer name, a slice {buffer, offset, size} or an inline source for " + what);
  const Where w = where(node);
  ref.bytes = read_source(ctx, node, what, "inline@" + std::to_string(w.line) + ":" + std::to_string(w.column));
  ref.size = ref.bytes.size();
  return ref;
}

}  // namespace sailsim::replay::detail

#include "sailsim/axi4/log.hpp"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace sailsim::axi4 {

namespace {

std::string bytes_hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static constexpr char kDigits[] = "0123456789abcdef";
      out += "\\u00";
      out += kDigits[u >> 4];
      out += kDigits[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string to_yaml(std::span<const TransactionRecord> records, ExportOptions options) {
  YAML::Emitter out;
  out << YAML::BeginSeq;
  for (const TransactionRecord& r : records) {
    out << YAML::BeginMap;
    out << YAML::Key << "seq" << YAML::Value << r.seq;
    out << YAML::Key << "dir" << YAML::Value << std::string(to_string(r.dir));
    out << YAML::Key << "port" << YAML::Value << r.port;
    out << YAML::Key << "master" << YAML::Value << r.master;
    out << YAML::Key << "id" << YAML::Value << r.id;
    out << YAML::Key << "addr" << YAML::Value << YAML::Hex << r.addr << YAML::Dec;
    out << YAML::Key << "len" << YAML::Value << unsigned{r.axlen};
    out << YAML::Key << "size" << YAML::Value << r.size_bytes();
    out << YAML::Key << "burst" << YAML::Value << std::string(to_string(r.burst));
    out << YAML::Key << "lock" << YAML::Value << r.lock;
    out << YAML::Key << "beats" << YAML::Value << r.beats;
    out << YAML::Key << "bytes" << YAML::Value << r.bytes;
    out << YAML::Key << "low_addr" << YAML::Value << YAML::Hex << r.low_addr << YAML::Dec;
    out << YAML::Key << "resp" << YAML::Value << std::string(to_string(r.resp));
    out << YAML::Key << "addr_cycle" << YAML::Value << r.addr_cycle;
    out << YAML::Key << "last_cycle" << YAML::Value << r.last_cycle;
    if (options.data) {
      out << YAML::Key << "data" << YAML::Value << YAML::DoubleQuoted << bytes_hex(r.data);
      out << YAML::Key << "strb" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (uint32_t s : r.strb) out << YAML::Hex << s;
      out << YAML::EndSeq << YAML::Dec;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  if (!out.good()) throw std::runtime_error(std::string("axi4 log: YAML export failed: ") + out.GetLastError());
  std::string text = out.c_str();
  text += '\n';
  return text;
}

std::string to_json(std::span<const TransactionRecord> records, ExportOptions options) {
  std::string out = "[";
  bool first = true;
  auto field = [&out](std::string_view key) {
    out += ", ";
    json_string(out, key);
    out += ": ";
  };
  for (const TransactionRecord& r : records) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    json_string(out, "seq");
    out += ": " + std::to_string(r.seq);
    field("dir"), json_string(out, to_string(r.dir));
    field("port"), json_string(out, r.port);
    field("master"), out += std::to_string(r.master);
    field("id"), out += std::to_string(r.id);
    field("addr"), out += std::to_string(r.addr);
    field("len"), out += std::to_string(unsigned{r.axlen});
    field("size"), out += std::to_string(r.size_bytes());
    field("burst"), json_string(out, to_string(r.burst));
    field("lock"), out += r.lock ? "true" : "false";
    field("beats"), out += std::to_string(r.beats);
    field("bytes"), out += std::to_string(r.bytes);
    field("low_addr"), out += std::to_string(r.low_addr);
    field("resp"), json_string(out, to_string(r.resp));
    field("addr_cycle"), out += std::to_string(r.addr_cycle);
    field("last_cycle"), out += std::to_string(r.last_cycle);
    if (options.data) {
      field("data"), json_string(out, bytes_hex(r.data));
      field("strb");
      out += '[';
      for (size_t i = 0; i < r.strb.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(r.strb[i]);
      }
      out += ']';
    }
    out += '}';
  }
  out += first ? "]\n" : "\n]\n";
  return out;
}

Log::Log(size_t capacity) : ring_(capacity) {
  if (capacity == 0) throw std::invalid_argument("axi4 log: capacity must be at least 1");
}

TransactionRecord& Log::append() {
  size_t index;
  if (size_ < ring_.size()) {
    index = (head_ + size_) % ring_.size();
    ++size_;
  } else {
    index = head_;
    head_ = (head_ + 1) % ring_.size();
  }
  TransactionRecord& slot = ring_[index];
  slot.seq = next_seq_++;
  slot.data.clear();
  slot.strb.clear();
  return slot;
}

void Log::push(const TransactionRecord& record) {
  TransactionRecord& slot = append();
  const uint64_t seq = slot.seq;
  slot = record;
  slot.seq = seq;
}

const TransactionRecord& Log::at(size_t i) const {
  if (i >= size_) throw std::out_of_range("axi4 log: no such record");
  return ring_[(head_ + i) % ring_.size()];
}

std::vector<TransactionRecord> Log::last_n_transactions(size_t n) const {
  const size_t count = std::min(n, size_);
  std::vector<TransactionRecord> out;
  out.reserve(count);
  for (size_t i = size_ - count; i < size_; ++i) out.push_back(at(i));
  return out;
}

std::vector<TransactionRecord> Log::since(uint64_t first_seq) const {
  std::vector<TransactionRecord> out;
  for (size_t i = 0; i < size_; ++i) {
    if (at(i).seq >= first_seq) out.push_back(at(i));
  }
  return out;
}

void Log::clear() {
  head_ = 0;
  size_ = 0;
  next_seq_ = 0;
}

std::string Log::to_yaml(ExportOptions options) const {
  const auto all = last_n_transactions(size_);
  return axi4::to_yaml(all, options);
}

std::string Log::to_json(ExportOptions options) const {
  const auto all = last_n_transactions(size_);
  return axi4::to_json(all, options);
}

}  // namespace sailsim::axi4

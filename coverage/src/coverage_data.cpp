#include "sailsim/coverage/coverage_data.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sailsim::coverage {

namespace {

// A key is \001name\002value pairs: f (file), l (line), page (v_<kind>/<module>), o
// (comment), h (hierarchy), and others this code does not need.
Point point_of(const std::string& key, uint64_t count, const std::string& where) {
  Point p;
  p.count = count;
  size_t at = 0;
  while (at < key.size()) {
    if (key[at] != '\001') throw CoverageError(where + ": a key must be \\001name\\002value pairs");
    const size_t name_end = key.find('\002', at + 1);
    if (name_end == std::string::npos) throw CoverageError(where + ": a key's field has no \\002 value");
    size_t value_end = key.find('\001', name_end + 1);
    if (value_end == std::string::npos) value_end = key.size();
    const std::string name = key.substr(at + 1, name_end - at - 1);
    const std::string value = key.substr(name_end + 1, value_end - name_end - 1);
    if (name == "f") p.file = value;
    else if (name == "l") p.line = static_cast<uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
    else if (name == "o") p.comment = value;
    else if (name == "h") p.hier = value;
    else if (name == "page") {
      const size_t slash = value.find('/');
      if (value.rfind("v_", 0) != 0 || slash == std::string::npos)
        throw CoverageError(where + ": page `" + value + "` is not v_<kind>/<module>");
      p.kind = value.substr(2, slash - 2);
      // A parameterized module's name carries Verilator's suffix (axi_mux__pi4,
      // engine_reader__B20_BB100): every instance of the module counts as the module.
      p.module = value.substr(slash + 1);
      p.module = p.module.substr(0, p.module.find("__"));
    }
    at = value_end;
  }
  if (p.kind.empty()) throw CoverageError(where + ": a point without a page (v_<kind>/<module>)");
  return p;
}

}  // namespace

CoverageData CoverageData::parse(const std::string& text, const std::string& name) {
  CoverageData d;
  std::istringstream in(text);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = name + ":" + std::to_string(number);
    if (line.empty() || line[0] == '#') continue;
    // C '<key>' <count>
    const size_t close = line.rfind('\'');
    if (line.rfind("C '", 0) != 0 || close == std::string::npos || close < 3 || close + 2 > line.size() ||
        line[close + 1] != ' ')
      throw CoverageError(where + ": expected C '<key>' <count>");
    const std::string key = line.substr(3, close - 3);
    const std::string digits = line.substr(close + 2);
    uint64_t count = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc() || end != digits.data() + digits.size())
      throw CoverageError(where + ": the count `" + digits + "` is not a non-negative integer");
    Point p = point_of(key, count, where);
    const auto [it, fresh] = d.points_.emplace(key, std::move(p));
    if (!fresh) it->second.count += count;  // verilator_coverage adds repeated keys too
  }
  return d;
}

CoverageData CoverageData::read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CoverageError(file.string() + ": cannot read: " + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  return parse(s.str(), file.string());
}

void CoverageData::merge(const CoverageData& other) {
  for (const auto& [key, p] : other.points_) {
    const auto [it, fresh] = points_.emplace(key, p);
    if (!fresh) it->second.count += p.count;
  }
}

std::string CoverageData::text() const {
  std::string out = "# SystemC::Coverage-3\n";
  for (const auto& [key, p] : points_) out += "C '" + key + "' " + std::to_string(p.count) + "\n";
  return out;
}

void CoverageData::write(const std::filesystem::path& file) const {
  const std::string t = text();
  const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw CoverageError(file.string() + ": cannot write: " + std::strerror(errno));
  size_t done = 0;
  while (done < t.size()) {
    const ssize_t n = ::write(fd, t.data() + done, t.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string e = std::strerror(errno);
      close(fd);
      throw CoverageError(file.string() + ": cannot write: " + e);
    }
    done += static_cast<size_t>(n);
  }
  if (close(fd) != 0) throw CoverageError(file.string() + ": cannot write: " + std::strerror(errno));
}

Summary summarize(const CoverageData& data) {
  Summary s;
  for (const auto& [key, p] : data.points()) {
    Totals& t = s[p.module][p.kind];
    ++t.total;
    if (p.count > 0) ++t.covered;
  }
  return s;
}

std::vector<Point> uncovered(const CoverageData& data, const std::string& module, const std::string& kind) {
  std::vector<Point> out;
  for (const auto& [key, p] : data.points())
    if (p.count == 0 && p.module == module && (kind.empty() || p.kind == kind)) out.push_back(p);
  std::stable_sort(out.begin(), out.end(), [](const Point& a, const Point& b) {
    return a.file != b.file ? a.file < b.file : a.line != b.line ? a.line < b.line : a.hier < b.hier;
  });
  return out;
}

}  // namespace sailsim::coverage

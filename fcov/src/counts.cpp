#include "sailsim/fcov/counts.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sailsim/fcov/model.hpp"

namespace sailsim::fcov {

namespace {
constexpr std::string_view kHeader = "# sailsim functional coverage 1";
}

Counts::Counts() {
  for (const Point& p : model()) counts_.emplace_back(p.bins.size(), 0);
}

void Counts::hit(size_t point, size_t bin, uint64_t n) { counts_.at(point).at(bin) += n; }

void Counts::hit(std::string_view point, std::string_view bin, uint64_t n) {
  const auto p = find_point(point);
  if (!p) throw std::logic_error("fcov: no cover point " + std::string(point));
  const auto b = find_bin(*p, bin);
  if (!b) throw std::logic_error("fcov: no bin " + std::string(bin) + " in " + std::string(point));
  hit(*p, *b, n);
}

uint64_t Counts::get(std::string_view point, std::string_view bin) const {
  const auto p = find_point(point);
  const auto b = p ? find_bin(*p, bin) : std::nullopt;
  if (!b) throw std::logic_error("fcov: no bin " + std::string(point) + " " + std::string(bin));
  return get(*p, *b);
}

void Counts::merge(const Counts& other) {
  for (size_t p = 0; p < counts_.size(); ++p) {
    for (size_t b = 0; b < counts_[p].size(); ++b) counts_[p][b] += other.counts_[p][b];
  }
}

size_t Counts::point_bins_hit(size_t point) const {
  size_t n = 0;
  for (uint64_t c : counts_.at(point)) n += c != 0;
  return n;
}

size_t Counts::bins_hit() const {
  size_t n = 0;
  for (size_t p = 0; p < counts_.size(); ++p) n += point_bins_hit(p);
  return n;
}

bool Counts::empty() const { return bins_hit() == 0; }

std::vector<Hole> Counts::holes() const {
  std::vector<Hole> out;
  for (size_t p = 0; p < counts_.size(); ++p) {
    for (size_t b = 0; b < counts_[p].size(); ++b) {
      if (counts_[p][b] == 0) out.push_back({model()[p].name, model()[p].bins[b]});
    }
  }
  return out;
}

std::string Counts::to_text() const {
  std::ostringstream os;
  os << kHeader << "\n";
  for (size_t p = 0; p < counts_.size(); ++p) {
    for (size_t b = 0; b < counts_[p].size(); ++b) {
      if (counts_[p][b]) os << model()[p].name << " " << model()[p].bins[b] << " " << counts_[p][b] << "\n";
    }
  }
  return os.str();
}

Counts Counts::parse(std::string_view text, const std::string& file) {
  Counts c;
  size_t line_no = 0;
  size_t pos = 0;
  auto fail = [&](size_t column, const std::string& what) -> FcovError {
    return FcovError(file + ":" + std::to_string(line_no) + ":" + std::to_string(column) + ": " + what);
  };
  bool header = false;
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!header) {
      if (line != kHeader) throw fail(1, "expected the header '" + std::string(kHeader) + "'");
      header = true;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const size_t s1 = line.find(' ');
    const size_t s2 = s1 == std::string_view::npos ? s1 : line.find(' ', s1 + 1);
    if (s2 == std::string_view::npos) throw fail(1, "expected POINT BIN COUNT");
    const std::string_view point = line.substr(0, s1), bin = line.substr(s1 + 1, s2 - s1 - 1);
    const std::string_view count = line.substr(s2 + 1);
    const auto p = find_point(point);
    if (!p) throw fail(1, "unknown cover point '" + std::string(point) + "'");
    const auto b = find_bin(*p, bin);
    if (!b) throw fail(s1 + 2, "unknown bin '" + std::string(bin) + "' of " + std::string(point));
    uint64_t n = 0;
    const auto [ptr, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
    if (ec != std::errc{} || ptr != count.data() + count.size() || count.empty() || n == 0) {
      throw fail(s2 + 2, "expected a count of 1 or more, got '" + std::string(count) + "'");
    }
    if (c.counts_[*p][*b]) throw fail(1, "bin '" + std::string(bin) + "' of " + std::string(point) + " twice");
    c.counts_[*p][*b] = n;
  }
  if (!header) throw FcovError(file + ":1:1: empty file, expected the header '" + std::string(kHeader) + "'");
  return c;
}

Counts Counts::read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw FcovError(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

void Counts::write(const std::filesystem::path& file) const {
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << to_text();
    out.flush();
    if (!out) throw FcovError(file.string() + ": cannot be written");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) throw FcovError(file.string() + ": cannot be written (" + ec.message() + ")");
}

}  // namespace sailsim::fcov

// Hit counts of the model's bins. Counts of runs merge by adding, so a night's coverage is the
// sum of its runs' in any order. The file form (one run's, or a night's) is text:
//   # sailsim functional coverage 1
//   POINT BIN COUNT        one line per bin hit at least once, in model order
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sailsim::fcov {

// A file that is not a coverage file: "FILE:LINE:COLUMN: what was expected".
class FcovError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Hole {
  std::string point;
  std::string bin;
};

class Counts {
 public:
  Counts();

  // One more hit (or n). A name outside the model is a programming error: std::logic_error.
  void hit(std::string_view point, std::string_view bin, uint64_t n = 1);
  void hit(size_t point, size_t bin, uint64_t n = 1);
  uint64_t get(size_t point, size_t bin) const { return counts_[point][bin]; }
  uint64_t get(std::string_view point, std::string_view bin) const;

  void merge(const Counts& other);
  bool empty() const;  // no bin hit
  size_t bins_hit() const;
  size_t point_bins_hit(size_t point) const;
  // Every bin with no hit, in model order.
  std::vector<Hole> holes() const;

  std::string to_text() const;
  static Counts parse(std::string_view text, const std::string& file);
  // Reads a file written by write(); FcovError names the file, line and column of a problem.
  static Counts read(const std::filesystem::path& file);
  // Writes the file (through a temporary beside it); FcovError when it cannot.
  void write(const std::filesystem::path& file) const;

  bool operator==(const Counts&) const = default;

 private:
  std::vector<std::vector<uint64_t>> counts_;  // [point][bin]
};

}  // namespace sailsim::fcov

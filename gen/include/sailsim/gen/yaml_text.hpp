// The shared writer of format-v1 sequence text: the comment header that says how to
// regenerate the file, the top level (name, tags, config), and number / hex formatting.
// Generators append steps as text lines; the result is an ordinary hand-editable sequence.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace sailsim::gen {

// What every generated file starts with.
struct Header {
  std::string kind;                    // matmul, errors, ...
  uint64_t seed = 0;                   // the generator's seed (also config.seed)
  std::string command;                 // the exact `sailsim gen ...` that regenerates the file
  std::vector<std::string> about;      // comment lines saying what the file does
  std::string description;             // the sequence's description:
  uint64_t timeout_cycles = 0;
  std::vector<std::string> memory_lines;  // lines under config.memory (timing, errors)
  std::vector<std::string> host_lines;    // lines under config.host
};

std::string hex(uint64_t v);                          // 0x1f
std::string hex_bytes(const std::vector<uint8_t>& b);  // "00 1f ..."
std::string le32_hex(uint32_t v);                     // "1f 00 00 00"
std::string decimal(double v);                        // 0.25 (printf %g): a knob in a command line
std::string quoted(const std::string& text);          // "text", with \" and \\ escaped

class SequenceText {
 public:
  explicit SequenceText(const Header& header);
  // Starts the buffers: section; then buffer() lines.
  void buffer(const std::string& name, const std::string& source);
  // One step, written as "  - <text>" (the first step opens steps:).
  void step(const std::string& text);
  void comment(const std::string& text);  // an indented comment line among the steps
  std::string str() const;

 private:
  std::ostringstream head_;
  std::ostringstream buffers_;
  std::ostringstream steps_;
};

}  // namespace sailsim::gen

// A seeded mutation fuzz of the loader over the good sequences: 2,000 mutants, each must load
// or be an InputError at a line and column inside the mutant; never a crash, a hang or another
// exception. A few mutants that load are also run with a small cycle budget, and must end with
// one of the documented exit codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/runner.hpp"
#include "support.hpp"

namespace sailsim::replay {
namespace {

using namespace testing;

std::string mutate(std::string text, std::mt19937_64& rng) {
  static const std::vector<std::string> tokens = {
      "addr", "size", "0x", "_", "-1", "0xFFFF_FFFF_FFFF_FFFF", "99999999999999999999", "{", "}", "[", "]", ":", ",",
      "- idle: {cycles: 1}", "~", "null", "true", "1e9", "\"", "'", "&a ", "*a", "<<: *a", "!!binary ", "#", "\n",
      "\t", "  ", "buffer", "WRAP", "FIXED", "DECERR", "expect_violation: WRAP_LEN", "illegal: true", "len: 255",
      "size: 64", "strb: [1]", "since: start", "sequence: []", "count: {min: 3}", "file: x.bin", "q4_k: {random: {rows: 1, k: 256}}"};
  const int ops = 1 + static_cast<int>(rng() % 3);
  for (int op = 0; op < ops && !text.empty(); ++op) {
    const size_t at = rng() % text.size();
    switch (rng() % 6) {
      case 0: text[at] = static_cast<char>(" -:{}[],0x1_aZ\n#\"'"[rng() % 18]); break;
      case 1: text.erase(at, 1 + rng() % 12); break;
      case 2: text.insert(at, tokens[rng() % tokens.size()]); break;
      case 3: {  // duplicate a line
        const size_t b = text.rfind('\n', at), e = text.find('\n', at);
        const size_t from = b == std::string::npos ? 0 : b + 1;
        const std::string line = text.substr(from, (e == std::string::npos ? text.size() : e) - from);
        text.insert(from, line + "\n");
        break;
      }
      case 4: {  // a digit somewhere becomes another
        const size_t d = text.find_first_of("0123456789", at);
        if (d != std::string::npos) text[d] = static_cast<char>('0' + rng() % 10);
        break;
      }
      default: text.insert(at, std::string(1 + rng() % 4, ' ')); break;
    }
  }
  return text;
}

// The lines a text editor shows: a last line without '\n' counts too.
int line_count(const std::string& text) {
  const auto newlines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return newlines + (text.empty() || text.back() == '\n' ? 0 : 1);
}

// An input error must point inside the mutant: its path, then a line of it and a column.
void expect_points_inside(const InputError& e, const std::filesystem::path& file, const std::string& text, int i) {
  SCOPED_TRACE("mutant " + std::to_string(i) + ": " + e.what() + "\n" + text);
  EXPECT_EQ(e.file(), file);
  EXPECT_GE(e.line(), 1);
  EXPECT_LE(e.line(), std::max(1, line_count(text)));
  EXPECT_GE(e.column(), 1);
  const std::string prefix = file.string() + ":" + std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": ";
  EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u);
}

TEST(ReplayFuzz, MutantsLoadOrAreInputErrors) {
  const auto dir = scratch("fuzz");
  std::vector<std::string> seeds;
  for (const auto& f : find_sequences({good()})) seeds.push_back(read_text(f));
  std::mt19937_64 rng(20261121);
  size_t loaded = 0, rejected = 0, ran = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) {
    const std::string text = mutate(seeds[static_cast<size_t>(i) % seeds.size()], rng);
    const auto file = dir / "m.yaml";
    write_text(file, text);
    try {
      Sequence seq = load_sequence(file);
      ++loaded;
      if (ran < 8 && i % 7 == 0) {
        ++ran;
        seq.config.timeout_cycles = std::min<uint64_t>(seq.config.timeout_cycles, 20'000);
        const RunResult r = run_sequence(seq, RunOptions{.output_dir = dir});  // snapshots stay in the scratch folder
        // The documented exit codes: pass, check failed, bad input, timeout, protocol violation.
        EXPECT_TRUE(r.code == kPass || r.code == kCheckFailed || r.code == kBadInput || r.code == kTimeout ||
                    r.code == kViolation)
            << "mutant " << i << " ran to code " << r.code << "\n" << text;
        if (r.code == kBadInput) {
          EXPECT_NE(r.report.find(file.string()), std::string::npos) << r.report;
        }
      }
    } catch (const InputError& e) {
      ++rejected;
      expect_points_inside(e, file, text, i);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "mutant " << i << " threw " << typeid(e).name() << ": " << e.what() << "\n" << text;
    } catch (...) {
      ADD_FAILURE() << "mutant " << i << " threw something that is no std::exception\n" << text;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "fuzz: " << loaded << " loaded, " << rejected << " rejected, " << ran << " run, " << seconds << " s\n";
  EXPECT_EQ(loaded + rejected, 2000u);
  EXPECT_GT(rejected, 100u);
}

}  // namespace
}  // namespace sailsim::replay

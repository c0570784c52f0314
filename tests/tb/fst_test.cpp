// FST waveforms for a window of cycles: the file holds exactly the window, at two
// timestamps per cycle (2c with the clock low, 2c + 1 at the rising edge, 1 ns units), and
// a window the run never reaches writes no file. Read back with the FST reader that
// Verilator ships beside its writer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtkwave/fstapi.h>

#include "fixture.hpp"

namespace sailsim::tb::test {
namespace {

namespace fs = std::filesystem;

// A fresh path under the build tree, one per test.
std::string fst_path(const std::string& name) {
  const fs::path dir = fs::path(SAILSIM_BINARY_DIR) / "tests" / "tb" / "fst";
  fs::create_directories(dir);
  const fs::path path = dir / (name + ".fst");
  fs::remove(path);
  return path.string();
}

struct FstContents {
  uint64_t start = 0;
  uint64_t end = 0;
  int timescale = 0;
  std::set<uint64_t> change_times;
};

FstContents read_fst(const std::string& path) {
  FstContents contents;
  void* reader = fstReaderOpen(path.c_str());
  if (reader == nullptr) {
    ADD_FAILURE() << "not an FST file: " << path;
    return contents;
  }
  contents.start = fstReaderGetStartTime(reader);
  contents.end = fstReaderGetEndTime(reader);
  contents.timescale = fstReaderGetTimescale(reader);
  fstReaderSetFacProcessMaskAll(reader);
  fstReaderIterBlocks(
      reader,
      [](void* user, uint64_t time, fstHandle, const unsigned char*) {
        static_cast<FstContents*>(user)->change_times.insert(time);
      },
      &contents, nullptr);
  fstReaderClose(reader);
  return contents;
}

TEST(Fst, WritesExactlyTheWindow) {
  const std::string path = fst_path("window");
  {
    WireRig rig({.fst_path = path, .fst_first_cycle = 10, .fst_last_cycle = 20});
    rig.host.write(0x10000, iota_bytes(256));
    rig.sim.run(40);
    EXPECT_EQ(rig.sim.traced_cycles(), 11u);
    // Closed after cycle 20, while the simulation goes on.
    ASSERT_TRUE(fs::exists(path));
  }
  std::ifstream file(path, std::ios::binary);
  std::vector<char> head(9);
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  EXPECT_EQ(head[0], 0) << "FST_BL_HDR";
  const FstContents fst = read_fst(path);
  EXPECT_EQ(fst.start, 20u);  // 2 x 10
  EXPECT_EQ(fst.end, 41u);    // 2 x 20 + 1
  EXPECT_EQ(fst.timescale, -9);
  // The clock changes at every timestamp of the window, and at no other.
  std::set<uint64_t> expected;
  for (uint64_t t = 20; t <= 41; ++t) expected.insert(t);
  EXPECT_EQ(fst.change_times, expected);
}

TEST(Fst, DefaultWindowIsTheWholeRun) {
  const std::string path = fst_path("whole");
  {
    Simulation<Vaxi_wire> sim({.fst_path = path});
    sim.reset(2);
    sim.run(5);
  }  // closed by the destructor
  const FstContents fst = read_fst(path);
  EXPECT_EQ(fst.start, 0u);
  EXPECT_EQ(fst.end, 13u);
}

TEST(Fst, WindowTheRunNeverReachesWritesNoFile) {
  const std::string path = fst_path("unreached");
  {
    Simulation<Vaxi_wire> sim({.fst_path = path, .fst_first_cycle = 1000, .fst_last_cycle = 2000});
    sim.run(100);
    EXPECT_EQ(sim.traced_cycles(), 0u);
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(Fst, BackwardWindowIsRefused) {
  EXPECT_THROW(Simulation<Vaxi_wire>({.fst_path = fst_path("backward"), .fst_first_cycle = 5, .fst_last_cycle = 4}),
               std::invalid_argument);
}

TEST(Fst, NoPathNoFile) {
  Simulation<Vaxi_wire> sim;
  sim.run(10);
  EXPECT_EQ(sim.traced_cycles(), 0u);
}

}  // namespace
}  // namespace sailsim::tb::test

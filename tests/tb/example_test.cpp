// The example of docs/simulation-kernel.md, which includes this file verbatim between the
// markers, so that the documentation compiles and runs.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

// --- example begin ---
#include "Vaxi_wire.h"  // the Verilated module: s_* slave port, m_* master port
#include "sailsim/tb/simulation.hpp"

using namespace sailsim;

TEST(Example, HostThroughRtlToMemory) {
  tb::Simulation<Vaxi_wire> sim({.watchdog_cycles = 1000});
  tb::Port& host_side = sim.bind(SAILSIM_AXI_PORT(&sim.top(), s_), "host");
  tb::Port& ddr = sim.bind(SAILSIM_AXI_PORT(&sim.top(), m_), "ddr");

  axi4::Memory memory;
  axi4::Host& host = sim.attach_host(host_side, {.ids = {0, 1, 2, 3}});
  sim.attach_memory(ddr, memory, {.seed = 7, .read_latency = axi4::Latency::range(2, 20),
                                  .ready = axi4::ReadyChance::all(0.7), .reorder = true});

  sim.reset();
  const std::vector<uint8_t> a(288, 0x5A);
  axi4::Handle w = host.write(0x10000, a);       // legal bursts, through the RTL
  ASSERT_TRUE(sim.run_until([&] { return host.idle(); }, 100000));
  axi4::Handle r = host.read(0x10000, a.size());  // a read may overtake a write: wait first
  ASSERT_TRUE(sim.run_until([&] { return host.idle(); }, 100000));

  EXPECT_TRUE(w->ok());
  EXPECT_EQ(r->data, a);                          // what the RTL carried both ways
  EXPECT_EQ(memory.peek(0x10000, a.size()), a);
  EXPECT_EQ(ddr.log.total(), host_side.log.total());  // every burst logged on both sides
  EXPECT_TRUE(sim.checkers_clean()) << sim.checker_report();
}
// --- example end ---

// docs/simulation-kernel.md shows the example above verbatim.
TEST(Example, IsInTheDocumentation) {
  auto read = [](const std::string& path) {
    std::ifstream file(path);
    return std::string(std::istreambuf_iterator<char>(file), {});
  };
  const std::string test = read(std::string(SAILSIM_SOURCE_DIR) + "/tests/tb/example_test.cpp");
  const std::string doc = read(std::string(SAILSIM_SOURCE_DIR) + "/docs/simulation-kernel.md");
  const std::string begin = "// --- example begin ---\n";
  const size_t start = test.find(begin) + begin.size();
  const size_t end = test.find("// --- example end ---");
  ASSERT_LT(start, end);
  const std::string example = test.substr(start, end - start);
  EXPECT_NE(doc.find("```cpp\n" + example + "```"), std::string::npos)
      << "docs/simulation-kernel.md no longer shows tests/tb/example_test.cpp's example";
}

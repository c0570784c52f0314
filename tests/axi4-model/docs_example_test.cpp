// The "attach to a port in a few lines" example of docs/axi4-model.md, verbatim but for the
// data, so that the documentation cannot drift from the API.
#include <gtest/gtest.h>

#include "sailsim/axi4/bench.hpp"
#include "sailsim/axi4/checker.hpp"
#include "sailsim/axi4/host.hpp"
#include "sailsim/axi4/memory_port.hpp"

namespace {

TEST(DocsExample, AttachInAFewLines) {
  using namespace sailsim::axi4;
  const std::vector<uint8_t> a_bytes(288, 0x5A);

  AxiPins ddr;                                   // the port's signals
  Memory memory;                                 // sparse, the whole 48-bit space
  Log log(4096);                                 // ring of the last 4096 transactions
  MemoryPort ram(ddr, memory, &log, {.port = "ddr", .seed = 1,
                                     .read_latency = Latency::range(5, 80),
                                     .ready = ReadyChance::all(0.8), .reorder = true});
  Checker checker(ddr, {.port = "ddr", .policy = CheckerPolicy::Throw});
  Host host(ddr, {.ids = {0, 1, 2, 3}});
  Bench bench;
  bench.add(host);
  bench.add(ram);
  bench.add(checker);

  Handle w = host.write(0x10000, a_bytes);       // split into legal bursts for you
  Handle r = host.read(0x30000, 64);
  bench.run_until([&] { return host.idle(); }, 1'000'000);

  EXPECT_TRUE(w->ok());
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->data, std::vector<uint8_t>(64, 0));
  EXPECT_EQ(memory.peek(0x10000, 288), a_bytes);
  EXPECT_EQ(memory.snapshot().size(), 9u);  // 288 bytes = 9 lines
  const auto last = log.last_n_transactions(4);
  ASSERT_EQ(last.size(), 2u);
  EXPECT_FALSE(log.to_yaml().empty());
  EXPECT_TRUE(checker.clean());
}

}  // namespace

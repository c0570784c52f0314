// One test per checker rule: a deliberately broken master or slave breaks exactly that rule,
// and the checker names it (and nothing else). Pin-level mistakes are scripted cycle by cycle
// on bare pins; burst-shape mistakes come from the host model with Legality::AllowIllegal,
// wired to the memory model, as a negative-test sequence would drive them.
#include <gtest/gtest.h>

#include "rig.hpp"
#include "sailsim/axi4/rules.hpp"

namespace sailsim::axi4::test {
namespace {

// Bare pins and a checker; the test plays master and slave by hand.
struct Scripted {
  AxiPins pins;
  Checker checker;
  uint64_t cycle = 0;

  explicit Scripted(CheckerConfig config = default_config()) : checker(pins, std::move(config)) {}
  static CheckerConfig default_config() {
    CheckerConfig c;
    c.port = "dut";
    return c;
  }

  void edge(bool reset = false) { checker.sample({cycle++, reset}); }

  // Complete handshakes, one cycle each.
  void aw(uint32_t id, uint64_t addr, uint8_t len, uint8_t size = 5, uint8_t burst = 1, bool lock = false) {
    pins.awid = id, pins.awaddr = addr, pins.awlen = len, pins.awsize = size, pins.awburst = burst;
    pins.awlock = lock;
    pins.awvalid = pins.awready = true;
    edge();
    pins.awvalid = pins.awready = false;
  }
  void w(bool last, uint32_t strb = 0xFFFFFFFFu) {
    pins.wstrb = strb, pins.wlast = last;
    pins.wvalid = pins.wready = true;
    edge();
    pins.wvalid = pins.wready = false;
  }
  void b(uint32_t id, uint8_t resp = 0) {
    pins.bid = id, pins.bresp = resp;
    pins.bvalid = pins.bready = true;
    edge();
    pins.bvalid = pins.bready = false;
  }
  void ar(uint32_t id, uint64_t addr, uint8_t len, uint8_t size = 5, uint8_t burst = 1, bool lock = false) {
    pins.arid = id, pins.araddr = addr, pins.arlen = len, pins.arsize = size, pins.arburst = burst;
    pins.arlock = lock;
    pins.arvalid = pins.arready = true;
    edge();
    pins.arvalid = pins.arready = false;
  }
  void r(uint32_t id, bool last, uint8_t resp = 0) {
    pins.rid = id, pins.rlast = last, pins.rresp = resp;
    pins.rvalid = pins.rready = true;
    edge();
    pins.rvalid = pins.rready = false;
  }
  void write(uint32_t id, uint64_t addr, uint8_t len) {
    aw(id, addr, len);
    for (unsigned i = 0; i <= len; ++i) w(i == len);
  }
};

// Exactly `rule` was reported (at least once), and no other rule.
void expect_only(const Checker& checker, Rule rule, const char* channel = nullptr) {
  EXPECT_GE(checker.count(rule), 1u) << "expected " << rule_name(rule);
  EXPECT_EQ(checker.count(), checker.count(rule)) << "other rules fired too; first: "
                                                   << (checker.violations().empty() ? std::string("-")
                                                                                    : to_string(checker.violations()[0]));
  ASSERT_FALSE(checker.violations().empty());
  EXPECT_EQ(checker.violations()[0].rule, rule_name(rule));
  if (channel) {
    EXPECT_EQ(checker.violations()[0].channel, channel);
  }
}

// --- Handshake rules on every channel --------------------------------------------------

struct ChannelCase {
  Channel channel;
  bool AxiPins::*valid;
  bool AxiPins::*ready;
  void (*change_payload)(AxiPins&);
};

const ChannelCase kChannels[] = {
    {Channel::AW, &AxiPins::awvalid, &AxiPins::awready, [](AxiPins& p) { p.awaddr += 0x40; }},
    {Channel::W, &AxiPins::wvalid, &AxiPins::wready, [](AxiPins& p) { p.wdata[7] ^= 0x5A; }},
    {Channel::B, &AxiPins::bvalid, &AxiPins::bready, [](AxiPins& p) { p.bresp = 2; }},
    {Channel::AR, &AxiPins::arvalid, &AxiPins::arready, [](AxiPins& p) { p.arlen += 1; }},
    {Channel::R, &AxiPins::rvalid, &AxiPins::rready, [](AxiPins& p) { p.rid += 1; }},
};

void PrintTo(const ChannelCase& c, std::ostream* os) { *os << to_string(c.channel); }

class EveryChannel : public ::testing::TestWithParam<ChannelCase> {};

// Requests outstanding so that a response on B or R is not itself a violation.
void open_requests(Scripted& s) {
  s.write(3, 0x1000, 0);
  s.ar(3, 0x2000, 0);
  s.pins.bid = 3;
  s.pins.rid = 3;
  s.pins.rlast = true;
  s.pins.wlast = true;
  s.aw(4, 0x3000, 0);  // for the W channel case
}

TEST_P(EveryChannel, ValidDroppedBeforeReady) {
  const ChannelCase& c = GetParam();
  Scripted s;
  open_requests(s);
  s.pins.*c.valid = true;
  s.pins.*c.ready = false;
  s.edge();
  s.edge();  // waiting is fine
  s.pins.*c.valid = false;
  const uint64_t at = s.cycle;
  s.edge();
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::ValidDropped, to_string(c.channel)));
  EXPECT_EQ(s.checker.violations()[0].cycle, at);
  EXPECT_EQ(s.checker.violations()[0].port, "dut");
}

TEST_P(EveryChannel, PayloadChangedWhileWaiting) {
  const ChannelCase& c = GetParam();
  Scripted s;
  open_requests(s);
  s.pins.*c.valid = true;
  s.pins.*c.ready = false;
  s.edge();
  c.change_payload(s.pins);
  s.edge();
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::PayloadUnstable, to_string(c.channel)));
  EXPECT_FALSE(s.checker.violations()[0].detail.empty());
}

TEST_P(EveryChannel, ValidDuringReset) {
  const ChannelCase& c = GetParam();
  Scripted s;
  s.edge(true);
  s.pins.*c.valid = true;
  s.edge(true);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::ValidInReset, to_string(c.channel)));
}

TEST_P(EveryChannel, WaitingThenHandshakeIsLegal) {
  const ChannelCase& c = GetParam();
  Scripted s;
  open_requests(s);
  s.pins.*c.valid = true;
  s.pins.*c.ready = false;
  s.edge();
  s.edge();
  s.pins.*c.ready = true;
  s.edge();
  s.pins.*c.valid = false;
  s.pins.*c.ready = false;
  s.edge();
  EXPECT_TRUE(s.checker.clean()) << to_string(s.checker.violations()[0]);
}

INSTANTIATE_TEST_SUITE_P(Rules, EveryChannel, ::testing::ValuesIn(kChannels),
                         [](const ::testing::TestParamInfo<ChannelCase>& param_info) {
                           return std::string(to_string(param_info.param.channel));
                         });

// --- Slave-side rules, scripted --------------------------------------------------------

TEST(CheckerRules, RlastEarly) {
  Scripted s;
  s.ar(1, 0x1000, 3);
  s.r(1, false);
  s.r(1, true);  // beat 2 of 4
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::RlastMismatch, "R"));
  EXPECT_NE(s.checker.violations()[0].detail.find("beat 2"), std::string::npos);
}

TEST(CheckerRules, RlastMissing) {
  Scripted s;
  s.ar(1, 0x1000, 1);
  s.r(1, false);
  s.r(1, false);  // beat 2 of 2 without RLAST
  s.r(1, true);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::RlastMismatch, "R"));
  EXPECT_EQ(s.checker.count(), 1u);
}

TEST(CheckerRules, BBeforeLastW) {
  Scripted s;
  s.aw(2, 0x1000, 1);
  s.w(false);
  s.b(2);  // the second W beat has not been seen
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::BBeforeWDone, "B"));
}

TEST(CheckerRules, BBeforeAw) {
  Scripted s;
  s.w(true);  // W may lead its AW...
  s.b(2);     // ...but B may not
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::BBeforeWDone, "B"));
}

TEST(CheckerRules, BWithoutRequest) {
  Scripted s;
  s.write(1, 0x1000, 0);
  s.b(5);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::RespWithoutRequest, "B"));
}

TEST(CheckerRules, RWithoutRequest) {
  Scripted s;
  s.ar(1, 0x1000, 0);
  s.r(6, true);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::RespWithoutRequest, "R"));
}

TEST(CheckerRules, SameIdReadsAnsweredOutOfOrder) {
  Scripted s;
  s.ar(4, 0x1000, 3);  // 4 beats
  s.ar(4, 0x2000, 1);  // 2 beats, same ID
  s.r(4, false);       // the slave answers the younger first
  s.r(4, true);
  for (int i = 0; i < 4; ++i) s.r(4, i == 3);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::RespOrder, "R"));
  EXPECT_EQ(s.checker.count(), 1u);
}

TEST(CheckerRules, DifferentIdsMayReorder) {
  Scripted s;
  s.ar(4, 0x1000, 3);
  s.ar(5, 0x2000, 1);
  s.r(5, false);
  s.r(4, false);  // interleaved across IDs: legal
  s.r(5, true);
  for (int i = 0; i < 3; ++i) s.r(4, i == 2);
  EXPECT_TRUE(s.checker.clean()) << to_string(s.checker.violations()[0]);
}

TEST(CheckerRules, ExokayOnPlainWrite) {
  Scripted s;
  s.write(1, 0x1000, 0);
  s.b(1, kRespExOkay);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::ExokayWithoutExclusive, "B"));
}

TEST(CheckerRules, ExokayOnPlainRead) {
  Scripted s;
  s.ar(1, 0x1000, 0);
  s.r(1, true, kRespExOkay);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::ExokayWithoutExclusive, "R"));
}

TEST(CheckerRules, ExokayOnExclusiveIsLegal) {
  Scripted s;
  s.aw(1, 0x1000, 0, 5, 1, /*lock=*/true);
  s.w(true);
  s.b(1, kRespExOkay);
  s.ar(2, 0x1000, 0, 5, 1, /*lock=*/true);
  s.r(2, true, kRespExOkay);
  EXPECT_TRUE(s.checker.clean());
}

TEST(CheckerRules, WlastEarlyScripted) {
  Scripted s;
  s.aw(1, 0x1000, 2);
  s.w(false);
  s.w(true);  // beat 2 of 3
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::WlastMismatch, "W"));
}

TEST(CheckerRules, WBeforeAwIsLegal) {
  Scripted s;
  s.w(false);
  s.w(true);
  s.aw(1, 0x1000, 1);
  s.b(1);
  EXPECT_TRUE(s.checker.clean()) << to_string(s.checker.violations()[0]);
}

TEST(CheckerRules, WstrbOfEarlyWCheckedWhenAwArrives) {
  Scripted s;
  s.w(true, 0x0000FF00);
  s.aw(1, 0x1000, 0, /*size=*/2);  // 4 bytes at lane 0: lanes 0..3 only
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::WstrbLanes, "W"));
}

TEST(CheckerRules, OutstandingOverflowScripted) {
  CheckerConfig config = Scripted::default_config();
  config.max_reads = 2;
  Scripted s(config);
  s.ar(1, 0x1000, 0);
  s.ar(2, 0x1000, 0);
  EXPECT_TRUE(s.checker.clean());
  s.ar(3, 0x1000, 0);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::OutstandingOverflow, "AR"));
}

TEST(CheckerRules, ResetForgetsOutstandingRequests) {
  Scripted s;
  s.ar(1, 0x1000, 0);
  s.edge(true);
  s.r(1, true);  // the read died with the reset
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::RespWithoutRequest, "R"));
}

TEST(CheckerPolicy, ThrowCarriesTheViolation) {
  CheckerConfig config = Scripted::default_config();
  config.policy = CheckerPolicy::Throw;
  Scripted s(config);
  s.ar(1, 0x1000, 0);
  try {
    s.r(7, true);
    FAIL() << "no ProtocolViolation thrown";
  } catch (const ProtocolViolation& e) {
    EXPECT_EQ(e.violation().rule, "RESP_WITHOUT_REQUEST");
    EXPECT_EQ(e.violation().port, "dut");
    EXPECT_EQ(e.violation().channel, "R");
    EXPECT_EQ(e.violation().cycle, 1u);
    EXPECT_NE(std::string(e.what()).find("RESP_WITHOUT_REQUEST on dut R at cycle 1"), std::string::npos);
  }
}

TEST(CheckerPolicy, CountKeepsAtMostKeepButCountsAll) {
  CheckerConfig config = Scripted::default_config();
  config.keep = 2;
  int called = 0;
  config.on_violation = [&](const Violation&) { ++called; };
  Scripted s(config);
  for (int i = 0; i < 5; ++i) s.r(9, true);
  EXPECT_EQ(s.checker.count(), 5u);
  EXPECT_EQ(s.checker.count("RESP_WITHOUT_REQUEST"), 5u);
  EXPECT_EQ(s.checker.violations().size(), 2u);
  EXPECT_EQ(called, 5);
  s.checker.clear_violations();
  EXPECT_TRUE(s.checker.clean());
}

// AxBURST = 3 straight on the pins (not through the host's Transaction): the checker reads
// the 2-bit code itself, names the channel, port and cycle, and the burst's responses that
// follow raise nothing more.
TEST(CheckerRules, ReservedBurstOnTheAwPins) {
  Scripted s;
  s.edge();
  const uint64_t at = s.cycle;
  s.aw(6, 0x1000, 1, 5, 3);
  s.w(false);
  s.w(true);
  s.b(6, 2);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::BurstReserved, "AW"));
  EXPECT_EQ(s.checker.count(), 1u);
  EXPECT_EQ(s.checker.violations()[0].port, "dut");
  EXPECT_EQ(s.checker.violations()[0].cycle, at);
  EXPECT_NE(s.checker.violations()[0].detail.find("id 6"), std::string::npos) << s.checker.violations()[0].detail;
  EXPECT_NE(s.checker.violations()[0].detail.find("burst 3"), std::string::npos) << s.checker.violations()[0].detail;
  EXPECT_TRUE(s.checker.idle());
}

TEST(CheckerRules, ReservedBurstOnTheArPins) {
  Scripted s;
  s.edge();
  s.edge();
  const uint64_t at = s.cycle;
  s.ar(5, 0x2000, 1, 5, 3);
  s.r(5, false, 2);
  s.r(5, true, 2);
  ASSERT_NO_FATAL_FAILURE(expect_only(s.checker, Rule::BurstReserved, "AR"));
  EXPECT_EQ(s.checker.count(), 1u);
  EXPECT_EQ(s.checker.violations()[0].port, "dut");
  EXPECT_EQ(s.checker.violations()[0].cycle, at);
  EXPECT_NE(s.checker.violations()[0].detail.find("id 5"), std::string::npos) << s.checker.violations()[0].detail;
  EXPECT_NE(s.checker.violations()[0].detail.find("burst 3"), std::string::npos) << s.checker.violations()[0].detail;
  EXPECT_TRUE(s.checker.idle());
}

// --- Master-side rules, driven by the host model as a broken master --------------------

struct IllegalCase {
  const char* name;
  Rule rule;
  const char* channel;
  Transaction txn;
};

Transaction shaped(Dir dir, uint64_t addr, uint8_t len, uint8_t size, Burst burst) {
  Transaction t;
  t.dir = dir;
  t.id = 1;
  t.addr = addr;
  t.len = len;
  t.size = size;
  t.burst = burst;
  return t;
}

std::vector<IllegalCase> illegal_cases() {
  std::vector<IllegalCase> cases = {
      {"ReservedWrite", Rule::BurstReserved, "AW", shaped(Dir::Write, 0x1000, 0, 5, Burst::Reserved)},
      {"ReservedRead", Rule::BurstReserved, "AR", shaped(Dir::Read, 0x1000, 0, 5, Burst::Reserved)},
      {"FixedTooLong", Rule::BurstTooLong, "AR", shaped(Dir::Read, 0x1000, 16, 2, Burst::Fixed)},
      {"WrapTooLong", Rule::BurstTooLong, "AW", shaped(Dir::Write, 0x1000, 31, 2, Burst::Wrap)},
      {"WrapThreeBeats", Rule::WrapLen, "AR", shaped(Dir::Read, 0x1000, 2, 5, Burst::Wrap)},
      {"WrapOneBeat", Rule::WrapLen, "AW", shaped(Dir::Write, 0x1000, 0, 5, Burst::Wrap)},
      {"WrapUnaligned", Rule::WrapUnaligned, "AR", shaped(Dir::Read, 0x1004, 3, 3, Burst::Wrap)},
      {"IncrCrosses4K", Rule::Crosses4K, "AW", shaped(Dir::Write, 0x1FE0, 1, 5, Burst::Incr)},
      {"IncrCrosses4KUnaligned", Rule::Crosses4K, "AR", shaped(Dir::Read, 0x2FFF, 1, 0, Burst::Incr)},
      {"SizeTooWide", Rule::SizeTooWide, "AR", shaped(Dir::Read, 0x1000, 0, 6, Burst::Incr)},
  };
  Transaction strobes = shaped(Dir::Write, 0x1004, 1, 2, Burst::Incr);
  strobes.wstrb = {0x000000F0, 0x00000F00 | 0x1};  // beat 1 (addr 0x1008) may use lanes 8..11 only
  cases.push_back({"WstrbOutsideLanes", Rule::WstrbLanes, "W", strobes});
  Transaction short_w = shaped(Dir::Write, 0x1000, 3, 5, Burst::Incr);
  short_w.w_beats = 3;  // WLAST on beat 3 of 4
  cases.push_back({"WlastEarly", Rule::WlastMismatch, "W", short_w});
  Transaction long_w = shaped(Dir::Write, 0x1000, 1, 5, Burst::Incr);
  long_w.w_beats = 3;  // no WLAST on beat 2 of 2
  cases.push_back({"WlastLate", Rule::WlastMismatch, "W", long_w});
  return cases;
}

void PrintTo(const IllegalCase& c, std::ostream* os) { *os << c.name; }

class BrokenMaster : public ::testing::TestWithParam<IllegalCase> {};

TEST_P(BrokenMaster, CheckerNamesTheRule) {
  const IllegalCase& c = GetParam();
  Rig rig({}, {}, [] {
    CheckerConfig config;
    config.port = "ddr";
    return config;
  }());
  // The host refuses it unless asked...
  EXPECT_THROW(rig.host.issue(c.txn), std::invalid_argument);
  // ...and drives it as given when asked.
  Handle handle = rig.host.issue(c.txn, Legality::AllowIllegal);
  rig.bench.run(200);
  ASSERT_NO_FATAL_FAILURE(expect_only(rig.checker, c.rule, c.channel));
  EXPECT_EQ(rig.checker.violations()[0].port, "ddr");
  // A legal transaction on its own raises nothing.
  Rig clean;
  clean.host.issue(shaped(c.txn.dir, 0x1000, 3, 5, Burst::Incr));
  ASSERT_TRUE(clean.settle(1000));
  EXPECT_TRUE(clean.checker.clean());
}

INSTANTIATE_TEST_SUITE_P(Rules, BrokenMaster, ::testing::ValuesIn(illegal_cases()),
                         [](const ::testing::TestParamInfo<IllegalCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(CheckerRules, OutstandingOverflowFromHost) {
  MemoryPortConfig memory;
  memory.read_latency = Latency::fixed(50);  // hold the reads open
  HostConfig host;
  host.max_reads = 8;
  CheckerConfig checker;
  checker.max_reads = 4;  // the port's declared depth, which this host ignores
  Rig rig(memory, host, checker);
  for (int i = 0; i < 6; ++i) rig.host.read(0x1000 + 0x100 * i, 32);
  ASSERT_TRUE(rig.settle(2000));
  ASSERT_NO_FATAL_FAILURE(expect_only(rig.checker, Rule::OutstandingOverflow, "AR"));
  EXPECT_EQ(rig.checker.count(), 2u);  // the 5th and the 6th
}

TEST(CheckerRules, EveryRuleHasATest) {
  // The rules exercised above; a new rule must join this list (and get its test).
  const Rule tested[] = {Rule::ValidDropped,  Rule::PayloadUnstable,     Rule::ValidInReset, Rule::WlastMismatch,
                         Rule::RlastMismatch, Rule::BBeforeWDone,        Rule::RespWithoutRequest, Rule::RespOrder,
                         Rule::BurstReserved, Rule::BurstTooLong,        Rule::WrapLen,      Rule::WrapUnaligned,
                         Rule::Crosses4K,     Rule::SizeTooWide,         Rule::WstrbLanes,   Rule::ExokayWithoutExclusive,
                         Rule::OutstandingOverflow};
  EXPECT_EQ(std::size(tested), kRuleCount);
}

}  // namespace
}  // namespace sailsim::axi4::test

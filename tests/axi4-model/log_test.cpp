#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "sailsim/axi4/log.hpp"

namespace sailsim::axi4 {
namespace {

TransactionRecord record(uint64_t addr, Dir dir = Dir::Write) {
  TransactionRecord r;
  r.dir = dir;
  r.port = "ddr";
  r.master = 1;
  r.id = 0x13;
  r.addr = addr;
  r.axlen = 1;
  r.axsize = 5;
  r.burst = Burst::Wrap;
  r.beats = 2;
  r.bytes = 64;
  r.low_addr = addr;
  r.resp = Resp::SlvErr;
  r.addr_cycle = 10;
  r.last_cycle = 17;
  r.data = {0x00, 0xAB, 0xFF};
  r.strb = {0xFFFFFFFFu, 0x1u};
  return r;
}

TEST(Log, RingKeepsTheNewestAndWrapsAround) {
  Log log(4);
  for (uint64_t i = 0; i < 10; ++i) log.push(record(0x1000 + i * 0x20));
  EXPECT_EQ(log.size(), 4u);
  EXPECT_EQ(log.capacity(), 4u);
  EXPECT_EQ(log.total(), 10u);
  EXPECT_EQ(log.dropped(), 6u);
  const auto last = log.last_n_transactions(3);
  ASSERT_EQ(last.size(), 3u);  // oldest first
  EXPECT_EQ(last[0].seq, 7u);
  EXPECT_EQ(last[0].addr, 0x1000u + 7 * 0x20);
  EXPECT_EQ(last[2].seq, 9u);
  EXPECT_EQ(log.last_n_transactions(100).size(), 4u);
  EXPECT_EQ(log.at(0).seq, 6u);
  EXPECT_THROW(log.at(4), std::out_of_range);
  const auto since = log.since(8);
  ASSERT_EQ(since.size(), 2u);
  EXPECT_EQ(since[0].seq, 8u);
  log.clear();
  EXPECT_EQ(log.size(), 0u);
  EXPECT_TRUE(log.last_n_transactions(5).empty());
  log.push(record(0x40));
  EXPECT_EQ(log.at(0).seq, 0u);
  EXPECT_THROW(Log(0), std::invalid_argument);
}

TEST(Log, AppendReusesSlotsAndSetsSeq) {
  Log log(2);
  TransactionRecord& a = log.append();
  a.data = {1, 2, 3};
  log.append();
  TransactionRecord& c = log.append();  // overwrites a's slot
  EXPECT_EQ(&a, &c);
  EXPECT_TRUE(c.data.empty());
  EXPECT_EQ(c.seq, 2u);
}

void expect_same(const YAML::Node& n, const TransactionRecord& r, bool with_data) {
  EXPECT_EQ(n["seq"].as<uint64_t>(), r.seq);
  EXPECT_EQ(n["dir"].as<std::string>(), to_string(r.dir));
  EXPECT_EQ(n["port"].as<std::string>(), r.port);
  EXPECT_EQ(n["master"].as<uint32_t>(), r.master);
  EXPECT_EQ(n["id"].as<uint32_t>(), r.id);
  EXPECT_EQ(n["addr"].as<uint64_t>(), r.addr);
  EXPECT_EQ(n["len"].as<unsigned>(), r.axlen);
  EXPECT_EQ(n["size"].as<unsigned>(), r.size_bytes());
  EXPECT_EQ(n["burst"].as<std::string>(), to_string(r.burst));
  EXPECT_EQ(n["lock"].as<bool>(), r.lock);
  EXPECT_EQ(n["beats"].as<unsigned>(), r.beats);
  EXPECT_EQ(n["bytes"].as<uint64_t>(), r.bytes);
  EXPECT_EQ(n["low_addr"].as<uint64_t>(), r.low_addr);
  EXPECT_EQ(n["resp"].as<std::string>(), to_string(r.resp));
  EXPECT_EQ(n["addr_cycle"].as<uint64_t>(), r.addr_cycle);
  EXPECT_EQ(n["last_cycle"].as<uint64_t>(), r.last_cycle);
  if (with_data) {
    std::string hex;
    for (uint8_t b : r.data) {
      char two[3];
      std::snprintf(two, sizeof two, "%02x", b);
      hex += two;
    }
    EXPECT_EQ(n["data"].as<std::string>(), hex);
    ASSERT_EQ(n["strb"].size(), r.strb.size());
    for (size_t i = 0; i < r.strb.size(); ++i) EXPECT_EQ(n["strb"][i].as<uint32_t>(), r.strb[i]);
  } else {
    EXPECT_FALSE(n["data"]);
  }
}

TEST(Log, YamlAndJsonRoundTrip) {
  Log log(8);
  log.push(record(0xFFFF'FFFF'FFE0ull));
  TransactionRecord odd = record(0x10000, Dir::Read);
  odd.port = "we\"ird\\port\n";  // JSON must escape this
  odd.lock = true;
  odd.data.clear();
  odd.strb.clear();
  log.push(odd);
  for (bool with_data : {true, false}) {
    const ExportOptions options{with_data};
    const YAML::Node yaml = YAML::Load(log.to_yaml(options));
    const YAML::Node json = YAML::Load(log.to_json(options));  // YAML 1.2 reads JSON
    ASSERT_TRUE(yaml.IsSequence());
    ASSERT_TRUE(json.IsSequence());
    ASSERT_EQ(yaml.size(), 2u);
    ASSERT_EQ(json.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      expect_same(yaml[i], log.at(i), with_data);
      expect_same(json[i], log.at(i), with_data);
    }
  }
  const std::string json = log.to_json();
  EXPECT_EQ(json.front(), '[');
  EXPECT_NE(json.find("\"addr\": 281474976710624"), std::string::npos);  // decimal in JSON
  EXPECT_NE(json.find("we\\\"ird\\\\port\\u000a"), std::string::npos);
  EXPECT_NE(log.to_yaml().find("addr: 0xffffffffffe0"), std::string::npos);  // hex in YAML
  EXPECT_EQ(Log(1).to_json(), "[]\n");
}

}  // namespace
}  // namespace sailsim::axi4

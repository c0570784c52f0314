// The shim's YAML config file: keys, defaults, and file:line:column errors.
#include "sailsim/shim/config_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace sailsim::shim {
namespace {

std::string error_of(const std::string& text) {
  DeviceConfig c;
  try {
    apply_config_text(c, text, "cfg.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigFile, AllKeys) {
  DeviceConfig c;
  apply_config_text(c,
                    "version: \"0.1.0\"\n"
                    "seed: 7\n"
                    "memory:\n"
                    "  read_latency: 20\n"
                    "  write_latency: {min: 5, max: 80}\n"
                    "  ready: 0.5\n"
                    "  reorder: true\n"
                    "  errors:\n"
                    "    - {base: 0x3000_0000, size: 0x1000, resp: SLVERR, on: both}\n"
                    "    - {base: 0x20000, size: 64, resp: DECERR, on: read}\n",
                    "cfg.yaml");
  EXPECT_EQ(c.version.major, 0);
  EXPECT_EQ(c.version.minor, 1);
  EXPECT_EQ(c.version.patch, 0);
  EXPECT_EQ(c.card.memory.seed, 7u);
  EXPECT_EQ(c.card.memory.read_latency.min, 20u);
  EXPECT_EQ(c.card.memory.read_latency.max, 20u);
  EXPECT_EQ(c.card.memory.write_latency.min, 5u);
  EXPECT_EQ(c.card.memory.write_latency.max, 80u);
  EXPECT_EQ(c.card.memory.ready.aw, 0.5);
  EXPECT_EQ(c.card.memory.ready.ar, 0.5);
  EXPECT_TRUE(c.card.memory.reorder);
  ASSERT_EQ(c.card.memory.errors.size(), 2u);
  EXPECT_EQ(c.card.memory.errors[0].base, 0x3000'0000u);
  EXPECT_EQ(c.card.memory.errors[0].size, 0x1000u);
  EXPECT_EQ(c.card.memory.errors[0].resp, axi4::Resp::SlvErr);
  EXPECT_EQ(c.card.memory.errors[0].on, axi4::ErrorOn::Both);
  EXPECT_EQ(c.card.memory.errors[1].resp, axi4::Resp::DecErr);
  EXPECT_EQ(c.card.memory.errors[1].on, axi4::ErrorOn::Read);
}

TEST(ConfigFile, EmptyIsDefaults) {
  DeviceConfig c;
  apply_config_text(c, "", "cfg.yaml");
  EXPECT_EQ(c.version.minor, SPANKER_ABI_MINOR);
  EXPECT_TRUE(c.card.memory.errors.empty());
}

TEST(ConfigFile, ErrorsNameLineAndColumn) {
  EXPECT_EQ(error_of("version: 0.1.0\nbogus: 1\n"), "cfg.yaml:2:1: unknown key 'bogus' (version, seed, memory)");
  EXPECT_EQ(error_of("memory:\n  read_latency: fast\n"),
            "cfg.yaml:2:17: read_latency: expected an integer, got 'fast'");
  EXPECT_EQ(error_of("memory:\n  ready: 2\n"), "cfg.yaml:2:10: ready: expected a number in [0, 1], got '2'");
  EXPECT_EQ(error_of("version: \"1.x\"\n"), "cfg.yaml:1:10: bad version '1.x'");
  EXPECT_EQ(error_of("memory:\n  errors:\n    - {base: 1, size: 2, resp: OKAY}\n"),
            "cfg.yaml:3:32: resp: SLVERR or DECERR, got 'OKAY'");
  EXPECT_EQ(error_of("memory:\n  read_latency: {min: 9, max: 3}\n"),
            "cfg.yaml:2:17: read_latency: needs 1 <= min <= max");
  EXPECT_NE(error_of("memory: [1, 2\n").find("cfg.yaml:"), std::string::npos);  // a YAML syntax error
}

// The numbers rule of every sailsim YAML input: a number is a plain scalar, never quoted or tagged.
TEST(ConfigFile, QuotedOrTaggedNumbersAreRefused) {
  EXPECT_EQ(error_of("seed: \"7\"\n"), "cfg.yaml:1:7: seed: expected an integer, got the string \"7\": write the number without quotes: 7");
  EXPECT_EQ(error_of("memory:\n  read_latency: !!str 20\n"),
            "cfg.yaml:2:17: read_latency: expected an integer, got !!str 20: write the number without a tag: 20");
  EXPECT_EQ(error_of("memory:\n  ready: '0.5'\n"),
            "cfg.yaml:2:10: ready: expected a number in [0, 1], got the string \"0.5\": write the number without quotes: 0.5");
  EXPECT_EQ(error_of("memory:\n  errors:\n    - {base: \"0x1000\", size: 64}\n"),
            "cfg.yaml:3:14: base: expected an integer, got the string \"0x1000\": write the number without quotes: 0x1000");
  EXPECT_EQ(error_of("seed: \"soon\"\n"), "cfg.yaml:1:7: seed: expected an integer, got the string \"soon\"");
}

TEST(ConfigFile, NumbersFollowTheSequenceRule) {
  EXPECT_EQ(error_of("seed: +7\n"), "cfg.yaml:1:7: seed: expected an integer, got '+7'");
  EXPECT_EQ(error_of("seed: 1__0\n"), "cfg.yaml:1:7: seed: expected an integer, got '1__0'");
  EXPECT_EQ(error_of("seed: _10\n"), "cfg.yaml:1:7: seed: expected an integer, got '_10'");
  EXPECT_EQ(error_of("memory:\n  ready: inf\n"), "cfg.yaml:2:10: ready: expected a number in [0, 1], got 'inf'");
  EXPECT_NE(error_of("memory:\n  ready: ' 0.5'\n").find("got the string \" 0.5\""), std::string::npos);
  DeviceConfig c;
  apply_config_text(c, "seed: 0x1_0\nmemory:\n  ready: 0.25\n", "cfg.yaml");
  EXPECT_EQ(c.card.memory.seed, 16u);
  EXPECT_EQ(c.card.memory.ready.ar, 0.25);
}

TEST(ConfigFile, LoadsAFile) {
  const std::string path = std::string(SAILSIM_BINARY_DIR) + "/driver_shim_config_test.yaml";
  {
    std::ofstream out(path);
    out << "version: 0.1.0\nmemory:\n  read_latency: 3\n";
  }
  const DeviceConfig c = load_config(path);
  EXPECT_EQ(c.version.minor, 1);
  EXPECT_EQ(c.card.memory.read_latency.min, 3u);
  std::remove(path.c_str());
  EXPECT_THROW(load_config(path), ConfigError);
}

TEST(ConfigFile, ParseVersion) {
  const spanker_version v = parse_version("0.2.7");
  EXPECT_EQ(v.major, 0);
  EXPECT_EQ(v.minor, 2);
  EXPECT_EQ(v.patch, 7);
  EXPECT_THROW(parse_version("0.2"), ConfigError);
  EXPECT_THROW(parse_version("0.2.1.4"), ConfigError);
  EXPECT_THROW(parse_version("0.70000.1"), ConfigError);
  EXPECT_THROW(parse_version(""), ConfigError);
}

}  // namespace
}  // namespace sailsim::shim

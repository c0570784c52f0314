#include <gtest/gtest.h>

#include "sailsim/axi4/params.hpp"
#include "sailsim/axi4/rules.hpp"

namespace sailsim::axi4 {
namespace {

TEST(Params, ContractValues) {
  // contracts.md section 1.
  EXPECT_EQ(kDataWidth, 256u);
  EXPECT_EQ(kDataBytes, 32u);
  EXPECT_EQ(kAddrWidth, 48u);
  EXPECT_EQ(kAddrMask, 0xFFFF'FFFF'FFFFull);
  EXPECT_EQ(kIdWidth, 4u);
  EXPECT_EQ(kLenWidth + kSizeWidth + kBurstWidth + kRespWidth, 8u + 3u + 2u + 2u);
  EXPECT_EQ(kCacheWidth + kProtWidth + kQosWidth, 4u + 3u + 4u);
  EXPECT_EQ(static_cast<int>(Burst::Fixed), 0);
  EXPECT_EQ(static_cast<int>(Burst::Incr), 1);
  EXPECT_EQ(static_cast<int>(Burst::Wrap), 2);
  EXPECT_EQ(static_cast<int>(Resp::Okay), 0);
  EXPECT_EQ(static_cast<int>(Resp::ExOkay), 1);
  EXPECT_EQ(static_cast<int>(Resp::SlvErr), 2);
  EXPECT_EQ(static_cast<int>(Resp::DecErr), 3);
  EXPECT_EQ(kMaxBeatsIncr, 256u);
  EXPECT_EQ(kMaxBeatsWrapFixed, 16u);
  EXPECT_EQ(kBoundaryBytes, 4096u);
}

TEST(Params, NamesRoundTrip) {
  for (Burst b : {Burst::Fixed, Burst::Incr, Burst::Wrap, Burst::Reserved}) EXPECT_EQ(parse_burst(to_string(b)), b);
  for (Resp r : {Resp::Okay, Resp::ExOkay, Resp::SlvErr, Resp::DecErr}) EXPECT_EQ(parse_resp(to_string(r)), r);
  for (Dir d : {Dir::Read, Dir::Write}) EXPECT_EQ(parse_dir(to_string(d)), d);
  EXPECT_FALSE(parse_burst("reserved"));
  EXPECT_FALSE(parse_burst("3"));
  EXPECT_FALSE(parse_resp("okay"));
  EXPECT_FALSE(parse_dir("rd"));
}

TEST(Params, WorseResponse) {
  EXPECT_EQ(worse(Resp::Okay, Resp::SlvErr), Resp::SlvErr);
  EXPECT_EQ(worse(Resp::DecErr, Resp::SlvErr), Resp::DecErr);
  EXPECT_EQ(worse(Resp::ExOkay, Resp::Okay), Resp::ExOkay);
  EXPECT_EQ(worse(Resp::Okay, Resp::Okay), Resp::Okay);
}

TEST(Rules, TableIsInEnumOrderWithUniqueUpperCaseNames) {
  for (unsigned i = 0; i < kRuleCount; ++i) {
    EXPECT_EQ(static_cast<unsigned>(kRules[i].rule), i);
    EXPECT_EQ(parse_rule(kRules[i].name), kRules[i].rule);
    EXPECT_FALSE(kRules[i].description.empty());
    for (char c : kRules[i].name) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    for (unsigned j = 0; j < i; ++j) EXPECT_NE(kRules[i].name, kRules[j].name);
  }
  EXPECT_EQ(rule_name(Rule::Crosses4K), "CROSSES_4K");
  EXPECT_FALSE(parse_rule("NOT_A_RULE"));
}

}  // namespace
}  // namespace sailsim::axi4

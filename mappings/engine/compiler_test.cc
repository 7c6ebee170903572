// The compiler reports every problem of a mapping file at once, each with
// file:line:column and what to write instead.
#include "mappings/engine/compiler.h"

#include <gtest/gtest.h>

#include "mappings/engine/install_paths.h"

namespace bridge::mappings {
namespace {

class CompilerTest : public ::testing::Test {
 protected:
  static const ContractRegistry& contracts() {
    static const ContractRegistry registry = *ContractRegistry::load(defaultContractDirectory());
    return registry;
  }
  static parsers::schema::SchemaRegistry& schemas() {
    static parsers::schema::SchemaRegistry registry(EDI_SCHEMA_DIR);
    return registry;
  }
  std::shared_ptr<const Mapping> compile(const std::string& text) {
    issues_ = config::YamlIssues();
    return compileMappingText(text, "m.yaml", EDI_SOURCE_DIR, {&contracts(), &schemas()}, issues_);
  }
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& issue : issues_.list()) out.push_back(issue.describe());
    return out;
  }
  config::YamlIssues issues_;
};

constexpr const char* kHeader =
    "mapping: t\nversion: 1.0.0\nsource: { x12: \"850\", version: \"004010\" }\n"
    "target: { contract: order.v1 }\n";

TEST_F(CompilerTest, AValidMappingCompilesWithItsHash) {
  auto mapping = compile(std::string(kHeader) + "output:\n  orderNumber: BEG03\n");
  ASSERT_NE(mapping, nullptr) << issues_.describe();
  EXPECT_EQ(mapping->name, "t");
  EXPECT_EQ(mapping->hash.rfind("sha256:", 0), 0u);
  EXPECT_EQ(mapping->hash.size(), 7u + 64u);
  auto same = compile(std::string(kHeader) + "output:\n  orderNumber: BEG03\n");
  EXPECT_EQ(same->hash, mapping->hash);
  auto other = compile(std::string(kHeader) + "output:\n  orderNumber: BEG02\n");
  EXPECT_NE(other->hash, mapping->hash);
}

TEST_F(CompilerTest, EveryProblemIsReportedWithItsPosition) {
  auto mapping = compile(std::string(kHeader) +
                         "output:\n"
                         "  orderNumber: BEG3\n"  // line 6
                         "  orderDate: { path: BEG05, transform: [{ parse_date: DDMMYYYY }] }\n"
                         "  purpose: { path: BEG01, transform: [{ table: nope }] }\n"
                         "  lines: { each: XYZ, fields: { quantity: PO102 } }\n"     // line 9
                         "  currency: { path: CUR02, colour: red }\n"                // line 10
                         "  notes: { fields: { text: { lua: \"return (\" } } }\n");  // line 11
  EXPECT_EQ(mapping, nullptr);
  const auto all = messages();
  auto has = [&](const std::string& text) {
    for (const auto& message : all) {
      if (message.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("m.yaml:6:16: path 'BEG3': 'BEG3' is not an element reference"))
      << issues_.describe();
  EXPECT_TRUE(has("m.yaml:7:55: orderDate.parse_date: unknown format 'DDMMYYYY'"))
      << issues_.describe();
  EXPECT_TRUE(has("m.yaml:8:48: purpose.table: no table or lookup named 'nope'"))
      << issues_.describe();
  EXPECT_TRUE(has("m.yaml:9:18: path 'XYZ': XYZ is neither a segment nor a loop of X12 004010 850"))
      << issues_.describe();
  EXPECT_TRUE(has("m.yaml:10:28: unknown key 'colour' in currency")) << issues_.describe();
  EXPECT_TRUE(has("m.yaml:11:35: notes.text: Lua does not compile")) << issues_.describe();
  EXPECT_GE(all.size(), 6u);
}

TEST_F(CompilerTest, SourceAndTargetMustBeKnown) {
  auto mapping = compile(
      "mapping: t\nversion: 1.0.0\nsource: { x12: \"850\", version: \"004010\" }\n"
      "target: { contract: purchase-order.v9 }\noutput: { orderNumber: BEG03 }\n");
  EXPECT_EQ(mapping, nullptr);
  ASSERT_FALSE(issues_.empty());
  EXPECT_NE(issues_.describe().find(
                "m.yaml:4:21: unknown contract 'purchase-order.v9'; known contracts: "),
            std::string::npos)
      << issues_.describe();
  auto neither = compile(
      "mapping: t\nversion: 1\nsource: { csv: {}, contract: order.v1 }\n"
      "target: { contract: order.v1 }\noutput: {}\n");
  EXPECT_EQ(neither, nullptr);
  EXPECT_NE(issues_.describe().find("source must name exactly one of"), std::string::npos)
      << issues_.describe();
}

TEST_F(CompilerTest, SegmentTemplatesAreChecked) {
  auto mapping = compile(
      "mapping: t\nversion: 1\nsource: { contract: invoice.v1 }\n"
      "target: { x12: \"810\", version: \"004010\" }\n"
      "segments:\n"
      "  - BIG: [{ path: invoiceDate }, { path: invoiceNumber }]\n"
      "  - { each: lines }\n"
      "  - { BIG: [], REF: [] }\n"
      "  - just text\n");
  EXPECT_EQ(mapping, nullptr);
  const std::string all = issues_.describe();
  EXPECT_NE(all.find("m.yaml:7:5: segments[2] needs the key 'segments'"), std::string::npos) << all;
  EXPECT_NE(all.find("segments[3]: one segment per list entry"), std::string::npos) << all;
  EXPECT_NE(all.find("m.yaml:9:5: segments[4]: write a segment as {TAG: [elements]}"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace bridge::mappings

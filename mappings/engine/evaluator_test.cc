// Mapping semantics on small inline documents: loops and qualifiers, HL
// hierarchies, computed values, conditions, Lua, and outbound segments.
#include <gtest/gtest.h>

#include "mappings/engine/compiler.h"
#include "mappings/engine/install_paths.h"
#include "mappings/engine/translator.h"

namespace bridge::mappings {
namespace {

using nlohmann::json;

parsers::schema::SchemaRegistry& schemas() {
  static parsers::schema::SchemaRegistry registry(EDI_SCHEMA_DIR);
  return registry;
}

std::shared_ptr<const Mapping> compile(const std::string& text) {
  config::YamlIssues issues;
  auto mapping = compileMappingText(text, "t.yaml", EDI_SOURCE_DIR, {nullptr, &schemas()}, issues);
  EXPECT_NE(mapping, nullptr) << issues.describe();
  return mapping;
}

std::vector<Translation> run(const Mapping& mapping, const std::string& input) {
  TranslationContext context;
  context.schemas = &schemas();
  FixedOutbound fixed = fixedOutbound(mapping);
  SequentialNumbers numbers;
  context.envelope = &fixed.envelope;
  context.numbers = &numbers;
  context.now = fixed.now;
  auto result = translateInput(mapping, input, "input", context);
  EXPECT_TRUE(result.isOk()) << result.status().message();
  return result ? *result : std::vector<Translation>{};
}

std::string x12(const std::string& set, const std::string& body) {
  return "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
         "*261127*1200*U*00401*"
         "000000001*0*P*>~GS*SH*SENDER*RECEIVER*20261127*1200*1*X*004010~ST*" +
         set + "*0001~" + body + "SE*0*0001~GE*1*1~IEA*1*000000001~";
}

TEST(EvaluatorTest, HierarchicalLevelsNestByParentId) {
  auto mapping = compile(R"yaml(mapping: t
version: 1
source: { x12: "856", version: "004010" }
target: { contract: shipment.v1 }
output:
  shipmentNumber: BSN02
  orders:
    each: "HL[HL03=S].HL[HL03=O]"
    fields:
      orderNumber: PRF01
      packs:
        each: "HL[HL03=P]"
        fields:
          sscc: MAN02
          items: { each: "HL[HL03=I]", fields: { sku: LIN03 } }
)yaml");
  ASSERT_NE(mapping, nullptr);
  // Two orders, the first with two packs; HL02 links each level to its parent.
  const auto out =
      run(*mapping, x12("856",
                        "BSN*00*SHIP1*20261127*1200~HL*1**S~"
                        "HL*2*1*O~PRF*PO-A~HL*3*2*P~MAN*GM*001~HL*4*3*I~LIN**VN*A1~"
                        "HL*5*2*P~MAN*GM*002~HL*6*5*I~LIN**VN*A2~HL*7*5*I~LIN**VN*A3~"
                        "HL*8*1*O~PRF*PO-B~HL*9*8*P~MAN*GM*003~HL*10*9*I~LIN**VN*B1~"));
  ASSERT_EQ(out.size(), 1u);
  const json expected = json::parse(R"({
    "shipmentNumber": "SHIP1",
    "orders": [
      {"orderNumber": "PO-A", "packs": [
        {"sscc": "001", "items": [{"sku": "A1"}]},
        {"sscc": "002", "items": [{"sku": "A2"}, {"sku": "A3"}]}]},
      {"orderNumber": "PO-B", "packs": [{"sscc": "003", "items": [{"sku": "B1"}]}]}]})");
  EXPECT_EQ(out[0].document, expected) << out[0].document.dump(2);
}

TEST(EvaluatorTest, QualifiersConditionsCountsSumsConcatAndLua) {
  auto mapping = compile(R"yaml(mapping: t
version: 1
source: { x12: "850", version: "004010" }
target: { contract: order.v1 }
output:
  orderNumber: { concat: [BEG03, BEG04], separator: "-" }
  shipTo: { path: "N1[N101=ST].N102" }
  billToCity: { path: "N1[N101=BT].N401" }
  dept: "REF[REF01=DP].REF02"
  rush: { value: true, when: { path: "REF[REF01=PS].REF02", equals: [R, X] } }
  lines:
    each: "PO1[PO103!=CA]"
    fields:
      vendorItem: { qualified: { segment: PO1, from: 6, qualifier: VN } }
      qty: { path: PO102, transform: [number] }
      amount: { lua: "return out.qty * tonumber(item[1][5])" }
  count: { count: PO1 }
  total: { sum: PO1.PO102 }
  second: { path: "PO1[2].PO101" }
)yaml");
  ASSERT_NE(mapping, nullptr);
  const auto out = run(*mapping, x12("850",
                                     "BEG*00*SA*PO1*R7**20261127~REF*DP*038~REF*PS*R~"
                                     "N1*BT*BILL~N4*AKRON*OH~N1*ST*SHIP HERE~"
                                     "PO1*1*10*EA*1.5**UP*0001*VN*V1~PO1*2*3*CA*9**VN*V2~"
                                     "PO1*3*4*EA*2**VN*V3~"));
  ASSERT_EQ(out.size(), 1u);
  const json& doc = out[0].document;
  EXPECT_EQ(doc["orderNumber"], "PO1-R7");
  EXPECT_EQ(doc["shipTo"], "SHIP HERE");
  EXPECT_EQ(doc["billToCity"], "AKRON");
  EXPECT_EQ(doc["dept"], "038");
  EXPECT_EQ(doc["rush"], true);
  ASSERT_EQ(doc["lines"].size(), 2u);  // the CA line is filtered out
  EXPECT_EQ(doc["lines"][0]["vendorItem"], "V1");
  EXPECT_EQ(doc["lines"][1]["vendorItem"], "V3");
  // Fields are built in order, so the snippet sees the quantity already
  // mapped (`out`) and the loop's segments (`item`: PO1 is its first).
  EXPECT_EQ(doc["lines"][0]["amount"], 15.0);
  EXPECT_EQ(doc["lines"][1]["amount"], 8);
  EXPECT_TRUE(out[0].ok()) << out[0].problems[0];
  EXPECT_EQ(doc["count"], 3);
  EXPECT_EQ(doc["total"], 17);
  EXPECT_EQ(doc["second"], "2");
}

TEST(EvaluatorTest, RequiredValuesAndRefusedTransformsAreAllReported) {
  auto mapping = compile(R"yaml(mapping: t
version: 1
source: { x12: "850", version: "004010" }
target: { contract: order.v1 }
output:
  orderNumber: { path: BEG03, required: true }
  orderDate: { path: BEG05, transform: [{ parse_date: CCYYMMDD }] }
  purpose: { path: BEG01, default: original }
)yaml");
  ASSERT_NE(mapping, nullptr);
  const auto out = run(*mapping, x12("850", "BEG***~"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].document["purpose"], "original");
  ASSERT_EQ(out[0].problems.size(), 1u);
  EXPECT_EQ(out[0].problems[0],
            "t.yaml:6:16: orderNumber (from BEG03): required value is missing: nothing at 'BEG03'");
  const auto dated = run(*mapping, x12("850", "BEG*00*SA*P1**20261340~"));
  ASSERT_EQ(dated[0].problems.size(), 1u);
  EXPECT_EQ(dated[0].problems[0],
            "t.yaml:7:41: orderDate (from BEG05): value '20261340' is not a valid date in format "
            "CCYYMMDD");
}

TEST(EvaluatorTest, OutboundSegmentsPairsLevelsAndOmittedSegments) {
  auto mapping = compile(R"yaml(mapping: t
version: 1
source: { contract: shipment.v1 }
target: { x12: "856", version: "004010" }
segments:
  - BSN: ["00", { path: shipmentNumber }, "20261127", "1200"]
  - REF: [BM, { path: billOfLading }]
  - level: S
    levels:
      - level: O
        each: orders
        segments:
          - PRF: [{ path: orderNumber }]
        levels:
          - level: I
            each: items
            segments:
              - LIN: [null, { pairs: [[UP, { path: upc }], [VN, { path: sku }]] }]
  - CTT: [{ count: orders.items }]
)yaml");
  ASSERT_NE(mapping, nullptr);
  const auto out = run(*mapping, R"({"shipmentNumber": "S1", "orders": [
      {"orderNumber": "PO-A", "items": [{"sku": "A1"}, {"sku": "A2", "upc": "012345678905"}]},
      {"orderNumber": "PO-B", "items": []}]})");
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].ok()) << out[0].problems[0];
  const std::string& edi = out[0].output;
  EXPECT_NE(edi.find("ST*856*0001~\nBSN*00*S1*20261127*1200~\nHL*1**S*1~\nHL*2*1*O*1~\nPRF*PO-A~\n"
                     "HL*3*2*I*0~\nLIN**VN*A1~\nHL*4*2*I*0~\nLIN**UP*012345678905*VN*A2~\n"
                     "HL*5*1*O*0~\nPRF*PO-B~\nCTT*2~\nSE*13*0001~"),
            std::string::npos)
      << edi;
  EXPECT_EQ(edi.find("REF*"), std::string::npos) << "REF without a bill of lading is left out";
}

}  // namespace
}  // namespace bridge::mappings

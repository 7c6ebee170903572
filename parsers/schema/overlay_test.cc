#include "parsers/schema/overlay.h"

#include <gtest/gtest.h>

#include "parsers/schema/test_schema_dir.h"
#include "parsers/schema/transaction_loader.h"

namespace bridge::parsers::schema {
namespace {

using testing::describeIssues;
using testing::TestSchemaDir;
using Strings = std::vector<std::string>;

constexpr char kDictionary[] = R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "004010"
elements:
  "353": {type: ID, min: 2, max: 2, codes: ["00", "01", "05"]}
  "92": {type: ID, min: 2, max: 2, codes: [NE, SA], code-ranges: [[K1, K9]]}
  "127": {type: AN, min: 1, max: 30}
  "355": {type: ID, min: 2, max: 2, codes: [EA, CA, LB]}
  "1018": {type: R, min: 1, max: 15}
composites:
  C001: {components: [{id: "355", usage: M}, {id: "1018"}]}
segments:
  ST: {elements: [{id: "127", usage: M}]}
  BEG: {elements: [{id: "353", usage: M}, {id: "92", usage: M}, {id: "127"}, {id: C001}]}
  REF: {elements: [{id: "127", usage: M}, {id: "127"}]}
  N9: {elements: [{id: "127", usage: M}]}
  MSG: {elements: [{id: "127", usage: M}]}
  N1: {elements: [{id: "127", usage: M}]}
  PER: {elements: [{id: "127", usage: M}]}
  SE: {elements: [{id: "127", usage: M}]}
)yaml";

constexpr char k850[] = R"yaml(format: edi-bridge/schema-v1
kind: transaction
standard: x12
version: "004010"
id: "850"
segments:
  - {segment: ST, usage: M}
  - {segment: BEG, usage: M}
  - {segment: REF, max: 5}
  - {segment: REF, max: unbounded}
  - loop: N9
    max: 10
    segments:
      - {segment: N9, usage: M}
      - {segment: MSG}
  - loop: N1
    max: 200
    segments:
      - {segment: N1, usage: M}
      - {segment: PER, max: 3}
  - {segment: SE, usage: M}
)yaml";

constexpr char kHeader[] = R"yaml(format: edi-bridge/schema-v1
kind: overlay
name: acme-850
base: x12/004010/850
)yaml";

class SchemaOverlay : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("x12/004010/dictionary.yaml", kDictionary);
    dir_.write("x12/004010/850.yaml", k850);
    config::YamlIssues issues;
    base_ = loadTransaction(dir_.path("x12/004010/850.yaml"), cache_, issues);
    ASSERT_TRUE(base_);
    ASSERT_TRUE(issues.empty()) << issues.describe();
  }

  // Applies an overlay whose rules are `rules` (YAML lines after "rules:").
  std::shared_ptr<const TransactionSchema> apply(const TransactionSchema& base,
                                                 const std::string& rules, Strings& issues,
                                                 const std::string& header = kHeader) {
    dir_.write("overlay.yaml", header + "rules:\n" + rules);
    config::YamlIssues found;
    auto result = applyOverlay(base, dir_.path("overlay.yaml"), found);
    issues = describeIssues(found, dir_);
    return result;
  }

  TestSchemaDir dir_;
  DictionaryCache cache_;
  std::shared_ptr<const TransactionSchema> base_;
};

TEST_F(SchemaOverlay, TightensACopyAndLeavesTheBaseAlone) {
  Strings issues;
  auto tight = apply(*base_, R"yaml(  - {at: BEG, element: 2, codes: [SA, K5, SA]}
  - {at: N9, usage: X}
  - {at: REF, max: 2}
  - {at: REF#2, usage: M, max: 7}
  - {at: N1/PER, usage: M}
  - {at: BEG, element: 3, usage: M, min-length: 5, max-length: 10}
  - {at: BEG, element: 4.1, codes: [EA]}
  - {at: BEG, element: 4, usage: X}
  - {at: N9/MSG, usage: X}
)yaml",
                     issues);
  ASSERT_TRUE(tight);
  EXPECT_EQ(issues, Strings{});
  EXPECT_EQ(tight->overlays, Strings{"acme-850"});
  EXPECT_EQ(tight->id, "850");
  EXPECT_EQ(tight->dictionary, base_->dictionary);

  const auto& top = tight->root.children;
  const SegmentDef& beg = *top[1].segment;
  EXPECT_EQ(beg.elements[1].codes, (Strings{"K5", "SA"}));
  EXPECT_EQ(beg.elements[2].usage, Usage::kMandatory);
  EXPECT_EQ(beg.elements[2].minLength, 5u);
  EXPECT_EQ(beg.elements[2].maxLength, 10u);
  EXPECT_EQ(beg.elements[3].usage, Usage::kNotUsed);
  ASSERT_NE(beg.elements[3].composite, nullptr);
  EXPECT_EQ(beg.elements[3].composite->components[0].codes, Strings{"EA"});
  EXPECT_EQ(top[2].maxUse, 2u);
  EXPECT_EQ(top[3].usage, Usage::kMandatory);
  EXPECT_EQ(top[3].maxUse, 7u);
  EXPECT_EQ(top[4].usage, Usage::kNotUsed);
  EXPECT_EQ(top[4].children[1].usage, Usage::kNotUsed);
  EXPECT_EQ(top[5].children[1].usage, Usage::kMandatory);

  // The base is untouched, and what no rule touched is shared.
  const auto& baseTop = base_->root.children;
  const SegmentDef& baseBeg = *baseTop[1].segment;
  EXPECT_EQ(baseTop[1].segment.get(), base_->dictionary->findSegment("BEG"));
  EXPECT_NE(top[1].segment, baseTop[1].segment);
  EXPECT_TRUE(baseBeg.elements[1].codes.empty());
  EXPECT_EQ(baseBeg.elements[2].usage, Usage::kOptional);
  EXPECT_EQ(baseBeg.elements[3].usage, Usage::kOptional);
  EXPECT_TRUE(baseBeg.elements[3].composite->components[0].codes.empty());
  EXPECT_EQ(baseBeg.elements[3].composite, &base_->dictionary->composites.at("C001"));
  EXPECT_EQ(baseTop[2].maxUse, 5u);
  EXPECT_EQ(baseTop[4].usage, Usage::kOptional);
  EXPECT_EQ(baseTop[5].children[1].usage, Usage::kOptional);
  EXPECT_TRUE(base_->overlays.empty());
  EXPECT_EQ(top[0].segment, baseTop[0].segment);
  EXPECT_EQ(top[2].segment, baseTop[2].segment);
}

TEST_F(SchemaOverlay, ASecondOverlayTightensTheFirstAndKeepsItsCopiesAlive) {
  Strings issues;
  auto first = apply(*base_,
                     "  - {at: BEG, element: 4.1, codes: [EA, CA]}\n  - {at: N9, usage: X}\n"
                     "  - {at: BEG, element: 2, codes: [NE, SA]}\n",
                     issues);
  ASSERT_TRUE(first);
  ASSERT_EQ(issues, Strings{});
  auto second =
      apply(*first,
            "  - {at: BEG, element: 4.1, codes: [CA]}\n  - {at: BEG, element: 2, codes: [K1]}\n"
            "  - {at: N9, usage: M}\n",
            issues,
            "format: edi-bridge/schema-v1\nkind: overlay\nname: second\nbase: "
            "x12/004010/850\n");
  ASSERT_TRUE(second);
  EXPECT_EQ(issues, (Strings{
                        "DIR/overlay.yaml:7:34: rules[2] 'codes' lists 'K1', which BEG02 does "
                        "not allow in the base schema; an overlay may only keep codes of the "
                        "base list",
                        "DIR/overlay.yaml:8:21: rules[3] 'usage: M' on 'N9', which an earlier "
                        "overlay forbids (usage X)",
                    }));
  EXPECT_EQ(second->overlays, (Strings{"acme-850", "second"}));
  first.reset();
  const SegmentDef& beg = *second->root.children[1].segment;
  EXPECT_EQ(beg.elements[3].composite->components[0].codes, Strings{"CA"});
  EXPECT_EQ(beg.elements[1].codes, (Strings{"NE", "SA"}));
}

TEST_F(SchemaOverlay, RefusesEveryRuleThatWouldLoosenTheBase) {
  Strings issues;
  auto result = apply(*base_, R"yaml(  - {at: BEG, usage: X}
  - {at: REF, max: 9}
  - {at: BEG, element: 2, codes: [SA, ZZ, K0]}
  - {at: BEG, element: 1, usage: X}
  - {at: BEG, element: 3, min-length: 0}
  - {at: BEG, element: 3, max-length: 40}
  - {at: BEG, element: 3, min-length: 40}
  - {at: BEG, element: 3, min-length: 9, max-length: 4}
  - {at: BEG, element: 2, codes: [SAX]}
  - {at: N1/N1, usage: X}
  - {at: BEG, element: 4.1, codes: [KG]}
  - {at: BEG, element: 2, codes: []}
)yaml",
                      issues);
  ASSERT_TRUE(result);
  EXPECT_EQ(issues, (Strings{
                        "DIR/overlay.yaml:6:22: rules[1] 'usage: X' would forbid 'BEG', which "
                        "the base schema requires; an overlay may only forbid optional things",
                        "DIR/overlay.yaml:7:20: rules[2] 'max' 9 would raise the maximum of "
                        "'REF' (5); an overlay may only lower it",
                        "DIR/overlay.yaml:8:34: rules[3] 'codes' lists 'K0', 'ZZ', which "
                        "BEG02 does not allow in the base schema; an overlay may only keep "
                        "codes of the base list",
                        "DIR/overlay.yaml:9:34: rules[4] 'usage: X' would forbid 'BEG' "
                        "element 1 (BEG01), which the base schema requires; an overlay may "
                        "only forbid optional things",
                        "DIR/overlay.yaml:10:39: rules[5] 'min-length' 0 is outside the base "
                        "range: BEG03 allows 1 to 30 characters; an overlay may only narrow "
                        "it",
                        "DIR/overlay.yaml:11:39: rules[6] 'max-length' 40 is outside the base "
                        "range: BEG03 allows 1 to 30 characters; an overlay may only narrow "
                        "it",
                        "DIR/overlay.yaml:12:39: rules[7] 'min-length' 40 is outside the base "
                        "range: BEG03 allows 1 to 30 characters; an overlay may only narrow "
                        "it",
                        "DIR/overlay.yaml:13:39: rules[8] 'min-length' 9 is more than "
                        "'max-length' 4",
                        "DIR/overlay.yaml:14:34: rules[9] 'codes' lists 'SAX', which BEG02 "
                        "does not allow in the base schema; an overlay may only keep codes of "
                        "the base list",
                        "DIR/overlay.yaml:14:34: rules[9] 'codes' lists 'SAX', whose length "
                        "BEG02 does not allow (2 to 2 characters)",
                        "DIR/overlay.yaml:15:24: rules[10] 'usage: X' would forbid 'N1/N1', "
                        "which the base schema requires; an overlay may only forbid optional "
                        "things",
                        "DIR/overlay.yaml:16:36: rules[11] 'codes' lists 'KG', which BEG04-01 "
                        "does not allow in the base schema; an overlay may only keep codes of "
                        "the base list",
                        "DIR/overlay.yaml:17:34: rules[12] 'codes' is empty; to forbid BEG02 "
                        "write usage: X",
                    }));
  // Nothing refused was applied.
  const SegmentDef& beg = *result->root.children[1].segment;
  EXPECT_EQ(result->root.children[1].usage, Usage::kMandatory);
  EXPECT_EQ(result->root.children[2].maxUse, 5u);
  EXPECT_TRUE(beg.elements[1].codes.empty());
  EXPECT_EQ(beg.elements[0].usage, Usage::kMandatory);
  EXPECT_EQ(beg.elements[2].minLength, 0u);
  EXPECT_EQ(beg.elements[2].maxLength, 0u);
}

TEST_F(SchemaOverlay, ReportsPathsPositionsAndRulesItCannotApply) {
  Strings issues;
  auto result = apply(*base_, R"yaml(  - {at: XYZ, usage: M}
  - {at: N1/XX, usage: M}
  - {at: REF#3, usage: M}
  - {at: REF#x, usage: M}
  - {at: BEG/X, usage: M}
  - {at: N1, element: 2, usage: M}
  - {at: BEG, element: 9, usage: M}
  - {at: BEG, element: 2.1, usage: M}
  - {at: BEG, element: 4.3, usage: M}
  - {at: BEG, element: 4, codes: [EA]}
  - {at: BEG, element: x, usage: M}
  - {at: BEG, codes: [SA], min-length: 1, max-length: 2}
  - {at: BEG, element: 2, max: 1}
  - {at: BEG}
  - {at: BEG, usage: O}
  - {at: BEG, colour: red, usage: M}
  - {usage: M}
  - just a word
)yaml",
                      issues);
  ASSERT_TRUE(result);
  EXPECT_EQ(issues, (Strings{
                        "DIR/overlay.yaml:6:10: rules[1] 'at' XYZ: no 'XYZ' at the top of the "
                        "structure, which holds ST, BEG, REF, REF, N9, N1, SE",
                        "DIR/overlay.yaml:7:10: rules[2] 'at' N1/XX: no 'XX' in loop 'N1', "
                        "which holds N1, PER",
                        "DIR/overlay.yaml:8:10: rules[3] 'at' REF#3: the top of the structure "
                        "has only 2 'REF'",
                        "DIR/overlay.yaml:9:10: rules[4] 'at' REF#x: 'REF#x' is not a loop id "
                        "or segment tag; write a path such as N1/PER or REF#2",
                        "DIR/overlay.yaml:10:10: rules[5] 'at' BEG/X: 'BEG' is a segment; "
                        "only loops have entries below them",
                        "DIR/overlay.yaml:11:23: rules[6] 'element' needs a segment, and 'N1' "
                        "is a loop; write 'N1/N1' for its first segment",
                        "DIR/overlay.yaml:12:24: rules[7] 'element' 9: segment 'BEG' has 4 "
                        "positions",
                        "DIR/overlay.yaml:13:24: rules[8] 'element' 2.1: BEG position 2 is a "
                        "simple element, without components; write 2",
                        "DIR/overlay.yaml:14:24: rules[9] 'element' 4.3: composite 'C001' has "
                        "2 components",
                        "DIR/overlay.yaml:15:24: rules[10] BEG04 is composite 'C001'; codes "
                        "and lengths belong to its components: name one, as 4.1",
                        "DIR/overlay.yaml:16:24: rules[11] 'element' is 'x'; expected a "
                        "position such as 3, or 3.1 for a component",
                        "DIR/overlay.yaml:17:22: rules[12] narrows an element's values; add "
                        "'element' (the position, as 3 or 3.1)",
                        "DIR/overlay.yaml:17:40: rules[12] narrows an element's values; add "
                        "'element' (the position, as 3 or 3.1)",
                        "DIR/overlay.yaml:17:55: rules[12] narrows an element's values; add "
                        "'element' (the position, as 3 or 3.1)",
                        "DIR/overlay.yaml:18:32: rules[13] 'max' limits the repeats of a "
                        "segment or loop; write it in a rule without 'element'",
                        "DIR/overlay.yaml:19:5: rules[14] changes nothing; give usage, max, "
                        "codes, min-length or max-length",
                        "DIR/overlay.yaml:20:22: rules[15] 'usage' is 'O'; expected 'M' or "
                        "'X'",
                        "DIR/overlay.yaml:21:15: unknown key 'colour' in rules[16]; expected "
                        "'at', 'element', 'usage', 'max', 'codes', 'min-length' or "
                        "'max-length'",
                        "DIR/overlay.yaml:22:5: rules[17] needs the key 'at'",
                        "DIR/overlay.yaml:23:5: rules[18] must be a mapping of keys to "
                        "values, not 'just a word'",
                    }));
}

TEST_F(SchemaOverlay, ReportsHeaderProblems) {
  Strings issues;
  auto wrongBase =
      apply(*base_, "  - {at: BEG, usage: M}\n", issues,
            "format: edi-bridge/schema-v1\nkind: overlay\nstandard: x12\nversion: \"005010\"\n"
            "base: x12/004010/855\nextra: 1\n");
  ASSERT_TRUE(wrongBase);
  EXPECT_EQ(wrongBase->overlays, Strings{"overlay.yaml"});
  EXPECT_EQ(issues, (Strings{
                        "DIR/overlay.yaml:1:1: overlay needs the key 'name'",
                        "DIR/overlay.yaml:5:7: this overlay is written for x12/004010/855, "
                        "but it was applied to x12/004010/850",
                        "DIR/overlay.yaml:4:10: 'version' does not match the base "
                        "x12/004010/850",
                        "DIR/overlay.yaml:6:1: unknown key 'extra' in overlay; expected "
                        "'format', 'kind', 'standard', 'version', 'name', 'base' or 'rules'",
                    }));
  EXPECT_FALSE(apply(*base_, "  - {at: BEG, usage: M}\n", issues,
                     "format: edi-bridge/schema-v1\nkind: transaction\nname: x\nbase: x12/4010\n"));
  EXPECT_EQ(issues, (Strings{
                        "DIR/overlay.yaml:2:7: this is a transaction file; an overlay file is "
                        "expected here",
                        "DIR/overlay.yaml:4:7: overlay 'base' is 'x12/4010'; expected "
                        "standard/version/id, as x12/004010/850",
                    }));
  auto notList = apply(*base_, "  at: BEG\n", issues);
  ASSERT_TRUE(notList);
  EXPECT_EQ(issues, (Strings{
                        "DIR/overlay.yaml:6:3: overlay 'rules' must be a list of rules",
                    }));
}

TEST(SchemaOverlayBase, NamesTheSchemaAnOverlayIsWrittenFor) {
  auto key = overlayBase(YAML::Load("base: edifact/D96A/ORDERS"));
  ASSERT_TRUE(key);
  EXPECT_EQ(key->standard, edi::Standard::kEdifact);
  EXPECT_EQ(key->version, "D96A");
  EXPECT_EQ(key->id, "ORDERS");
  EXPECT_EQ(key->describe(), "EDIFACT D96A ORDERS");
  EXPECT_EQ(key->path(), "edifact/D96A/ORDERS");
  EXPECT_FALSE(overlayBase(YAML::Load("base: x12/004010")));
  EXPECT_FALSE(overlayBase(YAML::Load("base: x13/004010/850")));
  EXPECT_FALSE(overlayBase(YAML::Load("base: x12//850")));
  EXPECT_FALSE(overlayBase(YAML::Load("base: x12/004010/850/1")));
  EXPECT_FALSE(overlayBase(YAML::Load("name: x")));
  EXPECT_FALSE(overlayBase(YAML::Load("[1]")));
}

}  // namespace
}  // namespace bridge::parsers::schema

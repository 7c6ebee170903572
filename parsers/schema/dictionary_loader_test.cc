#include "parsers/schema/dictionary_loader.h"

#include <gtest/gtest.h>

#include <chrono>

#include "parsers/schema/test_schema_dir.h"

namespace bridge::parsers::schema {
namespace {

using testing::describeIssues;
using testing::TestSchemaDir;
using Strings = std::vector<std::string>;

constexpr char kX12Dictionary[] = R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "004010"
elements:
  "353": {name: Purpose, type: ID, min: 2, max: 2, codes: ["05", "00", "01"]}
  "92": {name: Order Type, type: ID, min: 2, max: 2, code-ranges: [["A1", "A9"]]}
  "373": {name: Date, type: DT, min: 8, max: 8}
  "610": {name: Amount, type: N2, min: 1, max: 15}
  "355": {name: Unit, type: ID, min: 2, max: 2}
  "1018": {name: Exponent, type: R, min: 1, max: 15}
  "93": {type: AN, min: 1, max: 60}
composites:
  C001:
    name: Unit of Measure
    components:
      - {id: "355", usage: M}
      - {id: "1018"}
    notes: [P0102]
segments:
  BEG:
    name: Beginning
    elements:
      - {id: "353", usage: M}
      - {id: "92", usage: M}
      - {id: "373", usage: O}
      - {id: C001, repeat: 5}
      - {id: "610"}
    notes: [P0405, L030405]
)yaml";

struct Loaded {
  std::shared_ptr<const Dictionary> dictionary;
  Strings issues;
};

Loaded load(const TestSchemaDir& dir, std::string_view relative) {
  config::YamlIssues issues;
  Loaded out;
  out.dictionary = loadDictionary(dir.path(relative), issues);
  out.issues = describeIssues(issues, dir);
  return out;
}

TEST(SchemaDictionary, ResolvesPositionsToTheirDefinitions) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", kX12Dictionary);
  Loaded got = load(dir, "x12/004010/dictionary.yaml");
  ASSERT_TRUE(got.dictionary);
  EXPECT_EQ(got.issues, Strings{});
  const Dictionary& dict = *got.dictionary;
  EXPECT_EQ(dict.standard, edi::Standard::kX12);
  EXPECT_EQ(dict.version, "004010");

  const ElementDef& purpose = dict.elements.at("353");
  EXPECT_EQ(purpose.name, "Purpose");
  EXPECT_EQ(purpose.type, ElementType::kIdentifier);
  EXPECT_EQ(purpose.minLength, 2u);
  EXPECT_EQ(purpose.maxLength, 2u);
  EXPECT_EQ(purpose.codes, (Strings{"00", "01", "05"}));  // sorted
  const ElementDef& type = dict.elements.at("92");
  ASSERT_EQ(type.codeRanges.size(), 1u);
  EXPECT_EQ(type.codeRanges[0], (std::pair<std::string, std::string>{"A1", "A9"}));
  EXPECT_TRUE(type.isCoded());
  EXPECT_EQ(dict.elements.at("610").type, ElementType::kNumeric);
  EXPECT_EQ(dict.elements.at("610").decimals, 2);
  EXPECT_EQ(dict.elements.at("93").name, "93");  // a missing name defaults to the id

  const CompositeDef& unit = dict.composites.at("C001");
  ASSERT_EQ(unit.components.size(), 2u);
  EXPECT_EQ(unit.components[0].element, &dict.elements.at("355"));
  EXPECT_EQ(unit.components[0].usage, Usage::kMandatory);
  EXPECT_EQ(unit.components[1].usage, Usage::kOptional);
  ASSERT_EQ(unit.notes.size(), 1u);
  EXPECT_EQ(unit.notes[0].positions, (std::vector<uint32_t>{1, 2}));

  const SegmentDef* beg = dict.findSegment("BEG");
  ASSERT_NE(beg, nullptr);
  EXPECT_EQ(beg->name, "Beginning");
  ASSERT_EQ(beg->elements.size(), 5u);
  EXPECT_EQ(beg->elements[0].element, &purpose);
  EXPECT_EQ(beg->elements[0].usage, Usage::kMandatory);
  EXPECT_EQ(beg->elements[2].usage, Usage::kOptional);
  EXPECT_EQ(beg->elements[3].composite, &unit);
  EXPECT_EQ(beg->elements[3].element, nullptr);
  EXPECT_EQ(beg->elements[3].repeat, 5u);
  EXPECT_EQ(beg->elements[3].id(), "C001");
  EXPECT_EQ(beg->elements[4].repeat, 1u);
  ASSERT_EQ(beg->notes.size(), 2u);
  EXPECT_EQ(beg->notes[0].rule, NoteRule::kPaired);
  EXPECT_EQ(beg->notes[0].positions, (std::vector<uint32_t>{4, 5}));
  EXPECT_EQ(beg->notes[1].rule, NoteRule::kListConditional);
  EXPECT_EQ(beg->notes[1].positions, (std::vector<uint32_t>{3, 4, 5}));
  EXPECT_EQ(beg->notes[1].text, "L030405");
}

TEST(SchemaDictionary, ReadsEveryType) {
  TestSchemaDir dir;
  dir.write("x12.yaml", R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "004010"
elements:
  "1": {type: AN, min: 1, max: 1}
  "2": {type: ID, min: 1, max: 1}
  "3": {type: N, min: 1, max: 1}
  "4": {type: N9, min: 1, max: 1}
  "5": {type: R, min: 1, max: 1}
  "6": {type: DT, min: 6, max: 6}
  "7": {type: TM, min: 4, max: 8}
  "8": {type: B, min: 1, max: 1}
)yaml");
  dir.write("edifact.yaml", R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: edifact
version: D96A
elements:
  "1": {type: a, min: 1, max: 1}
  "2": {type: n, min: 1, max: 1}
  "3": {type: an, min: 1, max: 1}
)yaml");
  Loaded x12 = load(dir, "x12.yaml");
  ASSERT_TRUE(x12.dictionary);
  EXPECT_EQ(x12.issues, Strings{});
  const auto& x = x12.dictionary->elements;
  EXPECT_EQ(x.at("1").type, ElementType::kAlphanumeric);
  EXPECT_EQ(x.at("2").type, ElementType::kIdentifier);
  EXPECT_EQ(x.at("3").type, ElementType::kNumeric);
  EXPECT_EQ(x.at("3").decimals, 0);
  EXPECT_EQ(x.at("4").type, ElementType::kNumeric);
  EXPECT_EQ(x.at("4").decimals, 9);
  EXPECT_EQ(x.at("5").type, ElementType::kDecimal);
  EXPECT_EQ(x.at("6").type, ElementType::kDate);
  EXPECT_EQ(x.at("7").type, ElementType::kTime);
  EXPECT_EQ(x.at("8").type, ElementType::kBinary);
  Loaded edifact = load(dir, "edifact.yaml");
  ASSERT_TRUE(edifact.dictionary);
  EXPECT_EQ(edifact.issues, Strings{});
  const auto& e = edifact.dictionary->elements;
  EXPECT_EQ(e.at("1").type, ElementType::kAlphabetic);
  EXPECT_EQ(e.at("2").type, ElementType::kNumeric);
  EXPECT_EQ(e.at("3").type, ElementType::kAlphanumeric);
}

TEST(SchemaDictionary, ReadsEdifactNotesOfSegmentsAndComposites) {
  TestSchemaDir dir;
  dir.write("d.yaml", R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: edifact
version: syntax4
elements:
  "0098": {type: an, min: 1, max: 3}
  "0104": {type: n, min: 1, max: 3}
  "0136": {type: an, min: 1, max: 35}
composites:
  S011:
    components:
      - {id: "0098", usage: M}
      - {id: "0104", usage: C}
      - {id: "0136", usage: C}
    notes: ["D4(020,030)"]
segments:
  UCD:
    elements:
      - {id: "0098", usage: M}
      - {id: S011, usage: M}
      - {id: "0136"}
    notes: ["D5(030,010,020)", "D1(010,020)"]
)yaml");
  Loaded got = load(dir, "d.yaml");
  ASSERT_TRUE(got.dictionary);
  EXPECT_EQ(got.issues, Strings{});
  const CompositeDef& s011 = got.dictionary->composites.at("S011");
  ASSERT_EQ(s011.notes.size(), 1u);
  EXPECT_EQ(s011.notes[0].rule, NoteRule::kExclusion);
  EXPECT_EQ(s011.notes[0].positions, (std::vector<uint32_t>{2, 3}));
  const SegmentDef& ucd = *got.dictionary->findSegment("UCD");
  ASSERT_EQ(ucd.notes.size(), 2u);
  EXPECT_EQ(ucd.notes[0].rule, NoteRule::kConditional);
  EXPECT_EQ(ucd.notes[0].positions, (std::vector<uint32_t>{3, 1, 2}));
  EXPECT_EQ(ucd.notes[1].rule, NoteRule::kOneOnly);
  EXPECT_EQ(ucd.elements[1].composite, &s011);
}

TEST(SchemaDictionary, ALaterVersionReplacesAndAddsToItsBase) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", kX12Dictionary);
  dir.write("x12/005010/dictionary.yaml", R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "005010"
base: ../004010/dictionary.yaml
elements:
  "92": {name: Order Type 5010, type: ID, min: 2, max: 2, codes: [NE, SA]}
  "127": {name: Reference, type: AN, min: 1, max: 50}
segments:
  REF:
    elements:
      - {id: "127", usage: M}
      - {id: "92"}
)yaml");
  Loaded got = load(dir, "x12/005010/dictionary.yaml");
  ASSERT_TRUE(got.dictionary);
  EXPECT_EQ(got.issues, Strings{});
  const Dictionary& dict = *got.dictionary;
  EXPECT_EQ(dict.version, "005010");
  EXPECT_EQ(dict.elements.at("92").name, "Order Type 5010");
  EXPECT_TRUE(dict.elements.at("92").codeRanges.empty());
  EXPECT_EQ(dict.elements.at("353").name, "Purpose");  // kept from the base
  // A segment of the base points at the replaced element.
  EXPECT_EQ(dict.findSegment("BEG")->elements[1].element, &dict.elements.at("92"));
  EXPECT_EQ(dict.findSegment("REF")->elements[1].element, &dict.elements.at("92"));
}

TEST(SchemaDictionary, ReportsBaseLoopsMissingBasesAndOtherStandards) {
  TestSchemaDir dir;
  const std::string header =
      "format: edi-bridge/schema-v1\nkind: dictionary\nstandard: x12\nversion: \"1\"\n";
  dir.write("a.yaml", header + "base: b.yaml\n");
  dir.write("b.yaml", header + "base: ./a.yaml\n");
  dir.write("c.yaml", header + "base: missing.yaml\n");
  dir.write("d.yaml", header + "base: e.yaml\n");
  dir.write("e.yaml",
            "format: edi-bridge/schema-v1\nkind: dictionary\nstandard: edifact\nversion: D96A\n");
  dir.write("f.yaml", header + "base: f.yaml\n");
  EXPECT_EQ(load(dir, "a.yaml").issues,
            Strings{"DIR/b.yaml:5:7: 'base' makes a loop (DIR/a.yaml -> DIR/b.yaml -> DIR/a.yaml); "
                    "a dictionary cannot start from itself"});
  EXPECT_EQ(load(dir, "f.yaml").issues,
            Strings{"DIR/f.yaml:5:7: 'base' makes a loop (DIR/f.yaml -> DIR/f.yaml); a dictionary "
                    "cannot start from itself"});
  EXPECT_EQ(load(dir, "c.yaml").issues,
            (Strings{"DIR/missing.yaml: cannot read the file: No such file or directory",
                     "DIR/c.yaml:5:7: the base dictionary DIR/missing.yaml did not load"}));
  EXPECT_EQ(load(dir, "d.yaml").issues,
            (Strings{"DIR/e.yaml:3:11: this base dictionary is for edifact, the dictionary built "
                     "on it for x12; a base must be of the same standard",
                     "DIR/d.yaml:5:7: the base dictionary DIR/e.yaml did not load"}));
}

TEST(SchemaDictionary, ReportsHeaderProblems) {
  TestSchemaDir dir;
  dir.write("a.yaml", "format: edi-bridge/schema-v2\nkind: transaction\nversion: \"\"\n");
  dir.write("b.yaml", "- just\n- a list\n");
  Loaded a = load(dir, "a.yaml");
  EXPECT_FALSE(a.dictionary);
  EXPECT_EQ(a.issues,
            (Strings{"DIR/a.yaml:1:9: dictionary 'format' is 'edi-bridge/schema-v2'; expected "
                     "'edi-bridge/schema-v1'",
                     "DIR/a.yaml:2:7: this is a transaction file; a dictionary file is expected "
                     "here",
                     "DIR/a.yaml:1:1: dictionary needs the key 'standard'",
                     "DIR/a.yaml:3:10: 'version' is empty; write it quoted, as \"004010\""}));
  EXPECT_EQ(load(dir, "b.yaml").issues,
            Strings{"DIR/b.yaml:1:1: dictionary must be a mapping of keys to values, not a list"});
}

TEST(SchemaDictionary, CollectsEveryProblemWithItsPosition) {
  TestSchemaDir dir;
  dir.write("d.yaml", R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "004010"
colour: blue
elements:
  "1": {type: XX, min: 1, max: 2}
  "2": {type: AN, min: 5, max: 2}
  "3": {type: ID, min: 1, max: 2, codes: A}
  "4": {type: ID, min: 1, max: 2, code-ranges: [["A"], ["A", "BB"], ["B", "A"], x]}
  "5": {type: AN, min: 1, max: 2, size: 3}
  "6": {type: AN, max: 0}
  "1": {type: AN, min: 1, max: 1}
composites:
  C1:
    components:
      - {id: "1"}
      - {id: C2}
      - {id: "99"}
      - {usage: M}
      - {id: "2", repeat: 2}
    notes: [P0106]
  C2:
    components: []
segments:
  S1:
    elements:
      - {id: "1", usage: Q}
      - {id: "77"}
      - {id: "2", repeat: 0}
      - just a word
    notes: [P0105, X12, [P0102]]
  S2:
    elemnts: []
  S3: [id]
)yaml");
  Loaded got = load(dir, "d.yaml");
  ASSERT_TRUE(got.dictionary);
  EXPECT_EQ(
      got.issues,
      (Strings{
          "DIR/d.yaml:7:15: element '1' 'type' is 'XX'; expected 'AN', 'ID', 'N', 'N0', 'N1', "
          "'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9', 'R', 'DT', 'TM' or 'B'",
          "DIR/d.yaml:8:24: element '2' 'min' is 5, more than 'max' 2; the shortest length cannot "
          "exceed the longest",
          "DIR/d.yaml:9:42: element '3' 'codes' must be a list, not 'A'",
          "DIR/d.yaml:10:49: element '4' code-ranges[1] must be two codes, as [\"A1\", \"A9\"]",
          "DIR/d.yaml:10:56: element '4' code-ranges[2] ['A', 'BB'] has codes of different "
          "lengths; a range compares codes of equal length",
          "DIR/d.yaml:10:69: element '4' code-ranges[3] ['B', 'A'] starts after it ends; write "
          "the smaller code first",
          "DIR/d.yaml:10:81: element '4' code-ranges[4] must be a list, not 'x'",
          "DIR/d.yaml:11:35: unknown key 'size' in element '5'; expected 'name', 'type', 'min', "
          "'max', 'codes' or 'code-ranges'",
          "DIR/d.yaml:12:8: element '6' needs the key 'min'",
          "DIR/d.yaml:12:24: element '6' 'max' is '0'; expected a whole number from 1 to "
          "4294967295",
          "DIR/d.yaml:13:3: 'elements' has the key '1' twice; keep one",
          "DIR/d.yaml:20:9: composite 'C1' components[4] needs the key 'id'",
          "DIR/d.yaml:21:19: unknown key 'repeat' in composite 'C1' components[5]; expected 'id' "
          "or 'usage'",
          "DIR/d.yaml:28:26: segment 'S1' elements[1] 'usage' is 'Q'; expected 'M', 'O' or 'C'",
          "DIR/d.yaml:30:27: segment 'S1' elements[3] 'repeat' is '0'; expected a whole number "
          "from 1 to 4294967295",
          "DIR/d.yaml:31:9: segment 'S1' elements[4] must be a mapping of keys to values, not "
          "'just a word'",
          "DIR/d.yaml:32:25: segment 'S1' notes[3] must be a single value, not a list",
          "DIR/d.yaml:34:5: segment 'S2' needs the key 'elements'",
          "DIR/d.yaml:34:5: unknown key 'elemnts' in segment 'S2'; expected 'name', 'elements' or "
          "'notes'",
          "DIR/d.yaml:35:7: segment 'S3' must be a mapping of keys to values, not a list",
          "DIR/d.yaml:5:1: unknown key 'colour' in dictionary; expected 'format', 'kind', "
          "'standard', 'version', 'base', 'elements', 'composites' or 'segments'",
          "DIR/d.yaml:18:14: composite 'C1' components[2]: 'C2' is a composite; a component must "
          "be a simple element",
          "DIR/d.yaml:19:14: composite 'C1' components[3]: unknown element '99'; define it under "
          "'elements'",
          "DIR/d.yaml:22:13: composite 'C1' note 'P0106': it names position 6, but composite 'C1' "
          "has 5 positions",
          "DIR/d.yaml:29:14: segment 'S1' elements[2]: unknown element or composite '77'; define "
          "it under 'elements' or 'composites'",
          "DIR/d.yaml:32:13: segment 'S1' note 'P0105': it names position 5, but segment 'S1' has "
          "4 positions",
          "DIR/d.yaml:32:20: segment 'S1' note 'X12': expected a letter P, R, E, C or L followed "
          "by two-digit positions, as P0405",
      }));
}

TEST(SchemaDictionary, TheCacheLoadsEachDictionaryOnceAndKeepsItsIssues) {
  TestSchemaDir dir;
  dir.write("good/dictionary.yaml", kX12Dictionary);
  dir.write("bad/dictionary.yaml", "kind: dictionary\n");
  DictionaryCache cache;
  const auto& first = cache.get(dir.path("good/dictionary.yaml"));
  const auto& again = cache.get(dir.path("good/../good/dictionary.yaml"));
  EXPECT_EQ(first.dictionary, again.dictionary);
  EXPECT_TRUE(first.issues.empty());
  const auto& bad = cache.get(dir.path("bad/dictionary.yaml"));
  EXPECT_FALSE(bad.dictionary);
  EXPECT_EQ(bad.issues.size(), 3u);
  EXPECT_EQ(cache.get(dir.path("bad/dictionary.yaml")).issues.size(), 3u);
}

TEST(SchemaDictionary, ALargeDictionaryLoadsQuickly) {
  // About the size of a full X12 version: 1,500 elements with code lists,
  // 1,000 segments of 12 positions.
  std::string text =
      "format: edi-bridge/schema-v1\nkind: dictionary\nstandard: x12\nversion: \"004010\"\n"
      "elements:\n";
  for (int i = 1; i <= 1500; ++i) {
    text += "  \"" + std::to_string(i) + "\": {name: \"Element number " + std::to_string(i) +
            " of the test dictionary\", type: ID, min: 1, max: 3, codes: [";
    for (int c = 0; c < 60; ++c) text += (c ? ", \"" : "\"") + std::to_string(c) + "\"";
    text += "]}\n";
  }
  text += "segments:\n";
  for (int s = 0; s < 1000; ++s) {
    text += "  S" + std::to_string(s) + ":\n    name: \"Segment\"\n    elements:\n";
    for (int e = 1; e <= 12; ++e) {
      text += "      - {id: \"" + std::to_string((s * 12 + e) % 1500 + 1) + "\", usage: O}\n";
    }
    text += "    notes: [P0102, C030405]\n";
  }
  ASSERT_GT(text.size(), 1'000'000u);
  TestSchemaDir dir;
  dir.write("dictionary.yaml", text);
  const auto start = std::chrono::steady_clock::now();
  Loaded got = load(dir, "dictionary.yaml");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(got.dictionary);
  EXPECT_EQ(got.issues, Strings{});
  EXPECT_EQ(got.dictionary->segments.size(), 1000u);
  // Generous for sanitizer builds; an optimised build takes a fraction.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 5000);
}

}  // namespace
}  // namespace bridge::parsers::schema

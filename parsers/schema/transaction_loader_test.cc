#include "parsers/schema/transaction_loader.h"

#include <gtest/gtest.h>

#include "parsers/schema/test_schema_dir.h"

namespace bridge::parsers::schema {
namespace {

using testing::describeIssues;
using testing::TestSchemaDir;
using Strings = std::vector<std::string>;

std::string dictionaryText(const std::string& standard, const std::string& version) {
  std::string text = "format: edi-bridge/schema-v1\nkind: dictionary\nstandard: " + standard +
                     "\nversion: \"" + version +
                     "\"\nelements:\n  \"1\": {type: " + (standard == "x12" ? "AN" : "an") +
                     ", min: 1, max: 10}\nsegments:\n";
  for (const char* tag : {"ST", "BEG", "REF", "N1", "N2", "PER", "HL", "LIN", "CTT", "SE", "UNH",
                          "BGM", "NAD", "UNT"}) {
    text += std::string("  ") + tag + ": {elements: [{id: \"1\"}]}\n";
  }
  return text;
}

struct Loaded {
  std::shared_ptr<const TransactionSchema> schema;
  Strings issues;
};

Loaded load(const TestSchemaDir& dir, std::string_view relative, DictionaryCache& cache) {
  config::YamlIssues issues;
  Loaded out;
  out.schema = loadTransaction(dir.path(relative), cache, issues);
  out.issues = describeIssues(issues, dir);
  return out;
}

Loaded load(const TestSchemaDir& dir, std::string_view relative) {
  DictionaryCache cache;
  return load(dir, relative, cache);
}

constexpr char k850[] = R"yaml(format: edi-bridge/schema-v1
kind: transaction
standard: x12
version: "004010"
id: "850"
name: Purchase Order
functional-group: PO
segments:
  - {segment: ST, usage: M, pos: "010"}
  - {segment: BEG, usage: M}
  - {segment: REF, max: unbounded}
  - {segment: REF, max: 2}
  - loop: N1
    max: 200
    segments:
      - {segment: N1, usage: M}
      - {segment: N2, max: 2}
      - {segment: PER, usage: O}
  - loop: HL
    usage: M
    max: unbounded
    hierarchical: true
    segments:
      - {segment: HL, usage: M}
      - loop: LIN
        segments:
          - {segment: LIN, usage: M}
  - {segment: CTT}
  - {segment: SE, usage: M}
)yaml";

TEST(SchemaTransaction, BuildsTheStructureWithSegmentsResolved) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", dictionaryText("x12", "004010"));
  dir.write("x12/004010/850.yaml", k850);
  Loaded got = load(dir, "x12/004010/850.yaml");
  ASSERT_TRUE(got.schema);
  EXPECT_EQ(got.issues, Strings{});
  const TransactionSchema& s = *got.schema;
  EXPECT_EQ(s.standard, edi::Standard::kX12);
  EXPECT_EQ(s.version, "004010");
  EXPECT_EQ(s.id, "850");
  EXPECT_EQ(s.name, "Purchase Order");
  EXPECT_EQ(s.functionalGroup, "PO");
  EXPECT_EQ(s.sourceFile, dir.path("x12/004010/850.yaml").string());
  EXPECT_TRUE(s.overlays.empty());
  ASSERT_TRUE(s.dictionary);
  EXPECT_EQ(s.dictionary->version, "004010");

  const StructureNode& root = s.root;
  EXPECT_TRUE(root.isLoop());
  EXPECT_EQ(root.id, "850");
  ASSERT_EQ(root.children.size(), 8u);
  const StructureNode& st = root.children[0];
  EXPECT_FALSE(st.isLoop());
  EXPECT_EQ(st.usage, Usage::kMandatory);
  EXPECT_EQ(st.maxUse, 1u);
  EXPECT_EQ(st.position, "010");
  EXPECT_EQ(st.segment.get(), s.dictionary->findSegment("ST"));
  EXPECT_EQ(root.children[2].usage, Usage::kOptional);
  EXPECT_EQ(root.children[2].maxUse, StructureNode::kUnbounded);
  EXPECT_EQ(root.children[3].maxUse, 2u);

  const StructureNode& n1 = root.children[4];
  EXPECT_TRUE(n1.isLoop());
  EXPECT_EQ(n1.id, "N1");
  EXPECT_EQ(n1.usage, Usage::kOptional);
  EXPECT_EQ(n1.maxUse, 200u);
  EXPECT_FALSE(n1.hierarchical);
  ASSERT_EQ(n1.children.size(), 3u);
  EXPECT_EQ(n1.triggerTag(), "N1");
  EXPECT_EQ(n1.children[2].segment->tag, "PER");

  const StructureNode& hl = root.children[5];
  EXPECT_TRUE(hl.hierarchical);
  EXPECT_EQ(hl.usage, Usage::kMandatory);
  ASSERT_EQ(hl.children.size(), 2u);
  EXPECT_TRUE(hl.children[1].isLoop());
  EXPECT_EQ(hl.children[1].children[0].segment->tag, "LIN");
}

TEST(SchemaTransaction, TransactionsOfOneVersionShareTheirDictionary) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", dictionaryText("x12", "004010"));
  dir.write("x12/004010/850.yaml", k850);
  dir.write("x12/004010/855.yaml",
            std::string(k850).replace(std::string(k850).find("\"850\""), 5, "\"855\""));
  DictionaryCache cache;
  Loaded first = load(dir, "x12/004010/850.yaml", cache);
  Loaded second = load(dir, "x12/004010/855.yaml", cache);
  ASSERT_TRUE(first.schema && second.schema);
  EXPECT_EQ(second.schema->id, "855");
  EXPECT_EQ(first.schema->dictionary, second.schema->dictionary);
  EXPECT_EQ(first.schema->root.children[1].segment, second.schema->root.children[1].segment);
}

TEST(SchemaTransaction, ReadsEdifactHeaderKeys) {
  TestSchemaDir dir;
  dir.write("edifact/D96A/dictionary.yaml", dictionaryText("edifact", "D96A"));
  dir.write("edifact/D96A/ORDERS.yaml", R"yaml(format: edi-bridge/schema-v1
kind: transaction
standard: edifact
version: D96A
id: ORDERS
name: Purchase order message
agency: UN
release: 96A
segments:
  - {segment: UNH, usage: M, pos: "0010"}
  - {segment: BGM, usage: C}
  - loop: SG2
    usage: C
    max: 99
    segments:
      - {segment: NAD, usage: M}
  - {segment: UNT, usage: M}
)yaml");
  Loaded got = load(dir, "edifact/D96A/ORDERS.yaml");
  ASSERT_TRUE(got.schema);
  EXPECT_EQ(got.issues, Strings{});
  EXPECT_EQ(got.schema->agency, "UN");
  EXPECT_EQ(got.schema->release, "96A");
  EXPECT_EQ(got.schema->functionalGroup, "");
  EXPECT_EQ(got.schema->root.children[1].usage, Usage::kOptional);
  EXPECT_EQ(got.schema->root.children[2].id, "SG2");
}

TEST(SchemaTransaction, ReportsStructureProblemsWithTheirPositions) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", dictionaryText("x12", "004010"));
  dir.write("x12/004010/850.yaml", R"yaml(format: edi-bridge/schema-v1
kind: transaction
standard: x12
version: "004010"
id: "850"
agency: UN
colour: red
segments:
  - {segment: ST, usage: M, hierarchical: true}
  - {segment: XYZ}
  - {segment: REF, loop: REF}
  - {usage: M}
  - {segment: REF, max: 0}
  - {segment: REF, max: many, usage: Z}
  - loop: N1
    segments:
      - {segment: N1}
      - {segment: N2}
  - loop: N2
    segments:
      - {segment: N2, usage: M, max: 2}
  - loop: PER
    segments:
      - loop: X
        segments:
          - {segment: PER, usage: M}
  - loop: REF
    hierarchical: true
    segments:
      - {segment: REF, usage: M}
  - loop: HL
    segments: []
  - loop: LIN
  - just a word
)yaml");
  Loaded got = load(dir, "x12/004010/850.yaml");
  ASSERT_TRUE(got.schema);
  EXPECT_EQ(
      got.issues,
      (Strings{
          "DIR/x12/004010/850.yaml:6:9: 'agency' is for EDIFACT files; remove it",
          "DIR/x12/004010/850.yaml:9:29: unknown key 'hierarchical' in segments[1]; expected "
          "'segment', 'loop', 'usage', 'max' or 'pos'",
          "DIR/x12/004010/850.yaml:10:15: segments[2]: unknown segment 'XYZ'; the dictionary "
          "DIR/x12/004010/dictionary.yaml does not define it",
          "DIR/x12/004010/850.yaml:11:5: segments[3] has both 'segment' and 'loop'; an entry is "
          "one or the other",
          "DIR/x12/004010/850.yaml:12:5: segments[4] needs 'segment' (a segment tag) or 'loop' "
          "(a loop id)",
          "DIR/x12/004010/850.yaml:13:25: segments[5] 'max' is '0'; expected a whole number from "
          "1, or unbounded",
          "DIR/x12/004010/850.yaml:14:38: segments[6] 'usage' is 'Z'; expected 'M', 'O' or 'C'",
          "DIR/x12/004010/850.yaml:14:25: segments[6] 'max' is 'many'; expected a whole number "
          "from 1, or unbounded",
          "DIR/x12/004010/850.yaml:17:9: loop 'N1': its first segment 'N1' starts each "
          "repetition of the loop, so it must have usage M and max 1",
          "DIR/x12/004010/850.yaml:21:9: loop 'N2': its first segment 'N2' starts each "
          "repetition of the loop, so it must have usage M and max 1",
          "DIR/x12/004010/850.yaml:24:9: loop 'PER': its first entry must be a segment (the "
          "trigger), not loop 'X'",
          "DIR/x12/004010/850.yaml:30:9: loop 'REF': 'hierarchical' is for HL loops, and this "
          "loop starts with 'REF'",
          "DIR/x12/004010/850.yaml:32:15: loop 'HL' segments must be a list of entries "
          "({segment: ...} or {loop: ...}), not an empty list",
          "DIR/x12/004010/850.yaml:33:5: segments[12] needs the key 'segments'",
          "DIR/x12/004010/850.yaml:34:5: segments[13] must be a mapping of keys to values, not "
          "'just a word'",
          "DIR/x12/004010/850.yaml:7:1: unknown key 'colour' in transaction; expected 'format', "
          "'kind', 'standard', 'version', 'id', 'name', 'functional-group', 'agency', 'release' "
          "or 'segments'",
      }));
}

TEST(SchemaTransaction, ReportsAMissingOrMismatchedDictionaryAndHeaderProblems) {
  TestSchemaDir dir;
  const std::string header =
      "format: edi-bridge/schema-v1\nkind: transaction\nstandard: x12\nversion: \"004010\"\n"
      "id: \"850\"\nsegments:\n  - {segment: ST, usage: M}\n";
  dir.write("none/850.yaml", header);
  dir.write("other/dictionary.yaml", dictionaryText("x12", "005010"));
  dir.write("other/850.yaml", header);
  dir.write("broken/dictionary.yaml", dictionaryText("x12", "004010") + "  BAD: {}\n");
  dir.write("broken/850.yaml", header);
  dir.write("header/850.yaml", "format: edi-bridge/schema-v1\nkind: dictionary\nstandard: x12\n");

  Loaded none = load(dir, "none/850.yaml");
  ASSERT_TRUE(none.schema);
  EXPECT_EQ(none.issues,
            (Strings{"DIR/none/dictionary.yaml: cannot read the file: No such file or directory",
                     "DIR/none/850.yaml:1:1: the dictionary DIR/none/dictionary.yaml did not load; "
                     "a transaction file needs the dictionary.yaml of its version beside it"}));
  EXPECT_EQ(none.schema->root.children.size(), 1u);
  EXPECT_FALSE(none.schema->root.children[0].segment);

  EXPECT_EQ(load(dir, "other/850.yaml").issues,
            Strings{"DIR/other/850.yaml:4:10: this transaction is for x12 '004010', but the "
                    "dictionary DIR/other/dictionary.yaml is for x12 '005010'"});
  EXPECT_EQ(load(dir, "broken/850.yaml").issues,
            Strings{"DIR/broken/dictionary.yaml:22:8: segment 'BAD' needs the key 'elements'"});
  Loaded bad = load(dir, "header/850.yaml");
  EXPECT_FALSE(bad.schema);
  EXPECT_EQ(bad.issues,
            (Strings{"DIR/header/850.yaml:2:7: this is a dictionary file; a transaction file is "
                     "expected here",
                     "DIR/header/850.yaml:1:1: transaction needs the key 'version'",
                     "DIR/header/850.yaml:1:1: transaction needs the key 'id'",
                     "DIR/header/850.yaml:1:1: transaction needs the key 'segments'"}));
}

}  // namespace
}  // namespace bridge::parsers::schema

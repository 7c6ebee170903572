#include "parsers/schema/schema_validator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::schema {
namespace {

namespace fs = std::filesystem;

// A small X12 dictionary and set "850" that exercise every rule: loops, a
// nested loop, an HL loop, maximums, codes, types, composites, repeats and
// each kind of syntax note.
constexpr char kDictionary[] = R"(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "005010"
elements:
  "143": {name: Transaction Set Identifier Code, type: ID, min: 3, max: 3, codes: ["850"]}
  "329": {name: Transaction Set Control Number, type: AN, min: 4, max: 9}
  "96": {name: Number of Included Segments, type: N0, min: 1, max: 10}
  "353": {name: Purpose, type: ID, min: 2, max: 2, codes: ["00", "05"]}
  "92": {name: PO Type, type: ID, min: 2, max: 2, codes: ["NE", "SA"]}
  "324": {name: PO Number, type: AN, min: 1, max: 22}
  "373": {name: Date, type: DT, min: 8, max: 8}
  "337": {name: Time, type: TM, min: 4, max: 8}
  "128": {name: Reference Qualifier, type: ID, min: 2, max: 3, codes: ["DP", "IA"]}
  "127": {name: Reference Identification, type: AN, min: 1, max: 30}
  "98": {name: Entity Identifier Code, type: ID, min: 2, max: 3, codes: ["BT", "ST"]}
  "93": {name: Name, type: AN, min: 1, max: 60}
  "66": {name: Id Qualifier, type: ID, min: 1, max: 2, code-ranges: [["1", "9"]]}
  "67": {name: Id Code, type: AN, min: 2, max: 80}
  "330": {name: Quantity, type: R, min: 1, max: 15}
  "355": {name: Unit, type: ID, min: 2, max: 2, codes: ["CA", "EA"]}
  "212": {name: Unit Price, type: R, min: 1, max: 17}
  "1018": {name: Exponent, type: R, min: 1, max: 15}
  "649": {name: Multiplier, type: R, min: 1, max: 10}
  "354": {name: Line Count, type: N0, min: 1, max: 6}
  "628": {name: Hierarchical ID Number, type: AN, min: 1, max: 12}
  "734": {name: Hierarchical Parent ID Number, type: AN, min: 1, max: 12}
  "735": {name: Hierarchical Level Code, type: ID, min: 1, max: 2, codes: ["I", "S"]}
  "610": {name: Amount, type: N2, min: 1, max: 15}
composites:
  C001:
    name: Composite Unit of Measure
    components:
      - {id: "355", usage: M}
      - {id: "1018"}
      - {id: "649"}
    notes: [P0203]
segments:
  ST:
    elements: [{id: "143", usage: M}, {id: "329", usage: M}]
  SE:
    elements: [{id: "96", usage: M}, {id: "329", usage: M}]
  BEG:
    name: Beginning Segment
    elements:
      - {id: "353", usage: M}
      - {id: "92", usage: M}
      - {id: "324", usage: M}
      - {id: "373", usage: M}
      - {id: "337"}
  REF:
    elements:
      - {id: "128", usage: M}
      - {id: "127"}
      - {id: "93"}
    notes: [R0203, E0203]
  N1:
    elements:
      - {id: "98", usage: M}
      - {id: "93"}
      - {id: "66"}
      - {id: "67"}
    notes: [R0203, P0304]
  PO1:
    elements:
      - {id: "330", usage: M}
      - {id: "355", usage: M}
      - {id: "212"}
      - {id: C001}
      - {id: "127", repeat: 2}
    notes: [C0302, L030405]
  HL:
    elements:
      - {id: "628", usage: M}
      - {id: "734"}
      - {id: "735", usage: M}
  AMT:
    elements: [{id: "610", usage: M}]
  CTT:
    elements: [{id: "354", usage: M}]
  MSG:
    elements: [{id: "93", usage: M}]
)";

constexpr char kTransaction[] = R"(format: edi-bridge/schema-v1
kind: transaction
standard: x12
version: "005010"
id: "850"
name: Purchase Order
functional-group: PO
segments:
  - {segment: ST, usage: M}
  - {segment: BEG, usage: M}
  - {segment: REF, max: 2}
  - loop: N1
    max: 2
    segments:
      - {segment: N1, usage: M}
      - {segment: REF}
  - loop: PO1
    usage: M
    max: unbounded
    segments:
      - {segment: PO1, usage: M}
      - {segment: AMT}
  - loop: HL
    max: unbounded
    hierarchical: true
    segments:
      - {segment: HL, usage: M}
  - {segment: CTT, usage: M}
  - {segment: SE, usage: M}
)";

constexpr char kOverlay[] = R"(format: edi-bridge/schema-v1
kind: overlay
name: acme-850
base: x12/005010/850
rules:
  - at: BEG
    element: 2
    codes: [SA]
  - at: REF
    usage: X
)";

void writeFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

class SchemaValidatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() /
                         ("edi-schema-validator-" + std::to_string(::getpid())));
    writeFile(*root_ / "x12/005010/dictionary.yaml", kDictionary);
    writeFile(*root_ / "x12/005010/850.yaml", kTransaction);
    writeFile(*root_ / "overlays/acme-850.yaml", kOverlay);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
  }

  struct Result {
    std::vector<core::Finding> findings;
    size_t checked = 0;
  };

  // Wraps body segments (without terminators) in ISA/GS/ST ... SE/GE/IEA
  // with correct counts and validates the interchange.
  Result validate(const std::vector<std::string>& body, bool overlay = false,
                  const std::string& set = "850") {
    std::string text =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*"
        "00501*000000001*0*P*>~GS*PO*SENDER*RECEIVER*20240101*1200*1*X*005010~ST*" +
        set + "*0001~";
    for (const std::string& segment : body) text += segment + "~";
    text += "SE*" + std::to_string(body.size() + 2) + "*0001~GE*1*1~IEA*1*000000001~";
    return validateText(text, overlay);
  }

  Result validateText(const std::string& text, bool overlay = false) {
    struct Collect : edi::EventHandler {
      std::vector<core::Finding> findings;
      void onFinding(const core::Finding& f) override { findings.push_back(f); }
    } collect;
    SchemaRegistry registry(*root_);
    std::vector<fs::path> overlays;
    if (overlay) overlays.push_back(*root_ / "overlays/acme-850.yaml");
    RegistrySchemaSource source(registry, overlays);
    SchemaValidator validator(collect, source);
    edi::EnvelopeValidator envelope(validator);
    edi::Reader reader(envelope);
    reader.feed(text);
    reader.finish();
    return {collect.findings, validator.transactionsChecked()};
  }

  static std::vector<std::string> codesOf(const Result& result) {
    std::vector<std::string> out;
    for (const auto& f : result.findings) out.push_back(f.code);
    return out;
  }

  static fs::path* root_;
};

fs::path* SchemaValidatorTest::root_ = nullptr;

const std::vector<std::string> kValidBody = {
    "BEG*00*SA*PO123*20240131*1230",
    "REF*DP*12",
    "N1*ST*Warehouse*9*1234567890123",
    "REF*IA*77",
    "N1*BT*Head office",
    "PO1*10*EA*9.95*EA>1>2*A^B",
    "AMT*9950",
    "PO1*-1.5*CA",
    "HL*1**S",
    "HL*2*1*I",
    "CTT*2",
};

TEST_F(SchemaValidatorTest, AValidTransactionHasNoFindings) {
  const Result result = validate(kValidBody);
  EXPECT_EQ(result.checked, 1u);
  for (const auto& f : result.findings) ADD_FAILURE() << f.code << ": " << f.message;
}

TEST_F(SchemaValidatorTest, MissingMandatorySegmentsAndLoopsAreReportedWhereTheyWereDue) {
  const Result result = validate({"REF*DP*12", "CTT*0"});
  ASSERT_EQ(codesOf(result), (std::vector<std::string>{codes::kMandatorySegmentMissing,
                                                       codes::kMandatorySegmentMissing}));
  const core::Finding& beg = result.findings[0];
  EXPECT_EQ(beg.location.segmentTag, "BEG");
  EXPECT_EQ(beg.location.transactionSegment, 2u);
  EXPECT_EQ(beg.location.loopId, "");
  EXPECT_EQ(beg.message,
            "segment BEG (Beginning Segment) is mandatory but missing before REF; add it");
  const core::Finding& po1 = result.findings[1];
  EXPECT_EQ(po1.location.segmentTag, "PO1");
  EXPECT_EQ(po1.location.loopId, "PO1");
  EXPECT_EQ(po1.location.transactionSegment, 3u);
}

TEST_F(SchemaValidatorTest, AMissingMandatorySegmentAtTheEndIsReportedAtTheTrailer) {
  const Result result = validate({"BEG*00*SA*PO123*20240131", "PO1*1*EA"});
  ASSERT_EQ(codesOf(result), (std::vector<std::string>{codes::kMandatorySegmentMissing}));
  EXPECT_EQ(result.findings[0].location.segmentTag, "CTT");
  EXPECT_EQ(result.findings[0].location.transactionSegment, 4u);
}

TEST_F(SchemaValidatorTest, SegmentAndLoopMaximums) {
  const Result result = validate({"BEG*00*SA*PO123*20240131", "REF*DP*1", "REF*DP*2", "REF*DP*3",
                                  "N1*ST*A", "N1*BT*B", "N1*ST*C", "PO1*1*EA", "CTT*1"});
  ASSERT_EQ(codesOf(result),
            (std::vector<std::string>{codes::kSegmentOverMax, codes::kLoopOverMax}));
  EXPECT_EQ(result.findings[0].location.transactionSegment, 5u);
  EXPECT_EQ(result.findings[0].message, "segment REF appears 3 times in a row; at most 2 allowed");
  EXPECT_EQ(result.findings[1].location.loopId, "N1");
  EXPECT_EQ(result.findings[1].location.transactionSegment, 8u);
}

TEST_F(SchemaValidatorTest, MisplacedSegmentsAreClassifiedAndDoNotCloseLoops) {
  const Result result = validate({"BEG*00*SA*PO123*20240131", "PO1*1*EA", "BEG*00*SA*X*20240131",
                                  "N1*ST*A", "ZZZ*1", "MSG*hello", "AMT*100", "CTT*1"});
  ASSERT_EQ(codesOf(result),
            (std::vector<std::string>{codes::kSegmentOutOfOrder, codes::kSegmentOutOfOrder,
                                      codes::kUnrecognizedSegment, codes::kSegmentNotInSet}));
  // The stray segments did not end the PO1 loop: its AMT is still accepted.
  EXPECT_EQ(result.findings[2].location.segmentTag, "ZZZ");
  EXPECT_EQ(result.findings[2].location.loopId, "PO1");
}

TEST_F(SchemaValidatorTest, ASegmentOfAnUnopenedLoopIsUnexpected) {
  // AMT exists only inside the PO1 loop, which has not started.
  const Result result = validate({"BEG*00*SA*PO123*20240131", "AMT*1", "PO1*1*EA", "CTT*1"});
  ASSERT_EQ(codesOf(result), (std::vector<std::string>{codes::kUnexpectedSegment}));
}

TEST_F(SchemaValidatorTest, ElementTypesLengthsAndCodes) {
  const Result result = validate({
      "BEG*01*SA*PO123*20240231*2460",            // bad code, bad date, bad time
      "REF*DP*12345678901234567890123456789012",  // too long
      "N1*S*Name",                                // too short
      "PO1*1.2.3*EA*x*EA",                        // bad R twice
      "AMT*12.5",                                 // N2 has no decimal point
      "CTT*1",
  });
  std::vector<std::string> got;
  for (const auto& f : result.findings) {
    got.push_back(f.code + " " + f.location.segmentTag + std::to_string(f.location.element) + " " +
                  f.location.elementReference + " '" + f.value + "'");
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "SCHEMA_INVALID_CODE BEG1 353 '01'",
                     "SCHEMA_INVALID_DATE BEG4 373 '20240231'",
                     "SCHEMA_INVALID_TIME BEG5 337 '2460'",
                     "SCHEMA_ELEMENT_TOO_LONG REF2 127 '12345678901234567890123456789012'",
                     "SCHEMA_ELEMENT_TOO_SHORT N11 98 'S'",
                     "SCHEMA_INVALID_CHARACTER PO11 330 '1.2.3'",
                     "SCHEMA_INVALID_CHARACTER PO13 212 'x'",
                     "SCHEMA_INVALID_CHARACTER AMT1 610 '12.5'",
                 }));
  EXPECT_EQ(result.findings[0].message,
            "BEG01 353 (Purpose) has the value '01', which is not a code of its code list");
  EXPECT_EQ(result.findings[0].location.transactionSegment, 2u);
}

TEST_F(SchemaValidatorTest, MandatoryElementsCountsComponentsAndRepetitions) {
  const Result result = validate({
      "BEG*00**PO123*20240131",  // BEG02 missing
      "REF*DP*1**X",             // too many elements
      "N1*ST>X*A",               // a simple element with a component
      "PO1*1*EA**>2>3*A^B^C",    // C001-01 missing; 127 repeats 3 times
      "CTT*1",
  });
  std::vector<std::string> got;
  for (const auto& f : result.findings) {
    got.push_back(f.code + " " + f.location.segmentTag + " " + std::to_string(f.location.element) +
                  "." + std::to_string(f.location.component) + "/" +
                  std::to_string(f.location.repetition));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "SCHEMA_MANDATORY_ELEMENT_MISSING BEG 2.0/0",
                     "SCHEMA_TOO_MANY_ELEMENTS REF 4.0/0",
                     "SCHEMA_TOO_MANY_COMPONENTS N1 1.2/0",
                     "SCHEMA_MANDATORY_ELEMENT_MISSING PO1 4.1/0",
                     "SCHEMA_TOO_MANY_REPETITIONS PO1 5.0/3",
                 }));
}

TEST_F(SchemaValidatorTest, RelationalConditions) {
  const Result result = validate({
      "BEG*00*SA*PO123*20240131",
      "REF*DP",           // R0203: neither present
      "REF*DP*1*Name",    // E0203: both present
      "N1*ST**9",         // P0304: 03 without 04
      "PO1*1*EA**EA>>2",  // composite P0203: 03 without 02
      "PO1*1*EA*9.95",    // L030405: 03 without 04 or 05
      "CTT*1",
  });
  std::vector<std::string> got;
  for (const auto& f : result.findings) {
    got.push_back(f.code + " " + f.location.segmentTag + " " + std::to_string(f.location.element) +
                  "." + std::to_string(f.location.component));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "SCHEMA_CONDITIONAL_ELEMENT_MISSING REF 2.0",
                     "SCHEMA_EXCLUSION_VIOLATED REF 3.0",
                     "SCHEMA_CONDITIONAL_ELEMENT_MISSING N1 4.0",
                     "SCHEMA_CONDITIONAL_ELEMENT_MISSING PO1 4.2",
                     "SCHEMA_CONDITIONAL_ELEMENT_MISSING PO1 4.0",
                 }));
  EXPECT_EQ(result.findings[2].message, "P0304 on N103, N104 is not met: fill in N104");
}

TEST_F(SchemaValidatorTest, HierarchicalIdsMustCountUpAndNameAnEarlierParent) {
  const Result result = validate(
      {"BEG*00*SA*PO123*20240131", "PO1*1*EA", "HL*1**S", "HL*3*1*I", "HL*4*4*I", "CTT*1"});
  ASSERT_EQ(codesOf(result),
            (std::vector<std::string>{codes::kHierarchyInvalid, codes::kHierarchyInvalid}));
  EXPECT_EQ(result.findings[0].location.element, 1u);
  EXPECT_EQ(result.findings[0].value, "3");
  EXPECT_EQ(result.findings[1].location.element, 2u);
  EXPECT_EQ(result.findings[1].location.elementReference, "734");
}

TEST_F(SchemaValidatorTest, AnOverlayForbidsSegmentsAndNarrowsCodes) {
  const Result result = validate(kValidBody, true);
  ASSERT_EQ(codesOf(result), (std::vector<std::string>{codes::kNotUsedSegment}));
  EXPECT_EQ(result.findings[0].location.segmentTag, "REF");
  EXPECT_EQ(result.findings[0].location.transactionSegment, 3u);

  const Result narrowed = validate({"BEG*00*NE*PO123*20240131", "PO1*1*EA", "CTT*1"}, true);
  ASSERT_EQ(codesOf(narrowed), (std::vector<std::string>{codes::kCodeNotUsed}));
  EXPECT_EQ(narrowed.findings[0].value, "NE");
  // Without the overlay the same code is fine.
  EXPECT_TRUE(validate({"BEG*00*NE*PO123*20240131", "PO1*1*EA", "CTT*1"}).findings.empty());
}

TEST_F(SchemaValidatorTest, ATransactionSetWithoutSchemaIsAWarning) {
  const Result result = validate({"BSN*00*1*20240101*1200"}, false, "856");
  ASSERT_EQ(codesOf(result), (std::vector<std::string>{codes::kNoSchema}));
  EXPECT_EQ(result.findings[0].severity, core::Severity::kWarning);
  EXPECT_EQ(result.checked, 0u);
}

TEST_F(SchemaValidatorTest, FindingsPerTransactionAreCapped) {
  std::vector<std::string> body = {"BEG*00*SA*PO123*20240131", "PO1*1*EA"};
  for (int i = 0; i < 1200; ++i) body.push_back("ZZZ");
  body.push_back("CTT*1");
  const Result result = validate(body);
  ASSERT_EQ(result.findings.size(), 1001u);
  EXPECT_EQ(result.findings.back().code, codes::kFindingLimit);
  EXPECT_EQ(result.findings.back().severity, core::Severity::kInfo);
}

}  // namespace
}  // namespace bridge::parsers::schema

// Every acknowledgement code our table (parsers/ack/ack_codes.h) can emit,
// produced end to end by a hand-written invalid input (tests/ack_variants):
// the ack of each variant must equal the stored one and carry the intended
// code at the intended place, and every code of the table must have a
// variant or a stated reason why none can exist.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "parsers/ack/ack_codes.h"
#include "tests/support/ack_code_places.h"
#include "tests/support/ack_pipeline.h"
#include "tests/support/ack_variants.h"
#include "tests/support/corpus_files.h"

namespace bridge {
namespace {

namespace fs = std::filesystem;
using testing::AckVariant;

struct NotProducible {
  const char* kind;
  const char* place;
  const char* code;
  const char* reason;
};

// Codes the table can emit that no input can make the pipeline (shipped
// schemas, no partner overlays, default reader limits) write. Findings the
// table maps to no code emit nothing and need no variant.
constexpr NotProducible kNotProducible[] = {
    {"ta1", "ta105", "011",
     "X12_ISA02_INVALID: ISA02 is judged by its length alone, and any other length changes the "
     "ISA's fixed 106 characters: the reader's X12_ISA_LENGTH (022) comes first and is TA105"},
    {"ta1", "ta105", "013",
     "X12_ISA04_INVALID: as ISA02; X12_ISA_LENGTH (022) comes first and is TA105"},
    {"ta1", "ta105", "027",
     "X12_ISA16_INVALID: every ISA16 the envelope validator rejects (a letter, digit, space or "
     "another delimiter) already stops the reader with X12_ISA_MALFORMED, which is outside any "
     "interchange and gets no TA1"},
    {"x12-997", "ak502", "1",
     "SCHEMA_UNUSABLE: only broken schema files give it, and the shipped schemas load"},
    {"x12-999", "ik502", "1", "SCHEMA_UNUSABLE: as for the 997"},
    {"contrl", "ucm", "18", "SCHEMA_UNUSABLE: as for the 997"},
    {"x12-999", "ik304", "I4",
     "SCHEMA_NOT_USED_SEGMENT: only a partner overlay marks a segment not used; the shipped "
     "schemas mark none"},
    {"x12-999", "ik403", "I10",
     "SCHEMA_NOT_USED_ELEMENT: only a partner overlay marks an element not used"},
    {"x12-999", "ik403", "I6", "SCHEMA_CODE_NOT_USED: only a partner overlay narrows a code list"},
    {"contrl", "ucd", "14", "SCHEMA_CODE_NOT_USED: only a partner overlay narrows a code list"},
    {"contrl", "uci", "18",
     "EDI_SEGMENT_TOO_LONG: needs a segment over 1 MiB (ReaderOptions::maxSegmentBytes), not a "
     "small hand-written file"},
    {"contrl", "ucs", "12", "SCHEMA_HL_INVALID: checks X12 HL numbering; EDIFACT has no HL"},
    {"contrl", "ucd", "15",
     "SCHEMA_EXCLUSION_VIOLATED needs a relational note and the D96A dictionary has none; "
     "SCHEMA_NOT_USED_ELEMENT needs a partner overlay"},
    {"contrl", "ucd", "40",
     "SCHEMA_ELEMENT_TOO_SHORT: no element of the ORDERS D96A segments has a minimum length "
     "above 1"},
};

using Key = std::tuple<std::string, std::string, std::string>;  // kind, place, code

std::string describe(const Key& key) {
  return std::get<0>(key) + " " + std::get<1>(key) + " " + std::get<2>(key);
}

std::string findingList(const std::vector<core::Finding>& findings) {
  std::string out;
  for (const core::Finding& finding : findings) {
    out += "  " + finding.code + " " + finding.location.describe() + "\n";
  }
  return out;
}

// EDI_UPDATE_GOLDEN=1 rewrites the stored acks instead of comparing against
// them, as for the golden tests (tests/golden/README.md).
bool updatingStoredAcks() {
  const char* update = std::getenv("EDI_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

void expectStoredAck(const fs::path& edi, const std::string& ack) {
  const fs::path stored = fs::path(edi).replace_extension(".ack");
  if (updatingStoredAcks()) {
    std::ofstream out(stored, std::ios::binary | std::ios::trunc);
    out << ack;
    ASSERT_TRUE(out.good()) << stored;
    return;
  }
  ASSERT_TRUE(fs::exists(stored)) << stored << " is missing; create it with EDI_UPDATE_GOLDEN=1";
  EXPECT_EQ(ack, testing::readBytes(stored))
      << stored << " differs; if the change is intended, rerun with EDI_UPDATE_GOLDEN=1";
}

class AckCodeVariantFile : public ::testing::TestWithParam<AckVariant> {};

TEST_P(AckCodeVariantFile, AckIsStoredAndCarriesTheCode) {
  const AckVariant& variant = GetParam();
  testing::AckCodePlace place;
  ASSERT_TRUE(testing::findAckCodePlace(variant.place, place))
      << variant.edi << ": name is not <place>-<code>-<short-name> with a known place";
  const testing::PipelineResult result = testing::runAckPipeline(testing::readBytes(variant.edi));
  ASSERT_TRUE(result.ackStatus.isOk()) << result.ackStatus.message();
  expectStoredAck(variant.edi, result.ack);

  const std::string_view type = testing::ackTypeOfKind(variant.kind);
  const std::vector<std::string> types = testing::readAck(result.ack).types;
  const std::vector<std::string> expectedTypes =
      type.empty() ? std::vector<std::string>{} : std::vector<std::string>(1, std::string(type));
  EXPECT_EQ(std::set<std::string>(types.begin(), types.end()),
            std::set<std::string>(expectedTypes.begin(), expectedTypes.end()))
      << "the ack is not (only) a " << (type.empty() ? "TA1" : type);

  const std::vector<std::string> codes = testing::ackCodesAt(result.ack, place);
  EXPECT_NE(std::find(codes.begin(), codes.end(), variant.code), codes.end())
      << variant.place << " holds " << ::testing::PrintToString(codes) << ", not " << variant.code
      << "\nack: " << result.ack << "\nfindings:\n"
      << findingList(result.findings);
}

std::string testName(const ::testing::TestParamInfo<AckVariant>& info) {
  std::string name = info.param.label();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AckCodeVariant, AckCodeVariantFile,
                         ::testing::ValuesIn(testing::ackVariants()), testName);

// The valid inputs the variants start from: no finding at all, and an ack
// that accepts them.
TEST(AckCodeVariant, BaseInputsAreClean) {
  const fs::path dir = testing::ackVariantRoot() / "base";
  size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".edi") continue;
    ++seen;
    SCOPED_TRACE(entry.path().string());
    const testing::PipelineResult result =
        testing::runAckPipeline(testing::readBytes(entry.path()));
    EXPECT_TRUE(result.findings.empty()) << findingList(result.findings);
    EXPECT_FALSE(result.rejected);
    expectStoredAck(entry.path(), result.ack);
  }
  EXPECT_GT(seen, 0u) << dir;
}

TEST(AckCodeVariant, EveryTableCodeHasAVariant) {
  std::set<Key> covered;
  for (const AckVariant& variant : testing::ackVariants()) {
    covered.insert({variant.kind, variant.place, variant.code});
  }
  std::set<Key> excused;
  for (const NotProducible& entry : kNotProducible) {
    const Key key{entry.kind, entry.place, entry.code};
    EXPECT_TRUE(excused.insert(key).second) << "listed twice: " << describe(key);
    EXPECT_EQ(covered.count(key), 0u)
        << describe(key) << " has a variant; remove it from kNotProducible";
  }

  std::set<Key> emitted;
  for (const parsers::ack::AckCodeEntry& entry : parsers::ack::ackCodeTable()) {
    for (const std::string& kind : testing::ackVariantKinds()) {
      const std::string_view code = testing::ackCodeColumn(entry, kind);
      if (code.empty()) continue;
      const std::string_view place = testing::ackCodePlaceName(kind, entry.level);
      ASSERT_FALSE(place.empty()) << entry.finding << ": " << kind << " code at a level it lacks";
      const Key key{kind, std::string(place), std::string(code)};
      emitted.insert(key);
      EXPECT_TRUE(covered.count(key) == 1 || excused.count(key) == 1)
          << "no variant for " << describe(key) << " (" << entry.finding
          << "): add tests/ack_variants/" << kind << "/" << place << "-" << code
          << "-<short-name>.edi or list it in kNotProducible";
    }
  }
  // The functional ack writes AK304 / IK304 8 for a segment with element
  // errors only, whatever the table says.
  emitted.insert({"x12-997", "ak304", "8"});
  emitted.insert({"x12-999", "ik304", "8"});
  // The functional ack adds AK502 / IK502 5 for any segment or element error.
  emitted.insert({"x12-997", "ak502", "5"});
  emitted.insert({"x12-999", "ik502", "5"});

  for (const Key& key : covered) {
    EXPECT_EQ(emitted.count(key), 1u)
        << "variant for " << describe(key) << ", a code the table never emits there";
  }
  for (const Key& key : excused) {
    EXPECT_EQ(emitted.count(key), 1u)
        << describe(key) << " is listed as not producible but the table never emits it";
  }
}

}  // namespace
}  // namespace bridge

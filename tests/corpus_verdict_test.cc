// The verdict on every X12 and EDIFACT file of the public corpus
// (tests/data/corpus, see its SOURCES.md): valid or invalid, and the exact
// set of error and warning codes the reader and the envelope validator
// report. SOURCES.md labels are a third party's judgement; where ours differs
// the entry says why, from the bytes of the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "tests/support/recording_handler.h"

namespace bridge {
namespace {

namespace fs = std::filesystem;

enum Verdict { kValid, kInvalid };

struct Expectation {
  const char* file;  // relative to tests/data/corpus
  Verdict verdict;
  std::set<std::string> errors;
  std::set<std::string> warnings;
  const char* disagreement;  // why our verdict differs from SOURCES.md, if it does
};

const std::vector<Expectation>& expectations() {
  static const std::vector<Expectation> kAll = {
      {"x12/ediengine_850.Composite.SLN.OK.edi", kValid, {}, {}, ""},
      {"x12/ediengine_850.OK.edi", kValid, {}, {}, ""},
      {"x12/ediengine_856.Crossdock.OK.edi", kValid, {}, {}, ""},
      {"x12/ediengine_940.2.OK.edi", kValid, {}, {}, ""},
      {"x12/ediengine_940.OK.edi", kValid, {}, {}, ""},
      {"x12/ediengine_940_Failed_SE01.edi", kInvalid, {"X12_SE01_COUNT"}, {}, ""},
      {"x12/ediengine_AckTest.edi",
       kValid,
       {},
       {},
       "SOURCES: partly invalid. The envelopes are sound; the faults (N9 with an empty qualifier, "
       "an extra W6606) are transaction-set errors that schema validation reports, not envelope "
       "validation."},
      {"x12/ediengine_MultipleInterchangesAndGroups.edi", kValid, {}, {"X12_IEA02_FORMAT"}, ""},
      {"x12/ediengine_WrongGroupsAndTranCount.edi",
       kInvalid,
       {"X12_GE01_COUNT", "X12_IEA01_COUNT"},
       {"X12_IEA02_FORMAT"},
       ""},
      {"x12/edinet_x12.810a.edi",
       kInvalid,
       {"X12_ISA02_INVALID", "X12_ISA04_INVALID", "X12_ISA08_INVALID", "X12_ISA_LENGTH"},
       {"EDI_INDENTED_SEGMENTS"},
       ""},
      {"x12/edinet_x12.832.edi",
       kInvalid,
       {"X12_ISA02_INVALID", "X12_ISA04_INVALID", "X12_ISA06_INVALID", "X12_ISA08_INVALID",
        "X12_ISA_LENGTH", "X12_SE01_COUNT"},
       {"EDI_INDENTED_SEGMENTS"},
       ""},
      {"x12/edinet_x12.850a.edi",
       kInvalid,
       {"X12_IEA02_MISMATCH", "X12_ISA02_INVALID", "X12_ISA04_INVALID", "X12_ISA06_INVALID",
        "X12_ISA08_INVALID", "X12_ISA_LENGTH"},
       {"EDI_INDENTED_SEGMENTS"},
       "SOURCES: valid (syntax). Its ISA ids are not padded (NBSP padding counts as characters) so "
       "the ISA is not 106 bytes, and IEA02 differs from ISA13."},
      {"x12/imsweb_x12_999_accepted.txt",
       kInvalid,
       {"X12_GS05_INVALID", "X12_IEA02_MISMATCH"},
       {},
       "SOURCES: valid. GS05 is 102497 (97 seconds) and IEA02 000000001 differs from ISA13 "
       "000000286; both are envelope errors."},
      {"x12/imsweb_x12_999_rejected.txt", kValid, {}, {}, ""},
      {"x12/imsweb_x12_bad_segment_identifier.txt",
       kInvalid,
       {"EDI_BAD_SEGMENT_TAG", "X12_ISA11_INVALID", "X12_SE01_COUNT"},
       {},
       ""},
      {"x12/imsweb_x12_no_isa_line.txt", kInvalid, {"X12_MISSING_ISA"}, {}, ""},
      {"x12/nodex12_850.edi", kValid, {}, {}, ""},
      {"x12/nodex12_850_3.edi", kValid, {}, {}, ""},
      {"x12/nodex12_855.edi", kValid, {}, {}, ""},
      {"x12/nodex12_856.edi", kValid, {}, {}, ""},
      {"x12/oopf_810_Example3_MultiInvoice.txt", kValid, {}, {"EDI_INDENTED_SEGMENTS"}, ""},
      {"x12/oopf_810_Example4_Adobe.txt",
       kInvalid,
       {"X12_ISA12_INVALID"},
       {"EDI_INDENTED_SEGMENTS"},
       ""},
      {"x12/oopf_832_Example1_HIBCC.txt",
       kInvalid,
       {"X12_ISA12_INVALID"},
       {"EDI_INDENTED_SEGMENTS"},
       ""},
      {"x12/oopf_846_Example1.txt",
       kInvalid,
       {"X12_ISA11_INVALID"},
       {"EDI_INDENTED_SEGMENTS"},
       "SOURCES: valid (syntax). ISA11 is a space; version 00401 requires the standards identifier "
       "U there."},
      {"x12/oopf_850_Example1_PGWGlass.txt", kValid, {}, {"EDI_INDENTED_SEGMENTS"}, ""},
      {"x12/oopf_855_855SSimmons.txt", kValid, {}, {"EDI_INDENTED_SEGMENTS"}, ""},
      {"x12/oopf_856_Example1.txt", kValid, {}, {"EDI_INDENTED_SEGMENTS"}, ""},
      {"x12/oopf_856_FromGregarican.txt", kValid, {}, {"EDI_INDENTED_SEGMENTS"}, ""},
      {"x12/oopf_860_Example1.txt",
       kInvalid,
       {"X12_ISA06_INVALID", "X12_ISA_LENGTH", "X12_SE01_COUNT"},
       {"EDI_INDENTED_SEGMENTS", "EDI_LINE_BREAK_IN_SEGMENT"},
       ""},
      {"x12/oopf_940_simplot.txt",
       kInvalid,
       {"X12_GE02_MISMATCH", "X12_IEA02_MISMATCH"},
       {"EDI_INDENTED_SEGMENTS", "X12_GS08_VERSION"},
       "SOURCES: valid (syntax). GE02 and IEA02 do not repeat GS06 and ISA13."},
      {"x12/oopf_945_inter-americanproducts.txt",
       kInvalid,
       {"X12_GE02_MISMATCH", "X12_GS03_INVALID", "X12_GS04_INVALID", "X12_GS05_INVALID",
        "X12_GS07_INVALID", "X12_GS08_INVALID", "X12_GS_ELEMENT_COUNT", "X12_ISA11_INVALID",
        "X12_ST02_INVALID"},
       {"EDI_INDENTED_SEGMENTS"},
       ""},
      {"x12/oopf_999_DHS_Wisconsin_Sample.txt", kValid, {}, {"EDI_INDENTED_SEGMENTS"}, ""},
      {"x12/oopf_TechnicalAcknowledgment_Sample1.txt",
       kValid,
       {},
       {"EDI_INDENTED_SEGMENTS"},
       "SOURCES: questionable (TA1 fields). IEA01=0 is right for an interchange with no groups; "
       "TA1 content is checked by the TA1 schema, not the envelope."},
      {"x12/silvenga_odd-separator.edi",
       kInvalid,
       {"X12_MISSING_GE", "X12_MISSING_IEA", "X12_MISSING_SE"},
       {},
       "SOURCES: valid. The file ends after PRV with no SE, GE or IEA: it is truncated."},
      {"x12/silvenga_old.edi", kValid, {}, {}, ""},
      {"x12/staedi_empty997.edi",
       kValid,
       {},
       {"X12_GS08_VERSION"},
       "SOURCES: invalid. The missing AK1/AK9 are transaction-set errors (schema validation); the "
       "envelope is sound apart from the ISA12/GS08 version warning."},
      {"x12/staedi_extraDelimiter997.edi", kValid, {}, {}, ""},
      {"x12/staedi_invalid997.edi",
       kValid,
       {},
       {},
       "SOURCES: invalid. The bad AK101 code and AK402 are element errors found by schema "
       "validation; the envelope is sound."},
      {"x12/staedi_invalid997_min.edi",
       kInvalid,
       {"X12_GE02_MISMATCH", "X12_GS04_INVALID", "X12_GS05_INVALID"},
       {},
       ""},
      {"x12/staedi_invoice810_po850_dual.edi", kValid, {}, {"X12_GS08_VERSION"}, ""},
      {"x12/staedi_issue128_ts210_80char.edi", kValid, {}, {"EDI_LINE_BREAK_IN_SEGMENT"}, ""},
      {"x12/staedi_optionalInterchangeServices.edi", kValid, {}, {"X12_GS08_VERSION"}, ""},
      {"x12/staedi_simple810.edi", kValid, {}, {}, ""},
      {"x12/staedi_simple997-multiple-interchanges.edi", kValid, {}, {}, ""},
      {"x12/staedi_simple997.edi", kValid, {}, {}, ""},
      {"x12/staedi_simple999.edi", kValid, {}, {}, ""},
      {"x12/staedi_x12_interchange_ack.txt",
       kInvalid,
       {"X12_IEA01_COUNT"},
       {},
       "SOURCES: valid. IEA01 is 1 but the interchange holds no functional group (a TA1 is not a "
       "group), so IEA01 must be 0."},
      {"x12/stedi_5010_855_inbound.edi", kValid, {}, {}, ""},
      {"x12/stupidedi_002001_SH856_fail_1.edi",
       kInvalid,
       {"X12_ISA02_INVALID", "X12_ISA04_INVALID", "X12_ISA06_INVALID", "X12_ISA08_INVALID",
        "X12_ISA_LENGTH"},
       {},
       ""},
      {"x12/stupidedi_003010_PC860_fail_1.edi",
       kInvalid,
       {"X12_ISA02_INVALID", "X12_ISA04_INVALID", "X12_ISA06_INVALID", "X12_ISA08_INVALID",
        "X12_ISA_LENGTH"},
       {"X12_GS08_VERSION"},
       ""},
      {"x12/stupidedi_004010_AR943_pass_1.edi", kValid, {}, {}, ""},
      {"x12/stupidedi_004010_FA997_pass_1.edi",
       kInvalid,
       {"X12_ISA06_INVALID", "X12_ISA_LENGTH"},
       {},
       "SOURCES: valid body; ISA short. A short ISA06 makes the ISA 103 bytes: an envelope error."},
      {"x12/stupidedi_004010_IN810_pass_1.edi", kValid, {}, {}, ""},
      {"x12/stupidedi_004010_PO850_pass_1.edi",
       kInvalid,
       {"X12_ISA08_INVALID", "X12_ISA_LENGTH"},
       {},
       ""},
      {"x12/stupidedi_004010_PR855_pass_1.edi", kValid, {}, {}, ""},
      {"x12/stupidedi_004010_RE944_pass_1.edi", kValid, {}, {}, ""},
      {"x12/stupidedi_004010_SC832_fail_1.edi",
       kInvalid,
       {"X12_ISA02_INVALID", "X12_ISA_LENGTH", "X12_SE01_COUNT"},
       {"EDI_LINE_BREAK_IN_SEGMENT"},
       ""},
      {"x12/stupidedi_004010_SC832_fail_2.edi",
       kInvalid,
       {"X12_ISA06_INVALID", "X12_ISA_LENGTH"},
       {},
       ""},
      {"x12/stupidedi_004010_SH856_fail_2.edi",
       kInvalid,
       {"X12_SE01_COUNT"},
       {"EDI_LINE_BREAK_IN_SEGMENT"},
       ""},
      {"x12/x12types_004010_850.edi", kValid, {}, {}, ""},
      {"x12/x12types_004060_856.edi", kValid, {}, {}, ""},
      {"edifact/bots_pricat1.edi", kValid, {}, {}, ""},
      {"edifact/edifactrs_d01b_invoic_conforming.edi",
       kInvalid,
       {"EDIFACT_MISSING_UNB"},
       {},
       "SOURCES: valid message, no interchange. A message without UNB cannot be routed or "
       "acknowledged, so as an input file it is rejected."},
      {"edifact/edifactrs_d11a_malformed_component.edi", kInvalid, {"EDIFACT_MISSING_UNB"}, {}, ""},
      {"edifact/edifactrs_d96a_invoic_malformed.edi", kInvalid, {"EDIFACT_MISSING_UNB"}, {}, ""},
      {"edifact/edifactrs_d96a_orders_conforming.edi",
       kInvalid,
       {"EDIFACT_MISSING_UNB"},
       {},
       "SOURCES: valid message, no interchange. A message without UNB cannot be routed or "
       "acknowledged."},
      {"edifact/edifactrs_d96a_orders_malformed.edi",
       kInvalid,
       {"EDIFACT_MISSING_UNB", "EDIFACT_SEGMENT_OUTSIDE_INTERCHANGE", "EDIFACT_UNT01_COUNT"},
       {},
       ""},
      {"edifact/edifactrs_orders_conforming.edi",
       kInvalid,
       {"EDIFACT_MISSING_UNB"},
       {},
       "SOURCES: valid message, no interchange. A message without UNB cannot be routed or "
       "acknowledged."},
      {"edifact/edinet_edifact.Issue149.SegmentGroups.edi",
       kInvalid,
       {"EDIFACT_UNT01_COUNT"},
       {"EDI_INDENTED_SEGMENTS"},
       "SOURCES: valid (syntax). UNT01 says 91 segments; the message has 11."},
      {"edifact/edinet_edifact.Issue157.Wikipedia.edi",
       kValid,
       {},
       {"EDIFACT_RELEASE_NOT_DELIMITER"},
       "SOURCES: questionable. Releasing an ordinary letter is reported as a warning; the data is "
       "kept."},
      {"edifact/edinet_edifact.Issue203.edi",
       kInvalid,
       {"EDIFACT_UNT01_COUNT", "EDIFACT_UNT02_MISMATCH"},
       {"EDI_INDENTED_SEGMENTS"},
       "SOURCES: valid (syntax). UNT01 and UNT02 do not match the message."},
      {"edifact/edinet_edifact.ORDRSP.edi",
       kInvalid,
       {"EDIFACT_UNT01_COUNT", "EDIFACT_UNT02_MISMATCH", "EDIFACT_UNZ02_MISMATCH"},
       {},
       "SOURCES: valid. UNT02 9IM20YSP9 differs from UNH 9IMX20YSP0009, UNT01 is wrong, and UNZ02 "
       "DAREFNR00001 differs from UNB DAREFNR0000001."},
      {"edifact/phpedifact_D96ADESADV.edi",
       kValid,
       {},
       {},
       "SOURCES: questionable (UNH version 0, BGM code). Message-level content is checked by "
       "schema validation; the envelope is sound."},
      {"edifact/phpedifact_example_order_ok.edi", kValid, {}, {}, ""},
      {"edifact/pydifact_invoice1.edi", kValid, {}, {}, ""},
      {"edifact/pydifact_invoice_with_colon_at_end.edi", kValid, {}, {}, ""},
      {"edifact/pydifact_order.edi",
       kInvalid,
       {"EDIFACT_MISSING_UNZ"},
       {"EDIFACT_UNB_DATE_LENGTH"},
       "SOURCES: valid. The file ends after UNT with no UNZ: truncated."},
      {"edifact/pydifact_v3_aperak.edi",
       kInvalid,
       {"EDIFACT_UNT01_COUNT"},
       {"EDIFACT_CHARSET_LOWER_CASE"},
       "SOURCES: valid. UNT01 says 8; UNH to UNT is 7 segments."},
      {"edifact/pydifact_v4_aperak_rejected.edi",
       kInvalid,
       {"EDIFACT_UNT01_COUNT"},
       {"EDIFACT_CHARSET_LOWER_CASE", "EDIFACT_UNB_DATE_LENGTH"},
       "SOURCES: valid. UNT01 does not match the segment count."},
      {"edifact/smooks_INVOIC_D.03B_Interchange_with_UNA.txt",
       kInvalid,
       {"EDIFACT_UNT01_COUNT"},
       {"EDIFACT_UNB_DATE_LENGTH"},
       "SOURCES: valid. UNT01 does not match the segment count."},
      {"edifact/smooks_ORDERS_D.03B_Interchange.txt",
       kValid,
       {},
       {"EDIFACT_CHARSET_LOWER_CASE"},
       ""},
      {"edifact/smooks_no_ung_unedifact-msg-02.edi",
       kInvalid,
       {"EDIFACT_DUPLICATE_UNH_REF", "EDIFACT_UNT01_COUNT", "EDIFACT_UNZ01_COUNT",
        "EDIFACT_UNZ02_MISMATCH", "EDI_BAD_SEGMENT_TAG"},
       {"EDIFACT_CHARSET_LOWER_CASE", "EDIFACT_UNB_DATE_LENGTH"},
       "SOURCES: valid syntax, dummy messages. 4-letter tags, duplicate UNH references and wrong "
       "counts are errors however dummy the content."},
      {"edifact/smooks_recadv.txt",
       kInvalid,
       {"EDIFACT_CHARSET"},
       {"EDIFACT_CHARSET_LOWER_CASE"},
       ""},
      {"edifact/staedi_invoic_d93a_una.edi",
       kInvalid,
       {"EDIFACT_CHARSET"},
       {"EDIFACT_CHARSET_LOWER_CASE"},
       ""},
      {"edifact/staedi_invoic_d97b.edi", kInvalid, {"EDIFACT_CHARSET"}, {}, ""},
      {"edifact/staedi_invoic_d97b_bad.edi", kInvalid, {"EDIFACT_CHARSET"}, {}, ""},
      {"edifact/staedi_invoic_d97b_una.edi", kValid, {}, {"EDIFACT_RELEASE_NOT_DELIMITER"}, ""},
      {"edifact/staedi_issue128_wrapped_invoic_d97b.edi",
       kInvalid,
       {"EDIFACT_CHARSET"},
       {"EDI_LINE_BREAK_IN_SEGMENT"},
       "SOURCES: valid (after unwrapping). After unwrapping it still carries UTF-8 bytes under "
       "UNOA."},
      {"edifact/staedi_orders-with-group.edi", kInvalid, {"EDIFACT_UNT01_COUNT"}, {}, ""},
      {"edifact/vscedifact_sample_crlf_line_ending_formatted.edi",
       kInvalid,
       {"EDIFACT_UNZ02_MISMATCH"},
       {},
       "SOURCES: valid. UNZ02 repeats UNB 0026 (application reference), not UNB 0020 (1)."},
      {"edifact/vscedifact_sample_hash_seg_delimiter_single_line.edi",
       kInvalid,
       {"EDIFACT_UNZ02_MISMATCH"},
       {},
       "SOURCES: valid. UNZ02 repeats UNB 0026, not UNB 0020."},
      {"edifact/vscedifact_sample_no_una_single_line.edi",
       kInvalid,
       {"EDIFACT_UNZ02_MISMATCH"},
       {},
       "SOURCES: valid. UNZ02 repeats UNB 0026, not UNB 0020."},
  };
  return kAll;
}

class CorpusVerdict : public ::testing::TestWithParam<Expectation> {};

TEST_P(CorpusVerdict, ReportsTheExpectedFindings) {
  const Expectation& e = GetParam();
  const std::string path = std::string(EDI_TEST_DATA_DIR) + "/corpus/" + e.file;
  testing::RecordingHandler recorder;
  parsers::edi::EnvelopeValidator validator(recorder);
  ASSERT_TRUE(parsers::edi::readPath(path, validator).isOk());

  std::set<std::string> errors, warnings;
  for (const core::Finding& f : recorder.findings()) {
    if (f.severity == core::Severity::kError) errors.insert(f.code);
    if (f.severity == core::Severity::kWarning) warnings.insert(f.code);
    EXPECT_FALSE(f.message.empty()) << f.code;
  }
  EXPECT_EQ(errors, e.errors) << e.file << "\n" << recorder.joined();
  EXPECT_EQ(warnings, e.warnings) << e.file;
  EXPECT_EQ(errors.empty(), e.verdict == kValid) << e.file;
}

TEST(CorpusVerdict, EveryCorpusFileHasAnExpectation) {
  std::set<std::string> listed;
  for (const Expectation& e : expectations()) listed.insert(e.file);
  for (const char* dir : {"x12", "edifact"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(EDI_TEST_DATA_DIR) / "corpus" / dir)) {
      const std::string name = std::string(dir) + "/" + entry.path().filename().string();
      EXPECT_TRUE(listed.count(name)) << name << " has no expectation";
    }
  }
}

std::string testName(const ::testing::TestParamInfo<Expectation>& info) {
  std::string name = info.param.file;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusVerdict, ::testing::ValuesIn(expectations()), testName);

}  // namespace
}  // namespace bridge

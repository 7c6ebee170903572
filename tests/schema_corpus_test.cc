// Schema validation of the corpus: every sample the corpus calls valid whose
// set and version have a shipped schema, with the schema errors it gets. Most
// get none, which is what proves each schema accepts real documents; the few
// that do get errors break the standard, and the reason is written next to
// them. kCoverage names, per shipped schema, the samples that prove it.
//
// Envelope findings are corpus_verdict_test.cc's subject and are ignored here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/ack_pipeline.h"

namespace bridge {
namespace {

struct SchemaExpectation {
  const char* file;  // relative to tests/data/corpus
  std::multiset<std::string> schemaErrors;
  const char* reason;  // why a sample the corpus calls valid breaks the standard
};

const std::vector<SchemaExpectation> kExpectations = {
    {"x12/staedi_simple810.edi", {}, ""},
    {"x12/oopf_846_Example1.txt", {}, ""},
    {"x12/ediengine_850.Composite.SLN.OK.edi", {}, ""},
    {"x12/ediengine_850.OK.edi", {}, ""},
    {"x12/nodex12_850.edi", {}, ""},
    {"x12/nodex12_850_3.edi", {}, ""},
    {"x12/oopf_850_Example1_PGWGlass.txt", {}, ""},
    {"x12/stupidedi_004010_PO850_pass_1.edi", {}, ""},
    {"x12/x12types_004010_850.edi", {}, ""},
    {"x12/oopf_855_855SSimmons.txt", {}, ""},
    {"x12/stupidedi_004010_PR855_pass_1.edi", {}, ""},
    {"x12/stedi_5010_855_inbound.edi", {}, ""},
    {"x12/ediengine_856.Crossdock.OK.edi", {}, ""},
    {"x12/oopf_856_Example1.txt", {}, ""},
    {"x12/oopf_856_FromGregarican.txt", {}, ""},
    {"x12/ediengine_940.2.OK.edi", {}, ""},
    {"x12/ediengine_940.OK.edi", {}, ""},
    {"x12/ediengine_MultipleInterchangesAndGroups.edi", {}, ""},
    {"x12/oopf_940_simplot.txt", {}, ""},
    {"x12/stupidedi_004010_AR943_pass_1.edi", {}, ""},
    {"x12/stupidedi_004010_RE944_pass_1.edi", {}, ""},
    {"x12/staedi_optionalInterchangeServices.edi", {}, ""},
    {"x12/staedi_simple997-multiple-interchanges.edi", {}, ""},
    {"x12/staedi_simple997.edi", {}, ""},
    {"x12/stupidedi_004010_FA997_pass_1.edi", {}, ""},
    {"x12/imsweb_x12_999_accepted.txt", {}, ""},
    {"x12/imsweb_x12_999_rejected.txt", {}, ""},
    {"x12/staedi_simple999.edi", {}, ""},
    {"edifact/pydifact_v3_aperak.edi", {}, ""},
    {"edifact/pydifact_v4_aperak_rejected.edi", {}, ""},
    {"edifact/pydifact_order.edi", {}, ""},
    {"edifact/vscedifact_sample_crlf_line_ending_formatted.edi", {}, ""},
    {"edifact/vscedifact_sample_hash_seg_delimiter_single_line.edi", {}, ""},
    {"edifact/vscedifact_sample_no_una_single_line.edi", {}, ""},
    {"x12/stupidedi_004010_IN810_pass_1.edi",
     {"SCHEMA_CONDITIONAL_ELEMENT_MISSING", "SCHEMA_CONDITIONAL_ELEMENT_MISSING"},
     "IT1 has IT102 and IT104 without IT103: 004010 IT1 note P020304 pairs quantity, unit "
     "and price"},
    {"x12/edinet_x12.850a.edi",
     {"SCHEMA_ELEMENT_TOO_LONG"},
     "N402 holds the placeholder 'State' (5 characters; the state code is 2)"},
    {"x12/nodex12_855.edi",
     {"SCHEMA_INVALID_CODE"},
     "REF01 'ZZZ' is not a reference identification qualifier of element 128"},
    {"x12/staedi_extraDelimiter997.edi",
     {"SCHEMA_ELEMENT_TOO_LONG", "SCHEMA_INVALID_CHARACTER", "SCHEMA_TOO_MANY_COMPONENTS",
      "SCHEMA_TOO_MANY_REPETITIONS", "SCHEMA_TOO_MANY_REPETITIONS", "SCHEMA_TOO_MANY_REPETITIONS"},
     "valid only as syntax: it puts repetition and component separators into simple AK3/AK4 "
     "elements on purpose"},
    {"x12/oopf_999_DHS_Wisconsin_Sample.txt",
     {"SCHEMA_ELEMENT_TOO_SHORT"},
     "AK202 is '002', 3 characters; a transaction set control number has at least 4"},
    {"x12/ediengine_AckTest.edi",
     {"SCHEMA_MANDATORY_ELEMENT_MISSING", "SCHEMA_ELEMENT_TOO_LONG"},
     "partly invalid by design: an N9 without qualifier and a shifted W66 (W6606 '43.00')"},
    {"edifact/edifactrs_d01b_invoic_conforming.edi",
     {"SCHEMA_MANDATORY_SEGMENT_MISSING", "SCHEMA_MANDATORY_SEGMENT_MISSING"},
     "no UNS and no SG50 (MOA), both mandatory in D01B INVOIC"},
    {"edifact/edifactrs_d96a_orders_conforming.edi",
     {"SCHEMA_MANDATORY_SEGMENT_MISSING"},
     "no UNS, which is mandatory in D96A ORDERS"},
    {"edifact/edinet_edifact.Issue203.edi",
     {"SCHEMA_INVALID_CHARACTER", "SCHEMA_INVALID_CODE", "SCHEMA_INVALID_CODE",
      "SCHEMA_INVALID_CODE", "SCHEMA_INVALID_CODE", "SCHEMA_MANDATORY_SEGMENT_MISSING"},
     "no BGM; MOA amount 'TEST'; 3155 'PL', 4233 '33E', 5463 'PP', 4295 'X29' are not UNCL "
     "codes"},
    {"edifact/bots_pricat1.edi",
     {"SCHEMA_INVALID_CODE", "SCHEMA_INVALID_CODE", "SCHEMA_INVALID_CODE", "SCHEMA_INVALID_CODE"},
     "PRI 5125 'NTP' is not a D96A price qualifier, and the composite names no other agency"},
};

// Which valid samples prove each shipped schema, and the schemas no valid
// corpus sample covers (their structure is tested by the unit tests and the
// acknowledgement round trip only).
const std::map<std::string, std::vector<std::string>> kCoverage = {
    {"x12/004010/810", {"x12/staedi_simple810.edi"}},
    {"x12/004010/846", {"x12/oopf_846_Example1.txt"}},
    {"x12/004010/850", {"x12/nodex12_850.edi", "x12/stupidedi_004010_PO850_pass_1.edi"}},
    {"x12/004010/855", {"x12/oopf_855_855SSimmons.txt"}},
    {"x12/004010/856", {"x12/ediengine_856.Crossdock.OK.edi", "x12/oopf_856_Example1.txt"}},
    {"x12/004010/940", {"x12/ediengine_940.OK.edi", "x12/oopf_940_simplot.txt"}},
    {"x12/004010/943", {"x12/stupidedi_004010_AR943_pass_1.edi"}},
    {"x12/004010/944", {"x12/stupidedi_004010_RE944_pass_1.edi"}},
    {"x12/004010/997", {"x12/stupidedi_004010_FA997_pass_1.edi"}},
    {"x12/005010/855", {"x12/stedi_5010_855_inbound.edi"}},
    {"x12/005010/997", {"x12/staedi_simple997.edi"}},
    {"x12/005010/999", {"x12/imsweb_x12_999_accepted.txt", "x12/staedi_simple999.edi"}},
    {"edifact/D96A/ORDERS", {"edifact/vscedifact_sample_crlf_line_ending_formatted.edi"}},
    {"edifact/D96A/APERAK", {"edifact/pydifact_v3_aperak.edi"}},
    // No valid corpus sample: 004010 832, 860, 945, 947; 005010 810, 850, 856;
    // D96A ORDRSP, DESADV, INVOIC, INVRPT, PRICAT, RECADV; D01B ORDERS, ORDRSP,
    // DESADV, INVOIC; CONTRL (syntax 3 and 4: covered by ack_schema tests).
};

std::string readCorpus(const std::string& file) {
  std::ifstream in(std::string(EDI_TEST_DATA_DIR) + "/corpus/" + file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The transaction set ids (ST01, UNH S009 0065) of an input.
std::set<std::string> setsIn(const std::string& text) {
  struct Sets : parsers::edi::EventHandler {
    std::set<std::string> ids;
    void onTransactionStart(const parsers::edi::Segment& header) override {
      ids.insert(std::string(header.tag() == "UNH" ? header.value(1, 0, 0) : header.element(0)));
    }
  } sets;
  parsers::edi::Reader reader(sets);
  reader.feed(text);
  reader.finish();
  return sets.ids;
}

std::multiset<std::string> schemaErrors(const testing::PipelineResult& result) {
  std::multiset<std::string> out;
  for (const core::Finding& finding : result.findings) {
    if (finding.isError() && finding.code.rfind("SCHEMA_", 0) == 0) out.insert(finding.code);
  }
  return out;
}

class SchemaCorpus : public ::testing::TestWithParam<SchemaExpectation> {};

TEST_P(SchemaCorpus, SchemaErrorsAreExactlyTheExpectedOnes) {
  const SchemaExpectation& expected = GetParam();
  const std::string text = readCorpus(expected.file);
  ASSERT_FALSE(text.empty()) << expected.file;
  const testing::PipelineResult result = testing::runAckPipeline(text);
  bool checked = false;
  for (const core::Finding& finding : result.findings) {
    EXPECT_NE(finding.code, "SCHEMA_UNUSABLE") << finding.message;
    checked = checked || finding.code == "SCHEMA_NOT_AVAILABLE";
  }
  EXPECT_FALSE(checked) << expected.file << " was expected to have a schema";
  std::string listing;
  for (const core::Finding& finding : result.findings) {
    if (finding.code.rfind("SCHEMA_", 0) == 0) listing += finding.message + "\n";
  }
  EXPECT_EQ(schemaErrors(result), expected.schemaErrors) << expected.file << "\n" << listing;
}

std::string testName(const ::testing::TestParamInfo<SchemaExpectation>& info) {
  std::string name = info.param.file;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, SchemaCorpus, ::testing::ValuesIn(kExpectations), testName);

TEST(SchemaCorpusCoverage, EveryNamedSampleIsExpectedToPassItsSchema) {
  for (const auto& [schema, files] : kCoverage) {
    for (const std::string& file : files) {
      bool clean = false;
      for (const SchemaExpectation& expected : kExpectations) {
        clean = clean || (file == expected.file && expected.schemaErrors.empty());
      }
      EXPECT_TRUE(clean) << schema << ": " << file << " is not listed as passing";
      // The sample really holds that set (ST01 or UNH S009 0065 names it).
      const std::string set = schema.substr(schema.rfind('/') + 1);
      EXPECT_TRUE(setsIn(readCorpus(file)).count(set) > 0) << schema << ": " << file;
    }
  }
}

}  // namespace
}  // namespace bridge

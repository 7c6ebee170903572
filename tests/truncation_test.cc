// A file cut short anywhere must be reported as an error: a truncated
// interchange must never pass validation. For small valid corpus files, every
// prefix that ends before the last segment terminator is read through the
// reader and the envelope validator.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "tests/support/recording_handler.h"

namespace bridge {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void expectEveryTruncationIsAnError(const std::string& file, char terminator) {
  const std::string bytes = slurp(std::string(EDI_TEST_DATA_DIR) + "/corpus/" + file);
  ASSERT_FALSE(bytes.empty()) << file;
  {
    testing::RecordingHandler whole;
    parsers::edi::EnvelopeValidator validator(whole);
    parsers::edi::Reader reader(validator);
    reader.feed(bytes);
    reader.finish();
    ASSERT_EQ(whole.errorCount(), 0u) << whole.joined();
  }
  const size_t lastTerminator = bytes.rfind(terminator);
  ASSERT_NE(lastTerminator, std::string::npos);
  for (size_t cut = 0; cut < lastTerminator; ++cut) {
    testing::RecordingHandler h;
    parsers::edi::EnvelopeValidator validator(h);
    parsers::edi::Reader reader(validator);
    reader.feed(std::string_view(bytes).substr(0, cut));
    reader.finish();
    EXPECT_GT(h.errorCount(), 0u) << file << " cut at byte " << cut;
    EXPECT_EQ(h.count("interchange-start"), h.count("interchange-end")) << cut;
    EXPECT_EQ(h.count("transaction-start"), h.count("transaction-end")) << cut;
  }
}

TEST(Truncation, X12PurchaseOrderCutAtEveryByteIsAnError) {
  expectEveryTruncationIsAnError("x12/x12types_004010_850.edi", '~');
}

TEST(Truncation, EdifactPriceCatalogueCutAtEveryByteIsAnError) {
  expectEveryTruncationIsAnError("edifact/bots_pricat1.edi", '\'');
}

TEST(Truncation, EdifactInvoiceWithoutUnaCutAtEveryByteIsAnError) {
  expectEveryTruncationIsAnError("edifact/pydifact_invoice1.edi", '\'');
}

}  // namespace
}  // namespace bridge

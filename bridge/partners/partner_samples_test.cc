// The sample partner directory matches the senders of the sample
// interchanges, as the demo relies on.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "bridge/partners/partner_loader.h"

namespace bridge::partners {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(text);
  while (std::getline(in, field, separator)) out.push_back(field);
  return out;
}

// The segments of a sample, without terminators and line breaks.
std::vector<std::string> segments(const std::string& name, char terminator) {
  std::ifstream in(std::string(EDI_SOURCE_DIR "/samples/valid/") + name, std::ios::binary);
  std::vector<std::string> out;
  std::string segment;
  while (std::getline(in, segment, terminator)) {
    const size_t start = segment.find_first_not_of("\r\n");
    if (start != std::string::npos) out.push_back(segment.substr(start));
  }
  return out;
}

PartnerDirectory samples() {
  config::YamlIssues issues;
  auto directory = loadPartnerDirectory(EDI_SOURCE_DIR "/samples/partners", issues);
  EXPECT_TRUE(directory) << issues.describe();
  return directory ? std::move(*directory) : PartnerDirectory();
}

TEST(PartnerSamples, TheSampleDirectoryLoads) {
  PartnerDirectory directory = samples();
  ASSERT_EQ(directory.size(), 2u);
  EXPECT_NE(directory.findById("abcco"), nullptr);
  EXPECT_NE(directory.findById("company-orders"), nullptr);
}

TEST(PartnerSamples, TheX12SupplierSendsTheNodeX12Samples) {
  PartnerDirectory directory = samples();
  for (const char* sample : {"nodex12_850.edi", "nodex12_856.edi"}) {
    const auto file = segments(sample, '~');
    ASSERT_GE(file.size(), 2u) << sample;
    const auto isa = split(file[0], '*');
    const auto gs = split(file[1], '*');
    ASSERT_GE(isa.size(), 7u) << sample;
    ASSERT_GE(gs.size(), 9u) << sample;
    const PartnerProfile* partner = directory.findX12(isa[5], isa[6]);
    ASSERT_NE(partner, nullptr) << sample;
    EXPECT_EQ(partner->id, "abcco");
    const auto& x12 = *partner->x12;
    EXPECT_NE(std::find(x12.applicationIds.begin(), x12.applicationIds.end(), gs[2]),
              x12.applicationIds.end())
        << sample << " GS02 " << gs[2];
    EXPECT_NE(std::find(x12.versions.begin(), x12.versions.end(), gs[8].substr(0, 6)),
              x12.versions.end())
        << sample << " GS08 " << gs[8];
  }
  const auto other = split(segments("staedi_simple810.edi", '~')[0], '*');
  EXPECT_EQ(directory.findX12(other[5], other[6]), nullptr)
      << "an unknown sender gets the defaults";
}

TEST(PartnerSamples, TheEdifactPartnerSendsTheOrdersSample) {
  PartnerDirectory directory = samples();
  const auto unb = split(segments("smooks_ORDERS_D.03B_Interchange.txt", '\'')[0], '+');
  ASSERT_GE(unb.size(), 3u);
  const auto sender = split(unb[2], ':');
  ASSERT_EQ(sender.size(), 2u);
  const PartnerProfile* partner = directory.findEdifact(sender[0], sender[1]);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->id, "company-orders");
  EXPECT_EQ(partner->edifact->contrl, parsers::ack::ContrlLevel::kMessage);
}

}  // namespace
}  // namespace bridge::partners

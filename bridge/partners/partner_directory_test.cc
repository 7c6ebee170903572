#include "bridge/partners/partner_directory.h"

#include <gtest/gtest.h>

#include "bridge/partners/partner_loader.h"
#include "bridge/partners/partner_test_support.h"

namespace bridge::partners {
namespace {

using Lines = std::vector<std::string>;

PartnerProfile partner(const std::string& id, std::vector<X12Identity> x12,
                       std::vector<EdifactIdentity> edifact = {}) {
  PartnerProfile out;
  out.id = id;
  out.idAt = {2, 5};
  out.file = id + ".yaml";
  if (!x12.empty()) {
    out.x12.emplace();
    out.x12->interchangeIds = std::move(x12);
  }
  if (!edifact.empty()) {
    out.edifact.emplace();
    out.edifact->ids = std::move(edifact);
  }
  return out;
}

PartnerDirectory built(std::vector<PartnerProfile> profiles) {
  config::YamlIssues issues;
  auto directory = PartnerDirectory::build(std::move(profiles), issues);
  EXPECT_TRUE(directory) << issues.describe();
  return directory ? std::move(*directory) : PartnerDirectory();
}

Lines conflicts(std::vector<PartnerProfile> profiles) {
  config::YamlIssues issues;
  EXPECT_FALSE(PartnerDirectory::build(std::move(profiles), issues));
  return testing::described(issues);
}

TEST(PartnerDirectory, FindsX12PartnersByPaddedIsaIds) {
  PartnerDirectory directory =
      built({partner("acme", {{"ZZ", "ACMESUPPLY", {}}, {"01", "123456789", {}}}),
             partner("globex", {{"ZZ", "GLOBEX", {}}})});
  ASSERT_EQ(directory.size(), 2u);
  ASSERT_NE(directory.findX12("ZZ", "ACMESUPPLY     "), nullptr);
  EXPECT_EQ(directory.findX12("ZZ", "ACMESUPPLY     ")->id, "acme");
  EXPECT_EQ(directory.findX12("01", "123456789")->id, "acme");
  EXPECT_EQ(directory.findX12("ZZ", "GLOBEX")->id, "globex");
  EXPECT_EQ(directory.findX12("01", "ACMESUPPLY"), nullptr) << "the qualifier is part of the id";
  EXPECT_EQ(directory.findX12("ZZ", "ACME"), nullptr);
  EXPECT_EQ(directory.findX12("ZZ", "acmesupply"), nullptr) << "ids compare exactly";
  EXPECT_EQ(directory.findX12("ZZ", "               "), nullptr);
  EXPECT_EQ(directory.findEdifact("ACMESUPPLY"), nullptr) << "X12 ids say nothing about UNB";
}

TEST(PartnerDirectory, FindsEdifactPartnersWithOrWithoutQualifier) {
  PartnerDirectory directory = built({
      partner("acme", {}, {{"5412345000013", "14", {}}}),
      partner("globex", {}, {{"GLOBEX", "", {}}}),
      partner("initech", {}, {{"5412345000013", "ZZ", {}}}),
  });
  EXPECT_EQ(directory.findEdifact("5412345000013", "14")->id, "acme");
  EXPECT_EQ(directory.findEdifact("5412345000013", "ZZ")->id, "initech");
  EXPECT_EQ(directory.findEdifact("5412345000013", "1"), nullptr);
  EXPECT_EQ(directory.findEdifact("5412345000013"), nullptr)
      << "an entry with a qualifier needs that qualifier";
  EXPECT_EQ(directory.findEdifact("GLOBEX")->id, "globex");
  EXPECT_EQ(directory.findEdifact("GLOBEX", "14")->id, "globex")
      << "an entry without a qualifier matches any";
  EXPECT_EQ(directory.findEdifact("globex"), nullptr);
  EXPECT_EQ(directory.findX12("ZZ", "GLOBEX"), nullptr);
}

TEST(PartnerDirectory, FindsPartnersById) {
  PartnerDirectory directory = built({partner("acme", {{"ZZ", "A", {}}})});
  ASSERT_NE(directory.findById("acme"), nullptr);
  EXPECT_EQ(directory.findById("acme")->file, "acme.yaml");
  EXPECT_EQ(directory.findById("ACME"), nullptr);
  EXPECT_EQ(PartnerDirectory().findById("acme"), nullptr);
}

TEST(PartnerDirectory, ReportsADuplicateIdNamingBothFiles) {
  PartnerProfile second = partner("acme", {{"ZZ", "B", {}}});
  second.file = "other/acme.yaml";
  EXPECT_EQ(conflicts({partner("acme", {{"ZZ", "A", {}}}), second}),
            Lines{"other/acme.yaml:2:5: partner id 'acme' is already used by acme.yaml:2:5; give "
                  "each partner its own id"});
}

TEST(PartnerDirectory, ReportsAnIsaIdClaimedByTwoPartners) {
  EXPECT_EQ(conflicts({partner("acme", {{"ZZ", "ACME", {6, 7}}}),
                       partner("globex", {{"01", "ACME", {6, 7}}, {"ZZ", "ACME", {7, 7}}})}),
            Lines{"globex.yaml:7:7: x12 interchange id ZZ/ACME is already claimed by partner "
                  "'acme' at acme.yaml:6:7; an ISA sender must lead to one partner: remove it "
                  "from one of the files"});
}

TEST(PartnerDirectory, ReportsOverlappingUnbIds) {
  EXPECT_EQ(conflicts({partner("acme", {}, {{"X", "14", {6, 7}}}),
                       partner("globex", {}, {{"X", "", {5, 7}}}),
                       partner("initech", {}, {{"X", "14", {4, 7}}, {"X", "ZZ", {5, 7}}})}),
            (Lines{
                "globex.yaml:5:7: edifact id 'X' (any qualifier) overlaps 'X' with qualifier '14' "
                "of partner 'acme' at acme.yaml:6:7; a UNB sender must lead to one partner: "
                "remove one of them, or give both a qualifier",
                "initech.yaml:4:7: edifact id 'X' with qualifier '14' overlaps 'X' with "
                "qualifier '14' of partner 'acme' at acme.yaml:6:7; a UNB sender must lead to "
                "one partner: remove one of them, or give both a qualifier",
            }))
      << "initech's X/ZZ is reported no more: globex's claim on any qualifier was refused";
}

TEST(PartnerDirectory, OnePartnerMayListAnIdWithAndWithoutQualifier) {
  PartnerDirectory directory = built({partner("acme", {}, {{"X", "14", {}}, {"X", "", {}}})});
  EXPECT_EQ(directory.findEdifact("X", "14")->id, "acme");
  EXPECT_EQ(directory.findEdifact("X", "ZZ")->id, "acme");
}

constexpr char kAcme[] =
    "format: edi-bridge/partner-v1\n"
    "id: acme\n"
    "x12:\n"
    "  interchange-ids:\n"
    "    - {qualifier: ZZ, id: ACME}\n"
    "edifact:\n"
    "  ids: [{id: ACME}]\n";

TEST(PartnerDirectory, LoadsEveryYamlFileOfADirectory) {
  const auto dir = testing::freshDirectory("partner_directory_load");
  testing::writeFile(dir / "acme.yaml", kAcme);
  testing::writeFile(dir / "globex.yaml",
                     "format: edi-bridge/partner-v1\nid: globex\n"
                     "edifact: {ids: [{id: GLOBEX, qualifier: \"14\"}]}\n");
  testing::writeFile(dir / "README.md", "not a profile");
  testing::writeFile(dir / "acme.yaml.bak", "not a profile");
  testing::writeFile(dir / "overlays" / "acme-850.yaml", "format: edi-bridge/schema-v1\n");
  config::YamlIssues issues;
  auto directory = loadPartnerDirectory(dir, issues);
  ASSERT_TRUE(directory) << issues.describe();
  ASSERT_EQ(directory->size(), 2u);
  EXPECT_EQ(directory->profiles()[0].id, "acme");
  EXPECT_EQ(directory->profiles()[1].id, "globex");
  EXPECT_EQ(directory->findX12("ZZ", "ACME           ")->file, (dir / "acme.yaml").string());
  EXPECT_EQ(directory->findEdifact("GLOBEX", "14")->id, "globex");
}

TEST(PartnerDirectory, ReportsEveryProblemOfADirectoryNamingBothFiles) {
  const auto dir = testing::freshDirectory("partner_directory_conflicts");
  testing::writeFile(dir / "acme.yaml", kAcme);
  testing::writeFile(dir / "globex.yaml",
                     "format: edi-bridge/partner-v1\n"
                     "id: globex\n"
                     "x12:\n"
                     "  interchange-ids:\n"
                     "    - {qualifier: ZZ, id: GLOBEX}\n"
                     "    - {qualifier: ZZ, id: ACME}\n"
                     "edifact:\n"
                     "  ids: [{id: ACME, qualifier: \"14\"}]\n");
  testing::writeFile(dir / "initech.yaml", "format: edi-bridge/partner-v1\nid: initech\n");
  config::YamlIssues issues;
  EXPECT_FALSE(loadPartnerDirectory(dir, issues));
  const std::string acme = (dir / "acme.yaml").string();
  const std::string globex = (dir / "globex.yaml").string();
  const std::string initech = (dir / "initech.yaml").string();
  EXPECT_EQ(testing::described(issues),
            (Lines{
                initech + ":1:1: partner profile has neither 'x12' nor 'edifact'; add the section "
                          "of each standard the partner sends",
                globex +
                    ":6:7: x12 interchange id ZZ/ACME is already claimed by partner 'acme' "
                    "at " +
                    acme +
                    ":5:7; an ISA sender must lead to one partner: remove it "
                    "from one of the files",
                globex +
                    ":8:9: edifact id 'ACME' with qualifier '14' overlaps 'ACME' (any "
                    "qualifier) of partner 'acme' at " +
                    acme +
                    ":7:9; a UNB sender must "
                    "lead to one partner: remove one of them, or give both a qualifier",
            }));
}

TEST(PartnerDirectory, AnEmptyDirectoryHasNoPartners) {
  config::YamlIssues issues;
  auto directory = loadPartnerDirectory(testing::freshDirectory("partner_directory_empty"), issues);
  ASSERT_TRUE(directory) << issues.describe();
  EXPECT_EQ(directory->size(), 0u);
}

TEST(PartnerDirectory, ReportsAMissingDirectory) {
  config::YamlIssues issues;
  EXPECT_FALSE(loadPartnerDirectory("/nonexistent/partners", issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.list()[0].describe(),
            "/nonexistent/partners: cannot read the partner directory: No such file or "
            "directory; point the configuration at the directory that holds the <id>.yaml files");
}

}  // namespace
}  // namespace bridge::partners

#include "bridge/partners/partner_loader.h"

#include <gtest/gtest.h>

#include "bridge/partners/partner_test_support.h"

namespace bridge::partners {
namespace {

using parsers::ack::ContrlLevel;
using parsers::ack::FunctionalAck;
using parsers::ack::Ta1Policy;
using testing::profileProblems;

constexpr char kFullProfile[] = R"(format: edi-bridge/partner-v1
id: acme
name: ACME Supply Co.
x12:
  interchange-ids:
    - {qualifier: ZZ, id: ACMESUPPLY}
    - {qualifier: "01", id: "123456789"}
  application-ids: [ACME]
  versions: ["004010", "005010"]
  acknowledgement: 999
  ta1: on-error
  our-ids: {qualifier: ZZ, id: DISTRIBUTOR, application-id: DISTAPP}
  outbound:
    element-separator: "*"
    component-separator: ">"
    repetition-separator: "^"
    segment-terminator: "~"
    line-breaks: true
    usage: test
edifact:
  ids:
    - {id: "5412345000013", qualifier: "14"}
    - {id: ACME}
  versions: [D96A, D01B]
  acknowledgement: contrl
  contrl-level: message
  our-ids: {id: "5400000000000", qualifier: "14"}
  outbound:
    syntax: UNOC
    syntax-version: 3
    component-separator: ":"
    element-separator: "+"
    decimal-mark: ","
    release-character: "?"
    segment-terminator: "'"
    line-breaks: false
ack-deadline: 90m
)";

TEST(PartnerLoader, ReadsEveryKeyOfAFullProfile) {
  config::YamlIssues issues;
  auto profile = loadPartnerProfileText(kFullProfile, "partners/acme.yaml", issues);
  ASSERT_TRUE(profile) << issues.describe();
  EXPECT_EQ(profile->id, "acme");
  EXPECT_EQ(profile->idAt.line, 2u);
  EXPECT_EQ(profile->name, "ACME Supply Co.");
  EXPECT_EQ(profile->file, "partners/acme.yaml");
  EXPECT_EQ(profile->ackDeadline, std::chrono::minutes(90));
  EXPECT_TRUE(profile->overlays.empty());

  ASSERT_TRUE(profile->x12);
  const X12Profile& x12 = *profile->x12;
  ASSERT_EQ(x12.interchangeIds.size(), 2u);
  EXPECT_EQ(x12.interchangeIds[0].qualifier, "ZZ");
  EXPECT_EQ(x12.interchangeIds[0].id, "ACMESUPPLY");
  EXPECT_EQ(x12.interchangeIds[0].at.line, 6u);
  EXPECT_EQ(x12.interchangeIds[0].at.column, 7u);
  EXPECT_EQ(x12.interchangeIds[1].qualifier, "01");
  EXPECT_EQ(x12.interchangeIds[1].id, "123456789");
  EXPECT_EQ(x12.applicationIds, std::vector<std::string>{"ACME"});
  EXPECT_EQ(x12.versions, (std::vector<std::string>{"004010", "005010"}));
  EXPECT_EQ(x12.acknowledgement, FunctionalAck::k999);
  EXPECT_EQ(x12.ta1, Ta1Policy::kOnError);
  ASSERT_TRUE(x12.ourIds);
  EXPECT_EQ(x12.ourIds->qualifier, "ZZ");
  EXPECT_EQ(x12.ourIds->id, "DISTRIBUTOR");
  EXPECT_EQ(x12.ourIds->applicationId, "DISTAPP");
  ASSERT_TRUE(x12.outbound.delimiters);
  EXPECT_EQ(*x12.outbound.delimiters, (parsers::edi::Delimiters{'*', '>', '^', '~', 0, 0}));
  EXPECT_TRUE(x12.outbound.lineBreaks);
  EXPECT_EQ(x12.outbound.usage, Usage::kTest);

  ASSERT_TRUE(profile->edifact);
  const EdifactProfile& edifact = *profile->edifact;
  ASSERT_EQ(edifact.ids.size(), 2u);
  EXPECT_EQ(edifact.ids[0].id, "5412345000013");
  EXPECT_EQ(edifact.ids[0].qualifier, "14");
  EXPECT_EQ(edifact.ids[1].id, "ACME");
  EXPECT_EQ(edifact.ids[1].qualifier, "");
  EXPECT_EQ(edifact.versions, (std::vector<std::string>{"D96A", "D01B"}));
  EXPECT_EQ(edifact.contrl, ContrlLevel::kMessage);
  ASSERT_TRUE(edifact.ourIds);
  EXPECT_EQ(edifact.ourIds->id, "5400000000000");
  EXPECT_EQ(edifact.ourIds->qualifier, "14");
  EXPECT_EQ(edifact.outbound.syntax, "UNOC");
  EXPECT_EQ(edifact.outbound.syntaxVersion, 3);
  ASSERT_TRUE(edifact.outbound.delimiters);
  EXPECT_EQ(*edifact.outbound.delimiters, (parsers::edi::Delimiters{'+', ':', 0, '\'', '?', ','}));
  EXPECT_FALSE(edifact.outbound.lineBreaks);
}

TEST(PartnerLoader, LeavesOutOptionalKeysWithTheirDefaults) {
  config::YamlIssues issues;
  auto profile = loadPartnerProfileText(
      "format: edi-bridge/partner-v1\nid: acme\nx12:\n  interchange-ids: [{qualifier: ZZ, id: A}]\n"
      "edifact:\n  ids: [{id: A}]\n",
      "acme.yaml", issues);
  ASSERT_TRUE(profile) << issues.describe();
  EXPECT_EQ(profile->name, "acme");
  EXPECT_EQ(profile->ackDeadline, std::chrono::hours(24));
  EXPECT_FALSE(profile->x12->acknowledgement) << "chosen by the group's version";
  EXPECT_EQ(profile->x12->ta1, Ta1Policy::kOnRequest);
  EXPECT_FALSE(profile->x12->ourIds);
  EXPECT_FALSE(profile->x12->outbound.delimiters);
  EXPECT_FALSE(profile->x12->outbound.usage);
  EXPECT_FALSE(profile->x12->outbound.lineBreaks);
  EXPECT_EQ(profile->edifact->contrl, ContrlLevel::kInterchange);
  EXPECT_FALSE(profile->edifact->outbound.syntax);
  EXPECT_FALSE(profile->edifact->outbound.syntaxVersion);
  EXPECT_FALSE(profile->edifact->outbound.delimiters);
}

TEST(PartnerLoader, NeedsTheFormatAnIdAndOneStandard) {
  EXPECT_EQ(profileProblems("name: ACME\n"),
            (std::vector<std::string>{
                "acme.yaml:1:1: partner profile needs the key 'format'",
                "acme.yaml:1:1: partner profile needs the key 'id'",
                "acme.yaml:1:1: partner profile has neither 'x12' nor 'edifact'; add the section "
                "of each standard the partner sends",
            }));
}

TEST(PartnerLoader, ReportsTopLevelValues) {
  EXPECT_EQ(profileProblems("format: edi-bridge/partner-v2\n"
                            "id: ACME\n"
                            "name: \" \"\n"
                            "edifact: {ids: [{id: A}]}\n"
                            "ack-deadline: 2w\n"
                            "acknowledgment: 997\n"),
            (std::vector<std::string>{
                "acme.yaml:1:9: partner profile 'format' is 'edi-bridge/partner-v2'; expected "
                "'edi-bridge/partner-v1'",
                "acme.yaml:2:5: partner profile 'id' is 'ACME'; expected 1-64 lower-case letters, "
                "digits, '-' or '_', starting with a letter or digit (e.g. acme-supply)",
                "acme.yaml:3:7: partner profile 'name' is blank; write the partner's name, or "
                "leave the key out to use the id",
                "acme.yaml:5:15: partner profile 'ack-deadline' is '2w'; expected a whole number "
                "followed by m, h or d (minutes, hours, days), e.g. 24h",
                "acme.yaml:6:1: unknown key 'acknowledgment' in partner profile; expected "
                "'format', 'id', 'name', 'x12', 'edifact', 'overlays' or 'ack-deadline'",
            }));
  EXPECT_EQ(
      profileProblems("format: edi-bridge/partner-v1\nid: acme\nedifact: {ids: [{id: A}]}\n"
                      "ack-deadline: 45d\n"),
      std::vector<std::string>{
          "acme.yaml:4:15: partner profile 'ack-deadline' is '45d'; expected from 1m to 30d"});
}

TEST(PartnerLoader, TheIdMustBeTheFileName) {
  EXPECT_EQ(profileProblems("format: edi-bridge/partner-v1\nid: acme\nedifact: {ids: [{id: A}]}\n",
                            "partners/acme-supply.yaml"),
            std::vector<std::string>{
                "partners/acme-supply.yaml:2:5: partner profile 'id' is 'acme', but the file is "
                "named 'acme-supply.yaml'; the id and the file name must agree: rename the file "
                "to 'acme.yaml', or change the id"});
  EXPECT_EQ(profileProblems("format: edi-bridge/partner-v1\nid: acme\nedifact: {ids: [{id: A}]}\n",
                            "acme.yml")
                .size(),
            1u);
}

TEST(PartnerLoader, ReportsAFileThatIsNotAMapping) {
  EXPECT_EQ(profileProblems("- id: acme\n"),
            std::vector<std::string>{
                "acme.yaml:1:1: partner profile must be a mapping of keys to values, not a list"});
  EXPECT_EQ(profileProblems("").size(), 1u);
  EXPECT_EQ(profileProblems("id: [acme\n").size(), 1u);
}

TEST(PartnerLoader, ResolvesOverlaysAgainstTheProfileDirectory) {
  const auto dir = testing::freshDirectory("partner_loader_overlays");
  testing::writeFile(dir / "overlays" / "acme-850.yaml", "format: edi-bridge/schema-v1\n");
  testing::writeFile(dir / "shared" / "po.yaml", "format: edi-bridge/schema-v1\n");
  testing::writeFile(dir / "acme.yaml",
                     "format: edi-bridge/partner-v1\nid: acme\nedifact: {ids: [{id: A}]}\n"
                     "overlays: [overlays/acme-850.yaml, ./shared/../shared/po.yaml]\n");
  config::YamlIssues issues;
  auto profile = loadPartnerProfile(dir / "acme.yaml", issues);
  ASSERT_TRUE(profile) << issues.describe();
  const auto base = std::filesystem::absolute(dir).lexically_normal();
  EXPECT_EQ(profile->overlays,
            (std::vector<std::filesystem::path>{base / "overlays" / "acme-850.yaml",
                                                base / "shared" / "po.yaml"}));
}

TEST(PartnerLoader, ReportsEachOverlayThatIsMissingAtItsLine) {
  const auto dir = testing::freshDirectory("partner_loader_missing_overlays");
  testing::writeFile(dir / "overlays" / "acme-850.yaml", "format: edi-bridge/schema-v1\n");
  const std::string file = (dir / "acme.yaml").string();
  testing::writeFile(dir / "acme.yaml",
                     "format: edi-bridge/partner-v1\nid: acme\nedifact: {ids: [{id: A}]}\n"
                     "overlays:\n"
                     "  - overlays/acme-850.yaml\n"
                     "  - overlays/acme-855.yaml\n"
                     "  - overlays\n"
                     "  - \"\"\n"
                     "  - overlays/../overlays/acme-850.yaml\n");
  config::YamlIssues issues;
  EXPECT_FALSE(loadPartnerProfile(dir / "acme.yaml", issues));
  const auto base = std::filesystem::absolute(dir);
  const std::string baseDir = base.string();
  EXPECT_EQ(testing::described(issues),
            (std::vector<std::string>{
                file + ":6:5: overlays[2] 'overlays/acme-855.yaml' does not exist (looked for " +
                    (base / "overlays" / "acme-855.yaml").string() +
                    "); write a path relative to " + baseDir + ", or add the file",
                file + ":7:5: overlays[3] 'overlays' is not a file (" +
                    (base / "overlays").string() + "); name the overlay schema file itself",
                file + ":8:5: overlays[4] is blank; write the path of an overlay schema file, "
                       "relative to the profile's directory",
                file + ":9:5: overlays[5] 'overlays/../overlays/acme-850.yaml' names " +
                    (base / "overlays" / "acme-850.yaml").string() + " again; remove one of them",
            }));
}

TEST(PartnerLoader, ReportsAnUnreadableFile) {
  config::YamlIssues issues;
  EXPECT_FALSE(loadPartnerProfile("/nonexistent/partners/acme.yaml", issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.list()[0].file, "/nonexistent/partners/acme.yaml");
  EXPECT_NE(issues.list()[0].message.find("cannot read the file"), std::string::npos);
}

}  // namespace
}  // namespace bridge::partners

// The x12 and edifact sections of a profile: each rule's message and where
// it points.
#include <gtest/gtest.h>

#include "bridge/partners/partner_test_support.h"

namespace bridge::partners {
namespace {

using testing::profileProblems;
using Lines = std::vector<std::string>;

constexpr char kHeader[] = "format: edi-bridge/partner-v1\nid: acme\n";

Lines problems(const std::string& section) { return profileProblems(kHeader + section); }

TEST(PartnerX12Section, ChecksEachInterchangeId) {
  EXPECT_EQ(problems("x12:\n"
                     "  interchange-ids:\n"
                     "    - {qualifier: \"1\", id: ACME}\n"
                     "    - {qualifier: ZZ}\n"
                     "    - {qualifier: ZZ, id: ACMESUPPLYCOMPANY1}\n"
                     "    - {qualifier: ZZ, id: ACME, name: x}\n"
                     "    - {qualifier: \"01\", id: ACME}\n"
                     "    - {qualifier: \"01\", id: ACME}\n"
                     "    - ZZ\n"),
            (Lines{
                "acme.yaml:5:19: x12.interchange-ids[1] 'qualifier' is '1'; expected an ISA05 "
                "qualifier of code list I05: 01-04, 07-38, AM, NR, SA, SN or ZZ (quote codes with "
                "a leading zero: \"01\")",
                "acme.yaml:6:7: x12.interchange-ids[2] needs the key 'id'",
                "acme.yaml:7:27: x12.interchange-ids[3] 'id' is 'ACMESUPPLYCOMPANY1', 18 "
                "characters; expected at most 15 (ISA06 is 15 characters with the padding)",
                "acme.yaml:8:33: unknown key 'name' in x12.interchange-ids[4]; expected "
                "'qualifier' or 'id'",
                "acme.yaml:10:7: x12.interchange-ids[6] repeats 01/ACME from line 9; remove one "
                "of them",
                "acme.yaml:11:7: x12.interchange-ids[7] must be a mapping of keys to values, not "
                "'ZZ'",
            }));
}

TEST(PartnerX12Section, NeedsAtLeastOneInterchangeId) {
  EXPECT_EQ(problems("x12:\n  versions: [\"004010\"]\n"),
            Lines{"acme.yaml:4:3: x12 needs the key 'interchange-ids'"});
  EXPECT_EQ(problems("x12:\n  interchange-ids: []\n"),
            Lines{"acme.yaml:4:20: x12 'interchange-ids' is an empty list; expected at least one "
                  "{qualifier, id} entry"});
  EXPECT_EQ(problems("x12: yes\n"),
            Lines{"acme.yaml:3:6: x12 must be a mapping of keys to values, not 'yes'"});
}

TEST(PartnerX12Section, ChecksIdsVersionsAndAckPolicy) {
  EXPECT_EQ(problems("x12:\n"
                     "  interchange-ids: {qualifier: ZZ, id: ACME}\n"
                     "  application-ids: [A, ACME, ACME]\n"
                     "  versions: [\"004010\", 5010, \"004010\"]\n"
                     "  acknowledgement: 998\n"
                     "  ta1: sometimes\n"
                     "  our-ids: {id: DIST}\n"),
            (Lines{
                "acme.yaml:4:20: x12 'interchange-ids' must be a list of {qualifier, id} entries",
                "acme.yaml:5:21: x12.application-ids[1] is 'A', 1 character; expected 2-15 "
                "characters (GS02)",
                "acme.yaml:5:30: x12.application-ids[3] repeats 'ACME' from line 5; remove one of "
                "them",
                "acme.yaml:6:24: x12.versions[2] is '5010'; expected the first six characters of "
                "GS08, six digits such as \"004010\" or \"005010\" (quoted)",
                "acme.yaml:6:30: x12.versions[3] repeats '004010' from line 6; remove one of them",
                "acme.yaml:7:20: x12 'acknowledgement' is '998'; expected '997', '999' or 'none'",
                "acme.yaml:8:8: x12 'ta1' is 'sometimes'; expected 'on-request', 'always', "
                "'on-error' or 'never'",
                "acme.yaml:9:12: x12.our-ids sets 'id' without 'qualifier'; write both, or "
                "neither to answer from the inbound receiver",
            }));
  EXPECT_EQ(problems("x12:\n"
                     "  interchange-ids: [{qualifier: ZZ, id: ACME}]\n"
                     "  versions: \"004010\"\n"
                     "  our-ids: {qualifier: \"00\", id: DIST, application-id: D}\n"),
            (Lines{
                "acme.yaml:5:13: x12 'versions' must be a list, not '004010'",
                "acme.yaml:6:24: x12.our-ids 'qualifier' is '00'; expected an ISA05 qualifier of "
                "code list I05: 01-04, 07-38, AM, NR, SA, SN or ZZ (quote codes with a leading "
                "zero: \"01\")",
                "acme.yaml:6:56: x12.our-ids 'application-id' is 'D', 1 character; expected 2-15 "
                "characters (GS02)",
            }));
}

TEST(PartnerX12Section, ChecksTheOutboundSeparators) {
  EXPECT_EQ(problems("x12:\n"
                     "  interchange-ids: [{qualifier: ZZ, id: ACME}]\n"
                     "  outbound:\n"
                     "    element-separator: \"*\"\n"
                     "    component-separator: \"*\"\n"
                     "    repetition-separator: A\n"
                     "    line-breaks: yes\n"
                     "    usage: prod\n"),
            (Lines{
                "acme.yaml:7:26: x12.outbound 'component-separator' is '*', the same as "
                "'element-separator'; give each separator its own character",
                "acme.yaml:8:27: x12.outbound 'repetition-separator' is 'A'; expected one "
                "printable character that is not a letter, digit or space, quoted (e.g. \"*\")",
                "acme.yaml:6:5: x12.outbound sets some separators but not 'segment-terminator'; "
                "write all of them, or none to copy the inbound interchange's",
                "acme.yaml:9:18: x12.outbound 'line-breaks' is 'yes'; expected true or false",
                "acme.yaml:10:12: x12.outbound 'usage' is 'prod'; expected 'production' or 'test'",
            }));
}

TEST(PartnerX12Section, TheRepetitionSeparatorMayBeLeftOut) {
  EXPECT_EQ(problems("x12:\n"
                     "  interchange-ids: [{qualifier: ZZ, id: ACME}]\n"
                     "  outbound: {element-separator: \"|\", component-separator: \"\\\\\", "
                     "segment-terminator: \"~\"}\n"),
            Lines{});
  EXPECT_EQ(problems("x12:\n"
                     "  interchange-ids: [{qualifier: ZZ, id: ACME}]\n"
                     "  outbound: {usage: test, line-breaks: true}\n"),
            Lines{});
}

TEST(PartnerEdifactSection, ChecksEachIdAndTheAckPolicy) {
  EXPECT_EQ(problems("edifact:\n"
                     "  ids:\n"
                     "    - {qualifier: \"14\"}\n"
                     "    - {id: \"5412345000013\", qualifier: \"14ABC\"}\n"
                     "    - {id: \"5412345000013\", qualifier: \"14\"}\n"
                     "    - {id: \"5412345000013\", qualifier: \"14\"}\n"
                     "  versions: [D96A, 96A]\n"
                     "  acknowledgement: contrl\n"
                     "  contrl-level: everything\n"
                     "  our-ids: {qualifier: \"14\"}\n"),
            (Lines{
                "acme.yaml:5:7: edifact.ids[1] needs the key 'id'",
                "acme.yaml:6:40: edifact.ids[2] 'qualifier' is '14ABC', 5 characters; expected "
                "at most 4 (UNB S002 0007, e.g. \"14\" for a GLN)",
                "acme.yaml:8:7: edifact.ids[4] repeats '5412345000013' with qualifier '14' from "
                "line 7; remove one of them",
                "acme.yaml:9:20: edifact.versions[2] is '96A'; expected a directory as UNH writes "
                "it in 0052 and 0054 together, such as D96A or D01B",
                "acme.yaml:11:17: edifact 'contrl-level' is 'everything'; expected 'receipt', "
                "'interchange' or 'message'",
                "acme.yaml:12:12: edifact.our-ids needs the key 'id'",
            }));
  EXPECT_EQ(problems("edifact:\n  ids: [{id: A}, {id: A}]\n  acknowledgement: 997\n"),
            (Lines{
                "acme.yaml:4:18: edifact.ids[2] repeats 'A' without a qualifier from line 4; "
                "remove one of them",
                "acme.yaml:5:20: edifact 'acknowledgement' is '997'; expected 'contrl' or 'none'",
            }));
  EXPECT_EQ(problems("edifact:\n  ids: []\n"),
            Lines{"acme.yaml:4:8: edifact 'ids' is an empty list; expected at least one {id, "
                  "qualifier} entry"});
}

TEST(PartnerEdifactSection, ChecksTheOutboundSyntaxAndSeparators) {
  EXPECT_EQ(problems("edifact:\n"
                     "  ids: [{id: A}]\n"
                     "  acknowledgement: none\n"
                     "  contrl-level: message\n"
                     "  outbound:\n"
                     "    syntax: UNOY\n"
                     "    syntax-version: 3\n"
                     "    component-separator: \":\"\n"
                     "    element-separator: \"+\"\n"
                     "    decimal-mark: \";\"\n"
                     "    repetition-separator: \"*\"\n"
                     "    segment-terminator: \"'\"\n"),
            (Lines{
                "acme.yaml:6:17: edifact 'contrl-level' is set but 'acknowledgement' is 'none'; "
                "remove 'contrl-level', or write acknowledgement: contrl",
                "acme.yaml:12:19: edifact.outbound 'decimal-mark' is ';'; expected \".\" or \",\"",
                "acme.yaml:8:5: edifact.outbound sets some separators but not "
                "'release-character'; write all of them, or none to copy the inbound "
                "interchange's",
                "acme.yaml:8:13: edifact.outbound 'syntax' is 'UNOY', which exists only from "
                "syntax version 4, but 'syntax-version' is 3; write syntax-version: 4, or another "
                "syntax",
                "acme.yaml:13:27: edifact.outbound 'repetition-separator' is set, but "
                "'syntax-version' is 3 and repetition separators exist only from syntax version "
                "4; remove it, or write syntax-version: 4",
            }));
  EXPECT_EQ(problems("edifact:\n"
                     "  ids: [{id: A}]\n"
                     "  outbound: {syntax: UNOZ, syntax-version: 5}\n"),
            (Lines{
                "acme.yaml:5:22: edifact.outbound 'syntax' is 'UNOZ'; expected one of UNOA-UNOL, "
                "UNOW, UNOX or UNOY (e.g. UNOC)",
                "acme.yaml:5:44: edifact.outbound 'syntax-version' is '5'; expected a whole "
                "number from 1 to 4",
            }));
}

TEST(PartnerEdifactSection, AcceptsAllSeparatorsUnderSyntax4) {
  EXPECT_EQ(problems("edifact:\n"
                     "  ids: [{id: A, qualifier: ZZZ}]\n"
                     "  acknowledgement: none\n"
                     "  our-ids: {id: US}\n"
                     "  outbound:\n"
                     "    syntax: UNOW\n"
                     "    syntax-version: 4\n"
                     "    component-separator: \":\"\n"
                     "    element-separator: \"+\"\n"
                     "    decimal-mark: \".\"\n"
                     "    release-character: \"?\"\n"
                     "    repetition-separator: \"*\"\n"
                     "    segment-terminator: \"'\"\n"),
            Lines{});
}

TEST(PartnerEdifactSection, SeparatorsMustDifferFromTheDecimalMark) {
  EXPECT_EQ(problems("edifact:\n"
                     "  ids: [{id: A}]\n"
                     "  outbound:\n"
                     "    component-separator: \":\"\n"
                     "    element-separator: \"+\"\n"
                     "    decimal-mark: \",\"\n"
                     "    release-character: \"?\"\n"
                     "    segment-terminator: \",\"\n"),
            Lines{"acme.yaml:10:25: edifact.outbound 'segment-terminator' is ',', the same as "
                  "'decimal-mark'; give each separator its own character"});
}

}  // namespace
}  // namespace bridge::partners

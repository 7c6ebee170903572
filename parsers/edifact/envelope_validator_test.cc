#include "parsers/edifact/envelope_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/edi/envelope_test_support.h"

namespace bridge::parsers::edifact {
namespace {

using core::Severity;
using edi::OwnedSegment;
using edi::envelope_testing::Codes;
using edi::envelope_testing::composite;
using edi::envelope_testing::contains;
using edi::envelope_testing::Group;
using edi::envelope_testing::Interchange;
using edi::envelope_testing::Player;
using edi::envelope_testing::Recorder;
using edi::envelope_testing::Transaction;

edi::InterchangeInfo edifactInfo() {
  edi::InterchangeInfo info;
  info.standard = edi::Standard::kEdifact;
  info.delimiters.element = '+';
  info.delimiters.component = ':';
  info.delimiters.release = '?';
  info.delimiters.segment = '\'';
  info.delimiters.decimal = '.';
  return info;
}

// Sets component `component` of element `element` (both 1-based, as in a
// Location); extends the segment when needed.
void set(OwnedSegment& segment, size_t element, size_t component, std::string value) {
  if (segment.elements.size() < element) segment.elements.resize(element, {{""}});
  auto& components = segment.elements[element - 1][0];
  if (components.size() < component) components.resize(component);
  components[component - 1] = std::move(value);
}

Transaction message(const std::string& reference, size_t body = 2) {
  return Transaction{composite("UNH", {{reference}, {"ORDERS", "D", "96A", "UN"}}), body,
                     composite("UNT", {{std::to_string(body + 2)}, {reference}})};
}

// UNB(1) UNH(2) BDY(3) BDY(4) UNT(5) UNZ(6), syntax version 3.
Interchange validInterchange() {
  Interchange interchange;
  interchange.info = edifactInfo();
  interchange.header = composite(
      "UNB", {{"UNOC", "3"}, {"SENDER", "14"}, {"RECEIVER", "14"}, {"240131", "1200"}, {"REF1"}});
  interchange.ungrouped.push_back(message("1"));
  interchange.trailer = composite("UNZ", {{"1"}, {"REF1"}});
  return interchange;
}

// UNB(1) UNG(2) UNH(3) BDY(4) BDY(5) UNT(6) UNE(7) UNZ(8).
Interchange groupedInterchange() {
  Interchange interchange = validInterchange();
  interchange.ungrouped.clear();
  Group group;
  group.header = composite("UNG", {{"ORDERS"},
                                   {"SENDER", "14"},
                                   {"RECEIVER", "14"},
                                   {"240131", "1200"},
                                   {"G1"},
                                   {"UN"},
                                   {"D", "96A"}});
  group.transactions.push_back(message("1"));
  group.trailer = composite("UNE", {{"1"}, {"G1"}});
  interchange.groups.push_back(group);
  return interchange;
}

class EdifactEnvelopeValidatorTest : public ::testing::Test {
 protected:
  std::vector<std::string> run(const Interchange& interchange) {
    Player player(validator_);
    player.play(interchange);
    return recorder_.codes();
  }
  std::vector<std::string> runWithUnb(size_t element, size_t component, std::string value) {
    Interchange interchange = validInterchange();
    set(interchange.header, element, component, std::move(value));
    return run(interchange);
  }
  std::vector<std::string> runWithUnh(size_t element, size_t component, std::string value) {
    Interchange interchange = validInterchange();
    set(interchange.ungrouped[0].header, element, component, std::move(value));
    return run(interchange);
  }

  Recorder recorder_;
  EnvelopeValidator validator_{recorder_};
};

// ---------------------------------------------------------------- stream

TEST_F(EdifactEnvelopeValidatorTest, ValidInterchangeHasNoFindings) {
  EXPECT_EQ(run(validInterchange()), Codes{});
  EXPECT_EQ(validator_.errorCount(), 0u);
}

TEST_F(EdifactEnvelopeValidatorTest, ValidGroupedInterchangeHasNoFindings) {
  EXPECT_EQ(run(groupedInterchange()), Codes{});
}

TEST_F(EdifactEnvelopeValidatorTest, ForwardsEveryEventUnchanged) {
  Interchange interchange = groupedInterchange();
  set(interchange.header, 1, 1, "UNOZ");
  set(*interchange.trailer, 2, 1, "OTHER");
  Recorder direct;
  Player(direct).play(interchange);

  run(interchange);
  EXPECT_EQ(recorder_.codes(), (Codes{"EDIFACT_UNB_SYNTAX", "EDIFACT_UNZ02_MISMATCH"}));
  EXPECT_EQ(recorder_.eventsWithoutFindings(), direct.events);
}

TEST_F(EdifactEnvelopeValidatorTest, HeaderFindingFollowsTheStartEvent) {
  runWithUnb(1, 1, "UNOZ");
  ASSERT_GE(recorder_.events.size(), 2u);
  EXPECT_EQ(recorder_.events[0].rfind("interchange edifact UNB", 0), 0u);
  EXPECT_EQ(recorder_.events[1], "finding EDIFACT_UNB_SYNTAX");
}

TEST_F(EdifactEnvelopeValidatorTest, TrailerFindingPrecedesTheEndEvent) {
  Interchange interchange = validInterchange();
  set(*interchange.ungrouped[0].trailer, 1, 1, "9");
  run(interchange);
  std::vector<std::string> expected = {"finding EDIFACT_UNT01_COUNT", "end-transaction UNT|9|1 @5"};
  EXPECT_EQ(std::vector<std::string>(recorder_.events.begin() + 4, recorder_.events.begin() + 6),
            expected);
}

TEST_F(EdifactEnvelopeValidatorTest, IgnoresInterchangesOfAnotherStandard) {
  Interchange interchange = validInterchange();
  interchange.info.standard = edi::Standard::kX12;
  set(*interchange.trailer, 1, 1, "7");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(EdifactEnvelopeValidatorTest, MessagesWithoutUnbGetMessageChecksOnly) {
  Interchange interchange = validInterchange();
  interchange.info.hasHeader = false;
  interchange.header = OwnedSegment();
  interchange.trailer.reset();
  interchange.ungrouped.push_back(message("1"));
  set(*interchange.ungrouped[1].trailer, 1, 1, "3");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_DUPLICATE_UNH_REF", "EDIFACT_UNT01_COUNT"}));
}

TEST_F(EdifactEnvelopeValidatorTest, SurvivesEventsOutOfOrder) {
  OwnedSegment une = composite("UNE", {{"3"}, {"G"}});
  edi::Segment view;
  une.view(view);
  validator_.onGroupEnd(&view);
  validator_.onTransactionEnd(&view);
  validator_.onSegment(view);
  validator_.onInterchangeEnd(&view);
  EXPECT_TRUE(recorder_.findings.empty());
  EXPECT_EQ(recorder_.events.size(), 4u);
}

// ---------------------------------------------------------------- UNB

TEST_F(EdifactEnvelopeValidatorTest, UnbSyntaxIdentifierUnknown) {
  EXPECT_EQ(runWithUnb(1, 1, "UNOZ"), (Codes{"EDIFACT_UNB_SYNTAX"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_SYNTAX");
  EXPECT_EQ(finding.severity, Severity::kError);
  EXPECT_TRUE(contains(finding.message,
                       "UNB syntax identifier (S001/0001) is 'UNOZ', which is "
                       "not a known syntax identifier"));
  EXPECT_TRUE(contains(finding.message, "e.g. UNOA"));
  EXPECT_EQ(finding.location.segmentTag, "UNB");
  EXPECT_EQ(finding.location.element, 1u);
  EXPECT_EQ(finding.location.component, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSyntaxIdentifierMissing) {
  EXPECT_EQ(runWithUnb(1, 1, ""), (Codes{"EDIFACT_UNB_SYNTAX"}));
  EXPECT_TRUE(contains(recorder_.only("EDIFACT_UNB_SYNTAX").message,
                       "UNB syntax identifier (S001/0001) is missing"));
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSyntaxIdentifiersFromTheCodeListsAreAccepted) {
  for (const char* syntax :
       {"UNOA", "UNOB", "UNOC", "UNOD", "UNOE", "UNOF", "UNOG", "UNOH", "UNOI", "UNOJ", "UNOK",
        "UNOL", "UNOW", "UNOX", "UNOY", "IATA", "IATB", "KECA"}) {
    Recorder recorder;
    EnvelopeValidator validator(recorder);
    Interchange interchange = validInterchange();
    set(interchange.header, 1, 1, syntax);
    Player(validator).play(interchange);
    EXPECT_TRUE(recorder.findings.empty()) << syntax;
  }
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSyntaxVersionOutOfRange) {
  EXPECT_EQ(runWithUnb(1, 2, "5"), (Codes{"EDIFACT_UNB_VERSION"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_VERSION");
  EXPECT_TRUE(contains(finding.message,
                       "UNB syntax version number (S001/0002) is '5'; it must be 1, 2, 3 or 4"));
  EXPECT_EQ(finding.location.element, 1u);
  EXPECT_EQ(finding.location.component, 2u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSyntaxVersionMissing) {
  Interchange interchange = validInterchange();
  interchange.header.elements[0][0].resize(1);
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNB_VERSION"}));
  EXPECT_TRUE(contains(recorder_.only("EDIFACT_UNB_VERSION").message, "is missing"));
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSyntaxVersionsOneToFourAreAccepted) {
  for (const char* version : {"1", "2", "3"}) {
    Recorder recorder;
    EnvelopeValidator validator(recorder);
    Interchange interchange = validInterchange();
    set(interchange.header, 1, 2, version);
    Player(validator).play(interchange);
    EXPECT_TRUE(recorder.findings.empty()) << version;
  }
  Interchange interchange = validInterchange();
  set(interchange.header, 1, 2, "4");
  set(interchange.header, 4, 1, "20240131");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSenderMissing) {
  EXPECT_EQ(runWithUnb(2, 1, ""), (Codes{"EDIFACT_UNB_SENDER"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_SENDER");
  EXPECT_TRUE(
      contains(finding.message, "UNB interchange sender identification (S002/0004) is missing"));
  EXPECT_EQ(finding.location.element, 2u);
  EXPECT_EQ(finding.location.component, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbSenderWithoutQualifierIsAccepted) {
  Interchange interchange = validInterchange();
  interchange.header.elements[1][0].resize(1);
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(EdifactEnvelopeValidatorTest, UnbRecipientTooLong) {
  EXPECT_EQ(runWithUnb(3, 1, std::string(36, 'R')), (Codes{"EDIFACT_UNB_RECIPIENT"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_RECIPIENT");
  EXPECT_TRUE(contains(finding.message, "(S003/0010) is 36 characters; it must be 1 to 35"));
  EXPECT_EQ(finding.location.element, 3u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbDateImpossible) {
  EXPECT_EQ(runWithUnb(4, 1, "240230"), (Codes{"EDIFACT_UNB_DATE"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_DATE");
  EXPECT_TRUE(contains(finding.message,
                       "UNB date of preparation (S004/0017) is '240230'; it "
                       "must be a real date as YYMMDD (syntax version 3)"));
  EXPECT_EQ(finding.location.element, 4u);
  EXPECT_EQ(finding.location.component, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbShortDateInVersion4IsAWarning) {
  EXPECT_EQ(runWithUnb(1, 2, "4"), (Codes{"EDIFACT_UNB_DATE_LENGTH"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_DATE_LENGTH");
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_TRUE(contains(finding.message,
                       "syntax version 4 specifies CCYYMMDD: add the century, e.g. 20240131"));
}

TEST_F(EdifactEnvelopeValidatorTest, UnbLongDateBeforeVersion4IsAWarning) {
  EXPECT_EQ(runWithUnb(4, 1, "20051107"), (Codes{"EDIFACT_UNB_DATE_LENGTH"}));
  EXPECT_TRUE(contains(recorder_.only("EDIFACT_UNB_DATE_LENGTH").message,
                       "syntax version 3 specifies YYMMDD: write 051107"));
}

TEST_F(EdifactEnvelopeValidatorTest, UnbTimeImpossible) {
  EXPECT_EQ(runWithUnb(4, 2, "2400"), (Codes{"EDIFACT_UNB_TIME"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_TIME");
  EXPECT_TRUE(contains(finding.message, "UNB time of preparation (S004/0019) is '2400'"));
  EXPECT_EQ(finding.location.component, 2u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbTimeWithSeconds) {
  EXPECT_EQ(runWithUnb(4, 2, "120000"), (Codes{"EDIFACT_UNB_TIME"}));
}

TEST_F(EdifactEnvelopeValidatorTest, UnbControlReferenceMissing) {
  Interchange interchange = validInterchange();
  set(interchange.header, 5, 1, "");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNB_REF"}));
  core::Finding finding = recorder_.only("EDIFACT_UNB_REF");
  EXPECT_TRUE(contains(finding.message, "UNB interchange control reference (0020) is missing"));
  EXPECT_EQ(finding.location.element, 5u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnbControlReferenceTooLong) {
  Interchange interchange = validInterchange();
  set(interchange.header, 5, 1, "123456789012345");
  set(*interchange.trailer, 2, 1, "123456789012345");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNB_REF"}));
  EXPECT_TRUE(
      contains(recorder_.only("EDIFACT_UNB_REF").message, "is 15 characters; it must be 1 to 14"));
}

// ---------------------------------------------------------------- UNZ

TEST_F(EdifactEnvelopeValidatorTest, Unz01MustCountMessages) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 1, 1, "3");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNZ01_COUNT"}));
  core::Finding finding = recorder_.only("EDIFACT_UNZ01_COUNT");
  EXPECT_EQ(finding.message,
            "UNZ01 (interchange control count) is '3', but the interchange holds 1 message: set "
            "UNZ01 to 1, or check whether data was lost");
  EXPECT_EQ(finding.location.segmentTag, "UNZ");
  EXPECT_EQ(finding.location.segmentIndex, 6u);
  EXPECT_EQ(finding.location.element, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, Unz01CountsGroupsWhenUngIsUsed) {
  Interchange interchange = groupedInterchange();
  interchange.groups[0].transactions.push_back(message("2"));
  set(*interchange.groups[0].trailer, 1, 1, "2");
  set(*interchange.trailer, 1, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNZ01_COUNT"}));
  EXPECT_TRUE(contains(recorder_.only("EDIFACT_UNZ01_COUNT").message,
                       "holds 1 functional group (UNZ01 counts groups when UNG is used)"));
}

TEST_F(EdifactEnvelopeValidatorTest, Unz01NotNumeric) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 1, 1, "X");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNZ01_COUNT"}));
}

TEST_F(EdifactEnvelopeValidatorTest, Unz02MustRepeatUnbReference) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 2, 1, "1234567");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNZ02_MISMATCH"}));
  core::Finding finding = recorder_.only("EDIFACT_UNZ02_MISMATCH");
  EXPECT_TRUE(contains(finding.message,
                       "UNZ02 (interchange control reference) is '1234567', "
                       "but UNB 0020 is 'REF1'"));
  EXPECT_TRUE(contains(finding.message, "set UNZ02 to REF1"));
  EXPECT_EQ(finding.location.element, 2u);
  EXPECT_EQ(finding.location.component, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, MissingUnzIsNotCounted) {
  Interchange interchange = validInterchange();
  interchange.ungrouped.push_back(message("2"));
  interchange.trailer.reset();
  EXPECT_EQ(run(interchange), Codes{});
}

// ---------------------------------------------------------------- UNG / UNE

TEST_F(EdifactEnvelopeValidatorTest, UngReferenceMissing) {
  Interchange interchange = groupedInterchange();
  set(interchange.groups[0].header, 5, 1, "");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNG_REF"}));
  core::Finding finding = recorder_.only("EDIFACT_UNG_REF");
  EXPECT_TRUE(contains(finding.message, "UNG group reference number (0048) is missing"));
  EXPECT_EQ(finding.location.segmentTag, "UNG");
  EXPECT_EQ(finding.location.element, 5u);
}

TEST_F(EdifactEnvelopeValidatorTest, DuplicateUngReference) {
  Interchange interchange = groupedInterchange();
  Group second = interchange.groups[0];
  set(second.transactions[0].header, 1, 1, "2");
  set(*second.transactions[0].trailer, 2, 1, "2");
  interchange.groups.push_back(second);
  set(*interchange.trailer, 1, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_DUPLICATE_UNG_REF"}));
  EXPECT_EQ(recorder_.only("EDIFACT_DUPLICATE_UNG_REF").location.segmentIndex, 8u);
}

TEST_F(EdifactEnvelopeValidatorTest, Une01MustCountMessages) {
  Interchange interchange = groupedInterchange();
  set(*interchange.groups[0].trailer, 1, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNE01_COUNT"}));
  core::Finding finding = recorder_.only("EDIFACT_UNE01_COUNT");
  EXPECT_EQ(finding.message,
            "UNE01 (number of messages) is '2', but the group 'G1' holds 1 message: set UNE01 "
            "to 1, or check whether messages were lost");
  EXPECT_EQ(finding.location.segmentTag, "UNE");
  EXPECT_EQ(finding.location.element, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, Une02MustRepeatUngReference) {
  Interchange interchange = groupedInterchange();
  set(*interchange.groups[0].trailer, 2, 1, "G2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNE02_MISMATCH"}));
  core::Finding finding = recorder_.only("EDIFACT_UNE02_MISMATCH");
  EXPECT_TRUE(contains(finding.message, "is 'G2', but UNG 0048 is 'G1'"));
  EXPECT_EQ(finding.location.element, 2u);
}

TEST_F(EdifactEnvelopeValidatorTest, MissingUneIsNotCounted) {
  Interchange interchange = groupedInterchange();
  interchange.groups[0].trailer.reset();
  EXPECT_EQ(run(interchange), Codes{});
}

// ---------------------------------------------------------------- UNH / UNT

TEST_F(EdifactEnvelopeValidatorTest, UnhReferenceMissing) {
  Interchange interchange = validInterchange();
  set(interchange.ungrouped[0].header, 1, 1, "");
  set(*interchange.ungrouped[0].trailer, 2, 1, "");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNH_REF"}));
  core::Finding finding = recorder_.only("EDIFACT_UNH_REF");
  EXPECT_TRUE(contains(finding.message, "UNH message reference number (0062) is missing"));
  EXPECT_EQ(finding.location.segmentTag, "UNH");
  EXPECT_EQ(finding.location.transactionSegment, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnhReferenceTooLong) {
  Interchange interchange = validInterchange();
  set(interchange.ungrouped[0].header, 1, 1, "123456789012345");
  set(*interchange.ungrouped[0].trailer, 2, 1, "123456789012345");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNH_REF"}));
}

TEST_F(EdifactEnvelopeValidatorTest, UnhMessageAgencyMissing) {
  Interchange interchange = validInterchange();
  interchange.ungrouped[0].header.elements[1][0].resize(3);
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNH_MESSAGE_ID"}));
  core::Finding finding = recorder_.only("EDIFACT_UNH_MESSAGE_ID");
  EXPECT_TRUE(contains(finding.message, "UNH controlling agency (S009/0051) is missing"));
  EXPECT_TRUE(contains(finding.message, "set it, e.g. to UN"));
  EXPECT_EQ(finding.location.element, 2u);
  EXPECT_EQ(finding.location.component, 4u);
}

TEST_F(EdifactEnvelopeValidatorTest, UnhMessageTypeTooLong) {
  EXPECT_EQ(runWithUnh(2, 1, "ORDERSX"), (Codes{"EDIFACT_UNH_MESSAGE_ID"}));
  EXPECT_TRUE(contains(recorder_.only("EDIFACT_UNH_MESSAGE_ID").message,
                       "UNH message type (S009/0065) is 'ORDERSX' (7 characters)"));
}

TEST_F(EdifactEnvelopeValidatorTest, UnhWithoutMessageIdentifier) {
  Interchange interchange = validInterchange();
  interchange.ungrouped[0].header.elements.resize(1);
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNH_MESSAGE_ID", "EDIFACT_UNH_MESSAGE_ID",
                                     "EDIFACT_UNH_MESSAGE_ID", "EDIFACT_UNH_MESSAGE_ID"}));
}

TEST_F(EdifactEnvelopeValidatorTest, DuplicateUnhReferenceInInterchange) {
  Interchange interchange = validInterchange();
  interchange.ungrouped.push_back(message("1"));
  set(*interchange.trailer, 1, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_DUPLICATE_UNH_REF"}));
  core::Finding finding = recorder_.only("EDIFACT_DUPLICATE_UNH_REF");
  EXPECT_TRUE(contains(finding.message,
                       "UNH message reference number (0062) '1' is used by an "
                       "earlier message in this interchange"));
  EXPECT_EQ(finding.location.segmentIndex, 6u);
  EXPECT_EQ(finding.location.element, 1u);
}

TEST_F(EdifactEnvelopeValidatorTest, DuplicateUnhReferenceAcrossGroups) {
  Interchange interchange = groupedInterchange();
  Group second = interchange.groups[0];
  set(second.header, 5, 1, "G2");
  set(*second.trailer, 2, 1, "G2");
  interchange.groups.push_back(second);
  set(*interchange.trailer, 1, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_DUPLICATE_UNH_REF"}));
}

TEST_F(EdifactEnvelopeValidatorTest, SameUnhReferenceInAnotherInterchangeIsAccepted) {
  run(validInterchange());
  EXPECT_EQ(run(validInterchange()), Codes{});
}

TEST_F(EdifactEnvelopeValidatorTest, Unt01MustCountSegmentsFromUnhToUnt) {
  Interchange interchange = validInterchange();
  set(*interchange.ungrouped[0].trailer, 1, 1, "9");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNT01_COUNT"}));
  core::Finding finding = recorder_.only("EDIFACT_UNT01_COUNT");
  EXPECT_EQ(finding.message,
            "UNT01 (number of segments in the message) is '9', but message '1' has 4 segments "
            "from UNH to UNT inclusive: set UNT01 to 4, or check whether segments were lost or "
            "added in transit");
  EXPECT_EQ(finding.location.segmentTag, "UNT");
  EXPECT_EQ(finding.location.segmentIndex, 5u);
  EXPECT_EQ(finding.location.element, 1u);
  EXPECT_EQ(finding.location.transactionSegment, 4u);
}

TEST_F(EdifactEnvelopeValidatorTest, Unt02MustRepeatUnhReference) {
  Interchange interchange = validInterchange();
  set(*interchange.ungrouped[0].trailer, 2, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"EDIFACT_UNT02_MISMATCH"}));
  core::Finding finding = recorder_.only("EDIFACT_UNT02_MISMATCH");
  EXPECT_TRUE(contains(finding.message,
                       "UNT02 (message reference number) is '2', but UNH 0062 "
                       "is '1'"));
  EXPECT_EQ(finding.location.element, 2u);
}

TEST_F(EdifactEnvelopeValidatorTest, MissingUntIsNotCounted) {
  Interchange interchange = validInterchange();
  interchange.ungrouped[0].trailer.reset();
  EXPECT_EQ(run(interchange), Codes{});
}

// ---------------------------------------------------------------- memory bound

TEST_F(EdifactEnvelopeValidatorTest, DuplicateDetectionStopsAtItsBudgetAndSaysSo) {
  Recorder recorder;
  EnvelopeValidator validator(recorder, 512);
  Interchange interchange = validInterchange();
  interchange.ungrouped.clear();
  for (int i = 0; i < 200; ++i)
    interchange.ungrouped.push_back(message("M" + std::to_string(i), 0));
  interchange.ungrouped.push_back(message("M199", 0));
  set(*interchange.trailer, 1, 1, "201");
  Player(validator).play(interchange);
  EXPECT_EQ(recorder.codes(), (Codes{"EDIFACT_DUPLICATE_CHECK_LIMIT"}));
  EXPECT_EQ(recorder.only("EDIFACT_DUPLICATE_CHECK_LIMIT").severity, Severity::kInfo);
}

TEST_F(EdifactEnvelopeValidatorTest, DuplicatesOfRememberedReferencesAreFoundAfterTheBudget) {
  Recorder recorder;
  EnvelopeValidator validator(recorder, 512);
  Interchange interchange = validInterchange();
  interchange.ungrouped.clear();
  for (int i = 0; i < 200; ++i)
    interchange.ungrouped.push_back(message("M" + std::to_string(i), 0));
  interchange.ungrouped.push_back(message("M0", 0));
  set(*interchange.trailer, 1, 1, "201");
  Player(validator).play(interchange);
  EXPECT_EQ(recorder.codes(),
            (Codes{"EDIFACT_DUPLICATE_CHECK_LIMIT", "EDIFACT_DUPLICATE_UNH_REF"}));
}

}  // namespace
}  // namespace bridge::parsers::edifact

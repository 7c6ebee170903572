#include "parsers/x12/envelope_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/edi/envelope_test_support.h"

namespace bridge::parsers::x12 {
namespace {

using core::Severity;
using edi::OwnedSegment;
using edi::envelope_testing::Codes;
using edi::envelope_testing::contains;
using edi::envelope_testing::Group;
using edi::envelope_testing::Interchange;
using edi::envelope_testing::Player;
using edi::envelope_testing::Recorder;
using edi::envelope_testing::Transaction;

edi::InterchangeInfo x12Info() {
  edi::InterchangeInfo info;
  info.standard = edi::Standard::kX12;
  info.delimiters.element = '*';
  info.delimiters.component = '>';
  info.delimiters.repetition = '^';
  info.delimiters.segment = '~';
  return info;
}

// Sets element `position` (1-based, as in ISA06) to a simple value; extends
// the segment when needed.
void set(OwnedSegment& segment, size_t position, std::string value) {
  if (segment.elements.size() < position) segment.elements.resize(position, {{""}});
  segment.elements[position - 1] = {{std::move(value)}};
}

// A correct 00501 interchange: ISA(1) GS(2) ST(3) BDY(4) BDY(5) SE(6) GE(7) IEA(8).
Interchange validInterchange() {
  Interchange interchange;
  interchange.info = x12Info();
  interchange.header = OwnedSegment::simple(
      "ISA", {"00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ",
              "RECEIVER       ", "240131", "1200", "^", "00501", "000000001", "0", "P", ">"});
  Group group;
  group.header = OwnedSegment::simple(
      "GS", {"PO", "SENDER", "RECEIVER", "20240131", "1200", "1", "X", "005010"});
  group.transactions.push_back(Transaction{OwnedSegment::simple("ST", {"850", "0001"}), 2,
                                           OwnedSegment::simple("SE", {"4", "0001"})});
  group.trailer = OwnedSegment::simple("GE", {"1", "1"});
  interchange.groups.push_back(group);
  interchange.trailer = OwnedSegment::simple("IEA", {"1", "000000001"});
  return interchange;
}

Transaction transaction(const std::string& control, size_t body = 2) {
  return Transaction{OwnedSegment::simple("ST", {"850", control}), body,
                     OwnedSegment::simple("SE", {std::to_string(body + 2), control})};
}

class X12EnvelopeValidatorTest : public ::testing::Test {
 protected:
  std::vector<std::string> run(const Interchange& interchange) {
    Player player(validator_);
    player.play(interchange);
    return recorder_.codes();
  }
  // Runs a valid interchange whose ISA field `position` is `value`.
  std::vector<std::string> runWithIsa(size_t position, std::string value) {
    Interchange interchange = validInterchange();
    set(interchange.header, position, std::move(value));
    return run(interchange);
  }
  std::vector<std::string> runWithGs(size_t position, std::string value) {
    Interchange interchange = validInterchange();
    set(interchange.groups[0].header, position, std::move(value));
    return run(interchange);
  }

  Recorder recorder_;
  EnvelopeValidator validator_{recorder_};
};

// ---------------------------------------------------------------- stream

TEST_F(X12EnvelopeValidatorTest, ValidInterchangeHasNoFindings) {
  EXPECT_EQ(run(validInterchange()), Codes{});
  EXPECT_EQ(validator_.errorCount(), 0u);
  EXPECT_EQ(validator_.warningCount(), 0u);
}

TEST_F(X12EnvelopeValidatorTest, ForwardsEveryEventUnchanged) {
  Interchange interchange = validInterchange();
  set(interchange.header, 6, "SHORT");                          // an ISA finding
  set(*interchange.groups[0].transactions[0].trailer, 1, "9");  // an SE finding
  interchange.serviceSegments.push_back(OwnedSegment::simple("ISB", {"1"}));
  Recorder direct;
  Player(direct).play(interchange);

  run(interchange);
  EXPECT_FALSE(recorder_.findings.empty());
  EXPECT_EQ(recorder_.eventsWithoutFindings(), direct.events);
}

TEST_F(X12EnvelopeValidatorTest, ForwardsFindingsFromUpstream) {
  core::Finding upstream{Severity::kError, "EDI_SOMETHING", "from the reader", {}, {}};
  validator_.onFinding(upstream);
  EXPECT_EQ(recorder_.codes(), (Codes{"EDI_SOMETHING"}));
  EXPECT_EQ(validator_.errorCount(), 0u);
}

TEST_F(X12EnvelopeValidatorTest, HeaderFindingFollowsTheStartEvent) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].header, 7, "Z");
  run(interchange);
  ASSERT_GE(recorder_.events.size(), 3u);
  EXPECT_EQ(recorder_.events[1].rfind("group GS", 0), 0u);
  EXPECT_EQ(recorder_.events[2], "finding X12_GS07_INVALID");
}

TEST_F(X12EnvelopeValidatorTest, TrailerFindingPrecedesTheEndEvent) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 1, "7");
  run(interchange);
  ASSERT_GE(recorder_.events.size(), 2u);
  EXPECT_EQ(recorder_.events[recorder_.events.size() - 2], "finding X12_IEA01_COUNT");
  EXPECT_EQ(recorder_.events.back().rfind("end-interchange IEA", 0), 0u);
}

TEST_F(X12EnvelopeValidatorTest, IgnoresInterchangesOfAnotherStandard) {
  Interchange interchange = validInterchange();
  interchange.info.standard = edi::Standard::kEdifact;
  set(interchange.header, 6, "X");
  set(*interchange.trailer, 1, "99");
  EXPECT_EQ(run(interchange), Codes{});
  EXPECT_EQ(recorder_.eventsWithoutFindings().size(), 8u);
}

TEST_F(X12EnvelopeValidatorTest, GroupsWithoutIsaGetGroupTransactionAndCountChecksOnly) {
  Interchange interchange = validInterchange();
  interchange.info.hasHeader = false;
  interchange.header = OwnedSegment();
  set(*interchange.trailer, 1, "3");
  set(*interchange.trailer, 2, "999999999");
  set(*interchange.groups[0].trailer, 1, "5");
  EXPECT_EQ(run(interchange), (Codes{"X12_GE01_COUNT", "X12_IEA01_COUNT"}));
}

TEST_F(X12EnvelopeValidatorTest, SurvivesEventsOutOfOrder) {
  OwnedSegment ge = OwnedSegment::simple("GE", {"5", "1"});
  OwnedSegment se = OwnedSegment::simple("SE", {"9", "1"});
  edi::Segment view;
  ge.view(view);
  validator_.onGroupEnd(&view);
  se.view(view);
  validator_.onTransactionEnd(&view);
  validator_.onSegment(view);
  validator_.onInterchangeEnd(nullptr);
  EXPECT_TRUE(recorder_.findings.empty());
  EXPECT_EQ(recorder_.events.size(), 4u);
}

TEST_F(X12EnvelopeValidatorTest, TransactionOutsideGroupIsCheckedButNotCounted) {
  Interchange interchange = validInterchange();
  interchange.ungrouped.push_back(transaction("0002"));
  EXPECT_EQ(run(interchange), Codes{});
}

// ---------------------------------------------------------------- ISA

TEST_F(X12EnvelopeValidatorTest, IsaWithTooFewElements) {
  Interchange interchange = validInterchange();
  interchange.header.elements.resize(12);
  run(interchange);
  core::Finding finding = recorder_.only("X12_ISA_ELEMENT_COUNT");
  EXPECT_EQ(finding.severity, Severity::kError);
  EXPECT_TRUE(contains(finding.message, "ISA has 12 elements"));
  EXPECT_TRUE(contains(finding.message, "add the missing fields ISA13-ISA16"));
  EXPECT_EQ(finding.location.segmentTag, "ISA");
  EXPECT_EQ(finding.location.element, 13u);
}

TEST_F(X12EnvelopeValidatorTest, IsaWithTooManyElements) {
  Interchange interchange = validInterchange();
  set(interchange.header, 17, "X");
  run(interchange);
  core::Finding finding = recorder_.only("X12_ISA_ELEMENT_COUNT");
  EXPECT_TRUE(contains(finding.message, "ISA has 17 elements"));
  EXPECT_TRUE(contains(finding.message, "remove the extra element separators"));
  EXPECT_EQ(finding.location.element, 17u);
}

TEST_F(X12EnvelopeValidatorTest, Isa01AcceptsCodes00To06) {
  for (const char* code : {"00", "01", "02", "03", "04", "05", "06"}) {
    Recorder recorder;
    EnvelopeValidator validator(recorder);
    Interchange interchange = validInterchange();
    set(interchange.header, 1, code);
    Player(validator).play(interchange);
    EXPECT_TRUE(recorder.findings.empty()) << code;
  }
}

TEST_F(X12EnvelopeValidatorTest, Isa01RejectsUnknownCode) {
  EXPECT_EQ(runWithIsa(1, "07"), (Codes{"X12_ISA01_INVALID"}));
  core::Finding finding = recorder_.only("X12_ISA01_INVALID");
  EXPECT_TRUE(contains(finding.message, "ISA01 (authorization information qualifier) is '07'"));
  EXPECT_TRUE(contains(finding.message, "use 00"));
  EXPECT_EQ(finding.location.element, 1u);
}

TEST_F(X12EnvelopeValidatorTest, Isa02TooShort) {
  EXPECT_EQ(runWithIsa(2, "ABC"), (Codes{"X12_ISA02_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA02_INVALID").message,
                       "is 3 characters; it must be exactly 10 characters: pad it with spaces"));
}

TEST_F(X12EnvelopeValidatorTest, Isa02Empty) {
  EXPECT_EQ(runWithIsa(2, ""), (Codes{"X12_ISA02_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA02_INVALID").message,
                       "ISA02 (authorization information) is empty"));
}

TEST_F(X12EnvelopeValidatorTest, Isa03RejectsUnknownCode) {
  EXPECT_EQ(runWithIsa(3, "02"), (Codes{"X12_ISA03_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA03_INVALID").message,
                       "it must be 00 (no security information) or 01"));
}

TEST_F(X12EnvelopeValidatorTest, Isa03AcceptsPasswordQualifier) {
  Interchange interchange = validInterchange();
  set(interchange.header, 3, "01");
  set(interchange.header, 4, "SECRET    ");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Isa04TooLong) {
  EXPECT_EQ(runWithIsa(4, "SECRET12345"), (Codes{"X12_ISA04_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA04_INVALID").message,
                       "is 11 characters; it must be exactly 10 characters: shorten it to 10"));
}

TEST_F(X12EnvelopeValidatorTest, Isa05RejectsUnknownQualifier) {
  EXPECT_EQ(runWithIsa(5, "05"), (Codes{"X12_ISA05_INVALID"}));
  core::Finding finding = recorder_.only("X12_ISA05_INVALID");
  EXPECT_TRUE(contains(finding.message, "ISA05 (interchange sender id qualifier) is '05'"));
  EXPECT_TRUE(contains(finding.message, "ZZ (mutually defined)"));
  EXPECT_EQ(finding.location.element, 5u);
}

TEST_F(X12EnvelopeValidatorTest, Isa07RejectsLowerCaseQualifier) {
  EXPECT_EQ(runWithIsa(7, "zz"), (Codes{"X12_ISA07_INVALID"}));
  EXPECT_EQ(recorder_.only("X12_ISA07_INVALID").location.element, 7u);
}

TEST_F(X12EnvelopeValidatorTest, IdQualifiersFromTheCodeListAreAccepted) {
  for (const char* code : {"01", "02", "08", "12", "14", "16", "20", "27", "30", "33", "38", "AM",
                           "NR", "SA", "SN", "ZZ"}) {
    Recorder recorder;
    EnvelopeValidator validator(recorder);
    Interchange interchange = validInterchange();
    set(interchange.header, 5, code);
    set(interchange.header, 7, code);
    Player(validator).play(interchange);
    EXPECT_TRUE(recorder.findings.empty()) << code;
  }
}

TEST_F(X12EnvelopeValidatorTest, Isa06ShortIsReportedWithItsLengthAndFix) {
  EXPECT_EQ(runWithIsa(6, "SENDER        "), (Codes{"X12_ISA06_INVALID"}));
  core::Finding finding = recorder_.only("X12_ISA06_INVALID");
  EXPECT_EQ(finding.severity, Severity::kError);
  EXPECT_EQ(finding.message,
            "ISA06 (interchange sender id) is 14 characters; it must be exactly 15 characters: "
            "pad it with spaces on the right");
  EXPECT_EQ(finding.location.segmentTag, "ISA");
  EXPECT_EQ(finding.location.segmentIndex, 1u);
  EXPECT_EQ(finding.location.element, 6u);
  EXPECT_EQ(finding.location.component, 0u);
}

TEST_F(X12EnvelopeValidatorTest, Isa06Blank) {
  EXPECT_EQ(runWithIsa(6, std::string(15, ' ')), (Codes{"X12_ISA06_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA06_INVALID").message,
                       "is blank; it must identify the sender"));
}

TEST_F(X12EnvelopeValidatorTest, Isa08TooLong) {
  EXPECT_EQ(runWithIsa(8, "RECEIVER        "), (Codes{"X12_ISA08_INVALID"}));
  core::Finding finding = recorder_.only("X12_ISA08_INVALID");
  EXPECT_TRUE(contains(finding.message, "ISA08 (interchange receiver id) is 16 characters"));
  EXPECT_TRUE(contains(finding.message, "shorten it to 15 characters"));
  EXPECT_EQ(finding.location.element, 8u);
}

TEST_F(X12EnvelopeValidatorTest, IsaLengthsAreMeasuredInBytes) {
  // Non-breaking spaces (2 bytes in UTF-8) do not pad a fixed-width field.
  EXPECT_EQ(runWithIsa(2, "     \xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"),
            (Codes{"X12_ISA02_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA02_INVALID").message, "is 15 characters"));
}

TEST_F(X12EnvelopeValidatorTest, Isa09RejectsImpossibleDate) {
  EXPECT_EQ(runWithIsa(9, "240230"), (Codes{"X12_ISA09_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA09_INVALID").message,
                       "ISA09 (interchange date) is '240230'; it must be a real date as YYMMDD"));
}

TEST_F(X12EnvelopeValidatorTest, Isa09AcceptsLeapDay) {
  EXPECT_EQ(runWithIsa(9, "240229"), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Isa09RejectsFourDigitYear) {
  EXPECT_EQ(runWithIsa(9, "20240131"), (Codes{"X12_ISA09_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA09_INVALID").message, "drop the century"));
}

TEST_F(X12EnvelopeValidatorTest, Isa10RejectsImpossibleTime) {
  EXPECT_EQ(runWithIsa(10, "2460"), (Codes{"X12_ISA10_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA10_INVALID").message, "HHMM"));
}

TEST_F(X12EnvelopeValidatorTest, Isa10RejectsSeconds) {
  EXPECT_EQ(runWithIsa(10, "120000"), (Codes{"X12_ISA10_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, Isa11MustBeUBeforeVersion00402) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, " ");
  set(interchange.header, 12, "00401");
  set(interchange.groups[0].header, 8, "004010");
  EXPECT_EQ(run(interchange), (Codes{"X12_ISA11_INVALID"}));
  core::Finding finding = recorder_.only("X12_ISA11_INVALID");
  EXPECT_TRUE(contains(finding.message, "is ' '; version 00401 requires U"));
  EXPECT_TRUE(contains(finding.message, "set ISA11 to U"));
  EXPECT_EQ(finding.location.element, 11u);
}

TEST_F(X12EnvelopeValidatorTest, Isa11UAcceptedBeforeVersion00402) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "00401");
  set(interchange.groups[0].header, 8, "004010");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Isa11LetterIsNotARepetitionSeparator) {
  EXPECT_EQ(runWithIsa(11, "U"), (Codes{"X12_ISA11_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA11_INVALID").message,
                       "a letter, digit or space would split ordinary data"));
}

TEST_F(X12EnvelopeValidatorTest, Isa11MustDifferFromIsa16) {
  EXPECT_EQ(runWithIsa(11, ">"), (Codes{"X12_ISA11_INVALID"}));
  EXPECT_TRUE(
      contains(recorder_.only("X12_ISA11_INVALID").message, "already used as another delimiter"));
}

TEST_F(X12EnvelopeValidatorTest, Isa11IsNotJudgedWhenTheVersionIsUnusable) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "5010");
  EXPECT_EQ(run(interchange), (Codes{"X12_ISA12_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, Isa12MustBeFiveDigits) {
  EXPECT_EQ(runWithIsa(12, "5010"), (Codes{"X12_ISA12_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA12_INVALID").message,
                       "it must be a 5-digit interchange control version"));
}

TEST_F(X12EnvelopeValidatorTest, Isa12MustBeAPublishedVersion) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "00040");
  set(interchange.groups[0].header, 8, "000400");
  EXPECT_EQ(run(interchange), (Codes{"X12_ISA12_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA12_INVALID").message,
                       "'00040', which is not a published interchange control version"));
}

TEST_F(X12EnvelopeValidatorTest, Isa13ShortSuggestsZeroPadding) {
  Interchange interchange = validInterchange();
  set(interchange.header, 13, "3438");
  set(*interchange.trailer, 2, "3438");
  EXPECT_EQ(run(interchange), (Codes{"X12_ISA13_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA13_INVALID").message,
                       "it must be exactly 9 digits: write it with leading zeros, 000003438"));
}

TEST_F(X12EnvelopeValidatorTest, Isa13NotNumeric) {
  Interchange interchange = validInterchange();
  set(interchange.header, 13, "00000000A");
  set(*interchange.trailer, 2, "00000000A");
  EXPECT_EQ(run(interchange), (Codes{"X12_ISA13_INVALID"}));
  EXPECT_EQ(recorder_.only("X12_ISA13_INVALID").location.element, 13u);
}

TEST_F(X12EnvelopeValidatorTest, Isa14MustBeZeroOrOne) {
  EXPECT_EQ(runWithIsa(14, "2"), (Codes{"X12_ISA14_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA14_INVALID").message, "TA1 requested"));
}

TEST_F(X12EnvelopeValidatorTest, Isa15MustBeProductionTestOrInformation) {
  EXPECT_EQ(runWithIsa(15, "X"), (Codes{"X12_ISA15_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA15_INVALID").message,
                       "P (production), T (test) or I (information)"));
}

TEST_F(X12EnvelopeValidatorTest, Isa15AcceptsInformation) {
  EXPECT_EQ(runWithIsa(15, "I"), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Isa16MustNotBeALetter) {
  EXPECT_EQ(runWithIsa(16, "A"), (Codes{"X12_ISA16_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA16_INVALID").message,
                       "a letter, digit or space would split ordinary data into components"));
}

TEST_F(X12EnvelopeValidatorTest, Isa16MustDifferFromTheElementSeparator) {
  EXPECT_EQ(runWithIsa(16, "*"), (Codes{"X12_ISA16_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ISA16_INVALID").message,
                       "same character as the element separator"));
}

TEST_F(X12EnvelopeValidatorTest, Isa16MustBeOneCharacter) {
  EXPECT_EQ(runWithIsa(16, ">>"), (Codes{"X12_ISA16_INVALID"}));
  EXPECT_EQ(recorder_.only("X12_ISA16_INVALID").location.element, 16u);
}

TEST_F(X12EnvelopeValidatorTest, IsaFieldsSplitByTheReaderAreJoinedBeforeMeasuring) {
  // A reader that splits ISA16 at the component separator hands out two
  // empty components; the field is still the one character '>'.
  Interchange interchange = validInterchange();
  interchange.header.elements[15] = {{"", ""}};
  interchange.header.elements[10] = {{""}, {""}};
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, SeveralBadIsaFieldsGiveOneFindingEach) {
  Interchange interchange = validInterchange();
  set(interchange.header, 6, "A");
  set(interchange.header, 8, "B");
  set(interchange.header, 15, "Q");
  EXPECT_EQ(run(interchange),
            (Codes{"X12_ISA06_INVALID", "X12_ISA08_INVALID", "X12_ISA15_INVALID"}));
  EXPECT_EQ(validator_.errorCount(), 3u);
}

// ---------------------------------------------------------------- IEA

TEST_F(X12EnvelopeValidatorTest, Iea01MustCountGroups) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"X12_IEA01_COUNT"}));
  core::Finding finding = recorder_.only("X12_IEA01_COUNT");
  EXPECT_EQ(finding.message,
            "IEA01 (number of included functional groups) is '2', but the interchange holds 1 "
            "functional group: set IEA01 to 1, or check whether groups were lost");
  EXPECT_EQ(finding.location.segmentTag, "IEA");
  EXPECT_EQ(finding.location.segmentIndex, 8u);
  EXPECT_EQ(finding.location.element, 1u);
}

TEST_F(X12EnvelopeValidatorTest, Iea01CountsSeveralGroups) {
  Interchange interchange = validInterchange();
  Group second = interchange.groups[0];
  set(second.header, 6, "2");
  set(*second.trailer, 2, "2");
  interchange.groups.push_back(second);
  set(*interchange.trailer, 1, "2");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Iea01NotNumeric) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 1, "one");
  EXPECT_EQ(run(interchange), (Codes{"X12_IEA01_COUNT"}));
  EXPECT_TRUE(contains(recorder_.only("X12_IEA01_COUNT").message, "is 'one'"));
}

TEST_F(X12EnvelopeValidatorTest, Iea01DoesNotCountInterchangeLevelSegments) {
  Interchange interchange = validInterchange();
  interchange.groups.clear();
  interchange.serviceSegments.push_back(
      OwnedSegment::simple("TA1", {"000000050", "200229", "1200", "A", "000"}));
  EXPECT_EQ(run(interchange), (Codes{"X12_IEA01_COUNT"}));
  EXPECT_TRUE(contains(recorder_.only("X12_IEA01_COUNT").message,
                       "set IEA01 to 0 (TA1 and other interchange-level segments are not "
                       "counted)"));
}

TEST_F(X12EnvelopeValidatorTest, Iea02MustRepeatIsa13) {
  Interchange interchange = validInterchange();
  set(*interchange.trailer, 2, "000000002");
  EXPECT_EQ(run(interchange), (Codes{"X12_IEA02_MISMATCH"}));
  core::Finding finding = recorder_.only("X12_IEA02_MISMATCH");
  EXPECT_EQ(finding.severity, Severity::kError);
  EXPECT_TRUE(contains(finding.message,
                       "IEA02 (interchange control number) is '000000002', but ISA13 is "
                       "'000000001'"));
  EXPECT_TRUE(contains(finding.message, "set IEA02 to 000000001"));
  EXPECT_EQ(finding.location.element, 2u);
}

TEST_F(X12EnvelopeValidatorTest, Iea02SameNumberWithoutZeroPaddingIsAWarning) {
  Interchange interchange = validInterchange();
  set(interchange.header, 13, "000003438");
  set(*interchange.trailer, 2, "3438");
  EXPECT_EQ(run(interchange), (Codes{"X12_IEA02_FORMAT"}));
  core::Finding finding = recorder_.only("X12_IEA02_FORMAT");
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_TRUE(contains(finding.message, "write 000003438"));
  EXPECT_EQ(validator_.warningCount(), 1u);
  EXPECT_EQ(validator_.errorCount(), 0u);
}

TEST_F(X12EnvelopeValidatorTest, MissingIeaIsNotCounted) {
  Interchange interchange = validInterchange();
  set(interchange.header, 13, "000000009");
  interchange.trailer.reset();
  EXPECT_EQ(run(interchange), Codes{});
  EXPECT_EQ(recorder_.events.back(), "end-interchange (none)");
}

// ---------------------------------------------------------------- GS

TEST_F(X12EnvelopeValidatorTest, GsWithExtraElement) {
  Interchange interchange = validInterchange();
  interchange.groups[0].header = OwnedSegment::simple(
      "GS", {"SW", "513", "", "000", "2038334001", "20021104", "1505", "21", "X", "005010"});
  run(interchange);
  core::Finding finding = recorder_.only("X12_GS_ELEMENT_COUNT");
  EXPECT_TRUE(contains(finding.message, "GS has 10 elements; it must have 8"));
  EXPECT_EQ(finding.location.element, 9u);
}

TEST_F(X12EnvelopeValidatorTest, Gs01MustBeTwoCharacters) {
  EXPECT_EQ(runWithGs(1, "P"), (Codes{"X12_GS01_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS01_INVALID").message,
                       "GS01 (functional identifier code) is 'P'"));
}

TEST_F(X12EnvelopeValidatorTest, Gs02TooLong) {
  EXPECT_EQ(runWithGs(2, "ABCDEFGHIJKLMNOP"), (Codes{"X12_GS02_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS02_INVALID").message,
                       "is 16 characters; it must be 2 to 15 characters"));
}

TEST_F(X12EnvelopeValidatorTest, Gs03Missing) {
  EXPECT_EQ(runWithGs(3, ""), (Codes{"X12_GS03_INVALID"}));
  core::Finding finding = recorder_.only("X12_GS03_INVALID");
  EXPECT_TRUE(contains(finding.message, "GS03 (application receiver's code) is missing"));
  EXPECT_EQ(finding.location.segmentTag, "GS");
  EXPECT_EQ(finding.location.element, 3u);
}

TEST_F(X12EnvelopeValidatorTest, GsMissingTrailingElementsAreEachReported) {
  Interchange interchange = validInterchange();
  interchange.groups[0].header.elements.resize(6);
  EXPECT_EQ(run(interchange), (Codes{"X12_GS08_INVALID", "X12_GS07_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, Gs04NeedsCenturyFromVersion004000) {
  EXPECT_EQ(runWithGs(4, "240131"), (Codes{"X12_GS04_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS04_INVALID").message,
                       "version 005010 has 8-digit group dates): add the century, e.g. "
                       "20240131"));
}

TEST_F(X12EnvelopeValidatorTest, Gs04SixDigitsAcceptedBeforeVersion004000) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].header, 4, "020906");
  set(interchange.groups[0].header, 8, "003010");
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "00300");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Gs04NotADate) {
  EXPECT_EQ(runWithGs(4, "BAD_DATE"), (Codes{"X12_GS04_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS04_INVALID").message,
                       "is 'BAD_DATE'; it must be a real date as CCYYMMDD"));
}

TEST_F(X12EnvelopeValidatorTest, Gs05AcceptsAllTimeForms) {
  for (const char* time : {"0000", "2359", "235959", "2359591", "23595999"}) {
    Recorder recorder;
    EnvelopeValidator validator(recorder);
    Interchange interchange = validInterchange();
    set(interchange.groups[0].header, 5, time);
    Player(validator).play(interchange);
    EXPECT_TRUE(recorder.findings.empty()) << time;
  }
}

TEST_F(X12EnvelopeValidatorTest, Gs05RejectsImpossibleSeconds) {
  EXPECT_EQ(runWithGs(5, "102497"), (Codes{"X12_GS05_INVALID"}));
  EXPECT_TRUE(
      contains(recorder_.only("X12_GS05_INVALID").message, "HHMM, HHMMSS, HHMMSSD or HHMMSSDD"));
}

TEST_F(X12EnvelopeValidatorTest, Gs05RejectsFiveDigits) {
  EXPECT_EQ(runWithGs(5, "12000"), (Codes{"X12_GS05_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, Gs06MustBeDigits) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].header, 6, "A1");
  set(*interchange.groups[0].trailer, 2, "A1");
  EXPECT_EQ(run(interchange), (Codes{"X12_GS06_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS06_INVALID").message, "1 to 9 digits"));
}

TEST_F(X12EnvelopeValidatorTest, Gs06AtMostNineDigits) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].header, 6, "1234567890");
  set(*interchange.groups[0].trailer, 2, "1234567890");
  EXPECT_EQ(run(interchange), (Codes{"X12_GS06_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, Gs07MustBeXOrT) {
  EXPECT_EQ(runWithGs(7, "Z"), (Codes{"X12_GS07_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS07_INVALID").message, "X (ASC X12) or T (TDCC)"));
}

TEST_F(X12EnvelopeValidatorTest, Gs07AcceptsT) { EXPECT_EQ(runWithGs(7, "T"), Codes{}); }

TEST_F(X12EnvelopeValidatorTest, Gs08AcceptsIndustryAndImplementationSuffixes) {
  for (const char* version : {"005010", "005010X222A1", "005010X230"}) {
    Recorder recorder;
    EnvelopeValidator validator(recorder);
    Interchange interchange = validInterchange();
    set(interchange.groups[0].header, 8, version);
    Player(validator).play(interchange);
    EXPECT_TRUE(recorder.findings.empty()) << version;
  }
}

TEST_F(X12EnvelopeValidatorTest, Gs08MustStartWithSixDigits) {
  EXPECT_EQ(runWithGs(8, "5010"), (Codes{"X12_GS08_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_GS08_INVALID").message,
                       "6 to 12 characters starting with the 6-digit version"));
}

TEST_F(X12EnvelopeValidatorTest, Gs08TooLong) {
  EXPECT_EQ(runWithGs(8, "005010X222A1B"), (Codes{"X12_GS08_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, Gs08OfAnotherMajorVersionThanIsa12IsAWarning) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "00401");
  EXPECT_EQ(run(interchange), (Codes{"X12_GS08_VERSION"}));
  core::Finding finding = recorder_.only("X12_GS08_VERSION");
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_TRUE(contains(finding.message,
                       "'005010' is a different major version from ISA12 "
                       "'00401'"));
  EXPECT_EQ(finding.location.element, 8u);
}

TEST_F(X12EnvelopeValidatorTest, Gs08OfTheSameMajorVersionIsAccepted) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "00400");
  set(interchange.groups[0].header, 8, "004060");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Gs08IsNotComparedWithAnUnpublishedIsa12) {
  Interchange interchange = validInterchange();
  set(interchange.header, 11, "U");
  set(interchange.header, 12, "00040");
  EXPECT_EQ(run(interchange), (Codes{"X12_ISA12_INVALID"}));
}

TEST_F(X12EnvelopeValidatorTest, DuplicateGs06InInterchange) {
  Interchange interchange = validInterchange();
  interchange.groups.push_back(interchange.groups[0]);
  set(*interchange.trailer, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"X12_DUPLICATE_GS06"}));
  core::Finding finding = recorder_.only("X12_DUPLICATE_GS06");
  EXPECT_TRUE(contains(finding.message,
                       "GS06 (group control number) '1' is used by an earlier "
                       "functional group"));
  EXPECT_EQ(finding.location.segmentIndex, 8u);
  EXPECT_EQ(finding.location.element, 6u);
}

TEST_F(X12EnvelopeValidatorTest, SameGs06InAnotherInterchangeIsAccepted) {
  run(validInterchange());
  EXPECT_EQ(run(validInterchange()), Codes{});
}

// ---------------------------------------------------------------- GE

TEST_F(X12EnvelopeValidatorTest, Ge01MustCountTransactionSets) {
  Interchange interchange = validInterchange();
  set(*interchange.groups[0].trailer, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"X12_GE01_COUNT"}));
  core::Finding finding = recorder_.only("X12_GE01_COUNT");
  EXPECT_EQ(finding.message,
            "GE01 (number of transaction sets included) is '2', but the group '1' holds 1 "
            "transaction set: set GE01 to 1, or check whether transaction sets were lost");
  EXPECT_EQ(finding.location.segmentTag, "GE");
  EXPECT_EQ(finding.location.element, 1u);
}

TEST_F(X12EnvelopeValidatorTest, Ge01CountsSeveralTransactionSets) {
  Interchange interchange = validInterchange();
  interchange.groups[0].transactions.push_back(transaction("0002", 5));
  interchange.groups[0].transactions.push_back(transaction("0003", 0));
  set(*interchange.groups[0].trailer, 1, "3");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Ge02MustRepeatGs06) {
  Interchange interchange = validInterchange();
  set(*interchange.groups[0].trailer, 2, "2");
  EXPECT_EQ(run(interchange), (Codes{"X12_GE02_MISMATCH"}));
  core::Finding finding = recorder_.only("X12_GE02_MISMATCH");
  EXPECT_TRUE(contains(finding.message, "GE02 (group control number) is '2', but GS06 is '1'"));
  EXPECT_TRUE(contains(finding.message, "set GE02 to 1"));
  EXPECT_EQ(finding.location.element, 2u);
}

TEST_F(X12EnvelopeValidatorTest, Ge02SameNumberWrittenDifferentlyIsAWarning) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].header, 6, "000005");
  set(*interchange.groups[0].trailer, 2, "5");
  EXPECT_EQ(run(interchange), (Codes{"X12_GE02_FORMAT"}));
  EXPECT_EQ(recorder_.only("X12_GE02_FORMAT").severity, Severity::kWarning);
}

TEST_F(X12EnvelopeValidatorTest, MissingGeIsNotCounted) {
  Interchange interchange = validInterchange();
  interchange.groups[0].trailer.reset();
  EXPECT_EQ(run(interchange), Codes{});
}

// ---------------------------------------------------------------- ST / SE

TEST_F(X12EnvelopeValidatorTest, St01MustBeThreeCharacters) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].transactions[0].header, 1, "8500");
  EXPECT_EQ(run(interchange), (Codes{"X12_ST01_INVALID"}));
  core::Finding finding = recorder_.only("X12_ST01_INVALID");
  EXPECT_TRUE(contains(finding.message, "ST01 (transaction set identifier code) is '8500'"));
  EXPECT_EQ(finding.location.segmentTag, "ST");
  EXPECT_EQ(finding.location.transactionSegment, 1u);
}

TEST_F(X12EnvelopeValidatorTest, St02TooShort) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].transactions[0].header, 2, "001");
  set(*interchange.groups[0].transactions[0].trailer, 2, "001");
  EXPECT_EQ(run(interchange), (Codes{"X12_ST02_INVALID"}));
  EXPECT_TRUE(contains(recorder_.only("X12_ST02_INVALID").message,
                       "is '001' (3 characters); it must be 4 to 9 characters"));
}

TEST_F(X12EnvelopeValidatorTest, St02TooLong) {
  Interchange interchange = validInterchange();
  set(interchange.groups[0].transactions[0].header, 2, "0003100001");
  set(*interchange.groups[0].transactions[0].trailer, 2, "0003100001");
  EXPECT_EQ(run(interchange), (Codes{"X12_ST02_INVALID"}));
  EXPECT_EQ(recorder_.only("X12_ST02_INVALID").location.element, 2u);
}

TEST_F(X12EnvelopeValidatorTest, DuplicateSt02InGroup) {
  Interchange interchange = validInterchange();
  interchange.groups[0].transactions.push_back(transaction("0001"));
  set(*interchange.groups[0].trailer, 1, "2");
  EXPECT_EQ(run(interchange), (Codes{"X12_DUPLICATE_ST02"}));
  core::Finding finding = recorder_.only("X12_DUPLICATE_ST02");
  EXPECT_TRUE(contains(finding.message,
                       "ST02 (transaction set control number) '0001' is used "
                       "by an earlier transaction set in this group"));
  EXPECT_TRUE(contains(finding.message, "give every transaction set in a group its own"));
  EXPECT_EQ(finding.location.segmentIndex, 7u);
  EXPECT_EQ(finding.location.element, 2u);
}

TEST_F(X12EnvelopeValidatorTest, SameSt02InAnotherGroupIsAccepted) {
  Interchange interchange = validInterchange();
  Group second = interchange.groups[0];
  set(second.header, 6, "2");
  set(*second.trailer, 2, "2");
  interchange.groups.push_back(second);
  set(*interchange.trailer, 1, "2");
  EXPECT_EQ(run(interchange), Codes{});
}

TEST_F(X12EnvelopeValidatorTest, Se01MustCountSegmentsFromStToSe) {
  Interchange interchange = validInterchange();
  set(*interchange.groups[0].transactions[0].trailer, 1, "12");
  EXPECT_EQ(run(interchange), (Codes{"X12_SE01_COUNT"}));
  core::Finding finding = recorder_.only("X12_SE01_COUNT");
  EXPECT_EQ(finding.message,
            "SE01 (number of included segments) is '12', but transaction set 850 '0001' has 4 "
            "segments from ST to SE inclusive: set SE01 to 4, or check whether segments were "
            "lost or added in transit");
  EXPECT_EQ(finding.location.segmentTag, "SE");
  EXPECT_EQ(finding.location.segmentIndex, 6u);
  EXPECT_EQ(finding.location.element, 1u);
  EXPECT_EQ(finding.location.transactionSegment, 4u);
}

TEST_F(X12EnvelopeValidatorTest, Se01NotNumeric) {
  Interchange interchange = validInterchange();
  set(*interchange.groups[0].transactions[0].trailer, 1, "");
  EXPECT_EQ(run(interchange), (Codes{"X12_SE01_COUNT"}));
  EXPECT_TRUE(contains(recorder_.only("X12_SE01_COUNT").message, "set SE01 to 4"));
}

TEST_F(X12EnvelopeValidatorTest, Se02MustRepeatSt02) {
  Interchange interchange = validInterchange();
  set(*interchange.groups[0].transactions[0].trailer, 2, "0002");
  EXPECT_EQ(run(interchange), (Codes{"X12_SE02_MISMATCH"}));
  core::Finding finding = recorder_.only("X12_SE02_MISMATCH");
  EXPECT_TRUE(contains(finding.message,
                       "SE02 (transaction set control number) is '0002', but "
                       "ST02 is '0001'"));
  EXPECT_TRUE(contains(finding.message, "set SE02 to 0001"));
  EXPECT_EQ(finding.location.element, 2u);
}

TEST_F(X12EnvelopeValidatorTest, Se02ComparesTextNotNumbers) {
  Interchange interchange = validInterchange();
  set(*interchange.groups[0].transactions[0].trailer, 2, "1");
  EXPECT_EQ(run(interchange), (Codes{"X12_SE02_MISMATCH"}));
}

TEST_F(X12EnvelopeValidatorTest, MissingSeIsNotCounted) {
  Interchange interchange = validInterchange();
  interchange.groups[0].transactions[0].trailer.reset();
  EXPECT_EQ(run(interchange), Codes{});
}

// ---------------------------------------------------------------- memory bound

TEST_F(X12EnvelopeValidatorTest, DuplicateDetectionStopsAtItsBudgetAndSaysSo) {
  Recorder recorder;
  EnvelopeValidator validator(recorder, 512);
  Interchange interchange = validInterchange();
  Group& group = interchange.groups[0];
  group.transactions.clear();
  for (int i = 0; i < 200; ++i)
    group.transactions.push_back(transaction(std::to_string(10000 + i), 0));
  set(*group.trailer, 1, "200");
  Player(validator).play(interchange);
  EXPECT_EQ(recorder.codes(), (Codes{"X12_DUPLICATE_CHECK_LIMIT"}));
  EXPECT_EQ(recorder.only("X12_DUPLICATE_CHECK_LIMIT").severity, Severity::kInfo);
}

}  // namespace
}  // namespace bridge::parsers::x12

#include "parsers/edi/reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/support/recording_handler.h"

namespace bridge::parsers::edi {
namespace {

using testing::RecordingHandler;

// A padded 00401 ISA: '*' elements, '>' components, '~' terminator.
const std::string kIsa00401 =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *210101*1253*U*00401*"
    "000000001*0*P*>~";

std::string x12Interchange(const std::string& isa = kIsa00401, const std::string& nl = "") {
  return isa + nl + "GS*PO*SENDER*RECEIVER*20210101*1253*1*X*004010~" + nl + "ST*850*0001~" + nl +
         "BEG*00*SA*PO123**20210101~" + nl + "N1*ST*ACME>WEST~" + nl + "SE*4*0001~" + nl +
         "GE*1*1~" + nl + "IEA*1*000000001~" + nl;
}

RecordingHandler readAll(std::string_view input, ReaderOptions options = {}) {
  RecordingHandler h;
  Reader reader(h, options);
  reader.feed(input);
  reader.finish();
  return h;
}

RecordingHandler readByteByByte(std::string_view input, ReaderOptions options = {}) {
  RecordingHandler h;
  Reader reader(h, options);
  for (char c : input) reader.feed(std::string_view(&c, 1));
  reader.finish();
  return h;
}

bool hasCode(const RecordingHandler& h, std::string_view code) {
  const auto codes = h.codes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST(X12Reader, DetectsDelimitersFromIsaAndYieldsEnvelopeEvents) {
  const RecordingHandler h = readAll(x12Interchange());
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  ASSERT_EQ(h.log().size(), 8u) << h.joined();
  EXPECT_EQ(h.log()[0].rfind("interchange-start x12 delimiters=*>0~00 ISA(00|", 0), 0u);
  EXPECT_EQ(h.log()[1].rfind("group-start GS(PO|SENDER|RECEIVER|20210101|1253|1|X|004010)", 0), 0u);
  EXPECT_EQ(h.log()[2].rfind("transaction-start ST(850|0001)", 0), 0u);
  EXPECT_EQ(h.log()[3].rfind("segment BEG(00|SA|PO123||20210101)", 0), 0u);
  EXPECT_EQ(h.log()[4].rfind("segment N1(ST|ACME:WEST)", 0), 0u);
  EXPECT_EQ(h.log()[5].rfind("transaction-end SE(4|0001)", 0), 0u);
  EXPECT_EQ(h.log()[6].rfind("group-end GE(1|1)", 0), 0u);
  EXPECT_EQ(h.log()[7].rfind("interchange-end IEA(1|000000001)", 0), 0u);
}

TEST(X12Reader, IsaKeepsComponentAndRepetitionCharactersAsData) {
  const RecordingHandler h = readAll(x12Interchange());
  // ISA16 is '>' and must stay one value, not be split as a component.
  EXPECT_NE(h.log()[0].find("|0|P|>)@0:1#1"), std::string::npos) << h.log()[0];
}

TEST(X12Reader, RepetitionSeparatorFromIsa11From00402) {
  std::string isa = kIsa00401;
  isa.replace(isa.find("*U*00401*"), 9, "*^*00501*");
  std::string input = x12Interchange(isa);
  input.replace(input.find("N1*ST*ACME>WEST"), 15, "N1*ST*A^B>C");
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[0].rfind("interchange-start x12 delimiters=*>^~00", 0), 0u) << h.log()[0];
  EXPECT_EQ(h.log()[4].rfind("segment N1(ST|A^B:C)", 0), 0u) << h.log()[4];
}

TEST(X12Reader, Isa11IsNotARepetitionSeparatorBefore00402) {
  std::string input = x12Interchange();
  input.replace(input.find("N1*ST*ACME>WEST"), 15, "N1*ST*A^B");
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.log()[4].rfind("segment N1(ST|A\\^B)", 0), 0u) << h.log()[4];
}

TEST(X12Reader, OddSeparators) {
  std::string input = x12Interchange();
  std::replace(input.begin(), input.end(), '*', '|');
  std::replace(input.begin(), input.end(), '>', '!');
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[0].rfind("interchange-start x12 delimiters=|!0~00", 0), 0u);
  EXPECT_EQ(h.log()[4].rfind("segment N1(ST|ACME:WEST)", 0), 0u);
}

TEST(X12Reader, TildeAsComponentAndPipeAsTerminator) {
  std::string input = x12Interchange();
  std::replace(input.begin(), input.end(), '~', '|');
  std::replace(input.begin(), input.end(), '>', '~');
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[4].rfind("segment N1(ST|ACME:WEST)", 0), 0u);
}

TEST(X12Reader, LineFeedAsSegmentTerminator) {
  std::string input = x12Interchange();
  std::replace(input.begin(), input.end(), '~', '\n');
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[0].rfind("interchange-start x12 delimiters=*>0\n00", 0), 0u);
  EXPECT_EQ(h.log()[7].rfind("interchange-end IEA(1|000000001)@", 0), 0u);
  EXPECT_NE(h.log()[4].find(":5#5"), std::string::npos) << "N1 is on line 5: " << h.log()[4];
}

TEST(X12Reader, LineFeedTerminatorWithoutFinalLineFeedIsFine) {
  std::string input = x12Interchange();
  std::replace(input.begin(), input.end(), '~', '\n');
  input.pop_back();
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("interchange-end IEA"), 1u);
}

TEST(X12Reader, CarriageReturnTerminatorWithCrlfLines) {
  std::string input = x12Interchange();
  std::string crlf;
  for (char c : input) crlf += c == '~' ? std::string("\r\n") : std::string(1, c);
  const RecordingHandler h = readAll(crlf);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[4].rfind("segment N1(ST|ACME:WEST)", 0), 0u);
}

TEST(X12Reader, TerminatorFollowedByCrlfOrLf) {
  for (const char* nl : {"\n", "\r\n", "\r"}) {
    const RecordingHandler h = readAll(x12Interchange(kIsa00401, nl));
    EXPECT_EQ(h.findings().size(), 0u) << h.joined();
    EXPECT_EQ(h.count("segment "), 2u);
    EXPECT_EQ(h.count("interchange-end IEA"), 1u);
  }
}

TEST(X12Reader, LineNumbersCountLineFeeds) {
  const RecordingHandler h = readAll(x12Interchange(kIsa00401, "\r\n"));
  EXPECT_NE(h.log()[3].find("@"), std::string::npos);
  // BEG is the 4th line.
  EXPECT_NE(h.log()[3].find(":4#4"), std::string::npos) << h.log()[3];
}

TEST(X12Reader, Utf8ByteOrderMarkIsSkipped) {
  const RecordingHandler h = readAll("\xEF\xBB\xBF" + x12Interchange());
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("transaction-start"), 1u);
  EXPECT_NE(h.log()[0].find(")@3:1#1"), std::string::npos) << "ISA at byte 3";
}

TEST(X12Reader, SeveralInterchangesWithTheirOwnDelimiters) {
  std::string second = x12Interchange();
  std::replace(second.begin(), second.end(), '*', '|');
  const RecordingHandler h = readAll(x12Interchange(kIsa00401, "\n") + second);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("interchange-start x12 delimiters=*"), 1u);
  EXPECT_EQ(h.count("interchange-start x12 delimiters=|"), 1u);
  EXPECT_EQ(h.count("interchange-end IEA"), 2u);
}

TEST(X12Reader, ShortIsaIsReportedButRead) {
  std::string isa = kIsa00401;
  isa.replace(isa.find("SENDER         "), 15, "SENDER");
  const RecordingHandler h = readAll(x12Interchange(isa));
  EXPECT_EQ(h.codes(), std::vector<std::string>{"X12_ISA_LENGTH"});
  EXPECT_NE(h.findings()[0].message.find("97 characters"), std::string::npos)
      << h.findings()[0].message;
  EXPECT_EQ(h.count("transaction-start"), 1u);
}

TEST(X12Reader, IsaWithTooFewSeparatorsIsMalformed) {
  const RecordingHandler h = readAll("ISA*00*          *00*   ~GS*PO~");
  EXPECT_EQ(h.codes(), std::vector<std::string>{"X12_ISA_MALFORMED"});
  EXPECT_EQ(h.count("interchange-start"), 0u);
}

TEST(X12Reader, TextBeforeIsaIsReportedAndSkipped) {
  const RecordingHandler h = readAll("From: partner\r\n\r\n" + x12Interchange());
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDI_TEXT_BEFORE_HEADER"});
  EXPECT_NE(h.findings()[0].message.find("17 bytes"), std::string::npos) << h.findings()[0].message;
  EXPECT_EQ(h.count("transaction-start"), 1u);
}

TEST(Reader, NotEdiSaysWhatWasFound) {
  const RecordingHandler h = readAll("<?xml version=\"1.0\"?><order/>");
  ASSERT_EQ(h.codes(), std::vector<std::string>{"EDI_NOT_EDI"});
  EXPECT_NE(h.findings()[0].message.find("'<?xml versio...' (XML?)"), std::string::npos)
      << h.findings()[0].message;
  EXPECT_EQ(h.findings()[0].location.byteOffset, 0u);
}

TEST(Reader, EmptyInput) {
  EXPECT_EQ(readAll("").codes(), std::vector<std::string>{"EDI_EMPTY_INPUT"});
  EXPECT_EQ(readAll(" \r\n").codes(), std::vector<std::string>{"EDI_EMPTY_INPUT"});
}

TEST(Reader, DetectStandard) {
  EXPECT_EQ(detectStandard(kIsa00401).standard, Standard::kX12);
  EXPECT_EQ(detectStandard("\xEF\xBB\xBF  UNA:+.? 'UNB+UNOC:3").standard, Standard::kEdifact);
  EXPECT_EQ(detectStandard("UNB+UNOA:1+X").standard, Standard::kEdifact);
  const Detection zip = detectStandard(std::string("PK\x03\x04rest", 8));
  EXPECT_EQ(zip.standard, Standard::kUnknown);
  EXPECT_EQ(zip.found, "'PK' (a ZIP archive)");
}

TEST(X12Reader, GroupWithoutIsaIsReported) {
  const RecordingHandler h = readAll("GS*PO*A*B*20210101*1200*1*X*004010~ST*850*1~");
  EXPECT_EQ(h.codes(), std::vector<std::string>{"X12_MISSING_ISA"});
}

TEST(X12Reader, MissingSeIsClosedWithNullTrailer) {
  std::string input = x12Interchange();
  input.replace(input.find("SE*4*0001~"), 10, "");
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(), std::vector<std::string>{"X12_MISSING_SE"});
  EXPECT_EQ(h.count("transaction-end <missing>"), 1u);
  EXPECT_EQ(h.count("group-end GE"), 1u);
}

TEST(X12Reader, TruncatedFileClosesEveryEnvelope) {
  std::string input = x12Interchange();
  input.resize(input.find("SE*"));
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(),
            (std::vector<std::string>{"X12_MISSING_SE", "X12_MISSING_GE", "X12_MISSING_IEA"}));
  EXPECT_EQ(h.count("transaction-end <missing>"), 1u);
  EXPECT_EQ(h.count("group-end <missing>"), 1u);
  EXPECT_EQ(h.count("interchange-end <missing>"), 1u);
}

TEST(X12Reader, NewIsaBeforeIeaClosesTheOpenInterchange) {
  std::string first = x12Interchange();
  first.resize(first.find("IEA"));
  const RecordingHandler h = readAll(first + x12Interchange());
  EXPECT_EQ(h.codes(), std::vector<std::string>{"X12_MISSING_IEA"});
  EXPECT_EQ(h.count("interchange-start"), 2u);
  EXPECT_EQ(h.count("interchange-end <missing>"), 1u);
  EXPECT_EQ(h.count("interchange-end IEA"), 1u);
}

TEST(X12Reader, SegmentsOutsideTransactionAreDeliveredAndReported) {
  std::string input = x12Interchange();
  input.insert(input.find("ST*850"), "REF*ZZ*1~");
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(), std::vector<std::string>{"X12_SEGMENT_OUTSIDE_TRANSACTION"});
  EXPECT_EQ(h.count("segment REF(ZZ|1)"), 1u);
}

TEST(X12Reader, InterchangeLevelTa1IsAllowed) {
  const RecordingHandler h =
      readAll(kIsa00401 + "TA1*000000001*210101*1200*A*000~IEA*0*000000001~");
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("segment TA1"), 1u);
}

TEST(X12Reader, HardWrappedLinesAreJoined) {
  std::string input = x12Interchange();
  std::string wrapped;
  for (size_t i = 0; i < input.size(); ++i) {
    wrapped += input[i];
    if (i % 80 == 79) wrapped += "\r\n";
  }
  const RecordingHandler h = readAll(wrapped);
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDI_LINE_BREAK_IN_SEGMENT"});
  const RecordingHandler plain = readAll(input);
  ASSERT_EQ(h.count("segment "), plain.count("segment "));
  EXPECT_EQ(h.count("segment N1(ST|ACME:WEST)"), 1u);
  EXPECT_EQ(h.count("interchange-end IEA(1|000000001)"), 1u);
}

TEST(X12Reader, BadSegmentTagIsReported) {
  std::string input = x12Interchange();
  input.replace(input.find("N1*"), 3, "Nd4*");
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDI_BAD_SEGMENT_TAG"});
  EXPECT_EQ(h.findings()[0].location.segmentTag, "Nd4");
}

TEST(Reader, OverlongSegmentStopsReading) {
  ReaderOptions options;
  options.maxSegmentBytes = 150;
  std::string input = x12Interchange();
  input.insert(input.find("N1*ST"), "NTE*" + std::string(200, 'x') + "~");
  const RecordingHandler h = readAll(input, options);
  EXPECT_TRUE(hasCode(h, "EDI_SEGMENT_TOO_LONG")) << h.joined();
  EXPECT_EQ(h.count("segment N1"), 0u) << "reading stopped";
  EXPECT_EQ(h.count("segment BEG"), 1u);
}

TEST(Reader, StoppingClosesEveryOpenEnvelope) {
  ReaderOptions options;
  options.maxSegmentBytes = 150;
  std::string input = x12Interchange();
  input.insert(input.find("N1*ST"), "NTE*" + std::string(200, 'x') + "~");
  const RecordingHandler h = readAll(input, options);
  EXPECT_EQ(h.count("interchange-start"), 1u);
  EXPECT_EQ(h.count("interchange-end <missing>"), 1u);
  EXPECT_EQ(h.count("group-end <missing>"), 1u);
  EXPECT_EQ(h.count("transaction-end <missing>"), 1u);
}

TEST(Reader, TextBetweenInterchangesFedByteByByteMatchesOneRead) {
  const std::string input = x12Interchange() + std::string(3000, '#') + x12Interchange();
  const RecordingHandler whole = readAll(input);
  EXPECT_EQ(whole.codes(), std::vector<std::string>{"EDI_DATA_BETWEEN_INTERCHANGES"});
  EXPECT_EQ(readByteByByte(input).log(), whole.log());
}

TEST(Reader, OverlongSegmentIsCaughtWhileStreaming) {
  ReaderOptions options;
  options.maxSegmentBytes = 64;
  RecordingHandler h;
  Reader reader(h, options);
  reader.feed(kIsa00401);
  for (int i = 0; i < 100 && !reader.stopped(); ++i) reader.feed("xxxxxxxxxx");
  EXPECT_TRUE(reader.stopped());
  EXPECT_TRUE(hasCode(h, "EDI_SEGMENT_TOO_LONG"));
}

TEST(X12Reader, UnterminatedLastSegmentIsAWarning) {
  std::string input = x12Interchange();
  input.pop_back();
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDI_UNTERMINATED_SEGMENT"});
  EXPECT_EQ(h.findings()[0].severity, core::Severity::kWarning);
  EXPECT_EQ(h.count("interchange-end IEA(1|000000001)"), 1u);
}

TEST(X12Reader, EveryTruncationIsDetected) {
  const std::string input = x12Interchange();
  const size_t lastTerminator = input.rfind('~');
  for (size_t cut = 0; cut < lastTerminator; ++cut) {
    const RecordingHandler h = readAll(input.substr(0, cut));
    EXPECT_FALSE(h.findings().empty()) << "cut at " << cut;
    // Every start has exactly one end, whatever the cut.
    EXPECT_EQ(h.count("interchange-start"), h.count("interchange-end")) << cut;
    EXPECT_EQ(h.count("group-start"), h.count("group-end")) << cut;
    EXPECT_EQ(h.count("transaction-start"), h.count("transaction-end")) << cut;
  }
}

// EDIFACT

const std::string kEdifact =
    "UNA:+.? '"
    "UNB+UNOC:3+SENDER:14+RECEIVER:14+210101:1200+REF1'"
    "UNH+M1+ORDERS:D:96A:UN'"
    "BGM+220+PO?+1?:2??3?'4+9'"
    "NAD+BY+123::9'"
    "UNT+4+M1'"
    "UNZ+1+REF1'";

TEST(EdifactReader, ServiceStringAdviceAndReleaseCharacters) {
  const RecordingHandler h = readAll(kEdifact);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  ASSERT_EQ(h.log().size(), 6u) << h.joined();
  EXPECT_EQ(h.log()[0].rfind("interchange-start edifact delimiters=+:0'?. una UNB(UNOC:3|", 0), 0u)
      << h.log()[0];
  EXPECT_EQ(h.log()[2].rfind("segment BGM(220|PO+1\\:2?3'4|9)", 0), 0u) << h.log()[2];
  EXPECT_EQ(h.log()[3].rfind("segment NAD(BY|123::9)", 0), 0u) << h.log()[3];
  EXPECT_EQ(h.log()[5].rfind("interchange-end UNZ(1|REF1)", 0), 0u);
}

TEST(EdifactReader, DefaultDelimitersWithoutUna) {
  const RecordingHandler h = readAll(kEdifact.substr(9));
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[0].rfind("interchange-start edifact delimiters=+:0'?. UNB", 0), 0u)
      << h.log()[0];
}

TEST(EdifactReader, CustomUna) {
  std::string input = kEdifact;
  std::replace(input.begin(), input.end(), '+', '*');
  std::replace(input.begin(), input.end(), ':', '=');
  std::replace(input.begin(), input.end(), '\'', '~');
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.log()[2].rfind("segment BGM(220|PO*1=2?3~4|9)", 0), 0u) << h.log()[2];
}

TEST(EdifactReader, ReleaseCharacterBeforeTerminatorAcrossEveryChunkBoundary) {
  const RecordingHandler whole = readAll(kEdifact);
  for (size_t split = 0; split <= kEdifact.size(); ++split) {
    RecordingHandler h;
    Reader reader(h);
    reader.feed(std::string_view(kEdifact).substr(0, split));
    reader.feed(std::string_view(kEdifact).substr(split));
    reader.finish();
    EXPECT_EQ(h.log(), whole.log()) << "split at " << split;
  }
  EXPECT_EQ(readByteByByte(kEdifact).log(), whole.log());
}

TEST(EdifactReader, SyntaxVersion4UsesStarAsDefaultRepetitionSeparator) {
  const std::string input =
      "UNB+UNOC:4+S+R+20210101:1200+R1'UNH+1+ORDERS:D:03B:UN'COM+a*b:TE'UNT+3+1'UNZ+1+R1'";
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("segment COM(a^b:TE)"), 1u) << h.joined();
}

TEST(EdifactReader, GroupsAreOptional) {
  const std::string input =
      "UNB+UNOC:3+S+R+210101:1200+R1'UNG+ORDERS+S+R+210101:1200+G1+UN+D:96A'"
      "UNH+1+ORDERS:D:96A:UN'BGM+220'UNT+3+1'UNE+1+G1'UNZ+1+R1'";
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("group-start UNG"), 1u);
  EXPECT_EQ(h.count("group-end UNE(1|G1)"), 1u);
  const RecordingHandler noGroup = readAll(kEdifact);
  EXPECT_EQ(noGroup.count("group-start"), 0u);
}

TEST(EdifactReader, MessageWithoutUnbIsReadAndReported) {
  const RecordingHandler h = readAll("UNA:+.? 'UNH+1+ORDERS:D:96A:UN'BGM+220'UNT+3+1'");
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDIFACT_MISSING_UNB"});
  EXPECT_EQ(h.count("interchange-start edifact delimiters=+:0'?. una no-header"), 1u);
  EXPECT_EQ(h.count("transaction-end UNT(3|1)"), 1u);
  EXPECT_EQ(h.count("interchange-end <missing>"), 1u);
}

TEST(EdifactReader, MissingUntAndUnzAreReported) {
  std::string input = kEdifact;
  input.resize(input.find("UNT"));
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(), (std::vector<std::string>{"EDIFACT_MISSING_UNT", "EDIFACT_MISSING_UNZ"}));
}

TEST(EdifactReader, UnoaRejectsOtherCharactersAndWarnsOnLowerCase) {
  const RecordingHandler lower =
      readAll("UNB+UNOA:3+S+R+210101:1200+R1'UNH+1+X:D:96A:UN'FTX+AAI+++note'UNT+3+1'UNZ+1+R1'");
  EXPECT_EQ(lower.codes(), std::vector<std::string>{"EDIFACT_CHARSET_LOWER_CASE"});
  EXPECT_EQ(lower.findings()[0].severity, core::Severity::kWarning);

  const RecordingHandler latin = readAll(
      "UNB+UNOA:3+S+R+210101:1200+R1'UNH+1+X:D:96A:UN'NAD+BY+M\xC3\x9C"
      "LLER'UNT+3+1'UNZ+1+R1'");
  ASSERT_EQ(latin.codes(), std::vector<std::string>{"EDIFACT_CHARSET"});
  EXPECT_NE(latin.findings()[0].message.find("byte 0xC3"), std::string::npos);
  EXPECT_EQ(latin.findings()[0].location.segmentTag, "NAD");
}

TEST(EdifactReader, UnobAllowsPrintableAsciiOnly) {
  EXPECT_TRUE(
      readAll("UNB+UNOB:3+S+R+210101:1200+R1'UNH+1+X:D:96A:UN'FTX+AAI+++a#b@c'UNT+3+1'UNZ+1+R1'")
          .findings()
          .empty());
  EXPECT_EQ(readAll("UNB+UNOB:3+S+R+210101:1200+R1'UNH+1+X:D:96A:UN'FTX+AAI+++\xE9'UNT+3+1'"
                    "UNZ+1+R1'")
                .codes(),
            std::vector<std::string>{"EDIFACT_CHARSET"});
}

TEST(EdifactReader, UnoyRequiresWellFormedUtf8) {
  EXPECT_TRUE(readAll("UNB+UNOY:4+S+R+20210101:1200+R1'UNH+1+X:D:96A:UN'NAD+BY+\xE5\x8C\x97"
                      "'UNT+3+1'UNZ+1+R1'")
                  .findings()
                  .empty());
  const RecordingHandler bad =
      readAll("UNB+UNOW:4+S+R+20210101:1200+R1'UNH+1+X:D:96A:UN'NAD+BY+\xE5\x8C'UNT+3+1'UNZ+1+R1'");
  ASSERT_EQ(bad.codes(), std::vector<std::string>{"EDIFACT_CHARSET"});
  EXPECT_NE(bad.findings()[0].message.find("invalid UTF-8"), std::string::npos);
}

TEST(EdifactReader, ReleaseOfAnOrdinaryCharacterIsAWarning) {
  std::string input = kEdifact;
  input.replace(input.find("NAD+BY"), 6, "NAD+?BY");
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDIFACT_RELEASE_NOT_DELIMITER"});
  EXPECT_EQ(h.count("segment NAD(BY|123::9)"), 1u);
}

TEST(EdifactReader, BadUnaIsReported) {
  const RecordingHandler h = readAll("UNA::.? 'UNB+UNOC:3'");
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDIFACT_UNA_MALFORMED"});
}

TEST(EdifactReader, NonDefaultSeparatorWithoutUnaIsReported) {
  const RecordingHandler h = readAll("UNB*UNOC=3*S*R'");
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDIFACT_UNA_MISSING"});
}

TEST(Reader, X12AndEdifactInOneInput) {
  const RecordingHandler h = readAll(x12Interchange() + "\n" + kEdifact);
  EXPECT_EQ(h.findings().size(), 0u) << h.joined();
  EXPECT_EQ(h.count("interchange-start x12"), 1u);
  EXPECT_EQ(h.count("interchange-start edifact"), 1u);
}

TEST(Reader, NewInterchangeWithOtherDelimitersAfterAMissingIeaFedByteByByte) {
  // The first interchange ends segments with CR and lacks its IEA; the second
  // uses '~'. Fed a byte at a time, the reader must still notice the new ISA
  // before framing with the old terminator.
  std::string first = x12Interchange();
  first.resize(first.find("IEA"));
  std::replace(first.begin(), first.end(), '~', '\r');
  const std::string input = first + x12Interchange();
  // A segment limit below the second interchange's size: framing it with the
  // first one's terminator would run into the limit.
  ReaderOptions options;
  options.maxSegmentBytes = 200;
  const RecordingHandler whole = readAll(input, options);
  EXPECT_EQ(whole.codes(), std::vector<std::string>{"X12_MISSING_IEA"});
  EXPECT_EQ(whole.count("interchange-end IEA"), 1u);
  EXPECT_EQ(readByteByByte(input, options).log(), whole.log());
}

TEST(Reader, TrailingGarbageAfterLastInterchange) {
  const RecordingHandler h = readAll(x12Interchange() + "this is not EDI at all");
  EXPECT_EQ(h.codes(), std::vector<std::string>{"EDI_TRAILING_DATA"});
}

TEST(Reader, OneByteFeedsEqualOneWholeRead) {
  for (const std::string& input :
       {x12Interchange(), x12Interchange(kIsa00401, "\r\n"), kEdifact, std::string("garbage")}) {
    EXPECT_EQ(readByteByByte(input).log(), readAll(input).log());
  }
}

TEST(Reader, FindingsOfOneKindAreCapped) {
  std::string input = "UNB+UNOA:3+S+R+210101:1200+R1'UNH+1+X:D:96A:UN'";
  for (int i = 0; i < 500; ++i) input += "FTX+AAI+++\xE9'";
  input += "UNT+502+1'UNZ+1+R1'";
  const RecordingHandler h = readAll(input);
  EXPECT_EQ(h.findings().size(), 100u);
  EXPECT_NE(h.findings().back().message.find("not reported"), std::string::npos);
}

}  // namespace
}  // namespace bridge::parsers::edi

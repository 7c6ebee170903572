#include "parsers/edi/reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include "parsers/edi/quote.h"
#include "parsers/edi/tokenizer.h"
#include "parsers/edifact/syntax.h"
#include "parsers/x12/isa_header.h"

namespace bridge::parsers::edi {

namespace {

using core::Finding;
using core::Location;
using core::Severity;

// How far past the start of an input (or the end of an interchange) the
// reader looks for the next interchange header before calling the bytes
// "not EDI".
constexpr size_t kHeaderLookahead = 4096;
// How much of unexpected text a finding quotes.
constexpr size_t kSnippetBytes = 24;
// Findings with the same code beyond this many are counted, not reported.
constexpr size_t kMaxFindingsPerCode = 100;

bool isAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isLayout(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

// Envelope tags as integer constants (see tagCode()).
constexpr uint32_t kGE = tagCode("GE");
constexpr uint32_t kGS = tagCode("GS");
constexpr uint32_t kIEA = tagCode("IEA");
constexpr uint32_t kISA = tagCode("ISA");
constexpr uint32_t kISB = tagCode("ISB");
constexpr uint32_t kISE = tagCode("ISE");
constexpr uint32_t kSE = tagCode("SE");
constexpr uint32_t kST = tagCode("ST");
constexpr uint32_t kTA1 = tagCode("TA1");
constexpr uint32_t kUNB = tagCode("UNB");
constexpr uint32_t kUNE = tagCode("UNE");
constexpr uint32_t kUNG = tagCode("UNG");
constexpr uint32_t kUNH = tagCode("UNH");
constexpr uint32_t kUNT = tagCode("UNT");
constexpr uint32_t kUNZ = tagCode("UNZ");

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// "ISA*", "UNA:", "UNB+": a header tag followed by a non-alphanumeric byte.
bool startsWithTag(std::string_view s, std::string_view tag) {
  return s.size() > tag.size() && startsWith(s, tag) && !isAlnum(s[tag.size()]) &&
         !isLayout(s[tag.size()]);
}

}  // namespace

Detection detectStandard(std::string_view head) {
  Detection out;
  size_t i = startsWith(head, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < head.size() && isLayout(head[i])) ++i;
  const std::string_view rest = head.substr(i);
  if (startsWithTag(rest, "ISA")) {
    out.standard = Standard::kX12;
  } else if (startsWithTag(rest, "UNA") || startsWithTag(rest, "UNB") ||
             startsWithTag(rest, "UNH")) {
    out.standard = Standard::kEdifact;
  }
  if (out.standard != Standard::kUnknown) return out;

  if (rest.empty()) {
    out.found = head.empty() ? "an empty input" : "only white space";
  } else if (startsWith(rest, "<?xml") || startsWith(rest, "<")) {
    out.found = quoteValue(rest, 12) + " (XML?)";
  } else if (startsWith(rest, "{") || startsWith(rest, "[")) {
    out.found = quoteValue(rest, 12) + " (JSON?)";
  } else if (startsWith(rest, "PK\x03\x04")) {
    out.found = "'PK' (a ZIP archive)";
  } else if (startsWith(rest, "%PDF")) {
    out.found = "'%PDF' (a PDF document)";
  } else if (startsWith(rest, "\x1F\x8B")) {
    out.found = "a gzip-compressed file";
  } else if (startsWithTag(rest, "GS") || startsWithTag(rest, "ST")) {
    out.found = quoteValue(rest, 12) + " (an X12 segment, but no ISA interchange header)";
  } else {
    out.found = quoteValue(rest, 16);
  }
  return out;
}

class Reader::Impl {
 public:
  Impl(EventHandler& handler, ReaderOptions options) : handler_(handler), options_(options) {}

  void feed(std::string_view data);
  void finish();

  bool stopped() const { return mode_ == Mode::kStopped; }
  uint64_t bytesFed() const { return bytesFed_; }
  uint64_t segmentCount() const { return segmentCount_; }

 private:
  enum class Mode { kSeekHeader, kSegments, kStopped };
  enum class Step { kProgress, kNeedMore, kStop };

  size_t process(std::string_view window, bool atEnd);
  Step seekHeader(std::string_view window, size_t& pos, bool atEnd);
  Step startX12(std::string_view rest, uint64_t offset, bool atEnd);
  Step startEdifact(std::string_view rest, size_t& pos, bool atEnd);
  size_t skipLayout(std::string_view window, size_t pos);
  size_t trailingReleaseRun(std::string_view s) const;
  size_t findContinuation(std::string_view data) const;
  void handleSegment(uint32_t code, std::string_view raw, uint64_t offset, bool terminated,
                     const SegmentTokenizer::Notes& notes);
  void dispatchX12(uint32_t code);
  void dispatchEdifact(uint32_t code, std::string_view raw);
  void onUnb(std::string_view raw);
  void checkCharset(std::string_view raw);
  void closeTransaction(const char* reason);
  void closeGroup(const char* reason);
  void closeInterchange(const char* reason);
  void closeAll(const char* reason);

  void report(Severity severity, const char* code, std::string message, Location location);
  // Where the most recent segment was: findings about envelopes closed at the
  // end of the input point there (the segment's own views are gone by then).
  Location lastSegment() const {
    // The segment's positions are plain numbers and outlive its views.
    Location loc = here(segment_.byteOffset());
    loc.line = segment_.line();
    loc.segmentIndex = segment_.index();
    for (int shift = 16; shift >= 0; shift -= 8) {
      const char c = static_cast<char>((lastTagCode_ >> shift) & 0xFF);
      if (c != 0) loc.segmentTag += c;
    }
    return loc;
  }
  Location here(uint64_t offset) const {
    Location loc;
    loc.byteOffset = offset;
    loc.line = line_;
    return loc;
  }
  void stop() { mode_ = Mode::kStopped; }
  // Tags that open or close an envelope of the current standard.
  bool isEnvelopeTag(uint32_t code) const {
    if (standard_ == Standard::kX12) {
      // All X12 envelope tags start with I, G or S.
      const uint32_t first = code >> (code > 0xFFFF ? 16 : 8);
      return (first == 'I' || first == 'G' || first == 'S') &&
             (code == kST || code == kSE || code == kGS || code == kGE || code == kISA ||
              code == kIEA);
    }
    return (code >> 16) == 'U' && (code == kUNH || code == kUNT || code == kUNG || code == kUNE ||
                                   code == kUNB || code == kUNZ);
  }

  EventHandler& handler_;
  ReaderOptions options_;

  Mode mode_ = Mode::kSeekHeader;
  std::string pending_;    // bytes not yet consumed: a partial segment or header
  uint64_t consumed_ = 0;  // absolute offset of pending_[0] / of the next window
  uint64_t bytesFed_ = 0;
  uint64_t line_ = 1;
  uint64_t segmentCount_ = 0;
  bool sawInterchange_ = false;
  bool sawBytes_ = false;
  uint64_t headerSearchedTo_ = 0;  // absolute offset below which no header starts

  // The interchange being read.
  Standard standard_ = Standard::kUnknown;
  InterchangeInfo info_;
  char unaReserved_ = ' ';
  bool interchangeOpen_ = false;
  bool groupOpen_ = false;
  bool transactionOpen_ = false;
  bool notedLineBreaks_ = false;
  bool notedIndentation_ = false;
  bool notedRelease_ = false;
  bool notedLowerCase_ = false;
  std::string charsetName_;
  uint64_t transactionStart_ = 0;  // segment index of ST/UNH
  uint64_t groupStart_ = 0;
  uint64_t interchangeStart_ = 0;
  uint32_t lastTagCode_ = 0;  // 0 when the tag was invalid

  SegmentTokenizer tokenizer_;
  Segment segment_;
  Segment empty_;
  edifact::CharacterChecker charset_;
  std::map<std::string, size_t, std::less<>> findingCounts_;
};

void Reader::Impl::report(Severity severity, const char* code, std::string message,
                          Location location) {
  size_t& count = findingCounts_[code];
  if (++count > kMaxFindingsPerCode) return;
  Finding f;
  f.severity = severity;
  f.code = code;
  f.message = std::move(message);
  if (count == kMaxFindingsPerCode) {
    f.message += " (further " + std::string(code) + " findings in this input are not reported)";
  }
  f.location = std::move(location);
  handler_.onFinding(f);
}

void Reader::Impl::feed(std::string_view data) {
  bytesFed_ += data.size();
  if (!data.empty()) sawBytes_ = true;
  while (!data.empty() && mode_ != Mode::kStopped) {
    if (pending_.empty()) {
      const size_t used = process(data, false);
      consumed_ += used;
      if (mode_ != Mode::kStopped) pending_.assign(data.substr(used));
      return;
    }
    size_t take;
    size_t start = 0;
    while (start < pending_.size() && isLayout(pending_[start])) ++start;
    if (mode_ == Mode::kSegments && pending_.size() - start < 4) {
      // Too few bytes yet to tell whether a new interchange header starts
      // here (its delimiters would change the framing): add one at a time.
      take = 1;
    } else if (mode_ == Mode::kSegments) {
      // Complete the pending segment with bytes up to its terminator, so the
      // bytes after it can be processed in place.
      const size_t at = findContinuation(data);
      if (at == std::string_view::npos) {
        pending_.append(data);
        if (pending_.size() > options_.maxSegmentBytes) {
          // Over the limit: process() reports it (or consumes leading layout).
          const size_t used = process(pending_, false);
          consumed_ += used;
          pending_.erase(0, used);
        }
        return;
      }
      take = at + 1;
    } else {
      take = data.size() < kHeaderLookahead ? data.size() : kHeaderLookahead;
    }
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    const size_t used = process(pending_, false);
    consumed_ += used;
    pending_.erase(0, used);
  }
}

void Reader::Impl::finish() {
  if (mode_ != Mode::kStopped) {
    const size_t used = process(pending_, true);
    consumed_ += used;
    pending_.clear();
  }
  // Every start gets its end, also when reading stopped early.
  closeAll(mode_ == Mode::kStopped ? "reading stopped" : "the input ended");
  if (mode_ != Mode::kStopped) {
    if (!sawInterchange_) {
      report(Severity::kError, "EDI_EMPTY_INPUT",
             sawBytes_ ? "the input holds only white space: there is no interchange to read"
                       : "the input is empty: there is no interchange to read",
             here(consumed_));
    }
  }
}

size_t Reader::Impl::skipLayout(std::string_view window, size_t pos) {
  const Delimiters& d = info_.delimiters;
  while (pos < window.size()) {
    const char c = window[pos];
    if (c == '\n') {
      ++line_;
    } else if (c == ' ' || c == '\t') {
      if (c == d.element || c == d.component || c == d.segment) break;
      if (!notedIndentation_ && mode_ == Mode::kSegments) {
        notedIndentation_ = true;
        report(Severity::kWarning, "EDI_INDENTED_SEGMENTS",
               "segments are indented with spaces or tabs; they were ignored, but partners "
               "may reject such a file: remove the indentation",
               here(consumed_ + pos));
      }
    } else if (c != '\r') {
      break;
    }
    ++pos;
  }
  return pos;
}

size_t Reader::Impl::trailingReleaseRun(std::string_view s) const {
  const char release = info_.delimiters.release;
  if (release == 0) return 0;
  size_t run = 0;
  while (run < s.size() && s[s.size() - 1 - run] == release) ++run;
  return run;
}

// The first terminator in `data` that ends the segment pending_ holds. A run
// of release characters may straddle the two.
size_t Reader::Impl::findContinuation(std::string_view data) const {
  const char term = tokenizer_.delimiters().segment;
  const char release = info_.delimiters.release;
  const size_t pendingRun = trailingReleaseRun(pending_);
  size_t i = 0;
  while (i < data.size()) {
    const void* hit = std::memchr(data.data() + i, term, data.size() - i);
    if (hit == nullptr) break;
    const size_t t = static_cast<size_t>(static_cast<const char*>(hit) - data.data());
    if (release == 0) return t;
    size_t run = 0;
    while (run < t && data[t - 1 - run] == release) ++run;
    if (run == t) run += pendingRun;
    if (run % 2 == 0) return t;
    i = t + 1;
  }
  return std::string_view::npos;
}

size_t Reader::Impl::process(std::string_view window, bool atEnd) {
  size_t pos = 0;
  while (mode_ != Mode::kStopped) {
    if (mode_ == Mode::kSeekHeader) {
      const Step step = seekHeader(window, pos, atEnd);
      if (step == Step::kNeedMore) break;
      if (step == Step::kStop) {
        stop();
        break;
      }
      continue;
    }
    if (pos < window.size() && isLayout(window[pos])) pos = skipLayout(window, pos);
    if (pos == window.size()) break;
    const std::string_view rest = window.substr(pos);
    // A new interchange header while one is open: its trailer is missing, and
    // its delimiters may differ, so re-detect before framing further.
    if (interchangeOpen_ && (rest[0] == 'I' || rest[0] == 'U') && rest.size() >= 4 &&
        ((rest[1] == 'S' && rest[2] == 'A') ||
         (rest[1] == 'N' && (rest[2] == 'A' || rest[2] == 'B'))) &&
        (startsWithTag(rest, "ISA") || startsWithTag(rest, "UNA") || startsWithTag(rest, "UNB"))) {
      closeAll("a new interchange header started");
      mode_ = Mode::kSeekHeader;
      continue;
    }
    SegmentTokenizer::Notes notes;
    const bool isa = standard_ == Standard::kX12 && rest[0] == 'I' && rest.size() >= 3 &&
                     rest[1] == 'S' && rest[2] == 'A';
    const size_t term = tokenizer_.frame(rest, notes);
    // Whether the terminator has arrived yet must not change the finding:
    // the same input read in other chunks reports the same thing.
    if ((term == std::string_view::npos ? rest.size() : term) > options_.maxSegmentBytes) {
      report(Severity::kError, "EDI_SEGMENT_TOO_LONG",
             "no segment terminator " + describeCharacter(tokenizer_.delimiters().segment) +
                 " within " + std::to_string(options_.maxSegmentBytes) +
                 " bytes (the segment length limit) after this point; the input is not EDI "
                 "or declares the wrong terminator. Reading stopped here",
             here(consumed_ + pos));
      stop();
      break;
    }
    if (term == std::string_view::npos) {
      if (!atEnd) break;
      notes = tokenizer_.tokenize(rest, segment_, isa);
      handleSegment(tagCode(segment_.tag()), rest, consumed_ + pos, false, notes);
      pos = window.size();
      break;
    }
    const std::string_view raw(rest.data(), term);
    const uint32_t code = tokenizer_.present(raw, segment_, isa);
    if (code != 0 && transactionOpen_ && !notes.any() && !isEnvelopeTag(code)) {
      // The common case, kept inline: a body segment of an open transaction.
      segment_.setPosition(consumed_ + pos, line_, ++segmentCount_, term + 1);
      lastTagCode_ = code;
      if (charset_.set() != edifact::CharacterSet::kUnchecked) checkCharset(raw);
      handler_.onSegment(segment_);
    } else {
      handleSegment(code, raw, consumed_ + pos, true, notes);
    }
    if (rest[term] == '\n') ++line_;
    pos += term + 1;
  }
  return pos;
}

Reader::Impl::Step Reader::Impl::seekHeader(std::string_view window, size_t& pos, bool atEnd) {
  if (consumed_ + pos == 0) {
    if (window.size() < 3 && !atEnd && startsWith("\xEF\xBB\xBF", window)) {
      return Step::kNeedMore;
    }
    if (startsWith(window, "\xEF\xBB\xBF")) pos = 3;
  }
  while (pos < window.size() && isLayout(window[pos])) {
    if (window[pos] == '\n') ++line_;
    ++pos;
  }
  const std::string_view rest = window.substr(pos);
  if (rest.size() < 4 && !atEnd) return Step::kNeedMore;
  if (rest.empty()) return Step::kNeedMore;  // at the end: finish() decides

  if (startsWithTag(rest, "ISA")) return startX12(rest, consumed_ + pos, atEnd);
  if (startsWithTag(rest, "UNA") || startsWithTag(rest, "UNB") || startsWithTag(rest, "UNH")) {
    return startEdifact(rest, pos, atEnd);
  }
  if (!sawInterchange_ && (startsWithTag(rest, "GS") || startsWithTag(rest, "ST"))) {
    report(Severity::kError, "X12_MISSING_ISA",
           "the input starts with an X12 " + std::string(rest.substr(0, 2)) +
               " segment but has no ISA interchange header, so its delimiters and sender "
               "are unknown: add the ISA segment the partner's system should have sent",
           here(consumed_ + pos));
    return Step::kStop;
  }

  // Something else: look a little further for an interchange header.
  const size_t scan = rest.size() < kHeaderLookahead ? rest.size() : kHeaderLookahead;
  size_t found = std::string_view::npos;
  // Positions already searched by an earlier call (input fed in small
  // pieces) are not searched again.
  const uint64_t start = consumed_ + pos;
  const size_t from = headerSearchedTo_ > start + 1 ? headerSearchedTo_ - start : 1;
  for (size_t i = from; i + 4 <= scan; ++i) {
    const std::string_view at = rest.substr(i);
    if (startsWithTag(at, "ISA") || startsWithTag(at, "UNA") || startsWithTag(at, "UNB")) {
      found = i;
      break;
    }
  }
  if (found == std::string_view::npos) {
    if (scan >= 4) headerSearchedTo_ = start + scan - 3;
    if (scan < kHeaderLookahead && !atEnd) return Step::kNeedMore;
    if (!sawInterchange_) {
      report(Severity::kError, "EDI_NOT_EDI",
             "the input is not X12 or EDIFACT: it starts with " + detectStandard(rest).found +
                 " where an ISA, UNA or UNB header was expected",
             here(consumed_ + pos));
    } else {
      report(Severity::kError, "EDI_TRAILING_DATA",
             "after the last interchange the input continues with " +
                 quoteValue(rest, kSnippetBytes) +
                 ", which is not an interchange header: remove it or check the file was not "
                 "damaged in transfer",
             here(consumed_ + pos));
    }
    return Step::kStop;
  }
  report(Severity::kError,
         sawInterchange_ ? "EDI_DATA_BETWEEN_INTERCHANGES" : "EDI_TEXT_BEFORE_HEADER",
         std::to_string(found) + " bytes (" + quoteValue(rest.substr(0, found), kSnippetBytes) +
             ") come before the interchange header; they were skipped. Remove them from "
             "the file",
         here(consumed_ + pos));
  for (size_t i = 0; i < found; ++i) {
    if (rest[i] == '\n') ++line_;
  }
  pos += found;
  return Step::kProgress;
}

Reader::Impl::Step Reader::Impl::startX12(std::string_view rest, uint64_t offset, bool atEnd) {
  const x12::IsaHeader isa = x12::detectIsaHeader(rest, atEnd);
  if (isa.state == x12::IsaHeader::State::kNeedMore) return Step::kNeedMore;
  Location loc = here(offset);
  loc.segmentIndex = segmentCount_ + 1;
  loc.segmentTag = "ISA";
  if (isa.state == x12::IsaHeader::State::kMalformed) {
    report(Severity::kError, "X12_ISA_MALFORMED",
           "the ISA interchange header cannot be read: " + isa.problem +
               ". The ISA must be 106 characters: 'ISA', then 16 fixed-width fields each "
               "preceded by the element separator, then the segment terminator",
           loc);
    return Step::kStop;
  }
  if (isa.logicalLength != x12::kIsaLength) {
    report(Severity::kError, "X12_ISA_LENGTH",
           "the ISA segment is " + std::to_string(isa.logicalLength) +
               " characters long; it must be exactly 106, because receivers read its "
               "delimiters at fixed positions. Pad or trim the fixed-width fields "
               "(see the ISA field findings)",
           loc);
  }
  standard_ = Standard::kX12;
  info_ = InterchangeInfo{};
  info_.standard = Standard::kX12;
  info_.delimiters = isa.delimiters;
  tokenizer_.setDelimiters(isa.delimiters);
  charset_.configure(edifact::CharacterSet::kUnchecked, info_.delimiters);
  notedLineBreaks_ = notedIndentation_ = notedRelease_ = notedLowerCase_ = false;
  mode_ = Mode::kSegments;
  return Step::kProgress;
}

Reader::Impl::Step Reader::Impl::startEdifact(std::string_view rest, size_t& pos, bool atEnd) {
  standard_ = Standard::kEdifact;
  info_ = InterchangeInfo{};
  info_.standard = Standard::kEdifact;
  info_.delimiters = edifact::defaultDelimiters();
  unaReserved_ = ' ';
  notedLineBreaks_ = notedIndentation_ = notedRelease_ = notedLowerCase_ = false;
  if (startsWith(rest, "UNA")) {
    if (rest.size() < edifact::kUnaLength) {
      if (!atEnd) return Step::kNeedMore;
      report(Severity::kError, "EDIFACT_UNA_MALFORMED",
             "the input ends inside the UNA service string advice, which needs 6 characters "
             "after 'UNA'",
             here(consumed_ + pos));
      return Step::kStop;
    }
    const edifact::ServiceStringAdvice una = edifact::parseServiceStringAdvice(rest);
    if (!una.ok) {
      report(Severity::kError, "EDIFACT_UNA_MALFORMED",
             una.problem +
                 ". Fix the UNA segment (UNA, then component separator, element "
                 "separator, decimal mark, release character, a reserved space, "
                 "and the segment terminator)",
             here(consumed_ + pos));
      return Step::kStop;
    }
    info_.delimiters = una.delimiters;
    info_.serviceStringAdvice = true;
    unaReserved_ = una.reserved;
    pos += edifact::kUnaLength;
  } else if (rest[3] != info_.delimiters.element) {
    report(Severity::kError, "EDIFACT_UNA_MISSING",
           "the " + std::string(rest.substr(0, 3)) + " segment is followed by " +
               describeCharacter(rest[3]) +
               " but there is no UNA service string advice declaring non-default separators: "
               "add a UNA segment or use the default separators (: + . ? ')",
           here(consumed_ + pos));
    return Step::kStop;
  }
  tokenizer_.setDelimiters(info_.delimiters);
  charset_.configure(edifact::CharacterSet::kUnchecked, info_.delimiters);
  mode_ = Mode::kSegments;
  return Step::kProgress;
}

void Reader::Impl::handleSegment(uint32_t code, std::string_view raw, uint64_t offset,
                                 bool terminated, const SegmentTokenizer::Notes& notes) {
  ++segmentCount_;
  const uint64_t startLine = line_;
  segment_.setPosition(offset, startLine, segmentCount_, raw.size() + (terminated ? 1 : 0));
  line_ += notes.lineFeeds;

  // A file whose terminator is a line break often lacks the final one; that
  // is how text editors save files, not a sign of truncation.
  const char term = info_.delimiters.segment;
  if (!terminated && term != '\n' && term != '\r') {
    report(Severity::kWarning, "EDI_UNTERMINATED_SEGMENT",
           "the input ends with segment " + quoteValue(segment_.tag()) +
               " but without its segment terminator " +
               describeCharacter(info_.delimiters.segment) +
               ": add the terminator (if the segment itself is cut short, the file was "
               "truncated)",
           segment_.locate());
  }
  if (notes.lineBreakInside && !notedLineBreaks_) {
    notedLineBreaks_ = true;
    report(Severity::kWarning, "EDI_LINE_BREAK_IN_SEGMENT",
           "a line break occurs inside a segment (the file was probably hard-wrapped at a fixed "
           "width); line breaks that are not delimiters were removed",
           segment_.locate());
  }
  if (notes.releasedOrdinary >= 0 && !notedRelease_) {
    notedRelease_ = true;
    Location loc = segment_.locate();
    loc.byteOffset = offset + static_cast<uint64_t>(notes.releasedOrdinary);
    report(Severity::kWarning, "EDIFACT_RELEASE_NOT_DELIMITER",
           "the release character " + describeCharacter(info_.delimiters.release) +
               " precedes a character that is not a separator; only separators and the "
               "release character itself may be released. The character was kept as data",
           loc);
  }
  if (notes.danglingRelease) {
    report(Severity::kError, "EDIFACT_DANGLING_RELEASE",
           "the segment ends with a release character that releases nothing: remove it or "
           "add the character it should release",
           segment_.locate());
  }
  const std::string_view tag = segment_.tag();
  lastTagCode_ = code;
  if (code == 0) {
    report(Severity::kError, "EDI_BAD_SEGMENT_TAG",
           "segment tag " + quoteValue(tag) +
               " is not 2 or 3 upper-case letters or digits: the segment is damaged or a "
               "delimiter is missing before it",
           segment_.locate());
  }
  if (standard_ == Standard::kX12) {
    dispatchX12(code);
  } else {
    dispatchEdifact(code, raw);
  }
}

void Reader::Impl::closeTransaction(const char* reason) {
  if (!transactionOpen_) return;
  transactionOpen_ = false;
  const bool x12 = standard_ == Standard::kX12;
  Location loc = lastSegment();
  report(Severity::kError, x12 ? "X12_MISSING_SE" : "EDIFACT_MISSING_UNT",
         std::string("the ") + (x12 ? "transaction set" : "message") + " that starts at segment " +
             std::to_string(transactionStart_) + " has no " + (x12 ? "SE" : "UNT") + " trailer (" +
             reason + "): the file is truncated or the trailer was lost",
         loc);
  handler_.onTransactionEnd(nullptr);
}

void Reader::Impl::closeGroup(const char* reason) {
  closeTransaction(reason);
  if (!groupOpen_) return;
  groupOpen_ = false;
  const bool x12 = standard_ == Standard::kX12;
  report(Severity::kError, x12 ? "X12_MISSING_GE" : "EDIFACT_MISSING_UNE",
         std::string("the functional group that starts at segment ") + std::to_string(groupStart_) +
             " has no " + (x12 ? "GE" : "UNE") + " trailer (" + reason +
             "): the file is truncated or the trailer was lost",
         lastSegment());
  handler_.onGroupEnd(nullptr);
}

void Reader::Impl::closeInterchange(const char* reason) {
  closeGroup(reason);
  if (!interchangeOpen_) return;
  interchangeOpen_ = false;
  if (info_.hasHeader) {
    const bool x12 = standard_ == Standard::kX12;
    report(Severity::kError, x12 ? "X12_MISSING_IEA" : "EDIFACT_MISSING_UNZ",
           std::string("the interchange that starts at segment ") +
               std::to_string(interchangeStart_) + " has no " + (x12 ? "IEA" : "UNZ") +
               " trailer (" + reason + "): the file is truncated or the trailer was lost",
           lastSegment());
  }
  handler_.onInterchangeEnd(nullptr);
}

void Reader::Impl::closeAll(const char* reason) { closeInterchange(reason); }

void Reader::Impl::dispatchX12(uint32_t code) {
  const Segment& s = segment_;
  const std::string_view tag = s.tag();
  // Body segments are nearly all of the input: envelope tags all start with
  // I, G or S, so one test sends most segments straight on.
  const uint32_t first = code >> (code > 0xFFFF ? 16 : 8);
  if (transactionOpen_ && first != 'I' && first != 'G' && first != 'S') {
    handler_.onSegment(s);
    return;
  }
  if (code == kISA) {
    closeAll("a new ISA started");
    interchangeOpen_ = true;
    sawInterchange_ = true;
    interchangeStart_ = s.index();
    handler_.onInterchangeStart(info_, s);
  } else if (code == kGS) {
    closeGroup("a new GS started");
    groupOpen_ = true;
    groupStart_ = s.index();
    handler_.onGroupStart(s);
  } else if (code == kST) {
    closeTransaction("a new ST started");
    if (!groupOpen_) {
      report(Severity::kError, "X12_SEGMENT_OUTSIDE_GROUP",
             "transaction set header ST is not inside a functional group (GS ... GE): add "
             "the GS segment before it",
             s.locate());
    }
    transactionOpen_ = true;
    transactionStart_ = s.index();
    handler_.onTransactionStart(s);
  } else if (code == kSE) {
    if (transactionOpen_) {
      transactionOpen_ = false;
      handler_.onTransactionEnd(&s);
    } else {
      report(Severity::kError, "X12_UNEXPECTED_TRAILER",
             "SE trailer without a transaction set header ST before it", s.locate());
      handler_.onSegment(s);
    }
  } else if (code == kGE) {
    closeTransaction("GE came first");
    if (groupOpen_) {
      groupOpen_ = false;
      handler_.onGroupEnd(&s);
    } else {
      report(Severity::kError, "X12_UNEXPECTED_TRAILER",
             "GE trailer without a functional group header GS before it", s.locate());
      handler_.onSegment(s);
    }
  } else if (code == kIEA) {
    closeGroup("IEA came first");
    interchangeOpen_ = false;
    handler_.onInterchangeEnd(&s);
    mode_ = Mode::kSeekHeader;
  } else if (transactionOpen_) {
    handler_.onSegment(s);
  } else {
    if (groupOpen_) {
      report(Severity::kError, "X12_SEGMENT_OUTSIDE_TRANSACTION",
             "segment " + std::string(tag) +
                 " is inside a functional group but outside any transaction set (ST ... SE)",
             s.locate());
    } else if (code != kTA1 && code != kISB && code != kISE) {
      report(Severity::kError, "X12_SEGMENT_OUTSIDE_GROUP",
             "segment " + std::string(tag) +
                 " is outside any functional group; only TA1, ISB and ISE may appear "
                 "directly inside an interchange",
             s.locate());
    }
    handler_.onSegment(s);
  }
}

void Reader::Impl::onUnb(std::string_view raw) {
  const Segment& s = segment_;
  const std::string_view syntax = s.elementCount() > 0 ? s.value(0, 0, 0) : std::string_view();
  const std::string_view version =
      s.elementCount() > 0 && s.componentCount(0) > 1 ? s.value(0, 0, 1) : std::string_view();
  // Syntax version 4 has a repetition separator: UNA5, or '*' by default.
  if (version == "4") {
    char repetition = info_.serviceStringAdvice ? unaReserved_ : '*';
    if (repetition == ' ') repetition = 0;
    const Delimiters& d = info_.delimiters;
    if (repetition != d.element && repetition != d.component && repetition != d.segment &&
        repetition != d.release) {
      info_.delimiters.repetition = repetition;
      tokenizer_.setDelimiters(info_.delimiters);
    }
  }
  charset_.configure(edifact::characterSetFor(syntax), info_.delimiters);
  charsetName_ = std::string(syntax);
  // The UNB itself is written in the declared repertoire too.
  checkCharset(raw);
}

void Reader::Impl::checkCharset(std::string_view raw) {
  const edifact::CharsetViolation v = charset_.check(raw);
  if (!v.found) return;
  const Segment& s = segment_;
  Location loc = s.locate();
  loc.byteOffset = s.byteOffset() + v.offset;
  const std::string set(s.tag() == "UNB" ? std::string(s.value(0, 0, 0)) : charsetName_);
  if (v.lowerCaseOnly) {
    if (notedLowerCase_) return;
    notedLowerCase_ = true;
    report(Severity::kWarning, "EDIFACT_CHARSET_LOWER_CASE",
           "segment " + std::string(s.tag()) + " contains lower-case letters (" + v.what +
               "), which character set UNOA does not include; most receivers accept them, "
               "strict ones reject the interchange: declare UNOB or UNOC in UNB",
           loc);
    return;
  }
  report(Severity::kError, "EDIFACT_CHARSET",
         "segment " + std::string(s.tag()) + " contains " + v.what +
             ", which the character set declared in UNB (" + set +
             ") does not allow: declare a character set that has it (UNOC for Latin-1, UNOY "
             "for UTF-8) or remove the character",
         loc);
}

void Reader::Impl::dispatchEdifact(uint32_t code, std::string_view raw) {
  const Segment& s = segment_;
  const std::string_view tag = s.tag();
  if (charset_.set() != edifact::CharacterSet::kUnchecked && code != kUNB) {
    checkCharset(raw);
  }
  // Service segments all start with 'U'; everything else inside a message
  // goes straight on.
  if (transactionOpen_ && (code >> 16) != 'U') {
    handler_.onSegment(s);
    return;
  }

  if (code == kUNB) {
    closeAll("a new UNB started");
    interchangeOpen_ = true;
    sawInterchange_ = true;
    info_.hasHeader = true;
    interchangeStart_ = s.index();
    onUnb(raw);
    // onUnb may have set a repetition separator: split the header again so
    // it carries it.
    if (info_.delimiters.repetition != 0) segment_.resplit();
    handler_.onInterchangeStart(info_, segment_);
  } else if (code == kUNG) {
    if (!interchangeOpen_) {
      report(Severity::kError, "EDIFACT_SEGMENT_OUTSIDE_INTERCHANGE",
             "group header UNG is outside any interchange (UNB ... UNZ)", s.locate());
      handler_.onSegment(s);
      return;
    }
    closeGroup("a new UNG started");
    groupOpen_ = true;
    groupStart_ = s.index();
    handler_.onGroupStart(s);
  } else if (code == kUNH) {
    closeTransaction("a new UNH started");
    if (!interchangeOpen_) {
      report(Severity::kError, "EDIFACT_MISSING_UNB",
             "message header UNH is not inside an interchange: the interchange header UNB "
             "(sender, recipient, control reference) is missing, so the message cannot be "
             "routed or acknowledged. Wrap the message in UNB ... UNZ",
             s.locate());
      interchangeOpen_ = true;
      sawInterchange_ = true;
      info_.hasHeader = false;
      interchangeStart_ = s.index();
      empty_.clear();
      handler_.onInterchangeStart(info_, empty_);
    }
    transactionOpen_ = true;
    transactionStart_ = s.index();
    handler_.onTransactionStart(s);
  } else if (code == kUNT) {
    if (transactionOpen_) {
      transactionOpen_ = false;
      handler_.onTransactionEnd(&s);
    } else {
      report(Severity::kError, "EDIFACT_UNEXPECTED_TRAILER",
             "UNT trailer without a message header UNH before it", s.locate());
      handler_.onSegment(s);
    }
  } else if (code == kUNE) {
    closeTransaction("UNE came first");
    if (groupOpen_) {
      groupOpen_ = false;
      handler_.onGroupEnd(&s);
    } else {
      report(Severity::kError, "EDIFACT_UNEXPECTED_TRAILER",
             "UNE trailer without a group header UNG before it", s.locate());
      handler_.onSegment(s);
    }
  } else if (code == kUNZ) {
    closeGroup("UNZ came first");
    if (interchangeOpen_ && info_.hasHeader) {
      interchangeOpen_ = false;
      handler_.onInterchangeEnd(&s);
    } else {
      closeInterchange("UNZ came first");
      report(Severity::kError, "EDIFACT_UNEXPECTED_TRAILER",
             "UNZ trailer without an interchange header UNB before it", s.locate());
      handler_.onSegment(s);
    }
    mode_ = Mode::kSeekHeader;
  } else if (transactionOpen_) {
    handler_.onSegment(s);
  } else {
    report(Severity::kError,
           interchangeOpen_ ? "EDIFACT_SEGMENT_OUTSIDE_MESSAGE"
                            : "EDIFACT_SEGMENT_OUTSIDE_INTERCHANGE",
           "segment " + std::string(tag) + " is outside any message (UNH ... UNT)", s.locate());
    handler_.onSegment(s);
  }
}

Reader::Reader(EventHandler& handler, ReaderOptions options)
    : impl_(std::make_unique<Impl>(handler, options)) {}
Reader::~Reader() = default;
void Reader::feed(std::string_view bytes) { impl_->feed(bytes); }
void Reader::finish() { impl_->finish(); }
bool Reader::stopped() const { return impl_->stopped(); }
uint64_t Reader::bytesFed() const { return impl_->bytesFed(); }
uint64_t Reader::segmentCount() const { return impl_->segmentCount(); }

core::Status readFd(int fd, EventHandler& handler, ReaderOptions options) {
  Reader reader(handler, options);
  std::vector<char> buffer(options.readChunkBytes);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::Status::ioError(std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) break;
    reader.feed(std::string_view(buffer.data(), static_cast<size_t>(n)));
    if (reader.stopped()) break;
  }
  reader.finish();
  return core::Status::ok();
}

core::Status readStream(std::istream& in, EventHandler& handler, ReaderOptions options) {
  Reader reader(handler, options);
  std::vector<char> buffer(options.readChunkBytes);
  while (in && !reader.stopped()) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    reader.feed(std::string_view(buffer.data(), static_cast<size_t>(n)));
  }
  if (in.bad()) return core::Status::ioError("read failed on the input stream");
  reader.finish();
  return core::Status::ok();
}

core::Status readPath(const std::string& path, EventHandler& handler, ReaderOptions options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return core::Status::ioError("cannot open '" + path + "': " + std::strerror(errno));
  }
  core::Status status = readFd(fd, handler, options);
  ::close(fd);
  if (!status.isOk()) {
    return core::Status::ioError("cannot read '" + path + "': " + status.message());
  }
  return status;
}

}  // namespace bridge::parsers::edi

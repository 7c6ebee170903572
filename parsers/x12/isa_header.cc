#include "parsers/x12/isa_header.h"

#include <cctype>

#include "parsers/edi/quote.h"

namespace bridge::parsers::x12 {

namespace {

// How far to look for the 16 element separators. A padded ISA is 106 bytes;
// room is left for line breaks and over-long ids, which are reported later.
constexpr size_t kMaxIsaScan = 400;

bool isLineBreak(char c) { return c == '\r' || c == '\n'; }

bool isUsableDelimiter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return !std::isalnum(u) && c != ' ' && !isLineBreak(c) && c != '\0';
}

}  // namespace

IsaHeader detectIsaHeader(std::string_view bytes, bool atEnd) {
  IsaHeader out;
  if (bytes.size() < 4) {
    if (atEnd) {
      out.state = IsaHeader::State::kMalformed;
      out.problem = "the input ends inside the ISA segment";
    }
    return out;
  }
  const char element = bytes[3];
  if (!isUsableDelimiter(element)) {
    out.state = IsaHeader::State::kMalformed;
    out.problem = "the character after 'ISA' (" + edi::describeCharacter(element) +
                  ") cannot be an element separator";
    return out;
  }

  // Walk to the 16th element separator, remembering where ISA11/ISA12 start.
  int separators = 1;
  size_t isa11 = 0, isa12 = 0, isa12End = 0;
  size_t i = 4;
  size_t lineBreaks = 0;
  const size_t limit = bytes.size() < kMaxIsaScan ? bytes.size() : kMaxIsaScan;
  for (; i < limit && separators < 16; ++i) {
    if (bytes[i] == element) {
      ++separators;
      if (separators == 11) isa11 = i + 1;
      if (separators == 12) isa12 = i + 1;
      if (separators == 13) isa12End = i;
    } else if (isLineBreak(bytes[i])) {
      ++lineBreaks;
    }
  }
  if (separators < 16) {
    if (bytes.size() >= kMaxIsaScan || atEnd) {
      out.state = IsaHeader::State::kMalformed;
      out.problem = "only " + std::to_string(separators) +
                    " of the 16 ISA element separators were found" +
                    (atEnd ? " before the input ended" : " in the first 400 bytes");
    }
    return out;
  }
  // i is just past the 16th separator: ISA16 then the terminator.
  if (i + 1 >= bytes.size()) {
    if (atEnd) {
      out.state = IsaHeader::State::kMalformed;
      out.problem = "the input ends before the ISA segment terminator";
    }
    return out;
  }
  const char component = bytes[i];
  const char terminator = bytes[i + 1];
  if (!isUsableDelimiter(component)) {
    out.state = IsaHeader::State::kMalformed;
    out.problem = "ISA16, the component separator, is " + edi::describeCharacter(component) +
                  ", which cannot be a delimiter";
    return out;
  }
  if (std::isalnum(static_cast<unsigned char>(terminator)) || terminator == ' ' ||
      terminator == '\0') {
    out.state = IsaHeader::State::kMalformed;
    out.problem = "the segment terminator after ISA16 is " + edi::describeCharacter(terminator) +
                  ", which cannot be a delimiter";
    return out;
  }
  if (terminator == element || terminator == component || component == element) {
    out.state = IsaHeader::State::kMalformed;
    out.problem = "the ISA declares the same character for two delimiters (element " +
                  edi::describeCharacter(element) + ", component " +
                  edi::describeCharacter(component) + ", segment terminator " +
                  edi::describeCharacter(terminator) + ")";
    return out;
  }

  out.delimiters.element = element;
  out.delimiters.component = component;
  out.delimiters.segment = terminator;
  // ISA11 is the repetition separator from version 00402 on; before that it
  // is the standards identifier ('U').
  const std::string_view version = bytes.substr(isa12, isa12End - isa12);
  const char isa11Char = bytes[isa11];
  if (version >= "00402" && isa12 - isa11 == 2 && isUsableDelimiter(isa11Char) &&
      isa11Char != element && isa11Char != component && isa11Char != terminator) {
    out.delimiters.repetition = isa11Char;
  }
  out.extent = i + 2;
  out.logicalLength = out.extent - lineBreaks;
  out.state = IsaHeader::State::kFound;
  return out;
}

}  // namespace bridge::parsers::x12

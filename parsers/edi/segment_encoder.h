// SegmentEncoder: turns one segment into X12 or EDIFACT bytes with a given set
// of delimiters. The envelope logic (counts, trailers, UNA) lives in Writer;
// this is the byte-level half shared by every way of writing.
//
// X12 has no release character, so a value that contains a delimiter cannot be
// written: encode() refuses it with an error that names the segment, element
// and character. EDIFACT values are escaped with the release character; an
// EDIFACT interchange without one is treated like X12. In both standards a CR
// or LF inside a value is refused, because readers drop stray line breaks
// (hard-wrapped files) and the value would not read back the same.
//
// Trailing empty elements and components are written exactly as given, so a
// segment read and written again yields the same bytes.
//
// Thread-safety: immutable after construction; encode() may be called from
// several threads on distinct output strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::edi {

// True when an EDIFACT reader would assume these delimiters without UNA.
// The decimal mark and the repetition separator (fixed at '*' from syntax
// version 4) do not decide it.
bool isDefaultEdifact(const Delimiters& delimiters);

// The nine bytes "UNA:+.? '": component, element, decimal mark, release,
// repetition (a space when unused) and terminator.
std::string serviceStringAdvice(const Delimiters& delimiters);

// Ok when the delimiters can frame segments: element and segment set, no two
// delimiters equal, none a letter or digit. The message names the clash.
core::Status checkDelimiters(Standard standard, const Delimiters& delimiters);

// "'*'", "LF", "0x01": a delimiter as a human reads it in a message.
std::string describeChar(char c);

class SegmentEncoder {
 public:
  SegmentEncoder() = default;
  // REQUIRES: checkDelimiters(standard, delimiters).isOk().
  SegmentEncoder(Standard standard, const Delimiters& delimiters, bool lineBreaks);

  // Appends the segment, its terminator and (with lineBreaks) a LF to `out`.
  // `position` is the 1-based position of the segment in the output, used in
  // error messages. With `fixedWidthHeader` (the X12 ISA) only the element
  // separator splits the segment: ISA11 and ISA16 carry the other delimiters
  // as data. On error, `out` is left as it was.
  core::Status encode(const Segment& segment, uint64_t position, std::string& out,
                      bool fixedWidthHeader = false) const;

  // Appends raw service bytes (UNA) followed by the optional line break.
  void appendRaw(std::string_view bytes, std::string& out) const;

  Standard standard() const { return standard_; }
  const Delimiters& delimiters() const { return delimiters_; }

 private:
  // Appends `value`, escaped for EDIFACT, or returns an error naming `where`.
  core::Status appendValue(std::string_view value, const core::Location& where,
                           bool fixedWidthHeader, std::string& out) const;

  Standard standard_ = Standard::kUnknown;
  Delimiters delimiters_;
  bool lineBreaks_ = false;
};

}  // namespace bridge::parsers::edi

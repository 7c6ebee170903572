// SegmentTokenizer: splits the bytes of one complete segment (terminator
// excluded) into tag, elements, repetitions and components.
//
// The common case (no release character, no line break inside the segment)
// is zero-copy: the Segment's views point into the caller's bytes. A segment
// that holds release characters or stray CR/LF (hard-wrapped files) is
// rebuilt into an internal scratch buffer with those removed; its views point
// there. Either way the views stay valid until the next tokenize() call.
//
// Thread-safety: one tokenizer per reader.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"

namespace bridge::parsers::edi {

class SegmentTokenizer {
 public:
  // What tokenize() noticed about the segment's raw bytes.
  struct Notes {
    bool lineBreakInside = false;   // a CR/LF that is not a delimiter was removed
    uint32_t lineFeeds = 0;         // LF bytes inside the segment (for line counting)
    int64_t releasedOrdinary = -1;  // offset of a release char before a non-delimiter
    bool danglingRelease = false;   // a release char as the very last byte
  };

  void setDelimiters(const Delimiters& delimiters);
  const Delimiters& delimiters() const { return delimiters_; }

  // Tokenizes `raw` into `out`. With `elementsOnly`, only the element
  // separator splits (the X12 ISA carries the other delimiters as data).
  Notes tokenize(std::string_view raw, Segment& out, bool elementsOnly = false);

 private:
  enum ByteClass : uint8_t {
    kPlain = 0,
    kElement,
    kComponent,
    kRepetition,
    kRelease,
    kLineBreak,
  };

  void tokenizeCopying(std::string_view raw, Segment& out, bool elementsOnly, Notes& notes);

  Delimiters delimiters_;
  std::array<uint8_t, 256> classes_{};
  std::string scratch_;
};

}  // namespace bridge::parsers::edi

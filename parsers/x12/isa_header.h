// Detection of an X12 interchange's delimiters from its ISA segment.
//
// The ISA is fixed-width: the element separator is byte 3, the component
// separator is ISA16 and the segment terminator the byte after it; from
// version 00402 ISA11 is the repetition separator. Real files bend the rule
// (unpadded ids, hard-wrapped lines), so the fields are found by counting
// element separators, ignoring CR/LF, and the length is checked separately.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"

namespace bridge::parsers::x12 {

// The standard length of an ISA segment, terminator included.
inline constexpr size_t kIsaLength = 106;

struct IsaHeader {
  enum class State {
    kFound,      // delimiters and extent are known
    kNeedMore,   // `bytes` ends before the header does
    kMalformed,  // not a usable ISA; `problem` says why
  };
  State state = State::kNeedMore;
  edi::Delimiters delimiters;
  size_t extent = 0;         // raw bytes from 'I' to the terminator, inclusive
  size_t logicalLength = 0;  // the same without embedded CR/LF (106 when standard)
  std::string problem;
};

// REQUIRES: `bytes` starts with "ISA". `atEnd` says no more bytes will come.
IsaHeader detectIsaHeader(std::string_view bytes, bool atEnd);

}  // namespace bridge::parsers::x12

// Value rules shared by the X12 and EDIFACT envelope validators: digit
// strings, calendar dates, clock times, and element access that never reads
// out of range.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"

namespace bridge::parsers::edi {

bool isDigits(std::string_view value);  // non-empty and only 0-9

// The value as an unsigned number, when it is 1 to 18 digits.
std::optional<uint64_t> parseCount(std::string_view value);

// Both are digit strings that name the same number ("3438" and "000003438").
bool sameNumber(std::string_view a, std::string_view b);

// YYMMDD (6 digits) or CCYYMMDD (8 digits) naming a real calendar day. A
// two-digit year is taken as 20YY for the leap-year rule, as X12 and EDIFACT
// readers conventionally do.
bool isCalendarDate(std::string_view value);

// A YYMMDD date with its century added, for suggestions in messages: years
// 69-99 become 19YY, 00-68 become 20YY (the POSIX %y convention).
// REQUIRES: yymmdd is 6 digits.
std::string withCentury(std::string_view yymmdd);

// HHMM, optionally followed by SS and then by up to `maxDecimals` digits of
// decimal seconds; hours 00-23, minutes and seconds 00-59.
bool isClockTime(std::string_view value, bool allowSeconds, size_t maxDecimals);

// Component `component` of the first repetition of element `element` (both
// 0-based), or "" when the segment does not have it.
std::string_view componentOf(const Segment& segment, size_t element, size_t component);

// The element's whole text as it appeared on the wire: repetitions and
// components joined again with the interchange's separators. Used for the
// fixed-width X12 ISA, whose fields must be measured whole.
std::string rawElement(const Segment& segment, size_t element, const Delimiters& delimiters);

}  // namespace bridge::parsers::edi

// Implied decimals of fixed-width numbers: the file holds only digits
// ("00000012345"), and the position of the decimal point is part of the
// layout (decimals: 2), so the record document holds "123.45".
//
// A leading minus sign is allowed on both sides ("-0000012345" <-> "-123.45");
// a leading plus is accepted on reading and dropped. Values are never rounded:
// a value with more decimals than the field holds is refused unless the extra
// digits are zeros.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bridge::parsers::flat {

// The decimal number in field text `raw` (padding spaces around it and the
// pad character after the sign are ignored). "" for a blank field; nullopt
// when the text is not an optional sign followed by digits.
std::optional<std::string> applyImpliedDecimals(std::string_view raw, unsigned decimals, char pad);

// The digits a decimal number is written with: "123.45" with 2 decimals ->
// {false, "12345"}, "-1.5" -> {true, "150"}, "7" -> {false, "700"}.
struct ImpliedDigits {
  bool negative = false;
  std::string digits;  // no leading zeros beyond the one of a zero value
};

// Nullopt with `problem` set when `value` is not a plain decimal number
// (optional sign, digits, optional '.' and digits) or has too many decimals.
std::optional<ImpliedDigits> removeImpliedDecimals(std::string_view value, unsigned decimals,
                                                   std::string& problem);

}  // namespace bridge::parsers::flat

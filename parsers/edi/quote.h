// How untrusted input appears inside finding and error messages: values in
// quotes with control and non-ASCII bytes escaped, single characters by name,
// counts with their nouns.
// Every message of the readers, validators and writers uses these, so the
// same byte reads the same everywhere.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bridge::parsers::edi {

// How many bytes of a value a message shows before cutting it with "...".
inline constexpr size_t kQuotedMaxBytes = 40;

// The value in single quotes: bytes below 0x20 and from 0x7F on are shown as
// \xNN, and a value longer than maxBytes is cut with "...".
std::string quoteValue(std::string_view value, size_t maxBytes = kQuotedMaxBytes);

// "1 message", "3 messages": a count with its noun for messages.
std::string plural(uint64_t n, const char* singular, const char* pluralForm);

// One character by name: "CR", "LF", "space", "'*'", or "byte 0x89".
std::string describeCharacter(char c);

}  // namespace bridge::parsers::edi

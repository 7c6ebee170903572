// EDIFACT service-level syntax: the UNA service string advice, the default
// delimiters, and the character repertoires named by the UNB syntax
// identifier (ISO 9735).
//
// Thread-safety: pure functions and immutable tables.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"

namespace bridge::parsers::edifact {

// "UNA" followed by six service characters.
inline constexpr size_t kUnaLength = 9;

// ':' '+' '.' '?' '\'' and no repetition separator (syntax versions 1-3).
edi::Delimiters defaultDelimiters();

struct ServiceStringAdvice {
  bool ok = false;
  edi::Delimiters delimiters;
  char reserved = ' ';  // UNA5: reserved in syntax 1-3, the repetition separator in syntax 4
  std::string problem;  // set when !ok
};

// REQUIRES: una.size() >= kUnaLength and starts with "UNA".
ServiceStringAdvice parseServiceStringAdvice(std::string_view una);

// Which bytes a syntax identifier allows in data.
enum class CharacterSet {
  kUnchecked,  // single-byte sets (UNOC..UNOK, UNOX) and unknown identifiers: any byte
  kLevelA,     // UNOA: upper-case letters, digits, space and . , - ( ) / = ! " % & * ; < > ' + : ?
  kLevelB,     // UNOB: ISO 646 printable characters
  kUtf8,       // UNOW, UNOY: well-formed UTF-8
};

CharacterSet characterSetFor(std::string_view syntaxIdentifier);

struct CharsetViolation {
  bool found = false;
  size_t offset = 0;  // of the first offending byte in the checked text
  std::string what;   // "byte 0xC3" / "'a'" / "invalid UTF-8 sequence"
  // UNOA only: the segment's sole problem is lower-case letters, which many
  // partners send under UNOA and most receivers accept.
  bool lowerCaseOnly = false;
};

// Checks raw segment bytes against a repertoire. The interchange's service
// characters are always allowed, so raw bytes can be checked without
// tokenizing.
class CharacterChecker {
 public:
  void configure(CharacterSet set, const edi::Delimiters& delimiters);
  CharacterSet set() const { return set_; }
  CharsetViolation check(std::string_view raw) const;

 private:
  CharacterSet set_ = CharacterSet::kUnchecked;
  std::array<bool, 256> allowed_{};
};

}  // namespace bridge::parsers::edifact

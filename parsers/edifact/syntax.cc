#include "parsers/edifact/syntax.h"

#include <array>
#include <cctype>

#include "parsers/edi/quote.h"

namespace bridge::parsers::edifact {

namespace {

std::array<bool, 256> levelATable() {
  std::array<bool, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (char c : std::string_view(" .,-()/='+:?!\"%&*;<>")) t[static_cast<unsigned char>(c)] = true;
  return t;
}

std::array<bool, 256> levelBTable() {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = true;
  return t;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 when it is not one.
size_t utf8SequenceLength(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

bool isServiceCharacterCandidate(char c) {
  const auto u = static_cast<unsigned char>(c);
  return !std::isalnum(u) && u >= 0x20 && u < 0x7F;
}

}  // namespace

edi::Delimiters defaultDelimiters() {
  edi::Delimiters d;
  d.component = ':';
  d.element = '+';
  d.decimal = '.';
  d.release = '?';
  d.segment = '\'';
  return d;
}

ServiceStringAdvice parseServiceStringAdvice(std::string_view una) {
  ServiceStringAdvice out;
  const char component = una[3], element = una[4], decimal = una[5], release = una[6];
  out.reserved = una[7];
  const char segment = una[8];
  for (char c : {component, element, segment}) {
    if (!isServiceCharacterCandidate(c) && c != '\r' && c != '\n') {
      out.problem = "UNA declares " + edi::describeCharacter(c) +
                    " as a separator; separators must be punctuation characters";
      return out;
    }
  }
  if (component == element || component == segment || element == segment) {
    out.problem = "UNA declares the same character for two separators (component '" +
                  std::string(1, component) + "', element '" + std::string(1, element) +
                  "', segment '" + std::string(1, segment) + "')";
    return out;
  }
  if (release != ' ' && !isServiceCharacterCandidate(release)) {
    out.problem = "UNA declares " + edi::describeCharacter(release) +
                  " as the release character; it must be a punctuation character or a space";
    return out;
  }
  if (release != ' ' && (release == component || release == element || release == segment)) {
    out.problem = "UNA declares the release character '" + std::string(1, release) +
                  "' that is also a separator";
    return out;
  }
  if (decimal != '.' && decimal != ',') {
    out.problem =
        "UNA3, the decimal mark, is " + edi::describeCharacter(decimal) + "; it must be '.' or ','";
    return out;
  }
  out.delimiters.component = component;
  out.delimiters.element = element;
  out.delimiters.decimal = decimal;
  out.delimiters.release = release == ' ' ? 0 : release;
  out.delimiters.segment = segment;
  out.ok = true;
  return out;
}

CharacterSet characterSetFor(std::string_view id) {
  if (id == "UNOA") return CharacterSet::kLevelA;
  if (id == "UNOB") return CharacterSet::kLevelB;
  if (id == "UNOW" || id == "UNOY") return CharacterSet::kUtf8;
  return CharacterSet::kUnchecked;
}

void CharacterChecker::configure(CharacterSet set, const edi::Delimiters& delimiters) {
  set_ = set;
  if (set == CharacterSet::kLevelA) allowed_ = levelATable();
  if (set == CharacterSet::kLevelB) allowed_ = levelBTable();
  // Line breaks between and inside segments are layout, reported elsewhere.
  allowed_['\r'] = allowed_['\n'] = true;
  for (char c : {delimiters.element, delimiters.component, delimiters.repetition,
                 delimiters.release, delimiters.segment}) {
    if (c != 0) allowed_[static_cast<unsigned char>(c)] = true;
  }
}

CharsetViolation CharacterChecker::check(std::string_view raw) const {
  CharsetViolation out;
  switch (set_) {
    case CharacterSet::kUnchecked:
      return out;
    case CharacterSet::kLevelA:
    case CharacterSet::kLevelB: {
      size_t firstLower = std::string_view::npos;
      for (size_t i = 0; i < raw.size(); ++i) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (allowed_[c]) continue;
        if (set_ == CharacterSet::kLevelA && c >= 'a' && c <= 'z') {
          if (firstLower == std::string_view::npos) firstLower = i;
          continue;
        }
        out.found = true;
        out.offset = i;
        out.what = edi::describeCharacter(static_cast<char>(c));
        return out;
      }
      if (firstLower != std::string_view::npos) {
        out.found = true;
        out.lowerCaseOnly = true;
        out.offset = firstLower;
        out.what = edi::describeCharacter(raw[firstLower]);
      }
      return out;
    }
    case CharacterSet::kUtf8:
      for (size_t i = 0; i < raw.size();) {
        const size_t len = utf8SequenceLength(raw, i);
        if (len == 0) {
          out.found = true;
          out.offset = i;
          out.what = "an invalid UTF-8 sequence starting with " + edi::describeCharacter(raw[i]);
          return out;
        }
        i += len;
      }
      return out;
  }
  return out;
}

}  // namespace bridge::parsers::edifact

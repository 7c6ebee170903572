#include "parsers/edi/value_rules.h"

namespace bridge::parsers::edi {

namespace {

int twoDigits(std::string_view value, size_t at) {
  return (value[at] - '0') * 10 + (value[at + 1] - '0');
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

bool isDigits(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<uint64_t> parseCount(std::string_view value) {
  if (!isDigits(value) || value.size() > 18) return std::nullopt;
  uint64_t result = 0;
  for (char c : value) result = result * 10 + static_cast<uint64_t>(c - '0');
  return result;
}

bool sameNumber(std::string_view a, std::string_view b) {
  if (!isDigits(a) || !isDigits(b)) return false;
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  return a == b;
}

bool isCalendarDate(std::string_view value) {
  if (!isDigits(value) || (value.size() != 6 && value.size() != 8)) return false;
  int year = 0;
  size_t monthAt = 2;
  if (value.size() == 8) {
    year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
    monthAt = 4;
  } else {
    year = 2000 + twoDigits(value, 0);
  }
  int month = twoDigits(value, monthAt);
  int day = twoDigits(value, monthAt + 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  int maxDay = kDays[month - 1] + (month == 2 && isLeapYear(year) ? 1 : 0);
  return day <= maxDay;
}

std::string withCentury(std::string_view yymmdd) {
  return (twoDigits(yymmdd, 0) >= 69 ? "19" : "20") + std::string(yymmdd);
}

bool isClockTime(std::string_view value, bool allowSeconds, size_t maxDecimals) {
  if (!isDigits(value) || value.size() < 4) return false;
  if (twoDigits(value, 0) > 23 || twoDigits(value, 2) > 59) return false;
  if (value.size() == 4) return true;
  if (!allowSeconds || value.size() < 6) return false;
  if (twoDigits(value, 4) > 59) return false;
  return value.size() - 6 <= maxDecimals;
}

std::string_view componentOf(const Segment& segment, size_t element, size_t component) {
  if (element >= segment.elementCount()) return {};
  if (segment.repetitionCount(element) == 0) return {};
  if (component >= segment.componentCount(element, 0)) return {};
  return segment.value(element, 0, component);
}

std::string rawElement(const Segment& segment, size_t element, const Delimiters& delimiters) {
  std::string out;
  if (element >= segment.elementCount()) return out;
  for (size_t r = 0; r < segment.repetitionCount(element); ++r) {
    if (r > 0 && delimiters.repetition != 0) out += delimiters.repetition;
    for (size_t c = 0; c < segment.componentCount(element, r); ++c) {
      if (c > 0 && delimiters.component != 0) out += delimiters.component;
      out += segment.value(element, r, c);
    }
  }
  return out;
}

}  // namespace bridge::parsers::edi

#include "mappings/engine/transforms.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bridge::mappings {
namespace {

using core::Result;
using core::Status;
using nlohmann::json;

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int digitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

bool leapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool validDate(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int last = kDays[month - 1] + (month == 2 && leapYear(year) ? 1 : 0);
  return day <= last;
}

// Two-digit years: 00-49 are this century, 50-99 the last one, the usual
// window for order and shipping dates.
int expandYear(int yy) { return yy < 50 ? 2000 + yy : 1900 + yy; }

struct DateTimeParts {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0, second = -1;
};

std::string pad2(int value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}
std::string pad4(int value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d", value);
  return buffer;
}

Status badValue(const json& value, std::string_view expected) {
  return Status::invalidArgument("value '" + scalarText(value) + "' is not " +
                                 std::string(expected));
}

// Canonical format names: "CCYYMMDD" also as EDIFACT 102, and so on.
std::string_view canonicalFormat(std::string_view format) {
  if (format == "102") return "CCYYMMDD";
  if (format == "101") return "YYMMDD";
  if (format == "203") return "CCYYMMDDHHMM";
  if (format == "204") return "CCYYMMDDHHMMSS";
  if (format == "201") return "YYMMDDHHMM";
  return format;
}

// Parses EDI date/time text in `format` (or by length for "auto").
bool parseEdiDateTime(std::string_view text, std::string_view format, DateTimeParts& parts) {
  format = canonicalFormat(format);
  if (format == "auto") {
    switch (text.size()) {
      case 6:
        format = "YYMMDD";
        break;
      case 8:
        format = "CCYYMMDD";
        break;
      case 10:
        format = "YYMMDDHHMM";
        break;
      case 12:
        format = "CCYYMMDDHHMM";
        break;
      case 14:
        format = "CCYYMMDDHHMMSS";
        break;
      default:
        return false;
    }
  }
  if (text.size() != format.size() || !allDigits(text)) return false;
  auto field = [&](std::string_view name) -> int {
    const size_t at = format.find(name);
    return at == std::string_view::npos ? -1 : digitsValue(text.substr(at, name.size()));
  };
  if (format.find("CCYY") != std::string_view::npos) {
    parts.year = field("CCYY");
  } else if (format.find("YY") != std::string_view::npos) {
    parts.year = expandYear(field("YY"));
  }
  parts.month = field("MM");
  // "MM" also matches the minutes of "HHMM"; months always come first.
  parts.day = field("DD");
  const size_t hourAt = format.find("HH");
  if (hourAt != std::string_view::npos) {
    parts.hour = digitsValue(text.substr(hourAt, 2));
    parts.minute = digitsValue(text.substr(hourAt + 2, 2));
    if (format.size() >= hourAt + 6 && format.substr(hourAt + 4, 2) == "SS") {
      parts.second = digitsValue(text.substr(hourAt + 4, 2));
    }
  }
  if (parts.month >= 0 && !validDate(parts.year, parts.month, parts.day)) return false;
  if (parts.hour >= 0 && (parts.hour > 23 || parts.minute > 59 || parts.second > 59)) return false;
  return true;
}

bool parseTimeText(std::string_view text, std::string_view format, DateTimeParts& parts) {
  if (text.size() != format.size() || !allDigits(text)) return false;
  parts.hour = digitsValue(text.substr(0, 2));
  parts.minute = digitsValue(text.substr(2, 2));
  if (format.size() >= 6) parts.second = digitsValue(text.substr(4, 2));
  return parts.hour <= 23 && parts.minute <= 59 && parts.second <= 59;
}

// ISO 8601 "YYYY-MM-DD[THH:MM[:SS]...]" or "HH:MM[:SS]".
bool parseIso(std::string_view text, bool withDate, bool withTime, DateTimeParts& parts) {
  size_t pos = 0;
  if (withDate) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
    if (!allDigits(text.substr(0, 4)) || !allDigits(text.substr(5, 2)) ||
        !allDigits(text.substr(8, 2))) {
      return false;
    }
    parts.year = digitsValue(text.substr(0, 4));
    parts.month = digitsValue(text.substr(5, 2));
    parts.day = digitsValue(text.substr(8, 2));
    if (!validDate(parts.year, parts.month, parts.day)) return false;
    pos = 10;
    if (!withTime) return true;  // a date-time given where a date is wanted keeps its date
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return false;
    ++pos;
  }
  const std::string_view time = text.substr(pos);
  if (time.size() < 5 || time[2] != ':' || !allDigits(time.substr(0, 2)) ||
      !allDigits(time.substr(3, 2))) {
    return false;
  }
  parts.hour = digitsValue(time.substr(0, 2));
  parts.minute = digitsValue(time.substr(3, 2));
  if (time.size() >= 8 && time[5] == ':' && allDigits(time.substr(6, 2))) {
    parts.second = digitsValue(time.substr(6, 2));
  }
  return parts.hour <= 23 && parts.minute <= 59 && parts.second <= 59;
}

std::string formatEdi(const DateTimeParts& parts, std::string_view format) {
  format = canonicalFormat(format);
  std::string out(format);
  auto put = [&](std::string_view name, const std::string& text) {
    const size_t at = out.find(name);
    if (at != std::string::npos) out.replace(at, name.size(), text);
  };
  // Order matters: "CCYY" before "YY", the date's "MM" before the minutes.
  if (out.find("CCYY") != std::string::npos) {
    put("CCYY", pad4(parts.year));
  } else {
    put("YY", pad2(parts.year % 100));
  }
  put("MM", pad2(parts.month));
  put("DD", pad2(parts.day));
  put("HH", pad2(std::max(parts.hour, 0)));
  put("MM", pad2(parts.minute));
  put("SS", pad2(std::max(parts.second, 0)));
  return out;
}

std::string isoDate(const DateTimeParts& p) {
  return pad4(p.year) + "-" + pad2(p.month) + "-" + pad2(p.day);
}
std::string isoTime(const DateTimeParts& p) {
  return pad2(p.hour) + ":" + pad2(p.minute) + (p.second >= 0 ? ":" + pad2(p.second) : "");
}

Result<double> numberOf(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return badValue(value, "a number");
  std::string text = value.get<std::string>();
  // EDIFACT allows a decimal comma.
  if (text.find('.') == std::string::npos) std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty()) return badValue(value, "a number");
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(number) ||
      text.find_first_of("xXeEnN") != std::string::npos) {
    return badValue(value, "a number");
  }
  return number;
}

json numberJson(double number, const std::string& text) {
  // Integers stay integers, so "0012" becomes 12 and not 12.0.
  if (text.find_first_of(".,") == std::string::npos && std::fabs(number) < 9.0e15) {
    return json(static_cast<int64_t>(number));
  }
  if (number == std::floor(number) && std::fabs(number) < 9.0e15) {
    return json(static_cast<int64_t>(number));
  }
  return json(number);
}

double pow10(int64_t n) {
  double result = 1;
  for (int64_t i = 0; i < n; ++i) result *= 10;
  return result;
}

}  // namespace

bool isKnownDateFormat(std::string_view format) {
  static constexpr std::array<std::string_view, 8> kFormats = {
      "CCYYMMDD", "YYMMDD", "MMDDYY", "MMDDCCYY", "DDMMCCYY", "101", "102", "auto"};
  return std::find(kFormats.begin(), kFormats.end(), format) != kFormats.end() ||
         isKnownDateTimeFormat(format);
}
bool isKnownTimeFormat(std::string_view format) { return format == "HHMM" || format == "HHMMSS"; }
bool isKnownDateTimeFormat(std::string_view format) {
  static constexpr std::array<std::string_view, 7> kFormats = {
      "CCYYMMDDHHMM", "CCYYMMDDHHMMSS", "YYMMDDHHMM", "203", "204", "201", "auto"};
  return std::find(kFormats.begin(), kFormats.end(), format) != kFormats.end();
}

std::string scalarText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) {
    const double number = value.get<double>();
    char buffer[64];
    // Shortest of %.15g that reads back the same, without exponent.
    for (int digits = 1; digits <= 17; ++digits) {
      std::snprintf(buffer, sizeof buffer, "%.*f", digits, number);
      if (std::strtod(buffer, nullptr) == number) break;
    }
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
      while (!text.empty() && text.back() == '0') text.pop_back();
      if (!text.empty() && text.back() == '.') text.pop_back();
    }
    return text;
  }
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "";
  return value.dump();
}

Result<json> applyTransform(const Transform& t, const json& value) {
  using Kind = Transform::Kind;
  const std::string text = scalarText(value);
  switch (t.kind) {
    case Kind::kTrim: {
      const size_t first = text.find_first_not_of(" \t\r\n");
      if (first == std::string::npos) return json(nullptr);
      const size_t last = text.find_last_not_of(" \t\r\n");
      return json(text.substr(first, last - first + 1));
    }
    case Kind::kUpper: {
      std::string out = text;
      for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return json(out);
    }
    case Kind::kLower: {
      std::string out = text;
      for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return json(out);
    }
    case Kind::kPad: {
      if (static_cast<int64_t>(text.size()) >= t.number) return json(text);
      const std::string fill(static_cast<size_t>(t.number) - text.size(),
                             t.text.empty() ? ' ' : t.text[0]);
      return json(t.left ? fill + text : text + fill);
    }
    case Kind::kSubstring: {
      const size_t start = static_cast<size_t>(t.number - 1);
      if (start >= text.size()) return json(nullptr);
      return json(t.number2 > 0 ? text.substr(start, static_cast<size_t>(t.number2))
                                : text.substr(start));
    }
    case Kind::kSplit: {
      size_t begin = 0;
      for (int64_t part = 1;; ++part) {
        const size_t end = text.find(t.text, begin);
        if (part == t.number) {
          return json(
              text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
        }
        if (end == std::string::npos) return json(nullptr);
        begin = end + t.text.size();
      }
    }
    case Kind::kReplace: {
      if (t.text.empty()) return json(text);
      std::string out;
      size_t begin = 0;
      for (size_t at = text.find(t.text); at != std::string::npos; at = text.find(t.text, begin)) {
        out += text.substr(begin, at - begin) + t.text2;
        begin = at + t.text.size();
      }
      return json(out + text.substr(begin));
    }
    case Kind::kParseDate: {
      DateTimeParts parts;
      if (!parseEdiDateTime(text, t.text, parts) || parts.month < 0) {
        return badValue(value, "a valid date in format " + t.text);
      }
      return json(isoDate(parts));
    }
    case Kind::kParseDateTime: {
      DateTimeParts parts;
      if (!parseEdiDateTime(text, t.text, parts) || parts.hour < 0) {
        return badValue(value, "a valid date and time in format " + t.text);
      }
      if (parts.second < 0) parts.second = 0;
      return json(isoDate(parts) + "T" + isoTime(parts));
    }
    case Kind::kParseTime: {
      DateTimeParts parts;
      if (!parseTimeText(text, t.text, parts))
        return badValue(value, "a valid time in format " + t.text);
      return json(isoTime(parts));
    }
    case Kind::kFormatDate: {
      DateTimeParts parts;
      if (!parseIso(text, true, false, parts))
        return badValue(value, "an ISO 8601 date (YYYY-MM-DD)");
      return json(formatEdi(parts, t.text));
    }
    case Kind::kFormatDateTime: {
      DateTimeParts parts;
      if (!parseIso(text, true, true, parts)) {
        return badValue(value, "an ISO 8601 date and time (YYYY-MM-DDTHH:MM[:SS])");
      }
      return json(formatEdi(parts, t.text));
    }
    case Kind::kFormatTime: {
      DateTimeParts parts;
      std::string_view time = text;
      // A date-time gives its time of day.
      if (time.size() > 10 && (time[10] == 'T' || time[10] == ' ')) time = time.substr(11);
      if (!parseIso(time, false, true, parts))
        return badValue(value, "an ISO 8601 time (HH:MM[:SS])");
      std::string out = pad2(parts.hour) + pad2(parts.minute);
      if (t.text == "HHMMSS") out += pad2(std::max(parts.second, 0));
      return json(out);
    }
    case Kind::kNumber: {
      auto number = numberOf(value);
      if (!number) return number.status();
      if (value.is_number()) return value;
      return numberJson(*number, text);
    }
    case Kind::kInteger: {
      auto number = numberOf(value);
      if (!number) return number.status();
      if (*number != std::floor(*number)) return badValue(value, "a whole number");
      return json(static_cast<int64_t>(*number));
    }
    case Kind::kText:
      return json(text);
    case Kind::kFromImplied: {
      std::string digits = text;
      bool negative = false;
      if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
        negative = digits[0] == '-';
        digits.erase(0, 1);
      }
      if (!allDigits(digits)) return badValue(value, "digits with implied decimals");
      const double number = static_cast<double>(std::strtoll(digits.c_str(), nullptr, 10)) /
                            pow10(t.number) * (negative ? -1 : 1);
      return numberJson(number, t.number > 0 ? "." : "");
    }
    case Kind::kToImplied: {
      auto number = numberOf(value);
      if (!number) return number.status();
      return json(std::to_string(std::llround(*number * pow10(t.number))));
    }
    case Kind::kFixed: {
      auto number = numberOf(value);
      if (!number) return number.status();
      char buffer[96];
      std::snprintf(buffer, sizeof buffer, "%.*f", static_cast<int>(t.number), *number);
      return json(std::string(buffer));
    }
    case Kind::kCheckDigit: {
      if (!allDigits(text) || text.size() < 7 || text.size() > 18) {
        return badValue(value, "a GS1 number (7 to 18 digits)");
      }
      // GS1: weights 3 and 1 alternate from the rightmost data digit.
      auto checkDigit = [](std::string_view digits) {
        int sum = 0;
        bool three = true;
        for (size_t i = digits.size(); i-- > 0;) {
          sum += (digits[i] - '0') * (three ? 3 : 1);
          three = !three;
        }
        return static_cast<char>('0' + (10 - sum % 10) % 10);
      };
      if (t.text == "append") return json(text + checkDigit(text));
      const char expected = checkDigit(std::string_view(text).substr(0, text.size() - 1));
      if (text.back() != expected) {
        return Status::invalidArgument("value '" + text + "' has check digit " + text.back() +
                                       "; GS1 mod 10 gives " + std::string(1, expected));
      }
      return json(text);
    }
    case Kind::kTable: {
      const CodeTable& table = *t.table;
      auto found = table.entries.find(text);
      if (found != table.entries.end()) return json(found->second);
      switch (table.otherwise) {
        case CodeTable::Otherwise::kKeep:
          return json(text);
        case CodeTable::Otherwise::kValue:
          return json(table.otherwiseValue);
        case CodeTable::Otherwise::kError:
          break;
      }
      return Status::invalidArgument("value '" + text + "' is not in " + table.origin +
                                     "; add it there, or give the table an 'otherwise'");
    }
    case Kind::kLua:
      break;
  }
  return Status::internal("transform not applicable here");
}

}  // namespace bridge::mappings

#include "parsers/flat/implied_decimals.h"

namespace bridge::parsers::flat {
namespace {

bool allDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view withoutLeadingZeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

}  // namespace

std::optional<std::string> applyImpliedDecimals(std::string_view raw, unsigned decimals, char pad) {
  while (!raw.empty() && raw.front() == ' ') raw.remove_prefix(1);
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  if (raw.empty()) return std::string();
  bool negative = false;
  if (raw.front() == '-' || raw.front() == '+') {
    negative = raw.front() == '-';
    raw.remove_prefix(1);
  }
  if (pad != ' ' && (pad < '0' || pad > '9')) {
    while (!raw.empty() && raw.front() == pad) raw.remove_prefix(1);
  }
  if (raw.empty() || !allDigits(raw)) return std::nullopt;
  std::string digits(raw);
  if (digits.size() < decimals + 1) digits.insert(0, decimals + 1 - digits.size(), '0');
  const std::string_view whole =
      withoutLeadingZeros(std::string_view(digits).substr(0, digits.size() - decimals));
  std::string out;
  const bool zero = digits.find_first_not_of('0') == std::string::npos;
  if (negative && !zero) out += '-';
  out += whole;
  if (decimals > 0) out += "." + digits.substr(digits.size() - decimals);
  return out;
}

std::optional<ImpliedDigits> removeImpliedDecimals(std::string_view value, unsigned decimals,
                                                   std::string& problem) {
  ImpliedDigits out;
  std::string_view text = value;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    out.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if ((whole.empty() && fraction.empty()) || !allDigits(whole) || !allDigits(fraction)) {
    problem = "is not a decimal number (digits with an optional leading '-' and '.')";
    return std::nullopt;
  }
  while (fraction.size() > decimals && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > decimals) {
    problem = "has " + std::to_string(fraction.size()) + " decimals; the field holds " +
              std::to_string(decimals) + " (round the value in the mapping)";
    return std::nullopt;
  }
  std::string digits(whole);
  digits += fraction;
  digits.append(decimals - fraction.size(), '0');
  out.digits = std::string(withoutLeadingZeros(digits.empty() ? "0" : digits));
  if (out.digits == "0") out.negative = false;
  return out;
}

}  // namespace bridge::parsers::flat

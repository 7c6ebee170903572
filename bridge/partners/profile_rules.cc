#include "bridge/partners/profile_rules.h"

#include <algorithm>
#include <iterator>

namespace bridge::partners {
namespace {

// Code list I05 as published across X12 versions; the same set the envelope
// validator accepts, so a profile cannot name a qualifier the bridge rejects.
constexpr std::string_view kIsaQualifiers[] = {
    "01", "02", "03", "04", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
    "31", "32", "33", "34", "35", "36", "37", "38", "AM", "NR", "SA", "SN", "ZZ"};

// The UN/ECE syntax identifiers; agency-controlled ones (IATA, KECA) are
// accepted inbound but never written by the bridge.
constexpr std::string_view kSyntaxIdentifiers[] = {"UNOA", "UNOB", "UNOC", "UNOD", "UNOE",
                                                   "UNOF", "UNOG", "UNOH", "UNOI", "UNOJ",
                                                   "UNOK", "UNOL", "UNOW", "UNOX", "UNOY"};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isPrintableAscii(char c) { return c >= 0x20 && c <= 0x7E; }
bool isControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

std::string quoted(std::string_view what, std::string_view value) {
  return std::string(what) + " is '" + std::string(value) + "'";
}

std::string lengthOf(std::string_view value) {
  return std::to_string(value.size()) + (value.size() == 1 ? " character" : " characters");
}

// Ids are compared with what partners send, where padding is not part of the
// id; a profile id with edge spaces would never match.
Problem padded(std::string_view what, std::string_view value) {
  if (value.front() == ' ' || value.back() == ' ')
    return quoted(what, value) +
           ", which begins or ends with a space; write the id without spaces "
           "around it";
  return std::nullopt;
}

}  // namespace

Problem partnerIdProblem(std::string_view what, std::string_view value) {
  bool ok = !value.empty() && value.size() <= 64 && (isLower(value[0]) || isDigit(value[0]));
  for (char c : value) ok = ok && (isLower(c) || isDigit(c) || c == '-' || c == '_');
  if (ok) return std::nullopt;
  return quoted(what, value) +
         "; expected 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit "
         "(e.g. acme-supply)";
}

Problem isaQualifierProblem(std::string_view what, std::string_view value) {
  if (std::find(std::begin(kIsaQualifiers), std::end(kIsaQualifiers), value) !=
      std::end(kIsaQualifiers))
    return std::nullopt;
  return quoted(what, value) +
         "; expected an ISA05 qualifier of code list I05: 01-04, 07-38, AM, NR, SA, SN or ZZ "
         "(quote codes with a leading zero: \"01\")";
}

Problem isaIdProblem(std::string_view what, std::string_view value) {
  if (value.find_first_not_of(' ') == std::string_view::npos)
    return std::string(what) + " is blank; expected the partner's ISA06 id, 1-15 characters";
  if (value.size() > 15)
    return quoted(what, value) + ", " + lengthOf(value) +
           "; expected at most 15 (ISA06 is 15 characters with the padding)";
  if (!std::all_of(value.begin(), value.end(), isPrintableAscii))
    return std::string(what) +
           " holds a character X12 cannot carry; expected printable ASCII characters only";
  return padded(what, value);
}

Problem gsIdProblem(std::string_view what, std::string_view value) {
  if (value.size() < 2 || value.size() > 15)
    return quoted(what, value) + ", " + lengthOf(value) + "; expected 2-15 characters (GS02)";
  if (!std::all_of(value.begin(), value.end(), isPrintableAscii))
    return std::string(what) +
           " holds a character X12 cannot carry; expected printable ASCII characters only";
  return padded(what, value);
}

Problem x12VersionProblem(std::string_view what, std::string_view value) {
  if (value.size() == 6 && std::all_of(value.begin(), value.end(), isDigit)) return std::nullopt;
  return quoted(what, value) +
         "; expected the first six characters of GS08, six digits such as \"004010\" or "
         "\"005010\" (quoted)";
}

Problem edifactIdProblem(std::string_view what, std::string_view value) {
  if (value.find_first_not_of(' ') == std::string_view::npos)
    return std::string(what) + " is blank; expected the partner's UNB id, 1-35 characters";
  if (value.size() > 35)
    return quoted(what, value) + ", " + lengthOf(value) + "; expected at most 35 (UNB S002 0004)";
  if (std::any_of(value.begin(), value.end(), isControl))
    return std::string(what) +
           " holds a control character; expected the id as the partner sends it";
  return padded(what, value);
}

Problem edifactQualifierProblem(std::string_view what, std::string_view value) {
  if (value.find_first_not_of(' ') == std::string_view::npos)
    return std::string(what) +
           " is blank; expected a code of 1-4 characters (UNB S002 0007, e.g. \"14\" for a GLN), "
           "or no 'qualifier' key to match any";
  if (value.size() > 4)
    return quoted(what, value) + ", " + lengthOf(value) +
           "; expected at most 4 (UNB S002 0007, e.g. \"14\" for a GLN)";
  if (std::any_of(value.begin(), value.end(), isControl))
    return std::string(what) + " holds a control character; expected a code such as \"14\"";
  return padded(what, value);
}

Problem edifactVersionProblem(std::string_view what, std::string_view value) {
  if (value.size() == 4 && (value[0] == 'D' || value[0] == 'S') && isDigit(value[1]) &&
      isDigit(value[2]) && isUpper(value[3]))
    return std::nullopt;
  return quoted(what, value) +
         "; expected a directory as UNH writes it in 0052 and 0054 together, such as D96A or D01B";
}

Problem syntaxIdentifierProblem(std::string_view what, std::string_view value) {
  if (std::find(std::begin(kSyntaxIdentifiers), std::end(kSyntaxIdentifiers), value) !=
      std::end(kSyntaxIdentifiers))
    return std::nullopt;
  return quoted(what, value) + "; expected one of UNOA-UNOL, UNOW, UNOX or UNOY (e.g. UNOC)";
}

bool syntaxNeedsVersion4(std::string_view syntax) {
  return syntax == "UNOW" || syntax == "UNOX" || syntax == "UNOY";
}

Problem separatorProblem(std::string_view what, std::string_view value) {
  const bool ok = value.size() == 1 && isPrintableAscii(value[0]) && value[0] != ' ' &&
                  !isDigit(value[0]) && !isUpper(value[0]) && !isLower(value[0]);
  if (ok) return std::nullopt;
  return quoted(what, value) +
         "; expected one printable character that is not a letter, digit or space, quoted "
         "(e.g. \"*\")";
}

DeadlineParse parseAckDeadline(std::string_view what, std::string_view text) {
  DeadlineParse out;
  const std::string format =
      "; expected a whole number followed by m, h or d (minutes, hours, days), e.g. 24h";
  const std::string digits(text.substr(0, text.empty() ? 0 : text.size() - 1));
  const char unit = text.empty() ? '\0' : text.back();
  if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), isDigit) ||
      (unit != 'm' && unit != 'h' && unit != 'd')) {
    out.problem = quoted(what, text) + format;
    return out;
  }
  const int64_t count = std::stoll(digits);
  const int64_t unitSeconds = unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400;
  out.value = std::chrono::seconds(count * unitSeconds);
  if (out.value < kMinAckDeadline || out.value > kMaxAckDeadline)
    out.problem = quoted(what, text) + "; expected from 1m to 30d";
  return out;
}

}  // namespace bridge::partners

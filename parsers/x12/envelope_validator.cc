#include "parsers/x12/envelope_validator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "parsers/edi/quote.h"
#include "parsers/edi/value_rules.h"

namespace bridge::parsers::x12 {

namespace {

using core::Severity;
using edi::plural;
using edi::quoteValue;

constexpr size_t kIsaFieldCount = 16;
constexpr size_t kGsFieldCount = 8;

// ISA11 stops being the constant 'U' and becomes the repetition separator
// with this version.
constexpr int kRepetitionSeparatorVersion = 402;

struct Field {
  const char* id;
  const char* title;
};

constexpr std::array<Field, kIsaFieldCount> kIsaFields = {{
    {"ISA01", "authorization information qualifier"},
    {"ISA02", "authorization information"},
    {"ISA03", "security information qualifier"},
    {"ISA04", "security information"},
    {"ISA05", "interchange sender id qualifier"},
    {"ISA06", "interchange sender id"},
    {"ISA07", "interchange receiver id qualifier"},
    {"ISA08", "interchange receiver id"},
    {"ISA09", "interchange date"},
    {"ISA10", "interchange time"},
    {"ISA11", "interchange control standards identifier / repetition separator"},
    {"ISA12", "interchange control version number"},
    {"ISA13", "interchange control number"},
    {"ISA14", "acknowledgment requested"},
    {"ISA15", "usage indicator"},
    {"ISA16", "component element separator"},
}};

constexpr std::array<Field, kGsFieldCount> kGsFields = {{
    {"GS01", "functional identifier code"},
    {"GS02", "application sender's code"},
    {"GS03", "application receiver's code"},
    {"GS04", "group date"},
    {"GS05", "group time"},
    {"GS06", "group control number"},
    {"GS07", "responsible agency code"},
    {"GS08", "version / release / industry identifier code"},
}};

// Interchange ID qualifiers (data element I05), the union of the published
// code lists in the X12 envelope references.
constexpr std::array<std::string_view, 41> kIdQualifiers = {
    "01", "02", "03", "04", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
    "31", "32", "33", "34", "35", "36", "37", "38", "AM", "NR", "SA", "SN", "ZZ"};

// Interchange control version numbers (data element I11).
constexpr std::array<std::string_view, 37> kIsaVersions = {
    "00200", "00201", "00204", "00300", "00301", "00302", "00303", "00304", "00305", "00306",
    "00307", "00400", "00401", "00402", "00403", "00404", "00405", "00406", "00500", "00501",
    "00502", "00503", "00504", "00505", "00600", "00601", "00602", "00603", "00604", "00605",
    "00700", "00701", "00702", "00703", "00704", "00800", "00801"};

template <size_t N>
bool oneOf(std::string_view value, const std::array<std::string_view, N>& codes) {
  return std::find(codes.begin(), codes.end(), value) != codes.end();
}

std::string named(const Field& field) { return std::string(field.id) + " (" + field.title + ")"; }

bool isAlphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::string lengthProblem(const Field& field, std::string_view value, size_t required,
                          const char* padHow) {
  std::string message = named(field) + " is ";
  message += value.empty() ? std::string("empty") : plural(value.size(), "character", "characters");
  message += "; it must be exactly " + std::to_string(required) + " characters: ";
  if (value.size() < required) {
    message += padHow;
  } else {
    message += "shorten it to " + std::to_string(required) + " characters";
  }
  return message;
}

}  // namespace

EnvelopeValidator::EnvelopeValidator(edi::EventHandler& next, size_t duplicateCheckBytes)
    : edi::ForwardingHandler(next),
      groupNumbers_(duplicateCheckBytes),
      transactionNumbers_(duplicateCheckBytes),
      findings_(next) {}

// ---------------------------------------------------------------- events

void EnvelopeValidator::onInterchangeStart(const edi::InterchangeInfo& info,
                                           const edi::Segment& header) {
  next().onInterchangeStart(info, header);
  active_ = info.standard == edi::Standard::kX12;
  hasIsa_ = active_ && info.hasHeader;
  inGroup_ = false;
  inTransaction_ = false;
  groups_ = 0;
  groupNumbers_.clear();
  groupLimitReported_ = false;
  isa12_.clear();
  isa13_.clear();
  isaVersion_ = -1;
  if (!hasIsa_) return;
  delimiters_ = info.delimiters;
  checkIsa(header);
}

void EnvelopeValidator::onInterchangeEnd(const edi::Segment* trailer) {
  // Without ISA, IEA01 can still be counted; IEA02 has nothing to match.
  if (active_ && trailer != nullptr) checkIea(*trailer);
  active_ = false;
  hasIsa_ = false;
  groupNumbers_.clear();
  transactionNumbers_.clear();
  inGroup_ = false;
  inTransaction_ = false;
  next().onInterchangeEnd(trailer);
}

void EnvelopeValidator::onGroupStart(const edi::Segment& header) {
  next().onGroupStart(header);
  if (!active_) return;
  ++groups_;
  inGroup_ = true;
  inTransaction_ = false;
  transactions_ = 0;
  transactionNumbers_.clear();
  transactionLimitReported_ = false;
  gs06_.clear();
  gs08_.clear();
  checkGs(header);
}

void EnvelopeValidator::onGroupEnd(const edi::Segment* trailer) {
  if (active_ && inGroup_ && trailer != nullptr) checkGe(*trailer);
  inGroup_ = false;
  transactionNumbers_.clear();
  inTransaction_ = false;
  next().onGroupEnd(trailer);
}

void EnvelopeValidator::onTransactionStart(const edi::Segment& header) {
  next().onTransactionStart(header);
  if (!active_) return;
  if (inGroup_) ++transactions_;
  inTransaction_ = true;
  segments_ = 0;
  st01_.clear();
  st02_.clear();
  checkSt(header);
}

void EnvelopeValidator::onTransactionEnd(const edi::Segment* trailer) {
  if (active_ && inTransaction_ && trailer != nullptr) checkSe(*trailer);
  inTransaction_ = false;
  next().onTransactionEnd(trailer);
}

void EnvelopeValidator::onSegment(const edi::Segment& segment) {
  countBodySegment();
  next().onSegment(segment);
}

// ---------------------------------------------------------------- ISA / IEA

void EnvelopeValidator::checkIsa(const edi::Segment& isa) {
  const size_t count = std::min(isa.elementCount(), kIsaFieldCount);
  if (isa.elementCount() != kIsaFieldCount) {
    std::string message = "ISA has " + plural(isa.elementCount(), "element", "elements") +
                          "; it must have exactly 16 (ISA01-ISA16): ";
    if (isa.elementCount() > kIsaFieldCount) {
      message +=
          "remove the extra element separators (a separator inside a field shifts every "
          "field after it)";
    } else {
      message += "add the missing fields " + std::string(kIsaFields[count].id) + "-ISA16";
    }
    findings_.report(
        Severity::kError, "X12_ISA_ELEMENT_COUNT", std::move(message),
        // The first missing or the first extra element.
        isa.locate(static_cast<uint32_t>(std::min(isa.elementCount() + 1, kIsaFieldCount + 1))));
  }

  std::array<std::string, kIsaFieldCount> f;
  for (size_t i = 0; i < count; ++i) f[i] = edi::rawElement(isa, i, delimiters_);
  auto bad = [&](size_t i, std::string message) {
    findings_.report(Severity::kError, std::string("X12_") + kIsaFields[i].id + "_INVALID",
                     std::move(message), isa.locate(static_cast<uint32_t>(i + 1)));
  };
  auto isValue = [&](size_t i) { return named(kIsaFields[i]) + " is " + quoteValue(f[i]); };

  // Version first: the meaning of ISA11 depends on it.
  if (count > 11) {
    isa12_ = f[11];
    if (f[11].size() == 5 && edi::isDigits(f[11])) isaVersion_ = std::stoi(f[11]);
  }

  if (count > 0 &&
      !oneOf(f[0], std::array<std::string_view, 7>{"00", "01", "02", "03", "04", "05", "06"})) {
    bad(0, isValue(0) +
               "; it must be a code 00-06: use 00 when ISA02 carries no "
               "authorization information");
  }
  if (count > 1 && f[1].size() != 10) {
    bad(1, lengthProblem(kIsaFields[1], f[1], 10,
                         "pad it with spaces on the right (10 spaces when ISA01 is 00)"));
  }
  if (count > 2 && f[2] != "00" && f[2] != "01") {
    bad(2, isValue(2) +
               "; it must be 00 (no security information) or 01 (ISA04 holds a "
               "password): use 00 when ISA04 is blank");
  }
  if (count > 3 && f[3].size() != 10) {
    bad(3, lengthProblem(kIsaFields[3], f[3], 10,
                         "pad it with spaces on the right (10 spaces when ISA03 is 00)"));
  }
  for (size_t i : {size_t{4}, size_t{6}}) {
    if (count > i && !oneOf(f[i], kIdQualifiers)) {
      bad(i, isValue(i) +
                 ", which is not an interchange ID qualifier code: use the qualifier "
                 "agreed with your trading partner, e.g. ZZ (mutually defined), 01 "
                 "(DUNS), 12 (telephone) or 14 (DUNS with suffix)");
    }
  }
  for (size_t i : {size_t{5}, size_t{7}}) {
    if (count <= i) continue;
    if (f[i].size() != 15) {
      bad(i, lengthProblem(kIsaFields[i], f[i], 15, "pad it with spaces on the right"));
    } else if (f[i].find_first_not_of(' ') == std::string::npos) {
      bad(i, named(kIsaFields[i]) + " is blank; it must identify the " +
                 (i == 5 ? "sender" : "receiver") +
                 ": put the id agreed with your trading partner, padded with spaces to 15 "
                 "characters");
    }
  }
  if (count > 8 && (f[8].size() != 6 || !edi::isCalendarDate(f[8]))) {
    std::string fix = f[8].size() == 8 && edi::isCalendarDate(f[8])
                          ? "drop the century (ISA09 has a 2-digit year)"
                          : "use the interchange date, e.g. 240131 for 31 January 2024";
    bad(8, isValue(8) + "; it must be a real date as YYMMDD: " + fix);
  }
  if (count > 9 && (f[9].size() != 4 || !edi::isClockTime(f[9], false, 0))) {
    bad(9, isValue(9) +
               "; it must be a time as HHMM (hours 00-23, minutes 00-59): use the "
               "interchange time, e.g. 1430");
  }
  if (count > 10 && isaVersion_ >= 0) {
    if (isaVersion_ < kRepetitionSeparatorVersion) {
      if (f[10] != "U") {
        bad(10, "ISA11 (interchange control standards identifier) is " + quoteValue(f[10]) +
                    "; version " + f[11] +
                    " requires U (ISA11 becomes the repetition separator only from version "
                    "00402): set ISA11 to U");
      }
    } else {
      std::string problem;
      if (f[10].size() != 1) {
        problem = "it must be exactly one character";
      } else {
        char c = f[10][0];
        if (isAlphanumeric(c) || c == ' ') {
          problem = "a letter, digit or space would split ordinary data into repetitions";
        } else if (c == delimiters_.element || c == delimiters_.segment ||
                   (count > 15 && f[15].size() == 1 && c == f[15][0])) {
          problem = "it is already used as another delimiter";
        }
      }
      if (!problem.empty()) {
        bad(10, "ISA11 (repetition separator) is " + quoteValue(f[10]) + "; from version 00402 " +
                    "ISA11 is the repetition separator and " + problem +
                    ": use a character that never occurs in the data and differs from the "
                    "element separator, ISA16 and the segment terminator, e.g. ^");
      }
    }
  }
  if (count > 11) {
    if (isaVersion_ < 0) {
      bad(11, isValue(11) +
                  "; it must be a 5-digit interchange control version such as 00401 "
                  "or 00501: use the version agreed with your trading partner");
    } else if (!oneOf(f[11], kIsaVersions)) {
      isa12_.clear();  // no basis for comparing GS08 with it
      bad(11, isValue(11) +
                  ", which is not a published interchange control version (00200 to "
                  "00801): use the version agreed with your trading partner, e.g. "
                  "00401 or 00501");
    }
  }
  if (count > 12) {
    if (f[12].size() == 9 && edi::isDigits(f[12])) {
      isa13_ = f[12];
    } else if (edi::isDigits(f[12]) && f[12].size() < 9) {
      bad(12, isValue(12) + "; it must be exactly 9 digits: write it with leading zeros, " +
                  std::string(9 - f[12].size(), '0') + f[12] + ", in ISA13 and IEA02");
      isa13_ = f[12];
    } else {
      bad(12, isValue(12) +
                  "; it must be exactly 9 digits: use the sender's interchange "
                  "control number, e.g. 000000123, in ISA13 and IEA02");
      isa13_ = f[12];
    }
  }
  if (count > 13 && f[13] != "0" && f[13] != "1") {
    bad(13, isValue(13) +
                "; it must be 0 (no interchange acknowledgment requested) or 1 (TA1 "
                "requested): set it to 0 or 1");
  }
  if (count > 14 && f[14] != "P" && f[14] != "T" && f[14] != "I") {
    bad(14, isValue(14) +
                "; it must be P (production), T (test) or I (information): set the "
                "usage agreed with your trading partner");
  }
  if (count > 15) {
    std::string problem;
    if (f[15].size() != 1) {
      problem = "it must be exactly one character";
    } else {
      char c = f[15][0];
      if (isAlphanumeric(c) || c == ' ') {
        problem = "a letter, digit or space would split ordinary data into components";
      } else if (c == delimiters_.element || c == delimiters_.segment) {
        problem =
            "it is the same character as the " +
            std::string(c == delimiters_.element ? "element separator" : "segment terminator");
      }
    }
    if (!problem.empty()) {
      bad(15, isValue(15) + "; " + problem +
                  ": use a character that never occurs in the data and differs from the element "
                  "separator and the segment terminator, e.g. > or :");
    }
  }
}

void EnvelopeValidator::checkIea(const edi::Segment& iea) {
  std::string_view iea01 = iea.element(0);
  std::optional<uint64_t> declared = edi::parseCount(iea01);
  if (!declared || *declared != groups_) {
    std::string message = "IEA01 (number of included functional groups) is " + quoteValue(iea01) +
                          ", but the "
                          "interchange holds " +
                          plural(groups_, "functional group", "functional groups") +
                          ": set IEA01 to " + std::to_string(groups_);
    if (groups_ == 0) message += " (TA1 and other interchange-level segments are not counted)";
    if (declared && *declared > groups_) message += ", or check whether groups were lost";
    findings_.report(Severity::kError, "X12_IEA01_COUNT", std::move(message), iea.locate(1));
  }

  std::string_view iea02 = iea.element(1);
  if (isa13_.empty() || iea02 == isa13_) return;
  if (edi::sameNumber(iea02, isa13_)) {
    findings_.report(Severity::kWarning, "X12_IEA02_FORMAT",
                     "IEA02 (interchange control number) is " + quoteValue(iea02) +
                         "; it names the same number as ISA13 " + quoteValue(isa13_) +
                         " but must be written exactly like it (9 digits): write " + isa13_,
                     iea.locate(2));
    return;
  }
  findings_.report(
      Severity::kError, "X12_IEA02_MISMATCH",
      "IEA02 (interchange control number) is " + quoteValue(iea02) + ", but ISA13 is " +
          quoteValue(isa13_) +
          ": IEA02 must repeat ISA13; if they differ, the trailer may belong to another "
          "interchange (check for a truncated or concatenated file), otherwise set IEA02 to " +
          isa13_,
      iea.locate(2));
}

// ---------------------------------------------------------------- GS / GE

void EnvelopeValidator::checkGs(const edi::Segment& gs) {
  if (gs.elementCount() > kGsFieldCount) {
    findings_.report(
        Severity::kError, "X12_GS_ELEMENT_COUNT",
        "GS has " + plural(gs.elementCount(), "element", "elements") +
            "; it must have 8 (GS01-GS08): an extra element separator shifts the fields "
            "after it; remove it",
        gs.locate(static_cast<uint32_t>(kGsFieldCount + 1)));
  }
  std::array<std::string_view, kGsFieldCount> f;
  for (size_t i = 0; i < kGsFieldCount; ++i) f[i] = gs.element(i);
  auto bad = [&](size_t i, std::string message) {
    findings_.report(Severity::kError, std::string("X12_") + kGsFields[i].id + "_INVALID",
                     std::move(message), gs.locate(static_cast<uint32_t>(i + 1)));
  };
  auto isValue = [&](size_t i) {
    return f[i].empty() ? named(kGsFields[i]) + " is missing"
                        : named(kGsFields[i]) + " is " + quoteValue(f[i]);
  };

  if (f[0].size() != 2 || !isAlphanumeric(f[0][0]) || !isAlphanumeric(f[0][1])) {
    bad(0, isValue(0) +
               "; it must be the 2-character code of the kind of transaction sets in "
               "the group: use e.g. PO for 850, IN for 810, SH for 856, FA for 997");
  }
  for (size_t i : {size_t{1}, size_t{2}}) {
    if (f[i].size() < 2 || f[i].size() > 15) {
      std::string what = f[i].empty() ? named(kGsFields[i]) + " is missing"
                                      : named(kGsFields[i]) + " is " +
                                            plural(f[i].size(), "character", "characters");
      bad(i, what + "; it must be 2 to 15 characters: use the " + (i == 1 ? "sender" : "receiver") +
                 " code agreed with your trading partner");
    }
  }

  // GS08 decides which date form GS04 must take.
  bool versionOk = f[7].size() >= 6 && f[7].size() <= 12 && edi::isDigits(f[7].substr(0, 6));
  if (!versionOk) {
    bad(7, isValue(7) +
               "; it must be 6 to 12 characters starting with the 6-digit version and "
               "release, e.g. 004010, 004010VICS or 005010X222A1: use the version of "
               "the transaction sets in the group");
  } else {
    gs08_ = std::string(f[7]);
    if (isa12_.size() == 5 && isaVersion_ >= 0 && isa12_.compare(0, 3, gs08_, 0, 3) != 0) {
      findings_.report(
          Severity::kWarning, "X12_GS08_VERSION",
          "GS08 (version) " + quoteValue(f[7]) + " is a different major version from ISA12 " +
              quoteValue(isa12_) +
              ": the standard allows it, but many partners expect the interchange version "
              "to match its groups (e.g. ISA12 00501 with GS08 005010...); check the "
              "agreement with your trading partner",
          gs.locate(8));
    }
  }

  bool sixDigitDateAllowed = !versionOk || f[7].substr(0, 6) < "004000";
  bool dateOk = edi::isCalendarDate(f[3]) && (f[3].size() == 8 || sixDigitDateAllowed);
  if (!dateOk) {
    std::string form = sixDigitDateAllowed ? "YYMMDD or CCYYMMDD" : "CCYYMMDD";
    std::string message = isValue(3) + "; it must be a real date as " + form;
    if (!sixDigitDateAllowed && edi::isCalendarDate(f[3])) {
      message += " (version " + std::string(f[7].substr(0, 6)) +
                 " has 8-digit group dates): add the century, e.g. " + edi::withCentury(f[3]);
    } else {
      message += ": use the date the group was created, e.g. 20240131";
    }
    bad(3, std::move(message));
  }
  if (!edi::isClockTime(f[4], true, 2)) {
    bad(4, isValue(4) +
               "; it must be a time as HHMM, HHMMSS, HHMMSSD or HHMMSSDD (hours "
               "00-23, minutes and seconds 00-59): use the time the group was "
               "created, e.g. 1430");
  }
  if (!edi::isDigits(f[5]) || f[5].size() > 9) {
    bad(5, isValue(5) +
               "; it must be 1 to 9 digits: use the group control number assigned by "
               "the sender, and repeat it in GE02");
  }
  if (!f[5].empty()) {
    gs06_ = std::string(f[5]);
    switch (groupNumbers_.insert(f[5])) {
      case edi::ControlNumberSet::Insert::kDuplicate:
        findings_.report(
            Severity::kError, "X12_DUPLICATE_GS06",
            "GS06 (group control number) " + quoteValue(f[5]) +
                " is used by an earlier functional group in this interchange: give every "
                "group its own control number (acknowledgments refer to groups by it)",
            gs.locate(6));
        break;
      case edi::ControlNumberSet::Insert::kFull:
        if (!groupLimitReported_) {
          groupLimitReported_ = true;
          findings_.report(
              Severity::kInfo, "X12_DUPLICATE_CHECK_LIMIT",
              "this interchange has too many functional groups to remember all of their "
              "control numbers; duplicate GS06 values after group " +
                  std::to_string(groups_) +
                  " are not detected: split the interchange if duplicates must be ruled out",
              gs.locate(6));
        }
        break;
      case edi::ControlNumberSet::Insert::kNew:
        break;
    }
  }
  if (f[6] != "X" && f[6] != "T") {
    bad(6, isValue(6) + "; it must be X (ASC X12) or T (TDCC): use X");
  }
}

void EnvelopeValidator::checkGe(const edi::Segment& ge) {
  std::string_view ge01 = ge.element(0);
  std::optional<uint64_t> declared = edi::parseCount(ge01);
  if (!declared || *declared != transactions_) {
    std::string message = "GE01 (number of transaction sets included) is " + quoteValue(ge01) +
                          ", but the group " +
                          (gs06_.empty() ? std::string() : quoteValue(gs06_) + " ") + "holds " +
                          plural(transactions_, "transaction set", "transaction sets") +
                          ": set GE01 to " + std::to_string(transactions_);
    if (declared && *declared > transactions_) {
      message += ", or check whether transaction sets were lost";
    }
    findings_.report(Severity::kError, "X12_GE01_COUNT", std::move(message), ge.locate(1));
  }

  std::string_view ge02 = ge.element(1);
  if (gs06_.empty() || ge02 == gs06_) return;
  if (edi::sameNumber(ge02, gs06_)) {
    findings_.report(Severity::kWarning, "X12_GE02_FORMAT",
                     "GE02 (group control number) is " + quoteValue(ge02) +
                         "; it names the same number as GS06 " + quoteValue(gs06_) +
                         " but must be written exactly like it: write " + gs06_,
                     ge.locate(2));
    return;
  }
  findings_.report(
      Severity::kError, "X12_GE02_MISMATCH",
      "GE02 (group control number) is " + quoteValue(ge02) + ", but GS06 is " + quoteValue(gs06_) +
          ": GE02 must repeat GS06; if they differ, the trailer may belong to another group, "
          "otherwise set GE02 to " +
          gs06_,
      ge.locate(2));
}

// ---------------------------------------------------------------- ST / SE

void EnvelopeValidator::checkSt(const edi::Segment& st) {
  std::string_view st01 = st.element(0);
  std::string_view st02 = st.element(1);
  st01_ = std::string(st01);
  st02_ = std::string(st02);

  auto locate = [&](uint32_t element) {
    core::Location location = st.locate(element);
    location.transactionSegment = 1;
    return location;
  };
  if (st01.size() != 3 || !std::all_of(st01.begin(), st01.end(), isAlphanumeric)) {
    findings_.report(
        Severity::kError, "X12_ST01_INVALID",
        (st01.empty() ? std::string("ST01 (transaction set identifier code) is missing")
                      : "ST01 (transaction set identifier code) is " + quoteValue(st01)) +
            "; it must be the 3-character transaction set number, e.g. 850: correct it",
        locate(1));
  }
  if (st02.size() < 4 || st02.size() > 9) {
    std::string what = st02.empty()
                           ? std::string(
                                 "ST02 (transaction set control number) is "
                                 "missing")
                           : "ST02 (transaction set control number) is " + quoteValue(st02) + " (" +
                                 plural(st02.size(), "character", "characters") + ")";
    findings_.report(
        Severity::kError, "X12_ST02_INVALID",
        what +
            "; it must be 4 to 9 characters: use the sender's control number, e.g. 0001, "
            "and repeat it in SE02",
        locate(2));
  }
  if (!inGroup_ || st02.empty()) return;
  switch (transactionNumbers_.insert(st02)) {
    case edi::ControlNumberSet::Insert::kDuplicate:
      findings_.report(Severity::kError, "X12_DUPLICATE_ST02",
                       "ST02 (transaction set control number) " + quoteValue(st02) +
                           " is used by an earlier transaction set in this group" +
                           (gs06_.empty() ? std::string() : " (GS06 " + quoteValue(gs06_) + ")") +
                           ": give every transaction set in a group its own control number "
                           "(acknowledgments refer to transaction sets by it)",
                       locate(2));
      break;
    case edi::ControlNumberSet::Insert::kFull:
      if (!transactionLimitReported_) {
        transactionLimitReported_ = true;
        findings_.report(
            Severity::kInfo, "X12_DUPLICATE_CHECK_LIMIT",
            "this group has too many transaction sets to remember all of their control "
            "numbers; duplicate ST02 values after transaction set " +
                std::to_string(transactions_) +
                " are not detected: split the group if duplicates must be ruled out",
            locate(2));
      }
      break;
    case edi::ControlNumberSet::Insert::kNew:
      break;
  }
}

void EnvelopeValidator::checkSe(const edi::Segment& se) {
  const uint64_t actual = segments_ + 2;
  auto locate = [&](uint32_t element) {
    core::Location location = se.locate(element);
    location.transactionSegment = actual;
    return location;
  };
  std::string_view se01 = se.element(0);
  std::optional<uint64_t> declared = edi::parseCount(se01);
  if (!declared || *declared != actual) {
    std::string message = "SE01 (number of included segments) is " + quoteValue(se01) +
                          ", but transaction set " + (st01_.empty() ? "" : st01_ + " ") +
                          quoteValue(st02_) + " has " + plural(actual, "segment", "segments") +
                          " from ST to SE inclusive: set SE01 to " + std::to_string(actual);
    if (declared) message += ", or check whether segments were lost or added in transit";
    findings_.report(Severity::kError, "X12_SE01_COUNT", std::move(message), locate(1));
  }
  std::string_view se02 = se.element(1);
  if (se02 != st02_) {
    findings_.report(
        Severity::kError, "X12_SE02_MISMATCH",
        "SE02 (transaction set control number) is " + quoteValue(se02) + ", but ST02 is " +
            quoteValue(st02_) +
            ": SE02 must repeat ST02 exactly; if they differ, the trailer may belong to "
            "another transaction set, otherwise set SE02 to " +
            st02_,
        locate(2));
  }
}

}  // namespace bridge::parsers::x12

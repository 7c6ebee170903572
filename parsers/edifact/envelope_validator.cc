#include "parsers/edifact/envelope_validator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "parsers/edi/quote.h"
#include "parsers/edi/value_rules.h"

namespace bridge::parsers::edifact {

namespace {

using core::Severity;
using edi::componentOf;
using edi::plural;
using edi::quoteValue;

// Interchange and message references (0020, 0048, 0062) are an..14.
constexpr size_t kMaxReference = 14;
// Party identifications (0004, 0010) are an..35.
constexpr size_t kMaxPartyId = 35;

// Syntax identifiers (0001): the UN/ECE levels of the syntax 3 and 4 service
// code lists, plus the agency-controlled identifiers seen in production
// (IATA's IATA/IATB, Korea's KECA).
constexpr std::array<std::string_view, 18> kSyntaxIdentifiers = {
    "UNOA", "UNOB", "UNOC", "UNOD", "UNOE", "UNOF", "UNOG", "UNOH", "UNOI",
    "UNOJ", "UNOK", "UNOL", "UNOW", "UNOX", "UNOY", "IATA", "IATB", "KECA"};

// "is missing" / "is 'X'"
std::string describe(std::string_view value) {
  return value.empty() ? std::string("is missing") : "is " + quoteValue(value);
}

}  // namespace

EnvelopeValidator::EnvelopeValidator(edi::EventHandler& next, size_t duplicateCheckBytes)
    : edi::ForwardingHandler(next),
      groupRefs_(duplicateCheckBytes),
      messageRefs_(duplicateCheckBytes),
      findings_(next) {}

// ---------------------------------------------------------------- events

void EnvelopeValidator::onInterchangeStart(const edi::InterchangeInfo& info,
                                           const edi::Segment& header) {
  next().onInterchangeStart(info, header);
  active_ = info.standard == edi::Standard::kEdifact;
  hasHeader_ = active_ && info.hasHeader;
  syntaxVersion_ = 0;
  unb0020_.clear();
  groups_ = 0;
  ungroupedMessages_ = 0;
  groupRefs_.clear();
  messageRefs_.clear();
  groupLimitReported_ = false;
  messageLimitReported_ = false;
  inGroup_ = false;
  inMessage_ = false;
  if (hasHeader_) checkUnb(header);
}

void EnvelopeValidator::onInterchangeEnd(const edi::Segment* trailer) {
  if (active_ && trailer != nullptr) checkUnz(*trailer);
  active_ = false;
  groupRefs_.clear();
  messageRefs_.clear();
  hasHeader_ = false;
  inGroup_ = false;
  inMessage_ = false;
  next().onInterchangeEnd(trailer);
}

void EnvelopeValidator::onGroupStart(const edi::Segment& header) {
  next().onGroupStart(header);
  if (!active_) return;
  ++groups_;
  inGroup_ = true;
  inMessage_ = false;
  groupMessages_ = 0;
  ung0048_.clear();
  checkUng(header);
}

void EnvelopeValidator::onGroupEnd(const edi::Segment* trailer) {
  if (active_ && inGroup_ && trailer != nullptr) checkUne(*trailer);
  inGroup_ = false;
  inMessage_ = false;
  next().onGroupEnd(trailer);
}

void EnvelopeValidator::onTransactionStart(const edi::Segment& header) {
  next().onTransactionStart(header);
  if (!active_) return;
  if (inGroup_) {
    ++groupMessages_;
  } else {
    ++ungroupedMessages_;
  }
  inMessage_ = true;
  segments_ = 0;
  unh0062_.clear();
  checkUnh(header);
}

void EnvelopeValidator::onTransactionEnd(const edi::Segment* trailer) {
  if (active_ && inMessage_ && trailer != nullptr) checkUnt(*trailer);
  inMessage_ = false;
  next().onTransactionEnd(trailer);
}

void EnvelopeValidator::onSegment(const edi::Segment& segment) {
  countBodySegment();
  next().onSegment(segment);
}

// ---------------------------------------------------------------- UNB / UNZ

void EnvelopeValidator::checkUnb(const edi::Segment& unb) {
  std::string_view syntax = componentOf(unb, 0, 0);
  std::string_view version = componentOf(unb, 0, 1);
  if (std::find(kSyntaxIdentifiers.begin(), kSyntaxIdentifiers.end(), syntax) ==
      kSyntaxIdentifiers.end()) {
    std::string message = "UNB syntax identifier (S001/0001) " + describe(syntax);
    if (!syntax.empty()) message += ", which is not a known syntax identifier";
    message +=
        ": use the character repertoire agreed with your trading partner, e.g. UNOA (upper case "
        "only), UNOB, UNOC (ISO 8859-1) or UNOY (UTF-8, syntax version 4)";
    findings_.report(Severity::kError, "EDIFACT_UNB_SYNTAX", std::move(message), unb.locate(1, 1));
  }
  if (version.size() == 1 && version[0] >= '1' && version[0] <= '4') {
    syntaxVersion_ = version[0] - '0';
  } else {
    findings_.report(
        Severity::kError, "EDIFACT_UNB_VERSION",
        "UNB syntax version number (S001/0002) " + describe(version) +
            "; it must be 1, 2, 3 or 4: declare the ISO 9735 version the interchange is "
            "written in (3 or 4 for current partners)",
        unb.locate(1, 2));
  }

  for (size_t e : {size_t{1}, size_t{2}}) {
    std::string_view party = componentOf(unb, e, 0);
    if (!party.empty() && party.size() <= kMaxPartyId) continue;
    bool sender = e == 1;
    std::string what = std::string("UNB ") +
                       (sender ? "interchange sender" : "interchange recipient") +
                       " identification (" + (sender ? "S002/0004" : "S003/0010") + ") ";
    what += party.empty() ? std::string("is missing")
                          : "is " + plural(party.size(), "character", "characters");
    findings_.report(Severity::kError, sender ? "EDIFACT_UNB_SENDER" : "EDIFACT_UNB_RECIPIENT",
                     what + "; it must be 1 to 35 characters: use the " +
                         (sender ? "sender" : "recipient") + " id agreed with your trading partner",
                     unb.locate(static_cast<uint32_t>(e + 1), 1));
  }

  std::string_view date = componentOf(unb, 3, 0);
  std::string_view time = componentOf(unb, 3, 1);
  if (!edi::isCalendarDate(date)) {
    std::string form = syntaxVersion_ == 4 ? "CCYYMMDD (syntax version 4)"
                       : syntaxVersion_ != 0
                           ? "YYMMDD (syntax version " + std::to_string(syntaxVersion_) + ")"
                           : "YYMMDD or CCYYMMDD";
    findings_.report(Severity::kError, "EDIFACT_UNB_DATE",
                     "UNB date of preparation (S004/0017) " + describe(date) +
                         "; it must be a real date as " + form +
                         ": use the date the interchange was prepared",
                     unb.locate(4, 1));
  } else if (syntaxVersion_ == 4 && date.size() == 6) {
    findings_.report(
        Severity::kWarning, "EDIFACT_UNB_DATE_LENGTH",
        "UNB date of preparation (S004/0017) is " + quoteValue(date) +
            ", a YYMMDD date, but syntax version 4 specifies CCYYMMDD: add the century, e.g. " +
            edi::withCentury(date),
        unb.locate(4, 1));
  } else if (syntaxVersion_ != 0 && syntaxVersion_ < 4 && date.size() == 8) {
    findings_.report(Severity::kWarning, "EDIFACT_UNB_DATE_LENGTH",
                     "UNB date of preparation (S004/0017) is " + quoteValue(date) +
                         ", a CCYYMMDD date, but syntax version " + std::to_string(syntaxVersion_) +
                         " specifies YYMMDD: write " + std::string(date.substr(2)) +
                         " or declare syntax version 4",
                     unb.locate(4, 1));
  }
  if (time.size() != 4 || !edi::isClockTime(time, false, 0)) {
    findings_.report(
        Severity::kError, "EDIFACT_UNB_TIME",
        "UNB time of preparation (S004/0019) " + describe(time) +
            "; it must be a time as HHMM (hours 00-23, minutes 00-59): use the time the "
            "interchange was prepared, e.g. 1430",
        unb.locate(4, 2));
  }

  std::string_view reference = componentOf(unb, 4, 0);
  unb0020_ = std::string(reference);
  if (reference.empty() || reference.size() > kMaxReference) {
    std::string what = reference.empty()
                           ? std::string("is missing")
                           : "is " + plural(reference.size(), "character", "characters");
    findings_.report(
        Severity::kError, "EDIFACT_UNB_REF",
        "UNB interchange control reference (0020) " + what +
            "; it must be 1 to 14 characters: use the sender's unique reference for this "
            "interchange, and repeat it in UNZ02",
        unb.locate(5, 1));
  }
}

void EnvelopeValidator::checkUnz(const edi::Segment& unz) {
  const bool countsGroups = groups_ > 0;
  const uint64_t actual = countsGroups ? groups_ : ungroupedMessages_;
  std::string_view unz01 = componentOf(unz, 0, 0);
  std::optional<uint64_t> declared = edi::parseCount(unz01);
  if (!declared || *declared != actual) {
    std::string message = "UNZ01 (interchange control count) " + describe(unz01) +
                          ", but the interchange holds " +
                          (countsGroups ? plural(actual, "functional group", "functional groups") +
                                              " (UNZ01 counts groups when UNG is used)"
                                        : plural(actual, "message", "messages")) +
                          ": set UNZ01 to " + std::to_string(actual);
    if (declared && *declared > actual) message += ", or check whether data was lost";
    findings_.report(Severity::kError, "EDIFACT_UNZ01_COUNT", std::move(message), unz.locate(1, 1));
  }

  std::string_view unz02 = componentOf(unz, 1, 0);
  if (!hasHeader_ || unb0020_.empty() || unz02 == unb0020_) return;
  findings_.report(
      Severity::kError, "EDIFACT_UNZ02_MISMATCH",
      "UNZ02 (interchange control reference) " + describe(unz02) + ", but UNB 0020 is " +
          quoteValue(unb0020_) +
          ": UNZ02 must repeat the UNB reference exactly; if they differ, the trailer may "
          "belong to another interchange, otherwise set UNZ02 to " +
          unb0020_,
      unz.locate(2, 1));
}

// ---------------------------------------------------------------- UNG / UNE

void EnvelopeValidator::checkUng(const edi::Segment& ung) {
  std::string_view reference = componentOf(ung, 4, 0);
  ung0048_ = std::string(reference);
  if (reference.empty() || reference.size() > kMaxReference) {
    std::string what = reference.empty()
                           ? std::string("is missing")
                           : "is " + plural(reference.size(), "character", "characters");
    findings_.report(
        Severity::kError, "EDIFACT_UNG_REF",
        "UNG group reference number (0048) " + what +
            "; it must be 1 to 14 characters: use the sender's reference for this group, "
            "and repeat it in UNE02",
        ung.locate(5, 1));
  }
  if (reference.empty()) return;
  switch (groupRefs_.insert(reference)) {
    case edi::ControlNumberSet::Insert::kDuplicate:
      findings_.report(
          Severity::kError, "EDIFACT_DUPLICATE_UNG_REF",
          "UNG group reference number (0048) " + quoteValue(reference) +
              " is used by an earlier group in this interchange: give every group its own "
              "reference (acknowledgments refer to groups by it)",
          ung.locate(5, 1));
      break;
    case edi::ControlNumberSet::Insert::kFull:
      if (!groupLimitReported_) {
        groupLimitReported_ = true;
        findings_.report(
            Severity::kInfo, "EDIFACT_DUPLICATE_CHECK_LIMIT",
            "this interchange has too many groups to remember all of their references; "
            "duplicate UNG references after group " +
                std::to_string(groups_) +
                " are not detected: split the interchange if duplicates must be ruled out",
            ung.locate(5, 1));
      }
      break;
    case edi::ControlNumberSet::Insert::kNew:
      break;
  }
}

void EnvelopeValidator::checkUne(const edi::Segment& une) {
  std::string_view une01 = componentOf(une, 0, 0);
  std::optional<uint64_t> declared = edi::parseCount(une01);
  if (!declared || *declared != groupMessages_) {
    std::string message = "UNE01 (number of messages) " + describe(une01) + ", but the group " +
                          (ung0048_.empty() ? std::string() : quoteValue(ung0048_) + " ") +
                          "holds " + plural(groupMessages_, "message", "messages") +
                          ": set UNE01 to " + std::to_string(groupMessages_);
    if (declared && *declared > groupMessages_) message += ", or check whether messages were lost";
    findings_.report(Severity::kError, "EDIFACT_UNE01_COUNT", std::move(message), une.locate(1, 1));
  }
  std::string_view une02 = componentOf(une, 1, 0);
  if (ung0048_.empty() || une02 == ung0048_) return;
  findings_.report(
      Severity::kError, "EDIFACT_UNE02_MISMATCH",
      "UNE02 (group reference number) " + describe(une02) + ", but UNG 0048 is " +
          quoteValue(ung0048_) +
          ": UNE02 must repeat the UNG reference exactly; if they differ, the trailer may "
          "belong to another group, otherwise set UNE02 to " +
          ung0048_,
      une.locate(2, 1));
}

// ---------------------------------------------------------------- UNH / UNT

void EnvelopeValidator::checkUnh(const edi::Segment& unh) {
  auto locate = [&](uint32_t element, uint32_t component) {
    core::Location location = unh.locate(element, component);
    location.transactionSegment = 1;
    return location;
  };
  std::string_view reference = componentOf(unh, 0, 0);
  unh0062_ = std::string(reference);
  if (reference.empty() || reference.size() > kMaxReference) {
    std::string what = reference.empty()
                           ? std::string("is missing")
                           : "is " + plural(reference.size(), "character", "characters");
    findings_.report(
        Severity::kError, "EDIFACT_UNH_REF",
        "UNH message reference number (0062) " + what +
            "; it must be 1 to 14 characters: use the sender's reference for this message, "
            "and repeat it in UNT02",
        locate(1, 1));
  }

  struct Part {
    const char* id;
    const char* title;
    size_t maxLength;
    const char* example;
  };
  static constexpr std::array<Part, 4> kParts = {{
      {"0065", "message type", 6, "ORDERS"},
      {"0052", "message version number", 3, "D"},
      {"0054", "message release number", 3, "96A"},
      {"0051", "controlling agency", 3, "UN"},
  }};
  for (size_t c = 0; c < kParts.size(); ++c) {
    std::string_view value = componentOf(unh, 1, c);
    if (!value.empty() && value.size() <= kParts[c].maxLength) continue;
    std::string what = value.empty() ? std::string("is missing")
                                     : "is " + quoteValue(value) + " (" +
                                           plural(value.size(), "character", "characters") + ")";
    findings_.report(Severity::kError, "EDIFACT_UNH_MESSAGE_ID",
                     std::string("UNH ") + kParts[c].title + " (S009/" + kParts[c].id + ") " +
                         what +
                         "; the message identifier needs type, version, release and agency (e.g. "
                         "ORDERS:D:96A:UN) and this part is at most " +
                         std::to_string(kParts[c].maxLength) + " characters: set it, e.g. to " +
                         kParts[c].example,
                     locate(2, static_cast<uint32_t>(c + 1)));
  }

  if (reference.empty()) return;
  switch (messageRefs_.insert(reference)) {
    case edi::ControlNumberSet::Insert::kDuplicate:
      findings_.report(
          Severity::kError, "EDIFACT_DUPLICATE_UNH_REF",
          "UNH message reference number (0062) " + quoteValue(reference) +
              " is used by an earlier message in this interchange: give every message its "
              "own reference (acknowledgments refer to messages by it)",
          locate(1, 1));
      break;
    case edi::ControlNumberSet::Insert::kFull:
      if (!messageLimitReported_) {
        messageLimitReported_ = true;
        findings_.report(
            Severity::kInfo, "EDIFACT_DUPLICATE_CHECK_LIMIT",
            "this interchange has too many messages to remember all of their references; "
            "duplicate UNH references after message " +
                std::to_string(groupMessages_ + ungroupedMessages_) +
                " are not detected: split the interchange if duplicates must be ruled out",
            locate(1, 1));
      }
      break;
    case edi::ControlNumberSet::Insert::kNew:
      break;
  }
}

void EnvelopeValidator::checkUnt(const edi::Segment& unt) {
  const uint64_t actual = segments_ + 2;
  auto locate = [&](uint32_t element) {
    core::Location location = unt.locate(element, 1);
    location.transactionSegment = actual;
    return location;
  };
  std::string_view unt01 = componentOf(unt, 0, 0);
  std::optional<uint64_t> declared = edi::parseCount(unt01);
  if (!declared || *declared != actual) {
    std::string message = "UNT01 (number of segments in the message) " + describe(unt01) +
                          ", but message " + quoteValue(unh0062_) + " has " +
                          plural(actual, "segment", "segments") +
                          " from UNH to UNT inclusive: set UNT01 to " + std::to_string(actual);
    if (declared) message += ", or check whether segments were lost or added in transit";
    findings_.report(Severity::kError, "EDIFACT_UNT01_COUNT", std::move(message), locate(1));
  }
  std::string_view unt02 = componentOf(unt, 1, 0);
  if (unt02 != unh0062_) {
    findings_.report(
        Severity::kError, "EDIFACT_UNT02_MISMATCH",
        "UNT02 (message reference number) " + describe(unt02) + ", but UNH 0062 is " +
            quoteValue(unh0062_) +
            ": UNT02 must repeat the UNH reference exactly; if they differ, the trailer may "
            "belong to another message, otherwise set UNT02 to " +
            unh0062_,
        locate(2));
  }
}

}  // namespace bridge::parsers::edifact

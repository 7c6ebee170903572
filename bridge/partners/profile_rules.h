// The rules a partner profile's values follow, one check per kind of value.
// Each check returns nothing when the value is fine, otherwise the message
// for it: what is wrong and what to write instead, starting with `what` (the
// value's name in the file, "x12.interchange-ids[1] 'qualifier'").
//
// The loaders read the YAML; these checks know the standards' limits, so they
// can be tested without files.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace bridge::partners {

using Problem = std::optional<std::string>;

// [a-z0-9][a-z0-9_-]{0,63}: the id doubles as the file name and as a key in
// control-number files, so it is kept to characters safe in both.
Problem partnerIdProblem(std::string_view what, std::string_view value);

// ISA05: a code of list I05.
Problem isaQualifierProblem(std::string_view what, std::string_view value);
// ISA06: 1-15 printable characters, written without the padding.
Problem isaIdProblem(std::string_view what, std::string_view value);
// GS02: 2-15 printable characters.
Problem gsIdProblem(std::string_view what, std::string_view value);
// The first six characters of GS08: six digits ("004010").
Problem x12VersionProblem(std::string_view what, std::string_view value);

// UNB S002 0004: 1-35 characters.
Problem edifactIdProblem(std::string_view what, std::string_view value);
// UNB S002 0007: 1-4 characters.
Problem edifactQualifierProblem(std::string_view what, std::string_view value);
// UNH S009 0052 and 0054 together: D or S, two digits, a letter ("D96A").
Problem edifactVersionProblem(std::string_view what, std::string_view value);
// UNB S001 0001 of what we write: UNOA-UNOL, UNOW, UNOX, UNOY.
Problem syntaxIdentifierProblem(std::string_view what, std::string_view value);
// UNOW, UNOX and UNOY exist only from syntax version 4.
bool syntaxNeedsVersion4(std::string_view syntax);

// A service character: one printable character that is not a letter, digit
// or space.
Problem separatorProblem(std::string_view what, std::string_view value);

inline constexpr std::chrono::seconds kMinAckDeadline = std::chrono::minutes(1);
inline constexpr std::chrono::seconds kMaxAckDeadline = std::chrono::hours(24 * 30);

struct DeadlineParse {
  std::chrono::seconds value{0};
  Problem problem;
};
// "<n>m", "<n>h" or "<n>d", from kMinAckDeadline to kMaxAckDeadline.
DeadlineParse parseAckDeadline(std::string_view what, std::string_view text);

}  // namespace bridge::partners

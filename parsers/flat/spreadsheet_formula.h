// Formula injection guard for CSV output (S10). Spreadsheets run a cell that
// starts with = + - or @ as a formula (and some strip a leading TAB or CR
// first), so a value taken from a partner's document could make a user's
// spreadsheet call functions, fetch URLs or start programs.
//
// The rule: a cell whose first character is = + - @ TAB or CR gets a leading
// apostrophe ('), which spreadsheets show as text; EXCEPT a plain number,
// which is data and keeps its sign: an optional + or -, digits, and at most
// one decimal separator ('.' or ',') with at least one digit in the whole
// cell ("-12.50", "+3", "-,5", "-0"). Anything else after the sign ("-1+2",
// "-2E5", "-1,000.00", "+31 20 555") is escaped; so is a lone "-". A reader
// that wants the original value back strips the apostrophe from cells that
// start with "'=", "'+", "'-", "'@", "'\t" or "'\r".
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace bridge::parsers::flat {

// An optional sign, digits, at most one '.' or ',' and at least one digit.
bool isPlainNumber(std::string_view cell);

// True when the rule above would escape `cell`.
bool needsFormulaEscape(std::string_view cell);

// `cell` with the apostrophe added when needsFormulaEscape(cell).
std::string escapeFormula(std::string_view cell);

}  // namespace bridge::parsers::flat

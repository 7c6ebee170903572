#include "parsers/flat/spreadsheet_formula.h"

namespace bridge::parsers::flat {

bool isPlainNumber(std::string_view cell) {
  if (!cell.empty() && (cell.front() == '+' || cell.front() == '-')) cell.remove_prefix(1);
  bool digit = false;
  bool separator = false;
  for (char c : cell) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if ((c == '.' || c == ',') && !separator) {
      separator = true;
    } else {
      return false;
    }
  }
  return digit;
}

bool needsFormulaEscape(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !isPlainNumber(cell);
    default:
      return false;
  }
}

std::string escapeFormula(std::string_view cell) {
  if (!needsFormulaEscape(cell)) return std::string(cell);
  return "'" + std::string(cell);
}

}  // namespace bridge::parsers::flat

// Writing CSV: the JSON record document {"records": [{...}, ...]} of a mapping
// to CSV bytes in the layout's delimiter, quoting, encoding and line ending.
//
// Columns: the layout's columns, in their positions when every column has one
// (gaps stay empty) and in their listed order otherwise; without columns, the
// fields of the first record, in the document's key order (nlohmann::json
// keeps object keys sorted, so: alphabetical; list csv.columns to choose the
// order). The header row, when the layout has one, holds each column's header
// text. A record field that is not a column is an error, not dropped; a column
// a record lacks is an empty cell.
//
// Cells: strings as they are, numbers and booleans as JSON writes them, null
// as empty; objects and lists are errors. With formulaEscape (the default) a
// formula-like cell gets a leading apostrophe (spreadsheet_formula.h, S10).
// A cell is quoted when it holds the delimiter, the quote, CR or LF, or starts
// or ends with a space or TAB; quotes inside are doubled.
//
// Errors name the record (1-based) and field. Output is written record by
// record, so on an error the stream holds a partial file: write to a temporary
// and discard it.
//
// Memory: one record's text at a time. Thread-safety: reentrant.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "bridge/core/status.h"
#include "parsers/flat/csv_layout.h"

namespace bridge::parsers::flat {

core::Status writeCsv(const nlohmann::json& document, const CsvLayout& layout, std::ostream& out);

}  // namespace bridge::parsers::flat

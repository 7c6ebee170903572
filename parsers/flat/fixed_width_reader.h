// Reading fixed-width files into the JSON record document
// {"records": [{"_type": "HD", "invoice_number": "INV1", ...}, ...]}.
//
// Each line is one record. Its type comes from the layout's record type span
// (a code the layout does not declare is an error naming the line and the
// code); a layout without a span has one record type. Field values are trimmed
// of their padding: left-aligned fields lose trailing pad characters and
// spaces, right-aligned ones leading pad characters and spaces (with pad "0",
// one zero stays when nothing else, or only ".5"-like text, would be left);
// a blank field is "". Fields with implied decimals become decimal numbers
// ("00000012345" with 2 decimals -> "123.45", see implied_decimals.h).
//
// Nothing is dropped silently: a character other than a space outside every
// field (in a gap, or past the record's end) is an error with its line and
// column; declare a field for it. A line shorter than its record is read as
// if padded with spaces, since editors and transfers often strip them. Lines
// end at LF or CRLF; empty lines are skipped; a UTF-8 byte order mark at the
// start is skipped. Columns in messages count characters.
//
// Limits: a line longer than maxRecordBytes stops the read with
// resourceExhausted.
//
// Memory: one line at a time while reading, plus the document returned.
// Thread-safety: reentrant.
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "bridge/core/status.h"
#include "parsers/flat/fixed_width_layout.h"

namespace bridge::parsers::flat {

core::Result<nlohmann::json> readFixedWidth(std::istream& in, const FixedWidthLayout& layout,
                                            std::string_view sourceName);

}  // namespace bridge::parsers::flat

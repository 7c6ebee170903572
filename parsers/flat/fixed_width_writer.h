// Writing the JSON record document {"records": [{"_type": "HD", ...}, ...]}
// as a fixed-width file: one line per record, each field padded to its length
// (left-aligned: value then pad characters; right-aligned: pad characters then
// value; implied decimals removed, "123.45" -> "00000012345", a minus sign
// before zero padding and after space padding). Gaps between fields are
// spaces, and a record type with a `length` is padded to it.
//
// An empty, null or missing value is written as spaces (read back as ""). A
// value longer than its field, with more decimals than it holds, with a line
// break, or with a character the layout's encoding lacks is an error naming
// the record (1-based), its type and the field; nothing is cut or rounded. A
// record field the record type does not declare is an error, not dropped.
// With a record type span every record needs "_type"; without one "_type" is
// optional.
//
// Output is written record by record, so on an error the stream holds a
// partial file: write to a temporary and discard it.
//
// Memory: one line at a time. Thread-safety: reentrant.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "bridge/core/status.h"
#include "parsers/flat/fixed_width_layout.h"

namespace bridge::parsers::flat {

core::Status writeFixedWidth(const nlohmann::json& document, const FixedWidthLayout& layout,
                             std::ostream& out);

}  // namespace bridge::parsers::flat

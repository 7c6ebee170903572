// Parsing the relational notes of a segment or composite (X12 syntax notes
// such as P0405, EDIFACT dependency notes such as D3(010,020)) into Note,
// with 1-based positions. See docs/schema-format.md, "Notes".
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"
#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

// Parses `text` written for `standard`. `positions` is how many elements (or
// components) the owner has; `owner` names it in messages ("segment 'BEG'").
// On a problem, returns nullopt and sets `error` to a message that says what
// to write instead.
std::optional<Note> parseNote(std::string_view text, edi::Standard standard, size_t positions,
                              std::string_view owner, std::string& error);

}  // namespace bridge::parsers::schema

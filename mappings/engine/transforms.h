// The value transforms of the mapping language: dates and times between EDI
// formats and ISO 8601, numbers with implied decimals, text shaping and code
// tables. Each is a pure function of one value, so each can be tested on its
// own and the evaluator only sequences them.
//
// Values are JSON scalars: EDI and flat sources give strings, canonical
// documents give strings, numbers and booleans. A null value (no source
// value) never reaches a transform.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "mappings/engine/mapping.h"

namespace bridge::mappings {

// The date, time and date-time formats a mapping may name. EDIFACT format
// qualifiers (DTM C507 2379) are accepted by number.
bool isKnownDateFormat(std::string_view format);      // parse_date / format_date
bool isKnownTimeFormat(std::string_view format);      // parse_time / format_time
bool isKnownDateTimeFormat(std::string_view format);  // parse_datetime / format_datetime

// Applies one transform. Lua transforms are run by the evaluator, not here.
// The error message says what the value was and why it does not fit.
core::Result<nlohmann::json> applyTransform(const Transform& transform,
                                            const nlohmann::json& value);

// A scalar as text: strings as they are, integers in decimal, other numbers
// in their shortest exact decimal form without exponent, booleans as
// "true"/"false".
std::string scalarText(const nlohmann::json& value);

}  // namespace bridge::mappings

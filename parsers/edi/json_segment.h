// The JSON form of one segment and of a set of delimiters, in both
// directions. docs/json-format.md is the contract; JsonPrinter and renderJson
// build on these.
//
//   SEGMENT = {"tag":"N1","elements":[ELEMENT...],"line":12}     ("line" optional)
//   ELEMENT = "value" | ["c1","c2"] | {"repeats":["r1",["c1","c2"]]}
//
// JSON strings are UTF-8. A value that is not valid UTF-8 is written with
// U+FFFD in place of each bad byte (and counted), so it cannot round-trip.
// A delimiter byte of 0x80 or above is written as the code point of the same
// number (Latin-1), which maps back to the same byte.
//
// Decoding never throws and accepts nothing but the documented shapes: every
// problem is an invalid-argument Status whose message starts with the JSON
// pointer of the offending value and says what was expected.
//
// Thread-safety: free functions on values.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bridge/core/status.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::edi {

bool isValidUtf8(std::string_view text);

// `segment` as compact JSON. Adds the number of values that were not valid
// UTF-8 to `invalidUtf8`.
std::string segmentToJson(const Segment& segment, bool withLine, uint64_t& invalidUtf8);

// {"element":"*","component":">","repetition":"^","segment":"~","release":null,
//  "decimal":null}: unused delimiters are null.
nlohmann::ordered_json delimitersToJson(const Delimiters& delimiters);

// "a string", "an array", ...: for messages.
std::string jsonTypeName(const nlohmann::json& value);

// RFC 6901 escaping of one reference token ('~' -> "~0", '/' -> "~1").
std::string jsonPointerToken(std::string_view key);

// An invalid-argument Status "POINTER: MESSAGE".
core::Status jsonError(const std::string& pointer, const std::string& message);

// Decodes a SEGMENT found at `pointer`.
core::Result<OwnedSegment> segmentFromJson(const nlohmann::json& value, const std::string& pointer);

// Decodes the delimiters object found at `pointer`. Checks the shape only;
// checkDelimiters() judges whether the set is usable.
core::Result<Delimiters> delimitersFromJson(const nlohmann::json& value,
                                            const std::string& pointer);

}  // namespace bridge::parsers::edi

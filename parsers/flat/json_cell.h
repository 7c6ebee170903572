// The text a JSON value stands for in a CSV cell or a fixed-width field, for
// the writers: mappings may produce numbers and booleans as well as strings.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace bridge::parsers::flat {

// Strings as they are, numbers as JSON writes them ("12", "-3.5"), booleans as
// "true"/"false", null as "" (no value). Objects and arrays hold no single
// value: nullopt.
std::optional<std::string> cellText(const nlohmann::json& value);

// "a string", "a number", "an object", "a list", ... for messages.
std::string describeJsonType(const nlohmann::json& value);

// "record 3" for the element at 0-based `index` of the document's records.
std::string recordName(size_t index);

}  // namespace bridge::parsers::flat

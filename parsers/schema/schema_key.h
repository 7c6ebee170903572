// SchemaKey: which schema a transaction needs (standard, version, set id),
// and its two spellings: "x12/004010/850" in overlay files and schema paths,
// "X12 004010 850" in messages.
//
// Thread-safety: values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"

namespace bridge::parsers::schema {

struct SchemaKey {
  edi::Standard standard = edi::Standard::kUnknown;
  std::string version;  // "004010", "D96A", "syntax4"
  std::string id;       // "850", "ORDERS"

  std::string path() const;      // "x12/004010/850"
  std::string describe() const;  // "X12 004010 850"
  bool operator==(const SchemaKey&) const = default;
};

// Parses "x12/004010/850"; nullopt unless it is standard/version/id with a
// known standard and non-empty parts.
std::optional<SchemaKey> parseSchemaKey(std::string_view text);

}  // namespace bridge::parsers::schema

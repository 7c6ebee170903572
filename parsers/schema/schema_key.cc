#include "parsers/schema/schema_key.h"

#include "parsers/schema/file_header.h"

namespace bridge::parsers::schema {

std::string SchemaKey::path() const {
  return std::string(edi::standardName(standard)) + "/" + version + "/" + id;
}

std::string SchemaKey::describe() const {
  return standardLabel(standard) + " " + version + " " + id;
}

std::optional<SchemaKey> parseSchemaKey(std::string_view text) {
  const size_t first = text.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = text.find('/', first + 1);
  if (second == std::string_view::npos || text.find('/', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  SchemaKey key;
  const std::string_view standard = text.substr(0, first);
  if (standard == "x12") {
    key.standard = edi::Standard::kX12;
  } else if (standard == "edifact") {
    key.standard = edi::Standard::kEdifact;
  } else {
    return std::nullopt;
  }
  key.version = std::string(text.substr(first + 1, second - first - 1));
  key.id = std::string(text.substr(second + 1));
  if (key.version.empty() || key.id.empty()) return std::nullopt;
  return key;
}

}  // namespace bridge::parsers::schema

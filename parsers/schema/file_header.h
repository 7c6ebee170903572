// What every schema file shares (docs/schema-format.md): the header
// (format, kind, standard, version) and the values that several kinds of
// file write the same way (usage, max).
//
// Thread-safety: functions; the readers passed in are not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bridge/config/yaml_reader.h"
#include "parsers/edi/segment.h"
#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

inline constexpr char kSchemaFormat[] = "edi-bridge/schema-v1";

struct FileHeader {
  edi::Standard standard = edi::Standard::kUnknown;
  std::string version;
};

// Reads `format`, `kind`, `standard` and `version`, and checks that the file
// is of `kind`. With `needsStandard` false, `standard` and `version` may be
// absent (an overlay names its base instead). Returns nullopt when the
// header is unusable (already reported).
std::optional<FileHeader> readFileHeader(config::MapReader& file, std::string_view kind,
                                         bool needsStandard = true);

// `usage` as M, O or C; `fallback` when absent or wrong (wrong is reported).
Usage readUsage(config::MapReader& map, Usage fallback = Usage::kOptional);

// `max` as a whole number from 1 or `unbounded`; `fallback` when absent or
// wrong (wrong is reported, naming the map as `what`).
uint64_t readMax(config::MapReader& map, std::string_view what, uint64_t fallback = 1);

// A whole number of up to 18 digits (so that it cannot overflow); nullopt
// for anything else.
std::optional<uint64_t> parseCount(std::string_view text);

// "x12", "edifact" as written in schema files; upper case for messages.
std::string standardLabel(edi::Standard standard);

}  // namespace bridge::parsers::schema

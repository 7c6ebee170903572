// The state database's tables (docs/spool-format.md describes every column)
// and their creation on first open.
//
// Thread-safety: functions over one Database; see database.h.
#pragma once

#include <cstdint>

#include "bridge/core/status.h"
#include "spool/database.h"

namespace bridge::spool {

inline constexpr int64_t kSchemaVersion = 1;

// Creates the tables when the database is new and checks the schema version
// of an existing one (a newer version than kSchemaVersion is refused).
[[nodiscard]] core::Status prepareSchema(Database& database, const std::string& path);

}  // namespace bridge::spool

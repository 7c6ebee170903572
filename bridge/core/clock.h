// The wall clock, and the two ways edi-bridge writes a time: RFC 3339 UTC
// with milliseconds (logs, events, the CLI) and a compact form for file names.
//
// Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <string>

namespace bridge::core {

// Milliseconds since the epoch.
int64_t systemClockMs();

// "2026-11-27T11:07:47.856Z".
std::string formatUtcMillis(int64_t ms);

// "20261127T110747.856Z": sorts like the time, and holds no ':' for file names.
std::string formatUtcCompact(int64_t ms);

}  // namespace bridge::core

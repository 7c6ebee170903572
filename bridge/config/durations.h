// Durations and sizes as an administrator writes them in bridge.yaml:
// durations "250ms", "5s", "10m", "2h", "30d"; sizes "512" (bytes), "64KiB",
// "10MiB", "1GiB", "1TiB". Units are binary (1KiB = 1024 bytes) because
// spool and file limits are compared with byte counts, and "MB" would leave
// it open whether 10^6 or 2^20 was meant; such units are refused with the
// binary spelling suggested.
//
// The format* functions write a value back in the largest unit that divides
// it exactly, so that defaults in docs/configuration.md read as they would be
// written ("24h", "1GiB") and parse back to the same value.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bridge/core/status.h"

namespace bridge::config {

// Milliseconds. On a bad text the status message says what is accepted,
// without naming the key ("expected a duration: ...").
core::Result<int64_t> parseDuration(std::string_view text);

// Bytes, with the same kind of message.
core::Result<uint64_t> parseSize(std::string_view text);

std::string formatDuration(int64_t milliseconds);
std::string formatSize(uint64_t bytes);

}  // namespace bridge::config

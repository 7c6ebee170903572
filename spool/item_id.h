// Item ids: 12 lower-case hex digits of the millisecond clock followed by 8
// random hex digits (getrandom), e.g. "018f3a2b4c5d9e1f2a3b". Ids are
// unique, stable, safe as file names, and sort by arrival time.
//
// Thread-safety: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bridge::spool {

inline constexpr size_t kItemIdLength = 20;

std::string newItemId(int64_t nowMs);
// True for strings of the form newItemId produces.
bool isItemId(std::string_view text);

// 64 random bits from getrandom (for ids and retry jitter).
uint64_t randomBits();

}  // namespace bridge::spool

#include "spool/item_id.h"

#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <random>

namespace bridge::spool {

uint64_t randomBits() {
  uint64_t value = 0;
  size_t done = 0;
  auto* bytes = reinterpret_cast<unsigned char*>(&value);
  while (done < sizeof value) {
    ssize_t n = ::getrandom(bytes + done, sizeof value - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      // getrandom only fails without kernel support; uniqueness then rests
      // on the clock and a per-process generator, still not on a constant.
      static thread_local std::mt19937_64 fallback(
          static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
      return fallback();
    }
    done += static_cast<size_t>(n);
  }
  return value;
}

std::string newItemId(int64_t nowMs) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(kItemIdLength, '0');
  uint64_t clock = static_cast<uint64_t>(nowMs < 0 ? 0 : nowMs);
  for (int i = 11; i >= 0; --i) {
    id[static_cast<size_t>(i)] = kHex[clock & 0xf];
    clock >>= 4;
  }
  uint64_t random = randomBits();
  for (size_t i = 12; i < kItemIdLength; ++i) {
    id[i] = kHex[random & 0xf];
    random >>= 4;
  }
  return id;
}

bool isItemId(std::string_view text) {
  if (text.size() != kItemIdLength) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace bridge::spool

#include "bridge/core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace bridge::core {
namespace {

std::string formatUtc(int64_t ms, const char* format) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[96];
  std::snprintf(text, sizeof text, format, utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms % 1000));
  return text;
}

}  // namespace

int64_t systemClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string formatUtcMillis(int64_t ms) {
  return formatUtc(ms, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ");
}

std::string formatUtcCompact(int64_t ms) {
  return formatUtc(ms, "%04d%02d%02dT%02d%02d%02d.%03dZ");
}

}  // namespace bridge::core

#include "parsers/ack/clock_format.h"

#include <cstdio>

namespace bridge::parsers::ack {
namespace {

std::string digits(int value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
  return buffer;
}

}  // namespace

std::tm utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm out{};
  gmtime_r(&now, &out);
  return out;
}

std::tm ackTime(const AckOptions& options) { return options.clock ? options.clock() : utcNow(); }

std::string yymmdd(const std::tm& t) {
  return digits(t.tm_year % 100, 2) + digits(t.tm_mon + 1, 2) + digits(t.tm_mday, 2);
}

std::string ccyymmdd(const std::tm& t) {
  return digits(t.tm_year + 1900, 4) + digits(t.tm_mon + 1, 2) + digits(t.tm_mday, 2);
}

std::string hhmm(const std::tm& t) { return digits(t.tm_hour, 2) + digits(t.tm_min, 2); }

}  // namespace bridge::parsers::ack

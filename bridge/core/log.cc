#include "bridge/core/log.h"
#include "bridge/core/clock.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace bridge::core {
namespace {

std::atomic<int> gLevel{static_cast<int>(LogLevel::kInfo)};
std::atomic<bool> gEnabled{true};
std::mutex gMutex;

std::string_view levelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

void appendValue(std::string& line, std::string_view value) {
  bool quote = value.empty();
  for (char c : value) {
    if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) quote = true;
  }
  if (quote) line += '"';
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      line += '\\';
      line += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      line += "\\x";
      line += kHex[byte >> 4];
      line += kHex[byte & 0xf];
    } else {
      line += c;
    }
  }
  if (quote) line += '"';
}

}  // namespace

void log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  if (!gEnabled.load() || static_cast<int>(level) < gLevel.load()) return;
  std::string line = formatUtcMillis(systemClockMs());
  line += ' ';
  line.append(levelName(level));
  line += ' ';
  line.append(event);
  for (const LogField& field : fields) {
    line += ' ';
    line.append(field.first);
    line += '=';
    appendValue(line, field.second);
  }
  line += '\n';
  std::lock_guard<std::mutex> lock(gMutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void setLogLevel(LogLevel level) { gLevel.store(static_cast<int>(level)); }
void setLogEnabled(bool enabled) { gEnabled.store(enabled); }

}  // namespace bridge::core

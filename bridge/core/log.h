// Log: one line per event on standard error, for the operator (and journald
// when run under systemd): "LEVEL event key=value key=value".
//
// Values are quoted when they hold spaces or quotes, and control bytes are
// escaped, so a hostile file name cannot forge a log line. Secrets are never
// passed to the log.
//
// Thread-safety: thread-safe (one write per line).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace bridge::core {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

using LogField = std::pair<std::string_view, std::string>;

void log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});

// Lines below `level` are dropped (default kInfo).
void setLogLevel(LogLevel level);
// Silences all logging (tests that crash the pipeline thousands of times).
void setLogEnabled(bool enabled);

}  // namespace bridge::core

#include "bridge/config/durations.h"

#include <array>
#include <cctype>
#include <limits>
#include <optional>

namespace bridge::config {
namespace {

struct Unit {
  std::string_view name;
  uint64_t factor;
};

// Largest first, so that format* picks the largest unit that fits.
constexpr std::array<Unit, 5> kDurationUnits = {{
    {"d", 24ull * 3600 * 1000},
    {"h", 3600ull * 1000},
    {"m", 60ull * 1000},
    {"s", 1000},
    {"ms", 1},
}};

constexpr std::array<Unit, 5> kSizeUnits = {{
    {"TiB", 1ull << 40},
    {"GiB", 1ull << 30},
    {"MiB", 1ull << 20},
    {"KiB", 1ull << 10},
    {"", 1},
}};

constexpr std::string_view kDurationForms =
    "expected a duration: a whole number and a unit, ms, s, m, h or d (250ms, 5s, 10m, 2h, 30d)";
constexpr std::string_view kSizeForms =
    "expected a size: a whole number of bytes, or one followed by KiB, MiB, GiB or TiB (512, "
    "64KiB, 10MiB, 1GiB)";

struct Split {
  std::string_view digits;
  std::string_view unit;
};

Split split(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return {text.substr(0, end), text.substr(end)};
}

// Whole numbers up to `limit`; nullopt when empty or larger.
std::optional<uint64_t> number(std::string_view digits, uint64_t limit) {
  if (digits.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : digits) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (value > (limit - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The binary unit meant by a decimal or lower-case spelling ("MB", "m",
// "mib"), or "" when the unit is no spelling of a size unit at all.
std::string_view binaryUnitFor(std::string_view unit) {
  const std::string spelled = lower(unit);
  for (const Unit& candidate : kSizeUnits) {
    if (candidate.name.empty()) continue;
    const char letter =
        static_cast<char>(std::tolower(static_cast<unsigned char>(candidate.name[0])));
    if (spelled == std::string(1, letter) || spelled == std::string(1, letter) + "b" ||
        spelled == lower(candidate.name))
      return candidate.name;
  }
  return {};
}

template <size_t N>
std::string format(uint64_t value, const std::array<Unit, N>& units) {
  for (const Unit& unit : units) {
    if (value != 0 && value % unit.factor == 0) {
      std::string out = std::to_string(value / unit.factor);
      out.append(unit.name);
      return out;
    }
  }
  std::string out = "0";
  out.append(units.back().name);
  return out;
}

}  // namespace

core::Result<int64_t> parseDuration(std::string_view text) {
  const Split parts = split(text);
  const Unit* unit = nullptr;
  for (const Unit& candidate : kDurationUnits) {
    if (candidate.name == parts.unit) unit = &candidate;
  }
  if (parts.digits.empty() || unit == nullptr) {
    if (!parts.digits.empty() && parts.unit.empty()) {
      std::string message = "a duration needs a unit: write ";
      message.append(parts.digits).append("s for seconds, or use ms, m, h or d");
      return core::Status::invalidArgument(std::move(message));
    }
    return core::Status::invalidArgument(std::string(kDurationForms));
  }
  const auto limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / unit->factor;
  const std::optional<uint64_t> value = number(parts.digits, limit);
  if (!value) return core::Status::invalidArgument("the duration is too long");
  return static_cast<int64_t>(*value * unit->factor);
}

core::Result<uint64_t> parseSize(std::string_view text) {
  const Split parts = split(text);
  const Unit* unit = nullptr;
  for (const Unit& candidate : kSizeUnits) {
    if (candidate.name == parts.unit) unit = &candidate;
  }
  if (parts.digits.empty() || unit == nullptr) {
    const std::string_view meant = binaryUnitFor(parts.unit);
    if (!parts.digits.empty() && !meant.empty()) {
      std::string message = "sizes are binary: write ";
      message.append(parts.digits).append(meant).append(" (1").append(meant).append(" = ");
      for (const Unit& candidate : kSizeUnits) {
        if (candidate.name == meant) message.append(std::to_string(candidate.factor));
      }
      message.append(" bytes)");
      return core::Status::invalidArgument(std::move(message));
    }
    return core::Status::invalidArgument(std::string(kSizeForms));
  }
  const std::optional<uint64_t> value =
      number(parts.digits, std::numeric_limits<uint64_t>::max() / unit->factor);
  if (!value) return core::Status::invalidArgument("the size is too large");
  return *value * unit->factor;
}

std::string formatDuration(int64_t milliseconds) {
  return format(milliseconds < 0 ? 0 : static_cast<uint64_t>(milliseconds), kDurationUnits);
}

std::string formatSize(uint64_t bytes) { return format(bytes, kSizeUnits); }

}  // namespace bridge::config

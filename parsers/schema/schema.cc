#include "parsers/schema/schema.h"

#include <algorithm>

namespace bridge::parsers::schema {
namespace {

// The bytes of a code of up to 8 bytes as one integer; the length goes into
// the top bits so that "A" and "A\0" differ.
uint64_t pack(std::string_view code) {
  uint64_t value = 0;
  for (char c : code) value = (value << 8) | static_cast<uint8_t>(c);
  return value ^ (static_cast<uint64_t>(code.size()) << 60);
}

}  // namespace

CodeIndex indexCodes(const std::vector<std::string>& codes,
                     const std::vector<std::pair<std::string, std::string>>& ranges) {
  CodeIndex index;
  // Seven bytes leave the top byte for the length.
  auto packable = [](const std::string& code) { return code.size() <= 7; };
  for (const std::string& code : codes) {
    if (!packable(code)) return {};
    index.packed.push_back(pack(code));
  }
  std::sort(index.packed.begin(), index.packed.end());
  for (const auto& [from, to] : ranges) {
    if (!packable(from) || !packable(to) || from.size() != to.size()) return {};
    index.ranges.emplace_back(pack(from), pack(to));
  }
  std::sort(index.ranges.begin(), index.ranges.end());
  std::vector<std::pair<uint64_t, uint64_t>> merged;
  for (const auto& range : index.ranges) {
    if (!merged.empty() && range.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  index.ranges = std::move(merged);
  index.complete = true;
  return index;
}

bool containsCode(const std::vector<std::string>& codes, const CodeIndex& index,
                  std::string_view value) {
  if (!index.complete) {
    return std::binary_search(codes.begin(), codes.end(), value,
                              [](std::string_view a, std::string_view b) { return a < b; });
  }
  if (value.size() > 7) return false;
  const uint64_t key = pack(value);
  if (std::binary_search(index.packed.begin(), index.packed.end(), key)) return true;
  // The last range starting at or before the key is the only one that can
  // hold it, since the ranges do not overlap.
  auto after = std::upper_bound(
      index.ranges.begin(), index.ranges.end(), key,
      [](uint64_t k, const std::pair<uint64_t, uint64_t>& range) { return k < range.first; });
  return after != index.ranges.begin() && key <= std::prev(after)->second;
}

const std::string& ElementRef::id() const {
  static const std::string kNone;
  if (element != nullptr) return element->id;
  if (composite != nullptr) return composite->id;
  return kNone;
}

const SegmentDef* Dictionary::findSegment(std::string_view tag) const {
  auto it = segments.find(std::string(tag));
  return it == segments.end() ? nullptr : &it->second;
}

}  // namespace bridge::parsers::schema

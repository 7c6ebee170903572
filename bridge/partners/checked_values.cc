#include "bridge/partners/checked_values.h"

namespace bridge::partners {

SourcePosition positionOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return {mark.line < 0 ? 0 : static_cast<uint64_t>(mark.line) + 1,
          mark.column < 0 ? 0 : static_cast<uint64_t>(mark.column) + 1};
}

std::string itemName(std::string_view what, std::string_view key, size_t index) {
  return std::string(what) + "." + std::string(key) + "[" + std::to_string(index + 1) + "]";
}

std::optional<ListItem> readValue(config::MapReader& map, std::string_view what,
                                  std::string_view key, ValueRule rule, bool required) {
  YAML::Node node = map.get(key, required);
  if (!node.IsDefined()) return std::nullopt;
  const std::string name = std::string(what) + " '" + std::string(key) + "'";
  auto value = map.values().string(node, name);
  if (!value) return std::nullopt;
  if (Problem problem = rule(name, *value)) {
    map.values().error(node, *problem);
    return std::nullopt;
  }
  return ListItem{*value, node};
}

std::vector<ListItem> readValueList(config::MapReader& map, std::string_view what,
                                    std::string_view key, ValueRule rule, bool required) {
  std::vector<ListItem> out;
  YAML::Node list = map.get(key, required);
  if (!list.IsDefined()) return out;
  const std::string name = std::string(what) + " '" + std::string(key) + "'";
  // stringList reports a scalar or mapping in place of the list, and entries
  // that are not single values; the rule is checked here per entry.
  if (!map.values().stringList(list, name)) {
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string entry = itemName(what, key, i);
    const std::string& value = list[i].Scalar();
    if (Problem problem = rule(entry, value)) {
      map.values().error(list[i], *problem);
      continue;
    }
    bool repeated = false;
    for (const ListItem& earlier : out) {
      if (earlier.value != value) continue;
      map.values().error(list[i], entry + " repeats '" + value + "' from line " +
                                      std::to_string(positionOf(earlier.node).line) +
                                      "; remove one of them");
      repeated = true;
      break;
    }
    if (repeated) {
      continue;
    }
    out.push_back({value, list[i]});
  }
  return out;
}

std::vector<YAML::Node> readEntryList(config::MapReader& map, std::string_view what,
                                      std::string_view key, std::string_view entryShape,
                                      bool required) {
  std::vector<YAML::Node> out;
  YAML::Node list = map.get(key, required);
  if (!list.IsDefined()) return out;
  const std::string name = std::string(what) + " '" + std::string(key) + "'";
  if (!list.IsSequence()) {
    map.values().error(list, name + " must be a list of " + std::string(entryShape) + " entries");
    return out;
  }
  if (list.size() == 0 && required) {
    map.values().error(list, name + " is an empty list; expected at least one " +
                                 std::string(entryShape) + " entry");
  }
  for (size_t i = 0; i < list.size(); ++i) out.push_back(list[i]);
  return out;
}

}  // namespace bridge::partners

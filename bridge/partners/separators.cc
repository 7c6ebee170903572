#include "bridge/partners/separators.h"

#include "bridge/partners/profile_rules.h"

namespace bridge::partners {
namespace {

std::string quotedList(const std::vector<std::string_view>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += "'" + std::string(words[i]) + "'";
  }
  return out;
}

std::string choices(std::string_view only) {
  std::string out;
  for (size_t i = 0; i < only.size(); ++i) {
    if (i > 0) out += i + 1 == only.size() ? " or " : ", ";
    out += "\"" + std::string(1, only[i]) + "\"";
  }
  return out;
}

}  // namespace

std::optional<parsers::edi::Delimiters> readSeparators(config::MapReader& map,
                                                       std::string_view what,
                                                       const std::vector<SeparatorKey>& keys) {
  config::YamlValues& values = map.values();
  parsers::edi::Delimiters out;
  bool ok = true;
  bool any = false;
  std::vector<std::string_view> missing;
  // The keys read so far with their characters, to name the first holder of
  // a character that is used twice.
  std::vector<std::pair<std::string_view, char>> taken;
  for (const SeparatorKey& key : keys) {
    YAML::Node node = map.get(key.key);
    if (!node.IsDefined()) {
      if (key.required) missing.push_back(key.key);
      continue;
    }
    any = true;
    const std::string name = std::string(what) + " '" + std::string(key.key) + "'";
    auto text = values.string(node, name);
    if (!text) {
      ok = false;
      continue;
    }
    if (!key.only.empty()) {
      if (text->size() != 1 || key.only.find((*text)[0]) == std::string_view::npos) {
        values.error(node, name + " is '" + *text + "'; expected " + choices(key.only));
        ok = false;
        continue;
      }
    } else if (Problem problem = separatorProblem(name, *text)) {
      values.error(node, *problem);
      ok = false;
      continue;
    }
    const char c = (*text)[0];
    bool clash = false;
    for (const auto& [otherKey, otherChar] : taken) {
      if (otherChar != c) continue;
      values.error(node, name + " is '" + *text + "', the same as '" + std::string(otherKey) +
                             "'; give each separator its own character");
      clash = true;
      break;
    }
    if (clash) {
      ok = false;
      continue;
    }
    taken.emplace_back(key.key, c);
    out.*key.field = c;
  }
  if (!any) return std::nullopt;
  if (!missing.empty()) {
    values.error(map.node(), std::string(what) + " sets some separators but not " +
                                 quotedList(missing) +
                                 "; write all of them, or none to copy the inbound interchange's");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace bridge::partners

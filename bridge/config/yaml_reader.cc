#include "bridge/config/yaml_reader.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace bridge::config {
namespace {

uint64_t oneBased(int zeroBased) {
  return zeroBased < 0 ? 0 : static_cast<uint64_t>(zeroBased) + 1;
}

std::string joinQuoted(const std::vector<std::string_view>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += "'";
    out += words[i];
    out += "'";
  }
  return out;
}

}  // namespace

std::string describeNode(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "'" + node.Scalar() + "'";
}

std::string YamlIssue::describe() const {
  std::string out = file;
  if (line > 0) {
    out.append(":").append(std::to_string(line));
    if (column > 0) out.append(":").append(std::to_string(column));
  }
  out.append(": ").append(message);
  return out;
}

void YamlIssues::add(std::string file, const YAML::Mark& mark, std::string message) {
  issues_.push_back(
      {std::move(file), oneBased(mark.line), oneBased(mark.column), std::move(message)});
}

std::string YamlIssues::describe() const {
  std::string out;
  for (const YamlIssue& issue : issues_) out += issue.describe() + "\n";
  return out;
}

std::optional<YAML::Node> loadYamlText(std::string_view text, const std::string& name,
                                       YamlIssues& issues) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsDefined() || root.IsNull()) {
      issues.add({name, 0, 0, "the file is empty; it must hold a YAML mapping"});
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& e) {
    issues.add(name, e.mark, "not valid YAML: " + e.msg);
    return std::nullopt;
  }
}

std::optional<YAML::Node> loadYamlFile(const std::filesystem::path& path, YamlIssues& issues,
                                       uint64_t maxBytes) {
  const std::string name = path.string();
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    issues.add({name, 0, 0, "cannot read the file: " + ec.message()});
    return std::nullopt;
  }
  if (size > maxBytes) {
    issues.add({name, 0, 0,
                "the file is " + std::to_string(size) + " bytes, more than the limit of " +
                    std::to_string(maxBytes) + "; split it or check that it is the right file"});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    issues.add({name, 0, 0, "cannot read the file"});
    return std::nullopt;
  }
  return loadYamlText(text.str(), name, issues);
}

std::optional<std::string> YamlValues::string(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    error(node, std::string(what) + " must be a single value, not " + describeNode(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> YamlValues::oneOf(const YAML::Node& node, std::string_view what,
                                             const std::vector<std::string_view>& allowed) {
  auto value = string(node, what);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    error(node, std::string(what) + " is '" + *value + "'; expected " + joinQuoted(allowed));
    return std::nullopt;
  }
  return value;
}

std::optional<uint64_t> YamlValues::unsignedInt(const YAML::Node& node, std::string_view what,
                                                uint64_t min, uint64_t max) {
  auto value = string(node, what);
  if (!value) return std::nullopt;
  uint64_t number = 0;
  bool ok = !value->empty() && value->size() <= 19;
  for (char c : *value) ok = ok && c >= '0' && c <= '9';
  if (ok) {
    for (char c : *value) number = number * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!ok || number < min || number > max) {
    error(node, std::string(what) + " is '" + *value + "'; expected a whole number from " +
                    std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> YamlValues::boolean(const YAML::Node& node, std::string_view what) {
  auto value = string(node, what);
  if (!value) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  error(node, std::string(what) + " is '" + *value + "'; expected true or false");
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlValues::stringList(const YAML::Node& node,
                                                               std::string_view what) {
  if (!node.IsSequence()) {
    error(node, std::string(what) + " must be a list, not " + describeNode(node));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < node.size(); ++i) {
    auto item = string(node[i], std::string(what) + "[" + std::to_string(i + 1) + "]");
    if (item) {
      out.push_back(*item);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

MapReader::MapReader(const YAML::Node& node, std::string what, YamlValues& values)
    : node_(node), what_(std::move(what)), values_(values) {
  valid_ = node.IsMap();
  if (!valid_)
    values_.error(node, what_ + " must be a mapping of keys to values, not " + describeNode(node));
}

std::string MapReader::describeKey(std::string_view key) const {
  return what_ + " '" + std::string(key) + "'";
}

YAML::Node MapReader::get(std::string_view key, bool required) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  // Iterate instead of operator[]: lookup on a const node never inserts,
  // and the first of duplicated keys wins (finish() reports the second).
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  if (required) values_.error(node_, what_ + " needs the key '" + std::string(key) + "'");
  return YAML::Node(YAML::NodeType::Undefined);
}

bool MapReader::has(std::string_view key) {
  YAML::Node value = get(key);
  return value.IsDefined();
}

std::optional<std::string> MapReader::string(std::string_view key, bool required) {
  YAML::Node value = get(key, required);
  if (!value.IsDefined()) return std::nullopt;
  return values_.string(value, describeKey(key));
}

std::optional<std::string> MapReader::oneOf(std::string_view key,
                                            const std::vector<std::string_view>& allowed,
                                            bool required) {
  YAML::Node value = get(key, required);
  if (!value.IsDefined()) return std::nullopt;
  return values_.oneOf(value, describeKey(key), allowed);
}

std::optional<uint64_t> MapReader::unsignedInt(std::string_view key, uint64_t min, uint64_t max,
                                               bool required) {
  YAML::Node value = get(key, required);
  if (!value.IsDefined()) return std::nullopt;
  return values_.unsignedInt(value, describeKey(key), min, max);
}

std::optional<bool> MapReader::boolean(std::string_view key, bool required) {
  YAML::Node value = get(key, required);
  if (!value.IsDefined()) return std::nullopt;
  return values_.boolean(value, describeKey(key));
}

std::optional<std::vector<std::string>> MapReader::stringList(std::string_view key, bool required) {
  YAML::Node value = get(key, required);
  if (!value.IsDefined()) return std::nullopt;
  return values_.stringList(value, describeKey(key));
}

void MapReader::finish() {
  if (!valid_) return;
  std::set<std::string> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    // A copy: the iterator's pair is a temporary.
    const YAML::Node keyNode = it->first;
    if (!keyNode.IsScalar()) {
      values_.error(keyNode, what_ + " has a key that is not a single word");
      continue;
    }
    const std::string& key = keyNode.Scalar();
    if (!seen.insert(key).second) {
      values_.error(keyNode, what_ + " has the key '" + key + "' twice; keep one");
      continue;
    }
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::vector<std::string_view> expected(known_.begin(), known_.end());
    values_.error(keyNode, "unknown key '" + key + "' in " + what_ + "; expected " +
                               (expected.empty() ? std::string("no keys") : joinQuoted(expected)));
  }
}

}  // namespace bridge::config

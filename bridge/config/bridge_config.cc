#include "bridge/config/bridge_config.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <system_error>
#include <tuple>

#include "bridge/config/config_spec.h"
#include "bridge/config/durations.h"
#include "bridge/partners/profile_rules.h"

namespace bridge::config {
namespace {

namespace fs = std::filesystem;

// "'a', 'b' or 'c'": `last` joins the last two ("or" for what is expected,
// "and" for what exists).
std::string joinWords(const std::vector<std::string>& words, std::string_view open,
                      std::string_view close, std::string_view last = " or ") {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.append(i + 1 == words.size() ? last : ", ");
    out.append(open).append(words[i]).append(close);
  }
  return out;
}

std::string joinQuoted(const std::vector<std::string>& words) { return joinWords(words, "'", "'"); }

std::string listQuoted(const std::vector<std::string>& words) {
  return joinWords(words, "'", "'", " and ");
}

// Keys and names are compared for suggestions without case and with '-' and
// '_' alike: partner profiles spell keys with '-', bridge.yaml with '_', and
// both mistakes are common.
std::string folded(std::string_view word) {
  std::string out;
  for (char c : word) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(lower == '-' ? '_' : lower);
  }
  return out;
}

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The candidate `word` was most likely meant to be, when one is close
// enough to be a typing mistake rather than a different word.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  const std::string target = folded(word);
  const size_t allowed = std::max<size_t>(1, target.size() / 3);
  std::optional<std::string> best;
  size_t bestDistance = allowed + 1;
  for (const std::string& candidate : candidates) {
    const size_t distance = editDistance(target, folded(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// "did you mean 'x'? " or "".
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view open = "'", std::string_view close = "'") {
  const std::optional<std::string> meant = closest(word, candidates);
  if (!meant) return {};
  std::string out = "did you mean ";
  out.append(open).append(*meant).append(close).append("? ");
  return out;
}

uint64_t lineOf(const YAML::Node& node) {
  const int line = node.Mark().line;
  return line < 0 ? 0 : static_cast<uint64_t>(line) + 1;
}

uint64_t columnOf(const YAML::Node& node) {
  const int column = node.Mark().column;
  return column < 0 ? 0 : static_cast<uint64_t>(column) + 1;
}

bool isNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool isAlphanumeric(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

bool hasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

std::string smallestText(const KeySpec& spec) {
  if (spec.min <= 1) return "more than 0";
  std::string out = "at least ";
  out.append(spec.type == ValueType::kSize ? formatSize(spec.min)
                                           : formatDuration(static_cast<int64_t>(spec.min)));
  return out;
}

// A mapping read against one or more sections of the spec. Every key the
// loader asks for must be declared there, and every declared key must be
// asked for (both are programming errors, thrown as std::logic_error), so
// the spec, the reference generated from it and the loader cannot drift
// apart. finish() reports what the file has beyond the spec.
class Block {
 public:
  Block(const YAML::Node& node, std::string what, YamlValues& values, const SectionSpec& section)
      : map_(node, what, values), what_(std::move(what)), values_(values) {
    sections_.push_back(&section);
  }

  bool valid() const { return map_.valid(); }
  const YAML::Node& node() const { return map_.node(); }
  const std::string& what() const { return what_; }
  YamlValues& values() { return values_; }

  // Adds the keys of a variant (a target's type) to those taken.
  void extend(const SectionSpec& section) { sections_.push_back(&section); }

  // Keys of `section` not taken here: reported with `note` (which names where
  // they belong), or not at all when `note` is empty (the variant is unknown,
  // so only the type is reported).
  void foreign(const SectionSpec& section, std::string note) {
    foreign_.push_back({&section, std::move(note)});
  }

  // "sources[1] 'path'"
  std::string keyName(std::string_view key) const {
    std::string out = what_;
    out.append(" '").append(key).append("'");
    return out;
  }

  const KeySpec& spec(std::string_view key, ValueType type) const {
    for (const SectionSpec* section : sections_) {
      if (const KeySpec* found = findKey(*section, key)) {
        if (found->type != type)
          throw std::logic_error("configuration key '" + std::string(key) +
                                 "' is read with another type than its spec");
        return *found;
      }
    }
    throw std::logic_error("configuration key '" + std::string(key) + "' is not in the spec of " +
                           what_);
  }

  // The value of `key` (undefined when absent; reported when the spec
  // requires it).
  YAML::Node get(std::string_view key, ValueType type) {
    const KeySpec& declared = spec(key, type);
    asked_.insert(declared.name);
    return map_.get(key, declared.required);
  }

  void finish() {
    if (!valid()) return;
    std::vector<std::string> taken;
    for (const SectionSpec* section : sections_) {
      for (const KeySpec& key : section->keys) {
        if (asked_.count(key.name) == 0)
          throw std::logic_error("configuration key '" + key.name + "' of " + what_ +
                                 " is declared but never read");
        taken.push_back(key.name);
      }
    }
    std::set<std::string> seen;
    const YAML::Node& node = map_.node();
    for (auto it = node.begin(); it != node.end(); ++it) {
      // A copy: the iterator's pair is a temporary.
      const YAML::Node keyNode = it->first;
      if (!keyNode.IsScalar()) {
        values_.error(keyNode, what_ + " has a key that is not a single word");
        continue;
      }
      const std::string key = keyNode.Scalar();
      if (!seen.insert(key).second) {
        values_.error(keyNode, what_ + " has the key '" + key + "' twice; keep one");
        continue;
      }
      if (std::find(taken.begin(), taken.end(), key) != taken.end()) continue;
      if (reportForeign(keyNode, key, taken)) continue;
      std::string message = "unknown key '" + key + "' in " + what_ + "; ";
      message.append(suggestion(key, taken)).append("expected ").append(joinQuoted(taken));
      values_.error(keyNode, std::move(message));
    }
  }

 private:
  struct Foreign {
    const SectionSpec* section;
    std::string note;
  };

  // True when `key` belongs to another variant (and was reported, if that
  // variant is known).
  bool reportForeign(const YAML::Node& keyNode, const std::string& key,
                     const std::vector<std::string>& taken) {
    for (const Foreign& other : foreign_) {
      if (findKey(*other.section, key) == nullptr) continue;
      if (!other.note.empty()) {
        std::string message = "unknown key '" + key + "' in " + what_ + ": " + other.note;
        message.append("; expected ").append(joinQuoted(taken));
        values_.error(keyNode, std::move(message));
      }
      return true;
    }
    return false;
  }

  MapReader map_;
  std::string what_;
  YamlValues& values_;
  std::vector<const SectionSpec*> sections_;
  std::vector<Foreign> foreign_;
  std::set<std::string> asked_;
};

enum class PathUse { kCreatedWhenMissing, kMustExist };

struct Named {
  std::string name;
  YAML::Node node;
  std::string what;
};

class Loader {
 public:
  Loader(const fs::path& path, YamlIssues& issues, ConfigMentions& mentions)
      : values_(path.string(), issues), mentions_(mentions) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    base_ = (ec ? path : absolute).parent_path();
    config_.file = path;
  }

  std::optional<BridgeConfig> load(const YAML::Node& root) {
    const size_t before = issues().size();
    Block top(root, "the configuration", values_, sectionSpec("top"));
    if (!top.valid()) return std::nullopt;
    readSpool(top);
    if (auto schemas = readPath(top, "schemas", PathUse::kMustExist)) config_.schemas = *schemas;
    const YAML::Node partnersNode = top.get("partners", ValueType::kPath);
    if (auto partners = readPath(top, "partners", PathUse::kMustExist)) {
      config_.partners = *partners;
      mentions_.partnerDirectory = mentions_.existingDirectories.back();
    }
    if (auto mappings = readPath(top, "mappings", PathUse::kMustExist))
      config_.mappings = *mappings;
    if (auto contracts = readPath(top, "contracts", PathUse::kMustExist)) {
      config_.contracts = *contracts;
    }
    if (auto batch = readCount(top, "batch_size")) config_.batchSize = *batch;
    for (const auto& [entry, what] : entries(top, "sources")) readSource(entry, what);
    for (const auto& [entry, what] : entries(top, "targets")) readTarget(entry, what);
    for (const auto& [entry, what] : entries(top, "routes")) readRoute(entry, what);
    readAcks(top);
    readDuplicates(top);
    top.finish();
    checkUniqueNames(sourceNames_, "sources");
    checkUniqueNames(targetNames_, "targets");
    checkUniqueNames(routeNames_, "routes");
    checkReferences(targetRefs_, targetNames_, "target", "targets");
    checkReferences(sourceRefs_, sourceNames_, "source", "sources");
    if (!config_.mappings) {
      for (const Named& ref : mappingRefs_) {
        error(ref.node, ref.what + " names mapping '" + ref.name +
                            "', but no `mappings` directory is set; add `mappings: DIR`");
      }
    }
    checkSourceFileSizes();
    checkSharedDirectories();
    if (!partnersNode.IsDefined()) reportPartnersWithoutDirectory();
    if (issues().size() != before) return std::nullopt;
    return std::move(config_);
  }

 private:
  YamlIssues& issues() { return values_.issues(); }
  void error(const YAML::Node& at, std::string message) { values_.error(at, std::move(message)); }

  void mention(std::vector<ConfigMention>& into, const YAML::Node& node, std::string what,
               std::string written, std::string value) {
    into.push_back({std::move(what), std::move(written), std::move(value), values_.file(),
                    lineOf(node), columnOf(node)});
  }

  // ---- values, by type -------------------------------------------------

  std::optional<std::string> readString(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kString);
    if (!node.IsDefined()) return std::nullopt;
    return values_.string(node, block.keyName(key));
  }

  std::optional<std::string> nameValue(const YAML::Node& node, const std::string& what) {
    auto text = values_.string(node, what);
    if (!text) return std::nullopt;
    if (text->empty() || !std::all_of(text->begin(), text->end(), isNameChar)) {
      error(node, what + " is '" + *text +
                      "'; expected letters, digits, '.', '_' or '-' (e.g. erp-events)");
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::string> readName(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kName);
    if (!node.IsDefined()) return std::nullopt;
    return nameValue(node, block.keyName(key));
  }

  // A partner id; `what` names the value, `place` where it stands (the
  // same for a value, the mapping for a key of a partner map).
  std::optional<std::string> partnerValue(const YAML::Node& node, const std::string& what,
                                          const std::string& place) {
    auto text = values_.string(node, what);
    if (!text) return std::nullopt;
    if (partners::Problem problem = partners::partnerIdProblem(what, *text)) {
      error(node, *problem);
      return std::nullopt;
    }
    mention(mentions_.partners, node, place, *text, *text);
    return text;
  }

  std::optional<std::string> readChoice(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kChoice);
    if (!node.IsDefined()) return std::nullopt;
    const KeySpec& spec = block.spec(key, ValueType::kChoice);
    const std::vector<std::string_view> allowed(spec.choices.begin(), spec.choices.end());
    return values_.oneOf(node, block.keyName(key), allowed);
  }

  std::optional<uint64_t> readCount(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kCount);
    if (!node.IsDefined()) return std::nullopt;
    const KeySpec& spec = block.spec(key, ValueType::kCount);
    return values_.unsignedInt(node, block.keyName(key), spec.min, spec.max);
  }

  std::optional<int64_t> durationValue(const YAML::Node& node, const std::string& what,
                                       const KeySpec& spec) {
    auto text = values_.string(node, what);
    if (!text) return std::nullopt;
    core::Result<int64_t> parsed = parseDuration(*text);
    if (!parsed) {
      error(node, what + " is '" + *text + "'; " + parsed.status().message());
      return std::nullopt;
    }
    if (static_cast<uint64_t>(*parsed) < spec.min) {
      error(node, what + " is '" + *text + "'; expected a duration of " + smallestText(spec));
      return std::nullopt;
    }
    return *parsed;
  }

  std::optional<int64_t> readDuration(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kDuration);
    if (!node.IsDefined()) return std::nullopt;
    return durationValue(node, block.keyName(key), block.spec(key, ValueType::kDuration));
  }

  std::optional<uint64_t> readSize(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kSize);
    if (!node.IsDefined()) return std::nullopt;
    const std::string what = block.keyName(key);
    auto text = values_.string(node, what);
    if (!text) return std::nullopt;
    core::Result<uint64_t> parsed = parseSize(*text);
    if (!parsed) {
      error(node, what + " is '" + *text + "'; " + parsed.status().message());
      return std::nullopt;
    }
    const KeySpec& spec = block.spec(key, ValueType::kSize);
    if (*parsed < spec.min) {
      error(node, what + " is '" + *text + "'; expected a size of " + smallestText(spec));
      return std::nullopt;
    }
    return *parsed;
  }

  std::optional<fs::path> readPath(Block& block, std::string_view key, PathUse use) {
    const YAML::Node node = block.get(key, ValueType::kPath);
    if (!node.IsDefined()) return std::nullopt;
    const std::string what = block.keyName(key);
    auto text = values_.string(node, what);
    if (!text) return std::nullopt;
    if (text->find_first_not_of(' ') == std::string::npos) {
      error(node, what + " is empty; write a directory, absolute or relative to " + base_.string());
      return std::nullopt;
    }
    if ((*text)[0] == '~') {
      error(node, what + " is '" + *text +
                      "'; '~' is not expanded here: write the full path, or one relative to " +
                      base_.string());
      return std::nullopt;
    }
    if (hasControl(*text)) {
      error(node, what + " contains a control character; write a plain path");
      return std::nullopt;
    }
    fs::path resolved = (base_ / fs::path(*text)).lexically_normal();
    // "events/" names the directory "events"; keep the form without the
    // trailing separator so that equal directories compare equal.
    if (!resolved.has_filename() && resolved.has_relative_path()) resolved = resolved.parent_path();
    mention(use == PathUse::kMustExist ? mentions_.existingDirectories : mentions_.directories,
            node, what, *text, resolved.string());
    return resolved;
  }

  std::optional<std::vector<std::string>> readGlobs(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kGlobList);
    if (!node.IsDefined()) return std::nullopt;
    const std::string what = block.keyName(key);
    auto globs = values_.stringList(node, what);
    if (!globs) return std::nullopt;
    bool ok = true;
    for (size_t i = 0; i < globs->size(); ++i) {
      const std::string& glob = (*globs)[i];
      const std::string item = what + "[" + std::to_string(i + 1) + "]";
      if (glob.empty()) {
        error(node[i], item + " is empty; write a pattern such as \"*.tmp\", or remove it");
        ok = false;
      } else if (glob.find('/') != std::string::npos) {
        error(node[i], item + " is '" + glob +
                           "'; patterns match file names, which have no '/': remove the "
                           "directory part");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return globs;
  }

  // Every problem of a file name template, each reported at `node`.
  bool templateValue(const YAML::Node& node, const std::string& what, const std::string& text) {
    std::vector<std::string> fields;
    for (const TemplateField& field : templateFields()) fields.emplace_back(field.name);
    bool ok = true;
    auto problem = [&](std::string message) {
      error(node, what + " " + message);
      ok = false;
    };
    if (text.empty()) {
      problem("is empty; write a file name such as \"{partner}/{kind}-{control}-{key}.{ext}\"");
      return false;
    }
    if (text[0] == '/')
      problem("is '" + text + "', an absolute path; write a name relative to the target's 'path'");
    for (size_t at = 0; at < text.size(); ++at) {
      if (text[at] == '}') {
        problem("has a '}' without its '{' at character " + std::to_string(at + 1));
        continue;
      }
      if (text[at] != '{') continue;
      const size_t end = text.find('}', at);
      if (end == std::string::npos) {
        problem("has a '{' without its '}' at character " + std::to_string(at + 1));
        break;
      }
      const std::string field = text.substr(at + 1, end - at - 1);
      if (std::find(fields.begin(), fields.end(), field) == fields.end())
        problem("uses the unknown field {" + field + "}; " + suggestion(field, fields, "{", "}") +
                "expected " + joinWords(fields, "{", "}"));
      at = end;
    }
    size_t start = text[0] == '/' ? 1 : 0;
    while (start <= text.size()) {
      const size_t slash = std::min(text.find('/', start), text.size());
      const std::string_view component = std::string_view(text).substr(start, slash - start);
      if (component == "..") {
        problem("is '" + text + "', with a '..' component; names must stay inside the target's " +
                "'path'");
      } else if (component.empty() && slash < text.size()) {
        problem("is '" + text + "', with an empty component ('//'); remove the extra '/'");
      } else if (component.empty()) {
        problem("is '" + text + "', which ends in '/'; end it with the file name");
      }
      start = slash + 1;
    }
    if (hasControl(text)) problem("contains a control character");
    return ok;
  }

  std::optional<std::string> readTemplate(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kTemplate);
    if (!node.IsDefined()) return std::nullopt;
    const std::string what = block.keyName(key);
    auto text = values_.string(node, what);
    if (!text || !templateValue(node, what, *text)) return std::nullopt;
    return text;
  }

  std::optional<std::string> readFileName(Block& block, std::string_view key) {
    const YAML::Node node = block.get(key, ValueType::kFileName);
    if (!node.IsDefined()) return std::nullopt;
    const std::string what = block.keyName(key);
    auto text = values_.string(node, what);
    if (!text) return std::nullopt;
    if (text->empty() || *text == "." || *text == ".." || text->find('/') != std::string::npos ||
        hasControl(*text)) {
      error(node, what + " is '" + *text +
                      "'; expected a single file name (no '/', not '.' or '..'), such as "
                      "events.jsonl");
      return std::nullopt;
    }
    return text;
  }

  // A mapping from partner id to a value read by `read`; entries that do
  // not read are left out (and reported).
  template <typename T, typename Read>
  std::map<std::string, T> partnerMap(Block& block, std::string_view key, ValueType type,
                                      std::string_view valueKind, Read read) {
    std::map<std::string, T> out;
    const YAML::Node node = block.get(key, type);
    if (!node.IsDefined()) return out;
    const std::string what = block.what() + "." + std::string(key);
    if (!node.IsMap()) {
      error(node, what + " must be a mapping of partner ids to " + std::string(valueKind) +
                      ", not " + describeNode(node));
      return out;
    }
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node keyNode = it->first;
      const YAML::Node valueNode = it->second;
      auto partner = partnerValue(keyNode, what + " key", what);
      if (!partner) continue;
      if (!seen.insert(*partner).second) {
        error(keyNode, what + " has the partner '" + *partner + "' twice; keep one");
        continue;
      }
      if (std::optional<T> value = read(valueNode, what + " '" + *partner + "'"))
        out.emplace(*partner, std::move(*value));
    }
    return out;
  }

  // ---- sections ----------------------------------------------------------

  std::vector<std::pair<YAML::Node, std::string>> entries(Block& top, std::string_view key) {
    std::vector<std::pair<YAML::Node, std::string>> out;
    const YAML::Node list = top.get(key, ValueType::kMappingList);
    if (!list.IsDefined()) return out;
    if (!list.IsSequence()) {
      error(list, top.keyName(key) + " must be a list (each entry beginning with '- '), not " +
                      describeNode(list));
      return out;
    }
    for (size_t i = 0; i < list.size(); ++i)
      out.emplace_back(list[i], std::string(key) + "[" + std::to_string(i + 1) + "]");
    return out;
  }

  void readSpool(Block& top) {
    const YAML::Node node = top.get("spool", ValueType::kMapping);
    if (!node.IsDefined()) return;
    Block block(node, "spool", values_, sectionSpec("spool"));
    if (!block.valid()) return;
    const size_t before = issues().size();
    SpoolSettings& spool = config_.spool;
    if (auto path = readPath(block, "directory", PathUse::kCreatedWhenMissing))
      spool.directory = *path;
    if (auto value = readCount(block, "max_active_items")) spool.maxActiveItems = *value;
    if (auto value = readSize(block, "max_active_bytes")) spool.maxActiveBytes = *value;
    if (auto value = readSize(block, "min_free_bytes")) spool.minFreeBytes = *value;
    if (auto value = readSize(block, "max_item_bytes")) spool.maxItemBytes = *value;
    if (auto value = readCount(block, "max_attempts"))
      spool.maxAttempts = static_cast<uint32_t>(*value);
    if (auto value = readDuration(block, "retry_initial")) spool.retryInitialMs = *value;
    if (auto value = readDuration(block, "retry_max")) spool.retryMaxMs = *value;
    if (auto value = readDuration(block, "dead_after")) spool.deadAfterMs = *value;
    block.finish();
    // Relations are checked only between values that read, so that one
    // mistake is not reported twice.
    if (issues().size() != before) return;
    if (spool.retryMaxMs < spool.retryInitialMs)
      orderError(block, "retry_max", formatDuration(spool.retryMaxMs), "retry_initial",
                 formatDuration(spool.retryInitialMs), "less than",
                 "make 'retry_max' at least 'retry_initial'");
    if (spool.maxItemBytes > spool.maxActiveBytes)
      orderError(block, "max_item_bytes", formatSize(spool.maxItemBytes), "max_active_bytes",
                 formatSize(spool.maxActiveBytes), "more than",
                 "an item that large could never be taken in: make 'max_item_bytes' at most "
                 "'max_active_bytes'");
    maxItemBytes_ = spool.maxItemBytes;
  }

  // Reports that `key` stands in the wrong relation to `other`, at `key`
  // when it is written, else at `other` (a default is not written anywhere).
  void orderError(Block& block, std::string_view key, const std::string& value,
                  std::string_view other, const std::string& otherValue, std::string_view relation,
                  std::string_view advice) {
    // YAML::Node assignment rebinds the document's node, so each position
    // gets its own variable.
    const YAML::Node written = block.node()[std::string(key)];
    if (written.IsDefined()) {
      std::string message = block.keyName(key) + " is " + value + ", " + std::string(relation) +
                            " '" + std::string(other) + "' (" + otherValue + ")";
      message.append("; ").append(advice);
      error(written, std::move(message));
      return;
    }
    const YAML::Node otherNode = block.node()[std::string(other)];
    std::string message = block.keyName(other) + " is " + otherValue + ", so that '" +
                          std::string(key) + "' (" + value + " by default) is " +
                          std::string(relation) + " it";
    message.append("; ").append(advice);
    error(otherNode, std::move(message));
  }

  void readSource(const YAML::Node& node, const std::string& what) {
    Block block(node, what, values_, sectionSpec("sources"));
    if (!block.valid()) return;
    DirectorySourceSettings source;
    const size_t before = issues().size();
    if (auto name = readName(block, "name")) {
      source.name = *name;
      sourceNames_.push_back({*name, block.node()["name"], what});
    }
    readChoice(block, "type");
    if (auto path = readPath(block, "path", PathUse::kCreatedWhenMissing)) {
      source.path = *path;
      sourcePaths_.push_back({path->string(), block.node()["path"], what});
    }
    if (auto archive = readPath(block, "archive", PathUse::kCreatedWhenMissing)) {
      source.archive = *archive;
      if (*archive == source.path && !source.path.empty())
        error(block.node()["archive"],
              block.keyName("archive") +
                  " is the watched directory itself; archived files would be taken again: name "
                  "another directory");
    }
    if (auto ignore = readGlobs(block, "ignore")) source.ignore = *ignore;
    if (auto suffix = readString(block, "done_suffix")) {
      if (suffix->find('/') != std::string::npos || hasControl(*suffix))
        error(block.node()["done_suffix"],
              block.keyName("done_suffix") + " is '" + *suffix +
                  "'; a suffix of file names has no '/' or control characters (e.g. \".done\")");
      else
        source.doneSuffix = *suffix;
    }
    if (auto value = readDuration(block, "stable_for")) source.stableForMs = *value;
    if (auto value = readDuration(block, "rescan_every")) source.rescanEveryMs = *value;
    if (auto value = readSize(block, "max_file_bytes")) source.maxFileBytes = *value;
    if (auto mapping = readName(block, "mapping")) {
      source.mapping = *mapping;
      mappingRefs_.push_back({*mapping, block.node()["mapping"], block.keyName("mapping")});
    }
    const YAML::Node partner = block.get("partner", ValueType::kPartnerId);
    if (partner.IsDefined()) {
      const std::string partnerWhat = block.keyName("partner");
      if (auto id = partnerValue(partner, partnerWhat, partnerWhat)) source.partner = *id;
      if (source.mapping.empty()) {
        error(partner, partnerWhat + " is only used with `mapping` (documents for a partner)");
      }
    }
    block.finish();
    if (issues().size() == before && block.node()["max_file_bytes"].IsDefined())
      fileSizes_.push_back({source.maxFileBytes, block.node()["max_file_bytes"], what});
    config_.sources.push_back(std::move(source));
  }

  void readTarget(const YAML::Node& node, const std::string& what) {
    Block block(node, what, values_, sectionSpec("targets"));
    if (!block.valid()) return;
    TargetSettings target;
    if (auto name = readName(block, "name")) {
      target.name = *name;
      targetNames_.push_back({*name, block.node()["name"], what});
    }
    const std::optional<std::string> type = readChoice(block, "type");
    std::optional<fs::path> path = readPath(block, "path", PathUse::kCreatedWhenMissing);
    if (path) targetPaths_.push_back({path->string(), block.node()["path"], what});
    const SectionSpec& folder = sectionSpec("targets.folder");
    const SectionSpec& eventLog = sectionSpec("targets.event-log");
    if (type == "folder") {
      block.extend(folder);
      block.foreign(eventLog,
                    "it is a key of targets of type 'event-log', and this one is of "
                    "type 'folder'");
      FolderTargetSettings settings;
      if (path) settings.path = *path;
      if (auto name = readTemplate(block, "file_name")) settings.fileName = *name;
      settings.partnerFileNames = partnerMap<std::string>(
          block, "partner_file_names", ValueType::kPartnerTemplates, "file name templates",
          [this](const YAML::Node& value, const std::string& valueWhat) {
            auto text = values_.string(value, valueWhat);
            if (!text || !templateValue(value, valueWhat, *text))
              return std::optional<std::string>();
            return text;
          });
      target.kind = std::move(settings);
    } else if (type == "event-log") {
      block.extend(eventLog);
      block.foreign(folder,
                    "it is a key of targets of type 'folder', and this one is of type "
                    "'event-log'");
      EventLogTargetSettings settings;
      if (path) settings.path = *path;
      if (auto name = readFileName(block, "file_name")) settings.fileName = *name;
      if (auto value = readSize(block, "rotate_bytes")) settings.rotateBytes = *value;
      if (auto source = readString(block, "event_source")) {
        if (source->empty() || std::any_of(source->begin(), source->end(), [](char c) {
              return std::isspace(static_cast<unsigned char>(c)) != 0;
            }))
          error(block.node()["event_source"],
                block.keyName("event_source") + " is '" + *source +
                    "'; expected a URI without spaces, such as urn:edi-bridge:plant-1");
        else
          settings.eventSource = *source;
      }
      target.kind = std::move(settings);
    } else {
      // Without a known type the other keys cannot be judged; the type is
      // the one mistake to report.
      block.foreign(folder, "");
      block.foreign(eventLog, "");
    }
    block.finish();
    config_.targets.push_back(std::move(target));
  }

  void readRoute(const YAML::Node& node, const std::string& what) {
    Block block(node, what, values_, sectionSpec("routes"));
    if (!block.valid()) return;
    RouteSettings route;
    if (auto name = readName(block, "name")) {
      route.name = *name;
      routeNames_.push_back({*name, block.node()["name"], what});
    }
    const YAML::Node matchNode = block.get("match", ValueType::kMapping);
    if (matchNode.IsDefined()) route.match = readMatch(matchNode, what + ".match");
    if (auto mapping = readName(block, "mapping")) {
      route.mapping = *mapping;
      mappingRefs_.push_back({*mapping, block.node()["mapping"], block.keyName("mapping")});
    }
    const YAML::Node targets = block.get("targets", ValueType::kNameList);
    const std::string targetsWhat = block.keyName("targets");
    if (targets.IsDefined()) {
      if (auto names = values_.stringList(targets, targetsWhat)) {
        if (names->empty()) error(targets, targetsWhat + " is empty; name at least one target");
        for (size_t i = 0; i < names->size(); ++i) {
          const std::string& name = (*names)[i];
          if (std::find(route.targets.begin(), route.targets.end(), name) != route.targets.end()) {
            error(targets[i], targetsWhat + " names '" + name + "' twice; remove one");
            continue;
          }
          route.targets.push_back(name);
          targetRefs_.push_back({name, targets[i], targetsWhat});
        }
      }
    }
    block.finish();
    config_.routes.push_back(std::move(route));
  }

  RouteMatch readMatch(const YAML::Node& node, const std::string& what) {
    RouteMatch match;
    Block block(node, what, values_, sectionSpec("routes.match"));
    if (!block.valid()) return match;
    if (auto source = readName(block, "source")) {
      match.source = *source;
      sourceRefs_.push_back({*source, block.node()["source"], block.keyName("source")});
    }
    const YAML::Node partner = block.get("partner", ValueType::kPartnerId);
    if (partner.IsDefined()) {
      const std::string what = block.keyName("partner");
      if (auto id = partnerValue(partner, what, what)) match.partner = *id;
    }
    if (auto standard = readChoice(block, "standard")) match.standard = *standard;
    for (auto [key, field] :
         {std::pair{"set", &RouteMatch::set}, std::pair{"version", &RouteMatch::version}}) {
      auto text = readString(block, key);
      if (!text) continue;
      if (!isAlphanumeric(*text)) {
        error(block.node()[key],
              block.keyName(key) + " is '" + *text + "'; expected letters and digits, such as " +
                  (std::string_view(key) == "set" ? "\"850\" or ORDERS" : "\"004010\" or D96A"));
        continue;
      }
      match.*field = *text;
    }
    block.finish();
    return match;
  }

  void readAcks(Block& top) {
    const YAML::Node node = top.get("acks", ValueType::kMapping);
    if (!node.IsDefined()) return;
    Block block(node, "acks", values_, sectionSpec("acks"));
    if (!block.valid()) return;
    if (auto target = readName(block, "target")) {
      config_.acks.target = *target;
      targetRefs_.push_back({*target, block.node()["target"], block.keyName("target")});
    }
    config_.acks.partners =
        partnerMap<std::string>(block, "partners", ValueType::kPartnerTargets, "target names",
                                [this](const YAML::Node& value, const std::string& valueWhat) {
                                  auto name = nameValue(value, valueWhat);
                                  if (name) targetRefs_.push_back({*name, value, valueWhat});
                                  return name;
                                });
    block.finish();
  }

  void readDuplicates(Block& top) {
    const YAML::Node node = top.get("duplicates", ValueType::kMapping);
    if (!node.IsDefined()) return;
    Block block(node, "duplicates", values_, sectionSpec("duplicates"));
    if (!block.valid()) return;
    if (auto window = readDuration(block, "window")) config_.duplicates.windowMs = *window;
    const KeySpec& spec = block.spec("partners", ValueType::kPartnerDurations);
    config_.duplicates.partners =
        partnerMap<int64_t>(block, "partners", ValueType::kPartnerDurations, "durations",
                            [this, &spec](const YAML::Node& value, const std::string& valueWhat) {
                              return durationValue(value, valueWhat, spec);
                            });
    block.finish();
  }

  // ---- relations between sections ---------------------------------------

  void checkUniqueNames(const std::vector<Named>& names, std::string_view kind) {
    for (size_t i = 0; i < names.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (names[j].name != names[i].name) continue;
        error(names[i].node, names[i].what + " 'name' is '" + names[i].name + "', as is " +
                                 names[j].what + " (line " + std::to_string(lineOf(names[j].node)) +
                                 "); names of " + std::string(kind) + " must be unique");
        break;
      }
    }
  }

  void checkReferences(const std::vector<Named>& references, const std::vector<Named>& declared,
                       std::string_view kind, std::string_view key) {
    std::vector<std::string> names;
    for (const Named& name : declared) {
      if (std::find(names.begin(), names.end(), name.name) == names.end())
        names.push_back(name.name);
    }
    for (const Named& reference : references) {
      if (std::find(names.begin(), names.end(), reference.name) != names.end()) continue;
      std::string message = reference.what + " names the " + std::string(kind) + " '" +
                            reference.name + "', which is not in '" + std::string(key) + "'; ";
      if (names.empty()) {
        message.append("no ").append(key).append(" are declared");
      } else {
        message.append(suggestion(reference.name, names))
            .append("declared ")
            .append(key)
            .append(": ")
            .append(listQuoted(names));
      }
      error(reference.node, std::move(message));
    }
  }

  void checkSourceFileSizes() {
    if (!maxItemBytes_) return;
    for (const FileSize& size : fileSizes_) {
      if (size.bytes <= *maxItemBytes_) continue;
      error(size.node, size.what + " 'max_file_bytes' is " + formatSize(size.bytes) +
                           ", more than spool 'max_item_bytes' (" + formatSize(*maxItemBytes_) +
                           "), so the spool would refuse such files; make it at most " +
                           formatSize(*maxItemBytes_));
    }
  }

  // A directory watched twice would hand the same file to two sources, and
  // a target writing into a watched directory would feed its own output
  // back in.
  void checkSharedDirectories() {
    for (size_t i = 0; i < sourcePaths_.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (sourcePaths_[i].name != sourcePaths_[j].name) continue;
        error(sourcePaths_[i].node, sourcePaths_[i].what + " 'path' is the directory of " +
                                        sourcePaths_[j].what + " (line " +
                                        std::to_string(lineOf(sourcePaths_[j].node)) +
                                        ") too; each directory can have only one source");
        break;
      }
    }
    for (const Named& target : targetPaths_) {
      for (const Named& source : sourcePaths_) {
        if (target.name != source.name) continue;
        error(target.node, target.what + " 'path' is the directory " + source.what +
                               " watches (line " + std::to_string(lineOf(source.node)) +
                               "); what the target writes would be taken in again");
        break;
      }
    }
  }

  void reportPartnersWithoutDirectory() {
    for (const ConfigMention& partner : mentions_.partners) {
      issues().add({partner.file, partner.line, partner.column,
                    partner.what + " names the partner '" + partner.written +
                        "', but 'partners' (the directory of partner profiles) is not set; "
                        "set it, or remove the partner"});
    }
  }

  struct FileSize {
    uint64_t bytes;
    YAML::Node node;
    std::string what;
  };

  YamlValues values_;
  ConfigMentions& mentions_;
  fs::path base_;
  BridgeConfig config_;
  std::optional<uint64_t> maxItemBytes_;
  std::vector<Named> sourceNames_, targetNames_, routeNames_;
  std::vector<Named> targetRefs_, sourceRefs_, mappingRefs_;
  std::vector<Named> sourcePaths_, targetPaths_;  // resolved path in `name`
  std::vector<FileSize> fileSizes_;
};

std::optional<BridgeConfig> loadRoot(const std::optional<YAML::Node>& root, const fs::path& path,
                                     YamlIssues& issues, ConfigMentions& mentions) {
  if (!root) return std::nullopt;
  // Issues are collected apart and handed over in file order: the relations
  // between sections are checked after all of them are read.
  YamlIssues found;
  std::optional<BridgeConfig> config = Loader(path, found, mentions).load(*root);
  std::vector<YamlIssue> sorted = found.list();
  std::stable_sort(sorted.begin(), sorted.end(), [](const YamlIssue& a, const YamlIssue& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  for (YamlIssue& issue : sorted) issues.add(std::move(issue));
  if (!found.empty()) return std::nullopt;
  return config;
}

}  // namespace

std::optional<BridgeConfig> loadBridgeConfig(const fs::path& path, YamlIssues& issues) {
  ConfigMentions mentions;
  return loadBridgeConfig(path, issues, mentions);
}

std::optional<BridgeConfig> loadBridgeConfig(const fs::path& path, YamlIssues& issues,
                                             ConfigMentions& mentions) {
  return loadRoot(loadYamlFile(path, issues), path, issues, mentions);
}

std::optional<BridgeConfig> loadBridgeConfigText(std::string_view text, const fs::path& path,
                                                 YamlIssues& issues, ConfigMentions& mentions) {
  return loadRoot(loadYamlText(text, path.string(), issues), path, issues, mentions);
}

void checkPartnerMentions(const ConfigMentions& mentions,
                          const std::vector<std::string>& knownPartners, YamlIssues& issues) {
  const std::string directory =
      mentions.partnerDirectory ? mentions.partnerDirectory->value : std::string("'partners'");
  for (const ConfigMention& partner : mentions.partners) {
    if (std::find(knownPartners.begin(), knownPartners.end(), partner.value) != knownPartners.end())
      continue;
    std::string message = partner.what + " names the partner '" + partner.written +
                          "', which has no profile in " + directory + "; ";
    if (knownPartners.empty()) {
      message.append("the directory has no partner profiles");
    } else {
      message.append(suggestion(partner.written, knownPartners))
          .append("known partners: ")
          .append(listQuoted(knownPartners));
    }
    issues.add({partner.file, partner.line, partner.column, std::move(message)});
  }
}

void checkDirectoryMentions(const ConfigMentions& mentions, YamlIssues& issues) {
  auto check = [&issues](const ConfigMention& path, bool mustExist) {
    std::error_code ec;
    const fs::file_status status = fs::status(path.value, ec);
    std::string problem;
    if (fs::exists(status)) {
      if (fs::is_directory(status)) return;
      problem = "which is not a directory";
    } else if (ec && ec != std::errc::no_such_file_or_directory) {
      problem = "which cannot be examined: " + ec.message();
    } else if (mustExist) {
      problem = "which does not exist";
    } else {
      return;
    }
    std::string message = path.what + " is '" + path.written + "'";
    if (path.written != path.value) message.append(" (").append(path.value).append(")");
    message.append(", ").append(problem);
    issues.add({path.file, path.line, path.column, std::move(message)});
  };
  for (const ConfigMention& path : mentions.existingDirectories) check(path, true);
  for (const ConfigMention& path : mentions.directories) check(path, false);
}

}  // namespace bridge::config

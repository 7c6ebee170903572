#include "parsers/schema/dictionary_loader.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>

#include "parsers/schema/file_header.h"
#include "parsers/schema/notes.h"

namespace bridge::parsers::schema {
namespace {

namespace fs = std::filesystem;
using config::describeNode;
using config::MapReader;
using config::YamlIssues;
using config::YamlValues;

// A base chain longer than this is a mistake even without a loop: versions
// differ from their predecessor, not from a long line of them.
constexpr size_t kMaxBaseDepth = 32;
constexpr uint64_t kMaxLength = UINT32_MAX;

const std::vector<std::string_view> kX12Types = {"AN", "ID", "N",  "N0", "N1", "N2",
                                                 "N3", "N4", "N5", "N6", "N7", "N8",
                                                 "N9", "R",  "DT", "TM", "B"};
const std::vector<std::string_view> kEdifactTypes = {"a", "n", "an"};

// Segments and composites are kept as written until every file of the chain
// is read, because a later file may replace an element they refer to.
struct RawRef {
  std::string id;  // empty when missing (already reported)
  Usage usage = Usage::kOptional;
  uint32_t repeat = 1;
  YAML::Mark mark;
};

struct RawNote {
  std::string text;
  YAML::Mark mark;
};

struct RawGroup {
  std::string name;
  std::vector<RawRef> refs;
  std::vector<RawNote> notes;
  std::string file;
};

struct RawDictionary {
  edi::Standard standard = edi::Standard::kUnknown;
  std::string version;
  std::map<std::string, ElementDef> elements;
  std::map<std::string, RawGroup> composites;
  std::map<std::string, RawGroup> segments;
};

void setType(ElementDef& def, const std::string& type) {
  if (type == "AN" || type == "an") {
    def.type = ElementType::kAlphanumeric;
  } else if (type == "ID") {
    def.type = ElementType::kIdentifier;
  } else if (type == "N" || type == "n") {
    def.type = ElementType::kNumeric;
  } else if (type.size() == 2 && type[0] == 'N') {
    def.type = ElementType::kNumeric;
    def.decimals = static_cast<uint8_t>(type[1] - '0');
  } else if (type == "R") {
    def.type = ElementType::kDecimal;
  } else if (type == "DT") {
    def.type = ElementType::kDate;
  } else if (type == "TM") {
    def.type = ElementType::kTime;
  } else if (type == "B") {
    def.type = ElementType::kBinary;
  } else if (type == "a") {
    def.type = ElementType::kAlphabetic;
  }
}

void readCodeRanges(const YAML::Node& node, const std::string& owner, YamlValues& values,
                    ElementDef& def) {
  if (!node.IsSequence()) {
    values.error(node, owner + " 'code-ranges' must be a list of [first, last] pairs, not " +
                           describeNode(node));
    return;
  }
  size_t index = 0;
  for (const YAML::Node& item : node) {
    const std::string what = owner + " code-ranges[" + std::to_string(++index) + "]";
    auto pair = values.stringList(item, what);
    if (!pair) continue;
    if (pair->size() != 2) {
      values.error(item, what + " must be two codes, as [\"A1\", \"A9\"]");
    } else if ((*pair)[0].size() != (*pair)[1].size()) {
      values.error(item, what + " ['" + (*pair)[0] + "', '" + (*pair)[1] +
                             "'] has codes of different lengths; a range compares codes of "
                             "equal length");
    } else if ((*pair)[0] > (*pair)[1]) {
      values.error(item, what + " ['" + (*pair)[0] + "', '" + (*pair)[1] +
                             "'] starts after it ends; write the smaller code first");
    } else {
      def.codeRanges.emplace_back((*pair)[0], (*pair)[1]);
    }
  }
}

ElementDef readElement(const std::string& id, const YAML::Node& node, edi::Standard standard,
                       YamlValues& values) {
  ElementDef def;
  def.id = id;
  def.name = id;
  const std::string owner = "element '" + id + "'";
  MapReader map(node, owner, values);
  if (!map.valid()) return def;
  if (auto name = map.string("name")) def.name = *name;
  const auto& types = standard == edi::Standard::kEdifact ? kEdifactTypes : kX12Types;
  if (auto type = map.oneOf("type", types, true)) setType(def, *type);
  auto min = map.unsignedInt("min", 0, kMaxLength, true);
  auto max = map.unsignedInt("max", 1, kMaxLength, true);
  if (min) def.minLength = static_cast<uint32_t>(*min);
  if (max) def.maxLength = static_cast<uint32_t>(*max);
  if (min && max && *min > *max) {
    values.error(map.get("min"), owner + " 'min' is " + std::to_string(*min) +
                                     ", more than 'max' " + std::to_string(*max) +
                                     "; the shortest length cannot exceed the longest");
  }
  if (auto codes = map.stringList("codes")) {
    def.codes = std::move(*codes);
    std::sort(def.codes.begin(), def.codes.end());
    def.codes.erase(std::unique(def.codes.begin(), def.codes.end()), def.codes.end());
  }
  YAML::Node ranges = map.get("code-ranges");
  if (ranges.IsDefined()) readCodeRanges(ranges, owner, values, def);
  def.codeIndex = indexCodes(def.codes, def.codeRanges);
  map.finish();
  return def;
}

std::vector<RawRef> readRefs(const YAML::Node& node, const std::string& what, bool segment,
                             YamlValues& values) {
  std::vector<RawRef> refs;
  if (!node.IsSequence()) {
    values.error(node, what + " must be a list of {id, usage}, not " + describeNode(node));
    return refs;
  }
  size_t index = 0;
  for (const YAML::Node& item : node) {
    MapReader map(item, what + "[" + std::to_string(++index) + "]", values);
    RawRef ref;
    ref.mark = item.Mark();
    if (map.valid()) {
      YAML::Node idNode = map.get("id");
      if (auto id = map.string("id", true)) {
        ref.id = *id;
        ref.mark = idNode.Mark();
      }
      ref.usage = readUsage(map);
      if (segment) {
        auto repeat = map.unsignedInt("repeat", 1, UINT32_MAX);
        if (repeat) ref.repeat = static_cast<uint32_t>(*repeat);
      }
      map.finish();
    }
    refs.push_back(std::move(ref));
  }
  return refs;
}

RawGroup readGroup(const std::string& owner, const YAML::Node& node, bool segment,
                   YamlValues& values) {
  RawGroup group;
  group.file = values.file();
  group.name = owner;
  MapReader map(node, owner, values);
  if (!map.valid()) return group;
  if (auto name = map.string("name")) group.name = *name;
  const char* listKey = segment ? "elements" : "components";
  YAML::Node list = map.get(listKey, true);
  if (list.IsDefined()) group.refs = readRefs(list, owner + " " + listKey, segment, values);
  YAML::Node notes = map.get("notes");
  if (notes.IsDefined() && !notes.IsSequence()) {
    values.error(notes, owner + " 'notes' must be a list, not " + describeNode(notes));
  } else if (notes.IsDefined()) {
    size_t index = 0;
    for (const YAML::Node& item : notes) {
      auto text = values.string(item, owner + " notes[" + std::to_string(++index) + "]");
      if (text) group.notes.push_back({*text, item.Mark()});
    }
  }
  map.finish();
  return group;
}

// Calls `read(id, value)` for each entry of the mapping under `key`,
// reporting duplicates (a mapping this large is read directly rather than
// through MapReader, whose lookups are linear).
template <typename Read>
void readSection(MapReader& file, const char* key, YamlValues& values, Read read) {
  YAML::Node section = file.get(key);
  if (!section.IsDefined() || section.IsNull()) return;
  if (!section.IsMap()) {
    values.error(section, "'" + std::string(key) +
                              "' must be a mapping of ids to definitions, not " +
                              describeNode(section));
    return;
  }
  std::set<std::string> seen;
  for (auto it = section.begin(); it != section.end(); ++it) {
    if (!it->first.IsScalar()) {
      values.error(it->first, "'" + std::string(key) + "' has a key that is not a single word");
      continue;
    }
    const std::string& id = it->first.Scalar();
    if (!seen.insert(id).second) {
      values.error(it->first,
                   "'" + std::string(key) + "' has the key '" + id + "' twice; keep one");
      continue;
    }
    read(id, it->second);
  }
}

class ChainLoader {
 public:
  ChainLoader(YamlIssues& issues, const YamlSource& source) : issues_(issues), source_(source) {}

  // Reads `path` (and, first, its base) into raw_. False when the file or
  // its header is unusable.
  bool load(const fs::path& path, bool top) {
    auto root = source_(path, issues_);
    if (!root) return false;
    YamlValues values(path.string(), issues_);
    MapReader file(*root, "dictionary", values);
    auto header = readFileHeader(file, "dictionary");
    bool usable = header.has_value();
    if (usable && top) {
      raw_.standard = header->standard;
      raw_.version = header->version;
    } else if (usable && header->standard != raw_.standard) {
      values.error(file.get("standard"), "this base dictionary is for " +
                                             std::string(edi::standardName(header->standard)) +
                                             ", the dictionary built on it for " +
                                             std::string(edi::standardName(raw_.standard)) +
                                             "; a base must be of the same standard");
      usable = false;
    }
    YAML::Node base = file.get("base");
    if (usable && base.IsDefined()) loadBase(path, base, values);
    if (usable) {
      const edi::Standard standard = raw_.standard;
      readSection(file, "elements", values, [&](const std::string& id, const YAML::Node& node) {
        raw_.elements.insert_or_assign(id, readElement(id, node, standard, values));
      });
      readSection(file, "composites", values, [&](const std::string& id, const YAML::Node& node) {
        raw_.composites.insert_or_assign(id,
                                         readGroup("composite '" + id + "'", node, false, values));
      });
      readSection(file, "segments", values, [&](const std::string& id, const YAML::Node& node) {
        raw_.segments.insert_or_assign(id, readGroup("segment '" + id + "'", node, true, values));
      });
    } else {
      for (const char* key : {"elements", "composites", "segments"}) file.get(key);
    }
    file.finish();
    return usable;
  }

  RawDictionary& raw() { return raw_; }

 private:
  void loadBase(const fs::path& path, const YAML::Node& base, YamlValues& values) {
    auto text = values.string(base, "dictionary 'base'");
    if (!text) return;
    const fs::path basePath = (path.parent_path() / *text).lexically_normal();
    chain_.push_back(path.lexically_normal().string());
    if (std::find(chain_.begin(), chain_.end(), basePath.string()) != chain_.end()) {
      std::string loop;
      for (const std::string& step : chain_) loop += step + " -> ";
      values.error(base, "'base' makes a loop (" + loop + basePath.string() +
                             "); a dictionary cannot start from itself");
    } else if (chain_.size() >= kMaxBaseDepth) {
      values.error(base, "the base chain is longer than " + std::to_string(kMaxBaseDepth) +
                             " files; start from a nearer version");
    } else if (!load(basePath, false)) {
      values.error(base, "the base dictionary " + basePath.string() + " did not load");
    }
    chain_.pop_back();
  }

  YamlIssues& issues_;
  const YamlSource& source_;
  RawDictionary raw_;
  std::vector<std::string> chain_;
};

void resolveNotes(const RawGroup& group, const std::string& owner, edi::Standard standard,
                  size_t positions, std::vector<Note>& out, YamlIssues& issues) {
  for (const RawNote& raw : group.notes) {
    std::string error;
    auto note = parseNote(raw.text, standard, positions, owner, error);
    if (note) {
      out.push_back(std::move(*note));
    } else {
      issues.add(group.file, raw.mark, std::move(error));
    }
  }
}

void resolve(RawDictionary& raw, Dictionary& dict, YamlIssues& issues) {
  dict.standard = raw.standard;
  dict.version = raw.version;
  dict.elements = std::move(raw.elements);
  for (auto& [id, group] : raw.composites) {
    CompositeDef& composite = dict.composites[id];
    composite.id = id;
    composite.name = group.name;
    const std::string owner = "composite '" + id + "'";
    size_t index = 0;
    for (const RawRef& ref : group.refs) {
      ElementRef& component = composite.components.emplace_back();
      component.usage = ref.usage;
      ++index;
      if (ref.id.empty()) continue;
      auto element = dict.elements.find(ref.id);
      if (element != dict.elements.end()) {
        component.element = &element->second;
      } else if (raw.composites.count(ref.id) > 0) {
        issues.add(group.file, ref.mark,
                   owner + " components[" + std::to_string(index) + "]: '" + ref.id +
                       "' is a composite; a component must be a simple element");
      } else {
        issues.add(group.file, ref.mark,
                   owner + " components[" + std::to_string(index) + "]: unknown element '" +
                       ref.id + "'; define it under 'elements'");
      }
    }
    resolveNotes(group, owner, dict.standard, composite.components.size(), composite.notes, issues);
  }
  for (auto& [tag, group] : raw.segments) {
    SegmentDef& segment = dict.segments[tag];
    segment.tag = tag;
    segment.name = group.name;
    const std::string owner = "segment '" + tag + "'";
    size_t index = 0;
    for (const RawRef& ref : group.refs) {
      ElementRef& position = segment.elements.emplace_back();
      position.usage = ref.usage;
      position.repeat = ref.repeat;
      ++index;
      if (ref.id.empty()) continue;
      // An id defined as a composite names the composite (docs/schema-format.md).
      auto composite = dict.composites.find(ref.id);
      auto element = dict.elements.find(ref.id);
      if (composite != dict.composites.end()) {
        position.composite = &composite->second;
      } else if (element != dict.elements.end()) {
        position.element = &element->second;
      } else {
        issues.add(group.file, ref.mark,
                   owner + " elements[" + std::to_string(index) +
                       "]: unknown element or composite '" + ref.id +
                       "'; define it under 'elements' or 'composites'");
      }
    }
    resolveNotes(group, owner, dict.standard, segment.elements.size(), segment.notes, issues);
  }
}

}  // namespace

YamlSource diskYamlSource() {
  return
      [](const fs::path& path, YamlIssues& issues) { return config::loadYamlFile(path, issues); };
}

std::shared_ptr<const Dictionary> loadDictionary(const fs::path& path, YamlIssues& issues,
                                                 const YamlSource& source) {
  ChainLoader loader(issues, source);
  if (!loader.load(path, true)) return nullptr;
  auto dict = std::make_shared<Dictionary>();
  resolve(loader.raw(), *dict, issues);
  return dict;
}

const DictionaryCache::Entry& DictionaryCache::get(const fs::path& path) {
  const std::string key = path.lexically_normal().string();
  auto found = entries_.find(key);
  if (found != entries_.end()) return found->second;
  YamlIssues issues;
  Entry entry;
  entry.dictionary = loadDictionary(path, issues, source_);
  entry.issues = issues.list();
  return entries_.emplace(key, std::move(entry)).first->second;
}

}  // namespace bridge::parsers::schema

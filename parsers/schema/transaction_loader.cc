#include "parsers/schema/transaction_loader.h"

#include <utility>

#include "parsers/schema/file_header.h"

namespace bridge::parsers::schema {
namespace {

namespace fs = std::filesystem;
using config::describeNode;
using config::MapReader;
using config::YamlIssues;
using config::YamlValues;

// Real loops nest a few levels deep; the limit keeps a malformed file from
// recursing without end.
constexpr size_t kMaxLoopDepth = 64;

class StructureReader {
 public:
  StructureReader(YamlValues& values, std::shared_ptr<const Dictionary> dictionary,
                  std::string dictionaryName)
      : values_(values),
        dictionary_(std::move(dictionary)),
        dictionaryName_(std::move(dictionaryName)) {}

  // Reads the list `node` of entries; `what` names it ("segments", "loop
  // 'N1' segments").
  std::vector<StructureNode> readEntries(const YAML::Node& node, const std::string& what,
                                         size_t depth) {
    std::vector<StructureNode> entries;
    if (!node.IsSequence() || node.size() == 0) {
      values_.error(node,
                    what + " must be a list of entries ({segment: ...} or {loop: ...}), not " +
                        (node.IsSequence() ? std::string("an empty list") : describeNode(node)));
      return entries;
    }
    size_t index = 0;
    for (const YAML::Node& item : node) {
      const std::string where = what + "[" + std::to_string(++index) + "]";
      MapReader entry(item, where, values_);
      if (!entry.valid()) continue;
      const bool isSegment = entry.has("segment");
      const bool isLoop = entry.has("loop");
      if (isSegment && isLoop) {
        values_.error(item, where + " has both 'segment' and 'loop'; an entry is one or the other");
        continue;
      }
      if (!isSegment && !isLoop) {
        values_.error(item, where + " needs 'segment' (a segment tag) or 'loop' (a loop id)");
        continue;
      }
      StructureNode out;
      if (isSegment ? readSegment(entry, where, out) : readLoop(entry, where, depth, out)) {
        entries.push_back(std::move(out));
      }
    }
    return entries;
  }

 private:
  // The fields both kinds of entry have.
  void readCommon(MapReader& entry, const std::string& where, StructureNode& out) {
    out.usage = readUsage(entry);
    out.maxUse = readMax(entry, where);
    if (auto pos = entry.string("pos")) out.position = *pos;
  }

  bool readSegment(MapReader& entry, const std::string& where, StructureNode& out) {
    out.kind = StructureNode::Kind::kSegment;
    YAML::Node tagNode = entry.get("segment");
    auto tag = entry.string("segment");
    readCommon(entry, where, out);
    entry.finish();
    if (!tag) return false;
    out.id = *tag;
    if (!dictionary_) return true;
    const SegmentDef* def = dictionary_->findSegment(*tag);
    if (def == nullptr) {
      values_.error(tagNode, where + ": unknown segment '" + *tag + "'; the dictionary " +
                                 dictionaryName_ + " does not define it");
      return true;
    }
    // Aliasing keeps the dictionary alive as long as any schema points into it.
    out.segment = std::shared_ptr<const SegmentDef>(dictionary_, def);
    return true;
  }

  bool readLoop(MapReader& entry, const std::string& where, size_t depth, StructureNode& out) {
    out.kind = StructureNode::Kind::kLoop;
    YAML::Node idNode = entry.get("loop");
    auto id = entry.string("loop");
    readCommon(entry, where, out);
    if (auto hierarchical = entry.boolean("hierarchical")) out.hierarchical = *hierarchical;
    YAML::Node list = entry.get("segments", true);
    const std::string name = "loop '" + id.value_or("?") + "'";
    if (depth >= kMaxLoopDepth) {
      values_.error(idNode, where + ": loops nest deeper than " + std::to_string(kMaxLoopDepth) +
                                " levels; check the indentation");
    } else if (list.IsDefined()) {
      out.children = readEntries(list, name + " segments", depth + 1);
    }
    entry.finish();
    if (!id) return false;
    out.id = *id;
    checkTrigger(list, name, out);
    return !out.children.empty();
  }

  void checkTrigger(const YAML::Node& list, const std::string& name, const StructureNode& loop) {
    if (loop.children.empty()) return;
    const StructureNode& trigger = loop.children.front();
    const YAML::Node first = list[0];
    if (trigger.isLoop()) {
      values_.error(first, name + ": its first entry must be a segment (the trigger), not loop '" +
                               trigger.id + "'");
      return;
    }
    if (trigger.usage != Usage::kMandatory || trigger.maxUse != 1) {
      values_.error(first, name + ": its first segment '" + trigger.id +
                               "' starts each repetition of the loop, so it must have usage M and "
                               "max 1");
    }
    if (loop.hierarchical && trigger.id != "HL") {
      values_.error(first, name + ": 'hierarchical' is for HL loops, and this loop starts with '" +
                               trigger.id + "'");
    }
  }

  YamlValues& values_;
  std::shared_ptr<const Dictionary> dictionary_;
  std::string dictionaryName_;
};

// Copies the dictionary's problems so that the caller sees why the schema is
// unusable; returns the dictionary when it is usable at all.
std::shared_ptr<const Dictionary> dictionaryFor(const fs::path& path, const FileHeader& header,
                                                MapReader& file, DictionaryCache& dictionaries,
                                                YamlIssues& issues) {
  const fs::path dictPath = path.parent_path() / "dictionary.yaml";
  const DictionaryCache::Entry& entry = dictionaries.get(dictPath);
  for (const config::YamlIssue& issue : entry.issues) issues.add(issue);
  YamlValues& values = file.values();
  if (!entry.dictionary) {
    values.error(file.node(), "the dictionary " + dictPath.string() +
                                  " did not load; a transaction file needs the dictionary.yaml "
                                  "of its version beside it");
    return nullptr;
  }
  const Dictionary& dict = *entry.dictionary;
  if (dict.standard != header.standard || dict.version != header.version) {
    values.error(file.get("version"),
                 "this transaction is for " + std::string(edi::standardName(header.standard)) +
                     " '" + header.version + "', but the dictionary " + dictPath.string() +
                     " is for " + std::string(edi::standardName(dict.standard)) + " '" +
                     dict.version + "'");
  }
  return entry.dictionary;
}

}  // namespace

std::shared_ptr<const TransactionSchema> loadTransaction(const fs::path& path,
                                                         DictionaryCache& dictionaries,
                                                         YamlIssues& issues) {
  auto document = dictionaries.source()(path, issues);
  if (!document) return nullptr;
  return loadTransaction(*document, path, dictionaries, issues);
}

std::shared_ptr<const TransactionSchema> loadTransaction(const YAML::Node& document,
                                                         const fs::path& path,
                                                         DictionaryCache& dictionaries,
                                                         YamlIssues& issues) {
  YamlValues values(path.string(), issues);
  MapReader file(document, "transaction", values);
  auto header = readFileHeader(file, "transaction");
  auto schema = std::make_shared<TransactionSchema>();
  auto id = file.string("id", true);
  if (auto name = file.string("name")) schema->name = *name;
  std::string* fields[] = {&schema->functionalGroup, &schema->agency, &schema->release};
  const char* keys[] = {"functional-group", "agency", "release"};
  for (size_t i = 0; i < 3; ++i) {
    auto text = file.string(keys[i]);
    if (!text) continue;
    *fields[i] = *text;
    // functional-group is GS01 (X12 only); agency and release are UNH S009
    // (EDIFACT only).
    const bool forX12 = i == 0;
    if (header && forX12 != (header->standard == edi::Standard::kX12)) {
      values.error(file.get(keys[i]), "'" + std::string(keys[i]) + "' is for " +
                                          (forX12 ? "X12" : "EDIFACT") + " files; remove it");
    }
  }
  YAML::Node segments = file.get("segments", true);
  if (!header || !id) {
    file.finish();
    return nullptr;
  }
  schema->standard = header->standard;
  schema->version = header->version;
  schema->id = *id;
  schema->sourceFile = path.string();
  schema->dictionary = dictionaryFor(path, *header, file, dictionaries, issues);

  const std::string dictName = (path.parent_path() / "dictionary.yaml").string();
  StructureReader reader(values, schema->dictionary, dictName);
  schema->root.kind = StructureNode::Kind::kLoop;
  schema->root.id = *id;
  schema->root.usage = Usage::kMandatory;
  schema->root.maxUse = 1;
  if (segments.IsDefined()) schema->root.children = reader.readEntries(segments, "segments", 0);
  file.finish();
  return schema;
}

}  // namespace bridge::parsers::schema

#include "parsers/schema/overlay.h"

#include <algorithm>
#include <deque>
#include <map>
#include <utility>

#include "parsers/schema/file_header.h"
#include "parsers/schema/overlay_path.h"

namespace bridge::parsers::schema {
namespace {

namespace fs = std::filesystem;
using config::MapReader;
using config::YamlIssues;
using config::YamlValues;

// A segment definition of the overlaid schema only. It keeps the definition
// it was copied from alive, because its composite pointers may point into
// that one (or into the dictionary).
struct OwnedSegment {
  SegmentDef def;
  std::deque<CompositeDef> composites;  // copies a component rule narrowed
  std::map<size_t, CompositeDef*> copiedComposites;
  std::shared_ptr<const SegmentDef> copiedFrom;
};

std::string lengthRange(uint32_t min, uint32_t max) {
  return std::to_string(min) + " to " + std::to_string(max);
}

std::string maxText(uint64_t max) {
  return max == StructureNode::kUnbounded ? "unbounded" : std::to_string(max);
}

// One rule of the overlay, as read.
struct Rule {
  std::string what;  // "rules[2]"
  std::string at;
  YAML::Node node, atNode, elementNode, usageNode, maxNode, codesNode, minNode, maxLengthNode;
  std::optional<std::string> usage;  // "M" or "X"
  std::optional<uint64_t> max;
  std::optional<std::vector<std::string>> codes;
  std::optional<uint64_t> minLength, maxLength;
};

// The position a rule's `element` names: 1-based, component 0 for none.
struct Position {
  size_t element = 0;
  size_t component = 0;
};

std::optional<Position> parsePosition(const std::string& text) {
  const size_t dot = text.find('.');
  auto element = parseCount(std::string_view(text).substr(0, dot));
  std::optional<uint64_t> component = 0;
  if (dot != std::string::npos) component = parseCount(std::string_view(text).substr(dot + 1));
  if (!element || !component || *element == 0 || (dot != std::string::npos && *component == 0)) {
    return std::nullopt;
  }
  return Position{static_cast<size_t>(*element), static_cast<size_t>(*component)};
}

class Applier {
 public:
  Applier(TransactionSchema& schema, YamlValues& values) : schema_(schema), values_(values) {}

  void apply(const Rule& rule) {
    std::string error;
    StructureNode* node = findStructurePath(schema_.root, rule.at, error);
    if (node == nullptr) {
      values_.error(rule.atNode, rule.what + " 'at' " + rule.at + ": " + error);
      return;
    }
    if (rule.elementNode.IsDefined()) {
      applyToElement(rule, *node);
    } else {
      applyToEntry(rule, *node);
    }
  }

 private:
  void applyToEntry(const Rule& rule, StructureNode& node) {
    for (const YAML::Node* key : {&rule.codesNode, &rule.minNode, &rule.maxLengthNode}) {
      if (key->IsDefined()) {
        values_.error(*key, rule.what +
                                " narrows an element's values; add 'element' (the position, "
                                "as 3 or 3.1)");
      }
    }
    const std::string thing = "'" + rule.at + "'";
    if (rule.usage) tightenUsage(rule, node.usage, thing);
    if (rule.max && *rule.max > node.maxUse) {
      values_.error(rule.maxNode, rule.what + " 'max' " + std::to_string(*rule.max) +
                                      " would raise the maximum of " + thing + " (" +
                                      maxText(node.maxUse) + "); an overlay may only lower it");
    } else if (rule.max) {
      node.maxUse = *rule.max;
    }
  }

  void applyToElement(const Rule& rule, StructureNode& node) {
    if (rule.maxNode.IsDefined()) {
      values_.error(rule.maxNode, rule.what +
                                      " 'max' limits the repeats of a segment or loop; "
                                      "write it in a rule without 'element'");
    }
    const std::string elementText = rule.elementNode.IsScalar() ? rule.elementNode.Scalar() : "";
    auto position = parsePosition(elementText);
    if (!position) {
      values_.error(rule.elementNode, rule.what + " 'element' is '" + elementText +
                                          "'; expected a position such as 3, or 3.1 for a "
                                          "component");
      return;
    }
    if (node.isLoop()) {
      values_.error(rule.elementNode, rule.what + " 'element' needs a segment, and '" + rule.at +
                                          "' is a loop; write '" + rule.at + "/" +
                                          node.triggerTag() + "' for its first segment");
      return;
    }
    if (!node.segment) return;  // unknown segment: reported when the schema loaded
    const std::string name =
        node.id + (position->element < 10 ? "0" : "") + std::to_string(position->element) +
        (position->component == 0
             ? ""
             : (position->component < 10 ? "-0" : "-") + std::to_string(position->component));
    ElementRef* target = findElement(rule, node, *position);
    if (target == nullptr) return;
    const std::string thing = "'" + rule.at + "' element " + elementText + " (" + name + ")";
    if (rule.usage) tightenUsage(rule, target->usage, thing);
    if (!rule.codes && !rule.minLength && !rule.maxLength) return;
    if (target->element == nullptr) {
      values_.error(rule.elementNode,
                    rule.what + " " + name + " is composite '" + target->id() +
                        "'; codes and lengths belong to its components: name one, as " +
                        std::to_string(position->element) + ".1");
      return;
    }
    if (rule.minLength || rule.maxLength) narrowLengths(rule, *target, name);
    if (rule.codes) narrowCodes(rule, *target, name);
  }

  // The position to change, in a copy of the segment (and of the composite,
  // for a component) that only this schema uses.
  ElementRef* findElement(const Rule& rule, StructureNode& node, const Position& position) {
    const SegmentDef& def = *node.segment;
    if (position.element > def.elements.size()) {
      values_.error(rule.elementNode, rule.what + " 'element' " + std::to_string(position.element) +
                                          ": segment '" + def.tag + "' has " +
                                          std::to_string(def.elements.size()) + " positions");
      return nullptr;
    }
    const ElementRef& ref = def.elements[position.element - 1];
    if (ref.element == nullptr && ref.composite == nullptr) return nullptr;  // reported at load
    if (position.component > 0 && ref.composite == nullptr) {
      values_.error(rule.elementNode, rule.what + " 'element' " + rule.elementNode.Scalar() + ": " +
                                          def.tag + " position " +
                                          std::to_string(position.element) +
                                          " is a simple element, without components; write " +
                                          std::to_string(position.element));
      return nullptr;
    }
    if (position.component > 0 && position.component > ref.composite->components.size()) {
      values_.error(rule.elementNode, rule.what + " 'element' " + rule.elementNode.Scalar() +
                                          ": composite '" + ref.composite->id + "' has " +
                                          std::to_string(ref.composite->components.size()) +
                                          " components");
      return nullptr;
    }
    OwnedSegment& owned = ownSegment(node);
    ElementRef& position0 = owned.def.elements[position.element - 1];
    if (position.component == 0) return &position0;
    auto copied = owned.copiedComposites.find(position.element);
    if (copied == owned.copiedComposites.end()) {
      CompositeDef& copy = owned.composites.emplace_back(*position0.composite);
      position0.composite = &copy;
      copied = owned.copiedComposites.emplace(position.element, &copy).first;
    }
    ElementRef& component = copied->second->components[position.component - 1];
    if (component.element == nullptr) return nullptr;  // reported at load
    return &component;
  }

  OwnedSegment& ownSegment(StructureNode& node) {
    auto found = owned_.find(&node);
    if (found != owned_.end()) return *found->second;
    auto owned = std::make_shared<OwnedSegment>();
    owned->def = *node.segment;
    owned->copiedFrom = node.segment;
    node.segment = std::shared_ptr<const SegmentDef>(owned, &owned->def);
    owned_.emplace(&node, owned.get());
    return *owned;
  }

  void tightenUsage(const Rule& rule, Usage& usage, const std::string& thing) {
    if (*rule.usage == "M") {
      if (usage == Usage::kNotUsed) {
        values_.error(rule.usageNode, rule.what + " 'usage: M' on " + thing +
                                          ", which an earlier overlay forbids (usage X)");
        return;
      }
      usage = Usage::kMandatory;
      return;
    }
    if (usage == Usage::kMandatory) {
      values_.error(rule.usageNode, rule.what + " 'usage: X' would forbid " + thing +
                                        ", which the base schema requires; an overlay may only "
                                        "forbid optional things");
      return;
    }
    usage = Usage::kNotUsed;
  }

  void narrowLengths(const Rule& rule, ElementRef& target, const std::string& name) {
    const ElementDef& def = *target.element;
    const uint32_t baseMin = target.minLength != 0 ? target.minLength : def.minLength;
    const uint32_t baseMax = target.maxLength != 0 ? target.maxLength : def.maxLength;
    const std::string range = name + " allows " + lengthRange(baseMin, baseMax) + " characters";
    const uint64_t newMin = rule.minLength.value_or(baseMin);
    const uint64_t newMax = rule.maxLength.value_or(baseMax);
    bool ok = true;
    if (rule.minLength && (newMin < baseMin || newMin > baseMax)) {
      values_.error(rule.minNode, rule.what + " 'min-length' " + std::to_string(newMin) +
                                      " is outside the base range: " + range +
                                      "; an overlay may only narrow it");
      ok = false;
    }
    if (rule.maxLength && (newMax < baseMin || newMax > baseMax)) {
      values_.error(rule.maxLengthNode, rule.what + " 'max-length' " + std::to_string(newMax) +
                                            " is outside the base range: " + range +
                                            "; an overlay may only narrow it");
      ok = false;
    }
    if (ok && newMin > newMax) {
      values_.error(rule.minNode, rule.what + " 'min-length' " + std::to_string(newMin) +
                                      " is more than 'max-length' " + std::to_string(newMax));
      ok = false;
    }
    if (!ok) return;
    target.minLength = static_cast<uint32_t>(newMin);
    target.maxLength = static_cast<uint32_t>(newMax);
  }

  void narrowCodes(const Rule& rule, ElementRef& target, const std::string& name) {
    const ElementDef& def = *target.element;
    std::vector<std::string> codes = *rule.codes;
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    if (codes.empty()) {
      values_.error(rule.codesNode,
                    rule.what + " 'codes' is empty; to forbid " + name + " write usage: X");
      return;
    }
    const uint32_t minLength = target.minLength != 0 ? target.minLength : def.minLength;
    const uint32_t maxLength = target.maxLength != 0 ? target.maxLength : def.maxLength;
    std::string outside, badLength;
    for (const std::string& code : codes) {
      if (!allowedByBase(target, def, code))
        outside += (outside.empty() ? "'" : ", '") + code + "'";
      if (code.size() < minLength || code.size() > maxLength) {
        badLength += (badLength.empty() ? "'" : ", '") + code + "'";
      }
    }
    if (!outside.empty()) {
      values_.error(rule.codesNode, rule.what + " 'codes' lists " + outside + ", which " + name +
                                        " does not allow in the base schema; an overlay may only "
                                        "keep codes of the base list");
    }
    if (!badLength.empty()) {
      values_.error(rule.codesNode, rule.what + " 'codes' lists " + badLength + ", whose length " +
                                        name + " does not allow (" +
                                        lengthRange(minLength, maxLength) + " characters)");
    }
    if (outside.empty() && badLength.empty()) {
      target.codes = std::move(codes);
      target.codeIndex = indexCodes(target.codes);
    }
  }

  // The base list is an earlier overlay's narrowing, else the element's own
  // codes and ranges; an element without codes takes any.
  static bool allowedByBase(const ElementRef& target, const ElementDef& def,
                            const std::string& code) {
    if (!target.codes.empty()) {
      return std::binary_search(target.codes.begin(), target.codes.end(), code);
    }
    if (!def.isCoded()) return true;
    if (std::binary_search(def.codes.begin(), def.codes.end(), code)) return true;
    return std::any_of(def.codeRanges.begin(), def.codeRanges.end(), [&](const auto& range) {
      return code.size() == range.first.size() && range.first <= code && code <= range.second;
    });
  }

  TransactionSchema& schema_;
  YamlValues& values_;
  std::map<const StructureNode*, OwnedSegment*> owned_;
};

std::optional<Rule> readRule(const YAML::Node& item, size_t index, YamlValues& values) {
  Rule rule;
  rule.what = "rules[" + std::to_string(index) + "]";
  rule.node = item;
  MapReader map(item, rule.what, values);
  if (!map.valid()) return std::nullopt;
  rule.atNode = map.get("at");
  auto at = map.string("at", true);
  rule.elementNode = map.get("element");
  if (rule.elementNode.IsDefined() && !rule.elementNode.IsScalar()) {
    values.string(rule.elementNode, rule.what + " 'element'");
    rule.elementNode = YAML::Node(YAML::NodeType::Undefined);
    at.reset();
  }
  rule.usageNode = map.get("usage");
  rule.usage = map.oneOf("usage", {"M", "X"});
  rule.maxNode = map.get("max");
  rule.max = map.unsignedInt("max", 1, 1'000'000'000'000'000'000ull);
  rule.codesNode = map.get("codes");
  rule.codes = map.stringList("codes");
  rule.minNode = map.get("min-length");
  rule.minLength = map.unsignedInt("min-length", 0, UINT32_MAX);
  rule.maxLengthNode = map.get("max-length");
  rule.maxLength = map.unsignedInt("max-length", 1, UINT32_MAX);
  map.finish();
  const bool changes = rule.usageNode.IsDefined() || rule.maxNode.IsDefined() ||
                       rule.codesNode.IsDefined() || rule.minNode.IsDefined() ||
                       rule.maxLengthNode.IsDefined();
  if (!changes) {
    values.error(item, rule.what +
                           " changes nothing; give usage, max, codes, min-length or "
                           "max-length");
    return std::nullopt;
  }
  // A rule with a bad value is not applied, so that it cannot half-apply.
  const bool readable = at && (rule.usage || !rule.usageNode.IsDefined()) &&
                        (rule.max || !rule.maxNode.IsDefined()) &&
                        (rule.codes || !rule.codesNode.IsDefined()) &&
                        (rule.minLength || !rule.minNode.IsDefined()) &&
                        (rule.maxLength || !rule.maxLengthNode.IsDefined());
  if (!readable) return std::nullopt;
  rule.at = *at;
  return rule;
}

}  // namespace

std::optional<SchemaKey> overlayBase(const YAML::Node& document) {
  if (!document.IsMap()) return std::nullopt;
  const YAML::Node base = document["base"];
  // A missing key gives an invalid node, which throws on any question but this.
  if (!base.IsDefined() || !base.IsScalar()) return std::nullopt;
  return parseSchemaKey(base.Scalar());
}

std::shared_ptr<const TransactionSchema> applyOverlay(const TransactionSchema& base,
                                                      const fs::path& path, YamlIssues& issues,
                                                      const YamlSource& source) {
  auto document = source(path, issues);
  if (!document) return nullptr;
  return applyOverlay(base, *document, path, issues);
}

std::shared_ptr<const TransactionSchema> applyOverlay(const TransactionSchema& base,
                                                      const YAML::Node& document,
                                                      const fs::path& path, YamlIssues& issues) {
  YamlValues values(path.string(), issues);
  MapReader file(document, "overlay", values);
  auto header = readFileHeader(file, "overlay", false);
  auto name = file.string("name", true);
  const SchemaKey target{base.standard, base.version, base.id};
  YAML::Node baseNode = file.get("base", true);
  if (auto written = file.string("base")) {
    auto key = parseSchemaKey(*written);
    if (!key) {
      values.error(baseNode, "overlay 'base' is '" + *written +
                                 "'; expected standard/version/id, as x12/004010/850");
    } else if (!(*key == target)) {
      values.error(baseNode, "this overlay is written for " + key->path() +
                                 ", but it was applied to " + target.path());
    }
  }
  if (header && file.has("standard") && header->standard != base.standard) {
    values.error(file.get("standard"), "'standard' does not match the base " + target.path());
  }
  if (header && file.has("version") && header->version != base.version) {
    values.error(file.get("version"), "'version' does not match the base " + target.path());
  }
  YAML::Node rules = file.get("rules", true);
  file.finish();
  if (!header) return nullptr;

  auto schema = std::make_shared<TransactionSchema>(base);
  schema->overlays.push_back(name.value_or(path.filename().string()));
  if (!rules.IsDefined()) return schema;
  if (!rules.IsSequence()) {
    values.error(rules, "overlay 'rules' must be a list of rules");
    return schema;
  }
  Applier applier(*schema, values);
  size_t index = 0;
  for (const YAML::Node& item : rules) {
    auto rule = readRule(item, ++index, values);
    if (rule) applier.apply(*rule);
  }
  return schema;
}

}  // namespace bridge::parsers::schema

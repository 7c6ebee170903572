#include "mappings/engine/evaluator.h"

#include <cstdint>
#include <optional>

#include "mappings/engine/transforms.h"

namespace bridge::mappings {
namespace {

using nlohmann::json;
using parsers::edi::OwnedSegment;

// A place in the source: an EDI loop or segment, or a JSON value.
struct Cursor {
  const EdiNode* edi = nullptr;
  const json* value = nullptr;
};

class Run {
 public:
  Run(const Mapping& mapping, const EdiDocument* edi, const json* source)
      : mapping_(mapping), edi_(edi), source_(source) {}

  std::vector<MappingFinding> findings;

  Cursor root() const {
    return edi_ != nullptr ? Cursor{&edi_->root(), nullptr} : Cursor{nullptr, source_};
  }

  // ---- selecting nodes -------------------------------------------------

  // The nodes `path` selects from `from`, its first `steps` steps only.
  void select(Cursor from, const Path& path, size_t steps, std::vector<Cursor>& out) const {
    if (path.absolute) from = root();
    std::vector<Cursor> current{from};
    std::vector<Cursor> next;
    for (size_t s = 0; s < steps; ++s) {
      next.clear();
      for (const Cursor& cursor : current) step(cursor, path.steps[s], next);
      current.swap(next);
      if (current.empty()) break;
    }
    out.insert(out.end(), current.begin(), current.end());
  }

  void step(const Cursor& from, const PathStep& step, std::vector<Cursor>& out) const {
    std::vector<Cursor> matches;
    if (from.edi != nullptr) {
      const EdiNode& node = *from.edi;
      if (step.name == "HL" && node.isLoop() && node.trigger == "HL" && edi_ != nullptr) {
        for (const EdiNode* level : edi_->hierarchicalLevels()) {
          if (EdiDocument::isBeneath(*level, node)) matches.push_back({level, nullptr});
        }
      } else {
        for (const EdiNode& child : node.children) {
          const bool match = child.isLoop() ? (child.id == step.name || child.trigger == step.name)
                                            : child.id == step.name;
          if (match) matches.push_back({&child, nullptr});
        }
      }
    } else if (from.value != nullptr) {
      collectJson(*from.value, step.name, matches);
    }
    for (const PathFilter& filter : step.filters) applyFilter(filter, matches);
    out.insert(out.end(), matches.begin(), matches.end());
  }

  static void collectJson(const json& value, const std::string& key, std::vector<Cursor>& out) {
    if (value.is_array()) {
      for (const json& item : value) collectJson(item, key, out);
      return;
    }
    if (!value.is_object()) return;
    auto found = value.find(key);
    if (found == value.end() || found->is_null()) return;
    if (found->is_array()) {
      for (const json& item : *found) out.push_back({nullptr, &item});
    } else {
      out.push_back({nullptr, &*found});
    }
  }

  void applyFilter(const PathFilter& filter, std::vector<Cursor>& matches) const {
    if (filter.op == PathFilter::Op::kIndex) {
      if (filter.index <= matches.size()) {
        const Cursor keep = matches[filter.index - 1];
        matches.assign(1, keep);
      } else {
        matches.clear();
      }
      return;
    }
    std::vector<Cursor> kept;
    for (const Cursor& candidate : matches) {
      const json value = firstValue(candidate, *filter.subject);
      bool pass = false;
      if (filter.op == PathFilter::Op::kExists) {
        pass = !value.is_null();
      } else {
        const std::string text = scalarText(value);
        bool listed = false;
        for (const std::string& wanted : filter.values)
          listed = listed || (!value.is_null() && text == wanted);
        pass = filter.op == PathFilter::Op::kEquals ? listed : !listed;
      }
      if (pass) kept.push_back(candidate);
    }
    matches.swap(kept);
  }

  // ---- reading values --------------------------------------------------

  const OwnedSegment* envelopeSegment(std::string_view tag) const {
    if (edi_ == nullptr) return nullptr;
    const auto& tree = edi_->tree();
    if (tag == tree.header.tag) return &tree.header;
    if (tree.groupHeader && tag == tree.groupHeader->tag) return &*tree.groupHeader;
    if (tag == tree.interchangeHeader.tag) return &tree.interchangeHeader;
    return nullptr;
  }

  json elementValue(const EdiNode& node, const ElementRef& ref) const {
    const OwnedSegment* segment = nullptr;
    if (!node.isLoop()) {
      if (node.id == ref.tag) segment = node.segment;
    } else {
      for (const EdiNode& child : node.children) {
        if (!child.isLoop() && child.id == ref.tag) {
          segment = child.segment;
          break;
        }
      }
      if (segment == nullptr) {
        for (const EdiNode& child : node.children) {
          if (child.isLoop() && child.trigger == ref.tag) {
            segment = child.head();
            break;
          }
        }
      }
    }
    if (segment == nullptr) segment = envelopeSegment(ref.tag);
    if (segment == nullptr || ref.element > segment->elements.size()) return json(nullptr);
    const auto& element = segment->elements[ref.element - 1];
    if (element.empty()) return json(nullptr);
    const size_t component = ref.component == 0 ? 0 : ref.component - 1;
    if (component >= element[0].size() || element[0][component].empty()) return json(nullptr);
    return json(element[0][component]);
  }

  // Every value `path` reads from `from`, in document order.
  // Every value `path` reads from `from`, in document order, at most `limit`.
  void values(const Cursor& from, const Path& path, std::vector<json>& out,
              size_t limit = SIZE_MAX) const {
    const ElementRef* element = path.finalElement();
    const bool ediValue = (edi_ != nullptr) && element != nullptr;
    std::vector<Cursor> nodes;
    select(from, path, ediValue ? path.steps.size() - 1 : path.steps.size(), nodes);
    for (const Cursor& node : nodes) {
      if (out.size() >= limit) return;
      if (ediValue) {
        if (node.edi == nullptr) continue;
        json value = elementValue(*node.edi, *element);
        if (!value.is_null()) out.push_back(std::move(value));
      } else if (node.value != nullptr && !node.value->is_null() && !node.value->is_object() &&
                 !node.value->is_array()) {
        if (node.value->is_string() && node.value->get_ref<const std::string&>().empty()) continue;
        out.push_back(*node.value);
      }
    }
  }

  json firstValue(const Cursor& from, const Path& path) const {
    std::vector<json> found;
    values(from, path, found, 1);
    return found.empty() ? json(nullptr) : std::move(found.front());
  }

  // ---- evaluating ------------------------------------------------------

  struct Scope {
    Cursor here;
    const json* out = nullptr;  // the object being built at this level
  };

  void fail(const ValueSpec& spec, const std::string& field, std::string message) {
    findings.push_back({field, spec.path.text, std::move(message), spec.where});
  }

  bool holds(const Condition& condition, const Scope& scope, const std::string& field,
             const SourceMark& where) {
    switch (condition.kind) {
      case Condition::Kind::kExists:
        return !firstValue(scope.here, condition.path).is_null();
      case Condition::Kind::kMissing:
        return firstValue(scope.here, condition.path).is_null();
      case Condition::Kind::kEquals:
      case Condition::Kind::kNotEquals: {
        const json value = firstValue(scope.here, condition.path);
        bool listed = false;
        for (const auto& wanted : condition.values) {
          listed = listed || (!value.is_null() && scalarText(value) == wanted);
        }
        return condition.kind == Condition::Kind::kEquals ? listed : !listed;
      }
      case Condition::Kind::kLua: {
        auto result = callLua(condition.lua, json(nullptr), scope);
        if (!result) {
          findings.push_back({field, "", "condition: " + result.status().message(), where});
          return false;
        }
        return !result->is_null() && *result != json(false);
      }
    }
    return false;
  }

  core::Result<json> callLua(LuaChunkId chunk, const json& value, const Scope& scope) {
    // The inputs object lives for the whole document, so the source (`doc`)
    // is copied once per document, not once per call.
    if (!luaInputs_) {
      luaInputs_ = json::object();
      (*luaInputs_)["doc"] = sourceJson();
    }
    json& inputs = *luaInputs_;
    inputs["value"] = value;
    inputs["out"] = scope.out != nullptr ? *scope.out : json::object();
    inputs["item"] = scope.here.value != nullptr ? *scope.here.value : itemOf(scope.here);
    std::lock_guard lock(*mapping_.luaMutex);
    return mapping_.lua->call(chunk, inputs);
  }

  // EDI segments for Lua: [["BEG","00","SA",...], ...]; composites as arrays.
  static json segmentJson(const OwnedSegment& segment) {
    json out = json::array({segment.tag});
    for (const auto& element : segment.elements) {
      if (element.empty() || element[0].size() <= 1) {
        out.push_back(element.empty() || element[0].empty() ? "" : element[0][0]);
      } else {
        out.push_back(element[0]);
      }
    }
    return out;
  }

  json itemOf(const Cursor& cursor) const {
    if (cursor.edi == nullptr) return json(nullptr);
    json segments = json::array();
    appendSegments(*cursor.edi, segments);
    return segments;
  }

  static void appendSegments(const EdiNode& node, json& out) {
    if (!node.isLoop()) {
      out.push_back(segmentJson(*node.segment));
      return;
    }
    for (const EdiNode& child : node.children) appendSegments(child, out);
  }

  const json& sourceJson() {
    if (source_ != nullptr) return *source_;
    if (!ediJson_) {
      ediJson_ = json::array();
      appendSegments(edi_->root(), *ediJson_);
    }
    return *ediJson_;
  }

  json evaluate(const ValueSpec& spec, const Scope& scope, const std::string& field) {
    if (spec.when && !holds(*spec.when, scope, field, spec.where)) return json(nullptr);
    json value;
    switch (spec.kind) {
      case ValueSpec::Kind::kPath:
        value = firstValue(scope.here, spec.path);
        break;
      case ValueSpec::Kind::kConstant:
        value = spec.constant;
        break;
      case ValueSpec::Kind::kConcat: {
        std::string joined;
        bool any = false;
        for (const ValueSpec& part : spec.parts) {
          const json piece = evaluate(part, scope, field);
          if (piece.is_null()) continue;
          const std::string text = scalarText(piece);
          if (text.empty()) continue;
          if (any) joined += spec.separator;
          joined += text;
          any = true;
        }
        value = any ? json(joined) : json(nullptr);
        break;
      }
      case ValueSpec::Kind::kLua: {
        auto result = callLua(spec.lua, json(nullptr), scope);
        if (!result) {
          fail(spec, field, result.status().message());
          return json(nullptr);
        }
        value = std::move(*result);
        break;
      }
      case ValueSpec::Kind::kCount: {
        std::vector<Cursor> nodes;
        select(scope.here, spec.path, spec.path.steps.size(), nodes);
        value = json(static_cast<int64_t>(nodes.size()));
        break;
      }
      case ValueSpec::Kind::kSum: {
        std::vector<json> found;
        values(scope.here, spec.path, found);
        Transform toNumber;
        toNumber.kind = Transform::Kind::kNumber;
        json total = json(0);
        for (const json& item : found) {
          auto number = applyTransform(toNumber, item);
          if (!number) {
            fail(spec, field, "cannot sum: " + number.status().message());
            continue;
          }
          if (total.is_number_integer() && number->is_number_integer()) {
            total = total.get<int64_t>() + number->get<int64_t>();
          } else {
            total = total.get<double>() + number->get<double>();
          }
        }
        value = std::move(total);
        break;
      }
      case ValueSpec::Kind::kObject: {
        Scope inner = scope;
        if (!spec.path.empty()) {
          std::vector<Cursor> nodes;
          select(scope.here, spec.path, spec.path.steps.size(), nodes);
          if (nodes.empty()) {
            value = json(nullptr);
            break;
          }
          inner.here = nodes.front();
        }
        value = buildObject(spec, inner, field);
        break;
      }
      case ValueSpec::Kind::kArray: {
        std::vector<Cursor> nodes;
        select(scope.here, spec.path, spec.path.steps.size(), nodes);
        json items = json::array();
        for (size_t i = 0; i < nodes.size(); ++i) {
          Scope inner{nodes[i], nullptr};
          const std::string itemField = field + "[" + std::to_string(i + 1) + "]";
          json item = spec.item ? evaluate(*spec.item, inner, itemField)
                                : buildObject(spec, inner, itemField);
          if (!item.is_null()) items.push_back(std::move(item));
        }
        value = items.empty() ? json(nullptr) : std::move(items);
        break;
      }
      case ValueSpec::Kind::kQualified: {
        value = json(nullptr);
        std::vector<Cursor> nodes;
        select(scope.here, spec.path, spec.path.steps.size(), nodes);
        for (const Cursor& node : nodes) {
          const OwnedSegment* segment = node.edi != nullptr ? node.edi->head() : nullptr;
          if (segment == nullptr) continue;
          for (size_t e = spec.pairsFrom; e < segment->elements.size(); e += 2) {
            const std::string_view qualifier = segment->element(e - 1);
            bool wanted = false;
            for (const auto& code : spec.qualifiers) wanted = wanted || qualifier == code;
            if (wanted && !segment->element(e).empty()) {
              value = json(std::string(segment->element(e)));
              break;
            }
          }
          if (!value.is_null()) break;
        }
        break;
      }
      case ValueSpec::Kind::kPairs:
        // Expanded by emitSegment; as a plain value it has none.
        value = json(nullptr);
        break;
      case ValueSpec::Kind::kList: {
        json items = json::array();
        for (const ValueSpec& part : spec.parts) {
          json piece = evaluate(part, scope, field);
          if (piece.is_null()) continue;
          if (piece.is_array() && part.kind == ValueSpec::Kind::kArray) {
            for (json& item : piece) items.push_back(std::move(item));
          } else {
            items.push_back(std::move(piece));
          }
        }
        value = items.empty() ? json(nullptr) : std::move(items);
        break;
      }
    }
    if (!value.is_null()) {
      for (const Transform& transform : spec.transforms) {
        if (value.is_null()) break;
        core::Result<json> next = transform.kind == Transform::Kind::kLua
                                      ? callLua(transform.lua, value, scope)
                                      : applyTransform(transform, value);
        if (!next) {
          findings.push_back({field, spec.path.text, next.status().message(), transform.where});
          return json(nullptr);
        }
        value = std::move(*next);
      }
    }
    if (value.is_null() && spec.defaultValue) value = *spec.defaultValue;
    if (value.is_null() && spec.required) {
      fail(spec, field,
           spec.path.empty() ? "required value is missing"
                             : "required value is missing: nothing at '" + spec.path.text + "'");
    }
    return value;
  }

  json buildObject(const ValueSpec& spec, Scope scope, const std::string& field) {
    json object = json::object();
    scope.out = &object;
    for (const auto& [name, fieldSpec] : spec.fields) {
      json value = evaluate(fieldSpec, scope, field.empty() ? name : field + "." + name);
      if (!value.is_null()) object[name] = std::move(value);
    }
    return object.empty() ? json(nullptr) : std::move(object);
  }

  // ---- EDI output ------------------------------------------------------

  void emit(const std::vector<SegmentSpec>& specs, const Scope& scope,
            const std::string& parentLevel, std::vector<OwnedSegment>& out) {
    for (const SegmentSpec& spec : specs) {
      const std::string label = spec.tag.empty() ? "segments" : spec.tag;
      if (spec.when && !holds(*spec.when, scope, label, spec.where)) continue;
      switch (spec.kind) {
        case SegmentSpec::Kind::kSegment:
          emitSegment(spec, scope, out);
          break;
        case SegmentSpec::Kind::kEach: {
          std::vector<Cursor> nodes;
          select(scope.here, spec.each, spec.each.steps.size(), nodes);
          for (const Cursor& node : nodes) emit(spec.body, Scope{node, nullptr}, parentLevel, out);
          break;
        }
        case SegmentSpec::Kind::kLevel: {
          std::vector<Cursor> nodes;
          if (spec.each.empty()) {
            nodes.push_back(scope.here);
          } else {
            select(scope.here, spec.each, spec.each.steps.size(), nodes);
          }
          for (const Cursor& node : nodes) emitLevel(spec, Scope{node, nullptr}, parentLevel, out);
          break;
        }
      }
    }
  }

  void emitLevel(const SegmentSpec& spec, const Scope& scope, const std::string& parentLevel,
                 std::vector<OwnedSegment>& out) {
    const std::string id = std::to_string(++levels_);
    const size_t hlIndex = out.size();
    out.push_back(OwnedSegment::simple("HL", {id, parentLevel, spec.levelCode, "0"}));
    emit(spec.body, scope, id, out);
    const size_t before = out.size();
    emit(spec.children, scope, id, out);
    // HL04: whether any level was written beneath this one.
    bool hasChild = false;
    for (size_t i = before; i < out.size() && !hasChild; ++i) hasChild = out[i].tag == "HL";
    out[hlIndex].elements[3][0][0] = hasChild ? "1" : "0";
    if (parentLevel.empty()) out[hlIndex].elements[1][0][0].clear();
  }

  void emitSegment(const SegmentSpec& spec, const Scope& scope, std::vector<OwnedSegment>& out) {
    OwnedSegment segment;
    segment.tag = spec.tag;
    bool computed = false;
    bool anyComputedValue = false;
    for (size_t e = 0; e < spec.elements.size(); ++e) {
      if (spec.elements[e].size() == 1 && spec.elements[e][0].kind == ValueSpec::Kind::kPairs) {
        const ValueSpec& pairs = spec.elements[e][0];
        for (size_t p = 0; p + 1 < pairs.parts.size(); p += 2) {
          const json value = evaluate(pairs.parts[p + 1], scope, spec.tag + " pair");
          computed = true;
          if (value.is_null() || scalarText(value).empty()) continue;
          anyComputedValue = true;
          segment.elements.push_back({{scalarText(pairs.parts[p].constant)}});
          segment.elements.push_back({{scalarText(value)}});
        }
        continue;
      }
      std::vector<std::string> components;
      for (const ValueSpec& component : spec.elements[e]) {
        char position[32];
        std::snprintf(position, sizeof position, "%02zu", e + 1);
        const json value = evaluate(component, scope, spec.tag + position);
        // A literal with a condition counts as computed: when the condition
        // fails, it is as absent as a missing source value.
        if (component.kind != ValueSpec::Kind::kConstant || component.when) {
          computed = true;
          anyComputedValue = anyComputedValue || !value.is_null();
        }
        components.push_back(value.is_null() ? std::string() : scalarText(value));
      }
      while (components.size() > 1 && components.back().empty()) components.pop_back();
      segment.elements.push_back({components});
    }
    // A segment whose computed values are all absent is left out, so optional
    // segments (a REF with no reference) need no condition of their own.
    if (computed && !anyComputedValue) return;
    while (!segment.elements.empty() && segment.elements.back()[0].size() == 1 &&
           segment.elements.back()[0][0].empty()) {
      segment.elements.pop_back();
    }
    out.push_back(std::move(segment));
  }

 private:
  const Mapping& mapping_;
  const EdiDocument* edi_;
  const json* source_;
  std::optional<json> ediJson_;
  std::optional<json> luaInputs_;
  uint64_t levels_ = 0;
};

}  // namespace

std::string MappingFinding::describe() const {
  std::string text = where.describe() + ": " + field;
  if (!path.empty()) text += " (from " + path + ")";
  return text + ": " + message;
}

JsonOutcome evaluateToJson(const Mapping& mapping, const EdiDocument& source) {
  Run run(mapping, &source, nullptr);
  json document = run.evaluate(mapping.output, {run.root(), nullptr}, "");
  return {document.is_null() ? json::object() : std::move(document), std::move(run.findings)};
}

JsonOutcome evaluateToJson(const Mapping& mapping, const json& source) {
  Run run(mapping, nullptr, &source);
  json document = run.evaluate(mapping.output, {run.root(), nullptr}, "");
  return {document.is_null() ? json::object() : std::move(document), std::move(run.findings)};
}

SegmentsOutcome evaluateToSegments(const Mapping& mapping, const json& source) {
  Run run(mapping, nullptr, &source);
  SegmentsOutcome outcome;
  run.emit(mapping.segments, {run.root(), nullptr}, "", outcome.segments);
  outcome.findings = std::move(run.findings);
  return outcome;
}

}  // namespace bridge::mappings

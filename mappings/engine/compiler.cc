#include "mappings/engine/compiler.h"

#include <fstream>
#include <set>
#include <sstream>

#include "mappings/engine/transforms.h"
#include "parsers/flat/csv_reader.h"

#include "spool/payload_file.h"

namespace bridge::mappings {
namespace {

using config::MapReader;
using config::YamlValues;
using nlohmann::json;

constexpr uint64_t kMaxLookupBytes = 64ull << 20;

SourceMark markOf(const YamlValues& values, const YAML::Node& node) {
  return {values.file(), static_cast<uint64_t>(node.Mark().line + 1),
          static_cast<uint64_t>(node.Mark().column + 1)};
}

bool isSegmentTag(std::string_view key) {
  if (key.size() < 2 || key.size() > 3) return false;
  for (char c : key) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return key[0] >= 'A' && key[0] <= 'Z';
}

// A plain YAML scalar as JSON: numbers and booleans when unquoted, else text.
json scalarJson(const YAML::Node& node) {
  const std::string text = node.Scalar();
  if (node.Tag() == "?") {
    if (text == "true") return json(true);
    if (text == "false") return json(false);
    if (text == "null" || text == "~") return json(nullptr);
    if (!text.empty() && text.find_first_not_of("+-0123456789.") == std::string::npos) {
      try {
        return json::parse(text[0] == '+' ? text.substr(1) : text);
      } catch (const json::exception&) {
      }
    }
  }
  return json(text);
}

class Compiler {
 public:
  Compiler(YamlValues& values, const CompileContext& context, std::filesystem::path baseDir)
      : values_(values), context_(context), baseDir_(std::move(baseDir)) {}

  std::shared_ptr<Mapping> compile(const YAML::Node& root, std::string_view bytes) {
    auto mapping = std::make_shared<Mapping>();
    mapping_ = mapping.get();
    mapping->lua = std::make_unique<LuaSandbox>();
    MapReader top(root, "mapping file", values_);
    if (!top.valid()) return nullptr;
    mapping->file = values_.file();
    mapping->name = top.string("mapping", true).value_or("");
    mapping->version = top.string("version", true).value_or("");
    mapping->description = top.string("description").value_or("");
    if (top.has("source"))
      readDocument(top.get("source"), "source", mapping->source, true);
    else
      (void)top.get("source", true);
    if (top.has("target"))
      readDocument(top.get("target"), "target", mapping->target, false);
    else
      (void)top.get("target", true);
    if (top.has("lua_limits")) readLuaLimits(top.get("lua_limits"));
    std::string hashed(bytes);
    if (top.has("tables")) readTables(top.get("tables"));
    if (top.has("lookups")) readLookups(top.get("lookups"), hashed);
    if (!mapping->source.isEdi() && mapping->target.isEdi() &&
        mapping->source.kind == DocumentKind::kContract) {
      // outbound
    }
    if (mapping->target.isEdi()) {
      if (mapping->source.isEdi()) {
        values_.error(root, "a mapping from EDI to EDI is not supported; map to a contract first");
      }
      if (top.has("segments")) {
        readSegments(top.get("segments"), "segments", mapping->segments);
      } else {
        (void)top.get("segments", true);
      }
    } else {
      if (top.has("output")) {
        readObjectTemplate(top.get("output"), "output", mapping->output);
      } else {
        (void)top.get("output", true);
      }
    }
    top.finish();
    mapping->hash = "sha256:" + spool::sha256Hex(hashed);
    return mapping;
  }

 private:
  // ---- source and target -------------------------------------------------

  void readDocument(const YAML::Node& node, const std::string& what, DocumentSpec& spec,
                    bool isSource) {
    MapReader reader(node, what, values_);
    if (!reader.valid()) return;
    int kinds = 0;
    if (reader.has("x12")) {
      spec.kind = DocumentKind::kX12;
      spec.id = reader.string("x12").value_or("");
      readVersions(reader, spec, isSource);
      ++kinds;
    }
    if (reader.has("edifact")) {
      spec.kind = DocumentKind::kEdifact;
      spec.id = reader.string("edifact").value_or("");
      readVersions(reader, spec, isSource);
      ++kinds;
    }
    if (reader.has("contract")) {
      spec.kind = DocumentKind::kContract;
      spec.id = reader.string("contract").value_or("");
      if (context_.contracts != nullptr && !spec.id.empty() && !context_.contracts->has(spec.id)) {
        std::string known;
        for (const auto& name : context_.contracts->names())
          known += (known.empty() ? "" : ", ") + name;
        values_.error(reader.get("contract"),
                      "unknown contract '" + spec.id + "'; known contracts: " + known);
      }
      ++kinds;
    }
    if (reader.has("csv")) {
      spec.kind = DocumentKind::kCsv;
      if (auto layout = parsers::flat::loadCsvLayout(reader.get("csv"), values_))
        spec.csv = *layout;
      ++kinds;
    }
    if (reader.has("fixed_width")) {
      spec.kind = DocumentKind::kFixedWidth;
      if (auto layout = parsers::flat::loadFixedWidthLayout(reader.get("fixed_width"), values_)) {
        spec.fixedWidth = *layout;
      }
      ++kinds;
    }
    if (reader.has("xml")) {
      spec.kind = DocumentKind::kXml;
      if (auto layout = parsers::flat::loadXmlLayout(reader.get("xml"), values_))
        spec.xml = *layout;
      ++kinds;
    }
    if (kinds != 1) {
      values_.error(
          node, what + " must name exactly one of x12, edifact, contract, csv, fixed_width, xml");
    }
    if (isSource && (spec.kind == DocumentKind::kCsv || spec.kind == DocumentKind::kFixedWidth)) {
      spec.splitBy = reader.string("split_by").value_or("");
      if (spec.kind == DocumentKind::kFixedWidth)
        spec.splitStart = reader.string("split_start").value_or("");
    }
    reader.finish();
    if (isSource && spec.isEdi() && context_.schemas != nullptr && !spec.id.empty() &&
        !spec.version.empty()) {
      parsers::schema::SchemaKey key{spec.kind == DocumentKind::kX12
                                         ? parsers::edi::Standard::kX12
                                         : parsers::edi::Standard::kEdifact,
                                     spec.version, spec.id};
      auto schema = context_.schemas->find(key);
      if (schema) {
        collectNames((*schema)->root);
        haveSchema_ = true;
      } else if (schema.status().code() != core::StatusCode::kNotFound) {
        values_.error(node, "the schema for " + key.describe() +
                                " does not load: " + schema.status().message());
      }
    }
  }

  // `version: "004010"`, or for sources a list of the versions read alike
  // (`version: ["004010", "005010"]`).
  void readVersions(MapReader& reader, DocumentSpec& spec, bool isSource) {
    const YAML::Node node = reader.get("version", true);
    if (node.IsSequence() && isSource && node.size() > 0) {
      for (const auto& item : node) spec.versions.push_back(item.Scalar());
    } else if (node.IsScalar()) {
      spec.versions.push_back(node.Scalar());
    } else if (node) {
      values_.error(node, std::string("'version' must be a version such as \"004010\"") +
                              (isSource ? " or a list of them" : ""));
    }
    if (!spec.versions.empty()) spec.version = spec.versions.front();
  }

  void collectNames(const parsers::schema::StructureNode& node) {
    schemaNames_.insert(node.id);
    for (const auto& child : node.children) collectNames(child);
  }

  void readLuaLimits(const YAML::Node& node) {
    MapReader reader(node, "lua_limits", values_);
    if (!reader.valid()) return;
    LuaLimits limits;
    limits.instructions =
        reader.unsignedInt("instructions", 1000, 100'000'000).value_or(limits.instructions);
    limits.memoryBytes = static_cast<size_t>(
        reader.unsignedInt("memory_mb", 1, 256).value_or(limits.memoryBytes >> 20) << 20);
    reader.finish();
    mapping_->lua = std::make_unique<LuaSandbox>(limits);
  }

  // ---- tables and lookups ------------------------------------------------

  void readOtherwise(MapReader& reader, CodeTable& table) {
    if (!reader.has("otherwise")) return;
    const YAML::Node node = reader.get("otherwise");
    if (node.IsScalar() && node.Scalar() == "keep") {
      table.otherwise = CodeTable::Otherwise::kKeep;
    } else if (node.IsScalar() && node.Scalar() == "error") {
      table.otherwise = CodeTable::Otherwise::kError;
    } else if (node.IsMap() && node["value"]) {
      table.otherwise = CodeTable::Otherwise::kValue;
      table.otherwiseValue = node["value"].Scalar();
    } else {
      values_.error(node, "'otherwise' must be keep, error or {value: X}");
    }
  }

  void readTables(const YAML::Node& node) {
    if (!node.IsMap()) {
      values_.error(node, "'tables' must be a mapping of table names");
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string name = it->first.Scalar();
      auto table = std::make_unique<CodeTable>();
      table->name = name;
      table->origin = "table '" + name + "'";
      MapReader reader(it->second, "table '" + name + "'", values_);
      if (!reader.valid()) continue;
      const YAML::Node codes = reader.get("codes", true);
      if (codes.IsMap()) {
        for (auto code = codes.begin(); code != codes.end(); ++code) {
          if (!code->second.IsScalar()) {
            values_.error(code->second, "table '" + name + "': each code maps to one value");
            continue;
          }
          table->entries[code->first.Scalar()] = code->second.Scalar();
        }
      } else if (codes) {
        values_.error(codes, "table '" + name + "': 'codes' must map each code to its value");
      }
      readOtherwise(reader, *table);
      reader.finish();
      addTable(it->first, std::move(table));
    }
  }

  void addTable(const YAML::Node& at, std::unique_ptr<CodeTable> table) {
    const std::string name = table->name;
    if (!mapping_->tables.emplace(name, std::move(table)).second) {
      values_.error(at, "a table or lookup named '" + name + "' is already defined");
    }
  }

  void readLookups(const YAML::Node& node, std::string& hashed) {
    if (!node.IsMap()) {
      values_.error(node, "'lookups' must be a mapping of lookup names");
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string name = it->first.Scalar();
      MapReader reader(it->second, "lookup '" + name + "'", values_);
      if (!reader.valid()) continue;
      const auto file = reader.string("file", true);
      const auto key = reader.string("key", true);
      const auto value = reader.string("value", true);
      auto table = std::make_unique<CodeTable>();
      table->name = name;
      readOtherwise(reader, *table);
      reader.finish();
      if (!file || !key || !value) continue;
      const std::filesystem::path path = baseDir_ / *file;
      table->origin = "lookup '" + name + "' (" + path.string() + ")";
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        values_.error(it->second, "lookup '" + name + "': cannot read '" + path.string() + "'");
        continue;
      }
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::string bytes = buffer.str();
      if (bytes.size() > kMaxLookupBytes) {
        values_.error(it->second,
                      "lookup '" + name + "': '" + path.string() + "' is larger than 64 MiB");
        continue;
      }
      hashed += bytes;
      std::istringstream csv(bytes);
      auto records = parsers::flat::readCsv(csv, parsers::flat::CsvLayout{}, path.string());
      if (!records) {
        values_.error(it->second, "lookup '" + name + "': " + records.status().message());
        continue;
      }
      for (const json& record : (*records)["records"]) {
        if (!record.contains(*key) || !record.contains(*value)) {
          values_.error(it->second, "lookup '" + name + "': '" + path.string() +
                                        "' has no column '" +
                                        (!record.contains(*key) ? *key : *value) + "'");
          break;
        }
        table->entries[record[*key].get<std::string>()] = record[*value].get<std::string>();
      }
      addTable(it->first, std::move(table));
    }
  }

  // ---- paths -------------------------------------------------------------

  // The path written under `key` of `reader`.
  std::optional<Path> readPathAt(MapReader& reader, std::string_view key, bool valuePath) {
    return readPath(reader.get(key), reader.string(key).value_or(""), valuePath);
  }

  std::optional<Path> readPath(const YAML::Node& node, const std::string& text, bool valuePath) {
    auto path = parsePath(text);
    if (!path) {
      values_.error(node, path.status().message());
      return std::nullopt;
    }
    if (mapping_->source.isEdi()) checkEdiPath(node, *path, valuePath);
    return std::move(*path);
  }

  void checkEdiPath(const YAML::Node& node, const Path& path, bool valuePath) {
    static const std::set<std::string> kEnvelope = {"ISA", "GS", "ST", "UNB", "UNG", "UNH"};
    for (size_t i = 0; i < path.steps.size(); ++i) {
      const PathStep& step = path.steps[i];
      const bool last = i + 1 == path.steps.size();
      if (last && valuePath) {
        if (!step.element) {
          values_.error(node, "path '" + path.text + "': '" + step.name +
                                  "' is not an element reference; write a segment tag and a "
                                  "two-digit position, e.g. BEG03 or NAD02-01");
          return;
        }
        if (haveSchema_ && !schemaNames_.count(step.element->tag) &&
            !kEnvelope.count(step.element->tag)) {
          values_.error(node, "path '" + path.text + "': segment " + step.element->tag +
                                  " is not in " + mapping_->source.describe());
        }
      } else if (haveSchema_ && !schemaNames_.count(step.name)) {
        values_.error(node, "path '" + path.text + "': " + step.name +
                                " is neither a segment nor a loop of " +
                                mapping_->source.describe());
      }
      for (const PathFilter& filter : step.filters) {
        if (filter.subject) checkEdiPath(node, *filter.subject, true);
      }
    }
  }

  // ---- value specs -------------------------------------------------------

  std::optional<Condition> readCondition(const YAML::Node& node, const std::string& what) {
    MapReader reader(node, what + ".when", values_);
    if (!reader.valid()) return std::nullopt;
    Condition condition;
    if (reader.has("lua")) {
      condition.kind = Condition::Kind::kLua;
      condition.lua = compileLua(reader.get("lua"), what + ".when");
      reader.finish();
      return condition;
    }
    const auto pathText = reader.string("path", true);
    if (pathText) {
      if (auto path = readPath(reader.get("path"), *pathText, true))
        condition.path = std::move(*path);
    }
    auto listOrScalar = [&](const YAML::Node& at) {
      std::vector<std::string> out;
      if (at.IsSequence()) {
        for (const auto& item : at) out.push_back(item.Scalar());
      } else {
        out.push_back(at.Scalar());
      }
      return out;
    };
    int tests = 0;
    if (reader.has("equals")) {
      condition.kind = Condition::Kind::kEquals;
      condition.values = listOrScalar(reader.get("equals"));
      ++tests;
    }
    if (reader.has("not")) {
      condition.kind = Condition::Kind::kNotEquals;
      condition.values = listOrScalar(reader.get("not"));
      ++tests;
    }
    if (reader.has("exists")) {
      condition.kind = reader.boolean("exists").value_or(true) ? Condition::Kind::kExists
                                                               : Condition::Kind::kMissing;
      ++tests;
    }
    if (tests != 1)
      values_.error(node, what + ".when needs exactly one of equals, not, exists (or lua)");
    reader.finish();
    return condition;
  }

  LuaChunkId compileLua(const YAML::Node& node, const std::string& what) {
    mapping_->usesLua = true;
    if (!node.IsScalar()) {
      values_.error(node, what + ": 'lua' must be a snippet of Lua text");
      return {};
    }
    auto chunk = mapping_->lua->compile(node.Scalar(), what);
    if (!chunk) {
      values_.error(node, what + ": Lua does not compile: " + chunk.status().message());
      return {};
    }
    return *chunk;
  }

  void readTransforms(const YAML::Node& node, const std::string& what,
                      std::vector<Transform>& out) {
    if (node.IsScalar()) {
      readTransform(node, what, out);
      return;
    }
    if (!node.IsSequence()) {
      values_.error(node, what + ": 'transform' must be a list of steps");
      return;
    }
    for (const auto& item : node) readTransform(item, what, out);
  }

  void readTransform(const YAML::Node& node, const std::string& what, std::vector<Transform>& out) {
    using Kind = Transform::Kind;
    Transform t;
    t.where = markOf(values_, node);
    if (node.IsScalar()) {
      static const std::map<std::string, Kind> kSimple = {
          {"trim", Kind::kTrim},     {"upper", Kind::kUpper},     {"lower", Kind::kLower},
          {"number", Kind::kNumber}, {"integer", Kind::kInteger}, {"text", Kind::kText}};
      auto found = kSimple.find(node.Scalar());
      if (found == kSimple.end()) {
        values_.error(node, what + ": unknown transform '" + node.Scalar() +
                                "'; plain steps are trim, upper, lower, number, integer, text");
        return;
      }
      t.kind = found->second;
      out.push_back(std::move(t));
      return;
    }
    if (!node.IsMap() || node.size() != 1) {
      values_.error(node, what +
                              ": a transform step is a name (trim) or one key with its argument "
                              "({parse_date: CCYYMMDD})");
      return;
    }
    const std::string name = node.begin()->first.Scalar();
    const YAML::Node arg = node.begin()->second;
    const std::string at = what + "." + name;
    auto format = [&](Kind kind, bool (*known)(std::string_view)) {
      t.kind = kind;
      t.text = arg.IsScalar() ? arg.Scalar() : "";
      const bool writing = name.rfind("format_", 0) == 0;
      if (writing && t.text == "auto") {
        values_.error(arg,
                      at + ": 'auto' only reads dates; name the format to write (e.g. CCYYMMDD)");
      } else if (!known(t.text))
        values_.error(arg, at + ": unknown format '" + t.text +
                               "' (see docs/mapping-language.md, Dates and times)");
    };
    auto count = [&](Kind kind, uint64_t max) {
      t.kind = kind;
      t.number = static_cast<int64_t>(values_.unsignedInt(arg, at, 0, max).value_or(0));
    };
    if (name == "parse_date")
      format(Kind::kParseDate, isKnownDateFormat);
    else if (name == "format_date")
      format(Kind::kFormatDate, isKnownDateFormat);
    else if (name == "parse_time")
      format(Kind::kParseTime, isKnownTimeFormat);
    else if (name == "format_time")
      format(Kind::kFormatTime, isKnownTimeFormat);
    else if (name == "parse_datetime")
      format(Kind::kParseDateTime, isKnownDateTimeFormat);
    else if (name == "format_datetime")
      format(Kind::kFormatDateTime, isKnownDateTimeFormat);
    else if (name == "from_implied")
      count(Kind::kFromImplied, 9);
    else if (name == "to_implied")
      count(Kind::kToImplied, 9);
    else if (name == "fixed")
      count(Kind::kFixed, 9);
    else if (name == "gs1_check_digit") {
      t.kind = Kind::kCheckDigit;
      t.text = arg.IsScalar() ? arg.Scalar() : "";
      if (t.text != "append" && t.text != "verify")
        values_.error(arg, at + " must be append or verify");
    } else if (name == "table" || name == "lookup") {
      t.kind = Kind::kTable;
      auto found = mapping_->tables.find(arg.Scalar());
      if (found == mapping_->tables.end()) {
        values_.error(arg, at + ": no table or lookup named '" + arg.Scalar() +
                               "' (define it under 'tables' or 'lookups')");
        return;
      }
      t.table = found->second.get();
    } else if (name == "pad") {
      MapReader reader(arg, at, values_);
      if (!reader.valid()) return;
      t.kind = Kind::kPad;
      t.number = static_cast<int64_t>(reader.unsignedInt("width", 1, 10000, true).value_or(1));
      t.text = reader.string("with").value_or(" ");
      if (t.text.size() != 1) values_.error(reader.get("with"), at + ".with must be one character");
      t.left = reader.oneOf("side", {"left", "right"}).value_or("right") == "left";
      reader.finish();
    } else if (name == "substring") {
      MapReader reader(arg, at, values_);
      if (!reader.valid()) return;
      t.kind = Kind::kSubstring;
      t.number = static_cast<int64_t>(reader.unsignedInt("start", 1, 100000, true).value_or(1));
      t.number2 = static_cast<int64_t>(reader.unsignedInt("length", 1, 100000).value_or(0));
      reader.finish();
    } else if (name == "split") {
      MapReader reader(arg, at, values_);
      if (!reader.valid()) return;
      t.kind = Kind::kSplit;
      t.text = reader.string("by", true).value_or(",");
      if (t.text.empty()) values_.error(reader.get("by"), at + ".by must not be empty");
      t.number = static_cast<int64_t>(reader.unsignedInt("take", 1, 10000, true).value_or(1));
      reader.finish();
    } else if (name == "replace") {
      MapReader reader(arg, at, values_);
      if (!reader.valid()) return;
      t.kind = Kind::kReplace;
      t.text = reader.string("from", true).value_or("");
      t.text2 = reader.string("to", true).value_or("");
      reader.finish();
    } else if (name == "lua") {
      t.kind = Kind::kLua;
      t.lua = compileLua(arg, at);
    } else {
      values_.error(node, what + ": unknown transform '" + name +
                              "'; see docs/mapping-language.md, Transforms");
      return;
    }
    out.push_back(std::move(t));
  }

  // A value: a path (scalar) or a mapping with one source and options.
  ValueSpec readValue(const YAML::Node& node, const std::string& what, bool scalarIsConstant) {
    ValueSpec spec;
    spec.name = what;
    spec.where = markOf(values_, node);
    if (node.IsScalar()) {
      if (scalarIsConstant) {
        spec.kind = ValueSpec::Kind::kConstant;
        spec.constant = json(node.Scalar());
      } else if (auto path = readPath(node, node.Scalar(), true)) {
        spec.path = std::move(*path);
      }
      return spec;
    }
    if (node.IsSequence() && scalarIsConstant) {
      values_.error(node, what + ": a list is not a value here");
      return spec;
    }
    MapReader reader(node, what, values_);
    if (!reader.valid()) return spec;
    int sources = 0;
    if (reader.has("path")) {
      if (auto path = readPathAt(reader, "path", true)) spec.path = std::move(*path);
      spec.kind = ValueSpec::Kind::kPath;
      ++sources;
    }
    if (reader.has("value")) {
      spec.kind = ValueSpec::Kind::kConstant;
      spec.constant = scalarJson(reader.get("value"));
      ++sources;
    }
    if (reader.has("concat")) {
      spec.kind = ValueSpec::Kind::kConcat;
      const YAML::Node parts = reader.get("concat");
      if (!parts.IsSequence()) values_.error(parts, what + ".concat must be a list of values");
      for (size_t i = 0; parts.IsSequence() && i < parts.size(); ++i) {
        spec.parts.push_back(
            readValue(parts[i], what + ".concat[" + std::to_string(i + 1) + "]", false));
      }
      spec.separator = reader.string("separator").value_or("");
      ++sources;
    }
    if (reader.has("lua")) {
      spec.kind = ValueSpec::Kind::kLua;
      spec.lua = compileLua(reader.get("lua"), what);
      ++sources;
    }
    if (reader.has("count")) {
      spec.kind = ValueSpec::Kind::kCount;
      if (auto path = readPathAt(reader, "count", false)) spec.path = std::move(*path);
      ++sources;
    }
    if (reader.has("sum")) {
      spec.kind = ValueSpec::Kind::kSum;
      if (auto path = readPathAt(reader, "sum", true)) spec.path = std::move(*path);
      ++sources;
    }
    if (reader.has("each")) {
      spec.kind = ValueSpec::Kind::kArray;
      if (auto path = readPathAt(reader, "each", false)) spec.path = std::move(*path);
      if (reader.has("fields")) {
        readFields(reader.get("fields"), what + "[]", spec);
      } else if (reader.has("item")) {
        spec.item = std::make_shared<ValueSpec>(readValue(reader.get("item"), what + "[]", false));
      } else {
        values_.error(
            node,
            what + ": 'each' needs 'fields' (a list of objects) or 'item' (a list of values)");
      }
      ++sources;
    } else if (reader.has("fields")) {
      spec.kind = ValueSpec::Kind::kObject;
      if (reader.has("from")) {
        if (auto path = readPathAt(reader, "from", false)) spec.path = std::move(*path);
      }
      readFields(reader.get("fields"), what, spec);
      ++sources;
    }
    if (reader.has("qualified")) {
      spec.kind = ValueSpec::Kind::kQualified;
      MapReader q(reader.get("qualified"), what + ".qualified", values_);
      if (q.valid()) {
        const auto segment = q.string("segment", true).value_or("");
        if (auto path = readPath(q.get("segment"), segment, false)) spec.path = std::move(*path);
        spec.pairsFrom = static_cast<uint32_t>(q.unsignedInt("from", 1, 99, true).value_or(1));
        const YAML::Node codes = q.get("qualifier", true);
        if (codes.IsSequence()) {
          for (const auto& code : codes) spec.qualifiers.push_back(code.Scalar());
        } else if (codes.IsScalar()) {
          spec.qualifiers.push_back(codes.Scalar());
        }
        q.finish();
      }
      ++sources;
    }
    if (reader.has("pairs")) {
      spec.kind = ValueSpec::Kind::kPairs;
      const YAML::Node pairs = reader.get("pairs");
      if (!pairs.IsSequence())
        values_.error(pairs, what + ".pairs must be a list of [qualifier, value]");
      for (size_t i = 0; pairs.IsSequence() && i < pairs.size(); ++i) {
        if (!pairs[i].IsSequence() || pairs[i].size() != 2 || !pairs[i][0].IsScalar()) {
          values_.error(pairs[i],
                        what + ".pairs[" + std::to_string(i + 1) + "] must be [QUALIFIER, value]");
          continue;
        }
        spec.parts.push_back(readValue(pairs[i][0], what + ".pairs", true));
        spec.parts.push_back(readValue(pairs[i][1], what + ".pairs", false));
      }
      ++sources;
    }
    if (reader.has("list")) {
      spec.kind = ValueSpec::Kind::kList;
      const YAML::Node parts = reader.get("list");
      if (!parts.IsSequence()) values_.error(parts, what + ".list must be a list");
      for (size_t i = 0; parts.IsSequence() && i < parts.size(); ++i) {
        spec.parts.push_back(readValue(parts[i], what + "[" + std::to_string(i + 1) + "]", false));
      }
      ++sources;
    }
    if (sources != 1) {
      values_.error(
          node,
          what +
              " needs exactly one of path, value, concat, lua, count, sum, fields, each, list, "
              "qualified, pairs" +
              (sources == 0 ? std::string(" (a nested object is written with 'fields')") : ""));
    }
    if (reader.has("transform")) readTransforms(reader.get("transform"), what, spec.transforms);
    if (reader.has("default")) spec.defaultValue = scalarJson(reader.get("default"));
    spec.required = reader.boolean("required").value_or(false);
    if (reader.has("when")) spec.when = readCondition(reader.get("when"), what);
    reader.finish();
    return spec;
  }

  void readFields(const YAML::Node& node, const std::string& what, ValueSpec& spec) {
    if (!node.IsMap()) {
      values_.error(node, what + ": 'fields' must map each target field to its value");
      return;
    }
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string name = it->first.Scalar();
      if (!seen.insert(name).second) {
        values_.error(it->first, what + ": field '" + name + "' is written twice");
        continue;
      }
      spec.fields.emplace_back(
          name, readValue(it->second, what.empty() ? name : what + "." + name, false));
    }
  }

  void readObjectTemplate(const YAML::Node& node, const std::string& what, ValueSpec& spec) {
    spec.kind = ValueSpec::Kind::kObject;
    spec.name = what;
    spec.where = markOf(values_, node);
    readFields(node, "", spec);
  }

  // ---- segment templates -------------------------------------------------

  void readSegments(const YAML::Node& node, const std::string& what,
                    std::vector<SegmentSpec>& out) {
    if (!node.IsSequence()) {
      values_.error(node, what + " must be a list of segments");
      return;
    }
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string at = what + "[" + std::to_string(i + 1) + "]";
      SegmentSpec spec;
      if (readSegment(node[i], at, spec)) out.push_back(std::move(spec));
    }
  }

  bool readSegment(const YAML::Node& node, const std::string& what, SegmentSpec& spec) {
    spec.where = markOf(values_, node);
    if (!node.IsMap()) {
      values_.error(
          node, what + ": write a segment as {TAG: [elements]}, or a block with 'each' or 'level'");
      return false;
    }
    std::string tag;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (isSegmentTag(it->first.Scalar())) {
        if (!tag.empty()) values_.error(it->first, what + ": one segment per list entry");
        tag = it->first.Scalar();
      }
    }
    MapReader reader(node, what, values_);
    if (!tag.empty()) {
      spec.kind = SegmentSpec::Kind::kSegment;
      spec.tag = tag;
      const YAML::Node elements = reader.get(tag);
      if (!elements.IsSequence()) {
        values_.error(elements, what + ": the elements of " + tag + " are written as a list");
      } else {
        for (size_t e = 0; e < elements.size(); ++e) {
          char position[32];
          std::snprintf(position, sizeof position, "%02zu", e + 1);
          const std::string elementName = tag + position;
          std::vector<ValueSpec> components;
          if (elements[e].IsSequence()) {
            for (size_t c = 0; c < elements[e].size(); ++c) {
              components.push_back(
                  readValue(elements[e][c], elementName + "-" + std::to_string(c + 1), true));
            }
          } else if (elements[e].IsNull()) {
            ValueSpec empty;
            empty.kind = ValueSpec::Kind::kConstant;
            empty.constant = "";
            components.push_back(empty);
          } else {
            components.push_back(readValue(elements[e], elementName, true));
          }
          spec.elements.push_back(std::move(components));
        }
      }
    } else if (reader.has("level")) {
      spec.kind = SegmentSpec::Kind::kLevel;
      spec.levelCode = reader.string("level").value_or("");
      if (reader.has("each")) {
        if (auto path = readPathAt(reader, "each", false)) spec.each = std::move(*path);
      }
      if (reader.has("segments"))
        readSegments(reader.get("segments"), what + ".segments", spec.body);
      if (reader.has("levels")) readSegments(reader.get("levels"), what + ".levels", spec.children);
    } else if (reader.has("each")) {
      spec.kind = SegmentSpec::Kind::kEach;
      if (auto path = readPathAt(reader, "each", false)) spec.each = std::move(*path);
      readSegments(reader.get("segments", true), what + ".segments", spec.body);
    } else {
      values_.error(
          node, what + ": expected a segment {TAG: [elements]}, or a block with 'each' or 'level'");
      return false;
    }
    if (reader.has("when")) spec.when = readCondition(reader.get("when"), what);
    reader.finish();
    return true;
  }

  YamlValues& values_;
  const CompileContext& context_;
  std::filesystem::path baseDir_;
  Mapping* mapping_ = nullptr;
  bool haveSchema_ = false;
  std::set<std::string> schemaNames_;
};

std::shared_ptr<const Mapping> compileNode(const YAML::Node& root, std::string_view bytes,
                                           const std::string& name,
                                           const std::filesystem::path& baseDir,
                                           const CompileContext& context,
                                           config::YamlIssues& issues) {
  const size_t before = issues.size();
  YamlValues values(name, issues);
  Compiler compiler(values, context, baseDir);
  auto mapping = compiler.compile(root, bytes);
  if (mapping == nullptr || issues.size() != before) return nullptr;
  return mapping;
}

}  // namespace

std::string SourceMark::describe() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out;
}

std::string_view documentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kX12:
      return "x12";
    case DocumentKind::kEdifact:
      return "edifact";
    case DocumentKind::kContract:
      return "contract";
    case DocumentKind::kCsv:
      return "csv";
    case DocumentKind::kFixedWidth:
      return "fixed_width";
    case DocumentKind::kXml:
      return "xml";
  }
  return "unknown";
}

std::string DocumentSpec::describe() const {
  switch (kind) {
    case DocumentKind::kX12:
      return "X12 " + version + " " + id;
    case DocumentKind::kEdifact:
      return "EDIFACT " + version + " " + id;
    case DocumentKind::kContract:
      return "contract " + id;
    case DocumentKind::kCsv:
      return "CSV";
    case DocumentKind::kFixedWidth:
      return "fixed-width";
    case DocumentKind::kXml:
      return "XML";
  }
  return "unknown";
}

std::shared_ptr<const Mapping> compileMapping(const std::filesystem::path& file,
                                              const CompileContext& context,
                                              config::YamlIssues& issues) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    issues.add({file.string(), 0, 0, "cannot read the mapping file"});
    return nullptr;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  if (bytes.size() > config::kDefaultMaxYamlBytes) {
    issues.add({file.string(), 0, 0, "the mapping file is larger than 64 MiB"});
    return nullptr;
  }
  auto root = config::loadYamlText(bytes, file.string(), issues);
  if (!root) return nullptr;
  return compileNode(*root, bytes, file.string(), file.parent_path(), context, issues);
}

std::shared_ptr<const Mapping> compileMappingText(std::string_view text, const std::string& name,
                                                  const std::filesystem::path& baseDir,
                                                  const CompileContext& context,
                                                  config::YamlIssues& issues) {
  auto root = config::loadYamlText(text, name, issues);
  if (!root) return nullptr;
  return compileNode(*root, text, name, baseDir, context, issues);
}

}  // namespace bridge::mappings

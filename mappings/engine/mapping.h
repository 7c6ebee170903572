// Mapping: one compiled mapping file (docs/mapping-language.md).
//
// A mapping reads one kind of source document (an X12 set, an EDIFACT
// message, a canonical contract, a CSV / fixed-width / XML layout) and
// builds one kind of target: a JSON document (a canonical contract, or the
// records of a flat file) from an output template, or EDI segments from a
// segment template. The compiler (compiler.h) turns the YAML into these
// structures once; the evaluator (evaluator.h) runs them per document.
//
// Thread-safety: immutable after compilation except the Lua sandbox, which
// the evaluator uses under the mapping's own mutex.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mappings/engine/lua_sandbox.h"
#include "mappings/engine/path.h"
#include "parsers/flat/csv_layout.h"
#include "parsers/flat/fixed_width_layout.h"
#include "parsers/flat/xml_layout.h"

namespace bridge::mappings {

// Where something was written in the mapping file, for messages.
struct SourceMark {
  std::string file;
  uint64_t line = 0;
  uint64_t column = 0;
  std::string describe() const;  // "x12-850-order.yaml:12:5"
};

enum class DocumentKind { kX12, kEdifact, kContract, kCsv, kFixedWidth, kXml };
std::string_view documentKindName(DocumentKind kind);

// A source or target declaration.
struct DocumentSpec {
  DocumentKind kind = DocumentKind::kContract;
  std::string id;       // X12 set ("850"), EDIFACT message ("ORDERS"), contract ("order.v1")
  std::string version;  // "004010", "D96A"; empty for contracts and flat files
  // EDI sources: every version the mapping reads (`version` is the first).
  std::vector<std::string> versions;
  parsers::flat::CsvLayout csv;
  parsers::flat::FixedWidthLayout fixedWidth;
  parsers::flat::XmlLayout xml;
  // Flat sources: how one file splits into documents.
  std::string splitBy;     // CSV/fixed width: a new document when this field changes
  std::string splitStart;  // fixed width: a new document at each record of this type

  bool isEdi() const { return kind == DocumentKind::kX12 || kind == DocumentKind::kEdifact; }
  std::string describe() const;  // "X12 850 004010", "contract order.v1", "CSV"
};

// A code-list translation table or a lookup loaded from a CSV file.
struct CodeTable {
  std::string name;
  std::map<std::string, std::string> entries;
  enum class Otherwise { kError, kKeep, kValue } otherwise = Otherwise::kError;
  std::string otherwiseValue;
  std::string origin;  // "tables.uom" or the lookup's CSV file, for messages
};

struct Transform {
  enum class Kind {
    kTrim,
    kUpper,
    kLower,
    kPad,             // width, fill, left
    kSubstring,       // start (1-based), length
    kSplit,           // separator, take (1-based part)
    kReplace,         // from, to
    kParseDate,       // format -> "YYYY-MM-DD"
    kFormatDate,      // "YYYY-MM-DD" -> format
    kParseTime,       // format -> "HH:MM[:SS]"
    kFormatTime,      // "HH:MM[:SS]" -> format
    kParseDateTime,   // format -> "YYYY-MM-DDTHH:MM[:SS]"
    kFormatDateTime,  // ISO date-time -> format
    kNumber,          // text -> JSON number
    kInteger,         // text or number -> JSON integer
    kText,            // anything scalar -> text
    kFromImplied,     // "12345" with n implied decimals -> 123.45
    kToImplied,       // 123.45 -> "12345"
    kFixed,           // number -> text with exactly n decimals
    kCheckDigit,      // GS1 mod-10 check digit: "append" to, or "verify" an SSCC/GTIN
    kTable,           // code-list translation
    kLua,             // a Lua snippet on `value`
  };
  Kind kind = Kind::kTrim;
  std::string text;     // format, separator, fill, replace-from
  std::string text2;    // replace-to
  int64_t number = 0;   // width, decimals, start, part
  int64_t number2 = 0;  // substring length
  bool left = false;    // pad side
  const CodeTable* table = nullptr;
  LuaChunkId lua{};
  SourceMark where;
};

struct Condition {
  enum class Kind { kEquals, kNotEquals, kExists, kMissing, kLua };
  Kind kind = Kind::kExists;
  Path path;
  std::vector<std::string> values;
  LuaChunkId lua{};
};

// A value in an output template or a segment element.
struct ValueSpec {
  enum class Kind {
    kPath,       // a source value
    kConstant,   // a literal
    kConcat,     // parts joined with a separator
    kLua,        // a Lua snippet's result
    kCount,      // how many nodes a path selects
    kSum,        // the sum of the values a path selects
    kObject,     // fields, optionally within a context (`from`)
    kArray,      // one item per node a path selects (`each`)
    kList,       // items from several specs, in order (arrays built in parts)
    kQualified,  // EDI: the value after a qualifier among element pairs (PO106/PO107 ...)
    kPairs,      // EDI output: qualifier/value element pairs, only those with a value
  };
  Kind kind = Kind::kPath;
  std::string name;  // target field, for messages ("lines[].quantity")
  Path path;         // kPath/kCount/kSum; kObject `from`; kArray `each`
  nlohmann::json constant;
  std::vector<ValueSpec> parts;                           // kConcat / kList
  std::string separator;                                  // kConcat
  std::vector<std::pair<std::string, ValueSpec>> fields;  // kObject, and kArray of objects
  std::shared_ptr<ValueSpec> item;                        // kArray of scalars
  // kQualified: the segment (path.steps) and the first element of the pairs.
  uint32_t pairsFrom = 0;
  std::vector<std::string> qualifiers;  // kQualified: any of these
  // kPairs: parts alternate qualifier (a constant) and value.
  std::vector<Transform> transforms;
  std::optional<nlohmann::json> defaultValue;
  bool required = false;
  std::optional<Condition> when;
  LuaChunkId lua{};
  SourceMark where;
};

// One entry of an EDI segment template.
struct SegmentSpec {
  enum class Kind { kSegment, kEach, kLevel };
  Kind kind = Kind::kSegment;
  std::string tag;                               // kSegment
  std::vector<std::vector<ValueSpec>> elements;  // kSegment: element -> components
  std::optional<Condition> when;                 // every kind
  Path each;                                     // kEach; kLevel with `each`
  std::vector<SegmentSpec> body;                 // kEach / kLevel: segments inside
  std::string levelCode;                         // kLevel: HL03
  std::vector<SegmentSpec> children;             // kLevel: the levels beneath
  SourceMark where;
};

struct Mapping {
  std::string name;
  std::string version;
  std::string description;
  std::string file;  // the mapping file, as given
  std::string hash;  // "sha256:<hex>" of the file's bytes
  DocumentSpec source;
  DocumentSpec target;
  std::map<std::string, std::unique_ptr<CodeTable>> tables;  // tables and lookups by name
  ValueSpec output;                                          // JSON targets
  std::vector<SegmentSpec> segments;                         // EDI targets
  // Lua snippets of this mapping. Calls are serialised by luaMutex.
  std::unique_ptr<LuaSandbox> lua;
  std::unique_ptr<std::mutex> luaMutex = std::make_unique<std::mutex>();
  bool usesLua = false;
};

}  // namespace bridge::mappings

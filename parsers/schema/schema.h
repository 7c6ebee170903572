// The in-memory form of the schema files described in docs/schema-format.md:
// a Dictionary (elements, composites and segments of one version) and a
// TransactionSchema (the structure of one set or message), after any
// implementation-guide overlay has been applied.
//
// Everything is resolved at load time: a segment's positions point straight
// at their element or composite definitions, and loops hold their children,
// so validation never looks anything up by name.
//
// Thread-safety: immutable after loading; share freely between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "parsers/edi/segment.h"

namespace bridge::parsers::schema {

// The data types of X12 and EDIFACT elements.
enum class ElementType {
  kAlphanumeric,  // X12 AN, EDIFACT an
  kIdentifier,    // X12 ID (a coded value)
  kNumeric,       // X12 N0-N9 (implied decimals in ElementDef::decimals), EDIFACT n
  kDecimal,       // X12 R
  kDate,          // X12 DT
  kTime,          // X12 TM
  kBinary,        // X12 B
  kAlphabetic,    // EDIFACT a
};

enum class Usage {
  kMandatory,
  kOptional,
  kNotUsed,  // forbidden by an overlay
};

// Relational conditions (X12 syntax notes, EDIFACT dependency notes).
enum class NoteRule {
  kPaired,           // X12 P, EDIFACT D2: all or none
  kRequired,         // X12 R, EDIFACT D3: at least one
  kExclusion,        // X12 E, EDIFACT D4: at most one
  kConditional,      // X12 C, EDIFACT D5: if the first, then all others
  kListConditional,  // X12 L, EDIFACT D6: if the first, then at least one other
  kOneOnly,          // EDIFACT D1: exactly one
  kIfFirstNone,      // EDIFACT D7: if the first, then none of the others
};

struct Note {
  NoteRule rule = NoteRule::kPaired;
  std::vector<uint32_t> positions;  // 1-based element (or component) positions
  std::string text;                 // as written in the schema: "P0405", "D3(010,020)"
};

// A fast membership test for a code list and its ranges: codes of up to 7
// bytes (nearly all codes) are packed into integers that keep their order
// among codes of one length, so a lookup is a binary search over integers
// rather than string comparisons, and ranges become merged integer
// intervals. `complete` says every code and range was packed; otherwise
// lookups compare strings.
struct CodeIndex {
  std::vector<uint64_t> packed;                       // sorted
  std::vector<std::pair<uint64_t, uint64_t>> ranges;  // sorted, not overlapping
  bool complete = false;
};

// REQUIRES: `codes` is sorted and has no duplicates; each range's ends have
// the same length.
CodeIndex indexCodes(const std::vector<std::string>& codes,
                     const std::vector<std::pair<std::string, std::string>>& ranges = {});
// Whether `value` is one of `codes` (or in a range `index` was built with).
bool containsCode(const std::vector<std::string>& codes, const CodeIndex& index,
                  std::string_view value);

struct ElementDef {
  std::string id;  // reference number: "353", "1004"
  std::string name;
  ElementType type = ElementType::kAlphanumeric;
  uint8_t decimals = 0;  // implied decimals of X12 Nn
  uint32_t minLength = 0;
  uint32_t maxLength = 0;
  std::vector<std::string> codes;                               // sorted; empty: not coded
  CodeIndex codeIndex;                                          // of `codes`
  std::vector<std::pair<std::string, std::string>> codeRanges;  // inclusive, same length

  bool isCoded() const { return !codes.empty() || !codeRanges.empty(); }
};

struct CompositeDef;

// One position of a segment or one component of a composite.
struct ElementRef {
  const ElementDef* element = nullptr;      // set for a simple element
  const CompositeDef* composite = nullptr;  // set for a composite
  Usage usage = Usage::kOptional;
  uint32_t repeat = 1;  // the most repetitions allowed
  // Overlay restrictions of this position only (the shared definition keeps
  // the standard's values). Empty/0 means the definition applies.
  std::vector<std::string> codes;  // sorted
  CodeIndex codeIndex;             // of `codes`
  uint32_t minLength = 0;
  uint32_t maxLength = 0;

  const std::string& id() const;
};

struct CompositeDef {
  std::string id;  // "C001", "S009"
  std::string name;
  std::vector<ElementRef> components;
  std::vector<Note> notes;
};

struct SegmentDef {
  std::string tag;
  std::string name;
  std::vector<ElementRef> elements;
  std::vector<Note> notes;
};

// The elements, composites and segments of one version. Definitions live as
// long as the dictionary; maps keep their addresses stable.
struct Dictionary {
  edi::Standard standard = edi::Standard::kUnknown;
  std::string version;  // "004010", "D96A", "syntax4"
  std::map<std::string, ElementDef> elements;
  std::map<std::string, CompositeDef> composites;
  std::map<std::string, SegmentDef> segments;

  const SegmentDef* findSegment(std::string_view tag) const;
};

// One entry of a transaction structure: a segment or a loop of entries.
struct StructureNode {
  enum class Kind { kSegment, kLoop };
  Kind kind = Kind::kSegment;
  std::string id;  // segment tag, or loop id ("N1", "SG2")
  Usage usage = Usage::kOptional;
  uint64_t maxUse = 1;   // kUnbounded for "unbounded"
  std::string position;  // the standard's position label, for messages ("020")
  // For a segment: its definition, with any overlay restrictions applied to
  // this position only (an overlay may narrow BEG02 in one place).
  std::shared_ptr<const SegmentDef> segment;
  // For a loop: its entries; children[0] is the trigger segment.
  std::vector<StructureNode> children;
  bool hierarchical = false;  // X12 HL loop: check HL01/HL02

  static constexpr uint64_t kUnbounded = UINT64_MAX;
  bool isLoop() const { return kind == Kind::kLoop; }
  const std::string& triggerTag() const { return isLoop() ? children.front().id : id; }
};

struct TransactionSchema {
  edi::Standard standard = edi::Standard::kUnknown;
  std::string version;                // "004010", "D96A"
  std::string id;                     // "850", "ORDERS"
  std::string name;                   // "Purchase Order"
  std::string functionalGroup;        // X12 GS01 ("PO"); empty for EDIFACT
  std::string agency;                 // EDIFACT UNH S009 0051 ("UN")
  std::string release;                // EDIFACT UNH S009 0054 ("96A")
  std::string sourceFile;             // where it was loaded from (for messages)
  std::vector<std::string> overlays;  // names of the overlays applied, in order
  std::shared_ptr<const Dictionary> dictionary;
  // The whole structure as one loop without a trigger of its own: its
  // children are the header, the body entries and the trailer.
  StructureNode root;
};

}  // namespace bridge::parsers::schema

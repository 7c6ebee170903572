// Paths in mapping files: where a value comes from in the source document.
//
// One syntax serves every source. Steps are separated by '.', each step may
// carry filters in brackets:
//
//   BEG03                     element 3 of the BEG segment
//   N1[N101=ST].N102          the N1 loop whose N101 is ST, then its N102
//   DTM[DTM01=002|010].DTM02  a qualifier chosen from a list
//   SLN[2].SLN05-01           the second SLN, component 1 of element 5
//   HL[HL03=O]                hierarchical levels of code O
//   lines[status!=void].sku   JSON: every line whose status is not void
//   /orderNumber              JSON: from the document root, not the loop item
//
// For EDI sources the last step of a value path is an element reference
// (segment tag, two-digit element position, optional "-" and two-digit
// component position); the other steps name loops (by id or trigger tag)
// or segments. For JSON sources every step is an object key.
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"

namespace bridge::mappings {

// "BEG03", "SLN05-01", "NAD02-01".
struct ElementRef {
  std::string tag;
  uint32_t element = 0;    // 1-based
  uint32_t component = 0;  // 1-based; 0 for the first component of a simple element
};

// Parses an element reference; nullopt when `text` is not one.
std::optional<ElementRef> parseElementRef(std::string_view text);

struct Path;

struct PathFilter {
  enum class Op { kEquals, kNotEquals, kExists, kIndex };
  Op op = Op::kExists;
  std::shared_ptr<const Path> subject;  // kEquals/kNotEquals/kExists: relative to the candidate
  std::vector<std::string> values;      // kEquals/kNotEquals: any of these
  size_t index = 0;                     // kIndex: 1-based position among the matches
};

struct PathStep {
  std::string name;
  std::vector<PathFilter> filters;
  std::optional<ElementRef> element;  // set when the step reads as an element reference
};

struct Path {
  bool absolute = false;  // "/a.b": from the document root
  std::vector<PathStep> steps;
  std::string text;  // as written, for messages

  bool empty() const { return steps.empty(); }
  // The element reference of the last step (EDI value paths), or nullptr.
  const ElementRef* finalElement() const {
    return steps.empty() || !steps.back().element ? nullptr : &*steps.back().element;
  }
};

// Parses a path. The error message names the offending character position.
core::Result<Path> parsePath(std::string_view text);

}  // namespace bridge::mappings

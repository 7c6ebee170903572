// Segment: one EDI segment as the readers hand it out, and OwnedSegment, a copy
// that outlives the read.
//
// A segment is a tag followed by elements; an element has one or more
// repetitions; a repetition has one or more components. A simple element is
// one repetition with one component. Positions in this API are 0-based; the
// 1-based positions users see (ISA01, element 3) are built from them in
// Location.
//
// Segment is a view: its string_views point into the reader's buffers and are
// valid only during the callback that received it. Copy it into an
// OwnedSegment (or a TransactionTree) to keep it.
//
// Thread-safety: Segment is not thread-safe; OwnedSegment is a value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/finding.h"

namespace bridge::parsers::edi {

enum class Standard { kUnknown, kX12, kEdifact };

std::string_view standardName(Standard standard);  // "x12", "edifact", "unknown"

// The service characters of an interchange. 0 means "not used" (X12 has no
// release character; X12 before 00402 has no repetition separator).
struct Delimiters {
  char element = 0;
  char component = 0;
  char repetition = 0;
  char segment = 0;
  char release = 0;
  char decimal = 0;  // EDIFACT decimal mark from UNA ('.' or ','); 0 for X12

  bool operator==(const Delimiters&) const = default;
};

// Where each repetition's components live in Segment::values_.
struct RepetitionSpan {
  uint32_t firstValue = 0;
  uint32_t componentCount = 0;
};

// Where each element's repetitions live in Segment::repetitions_.
struct ElementSpan {
  uint32_t firstRepetition = 0;
  uint32_t repetitionCount = 0;
};

// A read-only view of one segment. Built by the readers, which reuse the
// storage for the next segment.
class Segment {
 public:
  std::string_view tag() const { return tag_; }
  size_t elementCount() const { return elements_.size(); }
  size_t repetitionCount(size_t element) const { return elements_[element].repetitionCount; }
  size_t componentCount(size_t element, size_t repetition = 0) const {
    return repetitions_[elements_[element].firstRepetition + repetition].componentCount;
  }
  // REQUIRES: the positions exist (check the counts first, or use element()).
  std::string_view value(size_t element, size_t repetition, size_t component) const {
    const RepetitionSpan& rep = repetitions_[elements_[element].firstRepetition + repetition];
    return values_[rep.firstValue + component];
  }
  // The first component of the first repetition of the element, or "" when the
  // segment has fewer elements. The usual way to read a simple element.
  std::string_view element(size_t element) const {
    return element < elements_.size() ? value(element, 0, 0) : std::string_view();
  }

  uint64_t byteOffset() const { return byteOffset_; }
  uint64_t line() const { return line_; }
  uint64_t index() const { return index_; }  // 1-based position in the input
  uint64_t byteLength() const { return byteLength_; }  // raw bytes, terminator included

  // A Location naming this segment and, optionally, a 1-based element /
  // component position.
  core::Location locate(uint32_t element = 0, uint32_t component = 0) const;

  // Builder interface, used by the readers and by OwnedSegment::view().
  void clear() {
    tag_ = {};
    elements_.clear();
    repetitions_.clear();
    values_.clear();
  }
  void setTag(std::string_view tag) { tag_ = tag; }
  void setPosition(uint64_t byteOffset, uint64_t line, uint64_t index, uint64_t byteLength) {
    byteOffset_ = byteOffset;
    line_ = line;
    index_ = index;
    byteLength_ = byteLength;
  }
  void beginElement() {
    elements_.push_back({static_cast<uint32_t>(repetitions_.size()), 0});
    beginRepetition();
  }
  void beginRepetition() {
    repetitions_.push_back({static_cast<uint32_t>(values_.size()), 0});
    ++elements_.back().repetitionCount;
  }
  void addComponent(std::string_view value) {
    values_.push_back(value);
    ++repetitions_.back().componentCount;
  }

 private:
  std::string_view tag_;
  std::vector<ElementSpan> elements_;
  std::vector<RepetitionSpan> repetitions_;
  std::vector<std::string_view> values_;
  uint64_t byteOffset_ = 0;
  uint64_t line_ = 0;
  uint64_t index_ = 0;
  uint64_t byteLength_ = 0;
};

// An owning copy of a segment. elements[e][r][c] is component c of repetition
// r of element e.
struct OwnedSegment {
  using Repetition = std::vector<std::string>;
  using Element = std::vector<Repetition>;

  std::string tag;
  std::vector<Element> elements;
  uint64_t byteOffset = 0;
  uint64_t line = 0;
  uint64_t index = 0;

  static OwnedSegment from(const Segment& segment);

  // Convenience for building segments in code and tests: every string is a
  // simple element ("N1", {"ST", "ACME"}).
  static OwnedSegment simple(std::string tag, std::vector<std::string> elements);

  // First component of the first repetition, or "" when absent.
  std::string_view element(size_t e) const {
    return e < elements.size() && !elements[e].empty() && !elements[e][0].empty()
               ? std::string_view(elements[e][0][0])
               : std::string_view();
  }

  // Fills `out` with a view of this segment (valid while *this is unchanged).
  void view(Segment& out) const;

  bool operator==(const OwnedSegment& other) const {
    return tag == other.tag && elements == other.elements;
  }
};

}  // namespace bridge::parsers::edi

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

class SegmentTokenizer;

enum class Standard { kUnknown, kX12, kEdifact };

std::string_view standardName(Standard standard);  // "x12", "edifact", "unknown"

// A valid segment tag (2 or 3 upper-case letters or digits) packed into an
// integer, so envelope tags can be compared as integers; 0 for an invalid tag.
constexpr uint32_t tagCode(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 3) return 0;
  uint32_t code = 0;
  for (char c : tag) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return 0;
    code = (code << 8) | static_cast<uint8_t>(c);
  }
  return code;
}

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

// A read-only view of one segment. Built by the readers, which reuse the
// storage for the next segment.
//
// The reader frames segments and hands them out with the tag known and the
// elements not yet split: the first call that needs elements splits them (see
// SegmentTokenizer). Consumers that only route or count segments never pay
// for splitting; the values are the same either way.
//
// Layout (chosen so that building a segment never checks capacity per value):
// values_ holds every component in order; repetitionStart_[r] is the first
// value of repetition r; elementStart_[e] is the first repetition of element
// e. Both index arrays end with a sentinel, so counts are differences.
class Segment {
 public:
  std::string_view tag() const { return tag_; }
  size_t elementCount() const {
    ensureSplit();
    return elementCount_;
  }
  size_t repetitionCount(size_t element) const {
    ensureSplit();
    return elementStart_[element + 1] - elementStart_[element];
  }
  size_t componentCount(size_t element, size_t repetition = 0) const {
    ensureSplit();
    const uint32_t rep = elementStart_[element] + static_cast<uint32_t>(repetition);
    return repetitionStart_[rep + 1] - repetitionStart_[rep];
  }
  // REQUIRES: the positions exist (check the counts first, or use element()).
  std::string_view value(size_t element, size_t repetition, size_t component) const {
    ensureSplit();
    const uint32_t rep = elementStart_[element] + static_cast<uint32_t>(repetition);
    return values_[repetitionStart_[rep] + component];
  }
  // The first component of the first repetition of the element, or "" when the
  // segment has fewer elements. The usual way to read a simple element.
  std::string_view element(size_t element) const {
    ensureSplit();
    return element < elementCount_ ? value(element, 0, 0) : std::string_view();
  }

  uint64_t byteOffset() const { return byteOffset_; }
  uint64_t line() const { return line_; }
  uint64_t index() const { return index_; }            // 1-based position in the input
  uint64_t byteLength() const { return byteLength_; }  // raw bytes, terminator included

  // A Location naming this segment and, optionally, a 1-based element /
  // component position.
  core::Location locate(uint32_t element = 0, uint32_t component = 0) const;

  // Builder interface, used by the tokenizer and by OwnedSegment::view().
  // REQUIRES: reserve(n) before adding up to n values in total; finish()
  // after the last one.
  void reserve(size_t values) {
    if (values_.size() < values + 1) {
      values_.resize(values + 1);
      repetitionStart_.resize(values + 2);
      elementStart_.resize(values + 2);
    }
  }
  void clear() {
    split_ = true;
    tokenizer_ = nullptr;
    tag_ = {};
    elementCount_ = repetitionCount_ = valueCount_ = 0;
    elementStart_[0] = 0;
    repetitionStart_[0] = 0;
  }
  void setTag(std::string_view tag) { tag_ = tag; }
  void setPosition(uint64_t byteOffset, uint64_t line, uint64_t index, uint64_t byteLength) {
    byteOffset_ = byteOffset;
    line_ = line;
    index_ = index;
    byteLength_ = byteLength;
  }
  void beginElement() {
    elementStart_[elementCount_++] = repetitionCount_;
    repetitionStart_[repetitionCount_++] = valueCount_;
  }
  void beginRepetition() { repetitionStart_[repetitionCount_++] = valueCount_; }
  void addComponent(std::string_view value) { values_[valueCount_++] = value; }
  void finish() {
    elementStart_[elementCount_] = repetitionCount_;
    repetitionStart_[repetitionCount_] = valueCount_;
  }

  // Raw access for the tokenizer's hot loop, which keeps the counts in
  // registers and commits them with setCounts().
  struct Storage {
    std::string_view* values;
    uint32_t* repetitionStart;
    uint32_t* elementStart;
  };
  Storage storage(size_t values) {
    reserve(values);
    return {values_.data(), repetitionStart_.data(), elementStart_.data()};
  }
  void setCounts(uint32_t elements, uint32_t repetitions, uint32_t values) {
    elementCount_ = elements;
    repetitionCount_ = repetitions;
    valueCount_ = values;
    finish();
  }

  // Marks the segment as framed but not split: `raw` (terminator excluded)
  // is split by `tokenizer` on first access. REQUIRES: raw and tokenizer
  // outlive every access, and the tokenizer's delimiters stay the same.
  void setUnsplit(std::string_view tag, std::string_view raw, SegmentTokenizer* tokenizer,
                  bool elementsOnly) {
    tag_ = tag;
    raw_ = raw;
    tokenizer_ = tokenizer;
    elementsOnly_ = elementsOnly;
    split_ = false;
  }
  // Forces the next access to split again (after a delimiter change).
  void resplit() {
    if (tokenizer_ != nullptr) split_ = false;
  }

  Segment() { reserve(64); }

 private:
  std::string_view tag_;
  std::vector<std::string_view> values_;
  std::vector<uint32_t> repetitionStart_;
  std::vector<uint32_t> elementStart_;
  uint32_t elementCount_ = 0;
  uint32_t repetitionCount_ = 0;
  uint32_t valueCount_ = 0;
  uint64_t byteOffset_ = 0;
  uint64_t line_ = 0;
  uint64_t index_ = 0;
  uint64_t byteLength_ = 0;

  void ensureSplit() const {
    if (!split_) split();
  }
  void split() const;

  mutable bool split_ = true;
  bool elementsOnly_ = false;
  std::string_view raw_;
  SegmentTokenizer* tokenizer_ = nullptr;
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

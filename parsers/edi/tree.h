// TransactionTree and TreeBuilder: one transaction set (X12 ST..SE) or message
// (EDIFACT UNH..UNT) held in memory for random access, built from the reader's
// events.
//
// A tree owns copies of everything it refers to: the interchange's delimiters
// and header, the group header, the transaction header, its body segments and
// its trailer. TreeBuilder hands each tree to a callback as soon as the
// transaction ends and keeps nothing afterwards, so memory is bounded by the
// largest transaction, not by the input.
//
// Segments outside any transaction (interchange-level segments such as TA1,
// strays reported by the reader) are not part of any tree and are ignored.
//
// Thread-safety: TransactionTree is a value. A TreeBuilder is used from the
// reading thread only; the callback runs on that thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "bridge/core/finding.h"
#include "parsers/edi/events.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::edi {

struct TransactionTree {
  InterchangeInfo interchange;
  OwnedSegment interchangeHeader;           // ISA / UNB (empty when info.hasHeader is false)
  std::optional<OwnedSegment> groupHeader;  // GS / UNG; absent for a transaction outside a group
  OwnedSegment header;                      // ST / UNH
  std::vector<OwnedSegment> segments;       // body, header and trailer excluded
  std::optional<OwnedSegment> trailer;      // SE / UNT; absent when the input lacked it
  // Findings reported while this transaction was open, in arrival order.
  std::vector<core::Finding> findings;

  size_t size() const { return segments.size(); }

  // The body segment at 0-based `index`, or nullptr past the end.
  const OwnedSegment* segmentAt(size_t index) const {
    return index < segments.size() ? &segments[index] : nullptr;
  }

  // The first body segment with `tag` at or after body index `from`, or nullptr.
  const OwnedSegment* find(std::string_view tag, size_t from = 0) const;

  // Every body segment with `tag`, in document order.
  std::vector<const OwnedSegment*> findAll(std::string_view tag) const;

  // The 0-based body index of the first segment with `tag` at or after `from`,
  // or std::nullopt.
  std::optional<size_t> indexOf(std::string_view tag, size_t from = 0) const;

  // True when no error finding was reported inside the transaction.
  bool clean() const;
};

class TreeBuilder : public EventHandler {
 public:
  using Callback = std::function<void(TransactionTree&&)>;

  // REQUIRES: callback is callable; it receives each tree exactly once.
  explicit TreeBuilder(Callback callback);

  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override;
  void onInterchangeEnd(const Segment* trailer) override;
  void onGroupStart(const Segment& header) override;
  void onGroupEnd(const Segment* trailer) override;
  void onTransactionStart(const Segment& header) override;
  void onTransactionEnd(const Segment* trailer) override;
  void onSegment(const Segment& segment) override;
  void onFinding(const core::Finding& finding) override;

  // Number of trees handed to the callback so far.
  uint64_t treesBuilt() const { return treesBuilt_; }

 private:
  Callback callback_;
  InterchangeInfo interchange_;
  OwnedSegment interchangeHeader_;
  std::optional<OwnedSegment> groupHeader_;
  std::optional<TransactionTree> current_;
  uint64_t treesBuilt_ = 0;
};

}  // namespace bridge::parsers::edi

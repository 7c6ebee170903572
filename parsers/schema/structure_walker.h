// StructureWalker: follows one transaction set or message through its
// schema structure, one segment tag at a time, and says where each segment
// belongs or why it belongs nowhere.
//
// State is the path of open loops from the root (a frame per loop: which
// entry is current and how often it has been used), so memory depends on the
// nesting depth of the schema, never on the length of the transaction.
//
// Matching follows the X12 and EDIFACT rule that segments appear in schema
// order: a tag is looked for at the current entry and after it, first in the
// innermost open loop, then in each enclosing loop (which closes the inner
// ones). The trigger of an open loop starts a new iteration of it. A segment
// that matches nowhere leaves the state unchanged, so one stray segment does
// not close every loop and cascade into errors.
//
// Thread-safety: one walker per transaction, used from one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

class StructureWalker {
 public:
  // Something the walk found wrong; the validator turns each into a finding.
  struct Problem {
    enum class Kind {
      kMandatoryMissing,  // `node` (a segment, or a loop by its trigger) was required and skipped
      kSegmentOverMax,    // `node` used more often than its maximum
      kLoopOverMax,       // loop `node` repeated more often than its maximum
      kNotUsedPresent,    // `node` is forbidden by an overlay but appeared
      kOutOfOrder,        // the tag belongs to an earlier position of an open loop
      kUnexpected,        // the tag is in the structure, but not where it could be reached
      kNotInSet,          // the tag is not in this structure at all
    };
    Kind kind;
    const StructureNode* node = nullptr;  // null for kOutOfOrder/kUnexpected/kNotInSet
    std::string loopId;                   // the loop the node belongs to ("" at top level)
    uint64_t count = 0;                   // kSegmentOverMax/kLoopOverMax: the use that exceeded
  };

  // What accepting a segment produced.
  struct Step {
    const StructureNode* node = nullptr;  // the matched segment entry; null when unplaced
    std::string_view loopId;              // innermost loop of the matched segment
    const StructureNode* loop = nullptr;  // that loop's node (null at top level)
  };

  explicit StructureWalker(const TransactionSchema& schema);

  // Places the next segment. Problems found on the way (skipped mandatory
  // entries, maximums exceeded, or why the tag fits nowhere) are appended to
  // `problems`.
  Step accept(std::string_view tag, std::vector<Problem>& problems);

  // Ends the transaction: every mandatory entry not yet seen is reported.
  // `trailerSeen` false skips the trailer entry (its absence is the
  // envelope's finding).
  void finish(bool trailerSeen, std::vector<Problem>& problems);

  // How many loops are open after the last accept (the root is not counted).
  // Consumers that rebuild the loop nesting of a transaction (the mapping
  // engine) compare it before and after each segment.
  size_t openLoops() const { return frames_.size() - 1; }

 private:
  struct Frame {
    const StructureNode* loop;
    size_t position;  // index into loop->children of the current entry
    uint64_t uses;    // segment uses or loop iterations of the current entry
  };
  struct Match {
    size_t depth;  // frame index where the tag fits
    size_t position;
  };

  bool findMatch(std::string_view tag, Match& match) const;
  void reportSkipped(const Frame& frame, size_t from, size_t to,
                     std::vector<Problem>& problems) const;
  Problem::Kind classifyUnplaced(std::string_view tag) const;
  static bool contains(const StructureNode& node, std::string_view tag);
  std::string loopIdOf(size_t depth) const;

  const TransactionSchema& schema_;
  std::vector<Frame> frames_;
};

}  // namespace bridge::parsers::schema

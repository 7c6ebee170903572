// EdiDocument: one transaction set or message arranged as the loops its
// schema defines, so that mapping paths can select "the N1 loop whose N101
// is ST" or "every PO1 loop" with its sub-segments.
//
// The nesting is rebuilt with the same StructureWalker the validator uses:
// a segment that starts a loop opens a new loop instance, other segments
// join the innermost open loop. Without a schema (or for segments the
// schema cannot place) segments stay at the level where they were met,
// which still lets paths reach every segment by tag.
//
// X12 HL loops are flat siblings in the schema; their hierarchy lives in
// HL01/HL02. The document indexes them so a path from one HL level can
// select the levels beneath it (shipment > order > pack > item).
//
// Memory: the transaction (its owned segments) plus one node per segment.
// Thread-safety: immutable once built; share freely.
#pragma once

#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parsers/edi/tree.h"
#include "parsers/schema/schema.h"

namespace bridge::mappings {

struct EdiNode {
  std::string_view id;                                  // loop id ("N1", "SG2"), or the segment tag
  std::string_view trigger;                             // loops: the tag of their first segment
  const parsers::edi::OwnedSegment* segment = nullptr;  // segments only
  std::vector<EdiNode> children;                        // loops: segments and loops in order
  const EdiNode* hlParent = nullptr;                    // HL loops: the level named by HL02

  bool isLoop() const { return segment == nullptr; }
  // The loop's first segment (the segment itself for a segment node).
  const parsers::edi::OwnedSegment* head() const;
};

class EdiDocument {
 public:
  // REQUIRES: schema, when given, is the schema of the tree's transaction.
  EdiDocument(parsers::edi::TransactionTree tree, const parsers::schema::TransactionSchema* schema);
  EdiDocument(const EdiDocument&) = delete;
  EdiDocument& operator=(const EdiDocument&) = delete;

  const parsers::edi::TransactionTree& tree() const { return tree_; }
  const EdiNode& root() const { return root_; }

  // Every HL loop in the transaction, in order.
  const std::vector<const EdiNode*>& hierarchicalLevels() const { return levels_; }
  // True when `level` lies beneath `ancestor` in the HL hierarchy.
  static bool isBeneath(const EdiNode& level, const EdiNode& ancestor);

 private:
  void build(const parsers::schema::TransactionSchema* schema);
  void indexLevels(const EdiNode& node);

  parsers::edi::TransactionTree tree_;
  EdiNode root_;
  std::vector<const EdiNode*> levels_;
};

}  // namespace bridge::mappings

#include "mappings/engine/edi_document.h"

#include <string>

#include "parsers/schema/structure_walker.h"

namespace bridge::mappings {

const parsers::edi::OwnedSegment* EdiNode::head() const {
  if (segment != nullptr) return segment;
  return children.empty() ? nullptr : children.front().head();
}

EdiDocument::EdiDocument(parsers::edi::TransactionTree tree,
                         const parsers::schema::TransactionSchema* schema)
    : tree_(std::move(tree)) {
  root_.id = "";
  build(schema);
  indexLevels(root_);
  std::unordered_map<std::string_view, const EdiNode*> byId;
  for (const EdiNode* level : levels_) {
    const parsers::edi::OwnedSegment* hl = level->head();
    if (hl == nullptr) continue;
    auto parent = byId.find(hl->element(1));
    if (!hl->element(1).empty() && parent != byId.end()) {
      const_cast<EdiNode*>(level)->hlParent = parent->second;
    }
    byId.emplace(hl->element(0), level);
  }
}

void EdiDocument::build(const parsers::schema::TransactionSchema* schema) {
  auto segmentNode = [](const parsers::edi::OwnedSegment& segment) {
    EdiNode node;
    node.id = segment.tag;
    node.segment = &segment;
    return node;
  };
  if (schema == nullptr) {
    for (const auto& segment : tree_.segments) root_.children.push_back(segmentNode(segment));
    return;
  }
  parsers::schema::StructureWalker walker(*schema);
  std::vector<parsers::schema::StructureWalker::Problem> problems;
  // The walker expects the header first; it is not part of the body.
  (void)walker.accept(tree_.header.tag, problems);
  // open[d] is the node holding depth d: open[0] is the root.
  std::vector<EdiNode*> open{&root_};
  for (const auto& segment : tree_.segments) {
    const auto step = walker.accept(segment.tag, problems);
    const size_t depth = walker.openLoops();
    if (step.node == nullptr) {
      open.back()->children.push_back(segmentNode(segment));
      continue;
    }
    const bool startsLoop = step.loop != nullptr && step.node == &step.loop->children.front();
    if (startsLoop && depth >= 1) {
      if (open.size() > depth) open.resize(depth);
      EdiNode loop;
      loop.id = step.loop->id;
      loop.trigger = step.loop->children.front().id;
      loop.children.push_back(segmentNode(segment));
      open.back()->children.push_back(std::move(loop));
      open.push_back(&open.back()->children.back());
    } else {
      if (open.size() > depth + 1) open.resize(depth + 1);
      open.back()->children.push_back(segmentNode(segment));
    }
  }
}

void EdiDocument::indexLevels(const EdiNode& node) {
  for (const EdiNode& child : node.children) {
    if (!child.isLoop()) continue;
    if (child.trigger == "HL") levels_.push_back(&child);
    indexLevels(child);
  }
}

bool EdiDocument::isBeneath(const EdiNode& level, const EdiNode& ancestor) {
  // Bounded by the number of levels: HL02 always names an earlier HL01, so
  // the chain cannot cycle.
  for (const EdiNode* up = level.hlParent; up != nullptr; up = up->hlParent) {
    if (up == &ancestor) return true;
  }
  return false;
}

}  // namespace bridge::mappings

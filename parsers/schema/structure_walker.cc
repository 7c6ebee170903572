#include "parsers/schema/structure_walker.h"

namespace bridge::parsers::schema {

StructureWalker::StructureWalker(const TransactionSchema& schema) : schema_(schema) {
  frames_.push_back({&schema_.root, 0, 0});
}

bool StructureWalker::findMatch(std::string_view tag, Match& match) const {
  for (size_t depth = frames_.size(); depth-- > 0;) {
    const Frame& frame = frames_[depth];
    const auto& children = frame.loop->children;
    // Inside a loop, its trigger starts a new iteration, which the enclosing
    // frame handles; so the search here starts after the trigger.
    size_t from = frame.position;
    if (depth > 0 && from == 0) from = 1;
    for (size_t i = from; i < children.size(); ++i) {
      if (children[i].triggerTag() == tag) {
        match = {depth, i};
        return true;
      }
    }
  }
  return false;
}

void StructureWalker::reportSkipped(const Frame& frame, size_t from, size_t to,
                                    std::vector<Problem>& problems) const {
  const auto& children = frame.loop->children;
  for (size_t i = from; i < to && i < children.size(); ++i) {
    if (i == frame.position && frame.uses > 0) continue;
    if (children[i].usage != Usage::kMandatory) continue;
    Problem problem{Problem::Kind::kMandatoryMissing, &children[i],
                    frame.loop == &schema_.root ? std::string() : frame.loop->id, 0};
    problems.push_back(std::move(problem));
  }
}

StructureWalker::Step StructureWalker::accept(std::string_view tag,
                                              std::vector<Problem>& problems) {
  Match match{};
  if (!findMatch(tag, match)) {
    problems.push_back({classifyUnplaced(tag), nullptr, loopIdOf(frames_.size() - 1), 0});
    return {};
  }
  // Close the loops the match lies outside of, reporting what they lacked.
  while (frames_.size() > match.depth + 1) {
    const Frame& inner = frames_.back();
    reportSkipped(inner, inner.position, inner.loop->children.size(), problems);
    frames_.pop_back();
  }
  Frame& frame = frames_.back();
  const StructureNode& node = frame.loop->children[match.position];
  const std::string loopId = loopIdOf(match.depth);
  if (match.position == frame.position && frame.uses > 0) {
    ++frame.uses;
  } else {
    reportSkipped(frame, frame.position, match.position, problems);
    frame.position = match.position;
    frame.uses = 1;
  }
  if (node.usage == Usage::kNotUsed) {
    problems.push_back({Problem::Kind::kNotUsedPresent, &node, loopId, frame.uses});
  } else if (frame.uses > node.maxUse) {
    problems.push_back(
        {node.isLoop() ? Problem::Kind::kLoopOverMax : Problem::Kind::kSegmentOverMax, &node,
         loopId, frame.uses});
  }
  if (!node.isLoop()) {
    return {&node, frame.loop == &schema_.root ? std::string_view() : frame.loop->id,
            frame.loop == &schema_.root ? nullptr : frame.loop};
  }
  frames_.push_back({&node, 0, 1});
  const StructureNode& trigger = node.children.front();
  return {&trigger, node.id, &node};
}

void StructureWalker::finish(bool trailerSeen, std::vector<Problem>& problems) {
  while (frames_.size() > 1) {
    const Frame& inner = frames_.back();
    reportSkipped(inner, inner.position, inner.loop->children.size(), problems);
    frames_.pop_back();
  }
  const Frame& root = frames_.back();
  size_t end = root.loop->children.size();
  // The trailer is the last entry; when it is missing the envelope check
  // reports that, and the schema check must not report it a second time.
  if (!trailerSeen && end > 0) --end;
  reportSkipped(root, root.position, end, problems);
  frames_.resize(1);
  frames_.back() = {&schema_.root, root.loop->children.size(), 1};
}

bool StructureWalker::contains(const StructureNode& node, std::string_view tag) {
  if (!node.isLoop()) return node.id == tag;
  for (const StructureNode& child : node.children) {
    if (contains(child, tag)) return true;
  }
  return false;
}

StructureWalker::Problem::Kind StructureWalker::classifyUnplaced(std::string_view tag) const {
  if (!contains(schema_.root, tag)) return Problem::Kind::kNotInSet;
  // Earlier in a loop that is open now: the segment came too late.
  for (const Frame& frame : frames_) {
    const auto& children = frame.loop->children;
    for (size_t i = 0; i < frame.position && i < children.size(); ++i) {
      if (contains(children[i], tag)) return Problem::Kind::kOutOfOrder;
    }
  }
  return Problem::Kind::kUnexpected;
}

std::string StructureWalker::loopIdOf(size_t depth) const {
  return depth == 0 ? std::string() : frames_[depth].loop->id;
}

}  // namespace bridge::parsers::schema

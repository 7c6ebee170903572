#include "parsers/edi/tree.h"

#include <utility>

namespace bridge::parsers::edi {

std::optional<size_t> TransactionTree::indexOf(std::string_view tag, size_t from) const {
  for (size_t i = from; i < segments.size(); ++i) {
    if (segments[i].tag == tag) return i;
  }
  return std::nullopt;
}

const OwnedSegment* TransactionTree::find(std::string_view tag, size_t from) const {
  std::optional<size_t> index = indexOf(tag, from);
  return index ? &segments[*index] : nullptr;
}

std::vector<const OwnedSegment*> TransactionTree::findAll(std::string_view tag) const {
  std::vector<const OwnedSegment*> out;
  for (const OwnedSegment& segment : segments) {
    if (segment.tag == tag) out.push_back(&segment);
  }
  return out;
}

bool TransactionTree::clean() const {
  for (const core::Finding& finding : findings) {
    if (finding.isError()) return false;
  }
  return true;
}

TreeBuilder::TreeBuilder(Callback callback) : callback_(std::move(callback)) {}

void TreeBuilder::onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
  interchange_ = info;
  interchangeHeader_ = OwnedSegment::from(header);
  groupHeader_.reset();
  current_.reset();
}

void TreeBuilder::onInterchangeEnd(const Segment* trailer) {
  (void)trailer;
  groupHeader_.reset();
}

void TreeBuilder::onGroupStart(const Segment& header) { groupHeader_ = OwnedSegment::from(header); }

void TreeBuilder::onGroupEnd(const Segment* trailer) {
  (void)trailer;
  groupHeader_.reset();
}

void TreeBuilder::onTransactionStart(const Segment& header) {
  current_.emplace();
  current_->interchange = interchange_;
  current_->interchangeHeader = interchangeHeader_;
  current_->groupHeader = groupHeader_;
  current_->header = OwnedSegment::from(header);
}

void TreeBuilder::onTransactionEnd(const Segment* trailer) {
  if (!current_) return;
  if (trailer != nullptr) current_->trailer = OwnedSegment::from(*trailer);
  TransactionTree tree = std::move(*current_);
  current_.reset();
  ++treesBuilt_;
  callback_(std::move(tree));
}

void TreeBuilder::onSegment(const Segment& segment) {
  if (current_) current_->segments.push_back(OwnedSegment::from(segment));
}

void TreeBuilder::onFinding(const core::Finding& finding) {
  if (current_) current_->findings.push_back(finding);
}

}  // namespace bridge::parsers::edi

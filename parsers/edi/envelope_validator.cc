#include "parsers/edi/envelope_validator.h"

namespace bridge::parsers::edi {

EnvelopeValidator::EnvelopeValidator(EventHandler& next, size_t duplicateCheckBytes)
    : ForwardingHandler(next),
      x12_(next, duplicateCheckBytes),
      edifact_(next, duplicateCheckBytes),
      current_(&next) {}

void EnvelopeValidator::onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
  switch (info.standard) {
    case Standard::kX12:
      current_ = &x12_;
      break;
    case Standard::kEdifact:
      current_ = &edifact_;
      break;
    case Standard::kUnknown:
      current_ = &next();
      break;
  }
  current().onInterchangeStart(info, header);
}

void EnvelopeValidator::onInterchangeEnd(const Segment* trailer) {
  current().onInterchangeEnd(trailer);
  current_ = &next();
}

void EnvelopeValidator::onGroupStart(const Segment& header) { current().onGroupStart(header); }

void EnvelopeValidator::onGroupEnd(const Segment* trailer) { current().onGroupEnd(trailer); }

void EnvelopeValidator::onTransactionStart(const Segment& header) {
  current().onTransactionStart(header);
}

void EnvelopeValidator::onTransactionEnd(const Segment* trailer) {
  current().onTransactionEnd(trailer);
}

// Body segments are nearly every event: count them in the active validator
// and pass them on directly, one virtual call instead of two.
void EnvelopeValidator::onSegment(const Segment& segment) {
  if (current_ == &x12_) {
    x12_.countBodySegment();
  } else if (current_ == &edifact_) {
    edifact_.countBodySegment();
  }
  next().onSegment(segment);
}

void EnvelopeValidator::onFinding(const core::Finding& finding) {
  switch (finding.severity) {
    case core::Severity::kError:
      ++upstream_.errors;
      break;
    case core::Severity::kWarning:
      ++upstream_.warnings;
      break;
    case core::Severity::kInfo:
      ++upstream_.infos;
      break;
  }
  next().onFinding(finding);
}

}  // namespace bridge::parsers::edi

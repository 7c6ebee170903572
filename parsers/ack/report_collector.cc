#include "parsers/ack/report_collector.h"

#include <string>
#include <utility>

#include "parsers/ack/ack_codes.h"

namespace bridge::parsers::ack {
namespace {

// UNB data element positions (0-based).
constexpr size_t kUnbS001 = 0;
constexpr size_t kUnb0020 = 4;
constexpr size_t kUnb0031 = 8;
// ISA positions (0-based).
constexpr size_t kIsa12 = 11;
constexpr size_t kIsa13 = 12;
constexpr size_t kIsa14 = 13;

std::string component(const edi::Segment& segment, size_t element, size_t component) {
  if (element >= segment.elementCount() || segment.repetitionCount(element) == 0 ||
      component >= segment.componentCount(element, 0)) {
    return {};
  }
  return std::string(segment.value(element, 0, component));
}

}  // namespace

void ReportCollector::add(FindingList& list, const core::Finding& finding) {
  if (list.kept.size() < options_.maxFindingsPerRecord) {
    list.kept.push_back(finding);
    return;
  }
  ++list.dropped;
  if (finding.severity == core::Severity::kError) ++list.droppedErrors;
  if (finding.severity == core::Severity::kWarning) ++list.droppedWarnings;
}

void ReportCollector::flushPending() {
  for (const core::Finding& finding : pending_.kept) add(report_.unattached, finding);
  pending_ = {};
}

const InputReport& ReportCollector::report() {
  if (!inInterchange_) flushPending();
  return report_;
}

InputReport ReportCollector::take() {
  flushPending();
  return std::move(report_);
}

void ReportCollector::onInterchangeStart(const edi::InterchangeInfo& info,
                                         const edi::Segment& header) {
  InterchangeReport& ic = report_.interchanges.emplace_back();
  ic.standard = info.standard;
  ic.delimiters = info.delimiters;
  ic.serviceStringAdvice = info.serviceStringAdvice;
  ic.hasHeader = info.hasHeader;
  if (info.hasHeader) {
    ic.header = edi::OwnedSegment::from(header);
    if (info.standard == edi::Standard::kX12) {
      ic.syntaxVersion = std::string(header.element(kIsa12));
      ic.controlNumber = std::string(header.element(kIsa13));
      ic.ackRequested = header.element(kIsa14) == "1";
    } else {
      ic.syntaxVersion = component(header, kUnbS001, 1);
      ic.controlNumber = std::string(header.element(kUnb0020));
      ic.ackRequested = header.element(kUnb0031) == "1";
    }
  }
  for (const core::Finding& finding : pending_.kept) add(ic.findings, finding);
  pending_ = {};
  inInterchange_ = true;
  inGroup_ = inTransaction_ = false;
}

void ReportCollector::onInterchangeEnd(const edi::Segment* trailer) {
  if (inInterchange_) report_.interchanges.back().trailerPresent = trailer != nullptr;
  inInterchange_ = inGroup_ = inTransaction_ = false;
}

void ReportCollector::onGroupStart(const edi::Segment& header) {
  if (!inInterchange_) return;  // the reader always opens an interchange first
  GroupReport& group = report_.interchanges.back().groups.emplace_back();
  group.header = edi::OwnedSegment::from(header);
  inGroup_ = true;
  inTransaction_ = false;
}

void ReportCollector::onGroupEnd(const edi::Segment* trailer) {
  if (inGroup_) {
    GroupReport& group = report_.interchanges.back().groups.back();
    group.trailerPresent = trailer != nullptr;
    if (trailer != nullptr) group.declaredCount = std::string(trailer->element(0));
  }
  inGroup_ = inTransaction_ = false;
}

// Transaction sets outside a group share one implicit group per run of them,
// so that the report keeps their order relative to real groups.
GroupReport& ReportCollector::implicitGroup() {
  std::vector<GroupReport>& groups = report_.interchanges.back().groups;
  if (groups.empty() || groups.back().hasHeader) {
    GroupReport& group = groups.emplace_back();
    group.hasHeader = false;
  }
  return groups.back();
}

void ReportCollector::onTransactionStart(const edi::Segment& header) {
  if (!inInterchange_) return;
  GroupReport& group = inGroup_ ? report_.interchanges.back().groups.back() : implicitGroup();
  TransactionReport& tx = group.transactions.emplace_back();
  tx.header = edi::OwnedSegment::from(header);
  tx.segmentCount = 1;
  inTransaction_ = true;
}

void ReportCollector::onTransactionEnd(const edi::Segment* trailer) {
  if (inTransaction_) {
    TransactionReport& tx = report_.interchanges.back().groups.back().transactions.back();
    tx.trailerPresent = trailer != nullptr;
    if (trailer != nullptr) ++tx.segmentCount;
  }
  inTransaction_ = false;
}

void ReportCollector::onSegment(const edi::Segment& segment) {
  if (!inInterchange_) return;
  InterchangeReport& ic = report_.interchanges.back();
  if (inTransaction_) {
    ++ic.groups.back().transactions.back().segmentCount;
  } else if (!inGroup_) {
    ++(segment.tag() == "TA1" ? ic.ta1Count : ic.otherInterchangeSegments);
  }
}

void ReportCollector::onFinding(const core::Finding& finding) {
  const AckCodeEntry* entry = findAckCodes(finding.code);
  if (!inInterchange_) {
    if (entry != nullptr && entry->level == AckLevel::kInterchange) {
      add(pending_, finding);
    } else {
      add(report_.unattached, finding);
    }
    return;
  }
  InterchangeReport& ic = report_.interchanges.back();
  // The innermost open envelope, unless the table names an outer level.
  const AckLevel outermost = entry != nullptr ? entry->level : AckLevel::kElement;
  if (inTransaction_ && outermost >= AckLevel::kTransaction) {
    add(ic.groups.back().transactions.back().findings, finding);
  } else if ((inGroup_ || inTransaction_) && outermost >= AckLevel::kGroup) {
    add(ic.groups.back().findings, finding);
  } else {
    add(ic.findings, finding);
  }
}

}  // namespace bridge::parsers::ack

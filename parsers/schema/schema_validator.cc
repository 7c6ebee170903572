#include "parsers/schema/schema_validator.h"

#include "parsers/edi/value_rules.h"
#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::schema {
namespace {

std::string trimRight(std::string_view value) {
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return std::string(value);
}

std::string describeSegment(const StructureNode& node, const Dictionary& dictionary) {
  const SegmentDef* def = dictionary.findSegment(node.triggerTag());
  std::string out = node.triggerTag();
  if (def != nullptr && !def->name.empty()) out += " (" + def->name + ")";
  return out;
}

std::string describeMax(uint64_t max) {
  return max == StructureNode::kUnbounded ? "no limit" : std::to_string(max);
}

}  // namespace

SchemaValidator::SchemaValidator(edi::EventHandler& next, SchemaSource& schemas, Options options)
    : edi::ForwardingHandler(next), options_(options), schemas_(schemas), findings_(next) {}

void SchemaValidator::onInterchangeStart(const edi::InterchangeInfo& info,
                                         const edi::Segment& header) {
  next().onInterchangeStart(info, header);
  standard_ = info.standard;
  isa12_.clear();
  senderQualifier_.clear();
  senderId_.clear();
  gs08_.clear();
  if (!info.hasHeader) return;
  if (standard_ == edi::Standard::kX12) {
    senderQualifier_ = trimRight(header.element(4));
    senderId_ = trimRight(header.element(5));
    isa12_ = std::string(header.element(11));
  } else if (standard_ == edi::Standard::kEdifact) {
    senderId_ = std::string(edi::componentOf(header, 1, 0));
    senderQualifier_ = std::string(edi::componentOf(header, 1, 1));
  }
}

void SchemaValidator::onGroupStart(const edi::Segment& header) {
  next().onGroupStart(header);
  if (standard_ == edi::Standard::kX12) gs08_ = std::string(header.element(7));
}

void SchemaValidator::onGroupEnd(const edi::Segment* trailer) {
  gs08_.clear();
  next().onGroupEnd(trailer);
}

void SchemaValidator::onTransactionStart(const edi::Segment& header) {
  next().onTransactionStart(header);
  transaction_.emplace(Transaction{});
  transaction_->segments = 1;
  SchemaRequest request;
  request.key.standard = standard_;
  request.senderQualifier = senderQualifier_;
  request.senderId = senderId_;
  if (standard_ == edi::Standard::kX12) {
    request.key.id = std::string(header.element(0));
    request.key.version = x12SchemaVersion(gs08_, isa12_);
  } else if (standard_ == edi::Standard::kEdifact) {
    request.key.id = std::string(edi::componentOf(header, 1, 0));
    request.key.version =
        edifactSchemaVersion(edi::componentOf(header, 1, 1), edi::componentOf(header, 1, 2));
  } else {
    return;
  }
  SchemaResult found = schemas_.find(request);
  if (!found.isOk()) {
    ++unchecked_;
    const bool missing = found.status().code() == core::StatusCode::kNotFound;
    report(missing ? core::Severity::kWarning : core::Severity::kError,
           missing ? codes::kNoSchema : codes::kSchemaUnusable,
           found.status().message() + "; the segments and elements of " + request.key.describe() +
               " were not checked" + (missing ? "" : ": fix the schema files"),
           header.locate());
    return;
  }
  transaction_->schema = found.value();
  ++checked_;
  transaction_->walker.emplace(*transaction_->schema);
  transaction_->checker.emplace(standard_);
  place(header, false);
}

void SchemaValidator::onSegment(const edi::Segment& segment) {
  next().onSegment(segment);
  if (!transaction_) return;
  ++transaction_->segments;
  if (transaction_->walker) place(segment, true);
}

void SchemaValidator::onTransactionEnd(const edi::Segment* trailer) {
  if (transaction_ && transaction_->walker) {
    if (trailer != nullptr) {
      ++transaction_->segments;
      place(*trailer, false);
    }
    problems_.clear();
    transaction_->walker->finish(trailer != nullptr, problems_);
    // Problems found at the end are about what never came: place them at
    // the trailer, or after the last segment when the trailer is missing.
    for (const auto& problem : problems_) {
      core::Location location;
      if (trailer != nullptr) location = trailer->locate();
      location.transactionSegment = transaction_->segments;
      location.segmentTag = problem.node != nullptr ? problem.node->triggerTag() : "";
      location.loopId =
          problem.node != nullptr && problem.node->isLoop() ? problem.node->id : problem.loopId;
      report(core::Severity::kError, codes::kMandatorySegmentMissing,
             "segment " + describeSegment(*problem.node, *transaction_->schema->dictionary) +
                 (problem.node->isLoop() ? " (which starts loop " + problem.node->id + ")" : "") +
                 (problem.loopId.empty() ? "" : " in loop " + problem.loopId) +
                 " is mandatory but missing before the end of " + transaction_->schema->id +
                 "; add it",
             location);
    }
  }
  transaction_.reset();
  next().onTransactionEnd(trailer);
}

void SchemaValidator::place(const edi::Segment& segment, bool checkElements) {
  Transaction& t = *transaction_;
  problems_.clear();
  const StructureWalker::Step step = t.walker->accept(segment.tag(), problems_);
  for (const auto& problem : problems_) reportStructure(problem, segment);
  if (step.node == nullptr || !checkElements || step.node->usage == Usage::kNotUsed) return;
  t.segment = &segment;
  t.loopId = step.loopId;
  if (step.loop != nullptr && step.loop->hierarchical &&
      step.node == &step.loop->children.front()) {
    checkHierarchy(segment);
  }
  t.checker->check(segment, *step.node->segment, *this);
  t.segment = nullptr;
}

void SchemaValidator::checkHierarchy(const edi::Segment& segment) {
  Transaction& t = *transaction_;
  core::Location location = segment.locate(1);
  location.transactionSegment = t.segments;
  location.loopId = std::string(t.loopId);
  location.elementReference = "628";
  const std::string_view id = segment.element(0);
  const auto number = edi::parseCount(id);
  if (!number || *number != t.lastHierarchicalId + 1) {
    report(core::Severity::kError, codes::kHierarchyInvalid,
           "HL01 is " + std::string(id) + "; hierarchical ids must count up from 1 in order (" +
               std::to_string(t.lastHierarchicalId + 1) + " expected here)",
           location, std::string(id));
  }
  if (number) t.lastHierarchicalId = *number;
  const std::string_view parent = segment.element(1);
  if (parent.empty()) return;
  const auto parentNumber = edi::parseCount(parent);
  if (!parentNumber || *parentNumber == 0 || !number || *parentNumber >= *number) {
    location = segment.locate(2);
    location.transactionSegment = t.segments;
    location.loopId = std::string(t.loopId);
    location.elementReference = "734";
    report(core::Severity::kError, codes::kHierarchyInvalid,
           "HL02 is " + std::string(parent) + ", which is not the HL01 of an earlier level; a " +
               "parent must come before its children",
           location, std::string(parent));
  }
}

void SchemaValidator::reportStructure(const StructureWalker::Problem& problem,
                                      const edi::Segment& segment) {
  using Kind = StructureWalker::Problem::Kind;
  const Transaction& t = *transaction_;
  const TransactionSchema& schema = *t.schema;
  core::Location location = segment.locate();
  location.transactionSegment = t.segments;
  location.loopId =
      problem.node != nullptr && problem.node->isLoop() ? problem.node->id : problem.loopId;
  const std::string here = std::string(segment.tag());
  const std::string inLoop = problem.loopId.empty() ? "" : " in loop " + problem.loopId;
  switch (problem.kind) {
    case Kind::kMandatoryMissing:
      location.segmentTag = problem.node->triggerTag();
      report(core::Severity::kError, codes::kMandatorySegmentMissing,
             "segment " + describeSegment(*problem.node, *schema.dictionary) +
                 (problem.node->isLoop() ? " (which starts loop " + problem.node->id + ")" : "") +
                 inLoop + " is mandatory but missing before " + here + "; add it",
             location);
      return;
    case Kind::kSegmentOverMax:
      report(core::Severity::kError, codes::kSegmentOverMax,
             "segment " + here + inLoop + " appears " + std::to_string(problem.count) +
                 " times in a row; at most " + describeMax(problem.node->maxUse) + " allowed",
             location);
      return;
    case Kind::kLoopOverMax:
      report(core::Severity::kError, codes::kLoopOverMax,
             "loop " + problem.node->id + " repeats " + std::to_string(problem.count) +
                 " times; at most " + describeMax(problem.node->maxUse) + " allowed",
             location);
      return;
    case Kind::kNotUsedPresent:
      report(core::Severity::kError, codes::kNotUsedSegment,
             (problem.node->isLoop() ? "loop " + problem.node->id : "segment " + here) + inLoop +
                 " is marked not used by the implementation guide; remove it",
             location);
      return;
    case Kind::kOutOfOrder:
      report(core::Severity::kError, codes::kSegmentOutOfOrder,
             "segment " + here + " is out of order: in " + schema.id +
                 " it comes earlier than where it appears; move it up",
             location);
      return;
    case Kind::kUnexpected:
      report(core::Severity::kError, codes::kUnexpectedSegment,
             "segment " + here + " belongs to " + schema.id +
                 " but not here: it sits in a loop that is not open at this point (check the "
                 "loop's first segment)",
             location);
      return;
    case Kind::kNotInSet:
      if (schema.dictionary->findSegment(here) == nullptr) {
        report(core::Severity::kError, codes::kUnrecognizedSegment,
               "segment " + here + " is not a segment of " +
                   std::string(edi::standardName(schema.standard)) + " " + schema.version +
                   "; check the tag or the version",
               location);
      } else {
        report(core::Severity::kError, codes::kSegmentNotInSet,
               "segment " + here + " is not part of " + schema.id + " (" + schema.version +
                   "); remove it or check the transaction set",
               location);
      }
      return;
  }
}

void SchemaValidator::onElementProblem(const ElementProblem& problem) {
  const Transaction& t = *transaction_;
  core::Location location = t.segment->locate(problem.element, problem.component);
  location.transactionSegment = t.segments;
  location.loopId = std::string(t.loopId);
  location.repetition = problem.repetition;
  location.elementReference = std::string(problem.reference);
  report(core::Severity::kError, problem.code, problem.message, std::move(location),
         std::string(problem.value));
}

void SchemaValidator::report(core::Severity severity, const char* code, std::string message,
                             core::Location location, std::string value) {
  if (transaction_) {
    Transaction& t = *transaction_;
    if (t.findings >= options_.maxFindingsPerTransaction) {
      if (!t.limitReported) {
        t.limitReported = true;
        findings_.report(core::Severity::kInfo, codes::kFindingLimit,
                         "more than " + std::to_string(options_.maxFindingsPerTransaction) +
                             " schema findings in this transaction; the rest are not listed",
                         location);
      }
      return;
    }
    ++t.findings;
  }
  core::Finding finding;
  finding.severity = severity;
  finding.code = code;
  finding.message = std::move(message);
  finding.location = std::move(location);
  finding.value = std::move(value);
  findings_.report(finding);
}

}  // namespace bridge::parsers::schema

// SchemaValidator: checks every transaction set (X12) and message (EDIFACT)
// of an event stream against its schema, after the envelope checks:
//
//   Reader -> edi::EnvelopeValidator -> SchemaValidator -> consumer
//
// For each transaction it asks a SchemaSource for the schema of its set id
// and version (and sender, so that a partner's implementation guide can
// apply), walks the structure with a StructureWalker and checks each
// segment's elements with an ElementChecker. Findings use the codes of
// parsers/schema/finding_codes.h and carry what acknowledgements need:
// the segment's position in the transaction, its loop, the element position,
// reference number and a copy of the bad value.
//
// Ordering: like the envelope validators, a finding is delivered while its
// transaction is open downstream: a segment's findings follow the forwarded
// segment; findings found at the trailer precede the forwarded end event.
// Envelope headers and trailers are placed in the structure but their
// elements are left to the envelope checks, so nothing is reported twice.
//
// Memory: the walker's loop path and a few envelope values; nothing grows
// with the length of the input.
//
// Thread-safety: one validator per input, used from the reading thread.
// REQUIRES: `next` and `schemas` outlive the validator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "parsers/edi/events.h"
#include "parsers/edi/finding_reporter.h"
#include "parsers/schema/element_checker.h"
#include "parsers/schema/registry.h"
#include "parsers/schema/schema.h"
#include "parsers/schema/structure_walker.h"

namespace bridge::parsers::schema {

// What identifies the schema a transaction needs.
struct SchemaRequest {
  SchemaKey key;
  std::string senderQualifier;  // ISA05 / UNB S002 0007 (trailing spaces removed)
  std::string senderId;         // ISA06 / UNB S002 0004
};

class SchemaSource {
 public:
  virtual ~SchemaSource() = default;
  // The schema for `request`; kNotFound when there is none (saying what was
  // looked for and where), another error when it exists but cannot be used.
  virtual SchemaResult find(const SchemaRequest& request) = 0;
};

// A SchemaSource over a SchemaRegistry with the same overlays for every
// transaction (`validate --overlay`, tests).
class RegistrySchemaSource : public SchemaSource {
 public:
  explicit RegistrySchemaSource(SchemaRegistry& registry,
                                std::vector<std::filesystem::path> overlays = {})
      : registry_(registry), overlays_(std::move(overlays)) {}
  SchemaResult find(const SchemaRequest& request) override {
    return registry_.find(request.key, overlays_);
  }

 private:
  SchemaRegistry& registry_;
  std::vector<std::filesystem::path> overlays_;
};

class SchemaValidator : public edi::ForwardingHandler, private ElementProblemSink {
 public:
  struct Options {
    // Findings per transaction before the rest are only counted: a file of
    // the wrong set would otherwise produce one finding per segment.
    size_t maxFindingsPerTransaction = 1000;
  };

  SchemaValidator(edi::EventHandler& next, SchemaSource& schemas)
      : SchemaValidator(next, schemas, Options()) {}
  SchemaValidator(edi::EventHandler& next, SchemaSource& schemas, Options options);

  void onInterchangeStart(const edi::InterchangeInfo& info, const edi::Segment& header) override;
  void onGroupStart(const edi::Segment& header) override;
  void onGroupEnd(const edi::Segment* trailer) override;
  void onTransactionStart(const edi::Segment& header) override;
  void onTransactionEnd(const edi::Segment* trailer) override;
  void onSegment(const edi::Segment& segment) override;

  size_t errorCount() const { return findings_.errorCount(); }
  size_t warningCount() const { return findings_.warningCount(); }
  size_t transactionsChecked() const { return checked_; }
  size_t transactionsWithoutSchema() const { return unchecked_; }

 private:
  struct Transaction {
    std::shared_ptr<const TransactionSchema> schema;
    std::optional<StructureWalker> walker;
    std::optional<ElementChecker> checker;
    uint64_t segments = 0;  // position of the current segment (header = 1)
    size_t findings = 0;    // findings reported for this transaction
    bool limitReported = false;
    uint64_t lastHierarchicalId = 0;
    // Context of the segment being checked, for element findings.
    const edi::Segment* segment = nullptr;
    std::string_view loopId;
  };

  void place(const edi::Segment& segment, bool checkElements);
  void checkHierarchy(const edi::Segment& segment);
  void reportStructure(const StructureWalker::Problem& problem, const edi::Segment& segment);
  void onElementProblem(const ElementProblem& problem) override;
  void report(core::Severity severity, const char* code, std::string message,
              core::Location location, std::string value = {});

  Options options_;
  SchemaSource& schemas_;
  edi::FindingReporter findings_;
  edi::Standard standard_ = edi::Standard::kUnknown;
  std::string isa12_;
  std::string senderQualifier_;
  std::string senderId_;
  std::string gs08_;
  std::optional<Transaction> transaction_;
  std::vector<StructureWalker::Problem> problems_;  // reused between segments
  size_t checked_ = 0;
  size_t unchecked_ = 0;
};

}  // namespace bridge::parsers::schema

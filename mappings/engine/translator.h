// Translator: runs a mapping on whole inputs, the way `edi-bridge translate`,
// `map test` and the daemon need it: reads the source (EDI interchanges,
// canonical JSON, CSV, fixed width, XML), splits it into documents, runs the
// evaluator on each, validates canonical output against its contract, and
// renders the result (JSON, EDI with its envelope, CSV, fixed width, XML).
//
// A document that fails (required value missing, transform refused, contract
// violated) comes back with its problems and no output; the others are not
// affected.
//
// Thread-safety: functions; the context's number source decides its own.
#pragma once

#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"
#include "mappings/engine/contract_registry.h"
#include "mappings/engine/edi_output.h"
#include "mappings/engine/mapping.h"
#include "parsers/edi/tree.h"
#include "parsers/schema/registry.h"

namespace bridge::mappings {

struct TranslationContext {
  const ContractRegistry* contracts = nullptr;         // validates contract targets and sources
  parsers::schema::SchemaRegistry* schemas = nullptr;  // loop structure of EDI sources
  // Outbound EDI: the envelope and where control numbers come from.
  const OutboundEnvelope* envelope = nullptr;
  parsers::ack::ControlNumberSource* numbers = nullptr;
  std::tm now{};
};

struct Translation {
  std::string label;        // "transaction 1 (850 0001)", "document 2 (order_number A100)"
  nlohmann::json document;  // JSON targets: the document built
  std::string output;       // the rendered target; empty when there are problems
  std::vector<std::string> problems;

  bool ok() const { return problems.empty(); }
};

// Every document of `input` translated. An error only when the input as a
// whole cannot be read (not EDI, broken CSV, invalid JSON).
core::Result<std::vector<Translation>> translateInput(const Mapping& mapping,
                                                      std::string_view input,
                                                      const std::string& inputName,
                                                      const TranslationContext& context);

// One EDI transaction, as the daemon holds it.
Translation translateTransaction(const Mapping& mapping, parsers::edi::TransactionTree tree,
                                 const TranslationContext& context);

// One JSON document (a canonical document, or the records of a flat file).
Translation translateDocument(const Mapping& mapping, const nlohmann::json& source,
                              std::string label, const TranslationContext& context);

// A deterministic envelope and numbering for tests and examples: sender
// ZZ/EDIBRIDGE, receiver ZZ/PARTNER, control numbers from 1, 2026-01-01 00:00.
struct FixedOutbound {
  OutboundEnvelope envelope;
  std::tm now{};
};
FixedOutbound fixedOutbound(const Mapping& mapping);

}  // namespace bridge::mappings

// Evaluator: runs a compiled Mapping on one source document.
//
// Inbound and flat mappings build a JSON document from the output template;
// outbound mappings build the body segments of one EDI transaction (the
// envelope is added by edi_output.h). Problems do not stop the evaluation:
// every required field that has no value and every value a transform
// refuses becomes a finding, so one run shows all of them. A document with
// findings is not delivered.
//
// Memory: the output being built, plus (for Lua snippets that read `doc`)
// one JSON copy of the source.
// Thread-safety: an Evaluator is used by one thread at a time; several
// evaluators may share one Mapping.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mappings/engine/edi_document.h"
#include "mappings/engine/mapping.h"
#include "parsers/edi/segment.h"

namespace bridge::mappings {

struct MappingFinding {
  std::string field;    // the target field ("lines[2].quantity") or segment ("PO1[3]")
  std::string path;     // the source path, when there is one
  std::string message;  // what is wrong and what to do
  SourceMark where;     // the rule in the mapping file

  std::string describe() const;
};

struct JsonOutcome {
  nlohmann::json document;
  std::vector<MappingFinding> findings;
};

struct SegmentsOutcome {
  std::vector<parsers::edi::OwnedSegment> segments;  // body only: no ST/SE, UNH/UNT
  std::vector<MappingFinding> findings;
};

// REQUIRES: mapping.target is a JSON kind (contract or flat file).
JsonOutcome evaluateToJson(const Mapping& mapping, const EdiDocument& source);
JsonOutcome evaluateToJson(const Mapping& mapping, const nlohmann::json& source);

// REQUIRES: mapping.target is EDI and mapping.source is JSON.
SegmentsOutcome evaluateToSegments(const Mapping& mapping, const nlohmann::json& source);

}  // namespace bridge::mappings

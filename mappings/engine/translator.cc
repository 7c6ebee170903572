#include "mappings/engine/translator.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "mappings/engine/edi_document.h"
#include "mappings/engine/evaluator.h"
#include "parsers/edi/reader.h"
#include "parsers/flat/csv_reader.h"
#include "parsers/flat/csv_writer.h"
#include "parsers/flat/fixed_width_reader.h"
#include "parsers/flat/fixed_width_writer.h"
#include "parsers/flat/xml_reader.h"
#include "parsers/flat/xml_writer.h"

namespace bridge::mappings {
namespace {

using nlohmann::json;
using parsers::edi::Standard;

// GS01 when no schema says it.
std::string functionalGroupOf(const std::string& set) {
  static const std::map<std::string, std::string> kGroups = {
      {"810", "IN"}, {"846", "IB"}, {"850", "PO"}, {"855", "PR"}, {"856", "SH"}, {"860", "PC"},
      {"940", "OW"}, {"943", "AR"}, {"944", "RE"}, {"945", "SW"}, {"947", "AW"}, {"997", "FA"}};
  auto found = kGroups.find(set);
  return found == kGroups.end() ? "" : found->second;
}

std::shared_ptr<const parsers::schema::TransactionSchema> schemaFor(
    const DocumentSpec& spec, const TranslationContext& context) {
  if (context.schemas == nullptr || !spec.isEdi()) return nullptr;
  parsers::schema::SchemaKey key{
      spec.kind == DocumentKind::kX12 ? Standard::kX12 : Standard::kEdifact, spec.version, spec.id};
  auto schema = context.schemas->find(key);
  return schema ? *schema : nullptr;
}

void addFindings(const std::vector<MappingFinding>& findings, Translation& out) {
  for (const MappingFinding& finding : findings) out.problems.push_back(finding.describe());
}

// Validates, then renders a JSON target.
void finishJson(const Mapping& mapping, Translation& out, const TranslationContext& context) {
  const DocumentSpec& target = mapping.target;
  if (target.kind == DocumentKind::kContract && context.contracts != nullptr) {
    auto findings = context.contracts->validate(target.id, out.document);
    if (!findings) {
      out.problems.push_back(findings.status().message());
    } else {
      for (const ContractFinding& finding : *findings) {
        out.problems.push_back("contract " + target.id + " at '" +
                               (finding.pointer.empty() ? "/" : finding.pointer) +
                               "': " + finding.message);
      }
    }
  }
  if (!out.ok()) return;
  std::ostringstream rendered;
  core::Status status;
  switch (target.kind) {
    case DocumentKind::kCsv:
      status = parsers::flat::writeCsv(out.document, target.csv, rendered);
      break;
    case DocumentKind::kFixedWidth:
      status = parsers::flat::writeFixedWidth(out.document, target.fixedWidth, rendered);
      break;
    case DocumentKind::kXml:
      status = parsers::flat::writeXml(out.document, target.xml, rendered);
      break;
    default:
      rendered << out.document.dump(2) << "\n";
      break;
  }
  if (!status.isOk()) {
    out.problems.push_back("cannot write the " + target.describe() +
                           " output: " + status.message());
    return;
  }
  out.output = rendered.str();
}

void finishSegments(const Mapping& mapping, SegmentsOutcome outcome, Translation& out,
                    const TranslationContext& context) {
  addFindings(outcome.findings, out);
  if (!out.ok()) return;
  if (context.envelope == nullptr || context.numbers == nullptr) {
    out.problems.push_back("outbound EDI needs a partner (its envelope and control numbers)");
    return;
  }
  OutboundEnvelope envelope = *context.envelope;
  if (envelope.functionalGroup.empty()) {
    auto schema = schemaFor(mapping.target, context);
    envelope.functionalGroup = schema && !schema->functionalGroup.empty()
                                   ? schema->functionalGroup
                                   : functionalGroupOf(mapping.target.id);
  }
  auto bytes = writeOutbound(outcome.segments, mapping.target.id, mapping.target.version, envelope,
                             *context.numbers, context.now);
  if (!bytes) {
    out.problems.push_back("cannot write the " + mapping.target.describe() + ": " +
                           bytes.status().message());
    return;
  }
  out.output = std::move(*bytes);
}

// Splits the records of a flat file into documents.
std::vector<std::pair<std::string, json>> splitRecords(const DocumentSpec& source,
                                                       const json& file) {
  std::vector<std::pair<std::string, json>> documents;
  const json& records = file.contains("records") ? file["records"] : json::array();
  if (source.splitBy.empty() && source.splitStart.empty()) {
    documents.emplace_back("document 1", file);
    return documents;
  }
  json current = json::array();
  std::string currentKey;
  auto flush = [&]() {
    if (current.empty()) return;
    const std::string label =
        "document " + std::to_string(documents.size() + 1) +
        (source.splitBy.empty() ? "" : " (" + source.splitBy + " " + currentKey + ")");
    documents.emplace_back(label, json{{"records", std::move(current)}});
    current = json::array();
  };
  for (const json& record : records) {
    bool starts = false;
    if (!source.splitStart.empty()) {
      starts = record.value("_type", "") == source.splitStart;
    } else {
      const std::string key = record.contains(source.splitBy) && record[source.splitBy].is_string()
                                  ? record[source.splitBy].get<std::string>()
                                  : "";
      starts = current.empty() || key != currentKey;
      if (starts) {
        flush();
        currentKey = key;
      }
    }
    if (starts && !source.splitStart.empty()) flush();
    current.push_back(record);
  }
  flush();
  return documents;
}

// Collects the trees of an EDI input.
class TreeCollector : public parsers::edi::TreeBuilder {
 public:
  TreeCollector()
      : TreeBuilder(
            [this](parsers::edi::TransactionTree&& tree) { trees.push_back(std::move(tree)); }) {}
  std::vector<parsers::edi::TransactionTree> trees;
};

}  // namespace

FixedOutbound fixedOutbound(const Mapping& mapping) {
  FixedOutbound fixed;
  fixed.envelope.standard =
      mapping.target.kind == DocumentKind::kEdifact ? Standard::kEdifact : Standard::kX12;
  fixed.envelope.senderQualifier = "ZZ";
  fixed.envelope.senderId = "EDIBRIDGE";
  fixed.envelope.receiverQualifier = "ZZ";
  fixed.envelope.receiverId = "PARTNER";
  fixed.envelope.applicationSender = "EDIBRIDGE";
  fixed.envelope.applicationReceiver = "PARTNER";
  fixed.envelope.counterKey = "test";
  if (fixed.envelope.standard == Standard::kX12) {
    fixed.envelope.delimiters = {'*', ':', '^', '~', 0, 0};
  } else {
    fixed.envelope.delimiters = {'+', ':', 0, '\'', '?', '.'};
    fixed.envelope.senderQualifier.clear();
    fixed.envelope.receiverQualifier.clear();
    fixed.envelope.usage.clear();
  }
  fixed.envelope.lineBreaks = true;
  fixed.now.tm_year = 126;
  fixed.now.tm_mon = 0;
  fixed.now.tm_mday = 1;
  return fixed;
}

Translation translateTransaction(const Mapping& mapping, parsers::edi::TransactionTree tree,
                                 const TranslationContext& context) {
  Translation out;
  const std::string setId =
      tree.header.element(0).empty() ? "?" : std::string(tree.header.element(0));
  std::string control = std::string(tree.header.element(1));
  if (tree.header.tag == "UNH") {
    control = tree.header.element(0);
    const auto& s009 = tree.header.elements.size() > 1 ? tree.header.elements[1]
                                                       : parsers::edi::OwnedSegment::Element{};
    const std::string message = !s009.empty() && !s009[0].empty() ? s009[0][0] : "?";
    out.label = message + " " + control;
    if (message != mapping.source.id) {
      out.problems.push_back("message " + control + " is " + message + "; mapping '" +
                             mapping.name + "' reads " + mapping.source.describe());
      return out;
    }
  } else {
    out.label = setId + " " + control;
    if (setId != mapping.source.id) {
      out.problems.push_back("transaction " + control + " is a " + setId + "; mapping '" +
                             mapping.name + "' reads " + mapping.source.describe());
      return out;
    }
  }
  // The version the transaction declares must be one the mapping reads.
  const std::string version =
      tree.header.tag == "UNH"
          ? parsers::schema::edifactSchemaVersion(
                tree.header.elements.size() > 1 && tree.header.elements[1][0].size() > 1
                    ? tree.header.elements[1][0][1]
                    : "",
                tree.header.elements.size() > 1 && tree.header.elements[1][0].size() > 2
                    ? tree.header.elements[1][0][2]
                    : "")
          : parsers::schema::x12SchemaVersion(
                tree.groupHeader ? tree.groupHeader->element(7) : std::string_view(),
                tree.interchangeHeader.element(11));
  const auto& accepted = mapping.source.versions;
  if (std::find(accepted.begin(), accepted.end(), version) == accepted.end()) {
    std::string list;
    for (const auto& v : accepted) list += (list.empty() ? "" : ", ") + v;
    out.problems.push_back("the transaction is version " + (version.empty() ? "unknown" : version) +
                           "; mapping '" + mapping.name + "' reads " + list +
                           " (add the version to the mapping's source if its layout is the same)");
    return out;
  }
  // The loops come from the transaction's own version's schema, else from
  // the mapping's first version (the mapping says their layouts agree).
  DocumentSpec own = mapping.source;
  own.version = version;
  auto schema = schemaFor(own, context);
  if (schema == nullptr) schema = schemaFor(mapping.source, context);
  const EdiDocument document(std::move(tree), schema.get());
  JsonOutcome outcome = evaluateToJson(mapping, document);
  out.document = std::move(outcome.document);
  addFindings(outcome.findings, out);
  if (mapping.target.isEdi()) {
    out.problems.push_back("mapping '" + mapping.name +
                           "' maps EDI to EDI, which is not supported");
    return out;
  }
  finishJson(mapping, out, context);
  return out;
}

Translation translateDocument(const Mapping& mapping, const json& source, std::string label,
                              const TranslationContext& context) {
  Translation out;
  out.label = std::move(label);
  if (mapping.source.kind == DocumentKind::kContract && context.contracts != nullptr) {
    auto findings = context.contracts->validate(mapping.source.id, source);
    if (!findings) {
      out.problems.push_back(findings.status().message());
      return out;
    }
    for (const ContractFinding& finding : *findings) {
      out.problems.push_back("input is not a valid " + mapping.source.id + " at '" +
                             (finding.pointer.empty() ? "/" : finding.pointer) +
                             "': " + finding.message);
    }
    if (!out.ok()) return out;
  }
  if (mapping.target.isEdi()) {
    finishSegments(mapping, evaluateToSegments(mapping, source), out, context);
    return out;
  }
  JsonOutcome outcome = evaluateToJson(mapping, source);
  out.document = std::move(outcome.document);
  addFindings(outcome.findings, out);
  finishJson(mapping, out, context);
  return out;
}

core::Result<std::vector<Translation>> translateInput(const Mapping& mapping,
                                                      std::string_view input,
                                                      const std::string& inputName,
                                                      const TranslationContext& context) {
  std::vector<Translation> translations;
  const DocumentSpec& source = mapping.source;
  if (source.isEdi()) {
    TreeCollector collector;
    parsers::edi::Reader reader(collector);
    reader.feed(input);
    reader.finish();
    if (collector.trees.empty()) {
      return core::Status::invalidArgument(inputName + ": no " + source.describe() +
                                           " transaction found; is this an EDI file?");
    }
    for (auto& tree : collector.trees) {
      const size_t number = translations.size() + 1;
      std::vector<std::string> errors;
      for (const auto& finding : tree.findings) {
        if (finding.isError()) {
          const std::string where = finding.location.describe();
          errors.push_back(finding.code + (where.empty() ? "" : " at " + where) + ": " +
                           finding.message);
        }
      }
      Translation translation = translateTransaction(mapping, std::move(tree), context);
      translation.label = "transaction " + std::to_string(number) + " (" + translation.label + ")";
      if (!errors.empty()) {
        translation.output.clear();
        for (auto& error : errors) translation.problems.push_back("the input is invalid: " + error);
      }
      translations.push_back(std::move(translation));
    }
    return translations;
  }
  json document;
  if (source.kind == DocumentKind::kContract) {
    try {
      document = json::parse(input);
    } catch (const json::parse_error& error) {
      return core::Status::invalidArgument(inputName + ": not valid JSON: " + error.what());
    }
    translations.push_back(translateDocument(mapping, document, "document 1", context));
    return translations;
  }
  std::istringstream in{std::string(input)};
  core::Result<json> records = core::Status::internal("unread");
  switch (source.kind) {
    case DocumentKind::kCsv:
      records = parsers::flat::readCsv(in, source.csv, inputName);
      break;
    case DocumentKind::kFixedWidth:
      records = parsers::flat::readFixedWidth(in, source.fixedWidth, inputName);
      break;
    default:
      records = parsers::flat::readXml(in, source.xml, inputName);
      break;
  }
  if (!records) return records.status();
  for (auto& [label, piece] : splitRecords(source, *records)) {
    translations.push_back(translateDocument(mapping, piece, label, context));
  }
  return translations;
}

}  // namespace bridge::mappings

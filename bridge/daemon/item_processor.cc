#include "bridge/daemon/item_processor.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bridge/daemon/transaction_capture.h"
#include "bridge/partners/acknowledge.h"
#include "mappings/engine/translator.h"
#include "parsers/ack/report_collector.h"
#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "parsers/schema/schema_validator.h"

namespace bridge::daemon {

using parsers::ack::InterchangeReport;
using parsers::edi::OwnedSegment;
using parsers::edi::Standard;

namespace {

// Findings kept in the provenance log per item: enough to say what is wrong,
// bounded so that a file full of errors cannot grow the log without bound.
constexpr size_t kMaxProvenanceFindings = 50;

bool hasErrors(const parsers::ack::FindingList& list) {
  if (list.droppedErrors > 0) return true;
  for (const core::Finding& finding : list.kept) {
    if (finding.isError()) return true;
  }
  return false;
}

std::string trimmed(std::string_view value) {
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return std::string(value);
}

std::string componentOf(const OwnedSegment& segment, size_t e, size_t c) {
  if (e >= segment.elements.size() || segment.elements[e].empty() ||
      c >= segment.elements[e][0].size()) {
    return {};
  }
  return segment.elements[e][0][c];
}

// The parties and control number of an interchange, as its header says.
struct InterchangeIdentity {
  std::string senderQualifier;
  std::string sender;
  std::string receiverQualifier;
  std::string receiver;
  std::string control;
};

InterchangeIdentity identityOf(const InterchangeReport& interchange) {
  InterchangeIdentity id;
  const OwnedSegment& header = interchange.header;
  if (interchange.standard == Standard::kX12) {
    id.senderQualifier = trimmed(header.element(4));
    id.sender = trimmed(header.element(5));
    id.receiverQualifier = trimmed(header.element(6));
    id.receiver = trimmed(header.element(7));
    id.control = trimmed(header.element(12));
  } else {
    id.sender = componentOf(header, 1, 0);
    id.senderQualifier = componentOf(header, 1, 1);
    id.receiver = componentOf(header, 2, 0);
    id.receiverQualifier = componentOf(header, 2, 1);
    id.control = std::string(header.element(4));
  }
  return id;
}

// "x12/ZZ:SENDER/ZZ:RECEIVER/000000001": the E1 duplicate key.
std::string duplicateKey(const InterchangeReport& interchange, const InterchangeIdentity& id) {
  std::string key(parsers::edi::standardName(interchange.standard));
  key.append("/").append(id.senderQualifier).append(":").append(id.sender);
  key.append("/").append(id.receiverQualifier).append(":").append(id.receiver);
  key.append("/").append(id.control);
  return key;
}

const partners::PartnerProfile* senderProfile(const partners::PartnerSchemaSource& schemas,
                                              const InterchangeReport& interchange,
                                              const InterchangeIdentity& id) {
  if (!interchange.hasHeader) return schemas.partnerFor(interchange.standard, "", "");
  if (interchange.standard == Standard::kX12) {
    return schemas.partnerFor(interchange.standard, interchange.header.element(4),
                              interchange.header.element(5));
  }
  return schemas.partnerFor(interchange.standard, id.senderQualifier, id.sender);
}

std::string ackContentType(Standard standard) {
  return standard == Standard::kX12 ? "application/edi-x12" : "application/edifact";
}

nlohmann::json findingJson(const core::Finding& finding) {
  return {{"severity", std::string(core::severityName(finding.severity))},
          {"code", finding.code},
          {"message", finding.message},
          {"where", finding.location.describe()},
          {"line", finding.location.line}};
}

class FindingLog {
 public:
  void add(const parsers::ack::FindingList& list, const std::string& scope) {
    for (const core::Finding& finding : list.kept) {
      if (findings_.size() >= kMaxProvenanceFindings) {
        ++omitted_;
        continue;
      }
      nlohmann::json entry = findingJson(finding);
      entry["scope"] = scope;
      findings_.push_back(std::move(entry));
    }
    omitted_ += list.dropped;
  }
  bool empty() const { return findings_.empty() && omitted_ == 0; }
  std::string json() const {
    return nlohmann::json{{"findings", findings_}, {"omitted", omitted_}}.dump();
  }

 private:
  nlohmann::json findings_ = nlohmann::json::array();
  uint64_t omitted_ = 0;
};

void addProvenance(spool::ProcessingOutcome& outcome, std::string event, std::string detail) {
  spool::ProvenanceEntry entry;
  entry.event = std::move(event);
  entry.detailJson = std::move(detail);
  outcome.provenance.push_back(std::move(entry));
}

// Every transaction of an interchange in arrival order, with whether it may
// have effects: no error in it, in its group or in the interchange envelope.
std::vector<bool> acceptedTransactions(const InterchangeReport& interchange) {
  std::vector<bool> accepted;
  const bool envelopeOk = !hasErrors(interchange.findings);
  for (const auto& group : interchange.groups) {
    const bool groupOk = envelopeOk && !hasErrors(group.findings);
    for (const auto& transaction : group.transactions) {
      accepted.push_back(groupOk && !hasErrors(transaction.findings));
    }
  }
  return accepted;
}

std::string contentTypeOf(const mappings::DocumentSpec& target) {
  switch (target.kind) {
    case mappings::DocumentKind::kX12:
      return "application/edi-x12";
    case mappings::DocumentKind::kEdifact:
      return "application/edifact";
    case mappings::DocumentKind::kCsv:
      return "text/csv";
    case mappings::DocumentKind::kFixedWidth:
      return "text/plain";
    case mappings::DocumentKind::kXml:
      return "application/xml";
    case mappings::DocumentKind::kContract:
      break;
  }
  return "application/json";
}

nlohmann::json mappingJson(const mappings::Mapping& mapping, uint64_t setVersion) {
  return {{"mapping", mapping.name},
          {"mappingVersion", mapping.version},
          {"mappingHash", mapping.hash},
          {"mappingSet", setVersion},
          {"target", mapping.target.describe()}};
}

mappings::TranslationContext translationContext(const MappingRuntime& runtime) {
  mappings::TranslationContext context;
  context.contracts = runtime.contracts;
  context.schemas = runtime.schemas;
  return context;
}

const config::DirectorySourceSettings* documentSource(const ProcessorContext& context,
                                                      const std::string& name) {
  for (const auto& source : context.sources) {
    if (source.name == name && !source.mapping.empty()) return &source;
  }
  return nullptr;
}

// Items of a source whose files are documents for a mapping.
core::Result<spool::ProcessingOutcome> processDocuments(
    const spool::StoredItem& item, std::string_view payload, spool::ProcessingBatch& batch,
    ProcessorContext& context, const config::DirectorySourceSettings& source) {
  spool::ProcessingOutcome outcome;
  outcome.itemId = item.id;
  outcome.partner = source.partner;
  const mappings::Mapping* mapping =
      context.mappings != nullptr ? context.mappings->find(source.mapping) : nullptr;
  auto hold = [&](std::string reason) {
    outcome.state = spool::ItemState::kHeld;
    outcome.holdReason = std::move(reason);
    addProvenance(outcome, "held", nlohmann::json{{"reason", outcome.holdReason}}.dump());
    return outcome;
  };
  if (mapping == nullptr) {
    return hold("source '" + source.name + "' names mapping '" + source.mapping +
                "', which is not in the active mapping set; activate a set that has it, then "
                "`edi-bridge spool release` the item");
  }
  mappings::TranslationContext translation = translationContext(*context.mappings);
  std::optional<mappings::OutboundEnvelope> envelope;
  if (mapping->target.isEdi()) {
    const partners::PartnerProfile* profile =
        context.mappings->partners != nullptr && !source.partner.empty()
            ? context.mappings->partners->findById(source.partner)
            : nullptr;
    if (profile == nullptr) {
      return hold("source '" + source.name + "' makes " + mapping->target.describe() +
                  " but names no partner profile to address it to; set `partner`");
    }
    auto built = mappings::envelopeFor(
        *profile,
        mapping->target.kind == mappings::DocumentKind::kX12 ? Standard::kX12 : Standard::kEdifact);
    if (!built) return hold(built.status().message());
    envelope = std::move(*built);
    translation.envelope = &*envelope;
    translation.numbers = &batch;
    const std::time_t seconds = static_cast<std::time_t>(context.nowMs / 1000);
    gmtime_r(&seconds, &translation.now);
  }
  auto documents = mappings::translateInput(*mapping, payload, item.originalName, translation);
  if (!documents) {
    addProvenance(outcome, "mapping-failed",
                  nlohmann::json{{"mapping", mappingJson(*mapping, context.mappings->version)},
                                 {"problems", {documents.status().message()}}}
                      .dump());
    outcome.state = spool::ItemState::kRejected;
    addProvenance(outcome, "rejected", nlohmann::json{{"documents", 0}}.dump());
    return outcome;
  }
  size_t delivered = 0;
  size_t rejected = 0;
  for (size_t n = 0; n < documents->size(); ++n) {
    const mappings::Translation& document = (*documents)[n];
    if (!document.ok()) {
      ++rejected;
      addProvenance(outcome, "mapping-failed",
                    nlohmann::json{{"document", document.label},
                                   {"mapping", mappingJson(*mapping, context.mappings->version)},
                                   {"problems", document.problems}}
                        .dump());
      continue;
    }
    RouteKey key;
    key.source = source.name;
    key.partner = source.partner;
    key.standard = std::string(mappings::documentKindName(mapping->target.kind));
    key.set = mapping->target.id;
    key.version = mapping->target.version;
    const std::vector<std::string> targets = context.routes.targetsFor(key);
    addProvenance(outcome, "mapped",
                  nlohmann::json{{"document", document.label},
                                 {"mapping", mappingJson(*mapping, context.mappings->version)},
                                 {"routes", context.routes.routesFor(key)},
                                 {"targets", targets}}
                      .dump());
    ++delivered;
    for (const std::string& target : targets) {
      spool::DeliveryRequest request;
      request.target = target;
      // The file's content and the document's place in it: the same file
      // dropped again has the same effects, which are then not repeated.
      request.idempotencyKey =
          "doc/" + item.sha256 + "/" + std::to_string(n + 1) + "/" + mapping->name + "/" + target;
      request.kind = mapping->target.id;
      request.contentType = contentTypeOf(mapping->target);
      request.payload = document.output;
      nlohmann::json attributes = mappingJson(*mapping, context.mappings->version);
      attributes.update({{"partner", source.partner},
                         {"standard", key.standard},
                         {"set", key.set},
                         {"version", key.version},
                         {"control", std::to_string(n + 1)},
                         {"item", item.id},
                         {"source", item.source}});
      request.attributesJson = attributes.dump();
      outcome.deliveries.push_back(std::move(request));
    }
  }
  if (delivered == 0 && rejected > 0) {
    outcome.state = spool::ItemState::kRejected;
    addProvenance(outcome, "rejected", nlohmann::json{{"documents", rejected}}.dump());
  } else {
    outcome.state = spool::ItemState::kDelivering;
  }
  return outcome;
}

}  // namespace

core::Result<spool::ProcessingOutcome> processItem(const spool::StoredItem& item,
                                                   std::string_view payload,
                                                   spool::ProcessingBatch& batch,
                                                   ProcessorContext& context) {
  if (const auto* documents = documentSource(context, item.source)) {
    return processDocuments(item, payload, batch, context, *documents);
  }
  parsers::ack::ReportCollector collector;
  // Trees are built only when a route translates transactions with a mapping.
  const bool needTrees = context.mappings != nullptr && context.mappings->set != nullptr &&
                         !context.routes.mappings().empty();
  TreeTee tee(collector);
  TransactionCapture capture(needTrees ? static_cast<parsers::edi::EventHandler&>(tee)
                                       : static_cast<parsers::edi::EventHandler&>(collector));
  parsers::schema::SchemaValidator schemaValidator(capture, context.schemas);
  parsers::edi::EnvelopeValidator envelopeValidator(schemaValidator);
  {
    parsers::edi::Reader reader(envelopeValidator);
    reader.feed(payload);
    reader.finish();
  }
  parsers::ack::InputReport report = collector.take();
  std::vector<CapturedTransaction>& transactions = capture.transactions();

  spool::ProcessingOutcome outcome;
  outcome.itemId = item.id;

  size_t groupCount = 0;
  for (const auto& interchange : report.interchanges) groupCount += interchange.groups.size();
  addProvenance(outcome, "split",
                nlohmann::json{{"interchanges", report.interchanges.size()},
                               {"groups", groupCount},
                               {"transactions", transactions.size()}}
                    .dump());

  FindingLog findings;
  findings.add(report.unattached, "input");

  if (report.interchanges.empty()) {
    outcome.state = spool::ItemState::kHeld;
    outcome.holdReason = "no X12 or EDIFACT interchange found in the file";
    if (!report.unattached.kept.empty()) {
      outcome.holdReason.append(": ").append(report.unattached.kept.front().message);
    }
    if (!findings.empty()) addProvenance(outcome, "findings", findings.json());
    addProvenance(outcome, "held", nlohmann::json{{"reason", outcome.holdReason}}.dump());
    return outcome;
  }

  size_t duplicates = 0;
  size_t deliveredTransactions = 0;
  size_t rejectedTransactions = 0;
  bool envelopeErrors = false;
  std::string duplicateReason;
  for (size_t index = 0; index < report.interchanges.size(); ++index) {
    InterchangeReport& interchange = report.interchanges[index];
    const InterchangeIdentity id = identityOf(interchange);
    const partners::PartnerProfile* partner = senderProfile(context.schemas, interchange, id);
    const std::string partnerId = partner != nullptr ? partner->id : std::string();
    if (outcome.partner.empty()) outcome.partner = partnerId;
    const std::string key = duplicateKey(interchange, id);

    findings.add(interchange.findings, "interchange " + id.control);
    for (const auto& group : interchange.groups) {
      findings.add(group.findings, "group");
      for (const auto& transaction : group.transactions) {
        findings.add(transaction.findings, "transaction " +
                                               std::string(transaction.header.element(0)) + " " +
                                               std::string(transaction.header.element(1)));
      }
    }

    if (interchange.hasHeader && !id.control.empty()) {
      if (!item.released) {
        int64_t window = context.duplicates.windowMs;
        if (auto it = context.duplicates.partners.find(partnerId);
            it != context.duplicates.partners.end()) {
          window = it->second;
        }
        core::Result<std::optional<std::string>> earlier = batch.findDuplicate(key, window);
        if (!earlier) return earlier.status();
        if (earlier->has_value() && **earlier != item.id) {
          ++duplicates;
          duplicateReason =
              "duplicate interchange " + key + ": already received in item " + **earlier;
          addProvenance(outcome, "duplicate",
                        nlohmann::json{{"key", key}, {"original", **earlier}}.dump());
          continue;
        }
      }
      outcome.duplicateKeys.push_back(key);
    }

    // Acknowledgements, per the sender's profile, to the partner's ack target.
    std::string ackTarget = context.acks.target;
    if (auto it = context.acks.partners.find(partnerId); it != context.acks.partners.end()) {
      ackTarget = it->second;
    }
    const Standard standard = interchange.standard;
    const std::string syntaxVersion = interchange.syntaxVersion;
    const std::vector<bool> accepted = acceptedTransactions(interchange);
    if (hasErrors(interchange.findings)) envelopeErrors = true;
    if (!ackTarget.empty()) {
      parsers::ack::InputReport single;
      single.interchanges.push_back(std::move(interchange));
      std::ostringstream ack;
      core::Status status =
          partners::writeInputAcknowledgements(std::move(single), context.schemas, batch, ack);
      if (!status.isOk()) return status;
      if (!ack.str().empty()) {
        spool::DeliveryRequest request;
        request.target = ackTarget;
        request.idempotencyKey = "ack/" + key + "/" + ackTarget;
        request.kind = "ack";
        request.contentType = ackContentType(standard);
        request.payload = ack.str();
        request.attributesJson = nlohmann::json{
            {"partner", partnerId.empty() ? id.sender : partnerId},
            {"standard", std::string(parsers::edi::standardName(standard))},
            {"set", "ack"},
            {"control", id.control},
            {"item", item.id},
            {"source", item.source}}.dump();
        addProvenance(outcome, "ack",
                      nlohmann::json{{"target", ackTarget},
                                     {"key", request.idempotencyKey},
                                     {"bytes", request.payload.size()}}
                          .dump());
        outcome.deliveries.push_back(std::move(request));
      }
    }

    // Transactions: the accepted ones are routed.
    size_t sequence = 0;
    for (size_t t = 0; t < transactions.size(); ++t) {
      CapturedTransaction& transaction = transactions[t];
      if (transaction.interchange != index) continue;
      const bool ok = sequence < accepted.size() && accepted[sequence];
      ++sequence;
      if (!ok) {
        ++rejectedTransactions;
        continue;
      }
      RouteKey routeKey;
      routeKey.source = item.source;
      routeKey.partner = partnerId;
      routeKey.standard = std::string(parsers::edi::standardName(standard));
      routeKey.set = transaction.setId;
      routeKey.version =
          standard == Standard::kX12
              ? (transaction.groupVersion.empty() ? syntaxVersion : transaction.groupVersion)
              : transaction.messageVersion;
      const std::vector<RouteDelivery> routed = context.routes.deliveriesFor(routeKey);
      std::vector<std::string> targets;
      for (const RouteDelivery& delivery : routed) {
        if (std::find(targets.begin(), targets.end(), delivery.target) == targets.end()) {
          targets.push_back(delivery.target);
        }
      }
      const std::string identity =
          key + "/" + transaction.groupControlNumber + "/" + transaction.controlNumber;
      addProvenance(
          outcome, "route",
          nlohmann::json{{"transaction", transaction.setId + " " + transaction.controlNumber},
                         {"version", routeKey.version},
                         {"routes", context.routes.routesFor(routeKey)},
                         {"targets", targets}}
              .dump());
      nlohmann::json baseAttributes = {{"partner", partnerId.empty() ? id.sender : partnerId},
                                       {"standard", routeKey.standard},
                                       {"set", transaction.setId},
                                       {"version", routeKey.version},
                                       {"control", transaction.controlNumber},
                                       {"group", transaction.groupControlNumber},
                                       {"interchange", id.control},
                                       {"sender", id.sender},
                                       {"receiver", id.receiver},
                                       {"item", item.id},
                                       {"source", item.source}};
      // One translation per mapping, shared by every target that wants it.
      std::map<std::string, mappings::Translation> translated;
      size_t queued = 0;
      size_t refused = 0;
      for (const RouteDelivery& delivery : routed) {
        spool::DeliveryRequest request;
        request.target = delivery.target;
        nlohmann::json attributes = baseAttributes;
        if (delivery.mapping.empty()) {
          request.idempotencyKey = identity + "/" + delivery.target;
          request.kind = "transaction";
          request.contentType = "application/json";
          request.payload = transaction.document;
        } else {
          const mappings::Mapping* mapping =
              context.mappings != nullptr ? context.mappings->find(delivery.mapping) : nullptr;
          auto done = translated.find(delivery.mapping);
          if (done == translated.end()) {
            mappings::Translation translation;
            if (mapping == nullptr) {
              translation.problems.push_back("mapping '" + delivery.mapping +
                                             "' is not in the active mapping set");
            } else if (t < tee.trees().size()) {
              translation = mappings::translateTransaction(*mapping, tee.trees()[t],
                                                           translationContext(*context.mappings));
            } else {
              translation.problems.push_back("the transaction could not be read back for mapping");
            }
            nlohmann::json detail = {
                {"transaction", transaction.setId + " " + transaction.controlNumber}};
            if (mapping != nullptr)
              detail["mapping"] = mappingJson(*mapping, context.mappings->version);
            if (!translation.ok()) detail["problems"] = translation.problems;
            addProvenance(outcome, translation.ok() ? "mapped" : "mapping-failed", detail.dump());
            done = translated.emplace(delivery.mapping, std::move(translation)).first;
          }
          if (!done->second.ok()) {
            ++refused;
            continue;
          }
          request.idempotencyKey = identity + "/" + delivery.target + "/" + delivery.mapping;
          request.kind = mapping->target.id;
          request.contentType = contentTypeOf(mapping->target);
          request.payload = done->second.output;
          attributes.update(mappingJson(*mapping, context.mappings->version));
        }
        request.attributesJson = attributes.dump();
        outcome.deliveries.push_back(std::move(request));
        ++queued;
      }
      if (queued == 0 && refused > 0) {
        ++rejectedTransactions;
      } else {
        ++deliveredTransactions;
      }
    }
  }

  if (!findings.empty()) addProvenance(outcome, "findings", findings.json());
  if (duplicates == report.interchanges.size()) {
    outcome.state = spool::ItemState::kHeld;
    outcome.holdReason = duplicateReason;
    addProvenance(outcome, "held", nlohmann::json{{"reason", outcome.holdReason}}.dump());
  } else if (deliveredTransactions == 0 && (rejectedTransactions > 0 || envelopeErrors)) {
    outcome.state = spool::ItemState::kRejected;
    addProvenance(outcome, "rejected",
                  nlohmann::json{{"transactions", rejectedTransactions}}.dump());
  } else {
    outcome.state = spool::ItemState::kDelivering;
  }
  return outcome;
}

}  // namespace bridge::daemon

// ItemProcessor: what the daemon does with one stored item, from its payload
// to the effects it must have, all recorded in one ProcessingOutcome.
//
//   payload -> Reader -> EnvelopeValidator -> SchemaValidator
//           -> TransactionCapture -> ReportCollector
//
// Per interchange: the partner is found from the sender; the duplicate key
// (standard, sender qualifier:id, receiver qualifier:id, ISA13 / UNB 0020)
// is checked against the spool within the partner's window (E1) unless the
// item was released; the acknowledgements the partner's profile asks for are
// written (control numbers from the spool, inside the batch's transaction)
// and queued for the partner's ack target. Per transaction set / message: an
// accepted one (no error in it, its group or its interchange) is routed, and
// its JSON form is queued for every target of every matching route, with an
// idempotency key built from its business identity and the target.
//
// A route that names a mapping delivers the canonical document the mapping
// produces (validated against its contract) instead of the JSON form; the
// provenance records the mapping's name, version and content hash, and a
// document the mapping or its contract refuses is not delivered: its
// problems are recorded and it counts as rejected.
//
// Items from a source with `mapping` are documents, not EDI: the mapping
// translates them (canonical JSON, CSV, fixed width, XML) and each document
// it produces is routed by source, partner and the mapping's target.
//
// An item with no interchange at all, or whose every interchange is a
// duplicate, is held with the reason; one whose every transaction was
// rejected is `rejected` (its ack still goes out).
//
// Thread-safety: one processor per thread; the context's objects are used
// from that thread only.
#pragma once

#include <string_view>

#include "bridge/config/bridge_config.h"
#include "bridge/daemon/mapping_runtime.h"
#include "bridge/daemon/route_table.h"
#include "bridge/partners/partner_schema_source.h"
#include "spool/spool.h"

namespace bridge::daemon {

struct ProcessorContext {
  partners::PartnerSchemaSource& schemas;
  const RouteTable& routes;
  const config::AckSettings& acks;
  const config::DuplicateSettings& duplicates;
  // The sources (for those whose files are documents for a mapping).
  const std::vector<config::DirectorySourceSettings>& sources;
  // Null when no mapping directory is configured.
  const MappingRuntime* mappings = nullptr;
  // Milliseconds since the epoch (outbound envelope dates).
  int64_t nowMs = 0;
};

core::Result<spool::ProcessingOutcome> processItem(const spool::StoredItem& item,
                                                   std::string_view payload,
                                                   spool::ProcessingBatch& batch,
                                                   ProcessorContext& context);

}  // namespace bridge::daemon

// Sink: where the bridge's effects go (an outbound folder, the event log;
// HTTP APIs and brokers later).
//
// A sink delivers a batch of documents and says, per document, done, retry
// later, or reject (dead letter, with the reason). Delivering a document
// with an idempotency key that was delivered before must not create a
// second effect the target cannot tell apart (a folder sink writes the same
// file name; an event carries the key as its CloudEvents id).
//
// A fatal Status (not a per-document outcome) means the sink's durable
// storage failed (EIO on fsync): the daemon stops and exits non-zero (D8).
//
// Thread-safety: not thread-safe; used by the daemon's loop thread.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bridge/core/status.h"

namespace bridge::transports {

struct OutboundDocument {
  std::string idempotencyKey;  // stable over replays
  std::string kind;            // "transaction", "ack"
  std::string contentType;     // "application/json", "application/edi-x12", "application/edifact"
  std::string payload;
  // partner, standard, set, version, control, item, source, sender,
  // receiver ...: for naming templates and event subjects. Strings only.
  nlohmann::json attributes = nlohmann::json::object();
};

enum class SinkOutcome { kDone, kRetry, kReject };

struct SinkResult {
  SinkOutcome outcome = SinkOutcome::kDone;
  std::string detail;  // the effect ("wrote out/ACME/997-000000012.x12") or why not
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual const std::string& name() const = 0;
  // One result per document, in order.
  virtual core::Result<std::vector<SinkResult>> deliver(
      const std::vector<OutboundDocument>& documents) = 0;
};

}  // namespace bridge::transports

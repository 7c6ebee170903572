// TransactionCapture: an event handler that keeps the JSON form of each
// transaction set / message (edi-bridge/parse-v1, docs/json-format.md) as a
// document of its own, with the interchange and group headers it arrived in,
// and passes every event on unchanged.
//
// The document of a transaction is what the daemon delivers until mappings
// exist: a parse-v1 document with one interchange, at most one group and one
// transaction. The interchange and group trailers are null (they are not part
// of the transaction; the envelope was checked before delivery).
//
// Memory: the captured documents of the whole input (they are the effects to
// be stored); one transaction's segments while it is open.
//
// Thread-safety: one capture per input, used from the reading thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parsers/edi/events.h"

namespace bridge::daemon {

struct CapturedTransaction {
  size_t interchange = 0;          // index of the interchange in the input
  size_t sequence = 0;             // index of the transaction within its interchange
  std::string setId;               // ST01 / UNH S009 0065
  std::string controlNumber;       // ST02 / UNH 0062
  std::string groupControlNumber;  // GS06 / UNG 0048; empty without a group
  std::string groupVersion;        // GS08; empty for EDIFACT and without a group
  std::string messageVersion;      // EDIFACT UNH S009 0052+0054 ("D96A")
  std::string document;            // the parse-v1 JSON text
};

class TransactionCapture : public parsers::edi::ForwardingHandler {
 public:
  explicit TransactionCapture(parsers::edi::EventHandler& next) : ForwardingHandler(next) {}

  void onInterchangeStart(const parsers::edi::InterchangeInfo& info,
                          const parsers::edi::Segment& header) override;
  void onInterchangeEnd(const parsers::edi::Segment* trailer) override;
  void onGroupStart(const parsers::edi::Segment& header) override;
  void onGroupEnd(const parsers::edi::Segment* trailer) override;
  void onTransactionStart(const parsers::edi::Segment& header) override;
  void onTransactionEnd(const parsers::edi::Segment* trailer) override;
  void onSegment(const parsers::edi::Segment& segment) override;

  std::vector<CapturedTransaction>& transactions() { return transactions_; }

 private:
  std::string segmentJson(const parsers::edi::Segment& segment);

  size_t interchanges_ = 0;  // interchanges started so far
  size_t sequence_ = 0;      // transactions in the current interchange
  bool inInterchange_ = false;
  bool inGroup_ = false;
  bool inTransaction_ = false;
  std::string interchangeOpen_;  // '{"standard":..., "header":..., '
  std::string groupHeader_;      // the group header JSON; empty outside a group
  std::string groupControl_;
  std::string groupVersion_;
  CapturedTransaction current_;
  std::string body_;  // segments of the open transaction, comma-separated
  uint64_t invalidUtf8_ = 0;
  std::vector<CapturedTransaction> transactions_;
};

}  // namespace bridge::daemon

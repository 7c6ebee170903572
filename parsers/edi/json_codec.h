// The JSON form of a parse ("edi-bridge/parse-v1", docs/json-format.md):
// JsonPrinter writes it from reader events, renderJson turns it back into EDI.
//
// JsonPrinter streams: it writes the document framing itself and serializes
// one segment at a time, so memory does not grow with the input. It keeps in
// memory only the segments that sit directly in an interchange or group
// (outside any transaction; normally none or a few, such as TA1), because
// the format lists them apart; past JsonPrinterOptions::maxHeldSegments
// further ones are left out and status() says so. Content that the format
// cannot place (a group after transactions outside groups, in the same
// interchange, or the reverse) is also left out and reported in status().
//
// renderJson reads the whole JSON document (capped by
// RenderOptions::maxInputBytes), checks its structure and writes EDI through
// Writer. Nothing is written to the output unless the whole document renders.
//
// Thread-safety: one JsonPrinter per output, used from one thread.
// renderJson is reentrant.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"
#include "parsers/edi/events.h"
#include "parsers/edi/json_stream_writer.h"

namespace bridge::parsers::edi {

inline constexpr std::string_view kJsonFormat = "edi-bridge/parse-v1";

struct JsonPrinterOptions {
  bool pretty = false;             // indented, one segment per line
  bool lines = true;               // a "line" member in every segment
  size_t maxHeldSegments = 10000;  // per interchange or group, outside transactions
};

class JsonPrinter : public EventHandler {
 public:
  // REQUIRES: out outlives the printer.
  explicit JsonPrinter(std::ostream& out, JsonPrinterOptions options = {});

  void onInterchangeStart(const InterchangeInfo& info, const Segment& header) override;
  void onInterchangeEnd(const Segment* trailer) override;
  void onGroupStart(const Segment& header) override;
  void onGroupEnd(const Segment* trailer) override;
  void onTransactionStart(const Segment& header) override;
  void onTransactionEnd(const Segment* trailer) override;
  void onSegment(const Segment& segment) override;

  // Closes whatever is open and ends the document (with a newline).
  // REQUIRES: called once, after the last event.
  void finish();

  // Ok, or the first content left out of the JSON and why.
  const core::Status& status() const { return status_; }
  // Values (tags included) that were not valid UTF-8 and were written with
  // U+FFFD in place of their bad bytes.
  uint64_t invalidUtf8Values() const { return invalidUtf8_; }

 private:
  enum class Section { kNone, kGroups, kTransactions };

  std::string serialize(const Segment& segment);
  void writeSegmentOrNull(const Segment* segment);
  void openInterchange(const InterchangeInfo& info, const Segment* header);
  void ensureInterchange();
  void closeInterchange(const Segment* trailer);
  void closeGroup(const Segment* trailer);
  void closeTransaction(const Segment* trailer);
  bool enterSection(Section section, std::string_view what);
  void hold(std::vector<std::string>& held, const Segment& segment, std::string_view where);
  void writeHeld(std::string_view key, std::vector<std::string>& held, bool always);
  void leaveOut(std::string message);

  JsonStreamWriter json_;
  std::ostream& out_;
  JsonPrinterOptions options_;
  core::Status status_;
  uint64_t invalidUtf8_ = 0;
  bool finished_ = false;

  std::optional<InterchangeInfo> lastInfo_;
  uint64_t interchangeNumber_ = 0;  // 1-based number of the open interchange object
  bool inInterchange_ = false;
  bool inGroup_ = false;
  bool inTransaction_ = false;
  int skipping_ = 0;  // 1: a left-out transaction is open, 2: a left-out group is
  Section section_ = Section::kNone;
  bool groupsWritten_ = false;
  bool transactionsWritten_ = false;
  std::vector<std::string> interchangeSegments_;
  std::vector<std::string> groupSegments_;
};

struct RenderOptions {
  size_t maxInputBytes = size_t{256} << 20;
  bool lineBreaks = false;
  // Counts and control numbers in trailers computed, missing trailers added
  // (WriterOptions::computeTrailers).
  bool computeTrailers = true;
};

// Reads a parse-v1 document from `in` and writes its EDI to `out`. Returns
// invalid-argument (with the JSON pointer of the problem) for a document that
// is not parse-v1 or holds a value the standard cannot carry,
// resource-exhausted past maxInputBytes, io-error when a stream fails.
core::Status renderJson(std::istream& in, std::ostream& out, const RenderOptions& options = {});

}  // namespace bridge::parsers::edi

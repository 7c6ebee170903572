// EventLogSink: appends each outbound document as a CloudEvents 1.0 event
// (JSON structured mode) to a JSON Lines file, for consumers that tail a
// file or ship it to a broker.
//
// Line format: one event per line, UTF-8 JSON without embedded newlines,
// terminated by '\n':
//   {"specversion":"1.0",
//    "id":"<idempotency key>",             (a re-delivery repeats the id)
//    "type":"com.edi-bridge.<kind>",       (com.edi-bridge.transaction, .ack)
//    "source":"<settings.eventSource>",
//    "subject":"<partner>/<set>/<control>", (the parts present; absent if none)
//    "time":"2024-05-01T12:00:00.123Z",     (RFC 3339, UTC, milliseconds)
//    "datacontenttype":"<content type>",
//    "data":<payload>,  (parsed JSON for application/json, else a string;
//                        "data_base64" instead when the payload is not UTF-8)
//    "edibridge":{<document attributes>}}
//
// Durability: the events of a batch are written with one write and the
// file is synced once; only then are they reported kDone. Disk full while
// appending -> the file is cut back to its size before the write (no
// partial line remains) and the documents not yet synced are kRetry (D7).
// A failed sync or any other write failure -> deliver() returns the error
// and the sink refuses all later batches (D8). A torn last line left by a
// crash is cut off when the file is opened (with a warning), so it is never
// read as an event. A document declared application/json whose payload is
// not JSON is kReject.
//
// Rotation: when the next event would make the file larger than
// rotateBytes, the events before it are written and synced, the file is
// renamed to "<fileName>.<UTC time>" ("-N" added if that name exists), the
// directory synced, and a new file started; a batch may thus span files.
// A single event larger than rotateBytes gets a file of its own.
//
// Re-delivery: an event whose id is already in the current file or in the
// most recently rotated one is not appended again (kDone, "already in
// <fileName>"), so a batch delivered again after a crash between the sync
// and the spool's record of it leaves one line per id. The ids of those two
// files are read when the sink opens and kept in memory (about one string
// per event of two files).
//
// Thread-safety: not thread-safe; used by the daemon's loop thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "bridge/config/bridge_config.h"
#include "spool/disk.h"
#include "transports/sink.h"

namespace bridge::transports {

class EventLogSink : public Sink {
 public:
  // `clockMs`: milliseconds since the epoch (event times, rotated names);
  // the system clock when empty. The file is opened on the first deliver()
  // or by open(). REQUIRES: disk outlives the sink.
  EventLogSink(spool::Disk& disk, std::string name, config::EventLogTargetSettings settings,
               std::function<int64_t()> clockMs = {});
  ~EventLogSink() override;
  EventLogSink(const EventLogSink&) = delete;
  EventLogSink& operator=(const EventLogSink&) = delete;

  const std::string& name() const override { return name_; }
  core::Result<std::vector<SinkResult>> deliver(
      const std::vector<OutboundDocument>& documents) override;

  // Creates the directory and the file if needed and cuts off a torn last
  // line. Called by deliver() when the file is not open yet.
  core::Status open();

  // The current file's path.
  const std::string& path() const { return path_; }

  // One event line (with its '\n') for `document`, or kInvalidArgument when
  // its application/json payload is not JSON.
  core::Result<std::string> eventLine(const OutboundDocument& document, int64_t timeMs) const;

 private:
  // Appends `chunk` at the end and syncs. kResourceExhausted: the file is
  // back to its previous size; any other error is fatal.
  core::Status append(const std::string& chunk);
  core::Status rotate();
  // Adds the ids of the events in the first `size` bytes of `handle` to `ids`.
  core::Status scanIds(int handle, uint64_t size, std::unordered_set<std::string>& ids);
  // Reads the ids of the most recently rotated file into previousIds_.
  core::Status loadPreviousIds();
  core::Status fail(core::Status status);

  spool::Disk& disk_;
  std::string name_;
  config::EventLogTargetSettings settings_;
  std::function<int64_t()> clockMs_;
  std::string directory_;
  std::string path_;
  int handle_ = -1;
  uint64_t size_ = 0;
  bool directoryDirty_ = false;  // a new file's entry is not synced yet
  core::Status failed_;          // once set, every deliver() returns it
  // Ids in the current file and in the most recently rotated one.
  std::unordered_set<std::string> currentIds_;
  std::unordered_set<std::string> previousIds_;
};

}  // namespace bridge::transports

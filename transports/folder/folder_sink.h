// FolderSink: writes each outbound document as one file under a target
// directory (an outbound drop folder a legacy system or an SFTP pusher
// reads), named by a FileNameTemplate.
//
// Files appear atomically (RELIABILITY.md E7): the payload is written to
// ".<final>.tmp" in the same directory, synced, renamed over the final name
// and the directory synced (spool::publishFile), so a reader never sees a
// partial file. The name depends only on the document (its idempotency key
// among others), so delivering the same document again replaces the file
// with identical content: one effect.
//
// Outcomes: written -> kDone ("wrote ACME/ack-997-12-key.x12"); disk full
// -> kRetry with no file or temp file left behind (D7); a rendered path that
// would pass through a symbolic link or onto a directory -> kReject; any
// other I/O failure -> deliver() returns the error (D8).
//
// SECURITY: the path is relative to the configured directory and comes from
// the template, whose field values are sanitised (file_name_template.h);
// the rendered path is checked again with isSafeRelativePath(), and every
// directory on the way is checked with lstat so a symbolic link planted in
// the target cannot redirect a write outside it.
//
// Thread-safety: not thread-safe; used by the daemon's loop thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bridge/config/bridge_config.h"
#include "spool/disk.h"
#include "transports/folder/file_name_template.h"
#include "transports/sink.h"

namespace bridge::transports {

class FolderSink : public Sink {
 public:
  // Templates are checked here; when one is unusable, status() says why and
  // deliver() returns that error. REQUIRES: disk outlives the sink.
  FolderSink(spool::Disk& disk, std::string name, config::FolderTargetSettings settings);

  const std::string& name() const override { return name_; }
  core::Result<std::vector<SinkResult>> deliver(
      const std::vector<OutboundDocument>& documents) override;

  const core::Status& status() const { return status_; }

  // Where `document` is written, relative to the target directory.
  // REQUIRES: status().isOk().
  std::string relativePathFor(const OutboundDocument& document) const;

 private:
  // Outcome for the document, or a fatal error.
  core::Result<SinkResult> deliverOne(const OutboundDocument& document);
  // Creates (and makes durable) the directories of `relativeDirectory`, refusing
  // any that is a symbolic link or not a directory. nullopt when ready; a
  // SinkResult when the document cannot be written now.
  core::Result<std::optional<SinkResult>> prepareDirectory(const std::string& relativeDirectory);

  spool::Disk& disk_;
  std::string name_;
  std::string root_;
  core::Status status_;
  std::optional<FileNameTemplate> defaultTemplate_;
  std::map<std::string, FileNameTemplate> partnerTemplates_;
};

}  // namespace bridge::transports

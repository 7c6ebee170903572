// Pipeline: the daemon's work, stage by stage, each stage handing on only
// what the previous one durably committed (docs/operations.md):
//
//   intake   sources -> spool.ingest (payload fsynced, one commit per batch)
//            -> source removes/archives the original (D5)
//   process  received items -> ItemProcessor -> one commit per batch
//            (states, deliveries, duplicate keys, control numbers, provenance)
//   deliver  due deliveries -> sinks (done / retry / reject) -> one commit
//
// Intake pauses while the spool is over its bounds (count, bytes, free disk;
// D7, D9): the files stay in the source directory and nothing is dropped.
// Any I/O failure other than a full disk is fatal: the stage returns it, the
// daemon stops and exits non-zero, and recovery resumes from the last commit
// on the next start (D8).
//
// Thread-safety: not thread-safe; the daemon drives it from one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/config/bridge_config.h"
#include "bridge/daemon/mapping_runtime.h"
#include "bridge/daemon/route_table.h"
#include "bridge/partners/partner_directory.h"
#include "bridge/partners/partner_schema_source.h"
#include "mappings/engine/contract_registry.h"
#include "mappings/engine/mapping_versions.h"
#include "parsers/schema/registry.h"
#include "spool/spool.h"
#include "transports/sink.h"
#include "transports/source.h"

namespace bridge::daemon {

struct PipelineOptions {
  // Milliseconds since the epoch; replaceable for tests.
  std::function<int64_t()> clock;
  // A schema registry to use instead of loading one from the configured
  // directory (tests that build many pipelines share one; it caches).
  // REQUIRES: outlives the pipeline.
  parsers::schema::SchemaRegistry* registry = nullptr;
};

// What one pass of the stages did.
struct StepReport {
  size_t ingested = 0;
  size_t processed = 0;
  size_t delivered = 0;  // delivery attempts recorded
  bool didWork() const { return ingested + processed + delivered > 0; }
};

class Pipeline {
 public:
  // Opens the spool (recovering it), loads partners and schemas, and builds
  // the sources and sinks of `config`. Errors name what is wrong.
  // REQUIRES: disk outlives the pipeline.
  static core::Result<std::unique_ptr<Pipeline>> create(spool::Disk& disk,
                                                        const config::BridgeConfig& config,
                                                        PipelineOptions options = {});
  ~Pipeline();

  // One pass of every stage. A non-ok status is fatal.
  core::Result<StepReport> step();

  // Steps until nothing is waiting: no stable file in any source (waiting
  // for unstable ones to settle), nothing to process, no delivery due now.
  core::Status runUntilIdle();

  // Steps until `stop` is set, waiting for files, due deliveries or a
  // signal on `wakeFd` (readable when the daemon should look at `stop`)
  // between passes. Returns after finishing the pass in progress.
  // When `reload` is given and set, the mapping set is reloaded between
  // passes (SIGHUP) and the flag cleared.
  core::Status run(const std::atomic<bool>& stop, int wakeFd, std::atomic<bool>* reload = nullptr);

  // Activates the configured mapping directory when every mapping compiles,
  // every test passes and every mapping the routes and sources name is in
  // it; a rollback (pinned version) is loaded instead of the directory.
  // Otherwise the running set stays and the problems are logged. A no-op
  // without a `mappings` directory.
  void reloadMappings();
  const MappingRuntime& mappings() const { return mappingRuntime_; }

  spool::Spool& spool() { return *spool_; }

 private:
  Pipeline(spool::Disk& disk, const config::BridgeConfig& config, PipelineOptions options);

  core::Result<size_t> intake();
  core::Result<size_t> process();
  core::Result<size_t> deliver();
  // Activates (or, when pinned, loads) the mapping set at start; an error
  // when there is no usable set at all.
  core::Status startMappings();
  // The names routes and sources use that `set` lacks.
  std::vector<std::string> missingMappings(const mappings::MappingSet& set) const;
  // The pinned version (after a rollback), else the mapping directory
  // activated when it passes.
  mappings::Activation activateOrLoadPinned();
  void useMappings(mappings::Activation activation);
  // How long run() may sleep before the next pass.
  std::chrono::milliseconds idleWait();

  spool::Disk& disk_;
  config::BridgeConfig config_;
  PipelineOptions options_;
  std::unique_ptr<spool::Spool> spool_;
  std::optional<parsers::schema::SchemaRegistry> ownRegistry_;
  std::optional<partners::PartnerDirectory> partners_;
  std::optional<partners::PartnerSchemaSource> schemas_;
  RouteTable routes_;
  std::optional<mappings::ContractRegistry> contracts_;
  std::optional<mappings::MappingVersions> mappingVersions_;
  MappingRuntime mappingRuntime_;
  std::vector<std::unique_ptr<transports::Source>> sources_;
  std::map<std::string, std::unique_ptr<transports::Sink>> sinks_;
  std::string pauseReason_;  // the intake pause last logged; empty when running
};

}  // namespace bridge::daemon

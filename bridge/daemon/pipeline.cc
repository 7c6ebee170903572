#include "bridge/daemon/pipeline.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <nlohmann/json.hpp>

#include "bridge/core/clock.h"
#include "bridge/core/log.h"
#include "bridge/daemon/item_processor.h"
#include "bridge/partners/partner_loader.h"
#include "mappings/engine/install_paths.h"
#include "transports/dirwatch/directory_source.h"
#include "transports/event_log/event_log_sink.h"
#include "transports/folder/folder_sink.h"

namespace bridge::daemon {
namespace {

// The longest run() sleeps without looking at anything: bounds how stale
// operator commands (replay, release) and rescans can get.
constexpr std::chrono::milliseconds kMaxIdleWait{1000};

spool::SpoolOptions spoolOptions(const config::SpoolSettings& settings,
                                 std::function<int64_t()> clock) {
  spool::SpoolOptions options;
  options.directory = settings.directory.string();
  options.maxActiveItems = settings.maxActiveItems;
  options.maxActiveBytes = settings.maxActiveBytes;
  options.minFreeBytes = settings.minFreeBytes;
  options.maxItemBytes = settings.maxItemBytes;
  options.maxAttempts = settings.maxAttempts;
  options.retryInitialMs = settings.retryInitialMs;
  options.retryMaxMs = settings.retryMaxMs;
  options.deadAfterMs = settings.deadAfterMs;
  options.clock = std::move(clock);
  return options;
}

spool::DeliveryOutcome deliveryOutcome(transports::SinkOutcome outcome) {
  switch (outcome) {
    case transports::SinkOutcome::kDone:
      return spool::DeliveryOutcome::kDone;
    case transports::SinkOutcome::kRetry:
      return spool::DeliveryOutcome::kRetry;
    case transports::SinkOutcome::kReject:
      return spool::DeliveryOutcome::kReject;
  }
  return spool::DeliveryOutcome::kRetry;
}

}  // namespace

Pipeline::Pipeline(spool::Disk& disk, const config::BridgeConfig& config, PipelineOptions options)
    : disk_(disk), config_(config), options_(std::move(options)), routes_(config.routes) {
  if (!options_.clock) options_.clock = core::systemClockMs;
}

Pipeline::~Pipeline() = default;

core::Result<std::unique_ptr<Pipeline>> Pipeline::create(spool::Disk& disk,
                                                         const config::BridgeConfig& config,
                                                         PipelineOptions options) {
  std::unique_ptr<Pipeline> pipeline(new Pipeline(disk, config, std::move(options)));
  Pipeline& p = *pipeline;

  auto spool = spool::Spool::open(disk, spoolOptions(config.spool, p.options_.clock));
  if (!spool) return spool.status();
  p.spool_ = std::move(spool.value());

  parsers::schema::SchemaRegistry* registry = p.options_.registry;
  if (registry == nullptr) {
    registry = &p.ownRegistry_.emplace(
        config.schemas ? *config.schemas : parsers::schema::SchemaRegistry::defaultRoot());
  }
  if (config.partners) {
    config::YamlIssues issues;
    p.partners_ = partners::loadPartnerDirectory(*config.partners, issues);
    if (!p.partners_ || !issues.empty()) {
      return core::Status::invalidArgument("the partner profiles in " + config.partners->string() +
                                           " do not load:\n" + issues.describe());
    }
  }
  p.schemas_.emplace(*registry, p.partners_ ? &*p.partners_ : nullptr, nullptr);
  p.mappingRuntime_.schemas = registry;
  p.mappingRuntime_.partners = p.partners_ ? &*p.partners_ : nullptr;
  core::Status mappingsReady = p.startMappings();
  if (!mappingsReady.isOk()) return mappingsReady;

  for (const config::DirectorySourceSettings& settings : config.sources) {
    p.sources_.push_back(
        std::make_unique<transports::DirectorySource>(disk, settings, p.options_.clock));
  }
  for (const config::TargetSettings& target : config.targets) {
    if (const auto* folder = std::get_if<config::FolderTargetSettings>(&target.kind)) {
      auto sink = std::make_unique<transports::FolderSink>(disk, target.name, *folder);
      if (!sink->status().isOk()) {
        return core::Status::invalidArgument("target '" + target.name +
                                             "': " + sink->status().message());
      }
      p.sinks_[target.name] = std::move(sink);
    } else if (const auto* events = std::get_if<config::EventLogTargetSettings>(&target.kind)) {
      p.sinks_[target.name] =
          std::make_unique<transports::EventLogSink>(disk, target.name, *events, p.options_.clock);
    }
  }
  return pipeline;
}

core::Result<size_t> Pipeline::intake() {
  core::Result<std::optional<spool::IntakePause>> pause = spool_->intakePause();
  if (!pause) return pause.status();
  if (pause->has_value()) {
    if (pauseReason_ != (*pause)->reason) {
      pauseReason_ = (*pause)->reason;
      core::log(core::LogLevel::kWarning, "intake-paused", {{"reason", pauseReason_}});
    }
    return size_t{0};
  }
  if (!pauseReason_.empty()) {
    core::log(core::LogLevel::kInfo, "intake-resumed", {{"after", pauseReason_}});
    pauseReason_.clear();
  }

  size_t ingested = 0;
  for (const auto& source : sources_) {
    core::Result<std::vector<transports::ClaimedFile>> files =
        source->poll(config_.batchSize, config_.spool.maxActiveBytes);
    if (!files) return files.status();
    if (files->empty()) continue;

    std::vector<spool::Arrival> arrivals;
    arrivals.reserve(files->size());
    for (const transports::ClaimedFile& file : *files) {
      arrivals.push_back(spool::Arrival{file.source, file.originalName, file.content});
    }
    core::Result<std::vector<spool::IntakeResult>> stored = spool_->ingest(std::move(arrivals));
    if (!stored) {
      if (stored.status().code() == core::StatusCode::kResourceExhausted) {
        // Disk full or an oversized file: the files stay where they are and
        // intake tries again later (D7).
        core::log(core::LogLevel::kWarning, "intake-deferred",
                  {{"source", source->name()}, {"reason", stored.status().message()}});
        for (const transports::ClaimedFile& file : *files) source->release(file);
        continue;
      }
      return stored.status();
    }
    for (size_t i = 0; i < files->size(); ++i) {
      const spool::IntakeResult& result = (*stored)[i];
      core::Result<std::string> done = source->complete((*files)[i]);
      if (!done) return done.status();
      core::Status marked = spool_->markSourceDone(result.itemId, *done);
      if (!marked.isOk()) return marked;
      if (!result.alreadyStored) ++ingested;
      core::log(core::LogLevel::kInfo, result.alreadyStored ? "source-finished" : "received",
                {{"item", result.itemId},
                 {"source", source->name()},
                 {"name", (*files)[i].originalName},
                 {"bytes", std::to_string((*files)[i].content.size())}});
    }
  }
  return ingested;
}

core::Result<size_t> Pipeline::process() {
  core::Result<std::vector<spool::StoredItem>> items = spool_->itemsToProcess(config_.batchSize);
  if (!items) return items.status();
  if (items->empty()) return size_t{0};

  // Payloads are read (and verified) before the batch's transaction opens:
  // a torn payload is moved aside in a transaction of its own.
  std::vector<std::pair<const spool::StoredItem*, std::string>> readable;
  for (const spool::StoredItem& item : *items) {
    core::Result<std::string> payload = spool_->readPayload(item);
    if (!payload) {
      if (payload.status().code() == core::StatusCode::kCorruption) continue;
      return payload.status();
    }
    readable.emplace_back(&item, std::move(payload.value()));
  }

  core::Result<std::unique_ptr<spool::ProcessingBatch>> batch = spool_->beginProcessing();
  if (!batch) return batch.status();
  ProcessorContext context{*schemas_,       routes_,
                           config_.acks,    config_.duplicates,
                           config_.sources, mappingRuntime_.set ? &mappingRuntime_ : nullptr,
                           options_.clock()};
  std::vector<std::pair<std::string, std::string>> logLines;
  for (auto& [item, payload] : readable) {
    core::Result<spool::ProcessingOutcome> outcome =
        processItem(*item, payload, *batch.value(), context);
    if (!outcome) return outcome.status();
    logLines.emplace_back(
        item->id, std::string(spool::itemStateName(outcome->state)) +
                      (outcome->holdReason.empty() ? std::string() : ": " + outcome->holdReason));
    core::Status recorded = batch.value()->record(std::move(outcome.value()));
    if (!recorded.isOk()) return recorded;
  }
  core::Status committed = batch.value()->commit();
  if (!committed.isOk()) return committed;
  for (const auto& [id, state] : logLines) {
    core::log(core::LogLevel::kInfo, "processed", {{"item", id}, {"state", state}});
  }
  return items->size();
}

core::Result<size_t> Pipeline::deliver() {
  core::Result<std::vector<spool::Delivery>> due = spool_->dueDeliveries(config_.batchSize);
  if (!due) return due.status();
  if (due->empty()) return size_t{0};

  // One sink call per target, in the order the deliveries came.
  std::map<std::string, std::vector<size_t>> byTarget;
  for (size_t i = 0; i < due->size(); ++i) byTarget[(*due)[i].request.target].push_back(i);

  std::vector<spool::DeliveryResult> results(due->size());
  for (const auto& [target, indexes] : byTarget) {
    auto sink = sinks_.find(target);
    if (sink == sinks_.end()) {
      for (size_t i : indexes) {
        results[i] = spool::DeliveryResult{
            (*due)[i].id, spool::DeliveryOutcome::kRetry,
            "no target named '" + target + "' in the configuration; add it, then it is retried"};
      }
      continue;
    }
    std::vector<transports::OutboundDocument> documents;
    documents.reserve(indexes.size());
    for (size_t i : indexes) {
      const spool::DeliveryRequest& request = (*due)[i].request;
      transports::OutboundDocument document;
      document.idempotencyKey = request.idempotencyKey;
      document.kind = request.kind;
      document.contentType = request.contentType;
      document.payload = request.payload;
      document.attributes = nlohmann::json::parse(request.attributesJson, nullptr, false);
      if (!document.attributes.is_object()) document.attributes = nlohmann::json::object();
      documents.push_back(std::move(document));
    }
    core::Result<std::vector<transports::SinkResult>> delivered = sink->second->deliver(documents);
    if (!delivered) return delivered.status();
    for (size_t n = 0; n < indexes.size(); ++n) {
      const transports::SinkResult& result = (*delivered)[n];
      results[indexes[n]] = spool::DeliveryResult{(*due)[indexes[n]].id,
                                                  deliveryOutcome(result.outcome), result.detail};
    }
  }
  core::Status recorded = spool_->recordDeliveries(results);
  if (!recorded.isOk()) return recorded;
  return due->size();
}

core::Result<StepReport> Pipeline::step() {
  StepReport report;
  core::Result<size_t> ingested = intake();
  if (!ingested) return ingested.status();
  report.ingested = *ingested;
  core::Result<size_t> processed = process();
  if (!processed) return processed.status();
  report.processed = *processed;
  core::Result<size_t> delivered = deliver();
  if (!delivered) return delivered.status();
  report.delivered = *delivered;
  return report;
}

std::chrono::milliseconds Pipeline::idleWait() {
  std::chrono::milliseconds wait = kMaxIdleWait;
  for (const auto& source : sources_) {
    const std::chrono::milliseconds next = source->nextCheck();
    if (next.count() > 0) wait = std::min(wait, next);
  }
  if (core::Result<std::optional<int64_t>> due = spool_->nextDueInMs(); due && due->has_value()) {
    wait = std::min(wait, std::chrono::milliseconds(std::max<int64_t>(**due, 1)));
  }
  return std::max(wait, std::chrono::milliseconds(1));
}

std::vector<std::string> Pipeline::missingMappings(const mappings::MappingSet& set) const {
  std::vector<std::string> names = routes_.mappings();
  for (const auto& source : config_.sources) {
    if (!source.mapping.empty()) names.push_back(source.mapping);
  }
  std::vector<std::string> missing;
  for (const auto& name : names) {
    if (set.find(name) == nullptr &&
        std::find(missing.begin(), missing.end(), name) == missing.end()) {
      missing.push_back(name);
    }
  }
  return missing;
}

void Pipeline::useMappings(mappings::Activation activation) {
  mappingRuntime_.set = std::move(activation.set);
  mappingRuntime_.version = activation.version;
  core::log(core::LogLevel::kInfo, "mappings-active",
            {{"version", std::to_string(activation.version)},
             {"mappings", std::to_string(mappingRuntime_.set->mappings.size())},
             {"fingerprint", mappingRuntime_.set->fingerprint},
             {"unchanged", activation.unchanged ? "true" : "false"}});
}

core::Status Pipeline::startMappings() {
  if (!config_.mappings) return core::Status::ok();
  auto contracts = mappings::ContractRegistry::load(
      config_.contracts ? *config_.contracts : mappings::defaultContractDirectory());
  if (!contracts)
    return core::Status::invalidArgument("contracts: " + contracts.status().message());
  contracts_ = std::move(*contracts);
  mappingRuntime_.contracts = &*contracts_;
  mappingVersions_.emplace(config_.spool.directory / "mappings");
  auto active = mappingVersions_->active();
  if (!active) return active.status();
  mappings::Activation activation = activateOrLoadPinned();
  // A directory that fails at start leaves the last active version running.
  if (!activation.activated && *active && !(*active)->pinned) {
    std::string errors;
    for (const auto& error : activation.errors) errors += error + "\n";
    core::log(core::LogLevel::kError, "mappings-not-activated",
              {{"directory", config_.mappings->string()},
               {"problems", errors},
               {"next", "running the last active version; fix the mappings and reload"}});
    activation =
        mappings::loadActiveMappings(*mappingVersions_, {&*contracts_, mappingRuntime_.schemas});
  }
  if (!activation.activated) {
    std::string errors;
    for (const auto& error : activation.errors) errors += "\n  " + error;
    return core::Status::invalidArgument("the mapping set in " + config_.mappings->string() +
                                         " cannot be activated:" + errors);
  }
  const auto missing = missingMappings(*activation.set);
  if (!missing.empty()) {
    std::string names;
    for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
    return core::Status::invalidArgument(
        "the configuration names mappings the active set (version " +
        std::to_string(activation.version) + ") does not have: " + names);
  }
  useMappings(std::move(activation));
  return core::Status::ok();
}

mappings::Activation Pipeline::activateOrLoadPinned() {
  const mappings::CompileContext compile{&*contracts_, mappingRuntime_.schemas};
  auto active = mappingVersions_->active();
  if (active && *active && (*active)->pinned) {
    return mappings::loadActiveMappings(*mappingVersions_, compile);
  }
  mappings::TranslationContext translate;
  translate.contracts = &*contracts_;
  translate.schemas = mappingRuntime_.schemas;
  return mappings::activateMappings(*config_.mappings, *mappingVersions_, compile, translate);
}

void Pipeline::reloadMappings() {
  if (!config_.mappings || !mappingVersions_) return;
  mappings::Activation activation = activateOrLoadPinned();
  if (activation.activated) {
    const auto missing = missingMappings(*activation.set);
    for (const auto& name : missing) {
      activation.errors.push_back("the configuration names mapping '" + name +
                                  "', which the set lacks");
    }
    if (!missing.empty()) {
      activation.activated = false;
      // Keep the running version active on disk too.
      if (mappingRuntime_.version != 0 && mappingRuntime_.version != activation.version) {
        core::Status restored = mappingVersions_->setActive(mappingRuntime_.version, false);
        if (!restored.isOk()) activation.errors.push_back(restored.message());
      }
    }
  }
  if (!activation.activated) {
    std::string errors;
    for (const auto& error : activation.errors) errors += error + "\n";
    core::log(core::LogLevel::kError, "mappings-reload-refused",
              {{"directory", config_.mappings->string()},
               {"problems", errors},
               {"running", std::to_string(mappingRuntime_.version)}});
    return;
  }
  useMappings(std::move(activation));
}

core::Status Pipeline::runUntilIdle() {
  for (;;) {
    core::Result<StepReport> report = step();
    if (!report) return report.status();
    if (report->didWork()) continue;
    std::chrono::milliseconds pending{0};
    for (const auto& source : sources_) pending = std::max(pending, source->nextCheck());
    if (pending.count() == 0) return core::Status::ok();
    std::this_thread::sleep_for(std::min(pending, kMaxIdleWait));
  }
}

core::Status Pipeline::run(const std::atomic<bool>& stop, int wakeFd, std::atomic<bool>* reload) {
  while (!stop.load()) {
    if (reload != nullptr && reload->exchange(false)) reloadMappings();
    core::Result<StepReport> report = step();
    if (!report) return report.status();
    if (report->didWork()) continue;

    std::vector<pollfd> fds;
    if (wakeFd >= 0) fds.push_back(pollfd{wakeFd, POLLIN, 0});
    for (const auto& source : sources_) {
      if (source->waitHandle() >= 0) fds.push_back(pollfd{source->waitHandle(), POLLIN, 0});
    }
    const int timeout = static_cast<int>(idleWait().count());
    if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
      return core::Status::ioError(std::string("poll failed: ") + std::strerror(errno));
    }
  }
  return core::Status::ok();
}

}  // namespace bridge::daemon

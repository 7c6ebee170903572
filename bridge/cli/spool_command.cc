// edi-bridge spool: the operator's view of the spool and the actions on it
// (ls, show, trace, replay, release, retry, purge). docs/operations.md
// explains when to use each.
//
// The commands open the spool without recovery (the daemon may be running
// and owns recovery); every action is one SQLite transaction, so they are
// safe to run beside the daemon, which picks the change up on its next pass.
#include <chrono>
#include <ctime>
#include <iomanip>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bridge/cli/args.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "bridge/config/bridge_config.h"
#include "bridge/config/durations.h"
#include "bridge/core/clock.h"
#include "bridge/core/log.h"
#include "spool/spool.h"

namespace bridge::cli {
namespace {

using nlohmann::ordered_json;

ordered_json itemJson(const spool::StoredItem& item) {
  return {{"id", item.id},
          {"state", std::string(spool::itemStateName(item.state))},
          {"source", item.source},
          {"name", item.originalName},
          {"size", item.size},
          {"sha256", item.sha256},
          {"released", item.released},
          {"received", core::formatUtcMillis(item.receivedAtMs)}};
}

ordered_json detailJson(const std::string& text) {
  ordered_json parsed = ordered_json::parse(text, nullptr, false);
  return parsed.is_discarded() ? ordered_json(text) : parsed;
}

// "spool DIR" from --spool, else from --config's spool.directory.
core::Result<std::string> spoolDirectory(const ParsedArgs& args) {
  if (std::string dir = args.value("--spool"); !dir.empty()) return dir;
  std::string file = args.value("--config");
  if (file.empty()) {
    return core::Status::invalidArgument("name the spool with --config bridge.yaml or --spool DIR");
  }
  config::YamlIssues issues;
  std::optional<config::BridgeConfig> config = config::loadBridgeConfig(file, issues);
  if (!config) return core::Status::invalidArgument(issues.describe());
  return config->spool.directory.string();
}

struct Output {
  Streams io;
  bool json;
};

int listItems(spool::Spool& spool, const ParsedArgs& args, Output out) {
  spool::ItemFilter filter;
  if (std::string state = args.value("--state"); !state.empty()) {
    filter.state = spool::itemStateFromName(state);
    if (!filter.state) {
      return usageError("spool ls",
                        "unknown state '" + state +
                            "'; expected received, delivering, done, held, rejected, dead or "
                            "corrupt",
                        out.io);
    }
  }
  filter.partner = args.value("--partner");
  if (std::string since = args.value("--since"); !since.empty()) {
    core::Result<int64_t> ago = config::parseDuration(since);
    if (!ago) return usageError("spool ls", "--since: " + ago.status().message(), out.io);
    filter.sinceMs = core::systemClockMs() - *ago;
  }
  core::Result<std::vector<spool::StoredItem>> items = spool.list(filter);
  if (!items) {
    out.io.err << "edi-bridge spool ls: " << items.status().message() << "\n";
    return kExitUsage;
  }
  if (out.json) {
    ordered_json list = ordered_json::array();
    for (const spool::StoredItem& item : *items) list.push_back(itemJson(item));
    out.io.out << list.dump() << "\n";
    return kExitOk;
  }
  out.io.out << std::left << std::setw(22) << "ID" << std::setw(12) << "STATE" << std::setw(26)
             << "RECEIVED" << std::setw(14) << "SOURCE"
             << "NAME\n";
  for (const spool::StoredItem& item : *items) {
    out.io.out << std::left << std::setw(22) << item.id << std::setw(12)
               << spool::itemStateName(item.state) << std::setw(26)
               << core::formatUtcMillis(item.receivedAtMs) << std::setw(14) << item.source
               << ordered_json(item.originalName).dump() << "\n";
  }
  return kExitOk;
}

int showItem(spool::Spool& spool, const std::string& id, Output out) {
  core::Result<spool::ItemDetail> detail = spool.show(id);
  if (!detail) {
    out.io.err << "edi-bridge spool show: " << detail.status().message() << "\n";
    return detail.status().code() == core::StatusCode::kNotFound ? kExitRejected : kExitUsage;
  }
  ordered_json deliveries = ordered_json::array();
  for (size_t i = 0; i < detail->deliveries.size(); ++i) {
    const spool::Delivery& delivery = detail->deliveries[i];
    deliveries.push_back(
        {{"target", delivery.request.target},
         {"kind", delivery.request.kind},
         {"key", delivery.request.idempotencyKey},
         {"state", std::string(spool::deliveryStateName(detail->deliveryStates[i]))},
         {"attempts", delivery.attempts},
         {"error", detail->deliveryErrors[i]}});
  }
  ordered_json item = itemJson(detail->item);
  item["partner"] = detail->partner;
  item["holdReason"] = detail->holdReason;
  item["deliveries"] = deliveries;
  if (out.json) {
    out.io.out << item.dump() << "\n";
    return kExitOk;
  }
  out.io.out << "item      " << detail->item.id << "\n"
             << "state     " << spool::itemStateName(detail->item.state) << "\n";
  if (!detail->holdReason.empty()) out.io.out << "reason    " << detail->holdReason << "\n";
  out.io.out << "partner   " << (detail->partner.empty() ? "-" : detail->partner) << "\n"
             << "source    " << detail->item.source << " "
             << ordered_json(detail->item.originalName).dump() << "\n"
             << "received  " << core::formatUtcMillis(detail->item.receivedAtMs) << "\n"
             << "size      " << detail->item.size << " bytes, sha256 " << detail->item.sha256
             << "\n";
  for (const ordered_json& delivery : deliveries) {
    out.io.out << "delivery  " << delivery["target"].get<std::string>() << " "
               << delivery["kind"].get<std::string>() << " " << delivery["state"].get<std::string>()
               << " (attempts " << delivery["attempts"].get<uint32_t>() << ") "
               << delivery["key"].get<std::string>();
    if (const std::string error = delivery["error"].get<std::string>(); !error.empty()) {
      out.io.out << ": " << error;
    }
    out.io.out << "\n";
  }
  return kExitOk;
}

int traceItem(spool::Spool& spool, const std::string& id, Output out) {
  core::Result<std::vector<spool::ProvenanceEntry>> entries = spool.trace(id);
  if (!entries) {
    out.io.err << "edi-bridge spool trace: " << entries.status().message() << "\n";
    return entries.status().code() == core::StatusCode::kNotFound ? kExitRejected : kExitUsage;
  }
  if (out.json) {
    ordered_json list = ordered_json::array();
    for (const spool::ProvenanceEntry& entry : *entries) {
      list.push_back({{"sequence", entry.sequence},
                      {"time", core::formatUtcMillis(entry.timeMs)},
                      {"event", entry.event},
                      {"detail", detailJson(entry.detailJson)}});
    }
    out.io.out << list.dump() << "\n";
    return kExitOk;
  }
  for (const spool::ProvenanceEntry& entry : *entries) {
    out.io.out << core::formatUtcMillis(entry.timeMs) << "  " << std::left << std::setw(16)
               << entry.event << entry.detailJson << "\n";
  }
  return kExitOk;
}

// replay, release, retry: one id or every item matching the filters.
int actOnItems(spool::Spool& spool, const std::string& action, const ParsedArgs& args, Output out) {
  std::vector<std::string> ids(args.positional.begin() + 1, args.positional.end());
  const bool query = !args.value("--state").empty() || !args.value("--partner").empty() ||
                     !args.value("--since").empty();
  if (ids.empty() && !query) {
    return usageError("spool " + action, "expected an item ID, or --state/--partner/--since",
                      out.io);
  }
  if (query) {
    spool::ItemFilter filter;
    if (std::string state = args.value("--state"); !state.empty()) {
      filter.state = spool::itemStateFromName(state);
      if (!filter.state) {
        return usageError("spool " + action, "unknown state '" + state + "'", out.io);
      }
    }
    filter.partner = args.value("--partner");
    if (std::string since = args.value("--since"); !since.empty()) {
      core::Result<int64_t> ago = config::parseDuration(since);
      if (!ago) return usageError("spool " + action, "--since: " + ago.status().message(), out.io);
      filter.sinceMs = core::systemClockMs() - *ago;
    }
    filter.limit = 100000;
    core::Result<std::vector<spool::StoredItem>> items = spool.list(filter);
    if (!items) {
      out.io.err << "edi-bridge spool " << action << ": " << items.status().message() << "\n";
      return kExitUsage;
    }
    for (const spool::StoredItem& item : *items) ids.push_back(item.id);
  }
  ordered_json results = ordered_json::array();
  int code = kExitOk;
  for (const std::string& id : ids) {
    core::Result<std::string> done = action == "replay"    ? spool.replay(id)
                                     : action == "release" ? spool.release(id)
                                                           : spool.retry(id);
    if (!done) {
      out.io.err << "edi-bridge spool " << action << ": " << done.status().message() << "\n";
      code = done.status().code() == core::StatusCode::kNotFound ? kExitRejected : kExitUsage;
      continue;
    }
    results.push_back({{"id", id}, {"result", *done}});
    if (!out.json) out.io.out << id << ": " << *done << "\n";
  }
  if (out.json) out.io.out << results.dump() << "\n";
  return code;
}

int purgeItems(spool::Spool& spool, const ParsedArgs& args, Output out) {
  const std::string olderThan = args.value("--older-than");
  if (olderThan.empty()) return usageError("spool purge", "expected --older-than DURATION", out.io);
  core::Result<int64_t> age = config::parseDuration(olderThan);
  if (!age) return usageError("spool purge", "--older-than: " + age.status().message(), out.io);
  core::Result<uint64_t> purged = spool.purge(*age);
  if (!purged) {
    out.io.err << "edi-bridge spool purge: " << purged.status().message() << "\n";
    return kExitUsage;
  }
  if (out.json) {
    out.io.out << ordered_json{{"purged", *purged}}.dump() << "\n";
  } else {
    out.io.out << "purged " << *purged << " finished item" << (*purged == 1 ? "" : "s") << "\n";
  }
  return kExitOk;
}

}  // namespace

int spoolCommand(const Args& args, Streams io) {
  core::Result<ParsedArgs> parsed = parseArgs(
      args, {"--json"}, {"--config", "--spool", "--state", "--partner", "--since", "--older-than"});
  if (!parsed) return usageError("spool", parsed.status().message(), io);
  if (parsed->help || parsed->positional.empty()) {
    io.out << *commandUsage("spool");
    return parsed->help ? kExitOk : kExitUsage;
  }
  const std::string action = parsed->positional.front();
  static const std::set<std::string> kActions = {"ls",      "show",  "trace", "replay",
                                                 "release", "retry", "purge"};
  if (kActions.count(action) == 0) {
    return usageError("spool", "unknown spool command '" + action + "'", io);
  }
  if ((action == "show" || action == "trace") && parsed->positional.size() != 2) {
    return usageError("spool " + action, "expected exactly one item ID", io);
  }

  core::Result<std::string> directory = spoolDirectory(*parsed);
  if (!directory) return usageError("spool " + action, directory.status().message(), io);
  // The operator asked for items, not for the spool's own progress lines.
  core::setLogLevel(core::LogLevel::kWarning);
  spool::PosixDisk disk;
  spool::SpoolOptions options;
  options.directory = *directory;
  options.recover = false;
  core::Result<std::unique_ptr<spool::Spool>> opened = spool::Spool::open(disk, options);
  if (!opened) {
    io.err << "edi-bridge spool " << action << ": " << opened.status().message() << "\n";
    return kExitUsage;
  }
  spool::Spool& spool = *opened.value();
  Output out{io, parsed->has("--json")};
  if (action == "ls") return listItems(spool, *parsed, out);
  if (action == "show") return showItem(spool, parsed->positional[1], out);
  if (action == "trace") return traceItem(spool, parsed->positional[1], out);
  if (action == "purge") return purgeItems(spool, *parsed, out);
  return actOnItems(spool, action, *parsed, out);
}

}  // namespace bridge::cli

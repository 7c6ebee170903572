// edi-bridge map: the mapping set's life cycle.
//
//   map check             compile every mapping, report every problem at once
//   map test [NAME...]    run the mappings' tests, with a diff for each failure
//   map versions          list the activated versions (needs --config)
//   map reload            check, test and activate the mapping directory of the
//                         configuration, then tell the running daemon (SIGHUP)
//   map rollback [N]      make an earlier version active again (default: the
//                         one before the active one), then tell the daemon
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "bridge/cli/args.h"
#include "bridge/cli/mapping_setup.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "bridge/config/bridge_config.h"
#include "bridge/core/clock.h"
#include "mappings/engine/mapping_tests.h"
#include "mappings/engine/mapping_versions.h"

namespace bridge::cli {
namespace {

namespace fs = std::filesystem;

int check(MappingSetup& setup, const ParsedArgs& args, Streams io) {
  config::YamlIssues issues;
  auto set = mappings::loadMappingSet(setup.mappingDirectory, setup.compileContext(), issues);
  if (args.has("--json")) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& issue : issues.list()) {
      problems.push_back({{"file", issue.file},
                          {"line", issue.line},
                          {"column", issue.column},
                          {"message", issue.message}});
    }
    io.out << nlohmann::json{{"directory", setup.mappingDirectory.string()},
                             {"mappings", set ? set->mappings.size() : 0},
                             {"problems", problems}}
                  .dump(2)
           << "\n";
    return set ? kExitOk : kExitRejected;
  }
  if (set == nullptr) {
    io.err << issues.describe();
    io.err << "edi-bridge map check: " << issues.size()
           << (issues.size() == 1 ? " problem" : " problems") << " in "
           << setup.mappingDirectory.string() << "\n";
    return kExitRejected;
  }
  for (const auto& [name, mapping] : set->mappings) {
    io.out << name << " " << mapping->version << "  " << mapping->source.describe() << " -> "
           << mapping->target.describe() << "\n";
  }
  io.out << set->mappings.size() << " mappings compile (" << set->fingerprint << ")\n";
  return kExitOk;
}

mappings::TranslationContext translationContext(MappingSetup& setup) {
  mappings::TranslationContext context;
  context.contracts = setup.contracts ? &*setup.contracts : nullptr;
  context.schemas = setup.schemas.get();
  return context;
}

int test(MappingSetup& setup, const ParsedArgs& args, Streams io) {
  config::YamlIssues issues;
  auto set = mappings::loadMappingSet(setup.mappingDirectory, setup.compileContext(), issues);
  if (set == nullptr) {
    io.err << issues.describe()
           << "edi-bridge map test: the mappings do not compile; nothing was tested\n";
    return kExitRejected;
  }
  const std::vector<std::string> names(args.positional.begin() + 1, args.positional.end());
  const auto outcomes =
      mappings::runMappingTests(*set, names, translationContext(setup), args.has("--update"));
  size_t failed = 0;
  for (const auto& outcome : outcomes) {
    if (outcome.passed) {
      io.out << "ok    " << outcome.mapping << " / " << outcome.test << "\n";
    } else {
      ++failed;
      io.out << "FAIL  " << outcome.mapping << (outcome.test.empty() ? "" : " / " + outcome.test)
             << "\n"
             << outcome.detail << (outcome.detail.ends_with("\n") ? "" : "\n");
    }
  }
  io.out << outcomes.size() - failed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitRejected;
}

// The daemon writes its pid beside the spool; a stale file (no such
// process) is ignored.
void signalDaemon(const fs::path& spool, Streams io) {
  std::ifstream in(spool / "daemon.pid");
  long pid = 0;
  if (!(in >> pid) || pid <= 1 || ::kill(static_cast<pid_t>(pid), 0) != 0) {
    io.out << "no daemon is running on " << spool.string()
           << "; it will use this version when it starts\n";
    return;
  }
  if (::kill(static_cast<pid_t>(pid), SIGHUP) == 0) {
    io.out << "told the daemon (pid " << pid << ") to reload\n";
  } else {
    io.err << "edi-bridge map: cannot signal the daemon (pid " << pid << "); send it SIGHUP\n";
  }
}

int versionsCommand(const config::BridgeConfig& config, const ParsedArgs& args, Streams io,
                    MappingSetup& setup) {
  mappings::MappingVersions versions(config.spool.directory / "mappings");
  const std::string action = args.positional[0];
  if (action == "versions") {
    auto active = versions.active();
    for (const auto& info : versions.list()) {
      const bool isActive = active && *active && (*active)->version == info.version;
      io.out << (isActive ? "* " : "  ") << info.version << "  "
             << core::formatUtcMillis(info.activatedAtMs) << "  " << info.fingerprint << "  "
             << info.from << (isActive && (*active)->pinned ? "  (pinned by rollback)" : "")
             << "\n";
    }
    return kExitOk;
  }
  if (action == "reload") {
    if (!config.mappings) {
      io.err << "edi-bridge map reload: " << config.file.string()
             << " sets no `mappings` directory\n";
      return kExitUsage;
    }
    auto activation = mappings::activateMappings(*config.mappings, versions, setup.compileContext(),
                                                 translationContext(setup));
    if (!activation.activated) {
      for (const auto& error : activation.errors) io.err << error << "\n";
      io.err << "edi-bridge map reload: the mapping set was not activated; the running set stays\n";
      return kExitRejected;
    }
    io.out << (activation.unchanged ? "unchanged: version " : "activated version ")
           << activation.version << " (" << activation.set->mappings.size() << " mappings)\n";
    signalDaemon(config.spool.directory, io);
    return kExitOk;
  }
  // rollback
  auto active = versions.active();
  if (!active || !*active) {
    io.err << "edi-bridge map rollback: no mapping version is active\n";
    return kExitRejected;
  }
  uint64_t wanted = 0;
  if (args.positional.size() > 1) {
    wanted = std::strtoull(args.positional[1].c_str(), nullptr, 10);
  } else {
    for (const auto& info : versions.list()) {
      if (info.version < (*active)->version) wanted = info.version;
    }
  }
  if (wanted == 0) {
    io.err << "edi-bridge map rollback: there is no earlier version than " << (*active)->version
           << "\n";
    return kExitRejected;
  }
  core::Status status = versions.setActive(wanted, true);
  if (!status.isOk()) {
    io.err << "edi-bridge map rollback: " << status.message() << "\n";
    return kExitRejected;
  }
  io.out << "version " << wanted << " is active (pinned until the next `map reload`)\n";
  signalDaemon(config.spool.directory, io);
  return kExitOk;
}

}  // namespace

int mapCommand(const Args& args, Streams io) {
  std::set<std::string> options = mappingValueOptions();
  options.insert("--config");
  auto parsed = parseArgs(args, {"--json", "--update"}, options);
  if (!parsed) return usageError("map", parsed.status().message(), io);
  if (parsed->help || parsed->positional.empty()) {
    if (!parsed->help)
      return usageError("map", "expected an action: check, test, versions, reload or rollback", io);
    io.out << *commandUsage("map");
    return kExitOk;
  }
  const std::string action = parsed->positional[0];
  std::optional<config::BridgeConfig> config;
  ParsedArgs effective = *parsed;
  if (!parsed->value("--config").empty()) {
    config::YamlIssues issues;
    config = config::loadBridgeConfig(parsed->value("--config"), issues);
    if (!config) {
      io.err << issues.describe();
      return kExitUsage;
    }
    if (config->mappings && effective.value("--mappings").empty()) {
      effective.values["--mappings"] = {config->mappings->string()};
    }
    if (config->contracts && effective.value("--contracts").empty()) {
      effective.values["--contracts"] = {config->contracts->string()};
    }
    if (config->schemas && effective.value("--schemas").empty()) {
      effective.values["--schemas"] = {config->schemas->string()};
    }
  }
  auto setup = MappingSetup::create(effective);
  if (!setup) {
    io.err << "edi-bridge map: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  if (action == "check") return check(**setup, *parsed, io);
  if (action == "test") return test(**setup, *parsed, io);
  if (action == "versions" || action == "reload" || action == "rollback") {
    if (!config)
      return usageError("map", action + " needs --config FILE (the daemon's configuration)", io);
    return versionsCommand(*config, *parsed, io, **setup);
  }
  return usageError(
      "map", "unknown action '" + action + "'; expected check, test, versions, reload or rollback",
      io);
}

}  // namespace bridge::cli

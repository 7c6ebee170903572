// edi-bridge check-config: loads bridge.yaml as the daemon does, then checks
// what the file refers to (the partner profiles, the schema directory, the
// directories of the spool, sources and targets) and prints every problem at
// once. It creates nothing and starts nothing, so it is safe to run against
// the configuration of a running bridge before a restart.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <system_error>
#include <tuple>

#include "bridge/cli/args.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "bridge/config/bridge_config.h"
#include "bridge/partners/partner_loader.h"

namespace bridge::cli {
namespace {

namespace fs = std::filesystem;

struct Checked {
  std::optional<config::BridgeConfig> config;
  size_t partners = 0;
  std::vector<config::YamlIssue> issues;
};

std::string counted(size_t n, std::string_view one, std::string_view many) {
  std::string out = std::to_string(n);
  out.append(" ").append(n == 1 ? one : many);
  return out;
}

// Loads the profiles of `partners:` and checks every partner the file names
// against them. Problems inside the profiles are reported in their own files,
// and once more at `partners:` so that the configuration shows why its
// partner names went unchecked.
size_t checkPartners(const config::ConfigMentions& mentions, config::YamlIssues& issues) {
  if (!mentions.partnerDirectory) return 0;
  const config::ConfigMention& dir = *mentions.partnerDirectory;
  std::error_code ec;
  if (!fs::is_directory(dir.value, ec)) return 0;  // checkDirectoryMentions reports it
  config::YamlIssues profileIssues;
  std::optional<partners::PartnerDirectory> directory =
      partners::loadPartnerDirectory(dir.value, profileIssues);
  if (!directory || !profileIssues.empty()) {
    for (const config::YamlIssue& issue : profileIssues.list()) issues.add(issue);
    issues.add({dir.file, dir.line, dir.column,
                dir.what + " is '" + dir.written +
                    "': " + counted(profileIssues.size(), "problem", "problems") +
                    " in its partner profiles (listed with their files); the partners named "
                    "in this file were not checked"});
    return 0;
  }
  std::vector<std::string> known;
  for (const partners::PartnerProfile& profile : directory->profiles()) known.push_back(profile.id);
  std::sort(known.begin(), known.end());
  config::checkPartnerMentions(mentions, known, issues);
  return directory->size();
}

Checked check(const std::string& file) {
  Checked out;
  config::YamlIssues issues;
  config::ConfigMentions mentions;
  out.config = config::loadBridgeConfig(file, issues, mentions);
  config::checkDirectoryMentions(mentions, issues);
  out.partners = checkPartners(mentions, issues);
  out.issues = issues.list();
  // The configuration's own issues first, in file order; then those in other
  // files (partner profiles), file by file.
  std::stable_sort(out.issues.begin(), out.issues.end(),
                   [&file](const config::YamlIssue& a, const config::YamlIssue& b) {
                     return std::make_tuple(a.file != file, a.file, a.line, a.column) <
                            std::make_tuple(b.file != file, b.file, b.line, b.column);
                   });
  return out;
}

void printJson(const std::string& file, const Checked& checked, std::ostream& out) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (const config::YamlIssue& issue : checked.issues) {
    issues.push_back({{"file", issue.file},
                      {"line", issue.line},
                      {"column", issue.column},
                      {"message", issue.message}});
  }
  // Ordered, so that "ok" comes first for a reader skimming the output.
  nlohmann::ordered_json report = {
      {"ok", checked.issues.empty()}, {"file", file}, {"issues", issues}};
  if (checked.config) {
    report["sources"] = checked.config->sources.size();
    report["targets"] = checked.config->targets.size();
    report["routes"] = checked.config->routes.size();
    report["partners"] = checked.partners;
  } else {
    for (const char* key : {"sources", "targets", "routes", "partners"}) report[key] = nullptr;
  }
  out << report.dump() << '\n';
}

}  // namespace

int checkConfigCommand(const Args& args, Streams io) {
  core::Result<ParsedArgs> parsed = parseArgs(args, {"--json", "--reference"});
  if (!parsed) return usageError("check-config", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("check-config");
    return kExitOk;
  }
  if (parsed->has("--reference")) {
    if (!parsed->positional.empty() || parsed->has("--json"))
      return usageError("check-config", "--reference takes no FILE and no --json", io);
    io.out << config::configurationReference();
    return kExitOk;
  }
  if (parsed->positional.size() != 1)
    return usageError("check-config",
                      "expected one FILE, the configuration (e.g. /etc/edi-bridge/bridge.yaml)",
                      io);
  const std::string& file = parsed->positional[0];
  if (file == "-")
    return usageError("check-config",
                      "the configuration must be a file, not standard input: its relative paths "
                      "are taken from its directory",
                      io);

  const Checked checked = check(file);
  if (parsed->has("--json")) {
    printJson(file, checked, io.out);
  } else if (checked.issues.empty()) {
    io.out << file << ": ok (" << counted(checked.config->sources.size(), "source", "sources")
           << ", " << counted(checked.config->targets.size(), "target", "targets") << ", "
           << counted(checked.config->routes.size(), "route", "routes") << ", "
           << counted(checked.partners, "partner", "partners") << ")\n";
  } else {
    for (const config::YamlIssue& issue : checked.issues) io.out << issue.describe() << '\n';
  }
  if (checked.issues.empty()) return kExitOk;
  io.err << "edi-bridge check-config: " << file << ": "
         << counted(checked.issues.size(), "problem", "problems") << "\n";
  return kExitUsage;
}

}  // namespace bridge::cli

// BridgeConfig: the daemon's configuration (bridge.yaml), loaded against
// declared specs (config_spec.h) so that unknown keys, wrong types and bad
// values are errors with file:line:column. docs/configuration.md lists every
// key; it is generated from the same specs (`edi-bridge check-config
// --reference`).
//
// Relative paths in the file are resolved against the file's directory.
// Durations are written "250ms", "5s", "10m", "2h", "30d"; sizes "512",
// "64KiB", "10MiB", "1GiB".
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bridge/config/yaml_reader.h"

namespace bridge::config {

struct SpoolSettings {
  std::filesystem::path directory;  // required
  uint64_t maxActiveItems = 10000;
  uint64_t maxActiveBytes = 1ull << 30;
  uint64_t minFreeBytes = 64ull << 20;
  uint64_t maxItemBytes = 256ull << 20;
  uint32_t maxAttempts = 10;
  int64_t retryInitialMs = 1000;
  int64_t retryMaxMs = 300000;
  int64_t deadAfterMs = 24ll * 3600 * 1000;
};

struct DirectorySourceSettings {
  std::string name;
  std::filesystem::path path;                    // the watched directory (required)
  std::optional<std::filesystem::path> archive;  // move here after commit; else remove
  std::vector<std::string> ignore = {".*", "*.tmp", "*.part", "*.partial", "*~"};  // globs
  std::string doneSuffix;      // "": no done files; ".done": take X only once X.done exists
  int64_t stableForMs = 1000;  // size and mtime unchanged this long (when no done files)
  int64_t rescanEveryMs = 5000;
  uint64_t maxFileBytes = 256ull << 20;
  // Files here are documents for this mapping (canonical JSON, CSV, fixed
  // width, XML) rather than EDI interchanges; "" = EDI.
  std::string mapping;
  std::string partner;  // the partner those documents are for (outbound envelope, routing)
};

struct FolderTargetSettings {
  std::filesystem::path path;  // required
  // Template for the file name, relative to path; fields in braces:
  // {partner} {kind} {standard} {set} {version} {control} {item} {key} {ext}.
  std::string fileName = "{partner}/{kind}-{set}-{control}-{key}.{ext}";
  std::map<std::string, std::string> partnerFileNames;  // partner -> template
};

struct EventLogTargetSettings {
  std::filesystem::path path;  // directory of the log files (required)
  std::string fileName = "events.jsonl";
  uint64_t rotateBytes = 64ull << 20;
  std::string eventSource = "urn:edi-bridge";  // CloudEvents "source"
};

struct TargetSettings {
  std::string name;
  std::variant<FolderTargetSettings, EventLogTargetSettings> kind;
};

// Empty means "any".
struct RouteMatch {
  std::string source;
  std::string partner;
  std::string standard;  // "x12" | "edifact"
  std::string set;       // "850", "ORDERS"
  std::string version;   // "004010", "D96A"
};

struct RouteSettings {
  std::string name;
  RouteMatch match;
  std::vector<std::string> targets;  // names of targets (at least one)
  std::string mapping;  // the mapping that translates the matched transactions; "" = parse-v1 JSON
};

struct AckSettings {
  std::string target;                           // default target for acks; "" = none
  std::map<std::string, std::string> partners;  // partner -> target
};

struct DuplicateSettings {
  int64_t windowMs = 30ll * 24 * 3600 * 1000;
  std::map<std::string, int64_t> partners;  // partner -> window
};

struct BridgeConfig {
  std::filesystem::path file;
  SpoolSettings spool;
  std::optional<std::filesystem::path> schemas;   // default: the installed schemas
  std::optional<std::filesystem::path> partners;  // directory of partner profiles
  std::optional<std::filesystem::path>
      mappings;  // the mapping directory (docs/mapping-language.md)
  std::optional<std::filesystem::path> contracts;  // default: the installed contracts
  std::vector<DirectorySourceSettings> sources;
  std::vector<TargetSettings> targets;
  std::vector<RouteSettings> routes;
  AckSettings acks;
  DuplicateSettings duplicates;
  size_t batchSize = 256;  // items per durable commit
};

// Loads and checks `path`: every issue is recorded in `issues`; returns
// nullopt when there is any. Cross-references (route targets, ack targets,
// route sources, unique names) are checked too, and so is that a file naming
// partners sets `partners`; whether each named partner has a profile is
// checked by the caller against the partner directory (checkPartnerMentions).
std::optional<BridgeConfig> loadBridgeConfig(const std::filesystem::path& path, YamlIssues& issues);

// A value in the file that names something outside it, with the place it was
// written, so that checks needing more than the file (the partner profiles,
// the file system) report at the line of the configuration.
struct ConfigMention {
  std::string what;     // "routes[1].match 'partner'"
  std::string written;  // the value as written in the file
  std::string value;    // the partner id, or the path resolved
  std::string file;
  uint64_t line = 0;    // 1-based
  uint64_t column = 0;  // 1-based
};

struct ConfigMentions {
  std::vector<ConfigMention> partners;  // every partner id the file uses
  // Directories that need not exist yet (spool, source, archive and target
  // paths): if they exist they must be directories.
  std::vector<ConfigMention> directories;
  // Directories that must exist: `schemas` and `partners`.
  std::vector<ConfigMention> existingDirectories;
  std::optional<ConfigMention> partnerDirectory;  // `partners`, when set
};

// loadBridgeConfig, also recording the mentions of what was read (even when
// there are issues, so that one run of check-config reports everything).
std::optional<BridgeConfig> loadBridgeConfig(const std::filesystem::path& path, YamlIssues& issues,
                                             ConfigMentions& mentions);
// The same for YAML held in memory, as if read from `path` (relative paths
// are resolved against its directory).
std::optional<BridgeConfig> loadBridgeConfigText(std::string_view text,
                                                 const std::filesystem::path& path,
                                                 YamlIssues& issues, ConfigMentions& mentions);

// Reports every mentioned partner that is not among `knownPartners` (the ids
// of the profiles loaded from mentions.partnerDirectory).
void checkPartnerMentions(const ConfigMentions& mentions,
                          const std::vector<std::string>& knownPartners, YamlIssues& issues);

// Reports mentioned directories that exist as something other than a
// directory, and required ones that do not exist. Creates nothing.
void checkDirectoryMentions(const ConfigMentions& mentions, YamlIssues& issues);

// docs/configuration.md's reference part: every key, its type, default,
// description and an example, as Markdown.
std::string configurationReference();

}  // namespace bridge::config

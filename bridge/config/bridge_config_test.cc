#include "bridge/config/bridge_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "bridge/config/config_spec.h"
#include "bridge/config/durations.h"

namespace bridge::config {
namespace {

namespace fs = std::filesystem;

constexpr char kFile[] = "/cfg/bridge.yaml";

struct Loaded {
  std::optional<BridgeConfig> config;
  YamlIssues issues;
  ConfigMentions mentions;

  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const YamlIssue& issue : issues.list()) out.push_back(issue.describe());
    return out;
  }
};

Loaded load(std::string_view text) {
  Loaded out;
  out.config = loadBridgeConfigText(text, kFile, out.issues, out.mentions);
  return out;
}

constexpr char kExample[] = R"(spool:
  directory: /var/spool/edi-bridge
  max_active_items: 10000
  max_active_bytes: 1GiB
  min_free_bytes: 64MiB
  max_item_bytes: 256MiB
  max_attempts: 10
  retry_initial: 1s
  retry_max: 5m
  dead_after: 24h
schemas: /usr/share/edi-bridge/schemas
partners: partners/
batch_size: 128
sources:
  - name: suppliers
    type: directory
    path: inbound/suppliers
    archive: archive/suppliers
    ignore: [".*", "*.tmp"]
    done_suffix: ".done"
    stable_for: 2s
    rescan_every: 10s
    max_file_bytes: 100MiB
targets:
  - name: erp-events
    type: event-log
    path: events/
    file_name: events.jsonl
    rotate_bytes: 32MiB
    event_source: urn:edi-bridge:demo
  - name: partner-outbound
    type: folder
    path: outbound/
    file_name: "{partner}/{kind}-{set}-{control}-{key}.{ext}"
    partner_file_names: { abcco: "ABCCO/{kind}_{control}.{ext}" }
routes:
  - name: supplier-orders
    match: { source: suppliers, partner: abcco, standard: x12, set: "850", version: "004010" }
    targets: [erp-events]
acks:
  target: partner-outbound
  partners: { abcco: partner-outbound }
duplicates:
  window: 30d
  partners: { abcco: 90d }
)";

TEST(ConfigDurations, ParsesEveryUnitAndSaysWhatIsAccepted) {
  EXPECT_EQ(*parseDuration("250ms"), 250);
  EXPECT_EQ(*parseDuration("5s"), 5000);
  EXPECT_EQ(*parseDuration("10m"), 600000);
  EXPECT_EQ(*parseDuration("2h"), 7200000);
  EXPECT_EQ(*parseDuration("30d"), 2592000000);
  EXPECT_EQ(*parseDuration("0s"), 0);
  EXPECT_EQ(parseDuration("5 s").status().message(),
            "expected a duration: a whole number and a unit, ms, s, m, h or d (250ms, 5s, 10m, "
            "2h, 30d)");
  EXPECT_EQ(parseDuration("1.5h").status().message(), parseDuration("5 s").status().message());
  EXPECT_EQ(parseDuration("-5s").status().message(), parseDuration("5 s").status().message());
  EXPECT_EQ(parseDuration("5").status().message(),
            "a duration needs a unit: write 5s for seconds, or use ms, m, h or d");
  EXPECT_EQ(parseDuration("").status().message(), parseDuration("5 s").status().message());
  EXPECT_EQ(parseDuration("200000000000000d").status().message(), "the duration is too long");
}

TEST(ConfigDurations, ParsesBinarySizesAndRefusesDecimalUnits) {
  EXPECT_EQ(*parseSize("512"), 512u);
  EXPECT_EQ(*parseSize("64KiB"), 64u * 1024);
  EXPECT_EQ(*parseSize("10MiB"), 10u << 20);
  EXPECT_EQ(*parseSize("1GiB"), 1ull << 30);
  EXPECT_EQ(*parseSize("2TiB"), 2ull << 40);
  EXPECT_EQ(parseSize("10MB").status().message(),
            "sizes are binary: write 10MiB (1MiB = 1048576 bytes)");
  EXPECT_EQ(parseSize("4k").status().message(), "sizes are binary: write 4KiB (1KiB = 1024 bytes)");
  EXPECT_EQ(parseSize("1gib").status().message(),
            "sizes are binary: write 1GiB (1GiB = 1073741824 bytes)");
  EXPECT_EQ(parseSize("lots").status().message(),
            "expected a size: a whole number of bytes, or one followed by KiB, MiB, GiB or TiB "
            "(512, 64KiB, 10MiB, 1GiB)");
  EXPECT_EQ(parseSize("99999999TiB").status().message(), "the size is too large");
  EXPECT_EQ(*parseSize("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(parseSize("18446744073709551616"));
}

TEST(ConfigDurations, FormatsInTheLargestExactUnitAndParsesBack) {
  EXPECT_EQ(formatDuration(24ll * 3600 * 1000), "1d");
  EXPECT_EQ(formatDuration(90ll * 60 * 1000), "90m");
  EXPECT_EQ(formatDuration(1500), "1500ms");
  EXPECT_EQ(formatDuration(0), "0ms");
  EXPECT_EQ(formatSize(1ull << 30), "1GiB");
  EXPECT_EQ(formatSize(1536), "1536");
  EXPECT_EQ(formatSize(0), "0");
  for (int64_t ms : {1ll, 999ll, 60000ll, 7200000ll, 2592000000ll})
    EXPECT_EQ(*parseDuration(formatDuration(ms)), ms);
  for (uint64_t bytes : {1ull, 1023ull, 1024ull, 3ull << 20, 5ull << 40})
    EXPECT_EQ(*parseSize(formatSize(bytes)), bytes);
}

TEST(BridgeConfig, LoadsTheFullExampleAndResolvesPathsAgainstTheFilesDirectory) {
  Loaded r = load(kExample);
  ASSERT_TRUE(r.config) << r.issues.describe();
  const BridgeConfig& c = *r.config;
  EXPECT_EQ(c.file, kFile);
  EXPECT_EQ(c.spool.directory, "/var/spool/edi-bridge");
  EXPECT_EQ(c.spool.deadAfterMs, 24ll * 3600 * 1000);
  EXPECT_EQ(c.schemas, fs::path("/usr/share/edi-bridge/schemas"));
  EXPECT_EQ(c.partners, fs::path("/cfg/partners"));
  EXPECT_EQ(c.batchSize, 128u);
  ASSERT_EQ(c.sources.size(), 1u);
  const DirectorySourceSettings& s = c.sources[0];
  EXPECT_EQ(s.name, "suppliers");
  EXPECT_EQ(s.path, "/cfg/inbound/suppliers");
  EXPECT_EQ(s.archive, fs::path("/cfg/archive/suppliers"));
  EXPECT_EQ(s.ignore, (std::vector<std::string>{".*", "*.tmp"}));
  EXPECT_EQ(s.doneSuffix, ".done");
  EXPECT_EQ(s.stableForMs, 2000);
  EXPECT_EQ(s.rescanEveryMs, 10000);
  EXPECT_EQ(s.maxFileBytes, 100ull << 20);
  ASSERT_EQ(c.targets.size(), 2u);
  EXPECT_EQ(c.targets[0].name, "erp-events");
  const auto* log = std::get_if<EventLogTargetSettings>(&c.targets[0].kind);
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->path, "/cfg/events");
  EXPECT_EQ(log->rotateBytes, 32ull << 20);
  EXPECT_EQ(log->eventSource, "urn:edi-bridge:demo");
  const auto* folder = std::get_if<FolderTargetSettings>(&c.targets[1].kind);
  ASSERT_NE(folder, nullptr);
  EXPECT_EQ(folder->path, "/cfg/outbound");
  EXPECT_EQ(folder->partnerFileNames,
            (std::map<std::string, std::string>{{"abcco", "ABCCO/{kind}_{control}.{ext}"}}));
  ASSERT_EQ(c.routes.size(), 1u);
  EXPECT_EQ(c.routes[0].match.source, "suppliers");
  EXPECT_EQ(c.routes[0].match.partner, "abcco");
  EXPECT_EQ(c.routes[0].match.standard, "x12");
  EXPECT_EQ(c.routes[0].match.set, "850");
  EXPECT_EQ(c.routes[0].match.version, "004010");
  EXPECT_EQ(c.routes[0].targets, (std::vector<std::string>{"erp-events"}));
  EXPECT_EQ(c.acks.target, "partner-outbound");
  EXPECT_EQ(c.acks.partners.at("abcco"), "partner-outbound");
  EXPECT_EQ(c.duplicates.windowMs, 30ll * 24 * 3600 * 1000);
  EXPECT_EQ(c.duplicates.partners.at("abcco"), 90ll * 24 * 3600 * 1000);
}

TEST(BridgeConfig, RecordsWhereEveryPartnerAndDirectoryIsNamed) {
  Loaded r = load(kExample);
  ASSERT_TRUE(r.config) << r.issues.describe();
  std::vector<std::string> partners;
  for (const ConfigMention& m : r.mentions.partners)
    partners.push_back(m.what + "@" + std::to_string(m.line) + ":" + std::to_string(m.column));
  EXPECT_EQ(partners, (std::vector<std::string>{
                          "targets[2].partner_file_names@35:27",
                          "routes[1].match 'partner'@38:42",
                          "acks.partners@42:15",
                          "duplicates.partners@45:15",
                      }));
  ASSERT_TRUE(r.mentions.partnerDirectory);
  EXPECT_EQ(r.mentions.partnerDirectory->written, "partners/");
  EXPECT_EQ(r.mentions.partnerDirectory->value, "/cfg/partners");
  std::vector<std::string> required;
  for (const ConfigMention& m : r.mentions.existingDirectories) required.push_back(m.value);
  EXPECT_EQ(required, (std::vector<std::string>{"/usr/share/edi-bridge/schemas", "/cfg/partners"}));
  std::vector<std::string> created;
  for (const ConfigMention& m : r.mentions.directories) created.push_back(m.what + "=" + m.value);
  EXPECT_EQ(created, (std::vector<std::string>{
                         "spool 'directory'=/var/spool/edi-bridge",
                         "sources[1] 'path'=/cfg/inbound/suppliers",
                         "sources[1] 'archive'=/cfg/archive/suppliers",
                         "targets[1] 'path'=/cfg/events",
                         "targets[2] 'path'=/cfg/outbound",
                     }));
}

TEST(BridgeConfig, DefaultsAreTheStructInitialisers) {
  Loaded r = load(
      "spool: {directory: spool}\n"
      "sources: [{name: in, type: directory, path: in}]\n"
      "targets: [{name: f, type: folder, path: out}, {name: e, type: event-log, path: ev}]\n"
      "routes: [{name: all, targets: [f]}]\n");
  ASSERT_TRUE(r.config) << r.issues.describe();
  const BridgeConfig& c = *r.config;
  const SpoolSettings spool;
  EXPECT_EQ(c.spool.maxActiveItems, spool.maxActiveItems);
  EXPECT_EQ(c.spool.maxActiveBytes, spool.maxActiveBytes);
  EXPECT_EQ(c.spool.minFreeBytes, spool.minFreeBytes);
  EXPECT_EQ(c.spool.maxItemBytes, spool.maxItemBytes);
  EXPECT_EQ(c.spool.maxAttempts, spool.maxAttempts);
  EXPECT_EQ(c.spool.retryInitialMs, spool.retryInitialMs);
  EXPECT_EQ(c.spool.retryMaxMs, spool.retryMaxMs);
  EXPECT_EQ(c.spool.deadAfterMs, spool.deadAfterMs);
  EXPECT_EQ(c.batchSize, BridgeConfig().batchSize);
  EXPECT_FALSE(c.schemas);
  EXPECT_FALSE(c.partners);
  const DirectorySourceSettings source;
  EXPECT_FALSE(c.sources[0].archive);
  EXPECT_EQ(c.sources[0].ignore, source.ignore);
  EXPECT_EQ(c.sources[0].doneSuffix, source.doneSuffix);
  EXPECT_EQ(c.sources[0].stableForMs, source.stableForMs);
  EXPECT_EQ(c.sources[0].rescanEveryMs, source.rescanEveryMs);
  EXPECT_EQ(c.sources[0].maxFileBytes, source.maxFileBytes);
  const auto& folder = std::get<FolderTargetSettings>(c.targets[0].kind);
  EXPECT_EQ(folder.fileName, FolderTargetSettings().fileName);
  EXPECT_TRUE(folder.partnerFileNames.empty());
  const auto& log = std::get<EventLogTargetSettings>(c.targets[1].kind);
  EXPECT_EQ(log.fileName, EventLogTargetSettings().fileName);
  EXPECT_EQ(log.rotateBytes, EventLogTargetSettings().rotateBytes);
  EXPECT_EQ(log.eventSource, EventLogTargetSettings().eventSource);
  EXPECT_TRUE(c.routes[0].match.source.empty());
  EXPECT_TRUE(c.routes[0].match.partner.empty());
  EXPECT_TRUE(c.acks.target.empty());
  EXPECT_EQ(c.duplicates.windowMs, DuplicateSettings().windowMs);
}

// The reference shows defaults as an administrator writes them; each must
// read back as the struct's initialiser.
TEST(BridgeConfig, DocumentedDefaultsAreWrittenAsAdministratorsWriteThem) {
  auto defaultOf = [](std::string_view section, std::string_view key) {
    const KeySpec* spec = findKey(sectionSpec(section), key);
    return spec == nullptr ? std::string("<no key>") : spec->defaultValue;
  };
  EXPECT_EQ(defaultOf("spool", "max_active_bytes"), "1GiB");
  EXPECT_EQ(defaultOf("spool", "min_free_bytes"), "64MiB");
  EXPECT_EQ(defaultOf("spool", "max_item_bytes"), "256MiB");
  EXPECT_EQ(defaultOf("spool", "retry_initial"), "1s");
  EXPECT_EQ(defaultOf("spool", "retry_max"), "5m");
  EXPECT_EQ(defaultOf("spool", "dead_after"), "1d");
  EXPECT_EQ(defaultOf("spool", "max_attempts"), "10");
  EXPECT_EQ(defaultOf("top", "batch_size"), "256");
  EXPECT_EQ(defaultOf("sources", "ignore"), R"([".*", "*.tmp", "*.part", "*.partial", "*~"])");
  EXPECT_EQ(defaultOf("sources", "done_suffix"), R"("")");
  EXPECT_EQ(defaultOf("sources", "stable_for"), "1s");
  EXPECT_EQ(defaultOf("targets.folder", "file_name"),
            R"("{partner}/{kind}-{set}-{control}-{key}.{ext}")");
  EXPECT_EQ(defaultOf("targets.event-log", "rotate_bytes"), "64MiB");
  EXPECT_EQ(defaultOf("duplicates", "window"), "30d");

  // Writing every default explicitly changes nothing.
  std::string text;
  for (const SectionSpec& section : configSpec()) {
    if (section.id == "top" || section.exampleOpening.empty()) continue;
    if (section.id != "spool" && section.id != "sources" && section.id != "duplicates") continue;
    text.append(section.exampleOpening);
    bool first = section.id == "sources";
    if (section.id == "spool") text.append("  directory: /s\n");
    if (section.id == "sources") {
      text.append("name: in\n    type: directory\n    path: in\n");
      first = false;
    }
    for (const KeySpec& key : section.keys) {
      if (key.defaultValue.empty()) continue;
      if (!first) text.append(section.exampleIndent);
      text.append(key.name).append(": ").append(key.defaultValue).append("\n");
    }
  }
  Loaded r = load(text);
  ASSERT_TRUE(r.config) << r.issues.describe() << text;
  const SpoolSettings spool;
  EXPECT_EQ(r.config->spool.maxItemBytes, spool.maxItemBytes);
  EXPECT_EQ(r.config->spool.deadAfterMs, spool.deadAfterMs);
  EXPECT_EQ(r.config->sources[0].ignore, DirectorySourceSettings().ignore);
  EXPECT_EQ(r.config->duplicates.windowMs, DuplicateSettings().windowMs);
}

// Each section's example (as the reference prints it) loads, with what it
// refers to declared around it. Loading also proves that every declared key
// is read by the loader: Block throws for a key it never asks for.
TEST(BridgeConfig, EverySectionExampleLoads) {
  const std::string spool = "spool: {directory: /s}\n";
  const std::string withPartners = spool + "partners: p\nmappings: m\n";
  const std::string sourceAndTargets =
      "sources: [{name: suppliers, type: directory, path: in}]\n"
      "targets: [{name: erp-events, type: event-log, path: ev}, "
      "{name: partner-outbound, type: folder, path: out}]\n";
  const std::map<std::string, std::string> context = {
      {"top", spool},
      {"spool", ""},
      {"sources", withPartners},
      {"targets", spool},
      {"targets.folder", withPartners},
      {"targets.event-log", spool},
      {"routes", withPartners + sourceAndTargets},
      {"routes.match", withPartners + sourceAndTargets},
      {"acks", withPartners + sourceAndTargets},
      {"duplicates", withPartners},
  };
  for (const SectionSpec& section : configSpec()) {
    SCOPED_TRACE(section.id);
    ASSERT_EQ(context.count(section.id), 1u);
    for (const KeySpec& key : section.keys) {
      const bool block = key.type == ValueType::kMapping || key.type == ValueType::kMappingList;
      // Blocks of the top level are shown by their own sections.
      const bool shown = !(block && section.id == "top");
      EXPECT_EQ(!key.example.empty(), shown) << key.name;
      EXPECT_FALSE(key.description.empty()) << key.name;
    }
    const std::string text = context.at(section.id) + sectionExample(section);
    Loaded r;
    ASSERT_NO_THROW(r = load(text));
    EXPECT_TRUE(r.config) << r.issues.describe() << text;
    EXPECT_TRUE(r.issues.empty());
  }
}

TEST(BridgeConfig, ReportsUnknownKeysWithTheLikelyMeaning) {
  Loaded r = load(
      "spool:\n"
      "  directory: /s\n"
      "  retry_intial: 2s\n"
      "  max-attempts: 3\n"
      "  colour: blue\n"
      "batchsize: 10\n");
  EXPECT_FALSE(r.config);
  const std::string spoolKeys =
      "expected 'directory', 'max_active_items', 'max_active_bytes', 'min_free_bytes', "
      "'max_item_bytes', 'max_attempts', 'retry_initial', 'retry_max' or 'dead_after'";
  EXPECT_EQ(
      r.lines(),
      (std::vector<std::string>{
          "/cfg/bridge.yaml:3:3: unknown key 'retry_intial' in spool; did you mean "
          "'retry_initial'? " +
              spoolKeys,
          "/cfg/bridge.yaml:4:3: unknown key 'max-attempts' in spool; did you mean "
          "'max_attempts'? " +
              spoolKeys,
          "/cfg/bridge.yaml:5:3: unknown key 'colour' in spool; " + spoolKeys,
          "/cfg/bridge.yaml:6:1: unknown key 'batchsize' in the configuration; did you "
          "mean 'batch_size'? expected 'spool', 'schemas', 'partners', 'mappings', 'contracts', "
          "'batch_size', "
          "'sources', 'targets', 'routes', 'acks' or 'duplicates'",
      }));
}

TEST(BridgeConfig, AKeyOfAnotherTargetTypeIsNamedAsSuch) {
  Loaded r = load(
      "spool: {directory: /s}\n"
      "targets:\n"
      "  - name: events\n"
      "    type: event-log\n"
      "    path: ev\n"
      "    partner_file_names: {abcco: x}\n"
      "  - name: weird\n"
      "    type: queue\n"
      "    path: q\n"
      "    rotate_bytes: 1KiB\n"
      "    colour: red\n");
  EXPECT_EQ(r.lines(),
            (std::vector<std::string>{
                "/cfg/bridge.yaml:6:5: unknown key 'partner_file_names' in targets[1]: it is a "
                "key of targets of type 'folder', and this one is of type 'event-log'; expected "
                "'name', 'type', 'path', 'file_name', 'rotate_bytes' or 'event_source'",
                "/cfg/bridge.yaml:8:11: targets[2] 'type' is 'queue'; expected 'folder' or "
                "'event-log'",
                "/cfg/bridge.yaml:11:5: unknown key 'colour' in targets[2]; expected 'name', "
                "'type' or 'path'",
            }));
}

TEST(BridgeConfig, CollectsEveryBadValueInOneRun) {
  Loaded r = load(
      "spool:\n"
      "  directory: ~/spool\n"
      "  max_active_bytes: 10MB\n"
      "  retry_initial: 5 seconds\n"
      "  retry_max: 0s\n"
      "  max_attempts: 0\n"
      "  dead_after: [1d]\n"
      "batch_size: 20000\n"
      "sources:\n"
      "  - name: in box\n"
      "    type: ftp\n"
      "    path: ''\n"
      "    ignore: ['*.tmp', 'tmp/*', '']\n"
      "    done_suffix: a/b\n"
      "    stable_for: 1000\n"
      "targets:\n"
      "  - name: ev\n"
      "    type: event-log\n"
      "    path: ev\n"
      "    file_name: logs/events.jsonl\n"
      "    rotate_bytes: 0\n"
      "    event_source: ''\n"
      "routes: {name: r}\n"
      "duplicates:\n"
      "  window: forever\n"
      "  partners: {ABC: 1d, acme: 0d}\n");
  EXPECT_FALSE(r.config);
  EXPECT_EQ(
      r.lines(),
      (std::vector<std::string>{
          "/cfg/bridge.yaml:2:14: spool 'directory' is '~/spool'; '~' is not expanded here: "
          "write the full path, or one relative to /cfg",
          "/cfg/bridge.yaml:3:21: spool 'max_active_bytes' is '10MB'; sizes are binary: write "
          "10MiB (1MiB = 1048576 bytes)",
          "/cfg/bridge.yaml:4:18: spool 'retry_initial' is '5 seconds'; expected a duration: a "
          "whole number and a unit, ms, s, m, h or d (250ms, 5s, 10m, 2h, 30d)",
          "/cfg/bridge.yaml:5:14: spool 'retry_max' is '0s'; expected a duration of more than 0",
          "/cfg/bridge.yaml:6:17: spool 'max_attempts' is '0'; expected a whole number from 1 "
          "to 1000",
          "/cfg/bridge.yaml:7:15: spool 'dead_after' must be a single value, not a list",
          "/cfg/bridge.yaml:8:13: the configuration 'batch_size' is '20000'; expected a whole "
          "number from 1 to 10000",
          "/cfg/bridge.yaml:10:11: sources[1] 'name' is 'in box'; expected letters, digits, "
          "'.', '_' or '-' (e.g. erp-events)",
          "/cfg/bridge.yaml:11:11: sources[1] 'type' is 'ftp'; expected 'directory'",
          "/cfg/bridge.yaml:12:11: sources[1] 'path' is empty; write a directory, absolute or "
          "relative to /cfg",
          "/cfg/bridge.yaml:13:23: sources[1] 'ignore'[2] is 'tmp/*'; patterns match file "
          "names, which have no '/': remove the directory part",
          "/cfg/bridge.yaml:13:32: sources[1] 'ignore'[3] is empty; write a pattern such as "
          "\"*.tmp\", or remove it",
          "/cfg/bridge.yaml:14:18: sources[1] 'done_suffix' is 'a/b'; a suffix of file names "
          "has no '/' or control characters (e.g. \".done\")",
          "/cfg/bridge.yaml:15:17: sources[1] 'stable_for' is '1000'; a duration needs a unit: "
          "write 1000s for seconds, or use ms, m, h or d",
          "/cfg/bridge.yaml:20:16: targets[1] 'file_name' is 'logs/events.jsonl'; expected a "
          "single file name (no '/', not '.' or '..'), such as events.jsonl",
          "/cfg/bridge.yaml:21:19: targets[1] 'rotate_bytes' is '0'; expected a size of more "
          "than 0",
          "/cfg/bridge.yaml:22:19: targets[1] 'event_source' is ''; expected a URI without "
          "spaces, such as urn:edi-bridge:plant-1",
          "/cfg/bridge.yaml:23:9: the configuration 'routes' must be a list (each entry "
          "beginning with '- '), not a mapping",
          "/cfg/bridge.yaml:25:11: duplicates 'window' is 'forever'; expected a duration: a "
          "whole number and a unit, ms, s, m, h or d (250ms, 5s, 10m, 2h, 30d)",
          "/cfg/bridge.yaml:26:14: duplicates.partners key is 'ABC'; expected 1-64 "
          "lower-case letters, digits, '-' or '_', starting with a letter or digit (e.g. "
          "acme-supply)",
          "/cfg/bridge.yaml:26:23: duplicates.partners names the partner 'acme', but "
          "'partners' (the directory of partner profiles) is not set; set it, or remove the "
          "partner",
          "/cfg/bridge.yaml:26:29: duplicates.partners 'acme' is '0d'; expected a duration of "
          "more than 0",
      }));
}

TEST(BridgeConfig, ChecksNamesAndWhatTheyReferTo) {
  Loaded r = load(
      "spool: {directory: /s}\n"
      "sources:\n"
      "  - {name: suppliers, type: directory, path: in}\n"
      "  - {name: suppliers, type: directory, path: ./in/}\n"
      "targets:\n"
      "  - {name: erp-events, type: event-log, path: ev}\n"
      "  - {name: outbound, type: folder, path: in}\n"
      "routes:\n"
      "  - name: orders\n"
      "    match: {source: supplier, standard: X12, set: '8 50'}\n"
      "    targets: [erp-event, erp-events, erp-events]\n"
      "  - name: orders\n"
      "    targets: []\n"
      "  - name: other\n"
      "acks:\n"
      "  target: nowhere\n"
      "  partners: {abcco: outbund}\n");
  EXPECT_FALSE(r.config);
  EXPECT_EQ(
      r.lines(),
      (std::vector<std::string>{
          "/cfg/bridge.yaml:4:12: sources[2] 'name' is 'suppliers', as is sources[1] (line 3); "
          "names of sources must be unique",
          "/cfg/bridge.yaml:4:46: sources[2] 'path' is the directory of sources[1] (line 3) "
          "too; each directory can have only one source",
          "/cfg/bridge.yaml:7:42: targets[2] 'path' is the directory sources[1] watches (line "
          "3); what the target writes would be taken in again",
          "/cfg/bridge.yaml:10:21: routes[1].match 'source' names the source 'supplier', which "
          "is not in 'sources'; did you mean 'suppliers'? declared sources: 'suppliers'",
          "/cfg/bridge.yaml:10:41: routes[1].match 'standard' is 'X12'; expected 'x12' or "
          "'edifact'",
          "/cfg/bridge.yaml:10:51: routes[1].match 'set' is '8 50'; expected letters and "
          "digits, such as \"850\" or ORDERS",
          "/cfg/bridge.yaml:11:15: routes[1] 'targets' names the target 'erp-event', which is "
          "not in 'targets'; did you mean 'erp-events'? declared targets: 'erp-events' and "
          "'outbound'",
          "/cfg/bridge.yaml:11:38: routes[1] 'targets' names 'erp-events' twice; remove one",
          "/cfg/bridge.yaml:12:11: routes[2] 'name' is 'orders', as is routes[1] (line 9); "
          "names of routes must be unique",
          "/cfg/bridge.yaml:13:14: routes[2] 'targets' is empty; name at least one target",
          "/cfg/bridge.yaml:14:5: routes[3] needs the key 'targets'",
          "/cfg/bridge.yaml:16:11: acks 'target' names the target 'nowhere', which is not in "
          "'targets'; declared targets: 'erp-events' and 'outbound'",
          "/cfg/bridge.yaml:17:14: acks.partners names the partner 'abcco', but 'partners' "
          "(the directory of partner profiles) is not set; set it, or remove the partner",
          "/cfg/bridge.yaml:17:21: acks.partners 'abcco' names the target 'outbund', which is "
          "not in 'targets'; did you mean 'outbound'? declared targets: 'erp-events' and "
          "'outbound'",
      }));
}

TEST(BridgeConfig, ChecksFileNameTemplates) {
  Loaded r = load(
      "spool: {directory: /s}\n"
      "partners: p\n"
      "targets:\n"
      "  - name: out\n"
      "    type: folder\n"
      "    path: out\n"
      "    file_name: '{partnr}/{kind}-{date}.{ext}'\n"
      "    partner_file_names:\n"
      "      abcco: /abs/{key}\n"
      "      acme: '../{key}'\n"
      "      globex: '{key'\n"
      "      initech: 'a//{key}/'\n");
  EXPECT_FALSE(r.config);
  const std::string fields =
      "expected {partner}, {kind}, {standard}, {set}, {version}, {control}, {item}, {key} or "
      "{ext}";
  EXPECT_EQ(
      r.lines(),
      (std::vector<std::string>{
          "/cfg/bridge.yaml:7:16: targets[1] 'file_name' uses the unknown field {partnr}; "
          "did you mean {partner}? " +
              fields,
          "/cfg/bridge.yaml:7:16: targets[1] 'file_name' uses the unknown field {date}; " + fields,
          "/cfg/bridge.yaml:9:14: targets[1].partner_file_names 'abcco' is '/abs/{key}', an "
          "absolute path; write a name relative to the target's 'path'",
          "/cfg/bridge.yaml:10:13: targets[1].partner_file_names 'acme' is '../{key}', with "
          "a '..' component; names must stay inside the target's 'path'",
          "/cfg/bridge.yaml:11:15: targets[1].partner_file_names 'globex' has a '{' "
          "without its '}' at character 1",
          "/cfg/bridge.yaml:12:16: targets[1].partner_file_names 'initech' is "
          "'a//{key}/', with an empty component ('//'); remove the extra '/'",
          "/cfg/bridge.yaml:12:16: targets[1].partner_file_names 'initech' is "
          "'a//{key}/', which ends in '/'; end it with the file name",
      }));
}

TEST(BridgeConfig, ChecksHowLimitsRelate) {
  Loaded r = load(
      "spool:\n"
      "  directory: /s\n"
      "  retry_initial: 10m\n"
      "  max_item_bytes: 2GiB\n"
      "sources: [{name: a, type: directory, path: a, archive: a}]\n");
  EXPECT_EQ(r.lines(),
            (std::vector<std::string>{
                "/cfg/bridge.yaml:3:18: spool 'retry_initial' is 10m, so that 'retry_max' (5m by "
                "default) is less than it; make 'retry_max' at least 'retry_initial'",
                "/cfg/bridge.yaml:4:19: spool 'max_item_bytes' is 2GiB, more than "
                "'max_active_bytes' (1GiB); an item that large could never be taken in: make "
                "'max_item_bytes' at most 'max_active_bytes'",
                "/cfg/bridge.yaml:5:56: sources[1] 'archive' is the watched directory itself; "
                "archived files would be taken again: name another directory",
            }));
  Loaded sizes = load(
      "spool: {directory: /s, max_item_bytes: 10MiB}\n"
      "sources:\n"
      "  - {name: a, type: directory, path: a, max_file_bytes: 20MiB}\n"
      "  - {name: b, type: directory, path: b}\n");
  EXPECT_EQ(sizes.lines(),
            (std::vector<std::string>{
                "/cfg/bridge.yaml:3:57: sources[1] 'max_file_bytes' is 20MiB, more than spool "
                "'max_item_bytes' (10MiB), so the spool would refuse such files; make it at most "
                "10MiB",
            }));
}

TEST(BridgeConfig, ReportsStructuralMistakes) {
  EXPECT_EQ(load("- spool\n").lines(),
            (std::vector<std::string>{"/cfg/bridge.yaml:1:1: the configuration must be a "
                                      "mapping of keys to values, not a list"}));
  EXPECT_EQ(
      load("schemas: /x\n").lines(),
      (std::vector<std::string>{"/cfg/bridge.yaml:1:1: the configuration needs the key 'spool'"}));
  EXPECT_EQ(load("spool: {directory: /s}\nspool: {directory: /t}\n").lines(),
            (std::vector<std::string>{
                "/cfg/bridge.yaml:2:1: the configuration has the key 'spool' twice; keep one"}));
  EXPECT_EQ(load("spool: {directory: /s}\nsources: [in]\n").lines(),
            (std::vector<std::string>{"/cfg/bridge.yaml:2:11: sources[1] must be a mapping of "
                                      "keys to values, not 'in'"}));
  EXPECT_EQ(load("").lines(),
            (std::vector<std::string>{
                "/cfg/bridge.yaml: the file is empty; it must hold a YAML mapping"}));
}

TEST(BridgeConfig, LoadsFromAFile) {
  const fs::path dir = fs::path(::testing::TempDir()) / "bridge_config_test_file";
  fs::create_directories(dir);
  std::ofstream(dir / "bridge.yaml") << "spool:\n  directory: spool\n";
  YamlIssues issues;
  std::optional<BridgeConfig> config = loadBridgeConfig(dir / "bridge.yaml", issues);
  ASSERT_TRUE(config) << issues.describe();
  EXPECT_EQ(config->spool.directory, dir / "spool");
  EXPECT_FALSE(loadBridgeConfig(dir / "missing.yaml", issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues.list()[0].message.find("cannot read the file"), std::string::npos);
}

TEST(BridgeConfig, ChecksPartnersAndDirectoriesAtTheirConfigPositions) {
  const fs::path dir = fs::path(::testing::TempDir()) / "bridge_config_test_mentions";
  fs::remove_all(dir);
  fs::create_directories(dir / "partners");
  std::ofstream(dir / "inbound") << "a file, not a directory";
  const std::string file = (dir / "bridge.yaml").string();
  Loaded r;
  r.config = loadBridgeConfigText(
      "spool: {directory: spool}\n"
      "schemas: schemas\n"
      "partners: partners\n"
      "sources: [{name: in, type: directory, path: inbound}]\n"
      "targets: [{name: out, type: folder, path: out}]\n"
      "routes: [{name: r, targets: [out], match: {partner: acme}}]\n"
      "duplicates: {partners: {abcco: 1d}}\n",
      file, r.issues, r.mentions);
  ASSERT_TRUE(r.config) << r.issues.describe();
  checkDirectoryMentions(r.mentions, r.issues);
  checkPartnerMentions(r.mentions, {"abcco", "acme-supply"}, r.issues);
  EXPECT_EQ(r.lines(),
            (std::vector<std::string>{
                file + ":2:10: the configuration 'schemas' is 'schemas' (" +
                    (dir / "schemas").string() + "), which does not exist",
                file + ":4:45: sources[1] 'path' is 'inbound' (" + (dir / "inbound").string() +
                    "), which is not a directory",
                file +
                    ":6:53: routes[1].match 'partner' names the partner 'acme', which has no "
                    "profile in " +
                    (dir / "partners").string() + "; known partners: 'abcco' and 'acme-supply'",
            }));
  YamlIssues none;
  checkPartnerMentions(r.mentions, {}, none);
  ASSERT_EQ(none.size(), 2u);
  EXPECT_NE(none.list()[1].message.find("which has no profile in " + (dir / "partners").string() +
                                        "; the directory has no partner profiles"),
            std::string::npos)
      << none.describe();
  EXPECT_FALSE(fs::exists(dir / "spool")) << "checks create nothing";
  EXPECT_FALSE(fs::exists(dir / "out"));
}

}  // namespace
}  // namespace bridge::config

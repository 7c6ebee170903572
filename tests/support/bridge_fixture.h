// A bridge installation in a temporary directory, for the reliability tests:
// inbound, spool, event log and outbound folders, a configuration that routes
// every transaction to the event log and acks to the outbound folder, the
// shipped sample partners, and readers for the effects.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bridge/config/bridge_config.h"

namespace bridge::testing {

inline std::string readFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void writeFileBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// samples/valid/nodex12_850.edi with its interchange and group control
// numbers replaced, so that every call gives a distinct interchange.
inline std::string x12Order(uint64_t control) {
  static const std::string sample =
      readFileBytes(std::filesystem::path(EDI_SOURCE_DIR) / "samples/valid/nodex12_850.edi");
  char isa13[16];
  std::snprintf(isa13, sizeof isa13, "%09llu", static_cast<unsigned long long>(control));
  std::string text = sample;
  auto replaceAll = [&text](const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replaceAll("*000003438*", std::string("*") + isa13 + "*");
  replaceAll("IEA*1*000003438", std::string("IEA*1*") + isa13);
  const std::string group = std::to_string(control % 999999999 + 1);
  replaceAll("*1719*1421*X*", "*1719*" + group + "*X*");
  replaceAll("GE*1*1421", "GE*1*" + group);
  return text;
}

// The event log key of the single transaction of x12Order(control).
inline std::string x12OrderEventId(uint64_t control, const std::string& target = "events") {
  char isa13[16];
  std::snprintf(isa13, sizeof isa13, "%09llu", static_cast<unsigned long long>(control));
  return "x12/12:4405197800/01:999999999/" + std::string(isa13) + "/" +
         std::to_string(control % 999999999 + 1) + "/000000010/" + target;
}

// /dev/shm when the machine has it, else the temp directory.
inline std::filesystem::path memoryTempDirectory() {
  std::error_code ec;
  return std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                       : std::filesystem::temp_directory_path();
}

inline std::string samplePath(const std::string& relative) {
  return (std::filesystem::path(EDI_SOURCE_DIR) / "samples" / relative).string();
}

struct BridgeTree {
  std::filesystem::path root;
  std::filesystem::path inbound;
  std::filesystem::path spool;
  std::filesystem::path events;
  std::filesystem::path outbound;

  // `base` defaults to the temp directory; the crash tests, whose faults are
  // simulated, pass a memory file system (/dev/shm) to spare real fsyncs.
  explicit BridgeTree(const std::string& name,
                      std::filesystem::path base = std::filesystem::temp_directory_path()) {
    std::string pattern = (base / (name + "-XXXXXX")).string();
    root = ::mkdtemp(pattern.data());
    inbound = root / "inbound";
    spool = root / "spool";
    events = root / "events";
    outbound = root / "outbound";
    for (const auto& dir : {inbound, events, outbound}) std::filesystem::create_directories(dir);
  }
  ~BridgeTree() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  BridgeTree(const BridgeTree&) = delete;
  BridgeTree& operator=(const BridgeTree&) = delete;

  // Every transaction to the event log target "events", acks to the folder
  // target "outbound", partners from samples/partners.
  config::BridgeConfig config() const {
    config::BridgeConfig c;
    c.file = root / "bridge.yaml";
    c.spool.directory = spool;
    c.spool.minFreeBytes = 1 << 20;
    c.partners = std::filesystem::path(EDI_SOURCE_DIR) / "samples/partners";
    config::DirectorySourceSettings source;
    source.name = "suppliers";
    source.path = inbound;
    source.stableForMs = 0;
    c.sources.push_back(source);
    config::EventLogTargetSettings eventLog;
    eventLog.path = events;
    c.targets.push_back(config::TargetSettings{"events", eventLog});
    config::FolderTargetSettings folder;
    folder.path = outbound;
    c.targets.push_back(config::TargetSettings{"outbound", folder});
    config::RouteSettings route;
    route.name = "everything";
    route.targets = {"events"};
    c.routes.push_back(route);
    c.acks.target = "outbound";
    return c;
  }

  // The same configuration as YAML, for the daemon binary.
  std::filesystem::path writeConfigFile(const std::string& extraSpool = "",
                                        const std::string& stableFor = "50ms") const {
    std::ostringstream yaml;
    yaml << "spool:\n  directory: " << spool.string() << "\n  min_free_bytes: 1MiB\n"
         << extraSpool << "partners: " << EDI_SOURCE_DIR << "/samples/partners\n"
         << "sources:\n  - name: suppliers\n    type: directory\n    path: " << inbound.string()
         << "\n    stable_for: " << stableFor << "\n    rescan_every: 1s\n"
         << "targets:\n  - name: events\n    type: event-log\n    path: " << events.string()
         << "\n  - name: outbound\n    type: folder\n    path: " << outbound.string() << "\n"
         << "routes:\n  - name: everything\n    match: {}\n    targets: [events]\n"
         << "acks:\n  target: outbound\n";
    const std::filesystem::path file = root / "bridge.yaml";
    writeFileBytes(file, yaml.str());
    return file;
  }

  // Drops a file atomically (written beside, then renamed in).
  void drop(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path temp = root / (".drop-" + name);
    writeFileBytes(temp, bytes);
    std::filesystem::rename(temp, inbound / name);
  }

  // The CloudEvents ids in the event log, every line of every file.
  std::vector<std::string> eventIds() const {
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(events)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
        ids.push_back(event.is_object() && event.contains("id") ? event["id"].get<std::string>()
                                                                : "<unparsable: " + line + ">");
      }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Regular files under `dir`, relative names, temp files included.
  static std::vector<std::string> filesUnder(const std::filesystem::path& dir) {
    std::vector<std::string> files;
    if (!std::filesystem::exists(dir)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file()) {
        files.push_back(std::filesystem::relative(entry.path(), dir).string());
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }
};

}  // namespace bridge::testing

#include "mappings/engine/mapping_versions.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridge/core/clock.h"

namespace bridge::mappings {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

core::Status syncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return core::Status::ioError("cannot open '" + path.string() + "' to sync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? core::Status::ok()
                 : core::Status::ioError("fsync failed on '" + path.string() + "'");
}

core::Status writeFileDurably(const fs::path& path, const std::string& text) {
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return core::Status::ioError("cannot write '" + temp.string() + "'");
  }
  core::Status status = syncPath(temp, false);
  if (!status.isOk()) return status;
  std::error_code error;
  fs::rename(temp, path, error);
  if (error)
    return core::Status::ioError("cannot rename '" + temp.string() + "': " + error.message());
  return syncPath(path.parent_path(), true);
}

core::Result<json> readJson(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return core::Status::notFound("'" + path.string() + "' does not exist");
  try {
    return json::parse(in);
  } catch (const json::exception& error) {
    return core::Status::corruption("'" + path.string() + "' is not valid JSON: " + error.what());
  }
}

// Copies the regular files of `from` into `to`, fsyncing each.
core::Status copyTree(const fs::path& from, const fs::path& to) {
  std::error_code error;
  fs::create_directories(to, error);
  if (error)
    return core::Status::ioError("cannot create '" + to.string() + "': " + error.message());
  for (auto it = fs::recursive_directory_iterator(from, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path relative = fs::relative(it->path(), from);
    if (relative.filename().string().starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink()) continue;  // only the files themselves are frozen
    if (it->is_directory()) {
      fs::create_directories(to / relative, error);
    } else if (it->is_regular_file()) {
      fs::copy_file(it->path(), to / relative, fs::copy_options::overwrite_existing, error);
      if (!error) {
        core::Status status = syncPath(to / relative, false);
        if (!status.isOk()) return status;
      }
    }
    if (error)
      return core::Status::ioError("cannot copy '" + it->path().string() + "': " + error.message());
  }
  if (error)
    return core::Status::ioError("cannot copy '" + from.string() + "': " + error.message());
  return syncPath(to, true);
}

}  // namespace

fs::path MappingVersions::directoryOf(uint64_t version) const {
  return root_ / "versions" / std::to_string(version);
}

core::Result<std::optional<ActiveVersion>> MappingVersions::active() const {
  std::error_code error;
  if (!fs::exists(root_ / "active.json", error)) return std::optional<ActiveVersion>();
  auto document = readJson(root_ / "active.json");
  if (!document) return document.status();
  ActiveVersion active;
  active.version = document->value("version", uint64_t{0});
  active.pinned = document->value("pinned", false);
  if (active.version == 0) return core::Status::corruption("active.json names no version");
  return std::optional<ActiveVersion>(active);
}

std::vector<MappingVersionInfo> MappingVersions::list() const {
  std::vector<MappingVersionInfo> versions;
  std::error_code error;
  for (auto it = fs::directory_iterator(root_ / "versions", error);
       !error && it != fs::directory_iterator(); it.increment(error)) {
    if (it->path().extension() != ".json") continue;
    auto document = readJson(it->path());
    if (!document) continue;
    MappingVersionInfo info;
    info.version = std::strtoull(it->path().stem().c_str(), nullptr, 10);
    info.fingerprint = document->value("fingerprint", "");
    info.activatedAtMs = document->value("activatedAtMs", int64_t{0});
    info.from = document->value("from", "");
    versions.push_back(std::move(info));
  }
  std::sort(versions.begin(), versions.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  return versions;
}

core::Result<uint64_t> MappingVersions::store(const fs::path& source,
                                              const std::string& fingerprint) {
  std::error_code error;
  fs::create_directories(root_ / "versions", error);
  if (error)
    return core::Status::ioError("cannot create '" + (root_ / "versions").string() +
                                 "': " + error.message());
  uint64_t next = 1;
  for (const auto& info : list()) next = std::max(next, info.version + 1);
  // A copy left by a crash before its info file was written is replaced.
  fs::remove_all(directoryOf(next), error);
  core::Status status = copyTree(source, directoryOf(next));
  if (!status.isOk()) return status;
  json info = {{"fingerprint", fingerprint},
               {"activatedAtMs", core::systemClockMs()},
               {"from", fs::absolute(source).string()}};
  status =
      writeFileDurably(root_ / "versions" / (std::to_string(next) + ".json"), info.dump(2) + "\n");
  if (!status.isOk()) return status;
  status = setActive(next, false);
  if (!status.isOk()) return status;
  return next;
}

core::Status MappingVersions::setActive(uint64_t version, bool pinned) {
  std::error_code error;
  if (!fs::exists(root_ / "versions" / (std::to_string(version) + ".json"), error)) {
    return core::Status::notFound("there is no mapping version " + std::to_string(version) +
                                  "; `edi-bridge map versions` lists them");
  }
  return writeFileDurably(root_ / "active.json",
                          json{{"version", version}, {"pinned", pinned}}.dump() + "\n");
}

Activation activateMappings(const fs::path& source, MappingVersions& versions,
                            const CompileContext& compile, const TranslationContext& translate) {
  Activation activation;
  config::YamlIssues issues;
  auto candidate = loadMappingSet(source, compile, issues);
  if (candidate == nullptr) {
    for (const auto& issue : issues.list()) activation.errors.push_back(issue.describe());
    return activation;
  }
  for (const auto& outcome : runMappingTests(*candidate, {}, translate)) {
    if (!outcome.passed) {
      activation.errors.push_back("test failed: " + outcome.mapping +
                                  (outcome.test.empty() ? "" : " / " + outcome.test) + ": " +
                                  outcome.detail);
    }
  }
  if (!activation.errors.empty()) return activation;
  auto active = versions.active();
  if (!active) {
    activation.errors.push_back(active.status().message());
    return activation;
  }
  // A directory equal to a stored version reuses it (after a rollback, a
  // reload of the unchanged directory goes back to its version).
  std::optional<uint64_t> stored;
  for (const auto& info : versions.list()) {
    if (info.fingerprint == candidate->fingerprint) stored = info.version;
  }
  if (stored) {
    activation.version = *stored;
    activation.unchanged = *active && (*active)->version == *stored && !(*active)->pinned;
    if (!activation.unchanged) {
      core::Status status = versions.setActive(*stored, false);
      if (!status.isOk()) {
        activation.errors.push_back(status.message());
        return activation;
      }
    }
  } else {
    auto added = versions.store(source, candidate->fingerprint);
    if (!added) {
      activation.errors.push_back(added.status().message());
      return activation;
    }
    activation.version = *added;
  }
  Activation loaded = loadActiveMappings(versions, compile);
  if (!loaded.errors.empty()) return loaded;
  loaded.unchanged = activation.unchanged;
  return loaded;
}

Activation loadActiveMappings(MappingVersions& versions, const CompileContext& compile) {
  Activation activation;
  auto active = versions.active();
  if (!active || !*active) {
    activation.errors.push_back(active ? "no mapping set has been activated yet"
                                       : active.status().message());
    return activation;
  }
  config::YamlIssues issues;
  auto set = loadMappingSet(versions.directoryOf((*active)->version), compile, issues);
  if (set == nullptr) {
    for (const auto& issue : issues.list()) activation.errors.push_back(issue.describe());
    return activation;
  }
  activation.activated = true;
  activation.version = (*active)->version;
  activation.set = std::move(set);
  return activation;
}

}  // namespace bridge::mappings

#include "transports/folder/folder_sink.h"

#include <utility>

#include "bridge/core/log.h"
#include "transports/safe_names.h"

namespace bridge::transports {
namespace {

// Well below PATH_MAX (4096), so a long template cannot make open() fail
// with ENAMETOOLONG, which would look like a disk failure.
constexpr size_t kMaxPathBytes = 3800;

std::string parentOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

SinkResult retry(std::string detail) { return SinkResult{SinkOutcome::kRetry, std::move(detail)}; }
SinkResult reject(std::string detail) {
  return SinkResult{SinkOutcome::kReject, std::move(detail)};
}

}  // namespace

FolderSink::FolderSink(spool::Disk& disk, std::string name, config::FolderTargetSettings settings)
    : disk_(disk), name_(std::move(name)), root_(settings.path.string()) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  if (root_.empty()) {
    status_ = core::Status::invalidArgument("folder target '" + name_ + "' has no path");
    return;
  }
  core::Result<FileNameTemplate> parsed = FileNameTemplate::parse(settings.fileName);
  if (!parsed) {
    status_ = core::Status::invalidArgument("folder target '" + name_ +
                                            "': " + parsed.status().message());
    return;
  }
  defaultTemplate_.emplace(std::move(parsed.value()));
  for (const auto& [partner, text] : settings.partnerFileNames) {
    core::Result<FileNameTemplate> partnerTemplate = FileNameTemplate::parse(text);
    if (!partnerTemplate) {
      status_ = core::Status::invalidArgument("folder target '" + name_ + "', partner '" + partner +
                                              "': " + partnerTemplate.status().message());
      return;
    }
    partnerTemplates_.emplace(partner, std::move(partnerTemplate.value()));
  }
}

std::string FolderSink::relativePathFor(const OutboundDocument& document) const {
  const FileNameTemplate* chosen = &*defaultTemplate_;
  if (document.attributes.is_object()) {
    auto partner = document.attributes.find("partner");
    if (partner != document.attributes.end() && partner->is_string()) {
      auto it = partnerTemplates_.find(partner->get<std::string>());
      if (it != partnerTemplates_.end()) chosen = &it->second;
    }
  }
  return chosen->render(document);
}

core::Result<std::vector<SinkResult>> FolderSink::deliver(
    const std::vector<OutboundDocument>& documents) {
  if (!status_.isOk()) return status_;
  std::vector<SinkResult> results;
  results.reserve(documents.size());
  for (const OutboundDocument& document : documents) {
    core::Result<SinkResult> result = deliverOne(document);
    if (!result) return result.status();
    results.push_back(std::move(result.value()));
  }
  return results;
}

core::Result<std::optional<SinkResult>> FolderSink::prepareDirectory(
    const std::string& relativeDirectory) {
  // The root is the operator's choice and may itself be a symbolic link;
  // only what lies below it is checked.
  core::Result<spool::FileInfo> rootInfo = disk_.stat(root_);
  if (!rootInfo) {
    if (rootInfo.status().code() != core::StatusCode::kNotFound) return rootInfo.status();
    core::Status made = disk_.makeDirectories(root_);
    if (made.code() == core::StatusCode::kResourceExhausted) {
      return std::optional<SinkResult>(retry("cannot create " + root_ + ": " + made.message()));
    }
    if (!made.isOk()) return made;
    core::Status synced = disk_.syncDirectory(parentOf(root_));
    if (!synced.isOk()) return synced;
  }

  std::string path = root_;
  size_t start = 0;
  while (start < relativeDirectory.size()) {
    size_t slash = relativeDirectory.find('/', start);
    if (slash == std::string::npos) slash = relativeDirectory.size();
    const std::string parent = path;
    path += '/';
    path.append(relativeDirectory, start, slash - start);
    start = slash + 1;

    core::Result<spool::FileInfo> info = disk_.stat(path);
    if (info) {
      if (info->symlink) {
        return std::optional<SinkResult>(
            reject(path + " is a symbolic link; refusing to write through it"));
      }
      if (!info->directory) {
        return std::optional<SinkResult>(reject(path + " exists and is not a directory"));
      }
      continue;
    }
    if (info.status().code() != core::StatusCode::kNotFound) return info.status();
    core::Status made = disk_.makeDirectories(path);
    if (made.code() == core::StatusCode::kResourceExhausted) {
      return std::optional<SinkResult>(retry("cannot create " + path + ": " + made.message()));
    }
    if (!made.isOk()) return made;
    // The new directory's entry must be durable before a file in it is
    // reported as written.
    core::Status synced = disk_.syncDirectory(parent);
    if (!synced.isOk()) return synced;
  }
  return std::optional<SinkResult>();
}

core::Result<SinkResult> FolderSink::deliverOne(const OutboundDocument& document) {
  const std::string relative = relativePathFor(document);
  if (!isSafeRelativePath(relative)) {
    return reject("the file name template gave an unusable path for this document");
  }
  if (root_.size() + relative.size() > kMaxPathBytes) {
    return reject("the file name template gave a path longer than " +
                  std::to_string(kMaxPathBytes) + " bytes");
  }
  const size_t slash = relative.find_last_of('/');
  const std::string relativeDirectory =
      slash == std::string::npos ? std::string() : relative.substr(0, slash);
  const std::string base = slash == std::string::npos ? relative : relative.substr(slash + 1);

  core::Result<std::optional<SinkResult>> prepared = prepareDirectory(relativeDirectory);
  if (!prepared) return prepared.status();
  if (prepared->has_value()) return std::move(**prepared);

  std::string directory = root_;
  if (!relativeDirectory.empty()) {
    directory += '/';
    directory.append(relativeDirectory);
  }
  std::string finalPath = directory;
  finalPath += '/';
  finalPath.append(base);
  std::string tempPath = directory;
  tempPath.append("/.");
  tempPath.append(base);
  tempPath.append(".tmp");

  core::Result<spool::FileInfo> existing = disk_.stat(finalPath);
  if (existing && existing->directory) {
    return reject(finalPath + " exists and is a directory");
  }
  // A temp file left by a crash would make the exclusive create fail.
  (void)disk_.remove(tempPath);

  core::Status published = spool::publishFile(disk_, tempPath, finalPath, document.payload);
  if (published.code() == core::StatusCode::kResourceExhausted) {
    (void)disk_.remove(tempPath);
    core::log(core::LogLevel::kWarning, "folder-sink-disk-full",
              {{"target", name_}, {"file", relative}, {"reason", published.message()}});
    return retry("cannot write " + relative + ": " + published.message());
  }
  if (!published.isOk()) return published;
  return SinkResult{SinkOutcome::kDone, "wrote " + relative};
}

}  // namespace bridge::transports

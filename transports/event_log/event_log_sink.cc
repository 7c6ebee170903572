#include "transports/event_log/event_log_sink.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "bridge/core/clock.h"
#include "bridge/core/log.h"

namespace bridge::transports {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr size_t kTailBlock = 64 * 1024;

std::tm utcTime(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return utc;
}

std::string compactUtc(int64_t ms) {
  const std::tm utc = utcTime(ms);
  char text[96];
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

bool isValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1;
      code = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
      code = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and values beyond Unicode are not UTF-8.
    if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) ||
        (extra == 3 && code < 0x10000) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string base64(std::string_view data) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == data.size()) {
    const uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out.append("==");
  } else if (i + 2 == data.size()) {
    const uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

bool isJsonContentType(std::string_view contentType) {
  const std::string_view base = contentType.substr(0, contentType.find(';'));
  return base == "application/json" || (base.size() > 5 && base.substr(base.size() - 5) == "+json");
}

std::string attributeText(const nlohmann::json& attributes, const char* key) {
  if (!attributes.is_object()) return {};
  auto it = attributes.find(key);
  if (it == attributes.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

// Reads exactly `size` bytes at `offset` (short only at the end of the file).
core::Result<std::string> readAt(spool::Disk& disk, int handle, uint64_t offset, size_t size) {
  std::string buffer(size, '\0');
  size_t done = 0;
  while (done < size) {
    core::Result<size_t> got = disk.read(handle, buffer.data() + done, size - done, offset + done);
    if (!got) return got.status();
    if (*got == 0) break;
    done += *got;
  }
  buffer.resize(done);
  return buffer;
}

// The id of one event line; empty when the line is not an event. Lines
// written by this sink start with the id, so the whole line is parsed only
// for lines written by something else.
std::string eventIdOf(std::string_view line) {
  constexpr std::string_view kPrefix = R"({"specversion":"1.0","id":)";
  if (line.substr(0, kPrefix.size()) == kPrefix && line.size() > kPrefix.size() &&
      line[kPrefix.size()] == '"') {
    size_t end = kPrefix.size() + 1;
    while (end < line.size() && line[end] != '"') end += line[end] == '\\' ? 2 : 1;
    if (end < line.size()) {
      const nlohmann::json id = nlohmann::json::parse(
          line.substr(kPrefix.size(), end - kPrefix.size() + 1), nullptr, false);
      if (id.is_string()) return id.get<std::string>();
    }
  }
  const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
  if (event.is_object()) {
    auto id = event.find("id");
    if (id != event.end() && id->is_string()) return id->get<std::string>();
  }
  return {};
}

// The id as it reads back from the file: invalid UTF-8 in a key is written
// as U+FFFD.
std::string idAsWritten(const std::string& key) {
  if (isValidUtf8(key)) return key;
  return nlohmann::json::parse(
             nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      .get<std::string>();
}

// Orders rotated names "<file>.<stamp>" and "<file>.<stamp>-N" by time, then N.
std::pair<std::string, uint64_t> rotationOrder(std::string_view suffix) {
  const size_t dash = suffix.find('-');
  if (dash == std::string_view::npos) return {std::string(suffix), 0};
  uint64_t n = 0;
  for (char c : suffix.substr(dash + 1)) {
    if (c < '0' || c > '9') return {std::string(suffix), 0};
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return {std::string(suffix.substr(0, dash)), n};
}

}  // namespace

EventLogSink::EventLogSink(spool::Disk& disk, std::string name,
                           config::EventLogTargetSettings settings,
                           std::function<int64_t()> clockMs)
    : disk_(disk),
      name_(std::move(name)),
      settings_(std::move(settings)),
      clockMs_(clockMs ? std::move(clockMs) : std::function<int64_t()>(core::systemClockMs)) {
  directory_ = settings_.path.string();
  while (directory_.size() > 1 && directory_.back() == '/') directory_.pop_back();
  path_ = directory_;
  path_ += '/';
  path_.append(settings_.fileName);
}

EventLogSink::~EventLogSink() {
  if (handle_ >= 0) disk_.close(handle_);
}

core::Status EventLogSink::fail(core::Status status) {
  failed_ = status;
  core::log(core::LogLevel::kError, "event-log-failed",
            {{"target", name_}, {"file", path_}, {"reason", status.toString()}});
  return status;
}

core::Status EventLogSink::open() {
  if (handle_ >= 0) return core::Status::ok();
  core::Status made = disk_.makeDirectories(directory_);
  if (!made.isOk()) return made;
  core::Result<int> opened = disk_.open(path_, spool::OpenMode::kReadWrite);
  if (!opened) return opened.status();
  const int handle = *opened;
  auto giveUp = [&](core::Status status) {
    disk_.close(handle);
    return status;
  };
  core::Result<uint64_t> size = disk_.size(handle);
  if (!size) return giveUp(size.status());

  // Keep everything up to the last '\n': a crash during an append can leave
  // the start of a line that must never be read as an event.
  uint64_t keep = *size;
  if (keep > 0) {
    core::Result<std::string> last = readAt(disk_, handle, keep - 1, 1);
    if (!last) return giveUp(last.status());
    if (*last != "\n") {
      uint64_t end = *size;
      keep = 0;
      while (end > 0) {
        const uint64_t start = end > kTailBlock ? end - kTailBlock : 0;
        core::Result<std::string> block =
            readAt(disk_, handle, start, static_cast<size_t>(end - start));
        if (!block) return giveUp(block.status());
        const size_t newline = block->rfind('\n');
        if (newline != std::string::npos) {
          keep = start + newline + 1;
          break;
        }
        end = start;
      }
      core::Status cut = disk_.truncate(handle, keep);
      if (!cut.isOk()) return giveUp(cut);
      core::Status synced = disk_.sync(handle);
      if (!synced.isOk()) return giveUp(synced);
      core::log(core::LogLevel::kWarning, "event-log-torn-tail-removed",
                {{"target", name_},
                 {"file", path_},
                 {"bytes", std::to_string(*size - keep)},
                 {"kept", std::to_string(keep)}});
    }
  }
  // The file may have just been created.
  core::Status dirSynced = disk_.syncDirectory(directory_);
  if (!dirSynced.isOk()) return giveUp(dirSynced);
  // The ids already written, so that a batch delivered again after a crash
  // (synced here, not yet recorded by the spool) is not appended twice.
  currentIds_.clear();
  previousIds_.clear();
  core::Status scanned = scanIds(handle, keep, currentIds_);
  if (!scanned.isOk()) return giveUp(scanned);
  scanned = loadPreviousIds();
  if (!scanned.isOk()) return giveUp(scanned);
  handle_ = handle;
  size_ = keep;
  return core::Status::ok();
}

core::Status EventLogSink::scanIds(int handle, uint64_t size,
                                   std::unordered_set<std::string>& ids) {
  constexpr size_t kBlock = 1 << 20;
  std::string pending;
  uint64_t offset = 0;
  while (offset < size) {
    core::Result<std::string> block = readAt(
        disk_, handle, offset, static_cast<size_t>(std::min<uint64_t>(kBlock, size - offset)));
    if (!block) return block.status();
    if (block->empty()) break;
    offset += block->size();
    pending.append(*block);
    size_t start = 0;
    for (size_t newline = pending.find('\n'); newline != std::string::npos;
         newline = pending.find('\n', start)) {
      std::string id = eventIdOf(std::string_view(pending).substr(start, newline - start));
      if (!id.empty()) ids.insert(std::move(id));
      start = newline + 1;
    }
    pending.erase(0, start);
  }
  return core::Status::ok();
}

core::Status EventLogSink::loadPreviousIds() {
  core::Result<std::vector<std::string>> names = disk_.list(directory_);
  if (!names) return names.status();
  const std::string prefix = settings_.fileName + ".";
  std::string latest;
  std::pair<std::string, uint64_t> latestOrder;
  for (const std::string& name : *names) {
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    std::pair<std::string, uint64_t> order =
        rotationOrder(std::string_view(name).substr(prefix.size()));
    if (latest.empty() || order > latestOrder) {
      latest = name;
      latestOrder = std::move(order);
    }
  }
  if (latest.empty()) return core::Status::ok();
  const std::string path = directory_ + "/" + latest;
  core::Result<spool::FileInfo> info = disk_.stat(path);
  if (!info || !info->regular) return core::Status::ok();
  core::Result<int> opened = disk_.open(path, spool::OpenMode::kRead);
  if (!opened) {
    return opened.status().code() == core::StatusCode::kNotFound ? core::Status::ok()
                                                                 : opened.status();
  }
  core::Status scanned = scanIds(*opened, info->size, previousIds_);
  disk_.close(*opened);
  return scanned;
}

core::Result<std::string> EventLogSink::eventLine(const OutboundDocument& document,
                                                  int64_t timeMs) const {
  OrderedJson event = OrderedJson::object();
  event["specversion"] = "1.0";
  event["id"] = document.idempotencyKey;
  event["type"] =
      "com.edi-bridge." + (document.kind.empty() ? std::string("document") : document.kind);
  event["source"] = settings_.eventSource;
  std::string subject;
  for (const char* key : {"partner", "set", "control"}) {
    const std::string part = attributeText(document.attributes, key);
    if (part.empty()) continue;
    if (!subject.empty()) subject += '/';
    subject.append(part);
  }
  if (!subject.empty()) event["subject"] = subject;
  event["time"] = core::formatUtcMillis(timeMs);
  if (!document.contentType.empty()) event["datacontenttype"] = document.contentType;
  if (isJsonContentType(document.contentType)) {
    OrderedJson data = OrderedJson::parse(document.payload, nullptr, false);
    if (data.is_discarded()) {
      return core::Status::invalidArgument("the payload of '" + document.idempotencyKey +
                                           "' is declared " + document.contentType +
                                           " but is not valid JSON");
    }
    event["data"] = std::move(data);
  } else if (isValidUtf8(document.payload)) {
    event["data"] = document.payload;
  } else {
    event["data_base64"] = base64(document.payload);
  }
  if (document.attributes.is_object()) {
    event["edibridge"] = OrderedJson::parse(
        document.attributes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    event["edibridge"] = OrderedJson::object();
  }
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  return line;
}

core::Status EventLogSink::append(const std::string& chunk) {
  const uint64_t before = size_;
  core::Status written = disk_.write(handle_, chunk, before);
  if (!written.isOk()) {
    if (written.code() != core::StatusCode::kResourceExhausted) return written;
    // Part of the chunk may have reached the file: cut it off so no partial
    // line remains.
    core::Status cut = disk_.truncate(handle_, before);
    if (!cut.isOk()) {
      return core::Status::ioError("cannot cut " + path_ + " back to " + std::to_string(before) +
                                   " bytes after a full disk: " + cut.message());
    }
    return written;
  }
  size_ = before + chunk.size();
  // A failed sync is never retried (D8), whatever its errno.
  core::Status synced = disk_.sync(handle_);
  if (!synced.isOk()) {
    return core::Status::ioError("cannot sync " + path_ + ": " + synced.message());
  }
  if (directoryDirty_) {
    core::Status dirSynced = disk_.syncDirectory(directory_);
    if (!dirSynced.isOk()) {
      return core::Status::ioError("cannot sync " + directory_ + ": " + dirSynced.message());
    }
    directoryDirty_ = false;
  }
  return core::Status::ok();
}

core::Status EventLogSink::rotate() {
  const std::string stamp = compactUtc(clockMs_());
  std::string rotated;
  for (int n = 0;; ++n) {
    rotated = path_;
    rotated += '.';
    rotated.append(stamp);
    if (n > 0) {
      rotated += '-';
      rotated.append(std::to_string(n));
    }
    core::Result<spool::FileInfo> existing = disk_.stat(rotated);
    if (!existing && existing.status().code() == core::StatusCode::kNotFound) break;
    if (!existing) return existing.status();
  }
  disk_.close(handle_);
  handle_ = -1;
  core::Status renamed = disk_.rename(path_, rotated);
  if (!renamed.isOk()) {
    core::Status reopened = open();
    return reopened.isOk() ? renamed : reopened;
  }
  core::Status dirSynced = disk_.syncDirectory(directory_);
  if (!dirSynced.isOk()) {
    return core::Status::ioError("cannot sync " + directory_ + ": " + dirSynced.message());
  }
  core::Result<int> opened = disk_.open(path_, spool::OpenMode::kReadWrite);
  if (!opened) return opened.status();
  handle_ = *opened;
  size_ = 0;
  directoryDirty_ = true;
  previousIds_ = std::move(currentIds_);
  currentIds_.clear();
  core::log(core::LogLevel::kInfo, "event-log-rotated",
            {{"target", name_}, {"file", path_}, {"rotated", rotated}});
  return core::Status::ok();
}

core::Result<std::vector<SinkResult>> EventLogSink::deliver(
    const std::vector<OutboundDocument>& documents) {
  if (!failed_.isOk()) return failed_;
  std::vector<SinkResult> results(documents.size());
  auto retryAll = [&](const std::vector<size_t>& indexes, const std::string& why) {
    for (size_t i : indexes) results[i] = SinkResult{SinkOutcome::kRetry, why};
  };

  std::vector<std::string> lines(documents.size());
  std::vector<size_t> withLines;  // documents with a line, in order
  const int64_t now = clockMs_();
  for (size_t i = 0; i < documents.size(); ++i) {
    core::Result<std::string> line = eventLine(documents[i], now);
    if (!line) {
      results[i] = SinkResult{SinkOutcome::kReject, line.status().message()};
      continue;
    }
    lines[i] = std::move(line.value());
    withLines.push_back(i);
  }
  if (withLines.empty()) return results;

  if (handle_ < 0) {
    core::Status opened = open();
    if (opened.code() == core::StatusCode::kResourceExhausted) {
      retryAll(withLines, "cannot open " + path_ + ": " + opened.message());
      return results;
    }
    if (!opened.isOk()) return fail(opened);
  }

  // An id already in the log is not written again; a document repeating an
  // id earlier in the same batch shares that document's outcome.
  std::vector<std::string> ids(documents.size());
  std::vector<size_t> pending;
  std::vector<std::pair<size_t, size_t>> repeats;  // (document, first with its id)
  std::unordered_map<std::string, size_t> firstInBatch;
  for (size_t i : withLines) {
    ids[i] = idAsWritten(documents[i].idempotencyKey);
    if (!ids[i].empty() && (currentIds_.count(ids[i]) != 0 || previousIds_.count(ids[i]) != 0)) {
      results[i] = SinkResult{SinkOutcome::kDone, "already in " + settings_.fileName};
      continue;
    }
    if (!ids[i].empty()) {
      auto [first, inserted] = firstInBatch.emplace(ids[i], i);
      if (!inserted) {
        repeats.emplace_back(i, first->second);
        continue;
      }
    }
    pending.push_back(i);
  }
  auto finish = [&]() {
    for (const auto& [repeat, first] : repeats) results[repeat] = results[first];
    return results;
  };

  // Events go out in chunks, one per file: a chunk is synced before the file
  // is rotated, so its documents are done even if a later chunk fails.
  std::string chunk;
  std::vector<size_t> chunkDocuments;
  auto flush = [&](size_t nextPending) -> core::Status {
    if (chunk.empty()) return core::Status::ok();
    core::Status appended = append(chunk);
    if (appended.code() == core::StatusCode::kResourceExhausted) {
      core::log(core::LogLevel::kWarning, "event-log-disk-full",
                {{"target", name_}, {"file", path_}, {"reason", appended.message()}});
      std::vector<size_t> notDone(chunkDocuments);
      notDone.insert(notDone.end(), pending.begin() + static_cast<std::ptrdiff_t>(nextPending),
                     pending.end());
      retryAll(notDone, "cannot append to " + path_ + ": " + appended.message());
      return appended;
    }
    if (!appended.isOk()) return appended;
    for (size_t i : chunkDocuments) {
      results[i] = SinkResult{SinkOutcome::kDone, "appended to " + settings_.fileName};
      if (!ids[i].empty()) currentIds_.insert(ids[i]);
    }
    chunk.clear();
    chunkDocuments.clear();
    return core::Status::ok();
  };

  for (size_t p = 0; p < pending.size(); ++p) {
    const std::string& line = lines[pending[p]];
    const uint64_t planned = size_ + chunk.size();
    if (settings_.rotateBytes > 0 && planned > 0 && planned + line.size() > settings_.rotateBytes) {
      core::Status flushed = flush(p);
      if (flushed.code() == core::StatusCode::kResourceExhausted) return finish();
      if (!flushed.isOk()) return fail(flushed);
      core::Status rotated = rotate();
      if (rotated.code() == core::StatusCode::kResourceExhausted) {
        retryAll(
            std::vector<size_t>(pending.begin() + static_cast<std::ptrdiff_t>(p), pending.end()),
            "cannot rotate " + path_ + ": " + rotated.message());
        return finish();
      }
      if (!rotated.isOk()) return fail(rotated);
    }
    chunk.append(line);
    chunkDocuments.push_back(pending[p]);
  }
  core::Status flushed = flush(pending.size());
  if (flushed.code() == core::StatusCode::kResourceExhausted) return finish();
  if (!flushed.isOk()) return fail(flushed);
  return finish();
}

}  // namespace bridge::transports

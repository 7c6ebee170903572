#include "spool/payload_file.h"

#include <openssl/evp.h>

#include <array>
#include <cstring>

namespace bridge::spool {

namespace {

using core::Result;
using core::Status;

constexpr size_t kVersionOffset = 8;
constexpr size_t kLengthOffset = 12;
constexpr size_t kDigestOffset = 20;
constexpr size_t kDigestBytes = 32;

std::array<unsigned char, kDigestBytes> sha256(std::string_view data) {
  std::array<unsigned char, kDigestBytes> digest{};
  unsigned int length = 0;
  // EVP_Digest only fails on allocation failure inside OpenSSL; a zeroed
  // digest then makes every later verification fail loudly instead of
  // passing silently.
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != kDigestBytes) {
    digest.fill(0);
  }
  return digest;
}

void appendBigEndian(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t readBigEndian(std::string_view in, size_t offset, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[offset + static_cast<size_t>(i)]);
  }
  return value;
}

Status corrupt(std::string_view id, std::string_view what) {
  std::string message = "payload ";
  message.append(id);
  message.append(": ");
  message.append(what);
  return Status::corruption(std::move(message));
}

}  // namespace

std::string sha256Hex(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::array<unsigned char, kDigestBytes> digest = sha256(data);
  std::string hex;
  hex.reserve(kDigestBytes * 2);
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

std::string encodePayloadFile(std::string_view payload) {
  std::string file;
  file.reserve(kPayloadOverheadBytes + payload.size());
  file.append(kPayloadMagic);
  appendBigEndian(file, kPayloadFormatVersion, 4);
  appendBigEndian(file, payload.size(), 8);
  std::array<unsigned char, kDigestBytes> digest = sha256(payload);
  file.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  file.append(payload);
  file.append(kPayloadEndMarker);
  return file;
}

Result<std::string> decodePayloadFile(std::string_view id, std::string_view file) {
  if (file.size() < kPayloadOverheadBytes) {
    std::string what = "file is ";
    what.append(std::to_string(file.size()));
    what.append(" bytes, shorter than the ");
    what.append(std::to_string(kPayloadOverheadBytes));
    what.append("-byte header and end marker (truncated)");
    return corrupt(id, what);
  }
  if (file.substr(0, kPayloadMagic.size()) != kPayloadMagic) {
    return corrupt(id, "bad magic (not a spool payload file)");
  }
  uint64_t version = readBigEndian(file, kVersionOffset, 4);
  if (version != kPayloadFormatVersion) {
    std::string what = "unknown format version ";
    what.append(std::to_string(version));
    return corrupt(id, what);
  }
  uint64_t length = readBigEndian(file, kLengthOffset, 8);
  uint64_t actual = file.size() - kPayloadOverheadBytes;
  if (length != actual) {
    std::string what = "header says ";
    what.append(std::to_string(length));
    what.append(" payload bytes but the file holds ");
    what.append(std::to_string(actual));
    what.append(length > actual ? " (truncated)" : " (trailing bytes)");
    return corrupt(id, what);
  }
  if (file.substr(file.size() - kPayloadEndMarker.size()) != kPayloadEndMarker) {
    return corrupt(id, "end marker missing (torn write)");
  }
  std::string_view payload = file.substr(kPayloadHeaderBytes, static_cast<size_t>(length));
  std::array<unsigned char, kDigestBytes> digest = sha256(payload);
  if (std::memcmp(digest.data(), file.data() + kDigestOffset, kDigestBytes) != 0) {
    return corrupt(id, "SHA-256 checksum mismatch (garbled content)");
  }
  return std::string(payload);
}

std::string payloadPath(const std::string& spoolDirectory, std::string_view id) {
  std::string path = spoolDirectory;
  path.append("/payloads/");
  path.append(id);
  return path;
}

std::string payloadTempPath(const std::string& spoolDirectory, std::string_view id) {
  std::string path = spoolDirectory;
  path.append("/payloads/.");
  path.append(id);
  path.append(".tmp");
  return path;
}

Status stagePayloadFile(Disk& disk, const std::string& spoolDirectory, std::string_view id,
                        std::string_view payload) {
  std::string temp = payloadTempPath(spoolDirectory, id);
  std::string file = encodePayloadFile(payload);
  Result<int> handle = disk.open(temp, OpenMode::kCreateExclusive);
  if (!handle) return handle.status();
  Status written = disk.write(*handle, file, 0);
  if (written.isOk()) written = disk.sync(*handle);
  disk.close(*handle);
  if (written.isOk()) written = disk.rename(temp, payloadPath(spoolDirectory, id));
  if (!written.isOk()) (void)disk.remove(temp);
  return written;
}

Status writePayloadFile(Disk& disk, const std::string& spoolDirectory, std::string_view id,
                        std::string_view payload) {
  return publishFile(disk, payloadTempPath(spoolDirectory, id), payloadPath(spoolDirectory, id),
                     encodePayloadFile(payload));
}

Result<std::string> readPayloadFile(Disk& disk, const std::string& spoolDirectory,
                                    std::string_view id, uint64_t maxPayloadBytes) {
  Result<std::string> file =
      readWholeFile(disk, payloadPath(spoolDirectory, id), maxPayloadBytes + kPayloadOverheadBytes);
  if (!file) {
    if (file.status().code() == core::StatusCode::kResourceExhausted) {
      return corrupt(id, "file is larger than any payload the spool accepts");
    }
    return file.status();
  }
  return decodePayloadFile(id, *file);
}

}  // namespace bridge::spool

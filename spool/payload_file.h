// Payload files: the self-delimiting on-disk form of one spooled payload
// (D1). A file is a fixed header (magic, format version, payload length,
// SHA-256 of the payload), the payload bytes, and an end marker, so that a
// torn, truncated or garbled file is always detected before it is processed.
// docs/spool-format.md describes the bytes.
//
// Files are written under a temp name (payloads/.<id>.tmp), fsynced and
// renamed to payloads/<id>; the directory fsync is the caller's (one per
// batch) or publishFile's.
//
// Thread-safety: free functions over values and a Disk; safe to call from
// several threads on different ids.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bridge/core/status.h"
#include "spool/disk.h"

namespace bridge::spool {

inline constexpr std::string_view kPayloadMagic = "EDISPOOL";
inline constexpr std::string_view kPayloadEndMarker = "SPOOLEND";
inline constexpr uint32_t kPayloadFormatVersion = 1;
// magic (8) + version (4) + length (8) + SHA-256 (32)
inline constexpr size_t kPayloadHeaderBytes = 52;
inline constexpr size_t kPayloadOverheadBytes = kPayloadHeaderBytes + kPayloadEndMarker.size();

// Lower-case hex SHA-256 of `data` (64 characters).
std::string sha256Hex(std::string_view data);

// The whole file for `payload`: header, payload, end marker.
std::string encodePayloadFile(std::string_view payload);

// Checks the magic, version, length, end marker and checksum of `file` and
// returns the payload; Status::corruption("payload <id>: <what is wrong>")
// on any mismatch.
core::Result<std::string> decodePayloadFile(std::string_view id, std::string_view file);

// <spoolDirectory>/payloads/<id> and its temp name <spoolDirectory>/payloads/.<id>.tmp.
std::string payloadPath(const std::string& spoolDirectory, std::string_view id);
std::string payloadTempPath(const std::string& spoolDirectory, std::string_view id);

// Writes the file under its temp name, fsyncs it and renames it into place,
// without the directory fsync: the caller fsyncs payloads/ once for a batch
// before it commits. On failure the temp file is removed (best effort).
core::Status stagePayloadFile(Disk& disk, const std::string& spoolDirectory, std::string_view id,
                              std::string_view payload);

// stagePayloadFile followed by the directory fsync (publishFile).
core::Status writePayloadFile(Disk& disk, const std::string& spoolDirectory, std::string_view id,
                              std::string_view payload);

// Reads and verifies payloads/<id>. A missing file is kNotFound; a file
// larger than maxPayloadBytes plus the overhead is kCorruption (no payload
// that size was ever accepted); I/O failures keep their code.
core::Result<std::string> readPayloadFile(Disk& disk, const std::string& spoolDirectory,
                                          std::string_view id, uint64_t maxPayloadBytes);

}  // namespace bridge::spool

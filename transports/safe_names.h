// Names from outside (files dropped by partners, names in templates) are
// never trusted as paths (RELIABILITY.md S6).
//
// SECURITY: a file name found in a watched directory is used only as a
// single path component inside that directory, and only when
// isSafeFileName() holds: no '/', no NUL or other control byte, not "." or
// "..", at most 255 bytes. Everything else (including symbolic links, which
// the watcher checks with lstat) is refused before any open.
//
// Thread-safety: free functions on values.
#pragma once

#include <string>
#include <string_view>

namespace bridge::transports {

inline constexpr size_t kMaxFileNameBytes = 255;

bool isSafeFileName(std::string_view name);

// Why `name` is refused, for the log ("contains '/'"); empty when it is safe.
std::string unsafeNameReason(std::string_view name);

// A name as it may appear in a generated file name: bytes other than
// letters, digits, '.', '-' and '_' become '_', leading dots become '_',
// and the result is cut to 128 bytes; never empty ("_").
std::string sanitizeNameComponent(std::string_view value);

// A path relative to a root that cannot leave it: not empty, not absolute,
// and every '/'-separated component isSafeFileName() and not "." or "..".
bool isSafeRelativePath(std::string_view path);

}  // namespace bridge::transports

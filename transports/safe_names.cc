#include "transports/safe_names.h"

namespace bridge::transports {

std::string unsafeNameReason(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is a directory reference";
  if (name.size() > kMaxFileNameBytes) return "is longer than 255 bytes";
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/') return "contains '/'";
    if (byte < 0x20 || byte == 0x7f) return "contains a control character";
  }
  return {};
}

bool isSafeFileName(std::string_view name) { return unsafeNameReason(name).empty(); }

std::string sanitizeNameComponent(std::string_view value) {
  constexpr size_t kMaxComponent = 128;
  std::string out;
  for (char c : value) {
    if (out.size() == kMaxComponent) break;
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || (c == '.' && !out.empty());
    out += plain ? c : '_';
  }
  if (out.empty()) out.push_back('_');
  return out;
}

bool isSafeRelativePath(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  size_t start = 0;
  for (;;) {
    const size_t slash = path.find('/', start);
    const std::string_view component = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!isSafeFileName(component)) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace bridge::transports

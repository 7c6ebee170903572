// FileNameTemplate: the path of an outbound file relative to its folder
// target, from a template such as "{partner}/{kind}-{set}-{control}-{key}.{ext}"
// and a document.
//
// Fields: {partner} {standard} {set} {version} {control} {item} come from the
// document's attributes; {kind} from the document (or its attributes);
// {key} is a file-name form of the idempotency key (the same key always gives
// the same name, so a re-delivery overwrites the file instead of adding a
// second one); {ext} follows the content type (x12, edi, json, dat). A
// missing value renders as "_".
//
// SECURITY: field values are data from trading partners and are never
// trusted as paths. Each value goes through sanitizeNameComponent(), so it
// holds only letters, digits, '.', '-' and '_' and never starts with a dot:
// a '/' in the result comes only from the template text, and a value can
// neither form ".." nor make the path absolute. The template itself is
// checked by parse(): not absolute, no empty, "." or ".." component, no
// control bytes or backslashes, only known fields. A rendered component
// longer than kMaxRenderedComponent bytes is shortened and given a hash of
// its full text, so it stays unique and leaves room for the ".<name>.tmp"
// temp name within the 255-byte limit of file systems.
//
// Thread-safety: immutable after parse(); render() may be called from any
// thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bridge/core/status.h"
#include "transports/sink.h"

namespace bridge::transports {

inline constexpr size_t kMaxRenderedComponent = 250;

class FileNameTemplate {
 public:
  // Checks `text` and splits it into components; the error names the problem.
  static core::Result<FileNameTemplate> parse(std::string_view text);

  // The path relative to the target root, components separated by '/'.
  // Always isSafeRelativePath().
  std::string render(const OutboundDocument& document) const;

  const std::string& text() const { return text_; }

 private:
  struct Part {
    bool field = false;
    std::string text;  // literal text, or the field name
  };

  FileNameTemplate() = default;

  std::string text_;
  std::vector<std::vector<Part>> components_;
};

// "x12", "edi", "json" or "dat".
std::string extensionForContentType(std::string_view contentType);

// The idempotency key as a file-name component: the key itself when it is
// short and already safe, else a sanitised prefix plus a hash of the whole
// key (so keys that sanitise alike still get different names).
std::string fileNameKey(std::string_view idempotencyKey);

}  // namespace bridge::transports

#include "transports/folder/file_name_template.h"

#include <array>
#include <cstdint>

#include "transports/safe_names.h"

namespace bridge::transports {
namespace {

constexpr std::array<std::string_view, 9> kFields = {
    "partner", "kind", "standard", "set", "version", "control", "item", "key", "ext"};

constexpr size_t kMaxKeyBytes = 64;
constexpr size_t kMaxExtensionKept = 16;

// FNV-1a: stable across builds and platforms, unlike std::hash, so a file
// name derived from it is the same after an upgrade.
std::string hashHex(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[hash & 0xf];
    hash >>= 4;
  }
  return out;
}

bool knownField(std::string_view name) {
  for (std::string_view field : kFields) {
    if (field == name) return true;
  }
  return false;
}

std::string attributeText(const nlohmann::json& attributes, const char* key) {
  if (!attributes.is_object()) return {};
  auto it = attributes.find(key);
  if (it == attributes.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

std::string fieldValue(const std::string& field, const OutboundDocument& document) {
  if (field == "key") return fileNameKey(document.idempotencyKey);
  if (field == "ext") return extensionForContentType(document.contentType);
  std::string value;
  if (field == "kind") value = document.kind;
  if (value.empty()) value = attributeText(document.attributes, field.c_str());
  return sanitizeNameComponent(value);
}

// Keeps a component within the file-system limit while keeping it unique
// (the hash covers the whole text) and keeping a short extension.
std::string shortenComponent(std::string component) {
  if (component.size() <= kMaxRenderedComponent) return component;
  std::string extension;
  const size_t dot = component.rfind('.');
  if (dot != std::string::npos && component.size() - dot <= kMaxExtensionKept) {
    extension = component.substr(dot);
  }
  const std::string hash = hashHex(component);
  const size_t keep = kMaxRenderedComponent - 1 - hash.size() - extension.size();
  std::string out = component.substr(0, keep);
  out += '~';
  out.append(hash);
  out.append(extension);
  return out;
}

}  // namespace

std::string extensionForContentType(std::string_view contentType) {
  // Parameters ("; charset=utf-8") do not change the kind of file.
  const std::string_view base = contentType.substr(0, contentType.find(';'));
  if (base == "application/edi-x12") return "x12";
  if (base == "application/edifact") return "edi";
  if (base == "application/json") return "json";
  return "dat";
}

std::string fileNameKey(std::string_view idempotencyKey) {
  const std::string clean = sanitizeNameComponent(idempotencyKey);
  if (clean == idempotencyKey && clean.size() <= kMaxKeyBytes) return clean;
  std::string out = clean.substr(0, kMaxKeyBytes - 17);
  out += '-';
  out.append(hashHex(idempotencyKey));
  return out;
}

core::Result<FileNameTemplate> FileNameTemplate::parse(std::string_view text) {
  const std::string quoted = "file name template '" + std::string(text) + "'";
  if (text.empty()) return core::Status::invalidArgument(quoted + " is empty");
  if (text.front() == '/') {
    return core::Status::invalidArgument(quoted +
                                         " is absolute; write a path relative to the target");
  }
  FileNameTemplate result;
  result.text_ = std::string(text);
  std::vector<Part> component;
  std::string componentText;  // the component as written, to spot "." and ".."
  auto finishComponent = [&]() -> core::Status {
    if (component.empty()) {
      return core::Status::invalidArgument(quoted + " has an empty path component");
    }
    if (componentText == "." || componentText == "..") {
      return core::Status::invalidArgument(quoted + " has a '" + componentText +
                                           "' component; it must stay inside the target");
    }
    result.components_.push_back(std::move(component));
    component.clear();
    componentText.clear();
    return core::Status::ok();
  };

  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/') {
      core::Status finished = finishComponent();
      if (!finished.isOk()) return finished;
      ++i;
      continue;
    }
    if (c == '{') {
      const size_t close = text.find('}', i + 1);
      if (close == std::string_view::npos) {
        return core::Status::invalidArgument(quoted + " has a '{' without '}'");
      }
      const std::string field(text.substr(i + 1, close - i - 1));
      if (!knownField(field)) {
        return core::Status::invalidArgument(
            quoted + " uses the unknown field {" + field +
            "}; known: {partner} {kind} {standard} {set} {version} {control} {item} {key} {ext}");
      }
      component.push_back(Part{true, field});
      componentText.append(text.substr(i, close - i + 1));
      i = close + 1;
      continue;
    }
    if (c == '}') return core::Status::invalidArgument(quoted + " has a '}' without '{'");
    if (byte < 0x20 || byte == 0x7f) {
      return core::Status::invalidArgument(quoted + " contains a control character");
    }
    if (c == '\\') return core::Status::invalidArgument(quoted + " contains a backslash");
    if (component.empty() || component.back().field) component.push_back(Part{false, {}});
    component.back().text += c;
    componentText += c;
    ++i;
  }
  core::Status finished = finishComponent();
  if (!finished.isOk()) return finished;
  for (const auto& parts : result.components_) {
    std::string literal;
    for (const Part& part : parts) {
      if (!part.field) literal.append(part.text);
    }
    if (literal.size() > kMaxRenderedComponent) {
      return core::Status::invalidArgument(quoted + " has a component longer than " +
                                           std::to_string(kMaxRenderedComponent) + " bytes");
    }
  }
  return result;
}

std::string FileNameTemplate::render(const OutboundDocument& document) const {
  std::string path;
  for (const auto& parts : components_) {
    std::string component;
    for (const Part& part : parts) {
      if (part.field) {
        component.append(fieldValue(part.text, document));
      } else {
        component.append(part.text);
      }
    }
    if (!path.empty()) path += '/';
    path.append(shortenComponent(std::move(component)));
  }
  return path;
}

}  // namespace bridge::transports

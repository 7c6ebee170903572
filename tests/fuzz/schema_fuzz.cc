// libFuzzer target: the schema loaders (parsers/schema). The input is up to
// three YAML texts separated by lines of "=====": a dictionary, a
// transaction and an overlay, served from memory as fuzz/dictionary.yaml,
// fuzz/850.yaml and fuzz/overlay.yaml (so `base:` chains, including ones
// that loop back, are followed without touching the disk). Loading must
// never crash or throw, only report issues; every issue must have a
// message; and a schema loaded without issues must be complete (every
// segment entry resolved, every position pointing at a definition, every
// loop with a trigger segment).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "parsers/schema/overlay.h"
#include "parsers/schema/transaction_loader.h"

namespace {

namespace schema = bridge::parsers::schema;

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

void checkComplete(const schema::StructureNode& node, bool root) {
  if (node.isLoop()) {
    if (node.children.empty()) violated("a loop without entries");
    if (!root && node.children.front().isLoop()) violated("a loop whose trigger is a loop");
    for (const schema::StructureNode& child : node.children) checkComplete(child, false);
    return;
  }
  if (!node.segment) violated("a segment entry without a definition");
  for (const schema::ElementRef& ref : node.segment->elements) {
    if ((ref.element == nullptr) == (ref.composite == nullptr)) {
      violated("a position that is neither an element nor a composite");
    }
    if (ref.composite == nullptr) continue;
    for (const schema::ElementRef& component : ref.composite->components) {
      if (component.element == nullptr) violated("a component without an element");
    }
  }
}

void checkIssues(const bridge::config::YamlIssues& issues) {
  for (const bridge::config::YamlIssue& issue : issues.list()) {
    if (issue.message.empty()) violated("an issue without a message");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string parts[3];
  for (std::string& part : parts) {
    const size_t split = input.find("\n=====\n");
    part = std::string(input.substr(0, split));
    input = split == std::string_view::npos ? std::string_view() : input.substr(split + 7);
  }
  const std::map<std::string, std::string> files = {{"fuzz/dictionary.yaml", parts[0]},
                                                    {"fuzz/850.yaml", parts[1]},
                                                    {"fuzz/overlay.yaml", parts[2]}};
  schema::YamlSource source = [&files](const std::filesystem::path& path,
                                       bridge::config::YamlIssues& issues) {
    auto file = files.find(path.lexically_normal().string());
    if (file == files.end()) {
      issues.add({path.string(), 0, 0, "cannot read the file"});
      return std::optional<YAML::Node>();
    }
    return bridge::config::loadYamlText(file->second, path.string(), issues);
  };

  schema::DictionaryCache cache(source);
  bridge::config::YamlIssues issues;
  auto transaction = schema::loadTransaction("fuzz/850.yaml", cache, issues);
  checkIssues(issues);
  if (!transaction) return 0;
  if (issues.empty()) checkComplete(transaction->root, true);
  // Overlays are applied to incomplete schemas too: they must cope.
  const bool complete = issues.empty();
  auto tightened = schema::applyOverlay(*transaction, "fuzz/overlay.yaml", issues, source);
  checkIssues(issues);
  if (tightened && complete && issues.empty()) checkComplete(tightened->root, true);
  return 0;
}

#include "parsers/schema/overlay_path.h"

#include "parsers/schema/file_header.h"

namespace bridge::parsers::schema {
namespace {

std::string contents(const StructureNode& loop) {
  std::string out;
  for (const StructureNode& child : loop.children) {
    if (!out.empty()) out += ", ";
    out += child.id;
  }
  return out;
}

}  // namespace

StructureNode* findStructurePath(StructureNode& root, std::string_view path, std::string& error) {
  StructureNode* level = &root;
  std::string walked;
  std::string_view rest = path;
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view step = rest.substr(0, slash);
    const size_t hash = step.find('#');
    const std::string_view id = step.substr(0, hash);
    uint64_t occurrence = 1;
    if (hash != std::string_view::npos) {
      auto number = parseCount(step.substr(hash + 1));
      occurrence = number.value_or(0);
    }
    if (id.empty() || occurrence == 0) {
      error = "'" + std::string(step) +
              "' is not a loop id or segment tag; write a path such as N1/PER or REF#2";
      return nullptr;
    }
    const std::string levelName =
        walked.empty() ? "the top of the structure" : "loop '" + walked + "'";
    const std::string where =
        walked.empty() ? "at the top of the structure" : "in loop '" + walked + "'";
    StructureNode* found = nullptr;
    uint64_t seen = 0;
    for (StructureNode& child : level->children) {
      if (child.id == id && ++seen == occurrence) {
        found = &child;
        break;
      }
    }
    if (found == nullptr && seen == 0) {
      error = "no '" + std::string(id) + "' " + where + ", which holds " + contents(*level);
      return nullptr;
    }
    if (found == nullptr) {
      error = levelName + " has only " + std::to_string(seen) + " '" + std::string(id) + "'";
      return nullptr;
    }
    walked += walked.empty() ? std::string(step) : "/" + std::string(step);
    if (slash == std::string_view::npos) return found;
    if (!found->isLoop()) {
      error = "'" + walked + "' is a segment; only loops have entries below them";
      return nullptr;
    }
    level = found;
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace bridge::parsers::schema

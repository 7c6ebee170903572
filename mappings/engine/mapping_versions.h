// MappingVersions: the mapping sets that were activated, kept so that the
// daemon runs a frozen copy (edits in the mapping directory change nothing
// until the next reload) and so that an earlier set can be restored.
//
// Layout under the state directory (<spool>/mappings):
//   versions/<n>/        a copy of the mapping directory as activated
//   versions/<n>.json    {"fingerprint", "activatedAtMs", "from"}
//   active.json          {"version": n, "pinned": bool}
// `pinned` is set by a rollback: a plain reload then keeps the restored set
// instead of activating the mapping directory again.
//
// Every file is written to a temporary name, fsynced and renamed, so a crash
// leaves either the old or the new active version.
//
// Thread-safety: one writer at a time (the daemon, or the CLI while it
// signals the daemon); readers see whole files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bridge/core/status.h"
#include "mappings/engine/mapping_set.h"
#include "mappings/engine/mapping_tests.h"

namespace bridge::mappings {

struct MappingVersionInfo {
  uint64_t version = 0;
  std::string fingerprint;
  int64_t activatedAtMs = 0;
  std::string from;
};

struct ActiveVersion {
  uint64_t version = 0;
  bool pinned = false;
};

class MappingVersions {
 public:
  explicit MappingVersions(std::filesystem::path stateDirectory)
      : root_(std::move(stateDirectory)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path directoryOf(uint64_t version) const;

  // nullopt when nothing was activated yet.
  core::Result<std::optional<ActiveVersion>> active() const;
  std::vector<MappingVersionInfo> list() const;

  // Copies `source` (its files, recursively) into a new version and makes it
  // active and unpinned. Returns the new version number.
  core::Result<uint64_t> store(const std::filesystem::path& source, const std::string& fingerprint);
  // Makes an existing version active; `pinned` as described above.
  core::Status setActive(uint64_t version, bool pinned);

 private:
  std::filesystem::path root_;
};

// The outcome of trying to activate a mapping directory.
struct Activation {
  bool activated = false;
  uint64_t version = 0;
  bool unchanged = false;  // the directory equals the active version; nothing stored
  std::shared_ptr<const MappingSet> set;
  std::vector<std::string> errors;  // compile problems and failed tests, one per entry
};

// Compiles `source`, runs every mapping's tests, and only when all pass
// stores it as the new active version (or notes it is unchanged) and loads
// the stored copy. Otherwise nothing changes and `errors` says why.
Activation activateMappings(const std::filesystem::path& source, MappingVersions& versions,
                            const CompileContext& compile, const TranslationContext& translate);

// Loads the active version (for the daemon's start and after a rollback).
Activation loadActiveMappings(MappingVersions& versions, const CompileContext& compile);

}  // namespace bridge::mappings

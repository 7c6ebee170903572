// LuaSandbox: runs the small Lua 5.4 snippets a mapping file may carry for rules the
// declarative language cannot express (docs/mapping-language.md, "Lua escape hatch").
//
// A snippet is compiled once when the mapping loads and then called per document with named
// inputs (JSON values that appear to the snippet as global variables); its first return value
// comes back as JSON. The sandbox is meant to be safe with snippets an administrator wrote in a
// hurry and deterministic for the same inputs:
//   - only the base functions that cannot reach the host, plus string (without dump), table,
//     math (without random) and utf8, and a small `edi` helper table; no io, os, package,
//     require, debug, coroutine, load or dofile; source text only, never bytecode;
//   - every call runs in a fresh global environment, so nothing one call assigns is visible to
//     the next, and the library tables a call sees are its own copies, so tampering with them
//     cannot break a later call;
//   - `pairs` visits keys in sorted order (Lua's own order changes from run to run);
//   - each call may execute at most LuaLimits::instructions VM instructions (library calls are
//     charged one more per 64 bytes they allocate, so a loop around string.rep is not free), and
//     the whole Lua state may hold at most LuaLimits::memoryBytes; either breach fails that call
//     only. Work inside one library call that neither executes Lua nor allocates (pattern
//     matching backtracking) is not counted.
//
// Memory: one Lua state per sandbox (about 20 KiB empty, plus compiled snippets and whatever a
// call converts), never more than LuaLimits::memoryBytes. Inputs are converted lazily, when the
// snippet first reads them, so an unused `doc` costs nothing.
//
// Thread-safety: none. A sandbox runs one call at a time; callers serialise calls (or use one
// sandbox per thread). A sandbox may be moved; a moved-from sandbox only fails politely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bridge/core/status.h"

namespace bridge::mappings {

struct LuaLimits {
  // VM instructions one call may execute (0 is treated as 1).
  uint64_t instructions = 1'000'000;
  // Bytes the whole Lua state may hold, compiled snippets and library tables included.
  size_t memoryBytes = 16u << 20;
};

// A compiled snippet of one sandbox. The value-initialised id ({}) names no snippet.
struct LuaChunkId {
  uint32_t index = 0;  // 1-based position in the sandbox's snippet list
  friend bool operator==(LuaChunkId, LuaChunkId) = default;
};

// Details of the last failed compile() or call(), for callers that translate snippet lines into
// positions in the mapping file.
struct LuaError {
  int line = 0;         // 1-based line within the snippet; 0 when no line applies
  std::string message;  // what Lua reported, without the snippet name and line
};

class LuaSandbox {
 public:
  explicit LuaSandbox(LuaLimits limits = {});
  ~LuaSandbox();
  LuaSandbox(LuaSandbox&&) noexcept;
  LuaSandbox& operator=(LuaSandbox&&) noexcept;
  LuaSandbox(const LuaSandbox&) = delete;
  LuaSandbox& operator=(const LuaSandbox&) = delete;

  // Compiles `code` (Lua source; bytecode is refused). `name` identifies the snippet in
  // messages. A syntax error is invalidArgument naming the snippet line, which lastError().line
  // also holds; running out of memory while compiling is resourceExhausted.
  core::Result<LuaChunkId> compile(std::string_view code, std::string_view name);

  // Runs a compiled snippet. `inputs` must be a JSON object; each member becomes a global of
  // that name for this call only. Returns the snippet's first return value (none or nil ->
  // null). A Lua error is invalidArgument with the snippet line (also in lastError()); the
  // instruction budget or the memory cap is resourceExhausted. After any failure the sandbox
  // stays usable for the next call.
  core::Result<nlohmann::json> call(LuaChunkId chunk, const nlohmann::json& inputs);

  // The last failure of compile() or call(); empty after a success.
  const LuaError& lastError() const;

  // Bytes the Lua state holds now (garbage not yet collected included).
  size_t memoryInUse() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bridge::mappings

// The Lua sandbox of the mapping engine: state set-up, the per-call environment, the budget and
// memory guards, the `edi` helpers and the conversions between JSON and Lua values.
//
// Lua reports errors with longjmp (liblua is C). Every function below that Lua may unwind
// through (the C functions Lua calls, and the JSON-to-Lua conversion they use) keeps only
// trivially destructible C++ objects on its frames; Lua-to-JSON conversion runs outside Lua's
// protection and therefore uses only Lua API calls that cannot raise errors.
#include "mappings/engine/lua_sandbox.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <lua.hpp>
#include <new>
#include <utility>
#include <vector>

namespace bridge::mappings {

struct LuaSandbox::Impl {
  LuaLimits limits;
  lua_State* state = nullptr;
  // Allocation accounting. The cap stays open while the standard libraries are set up so that a
  // tiny limit yields failing calls with a clear message rather than a state that cannot exist.
  size_t memoryInUse = 0;
  size_t memoryCap = SIZE_MAX;
  // The instruction budget of the running call. Bytes allocated during a call are charged to it
  // too, so loops around heavy library calls (string.rep, table.concat) run out as well.
  bool callRunning = false;
  uint64_t instructionsUsed = 0;
  uint64_t bytesAllocated = 0;
  uint64_t bytesCharged = 0;
  int hookPeriod = 0;
  bool budgetExhausted = false;
  // The inputs of the running call; null between calls.
  const nlohmann::json* inputs = nullptr;
  // The innermost snippet line when the running call raised an error.
  int errorLine = 0;
  std::vector<std::string> chunkNames;  // [id - 1]
  core::Status setupStatus;
  LuaError lastError;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (state != nullptr) lua_close(state);
  }
};

namespace {

using Json = nlohmann::json;

constexpr int kMaxDepth = 100;
// The count hook runs every kHookPeriod instructions and then charges the bytes allocated since
// the last run, one instruction per kBytesPerInstruction.
constexpr uint64_t kHookPeriod = 1000;
constexpr uint64_t kBytesPerInstruction = 64;
// Snippets all load under this chunk name, so Lua's "snippet:LINE: message" prefixes can be
// recognised and replaced by the snippet's real name (Lua truncates long chunk names).
constexpr char kSnippetChunkName[] = "=snippet";
constexpr std::string_view kSnippetPrefix = "snippet:";

// Registry slots, keyed by the addresses of these members.
struct RegistryKeys {
  char chunks;        // id -> compiled snippet
  char baseGlobals;   // name -> base function every call may read
  char libraries;     // name -> library table each call gets its own copy of
  char envMetatable;  // metatable of each call's global environment
  char provided;      // names the running call has already been given
  char objectMark;    // metatable marking a table that becomes a JSON object
  char arrayMark;     // metatable marking a table that becomes a JSON array
};
RegistryKeys registryKeys;

constexpr const char* kBaseFunctionNames[] = {
    "assert", "error",  "getmetatable", "ipairs",   "next",     "pcall", "rawequal", "rawget",
    "rawlen", "rawset", "select",       "tonumber", "tostring", "type",  "xpcall",   "_VERSION",
};

// Lua's own traversal order depends on a per-process hash seed; mappings must give the same
// output every run, so `pairs` sorts the keys (booleans, then numbers, then strings; other key
// types keep Lua's order). It runs as Lua so the instruction budget covers it; keys of one type
// (every JSON object, every array) are sorted by table.sort's own comparison, which is cheaper.
constexpr char kSortedPairsSource[] = R"lua(
local next, type, rawget, error, sort = ...
local function before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  if ta == "boolean" then return b and not a end
  return false
end
return function(t)
  if type(t) ~= "table" then
    error("bad argument #1 to 'pairs' (table expected, got " .. type(t) .. ")", 2)
  end
  local keys, count, kind, mixed = {}, 0, nil, false
  for key in next, t do
    count = count + 1
    keys[count] = key
    local keyType = type(key)
    if kind == nil then kind = keyType elseif keyType ~= kind then mixed = true end
  end
  if mixed or (kind ~= "string" and kind ~= "number") then
    sort(keys, before)
  else
    sort(keys)
  end
  local position = 0
  return function()
    while position < count do
      position = position + 1
      local key = keys[position]
      local value = rawget(t, key)
      if value ~= nil then return key, value end
    end
    return nil
  end, t, nil
end
)lua";

LuaSandbox::Impl& implOf(lua_State* L) {
  return **static_cast<LuaSandbox::Impl**>(lua_getextraspace(L));
}

// ---------------------------------------------------------------------------------------------
// Memory

void countHook(lua_State* L, lua_Debug*);

void* allocate(void* userData, void* block, size_t oldSize, size_t newSize) {
  auto* impl = static_cast<LuaSandbox::Impl*>(userData);
  const size_t held = block != nullptr ? oldSize : 0;  // for new blocks oldSize is a type tag
  if (newSize == 0) {
    std::free(block);
    impl->memoryInUse -= held;
    return nullptr;
  }
  if (newSize > held) {
    const size_t growth = newSize - held;
    if (growth > impl->memoryCap || impl->memoryInUse > impl->memoryCap - growth) return nullptr;
  }
  void* resized = std::realloc(block, newSize);
  if (resized == nullptr) {
    // Lua assumes shrinking cannot fail; keep the larger block.
    return newSize <= held ? block : nullptr;
  }
  impl->memoryInUse = impl->memoryInUse - held + newSize;
  if (impl->callRunning && newSize > held) {
    impl->bytesAllocated += newSize - held;
    // A library call that allocates a lot brings the hook forward, so a short loop around it
    // is charged before it repeats a thousand times. lua_sethook may be called at any moment.
    if (impl->bytesAllocated - impl->bytesCharged >= kHookPeriod * kBytesPerInstruction) {
      lua_sethook(impl->state, countHook, LUA_MASKCOUNT, 1);
    }
  }
  return resized;
}

int panic(lua_State* L) {
  const char* message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";
  std::fprintf(stderr, "edi-bridge: Lua error outside the sandbox's protection: %s\n", message);
  std::abort();
}

// ---------------------------------------------------------------------------------------------
// Instruction budget

void scheduleHook(lua_State* L, LuaSandbox::Impl& impl) {
  const uint64_t remaining = impl.limits.instructions - impl.instructionsUsed;
  impl.hookPeriod = static_cast<int>(std::min(remaining, kHookPeriod));
  lua_sethook(L, countHook, LUA_MASKCOUNT, impl.hookPeriod);
}

void countHook(lua_State* L, lua_Debug*) {
  LuaSandbox::Impl& impl = implOf(L);
  impl.instructionsUsed += static_cast<uint64_t>(impl.hookPeriod);
  const uint64_t charged = (impl.bytesAllocated - impl.bytesCharged) / kBytesPerInstruction;
  impl.instructionsUsed += charged;
  impl.bytesCharged += charged * kBytesPerInstruction;
  if (!impl.budgetExhausted && impl.instructionsUsed < impl.limits.instructions) {
    scheduleHook(L, impl);
    return;
  }
  // From here on every instruction raises again, so a script's own pcall cannot swallow the
  // error and carry on.
  impl.budgetExhausted = true;
  impl.hookPeriod = 1;
  lua_sethook(L, countHook, LUA_MASKCOUNT, 1);
  lua_pushliteral(L, "instruction budget exhausted");
  lua_error(L);
}

// Message handler of every call: remembers the innermost snippet line (errors raised inside C
// functions such as string.rep carry no position of their own).
int recordErrorLine(lua_State* L) {
  LuaSandbox::Impl& impl = implOf(L);
  lua_Debug frame;
  for (int level = 0; lua_getstack(L, level, &frame) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &frame) != 0 && frame.currentline > 0 &&
        std::strcmp(frame.source, kSnippetChunkName) == 0) {
      impl.errorLine = frame.currentline;
      break;
    }
  }
  return 1;
}

// ---------------------------------------------------------------------------------------------
// JSON -> Lua (runs under Lua's protection; errors unwind through it)

void setMark(lua_State* L, const void* markKey) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, markKey);
  lua_setmetatable(L, -2);
}

void pushJson(lua_State* L, const Json& value, int depth, const char* inputName) {
  if (depth > kMaxDepth) {
    luaL_error(L, "input '%s' is nested deeper than %d levels", inputName, kMaxDepth);
  }
  luaL_checkstack(L, 4, "input nested too deeply");
  switch (value.type()) {
    case Json::value_t::null:
      lua_pushnil(L);
      return;
    case Json::value_t::boolean:
      lua_pushboolean(L, value.get<bool>() ? 1 : 0);
      return;
    case Json::value_t::number_integer:
      lua_pushinteger(L, static_cast<lua_Integer>(value.get<int64_t>()));
      return;
    case Json::value_t::number_unsigned: {
      const uint64_t number = value.get<uint64_t>();
      if (number <= static_cast<uint64_t>(LUA_MAXINTEGER)) {
        lua_pushinteger(L, static_cast<lua_Integer>(number));
      } else {
        lua_pushnumber(L, static_cast<lua_Number>(number));
      }
      return;
    }
    case Json::value_t::number_float:
      lua_pushnumber(L, value.get<double>());
      return;
    case Json::value_t::string: {
      const std::string& text = value.get_ref<const std::string&>();
      lua_pushlstring(L, text.data(), text.size());
      return;
    }
    case Json::value_t::array: {
      const auto& items = value.get_ref<const Json::array_t&>();
      lua_createtable(L, static_cast<int>(std::min<size_t>(items.size(), INT_MAX)), 0);
      for (size_t i = 0; i < items.size(); ++i) {
        pushJson(L, items[i], depth + 1, inputName);
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
      }
      setMark(L, &registryKeys.arrayMark);
      return;
    }
    case Json::value_t::object: {
      const auto& members = value.get_ref<const Json::object_t&>();
      lua_createtable(L, 0, static_cast<int>(std::min<size_t>(members.size(), INT_MAX)));
      for (const auto& [name, member] : members) {
        lua_pushlstring(L, name.data(), name.size());
        pushJson(L, member, depth + 1, inputName);
        lua_rawset(L, -3);
      }
      setMark(L, &registryKeys.objectMark);
      return;
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      luaL_error(L, "input '%s' holds a binary or discarded JSON value", inputName);
      return;
  }
}

const Json* findInput(const Json* inputs, const char* name, size_t length) {
  if (inputs == nullptr || !inputs->is_object()) return nullptr;
  for (const auto& [key, value] : inputs->get_ref<const Json::object_t&>()) {
    if (key.size() == length && std::memcmp(key.data(), name, length) == 0) return &value;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// The per-call global environment

// __index of each call's environment: (env, name). Inputs first, then the call's own copy of a
// library, then the shared base functions. Whatever is handed out is remembered in the
// environment, so a snippet that assigns nil to an input really removes it.
int lookUpGlobal(lua_State* L) {
  if (lua_type(L, 2) != LUA_TSTRING) {
    lua_pushnil(L);
    return 1;
  }
  size_t length = 0;
  const char* name = lua_tolstring(L, 2, &length);

  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.provided);  // 3
  lua_pushvalue(L, 2);
  const bool alreadyProvided = lua_rawget(L, 3) != LUA_TNIL;
  lua_pop(L, 1);

  if (!alreadyProvided) {
    if (const Json* input = findInput(implOf(L).inputs, name, length)) {
      pushJson(L, *input, 0, name);
    } else {
      lua_pushvalue(L, 2);
      if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TTABLE) {
        const int library = lua_gettop(L);
        int size = 0;
        for (lua_pushnil(L); lua_next(L, library) != 0; lua_pop(L, 1)) ++size;
        lua_createtable(L, 0, size);
        lua_pushnil(L);
        while (lua_next(L, library) != 0) {
          lua_pushvalue(L, -2);
          lua_insert(L, -2);
          lua_rawset(L, -4);
        }
        lua_remove(L, library);
      } else {
        lua_pop(L, 1);
        lua_pushnil(L);
      }
    }
    if (!lua_isnil(L, -1)) {
      lua_pushvalue(L, 2);
      lua_pushboolean(L, 1);
      lua_rawset(L, 3);
      lua_pushvalue(L, 2);
      lua_pushvalue(L, -2);
      lua_rawset(L, 1);
      return 1;
    }
    lua_pop(L, 1);
  }
  if (length == 2 && std::memcmp(name, "_G", 2) == 0) {
    lua_pushvalue(L, 1);
    return 1;
  }
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));
  return 1;
}

// (chunk index) -> the snippet's first return value, run in a fresh environment.
int runChunk(lua_State* L) {
  const lua_Integer index = lua_tointeger(L, 1);
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &registryKeys.provided);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.chunks);
  lua_rawgeti(L, -1, index);
  lua_newtable(L);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.envMetatable);
  lua_setmetatable(L, -2);
  lua_setupvalue(L, -2, 1);  // a main chunk's only upvalue is _ENV
  lua_call(L, 0, 1);
  return 1;
}

// (compiled function, index): files the snippet with no environment until a call gives it one.
int storeChunk(lua_State* L) {
  lua_pushnil(L);
  lua_setupvalue(L, 1, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.chunks);
  lua_pushvalue(L, 1);
  lua_rawseti(L, -2, lua_tointeger(L, 2));
  return 0;
}

// setmetatable without finalizers: a __gc metamethod would run outside any call, at whatever
// moment the collector chooses, beyond the instruction budget.
int guardedSetmetatable(lua_State* L) {
  lua_settop(L, 2);
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) {
      return luaL_error(L, "setmetatable: __gc finalizers are not available in mapping snippets");
    }
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 2, 1);
  return 1;
}

// Library functions whose C loops run for as long as an argument says, without executing a VM
// instruction or allocating memory, are wrapped so such loops stay bounded. Each wrapper holds
// the original function as upvalue 1 and its name as upvalue 2.

int callOriginal(lua_State* L) {
  const int arguments = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, arguments, LUA_MULTRET);
  return lua_gettop(L);
}

// string.rep("", n) would spin n times producing nothing.
int guardedRep(lua_State* L) {
  size_t length = 0;
  size_t separatorLength = 0;
  luaL_checklstring(L, 1, &length);
  const lua_Integer count = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &separatorLength);
  if (count > 0 && length == 0 && separatorLength == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  return callOriginal(L);
}

// table.insert and friends loop up to #t, which a __len metamethod can make arbitrarily large.
int refuseLengthMetamethod(lua_State* L) {
  if (lua_type(L, 1) == LUA_TTABLE && luaL_getmetafield(L, 1, "__len") != LUA_TNIL) {
    return luaL_error(L, "table.%s: tables with a __len metamethod are not supported here",
                      lua_tostring(L, lua_upvalueindex(2)));
  }
  return callOriginal(L);
}

// table.move(a, f, e, t) loops e - f + 1 times; no table in the sandbox can have more elements
// than its memory limit allows.
int guardedMove(lua_State* L) {
  const lua_Integer first = luaL_checkinteger(L, 2);
  const lua_Integer last = luaL_checkinteger(L, 3);
  if (last >= first) {
    const uint64_t count = static_cast<uint64_t>(last) - static_cast<uint64_t>(first) + 1;
    if (count > implOf(L).limits.memoryBytes / 16) {
      return luaL_error(L, "table.move: %I elements are more than any table here can hold",
                        static_cast<lua_Integer>(count));
    }
  }
  return callOriginal(L);
}

void wrapLibraryFunction(lua_State* L, const char* library, const char* name, lua_CFunction guard) {
  lua_getglobal(L, library);
  lua_getfield(L, -1, name);
  lua_pushstring(L, name);
  lua_pushcclosure(L, guard, 2);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

// ---------------------------------------------------------------------------------------------
// The `edi` helpers

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

int ediTrim(lua_State* L) {
  size_t length = 0;
  const char* text = luaL_checklstring(L, 1, &length);
  size_t begin = 0;
  size_t end = length;
  while (begin < end && isSpace(text[begin])) ++begin;
  while (end > begin && isSpace(text[end - 1])) --end;
  lua_pushlstring(L, text + begin, end - begin);
  return 1;
}

int pad(lua_State* L, bool left) {
  size_t length = 0;
  const char* text = luaL_checklstring(L, 1, &length);
  const lua_Integer width = luaL_checkinteger(L, 2);
  size_t fillLength = 0;
  const char* fill = luaL_optlstring(L, 3, " ", &fillLength);
  luaL_argcheck(L, fillLength == 1, 3, "the fill must be exactly one byte");
  if (width <= static_cast<lua_Integer>(length)) {
    lua_pushlstring(L, text, length);
    return 1;
  }
  const size_t total = static_cast<size_t>(width);
  const size_t padding = total - length;
  luaL_Buffer buffer;
  char* out = luaL_buffinitsize(L, &buffer, total);
  if (left) {
    std::memset(out, fill[0], padding);
    std::memcpy(out + padding, text, length);
  } else {
    std::memcpy(out, text, length);
    std::memset(out + length, fill[0], padding);
  }
  luaL_pushresultsize(&buffer, total);
  return 1;
}

int ediPadLeft(lua_State* L) { return pad(L, true); }
int ediPadRight(lua_State* L) { return pad(L, false); }

// Rounds half away from zero on the shortest decimal text of `x`, the number as people read
// it: 2.675 is stored as 2.67499999..., yet rounds to 2.68 here, as it would on paper.
double roundDecimal(double x, int places) {
  char text[48];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*e", precision - 1, x);
    if (std::strtod(text, nullptr) == x) break;
  }
  const bool negative = text[0] == '-';
  char digits[24];
  int digitCount = 0;
  const char* cursor = text + (negative ? 1 : 0);
  for (; *cursor != '\0' && *cursor != 'e'; ++cursor) {
    if (*cursor >= '0' && *cursor <= '9') digits[digitCount++] = *cursor;
  }
  const int exponent = *cursor == 'e' ? std::atoi(cursor + 1) : 0;
  const int keep = exponent + 1 + places;  // significant digits left of the cut
  if (keep >= digitCount) return x;
  if (keep < 0) return 0.0;
  char kept[24];
  kept[0] = '0';  // room for a carry
  std::memcpy(kept + 1, digits, static_cast<size_t>(keep));
  const int keptCount = keep + 1;
  if (digits[keep] >= '5') {
    int i = keptCount - 1;
    while (kept[i] == '9') kept[i--] = '0';
    ++kept[i];
  }
  std::snprintf(text, sizeof text, "%s%.*se-%d", negative ? "-" : "", keptCount, kept, places);
  const double rounded = std::strtod(text, nullptr);
  return rounded == 0.0 ? 0.0 : rounded;
}

int ediRound(lua_State* L) {
  luaL_checknumber(L, 1);
  const lua_Integer places = luaL_optinteger(L, 2, 0);
  luaL_argcheck(L, places >= 0 && places <= 15, 2, "decimal places must be between 0 and 15");
  if (lua_isinteger(L, 1)) {
    lua_pushvalue(L, 1);
    return 1;
  }
  const double x = lua_tonumber(L, 1);
  lua_pushnumber(L, std::isfinite(x) ? roundDecimal(x, static_cast<int>(places)) : x);
  return 1;
}

bool hasMetatable(lua_State* L, int index, const void* markKey) {
  if (lua_getmetatable(L, index) == 0) return false;
  lua_rawgetp(L, LUA_REGISTRYINDEX, markKey);
  const bool same = lua_rawequal(L, -1, -2) != 0;
  lua_pop(L, 2);
  return same;
}

int markTable(lua_State* L, const void* markKey, const char* function) {
  if (lua_isnoneornil(L, 1)) {
    lua_settop(L, 0);
    lua_newtable(L);
  } else {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    if (lua_getmetatable(L, 1) != 0) {
      lua_pop(L, 1);
      if (!hasMetatable(L, 1, &registryKeys.objectMark) &&
          !hasMetatable(L, 1, &registryKeys.arrayMark)) {
        return luaL_error(L, "%s: the table already has a metatable of its own", function);
      }
    }
  }
  setMark(L, markKey);
  return 1;
}

int ediObject(lua_State* L) { return markTable(L, &registryKeys.objectMark, "edi.object"); }
int ediArray(lua_State* L) { return markTable(L, &registryKeys.arrayMark, "edi.array"); }

const luaL_Reg kEdiFunctions[] = {
    {"trim", ediTrim},   {"pad_left", ediPadLeft}, {"pad_right", ediPadRight},
    {"round", ediRound}, {"object", ediObject},    {"array", ediArray},
    {nullptr, nullptr},
};

// ---------------------------------------------------------------------------------------------
// State set-up (runs under Lua's protection)

void newMark(lua_State* L, const char* name, const void* key) {
  lua_newtable(L);
  lua_pushstring(L, name);
  lua_setfield(L, -2, "__metatable");  // getmetatable shows the name; setmetatable refuses
  lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

int setUp(lua_State* L) {
  const luaL_Reg libraries[] = {
      {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
      {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
      {LUA_UTF8LIBNAME, luaopen_utf8},
  };
  for (const luaL_Reg& library : libraries) {
    luaL_requiref(L, library.name, library.func, 1);
    lua_pop(L, 1);
  }

  // Removed from the library tables themselves, so ("").dump cannot reach them either.
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "random");
  lua_pushnil(L);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);

  wrapLibraryFunction(L, LUA_STRLIBNAME, "rep", guardedRep);
  for (const char* name : {"insert", "remove", "concat", "unpack", "sort"}) {
    wrapLibraryFunction(L, LUA_TABLIBNAME, name, refuseLengthMetamethod);
  }
  wrapLibraryFunction(L, LUA_TABLIBNAME, "move", guardedMove);

  // The string metatable is shared by every string of the state; hidden, it cannot be used to
  // reach (and alter) the library behind s:upper().
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);

  newMark(L, "object", &registryKeys.objectMark);
  newMark(L, "array", &registryKeys.arrayMark);

  lua_newtable(L);  // base globals
  for (const char* name : kBaseFunctionNames) {
    lua_getglobal(L, name);
    lua_setfield(L, -2, name);
  }
  lua_getglobal(L, "setmetatable");
  lua_pushcclosure(L, guardedSetmetatable, 1);
  lua_setfield(L, -2, "setmetatable");
  if (luaL_loadbufferx(L, kSortedPairsSource, sizeof kSortedPairsSource - 1, "=pairs", "t") !=
      LUA_OK) {
    return lua_error(L);
  }
  lua_pushnil(L);
  lua_setupvalue(L, -2, 1);  // it needs no globals
  lua_getglobal(L, "next");
  lua_getglobal(L, "type");
  lua_getglobal(L, "rawget");
  lua_getglobal(L, "error");
  lua_getglobal(L, LUA_TABLIBNAME);
  lua_getfield(L, -1, "sort");
  lua_remove(L, -2);
  lua_call(L, 5, 1);
  lua_setfield(L, -2, "pairs");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &registryKeys.baseGlobals);

  lua_newtable(L);  // library templates
  for (const char* name : {LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_MATHLIBNAME, LUA_UTF8LIBNAME}) {
    lua_getglobal(L, name);
    lua_setfield(L, -2, name);
  }
  luaL_newlib(L, kEdiFunctions);
  lua_setfield(L, -2, "edi");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &registryKeys.libraries);

  lua_newtable(L);  // environment metatable
  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.baseGlobals);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.libraries);
  lua_pushcclosure(L, lookUpGlobal, 2);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &registryKeys.envMetatable);

  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &registryKeys.chunks);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Lua -> JSON (runs outside Lua's protection: only API calls that cannot raise)

size_t invalidUtf8Offset(const char* text, size_t length) {
  size_t i = 0;
  while (i < length) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t size = 0;
    uint32_t codePoint = 0;
    if ((lead & 0xE0) == 0xC0) {
      size = 2;
      codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      size = 3;
      codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      size = 4;
      codePoint = lead & 0x07;
    } else {
      return i;
    }
    if (size > length - i) return i;
    for (size_t k = 1; k < size; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    const uint32_t smallest = size == 2 ? 0x80 : size == 3 ? 0x800 : 0x10000;
    if (codePoint < smallest || codePoint > 0x10FFFF ||
        (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      return i;
    }
    i += size;
  }
  return std::string::npos;
}

class LuaToJson {
 public:
  LuaToJson(lua_State* L, size_t sizeLimit) : L_(L), sizeLimit_(sizeLimit), left_(sizeLimit) {}

  // Converts the value at stack slot `index`; on false, problem() says what and where.
  bool convert(int index, Json& out, int depth) {
    if (!charge(16)) return false;
    switch (lua_type(L_, index)) {
      case LUA_TNIL:
        out = nullptr;
        return true;
      case LUA_TBOOLEAN:
        out = lua_toboolean(L_, index) != 0;
        return true;
      case LUA_TNUMBER:
        if (lua_isinteger(L_, index)) {
          out = static_cast<int64_t>(lua_tointeger(L_, index));
          return true;
        } else {
          const double number = lua_tonumber(L_, index);
          if (!std::isfinite(number)) return fail("NaN or infinity (JSON has no such numbers)");
          out = number;
          return true;
        }
      case LUA_TSTRING: {
        size_t length = 0;
        const char* text = lua_tolstring(L_, index, &length);
        if (!checkText(text, length, "a string")) return false;
        out = std::string(text, length);
        return true;
      }
      case LUA_TTABLE:
        return convertTable(index, out, depth);
      default:
        return fail(std::string("a ") + lua_typename(L_, lua_type(L_, index)) +
                    " (only nil, booleans, numbers, strings and tables of those become JSON)");
    }
  }

  const std::string& problem() const { return problem_; }

 private:
  bool convertTable(int index, Json& out, int depth) {
    if (depth >= kMaxDepth) {
      return fail("a value nested deeper than " + std::to_string(kMaxDepth) +
                  " levels (does a table contain itself?)");
    }
    if (!lua_checkstack(L_, 4)) return fail("a value too deep for the Lua stack");
    const bool markedObject = hasMetatable(L_, index, &registryKeys.objectMark);
    const bool markedArray = hasMetatable(L_, index, &registryKeys.arrayMark);

    lua_Integer largestIndex = 0;
    size_t integerKeys = 0;
    size_t stringKeys = 0;
    lua_pushnil(L_);
    while (lua_next(L_, index) != 0) {
      lua_pop(L_, 1);
      const int keyType = lua_type(L_, -1);
      if (keyType == LUA_TSTRING) {
        ++stringKeys;
      } else if (keyType == LUA_TNUMBER && lua_isinteger(L_, -1) && lua_tointeger(L_, -1) > 0) {
        ++integerKeys;
        largestIndex = std::max(largestIndex, lua_tointeger(L_, -1));
      } else {
        std::string what = keyType == LUA_TNUMBER ? "a table with the number key " + numberText(-1)
                                                  : std::string("a table with a key of type ") +
                                                        lua_typename(L_, keyType);
        lua_pop(L_, 1);
        return fail(what + " (object keys must be strings; array indices run from 1)");
      }
    }

    if (markedObject && integerKeys > 0) {
      return fail("an object (from the input or edi.object) with integer keys");
    }
    if (markedArray && stringKeys > 0) {
      return fail("an array (from the input or edi.array) with named fields");
    }
    if (integerKeys > 0 && stringKeys > 0) {
      return fail("a table mixing array items (keys 1, 2, ...) and named fields");
    }
    if (markedObject || stringKeys > 0) return convertObject(index, out, depth);

    const auto length = static_cast<uint64_t>(largestIndex);
    if (length > 2 * integerKeys + 1024) {
      return fail("a sparse array (largest index " + std::to_string(length) + ", only " +
                  std::to_string(integerKeys) + " items)");
    }
    out = Json::array();
    out.get_ref<Json::array_t&>().reserve(length);
    for (uint64_t position = 1; position <= length; ++position) {
      path_.push_back(std::to_string(position - 1));
      lua_rawgeti(L_, index, static_cast<lua_Integer>(position));
      Json item;
      const bool converted = convert(lua_gettop(L_), item, depth + 1);
      lua_pop(L_, 1);
      if (!converted) return false;
      path_.pop_back();
      out.push_back(std::move(item));
    }
    return true;
  }

  bool convertObject(int index, Json& out, int depth) {
    out = Json::object();
    lua_pushnil(L_);
    while (lua_next(L_, index) != 0) {
      size_t length = 0;
      const char* key = lua_tolstring(L_, -2, &length);  // a string: checked by the caller
      if (!checkText(key, length, "a key that")) {
        lua_pop(L_, 2);
        return false;
      }
      path_.emplace_back(key, length);
      Json member;
      if (!convert(lua_gettop(L_), member, depth + 1)) {
        lua_pop(L_, 2);
        return false;
      }
      path_.pop_back();
      out[std::string(key, length)] = std::move(member);
      lua_pop(L_, 1);
    }
    return true;
  }

  bool checkText(const char* text, size_t length, const char* what) {
    if (!charge(length)) return false;
    const size_t bad = invalidUtf8Offset(text, length);
    if (bad == std::string::npos) return true;
    return fail(std::string(what) + " is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")");
  }

  bool charge(size_t bytes) {
    if (bytes <= left_) {
      left_ -= bytes;
      return true;
    }
    return fail("a value larger than " + std::to_string(sizeLimit_) + " bytes as JSON");
  }

  std::string numberText(int index) {
    char text[40];
    if (lua_isinteger(L_, index)) {
      std::snprintf(text, sizeof text, "%lld", static_cast<long long>(lua_tointeger(L_, index)));
    } else {
      std::snprintf(text, sizeof text, "%.14g", static_cast<double>(lua_tonumber(L_, index)));
    }
    return text;
  }

  bool fail(const std::string& what) {
    if (!problem_.empty()) return false;
    problem_ = what;
    if (!path_.empty()) {
      std::string pointer;
      for (const std::string& step : path_) {
        pointer += '/';
        for (char c : step) {
          if (c == '~') {
            pointer += "~0";
          } else if (c == '/') {
            pointer += "~1";
          } else {
            pointer += c;
          }
        }
      }
      problem_ += " at JSON pointer " + pointer;
    }
    return false;
  }

  lua_State* L_;
  size_t sizeLimit_;
  size_t left_;
  std::vector<std::string> path_;
  std::string problem_;
};

// ---------------------------------------------------------------------------------------------
// Messages

// Splits Lua's "snippet:LINE: message" into its parts; other messages keep `line` unchanged.
std::string withoutPosition(std::string message, int& line) {
  if (message.compare(0, kSnippetPrefix.size(), kSnippetPrefix) != 0) return message;
  size_t cursor = kSnippetPrefix.size();
  int parsed = 0;
  while (cursor < message.size() && message[cursor] >= '0' && message[cursor] <= '9' &&
         parsed < 100'000'000) {
    parsed = parsed * 10 + (message[cursor] - '0');
    ++cursor;
  }
  if (cursor == kSnippetPrefix.size() || message.compare(cursor, 2, ": ") != 0) return message;
  line = parsed;
  return message.substr(cursor + 2);
}

// The error object on top of the stack as text, without calling into Lua.
std::string errorText(lua_State* L) {
  switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
      size_t length = 0;
      const char* text = lua_tolstring(L, -1, &length);
      return std::string(text, length);
    }
    case LUA_TNUMBER: {
      char text[40];
      if (lua_isinteger(L, -1)) {
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(lua_tointeger(L, -1)));
      } else {
        std::snprintf(text, sizeof text, "%.14g", static_cast<double>(lua_tonumber(L, -1)));
      }
      return text;
    }
    case LUA_TNIL:
      return "error raised with nil instead of a message";
    default:
      return std::string("error raised with a ") + lua_typename(L, lua_type(L, -1)) +
             " instead of a message";
  }
}

std::string snippetLabel(std::string_view name) {
  return "Lua snippet '" + std::string(name) + "'";
}

std::string atLine(int line) { return line > 0 ? " at line " + std::to_string(line) : ""; }

std::string bytesText(size_t bytes) {
  std::string text = std::to_string(bytes) + " bytes";
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) {
    text += " (" + std::to_string(bytes >> 20) + " MiB)";
  }
  return text;
}

}  // namespace

// -----------------------------------------------------------------------------------------------

LuaSandbox::LuaSandbox(LuaLimits limits) : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.limits = limits;
  impl.limits.instructions = std::max<uint64_t>(limits.instructions, 1);
  impl.state = lua_newstate(allocate, &impl);
  if (impl.state == nullptr) {
    impl.setupStatus = core::Status::resourceExhausted(
        "cannot create a Lua state for the mapping's snippets: the system is out of memory");
    return;
  }
  lua_State* L = impl.state;
  *static_cast<Impl**>(lua_getextraspace(L)) = &impl;
  lua_atpanic(L, panic);
  lua_pushcfunction(L, setUp);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
    impl.setupStatus = core::Status::internal(
        "cannot set up the Lua sandbox for the mapping's snippets: " + errorText(L));
    lua_settop(L, 0);
  }
  impl.memoryCap = impl.limits.memoryBytes;
}

LuaSandbox::~LuaSandbox() = default;
LuaSandbox::LuaSandbox(LuaSandbox&&) noexcept = default;
LuaSandbox& LuaSandbox::operator=(LuaSandbox&&) noexcept = default;

const LuaError& LuaSandbox::lastError() const {
  static const LuaError kNone;
  return impl_ ? impl_->lastError : kNone;
}

size_t LuaSandbox::memoryInUse() const { return impl_ ? impl_->memoryInUse : 0; }

core::Result<LuaChunkId> LuaSandbox::compile(std::string_view code, std::string_view name) {
  if (!impl_) return core::Status::internal("compile() on a moved-from LuaSandbox");
  Impl& impl = *impl_;
  impl.lastError = {};
  if (!impl.setupStatus.isOk()) return impl.setupStatus;
  if (impl.chunkNames.size() >= UINT32_MAX) {
    return core::Status::resourceExhausted(snippetLabel(name) + ": too many Lua snippets");
  }
  lua_State* L = impl.state;
  const int base = lua_gettop(L);
  if (!lua_checkstack(L, 4)) {
    return core::Status::resourceExhausted(snippetLabel(name) + " cannot be compiled: the " +
                                           bytesText(impl.limits.memoryBytes) +
                                           " for the mapping's Lua snippets are used up");
  }

  const int status = luaL_loadbufferx(L, code.data(), code.size(), kSnippetChunkName, "t");
  if (status == LUA_ERRMEM) {
    lua_settop(L, base);
    impl.lastError.message = "not enough memory";
    return core::Status::resourceExhausted(
        snippetLabel(name) + " cannot be compiled: the mapping's Lua snippets may hold at most " +
        bytesText(impl.limits.memoryBytes) + "; shorten the snippet");
  }
  if (status != LUA_OK) {
    int line = 0;
    std::string message = withoutPosition(errorText(L), line);
    lua_settop(L, base);
    if (code.substr(0, 4) == LUA_SIGNATURE) {
      message += "; precompiled Lua is refused, write the snippet as source text";
    }
    impl.lastError = {line, message};
    return core::Status::invalidArgument(snippetLabel(name) + " does not compile" + atLine(line) +
                                         ": " + message);
  }

  const auto index = static_cast<uint32_t>(impl.chunkNames.size() + 1);
  lua_pushcfunction(L, storeChunk);
  lua_insert(L, -2);
  lua_pushinteger(L, index);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
    lua_settop(L, base);
    impl.lastError.message = "not enough memory";
    return core::Status::resourceExhausted(
        snippetLabel(name) + " cannot be kept: the mapping's Lua snippets may hold at most " +
        bytesText(impl.limits.memoryBytes));
  }
  impl.chunkNames.emplace_back(name);
  return LuaChunkId{index};
}

core::Result<Json> LuaSandbox::call(LuaChunkId chunk, const Json& inputs) {
  if (!impl_) return core::Status::internal("call() on a moved-from LuaSandbox");
  Impl& impl = *impl_;
  impl.lastError = {};
  if (!impl.setupStatus.isOk()) return impl.setupStatus;
  if (chunk.index == 0 || chunk.index > impl.chunkNames.size()) {
    return core::Status::internal("Lua snippet id " + std::to_string(chunk.index) +
                                  " was not compiled by this sandbox");
  }
  const std::string& name = impl.chunkNames[chunk.index - 1];
  if (!inputs.is_object()) {
    return core::Status::internal(snippetLabel(name) +
                                  ": the inputs of a call must be a JSON object, not " +
                                  std::string(inputs.type_name()));
  }
  lua_State* L = impl.state;
  const int base = lua_gettop(L);
  const auto outOfMemory = [&](int line) {
    impl.lastError = {line, "not enough memory"};
    return core::Status::resourceExhausted(
        snippetLabel(name) + " ran out of memory" + atLine(line) +
        ": the mapping's Lua snippets may hold at most " + bytesText(impl.limits.memoryBytes) +
        " together; build smaller strings and tables");
  };
  if (!lua_checkstack(L, 8)) return outOfMemory(0);

  impl.inputs = &inputs;
  impl.errorLine = 0;
  impl.instructionsUsed = 0;
  impl.bytesAllocated = 0;
  impl.bytesCharged = 0;
  impl.budgetExhausted = false;
  impl.callRunning = true;
  lua_pushcfunction(L, recordErrorLine);
  lua_pushcfunction(L, runChunk);
  lua_pushinteger(L, chunk.index);
  scheduleHook(L, impl);
  const int status = lua_pcall(L, 1, 1, base + 1);
  lua_sethook(L, nullptr, 0, 0);
  impl.callRunning = false;
  impl.inputs = nullptr;

  // Release this call's environment (and the inputs converted into it) for the collector.
  lua_rawgetp(L, LUA_REGISTRYINDEX, &registryKeys.chunks);
  lua_rawgeti(L, -1, chunk.index);
  lua_pushnil(L);
  lua_setupvalue(L, -2, 1);
  lua_pop(L, 2);
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &registryKeys.provided);

  const std::string label = snippetLabel(name);
  if (impl.budgetExhausted) {
    lua_settop(L, base);
    impl.lastError = {impl.errorLine, "instruction budget exhausted"};
    return core::Status::resourceExhausted(
        label + " exceeded its budget of " + std::to_string(impl.limits.instructions) +
        " instructions" + atLine(impl.errorLine) +
        "; look for an endless loop, or do the work once per document instead of per item");
  }
  if (status == LUA_ERRMEM) {
    lua_settop(L, base);
    return outOfMemory(impl.errorLine);
  }
  if (status != LUA_OK) {
    int line = impl.errorLine;
    std::string message = withoutPosition(errorText(L), line);
    lua_settop(L, base);
    impl.lastError = {line, message};
    return core::Status::invalidArgument(label + " failed" + atLine(line) + ": " + message);
  }

  try {
    LuaToJson converter(L, impl.limits.memoryBytes);
    Json result;
    const bool converted = converter.convert(lua_gettop(L), result, 0);
    lua_settop(L, base);
    if (!converted) {
      impl.lastError = {0, "returned " + converter.problem()};
      return core::Status::invalidArgument(label + " returned " + converter.problem());
    }
    return result;
  } catch (const std::bad_alloc&) {
    lua_settop(L, base);
    impl.lastError = {0, "out of memory converting the result"};
    return core::Status::resourceExhausted(label +
                                           " returned a value too large to convert to JSON");
  }
}

}  // namespace bridge::mappings

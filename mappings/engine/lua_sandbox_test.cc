// Tests of the Lua sandbox: value conversion both ways, error reporting with snippet lines, the
// libraries a snippet can and cannot reach, the instruction and memory limits, and isolation
// between calls.
#include "mappings/engine/lua_sandbox.h"

#include <gtest/gtest.h>

#include <lua.hpp>
#include <string>

namespace bridge::mappings {
namespace {

using nlohmann::json;

// Compiles and runs one snippet; fails the test when it does not compile.
core::Result<json> run(LuaSandbox& sandbox, std::string_view code,
                       const json& inputs = json::object()) {
  auto chunk = sandbox.compile(code, "test");
  EXPECT_TRUE(chunk.isOk()) << chunk.status().toString();
  if (!chunk.isOk()) return chunk.status();
  return sandbox.call(*chunk, inputs);
}

json runOk(LuaSandbox& sandbox, std::string_view code, const json& inputs = json::object()) {
  auto result = run(sandbox, code, inputs);
  EXPECT_TRUE(result.isOk()) << code << "\n" << result.status().toString();
  return result.isOk() ? *result : json("<failed>");
}

json sampleOrder() {
  return json::parse(R"({
    "orderNumber": "PO-1001",
    "lines": [
      {"sku": "A-1", "quantity": 3, "unitPrice": 2.5, "tags": []},
      {"sku": "B-2", "quantity": 2, "unitPrice": 10, "note": null, "extra": {}}
    ],
    "urgent": true
  })");
}

// ---------------------------------------------------------------------------------------------
// Values in

TEST(LuaSandboxTest, InputsAppearAsGlobalsWithTheirJsonShape) {
  LuaSandbox sandbox;
  const json inputs = {{"doc", sampleOrder()}, {"value", "  x  "}};
  EXPECT_EQ(runOk(sandbox, "return doc.orderNumber", inputs), "PO-1001");
  EXPECT_EQ(runOk(sandbox, "return #doc.lines", inputs), 2);
  EXPECT_EQ(runOk(sandbox, "return doc.lines[2].sku", inputs), "B-2");
  EXPECT_EQ(runOk(sandbox, "return doc.urgent == true", inputs), true);
  EXPECT_EQ(runOk(sandbox, "return value", inputs), "  x  ");
  EXPECT_EQ(runOk(sandbox, "return doc.lines[2].note == nil", inputs), true);
  EXPECT_EQ(runOk(sandbox, "return missing == nil", inputs), true);
}

TEST(LuaSandboxTest, IntegersStayIntegersAndFloatsStayFloats) {
  LuaSandbox sandbox;
  const json inputs = {{"doc", sampleOrder()}};
  EXPECT_EQ(runOk(sandbox, "return math.type(doc.lines[1].quantity)", inputs), "integer");
  EXPECT_EQ(runOk(sandbox, "return math.type(doc.lines[1].unitPrice)", inputs), "float");
  EXPECT_EQ(runOk(sandbox, "return math.type(value)", {{"value", 3.0}}), "float");
  EXPECT_EQ(runOk(sandbox, "return math.type(value)", {{"value", -7}}), "integer");
  // Beyond Lua's integer range an unsigned number arrives as a float.
  EXPECT_EQ(runOk(sandbox, "return math.type(value)", {{"value", 18446744073709551615ull}}),
            "float");
}

TEST(LuaSandboxTest, TheWorkedExampleComputesAnOrderTotal) {
  LuaSandbox sandbox;
  const json total = runOk(sandbox, R"(
    local total = 0
    for _, line in ipairs(doc.lines) do total = total + line.quantity * line.unitPrice end
    return total
  )",
                           {{"doc", sampleOrder()}});
  ASSERT_TRUE(total.is_number_float());
  EXPECT_DOUBLE_EQ(total.get<double>(), 27.5);
}

TEST(LuaSandboxTest, InputsNestedTooDeeplyAreRefusedWhenRead) {
  LuaSandbox sandbox;
  json deep = 1;
  for (int i = 0; i < 150; ++i) deep = json::array({deep});
  auto chunk = sandbox.compile("local d = doc\nreturn 1", "deep");
  ASSERT_TRUE(chunk.isOk());
  auto result = sandbox.call(*chunk, {{"doc", deep}});
  ASSERT_FALSE(result.isOk());
  EXPECT_NE(result.status().message().find("input 'doc' is nested deeper than 100 levels"),
            std::string::npos)
      << result.status().message();
  EXPECT_EQ(sandbox.lastError().line, 1);
  // Inputs a snippet never reads are never converted.
  auto unused = sandbox.compile("return 2", "unused");
  ASSERT_TRUE(unused.isOk());
  auto fine = sandbox.call(*unused, {{"doc", deep}});
  ASSERT_TRUE(fine.isOk()) << fine.status().toString();
  EXPECT_EQ(*fine, 2);
}

TEST(LuaSandboxTest, InputsMustBeAnObjectAndChunkIdsMustExist) {
  LuaSandbox sandbox;
  auto chunk = sandbox.compile("return 1", "one");
  ASSERT_TRUE(chunk.isOk());
  EXPECT_FALSE(sandbox.call(*chunk, json::array()).isOk());
  EXPECT_FALSE(sandbox.call(LuaChunkId{}, json::object()).isOk());
  EXPECT_FALSE(sandbox.call(LuaChunkId{7}, json::object()).isOk());
  EXPECT_TRUE(sandbox.call(*chunk, json::object()).isOk());
}

// ---------------------------------------------------------------------------------------------
// Values out

TEST(LuaSandboxTest, ReturnValuesBecomeJson) {
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, "return nil"), nullptr);
  EXPECT_EQ(runOk(sandbox, "local x = 1"), nullptr);
  EXPECT_EQ(runOk(sandbox, "return 'a', 'b'"), "a");
  EXPECT_EQ(runOk(sandbox, "return false"), false);
  const json integer = runOk(sandbox, "return 7 // 2");
  EXPECT_TRUE(integer.is_number_integer());
  EXPECT_EQ(integer, 3);
  const json division = runOk(sandbox, "return 6 / 2");
  EXPECT_TRUE(division.is_number_float());
  EXPECT_EQ(division, 3.0);
  EXPECT_EQ(runOk(sandbox, "return math.maxinteger"), INT64_MAX);
  EXPECT_EQ(runOk(sandbox, "return 'gr\\u{FC}n'"), "gr\xC3\xBCn");

  const json nested = runOk(sandbox, R"(
    return {id = "X", lines = {{n = 1}, {n = 2, flags = {true, false}}}, empty = {}}
  )");
  EXPECT_EQ(nested, json::parse(R"({"id":"X","lines":[{"n":1},{"n":2,"flags":[true,false]}],
                                    "empty":[]})"));
}

TEST(LuaSandboxTest, EmptyTablesAreArraysUnlessMarkedAsObjects) {
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, "return {}"), json::array());
  EXPECT_EQ(runOk(sandbox, "return edi.object()"), json::object());
  EXPECT_EQ(runOk(sandbox, "return edi.object({})"), json::object());
  EXPECT_EQ(runOk(sandbox, "return edi.array()"), json::array());
  EXPECT_EQ(runOk(sandbox, "local t = edi.array({}); t[1] = 'x'; return t"), json({"x"}));
}

TEST(LuaSandboxTest, InputsRoundTripUnchangedIncludingEmptyObjects) {
  LuaSandbox sandbox;
  json order = sampleOrder();
  order["lines"][1].erase("note");  // a null member cannot survive: nil removes the key
  EXPECT_EQ(runOk(sandbox, "return doc", {{"doc", order}}), order);
  // Holes inside arrays come back as null.
  EXPECT_EQ(runOk(sandbox, "return value", {{"value", json::parse("[1,null,3]")}}),
            json::parse("[1,null,3]"));
}

TEST(LuaSandboxTest, UnconvertibleReturnValuesAreErrorsThatSayWhere) {
  LuaSandbox sandbox;
  const struct {
    const char* code;
    const char* expected;
  } cases[] = {
      {"return function() end", "returned a function"},
      {"return {a = {b = print or function() end}}", "a function (only nil, booleans"},
      {"return {lines = {1, 2, 0/0}}",
       "NaN or infinity (JSON has no such numbers) at JSON "
       "pointer /lines/2"},
      {"return 1/0", "NaN or infinity"},
      {"return {[true] = 1}", "a table with a key of type boolean"},
      {"return {[1.5] = 1}", "a table with the number key 1.5"},
      {"return {[0] = 'x'}", "a table with the number key 0"},
      {"return {1, 2, name = 'x'}", "mixing array items"},
      {"local t = {} t.self = t return t", "nested deeper than 100 levels"},
      {"return {[1000000] = 1}", "a sparse array (largest index 1000000, only 1 items)"},
      {"return '\\xff'", "a string is not valid UTF-8 (byte 1)"},
      {"return {['\\xC0\\x80'] = 1}", "a key that is not valid UTF-8"},
      {"return edi.object({1})", "an object (from the input or edi.object) with integer keys"},
      {"local t = doc.lines t.x = 1 return {lines = t}",
       "an array (from the input or edi.array) with "
       "named fields at JSON pointer"},
  };
  for (const auto& c : cases) {
    auto result = run(sandbox, c.code, {{"doc", {{"lines", json::array()}}}});
    ASSERT_FALSE(result.isOk()) << c.code;
    EXPECT_EQ(result.status().code(), core::StatusCode::kInvalidArgument) << c.code;
    EXPECT_NE(result.status().message().find(c.expected), std::string::npos)
        << c.code << "\n"
        << result.status().message();
    EXPECT_NE(result.status().message().find("Lua snippet 'test' returned"), std::string::npos);
  }
  EXPECT_EQ(runOk(sandbox, "return 'still fine'"), "still fine");
}

TEST(LuaSandboxTest, ReturnedValuesMayNotOutgrowTheMemoryLimit) {
  LuaSandbox sandbox(LuaLimits{.instructions = 1'000'000, .memoryBytes = 4u << 20});
  // Lua shares one copy of the string; JSON would need a thousand.
  auto result = run(sandbox, R"(
    local s = string.rep("x", 1000000)
    local t = {}
    for i = 1, 1000 do t[i] = s end
    return t
  )");
  ASSERT_FALSE(result.isOk());
  EXPECT_NE(result.status().message().find("larger than 4194304 bytes as JSON"), std::string::npos)
      << result.status().message();
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST(LuaSandboxTest, SyntaxErrorsNameTheSnippetLine) {
  LuaSandbox sandbox;
  auto chunk = sandbox.compile("local a = 1\nlocal b = 2\nlocal c = = 3\nreturn c\n", "totals");
  ASSERT_FALSE(chunk.isOk());
  EXPECT_EQ(chunk.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(sandbox.lastError().line, 3);
  EXPECT_NE(chunk.status().message().find("Lua snippet 'totals' does not compile at line 3: "
                                          "unexpected symbol near '='"),
            std::string::npos)
      << chunk.status().message();
  EXPECT_EQ(sandbox.lastError().message.find("snippet:"), std::string::npos);

  auto unclosed = sandbox.compile("if x then\n  return 1\n", "unclosed");
  ASSERT_FALSE(unclosed.isOk());
  EXPECT_EQ(sandbox.lastError().line, 3);
  EXPECT_NE(unclosed.status().message().find("'end' expected"), std::string::npos);

  // A failed compile leaves the sandbox working.
  auto good = sandbox.compile("return 5", "good");
  ASSERT_TRUE(good.isOk());
  EXPECT_EQ(sandbox.lastError().line, 0);
  EXPECT_EQ(*sandbox.call(*good, json::object()), 5);
}

TEST(LuaSandboxTest, ErrorsRaisedByTheScriptCarryMessageAndLine) {
  LuaSandbox sandbox;
  auto result = run(sandbox, "local sku = value\nif sku == '' then\n  error('bad SKU')\nend\n",
                    {{"value", ""}});
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "Lua snippet 'test' failed at line 3: bad SKU");
  EXPECT_EQ(sandbox.lastError().line, 3);
  EXPECT_EQ(sandbox.lastError().message, "bad SKU");

  // Inside a local function, and raised by a library function (which has no line of its own).
  auto nested = run(sandbox, "local function check(x)\n  return x.y.z\nend\nreturn check({})");
  ASSERT_FALSE(nested.isOk());
  EXPECT_EQ(sandbox.lastError().line, 2);
  auto library = run(sandbox, "\n\nreturn string.rep()");
  ASSERT_FALSE(library.isOk());
  EXPECT_EQ(sandbox.lastError().line, 3);
  EXPECT_NE(library.status().message().find("bad argument #1 to 'rep'"), std::string::npos)
      << library.status().message();

  // Error objects that are not strings.
  auto table = run(sandbox, "error({code = 1})");
  ASSERT_FALSE(table.isOk());
  EXPECT_NE(table.status().message().find("error raised with a table"), std::string::npos);
  auto levelZero = run(sandbox, "\nerror('plain', 0)");
  ASSERT_FALSE(levelZero.isOk());
  EXPECT_EQ(levelZero.status().message(), "Lua snippet 'test' failed at line 2: plain");
}

// ---------------------------------------------------------------------------------------------
// What a snippet can reach

TEST(LuaSandboxTest, HostAccessIsAbsent) {
  LuaSandbox sandbox;
  for (const char* name : {"io", "os", "require", "package", "debug", "load", "loadstring",
                           "dofile", "loadfile", "print", "collectgarbage", "coroutine", "warn",
                           "string.dump", "math.random", "math.randomseed", "('').dump"}) {
    EXPECT_EQ(runOk(sandbox, std::string("return ") + name + " == nil"), true) << name;
  }
  // Nothing reaches the real global table or the registry.
  EXPECT_EQ(runOk(sandbox, "return _G.io == nil and _G.os == nil and _ENV == _G"), true);
  EXPECT_EQ(runOk(sandbox, "return getmetatable('') == false and getmetatable(_ENV) == false"),
            true);
  auto reach = run(sandbox, "return getmetatable('').__index");
  EXPECT_FALSE(reach.isOk());
}

TEST(LuaSandboxTest, TheSafeLibrariesWork) {
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, "return string.format('%05.1f', 3.14159)"), "003.1");
  EXPECT_EQ(runOk(sandbox, "return ('abc'):upper()"), "ABC");
  EXPECT_EQ(runOk(sandbox, "local t = {3, 1, 2} table.sort(t) return table.concat(t, ',')"),
            "1,2,3");
  EXPECT_EQ(runOk(sandbox, "return math.floor(2.7) + math.max(1, 5)"), 7);
  EXPECT_EQ(runOk(sandbox, "return utf8.len('gr\\u{FC}n')"), 4);
  EXPECT_EQ(runOk(sandbox, "return select('#', 1, 2, 3)"), 3);
  EXPECT_EQ(runOk(sandbox, "return tonumber('0x10')"), 16);
  EXPECT_EQ(runOk(sandbox, "local ok, e = pcall(error, 'x', 0) return {ok, e}"),
            json::parse(R"([false, "x"])"));
  EXPECT_EQ(runOk(sandbox, "return _VERSION"), "Lua 5.4");
  EXPECT_EQ(runOk(sandbox, "return setmetatable({}, {__index = function() return 9 end}).x"), 9);
}

TEST(LuaSandboxTest, PairsVisitsKeysInSortedOrder) {
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, R"(
    local t = {zeta = 1, alpha = 2, mid = 3, [2] = 'b', [1] = 'a', [true] = 0}
    local seen = {}
    for k, v in pairs(t) do seen[#seen + 1] = tostring(k) .. '=' .. tostring(v) end
    return table.concat(seen, ' ')
  )"),
            "true=0 1=a 2=b alpha=2 mid=3 zeta=1");
  EXPECT_EQ(runOk(sandbox, R"(
    local seen = {}
    for k in pairs({[10] = 1, [2] = 1, [33] = 1, [1] = 1}) do seen[#seen + 1] = k end
    for k in pairs(doc) do seen[#seen + 1] = k end
    return table.concat(seen, ' ')
  )",
                  {{"doc", {{"b", 1}, {"a", 2}, {"B", 3}}}}),
            "1 2 10 33 B a b");
  // Keys removed during the traversal are skipped, as with Lua's own pairs.
  EXPECT_EQ(runOk(sandbox, R"(
    local t = {a = 1, b = 2, c = 3}
    local seen = {}
    for k in pairs(t) do t.b = nil seen[#seen + 1] = k end
    return table.concat(seen)
  )"),
            "ac");
  EXPECT_FALSE(run(sandbox, "for k in pairs(nil) do end").isOk());
}

TEST(LuaSandboxTest, FinalizersAreRefused) {
  LuaSandbox sandbox;
  auto result = run(sandbox, "setmetatable({}, {__gc = function() while true do end end})");
  ASSERT_FALSE(result.isOk());
  EXPECT_NE(result.status().message().find("__gc finalizers are not available"), std::string::npos);
}

TEST(LuaSandboxTest, BinaryChunksAreRefused) {
  lua_State* plain = luaL_newstate();
  ASSERT_EQ(luaL_loadstring(plain, "return 42"), LUA_OK);
  std::string bytecode;
  lua_dump(
      plain,
      [](lua_State*, const void* bytes, size_t size, void* out) {
        static_cast<std::string*>(out)->append(static_cast<const char*>(bytes), size);
        return 0;
      },
      &bytecode, 1);
  lua_close(plain);
  ASSERT_EQ(bytecode.substr(0, 4), LUA_SIGNATURE);

  LuaSandbox sandbox;
  auto chunk = sandbox.compile(bytecode, "compiled");
  ASSERT_FALSE(chunk.isOk());
  EXPECT_EQ(chunk.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(chunk.status().message().find("attempt to load a binary chunk"), std::string::npos)
      << chunk.status().message();
  EXPECT_NE(chunk.status().message().find("write the snippet as source text"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Limits

TEST(LuaSandboxTest, AnEndlessLoopIsStoppedByTheBudget) {
  LuaSandbox sandbox;
  auto loop = sandbox.compile("local n = 0\nwhile true do\n  n = n + 1\nend", "spin");
  ASSERT_TRUE(loop.isOk());
  auto result = sandbox.call(*loop, json::object());
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find(
                "Lua snippet 'spin' exceeded its budget of 1000000 instructions at line"),
            std::string::npos)
      << result.status().message();
  EXPECT_GE(sandbox.lastError().line, 2);
  EXPECT_LE(sandbox.lastError().line, 4);

  // The budget is per call: the next call (and a heavy but finite one) runs fine.
  EXPECT_EQ(runOk(sandbox, "return 1 + 1"), 2);
  EXPECT_EQ(runOk(sandbox, "local s = 0 for i = 1, 100000 do s = s + i end return s"), 5000050000);
  // The same loop fails again the same way.
  EXPECT_FALSE(sandbox.call(*loop, json::object()).isOk());
}

TEST(LuaSandboxTest, TheBudgetCannotBeSwallowedByPcall) {
  LuaSandbox sandbox(LuaLimits{.instructions = 50'000});
  for (const char* code : {
           "while true do pcall(function() while true do end end) end",
           "return pcall(function() while true do end end)",
           "local ok = xpcall(function() while true do end end, function(m) return m end)\n"
           "return ok",
       }) {
    auto result = run(sandbox, code);
    ASSERT_FALSE(result.isOk()) << code;
    EXPECT_NE(result.status().message().find("exceeded its budget of 50000 instructions"),
              std::string::npos)
        << result.status().message();
  }
  EXPECT_EQ(runOk(sandbox, "return 'ok'"), "ok");
}

TEST(LuaSandboxTest, TheBudgetIsExactEnoughToCount) {
  LuaSandbox small(LuaLimits{.instructions = 1'000});
  EXPECT_TRUE(run(small, "local s = 0 for i = 1, 100 do s = s + i end return s").isOk());
  EXPECT_FALSE(run(small, "local s = 0 for i = 1, 1000 do s = s + i end return s").isOk());
}

TEST(LuaSandboxTest, LibraryWorkCountsAgainstTheBudget) {
  LuaSandbox sandbox;
  // Few instructions, but each turn makes a 100 kB string: charged by the bytes allocated.
  auto heavy = run(sandbox, R"(
    local s = string.rep("x", 100000)
    for i = 1, 100000 do local u = s:upper() end
    return 1
  )");
  ASSERT_FALSE(heavy.isOk());
  EXPECT_NE(heavy.status().message().find("exceeded its budget"), std::string::npos);
  // Library loops whose length an argument or a metamethod controls stay bounded.
  EXPECT_EQ(runOk(sandbox, "return string.rep('', 1e15)"), "");
  EXPECT_EQ(runOk(sandbox, "return string.rep('ab', 3, '-')"), "ab-ab-ab");
  auto length = run(sandbox, R"(
    local t = setmetatable({}, {__len = function() return 1e15 end})
    table.insert(t, 1, "x")
  )");
  ASSERT_FALSE(length.isOk());
  EXPECT_NE(length.status().message().find("table.insert: tables with a __len metamethod"),
            std::string::npos)
      << length.status().message();
  auto move = run(sandbox, "table.move({}, 1, 1e15, 2)");
  ASSERT_FALSE(move.isOk());
  EXPECT_NE(move.status().message().find("table.move: 1000000000000000 elements"),
            std::string::npos)
      << move.status().message();
  EXPECT_EQ(runOk(sandbox, "local t = {} table.move({1, 2, 3}, 1, 3, 1, t) return t"),
            json({1, 2, 3}));
}

TEST(LuaSandboxTest, AStringMemoryBombIsStopped) {
  LuaSandbox sandbox;
  auto result = run(sandbox, "local s = 'x'\nfor i = 1, 40 do s = s .. s end\nreturn #s");
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("ran out of memory"), std::string::npos);
  EXPECT_NE(result.status().message().find("16777216 bytes (16 MiB)"), std::string::npos)
      << result.status().message();
  EXPECT_LE(sandbox.memoryInUse(), size_t{16} << 20);

  auto rep = run(sandbox, "return #string.rep('x', 100 * 1024 * 1024)");
  ASSERT_FALSE(rep.isOk());
  EXPECT_EQ(rep.status().code(), core::StatusCode::kResourceExhausted);

  // The garbage of the failed calls is reclaimed: a large but allowed string still fits
  // (string.rep needs its buffer and the finished string at once: 12 MiB here).
  EXPECT_EQ(runOk(sandbox, "return #string.rep('y', 6 * 1024 * 1024)"), 6 * 1024 * 1024);
  EXPECT_EQ(runOk(sandbox, "return 'usable'"), "usable");
}

TEST(LuaSandboxTest, ATableMemoryBombIsStopped) {
  LuaSandbox sandbox(LuaLimits{.instructions = 100'000'000, .memoryBytes = 1u << 20});
  auto result = run(sandbox, "local t = {}\nfor i = 1, 1e8 do t[i] = {i} end\nreturn #t");
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("ran out of memory"), std::string::npos);
  EXPECT_LE(sandbox.memoryInUse(), size_t{1} << 20);
  EXPECT_EQ(runOk(sandbox, "local t = {} for i = 1, 1000 do t[i] = i end return #t"), 1000);
}

TEST(LuaSandboxTest, AScriptMayCatchItsOwnOutOfMemoryError) {
  // The cap holds either way; a snippet that handles the error carries on.
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, "local ok, e = pcall(string.rep, 'x', 1 << 30) return {ok, e}"),
            json::parse(R"([false, "not enough memory"])"));
}

TEST(LuaSandboxTest, DeepRecursionIsStopped) {
  LuaSandbox sandbox(LuaLimits{.instructions = 100'000'000});
  auto result = run(sandbox, "local function f(n) return 1 + f(n + 1) end\nreturn f(1)");
  ASSERT_FALSE(result.isOk());
  const std::string message = result.status().message();
  EXPECT_TRUE(message.find("stack overflow") != std::string::npos ||
              message.find("ran out of memory") != std::string::npos)
      << message;
  EXPECT_EQ(runOk(sandbox,
                  "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) "
                  "end return f(1000)"),
            1000);
}

TEST(LuaSandboxTest, ATinyMemoryLimitFailsCallsClearly) {
  LuaSandbox sandbox(LuaLimits{.instructions = 1000, .memoryBytes = 1024});
  auto chunk = sandbox.compile("return 1", "tiny");
  ASSERT_FALSE(chunk.isOk());
  EXPECT_EQ(chunk.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_NE(chunk.status().message().find("at most 1024 bytes"), std::string::npos)
      << chunk.status().message();
}

// ---------------------------------------------------------------------------------------------
// Isolation between calls

TEST(LuaSandboxTest, GlobalsDoNotLeakBetweenCalls) {
  LuaSandbox sandbox;
  auto counter = sandbox.compile("counter = (counter or 0) + 1\nreturn counter", "counter");
  auto reader = sandbox.compile("return counter", "reader");
  ASSERT_TRUE(counter.isOk() && reader.isOk());
  EXPECT_EQ(*sandbox.call(*counter, json::object()), 1);
  EXPECT_EQ(*sandbox.call(*counter, json::object()), 1);
  EXPECT_EQ(*sandbox.call(*reader, json::object()), nullptr);

  // Inputs of one call are gone in the next, and a snippet can drop an input for itself.
  auto value = sandbox.compile("return value", "value");
  ASSERT_TRUE(value.isOk());
  EXPECT_EQ(*sandbox.call(*value, {{"value", "first"}}), "first");
  EXPECT_EQ(*sandbox.call(*value, json::object()), nullptr);
  EXPECT_EQ(
      runOk(sandbox, "local a = value value = nil return {a, value == nil}", {{"value", "v"}}),
      json::parse(R"(["v", true])"));
  // Changing an input table does not change the caller's JSON or the next call.
  const json doc = sampleOrder();
  auto mutate = sandbox.compile("doc.lines[1].sku = 'changed' return doc.lines[1].sku", "m");
  ASSERT_TRUE(mutate.isOk());
  EXPECT_EQ(*sandbox.call(*mutate, {{"doc", doc}}), "changed");
  EXPECT_EQ(doc["lines"][0]["sku"], "A-1");
  EXPECT_EQ(runOk(sandbox, "return doc.lines[1].sku", {{"doc", doc}}), "A-1");
}

TEST(LuaSandboxTest, LibraryTablesCannotBeTamperedWithAcrossCalls) {
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, R"(
    string.upper = nil
    rawset(string, "lower", 5)
    table.insert = nil
    math.floor = function() return 0 end
    edi.trim = nil
    _G.pairs = nil
    ipairs = nil
    return string.upper == nil and math.floor(2.5) == 0
  )"),
            true);
  EXPECT_EQ(runOk(sandbox, R"(
    local t = {}
    table.insert(t, "x")
    for _, v in ipairs(t) do end
    for _ in pairs(t) do end
    return string.upper("a") .. string.lower("B") .. math.floor(2.5) .. edi.trim(" y ") ..
           ("z"):upper()
  )"),
            "Ab2yZ");
  // The string metatable would lead to the library behind ("x"):upper(); it is hidden.
  EXPECT_EQ(runOk(sandbox, "return (pcall(function() getmetatable('').__index.upper = nil end))"),
            false);
  EXPECT_EQ(runOk(sandbox, "return ('q'):upper()"), "Q");
  // The metatables of the environment, of strings and of input tables are locked.
  EXPECT_FALSE(run(sandbox, "setmetatable(_ENV, {})").isOk());
  EXPECT_FALSE(run(sandbox, "setmetatable(doc, {})", {{"doc", json::object()}}).isOk());
  EXPECT_EQ(runOk(sandbox, "return getmetatable(doc)", {{"doc", json::object()}}), "object");
}

TEST(LuaSandboxTest, ASandboxCanBeMoved) {
  LuaSandbox first;
  auto chunk = first.compile("return value * 2", "double");
  ASSERT_TRUE(chunk.isOk());
  LuaSandbox second = std::move(first);
  EXPECT_EQ(*second.call(*chunk, {{"value", 21}}), 42);
  EXPECT_EQ(second.call(*chunk, {{"value", 1}}).value(), 2);
}

// ---------------------------------------------------------------------------------------------
// edi helpers

TEST(LuaSandboxTest, EdiHelpers) {
  LuaSandbox sandbox;
  EXPECT_EQ(runOk(sandbox, "return edi.trim('  \\tA 1\\r\\n')"), "A 1");
  EXPECT_EQ(runOk(sandbox, "return edi.pad_left(42, 6, '0')"), "000042");
  EXPECT_EQ(runOk(sandbox, "return edi.pad_left('abc', 2)"), "abc");
  EXPECT_EQ(runOk(sandbox, "return edi.pad_right('ab', 4)"), "ab  ");
  EXPECT_FALSE(run(sandbox, "return edi.pad_left('a', 3, 'xy')").isOk());
  EXPECT_EQ(runOk(sandbox, "return edi.round(2.675, 2)"), 2.68);
  EXPECT_EQ(runOk(sandbox, "return edi.round(1.005, 2)"), 1.01);
  EXPECT_EQ(runOk(sandbox, "return edi.round(2.5)"), 3.0);
  EXPECT_EQ(runOk(sandbox, "return edi.round(-2.5)"), -3.0);
  EXPECT_EQ(runOk(sandbox, "return edi.round(0.5)"), 1.0);
  EXPECT_EQ(runOk(sandbox, "return edi.round(0.004, 2)"), 0.0);
  EXPECT_EQ(runOk(sandbox, "return edi.round(9.995, 2)"), 10.0);
  EXPECT_EQ(runOk(sandbox, "return edi.round(123.456, 1)"), 123.5);
  EXPECT_EQ(runOk(sandbox, "return edi.round(1e20, 2)"), 1e20);
  EXPECT_EQ(runOk(sandbox, "return edi.round(7, 2)"), 7);
  EXPECT_TRUE(runOk(sandbox, "return edi.round(7, 2)").is_number_integer());
  EXPECT_FALSE(run(sandbox, "return edi.round(1.5, 16)").isOk());
}

}  // namespace
}  // namespace bridge::mappings

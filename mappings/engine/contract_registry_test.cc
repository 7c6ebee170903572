// Tests of ContractRegistry and of the shipped contracts in mappings/contracts/: every
// example validates, typical mapping mistakes give the exact pointer and message, the
// schemas follow the conventions of docs/contracts.md, and broken schema files are refused
// with an error that names the file.
#include "mappings/engine/contract_registry.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace bridge::mappings {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kContractDir = fs::path(EDI_SOURCE_DIR) / "mappings" / "contracts";

const std::vector<std::string> kRequiredContracts = {
    "ack-status.v1", "inventory-movement.v1", "inventory-snapshot.v1",
    "invoice.v1",    "order-ack.v1",          "order-change.v1",
    "order.v1",      "shipment.v1",           "warehouse-order.v1"};

json readJson(const fs::path& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in) << "cannot open " << file;
  return json::parse(in);
}

json example(const std::string& contract) {
  return readJson(kContractDir / "examples" / (contract + ".json"));
}

const ContractRegistry& shipped() {
  static const ContractRegistry* registry = [] {
    auto loaded = ContractRegistry::load(kContractDir);
    if (!loaded) ADD_FAILURE() << loaded.status().toString();
    return new ContractRegistry(loaded ? std::move(*loaded) : ContractRegistry());
  }();
  return *registry;
}

std::string describe(const std::vector<ContractFinding>& findings) {
  std::string out;
  for (const ContractFinding& finding : findings) {
    out += "  '" + finding.pointer + "': " + finding.message + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

std::vector<ContractFinding> findingsOf(const std::string& contract, const json& document) {
  auto findings = shipped().validate(contract, document);
  EXPECT_TRUE(findings.isOk()) << findings.status().toString();
  return findings ? *findings : std::vector<ContractFinding>{};
}

// A scratch folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("contract-registry-test-" + std::to_string(::getpid()) +
                                         "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  fs::path path_;
};

// ---------------------------------------------------------------------------- shipped set

TEST(ContractRegistryTest, LoadsEveryRequiredContract) {
  EXPECT_EQ(shipped().names(), kRequiredContracts);
  EXPECT_TRUE(shipped().has("order.v1"));
  EXPECT_FALSE(shipped().has("order"));
  EXPECT_FALSE(shipped().has("order.v2"));
}

TEST(ContractRegistryTest, EveryExampleValidates) {
  for (const std::string& name : shipped().names()) {
    SCOPED_TRACE(name);
    const fs::path file = kContractDir / "examples" / (name + ".json");
    ASSERT_TRUE(fs::exists(file)) << "every contract needs an example: " << file;
    std::vector<ContractFinding> findings = findingsOf(name, readJson(file));
    EXPECT_TRUE(findings.empty()) << describe(findings);
  }
}

TEST(ContractRegistryTest, EveryExampleBelongsToAContract) {
  for (const auto& entry : fs::directory_iterator(kContractDir / "examples")) {
    const std::string name = entry.path().stem().string();
    EXPECT_TRUE(shipped().has(name)) << "example without contract: " << entry.path();
  }
}

// ---------------------------------------------------------------------------- conventions

// Patterns with unbounded repetition (+, *) make the standard library's recursive regex
// matcher use stack in proportion to the input; contract patterns use {m,n} instead.
bool hasUnboundedRepetition(const std::string& pattern) {
  bool inClass = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      inClass = true;
    } else if (c == ']') {
      inClass = false;
    } else if (!inClass && (c == '+' || c == '*')) {
      return true;
    }
  }
  return false;
}

// Walks every subschema reachable through definitions, properties and items (the places a
// contract declares its fields) and checks the house rules on each.
void checkConventions(const json& node, const std::string& where, bool isExtensions) {
  SCOPED_TRACE(where);
  ASSERT_TRUE(node.is_object());
  EXPECT_FALSE(node.contains("format"))
      << "use a pattern: valijson's date-time and time formats require seconds and an offset";
  if (node.contains("pattern")) {
    EXPECT_FALSE(hasUnboundedRepetition(node["pattern"].get<std::string>()));
    const std::string pattern = node["pattern"].get<std::string>();
    EXPECT_TRUE(pattern.front() == '^' && pattern.back() == '$') << "patterns are anchored";
  }
  if (node.value("type", "") == "object" || node.contains("properties")) {
    if (isExtensions) {
      EXPECT_FALSE(node.contains("properties"));
      EXPECT_FALSE(node.contains("additionalProperties"));
    } else {
      EXPECT_EQ(node.value("additionalProperties", json(true)), json(false))
          << "objects must refuse unknown properties";
      ASSERT_TRUE(node.contains("properties")) << "only 'extensions' may be free-form";
    }
  }
  if (node.contains("properties")) {
    static const std::regex camelCase("^[a-z][A-Za-z0-9]*$");
    for (const auto& [name, property] : node["properties"].items()) {
      EXPECT_TRUE(std::regex_match(name, camelCase)) << where << "/" << name;
      EXPECT_FALSE(property.value("description", "").empty())
          << where << "/" << name << " needs a description";
      if (name == "extensions") {
        EXPECT_EQ(property.value("$ref", ""), "#/definitions/extensions");
      }
      checkConventions(property, where + "/properties/" + name, false);
    }
  }
  if (node.contains("items")) checkConventions(node["items"], where + "/items", false);
}

TEST(ContractRegistryTest, SchemasFollowTheConventions) {
  for (const std::string& name : kRequiredContracts) {
    SCOPED_TRACE(name);
    const json schema = readJson(kContractDir / (name + ".schema.json"));
    EXPECT_EQ(schema.value("$schema", ""), "http://json-schema.org/draft-07/schema#");
    EXPECT_EQ(schema.value("$id", ""), "urn:edi-bridge:contract:" + name);
    EXPECT_FALSE(schema.value("title", "").empty());
    EXPECT_FALSE(schema.value("description", "").empty());
    ASSERT_TRUE(schema["properties"].contains("extensions"));
    checkConventions(schema, "#", false);
    for (const auto& [definition, body] : schema["definitions"].items()) {
      EXPECT_FALSE(body.value("description", "").empty()) << definition;
      checkConventions(body, "#/definitions/" + definition, definition == "extensions");
    }
  }
}

// Definitions such as party or item are copied into each file ($ref stays within a file);
// the copies must not drift apart.
TEST(ContractRegistryTest, SharedDefinitionsAreIdenticalInEveryContract) {
  std::map<std::string, std::pair<std::string, json>> firstSeen;
  for (const std::string& name : kRequiredContracts) {
    const json schema = readJson(kContractDir / (name + ".schema.json"));
    for (const auto& [definition, body] : schema["definitions"].items()) {
      auto [it, inserted] = firstSeen.emplace(definition, std::make_pair(name, body));
      if (!inserted) {
        EXPECT_EQ(body, it->second.second) << "definition '" << definition << "' differs between "
                                           << it->second.first << " and " << name;
      }
    }
  }
  EXPECT_GT(firstSeen.count("party"), 0u);
  EXPECT_GT(firstSeen.count("item"), 0u);
}

// ---------------------------------------------------------------------------- findings

struct BadDocument {
  std::string contract;
  json patch;  // RFC 6902 patch applied to the contract's example
  std::vector<ContractFinding> expected;
};

void PrintTo(const BadDocument& bad, std::ostream* out) {
  *out << bad.contract << " " << bad.patch.dump();
}

class ContractFindingsTest : public testing::TestWithParam<BadDocument> {};

TEST_P(ContractFindingsTest, ReportsExactlyTheProblem) {
  const BadDocument& bad = GetParam();
  const json document = example(bad.contract).patch(bad.patch);
  std::vector<ContractFinding> findings = findingsOf(bad.contract, document);
  EXPECT_EQ(findings, bad.expected) << "got:\n"
                                    << describe(findings) << "expected:\n"
                                    << describe(bad.expected);
}

json remove(const std::string& path) { return json::array({{{"op", "remove"}, {"path", path}}}); }
json replace(const std::string& path, json value) {
  return json::array({{{"op", "replace"}, {"path", path}, {"value", std::move(value)}}});
}
json add(const std::string& path, json value) {
  return json::array({{{"op", "add"}, {"path", path}, {"value", std::move(value)}}});
}

const std::string kMovementTypes =
    "\"receipt\", \"putaway\", \"pick\", \"ship\", \"adjust\", \"transfer\", \"return\"";

INSTANTIATE_TEST_SUITE_P(
    ShippedContracts, ContractFindingsTest,
    testing::Values(
        // order.v1
        BadDocument{"order.v1",
                    remove("/orderNumber"),
                    {{"", "required property 'orderNumber' is missing"}}},
        BadDocument{"order.v1",
                    remove("/lines/1/quantity"),
                    {{"/lines/1", "required property 'quantity' is missing"}}},
        BadDocument{"order.v1",
                    replace("/lines/0/quantity", "40"),
                    {{"/lines/0/quantity", "must be a number, not a string (\"40\")"}}},
        BadDocument{"order.v1",
                    replace("/purpose", "orig"),
                    {{"/purpose",
                      "\"orig\" is not one of: \"original\", \"replace\", "
                      "\"cancel\", \"duplicate\", \"confirmation\""}}},
        BadDocument{"order.v1",
                    add("/lines/1/quantty", 3),
                    {{"/lines/1/quantty",
                      "unknown property 'quantty' (did you mean "
                      "'quantity'?)"}}},
        BadDocument{"order.v1",
                    add("/promoCode", "SPR26"),
                    {{"/promoCode",
                      "unknown property 'promoCode'; partner-specific data "
                      "belongs in 'extensions'"}}},
        BadDocument{"order.v1",
                    replace("/orderDate", "2026-13-45"),
                    {{"/orderDate", "\"2026-13-45\" is not a valid date (YYYY-MM-DD)"}}},
        BadDocument{"order.v1",
                    replace("/orderDate", "20260302"),
                    {{"/orderDate", "\"20260302\" is not a valid date (YYYY-MM-DD)"}}},
        BadDocument{
            "order.v1", replace("/lines", json::array()), {{"/lines", "must not be empty"}}},
        BadDocument{"order.v1",
                    replace("/lines/0/item", json::object({{"color", "red"}})),
                    {{"/lines/0/item",
                      "at least one of 'buyerItem', 'vendorItem', 'sku', "
                      "'gtin', 'upc', 'ids', 'description' is required"}}},
        BadDocument{
            "order.v1",
            replace("/lines/0/item/gtin", "12345"),
            {{"/lines/0/item/gtin", "\"12345\" is not a valid GTIN (8, 12, 13 or 14 digits)"}}},
        BadDocument{"order.v1",
                    replace("/currency", "usd"),
                    {{"/currency",
                      "\"usd\" is not a valid currency code (ISO 4217, three "
                      "capital letters)"}}},
        BadDocument{"order.v1",
                    replace("/parties/0/role", "customer"),
                    {{"/parties/0/role",
                      "\"customer\" is not one of: \"buyer\", \"seller\", \"soldTo\", "
                      "\"shipTo\", \"billTo\", \"shipFrom\", \"supplier\", \"remitTo\", "
                      "\"payer\", \"carrier\", \"warehouse\", \"depositor\", \"markFor\", "
                      "\"manufacturer\", \"other\""}}},
        BadDocument{"order.v1",
                    replace("/totals/lineCount", 1.5),
                    {{"/totals/lineCount", "must be an integer, not a number (1.5)"}}},
        BadDocument{
            "order.v1", replace("/orderNumber", ""), {{"/orderNumber", "must not be empty"}}},
        // Extensions are free-form at document and line level.
        BadDocument{"order.v1", add("/lines/0/extensions", {{"any", {{"nested", {1, 2}}}}}), {}},
        // order-change.v1
        BadDocument{"order-change.v1",
                    remove("/purpose"),
                    {{"", "required property 'purpose' is missing"}}},
        BadDocument{"order-change.v1",
                    replace("/lines/0/changeType", "qtyDecrease"),
                    {{"/lines/0/changeType",
                      "\"qtyDecrease\" is not one of: \"add\", \"cancel\", \"change\", "
                      "\"quantityIncrease\", \"quantityDecrease\", \"priceChange\", "
                      "\"dateChange\", \"replace\", \"noChange\""}}},
        BadDocument{"order-change.v1",
                    replace("/changeDate", "2026-03-04T10:00:00"),
                    {{"/changeDate", "\"2026-03-04T10:00:00\" is not a valid date (YYYY-MM-DD)"}}},
        // order-ack.v1
        BadDocument{"order-ack.v1",
                    replace("/status", "ok"),
                    {{"/status",
                      "\"ok\" is not one of: \"accepted\", \"acceptedWithChanges\", "
                      "\"rejected\", \"pending\""}}},
        BadDocument{"order-ack.v1",
                    remove("/lines/1/splits/0/quantity"),
                    {{"/lines/1/splits/0", "required property 'quantity' is missing"}}},
        BadDocument{"order-ack.v1",
                    replace("/lines/0/quantity", -5),
                    {{"/lines/0/quantity", "must be at least 0, is -5"}}},
        // shipment.v1
        BadDocument{
            "shipment.v1", remove("/shipDate"), {{"", "required property 'shipDate' is missing"}}},
        BadDocument{"shipment.v1",
                    replace("/orders/0/packs/1/sscc", "00098765000000002"),
                    {{"/orders/0/packs/1/sscc",
                      "\"00098765000000002\" is not a valid SSCC-18 (18 digits)"}}},
        BadDocument{"shipment.v1",
                    replace("/orders/0/packs/2/sscc", "(00)000987650000000031"),
                    {{"/orders/0/packs/2/sscc",
                      "\"(00)000987650000000031\" is not a valid SSCC-18 (18 digits)"}}},
        BadDocument{"shipment.v1",
                    remove("/orders/0/packs/0/items"),
                    {{"/orders/0/packs/0", "required property 'items' is missing"}}},
        BadDocument{"shipment.v1",
                    add("/grossWeight/units", "LB"),
                    {{"/grossWeight/units", "unknown property 'units' (did you mean 'unit'?)"}}},
        BadDocument{"shipment.v1",
                    replace("/shipTime", "3:40 PM"),
                    {{"/shipTime", "\"3:40 PM\" is not a valid time (HH:MM or HH:MM:SS)"}}},
        // invoice.v1
        BadDocument{"invoice.v1",
                    remove("/totals/totalAmount"),
                    {{"/totals", "required property 'totalAmount' is missing"}}},
        BadDocument{"invoice.v1",
                    replace("/lines/1/unitPrice", nullptr),
                    {{"/lines/1/unitPrice", "must be a number, not null (null)"}}},
        BadDocument{"invoice.v1",
                    replace("/invoiceType", "credit"),
                    {{"/invoiceType",
                      "\"credit\" is not one of: \"invoice\", \"creditMemo\", "
                      "\"debitMemo\", \"correction\", \"proforma\""}}},
        // inventory-snapshot.v1
        BadDocument{"inventory-snapshot.v1",
                    replace("/items/1/quantities", json::object()),
                    {{"/items/1/quantities",
                      "must contain at least one of 'available', 'backordered', 'committed', "
                      "'damaged', 'inTransit', 'onHand', 'onHold', 'onOrder'"}}},
        BadDocument{"inventory-snapshot.v1",
                    add("/items/0/quantities/allocated", 40),
                    {{"/items/0/quantities/allocated", "unknown property 'allocated'"}}},
        BadDocument{"inventory-snapshot.v1",
                    remove("/asOfDate"),
                    {{"", "required property 'asOfDate' is missing"}}},
        // inventory-movement.v1
        BadDocument{"inventory-movement.v1",
                    replace("/movementType", "pik"),
                    {{"/movementType", "\"pik\" is not one of: " + kMovementTypes}}},
        BadDocument{"inventory-movement.v1",
                    replace("/movementDate", "2026-3-5"),
                    {{"/movementDate", "\"2026-3-5\" is not a valid date (YYYY-MM-DD)"}}},
        // warehouse-order.v1
        BadDocument{"warehouse-order.v1",
                    replace("/parties/1/role", "consignee"),
                    {{"/parties", "must contain an entry with 'role' \"shipTo\""},
                     {"/parties/1/role",
                      "\"consignee\" is not one of: \"buyer\", \"seller\", \"soldTo\", "
                      "\"shipTo\", \"billTo\", \"shipFrom\", \"supplier\", \"remitTo\", "
                      "\"payer\", \"carrier\", \"warehouse\", \"depositor\", \"markFor\", "
                      "\"manufacturer\", \"other\""}}},
        BadDocument{"warehouse-order.v1",
                    remove("/parties/1"),
                    {{"/parties", "must contain an entry with 'role' \"shipTo\""}}},
        // ack-status.v1
        BadDocument{"ack-status.v1",
                    json::array({{{"op", "remove"}, {"path", "/groupControlNumber"}},
                                 {{"op", "remove"}, {"path", "/interchangeControlNumber"}}}),
                    {{"",
                      "at least one of 'groupControlNumber', 'interchangeControlNumber' "
                      "is required"}}},
        BadDocument{"ack-status.v1", remove("/groupControlNumber"), {}},
        BadDocument{"ack-status.v1",
                    replace("/status", "accepted-with-errors"),
                    {{"/status",
                      "\"accepted-with-errors\" is not one of: \"accepted\", "
                      "\"acceptedWithErrors\", \"partiallyAccepted\", \"rejected\""}}},
        BadDocument{"ack-status.v1",
                    replace("/transactions/1/errors/0/segmentPosition", 0),
                    {{"/transactions/1/errors/0/segmentPosition", "must be at least 1, is 0"}}},
        BadDocument{"ack-status.v1",
                    remove("/transactions/0/controlNumber"),
                    {{"/transactions/0", "required property 'controlNumber' is missing"}}}));

TEST(ContractRegistryTest, ReportsEveryProblemOnceInIndexOrder) {
  json order = example("order.v1");
  json line = order["lines"][1];
  for (int i = 2; i < 12; ++i) order["lines"].push_back(line);
  order["lines"][10].erase("quantity");
  order["lines"][2]["unit"] = "each";
  order["lines"][2]["colour"] = "red";
  order["lines"][2]["taxes"] = json::array();
  EXPECT_EQ(findingsOf("order.v1", order),
            (std::vector<ContractFinding>{
                {"/lines/2/colour",
                 "unknown property 'colour'; partner-specific data belongs "
                 "in 'extensions'"},
                {"/lines/2/taxes",
                 "unknown property 'taxes'; partner-specific data belongs in "
                 "'extensions'"},
                {"/lines/2/unit",
                 "\"each\" is not a valid unit of measure code (1 to 6 capital "
                 "letters or digits)"},
                {"/lines/10", "required property 'quantity' is missing"},
            }));
}

TEST(ContractRegistryTest, PointersEscapeSlashAndTilde) {
  json order = example("order.v1");
  order["lines"][0]["a/b~c"] = 1;
  std::vector<ContractFinding> findings = findingsOf("order.v1", order);
  ASSERT_EQ(findings.size(), 1u) << describe(findings);
  EXPECT_EQ(findings[0].pointer, "/lines/0/a~1b~0c");
}

TEST(ContractRegistryTest, WrongRootTypeIsOneFinding) {
  EXPECT_EQ(findingsOf("order.v1", json::array()),
            (std::vector<ContractFinding>{{"", "must be an object, not an array ([])"}}));
  EXPECT_EQ(findingsOf("order.v1", json(std::string(200, 'x')))[0].message,
            "must be an object, not a string (\"" + std::string(59, 'x') + "...)");
}

TEST(ContractRegistryTest, LongValuesAreCutWithoutSplittingCharacters) {
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\u00e9";
  std::string expected = "must be an object, not a string (\"";
  for (int i = 0; i < 29; ++i) expected += "\u00e9";
  EXPECT_EQ(findingsOf("order.v1", json(accents))[0].message, expected + "...)");

  json order = example("order.v1");
  order["lines"][0]["lineNumber"] = "0000000000000000000001";
  EXPECT_EQ(findingsOf("order.v1", order),
            (std::vector<ContractFinding>{
                {"/lines/0/lineNumber",
                 "must be at most 20 characters long, is 22 (\"0000000000000000000001\")"}}));
}

TEST(ContractRegistryTest, UnknownContractIsNotFound) {
  auto findings = shipped().validate("orders.v1", example("order.v1"));
  ASSERT_FALSE(findings.isOk());
  EXPECT_EQ(findings.status().code(), core::StatusCode::kNotFound);
  EXPECT_NE(findings.status().message().find("unknown contract 'orders.v1'"), std::string::npos);
  EXPECT_NE(findings.status().message().find("order.v1"), std::string::npos);
}

TEST(ContractRegistryTest, EmptyRegistryKnowsNothing) {
  ContractRegistry empty;
  EXPECT_TRUE(empty.names().empty());
  EXPECT_FALSE(empty.has("order.v1"));
  EXPECT_EQ(empty.validate("order.v1", json::object()).status().code(),
            core::StatusCode::kNotFound);
}

TEST(ContractRegistryTest, CopiesShareTheContractsAndOutliveTheOriginal) {
  std::optional<ContractRegistry> original = shipped();
  ContractRegistry copy = *original;
  original.reset();
  EXPECT_EQ(copy.names(), kRequiredContracts);
  auto findings = copy.validate("invoice.v1", example("invoice.v1"));
  ASSERT_TRUE(findings.isOk());
  EXPECT_TRUE(findings->empty());
}

TEST(ContractRegistryTest, ValidatesFromFourThreadsAtOnce) {
  const ContractRegistry& registry = shipped();
  std::vector<std::pair<std::string, json>> documents;
  std::vector<std::vector<ContractFinding>> expected;
  for (const std::string& name : kRequiredContracts) {
    json good = example(name);
    json bad = good;
    bad["unexpected"] = true;
    bad.erase(bad.begin());  // drops the alphabetically first member, often required
    for (const json& document : {good, bad}) {
      documents.emplace_back(name, document);
      expected.push_back(*registry.validate(name, document));
    }
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        for (size_t i = 0; i < documents.size(); ++i) {
          const size_t k = (i + static_cast<size_t>(t) * 3) % documents.size();
          auto findings = registry.validate(documents[k].first, documents[k].second);
          if (!findings.isOk() || *findings != expected[k]) ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// ---------------------------------------------------------------------------- loading errors

TEST(ContractRegistryLoadTest, BadJsonNamesFileLineAndColumn) {
  TempDir dir;
  const fs::path file =
      dir.write("order.v1.schema.json", "{\n  \"type\": \"object\",\n  \"properties\": {,}\n}\n");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_FALSE(registry.isOk());
  EXPECT_EQ(registry.status().code(), core::StatusCode::kInvalidArgument);
  const std::string message = registry.status().message();
  EXPECT_EQ(message.rfind(file.string() + ":3:18: not valid JSON: ", 0), 0u) << message;
}

TEST(ContractRegistryLoadTest, InvalidSchemaNamesTheFile) {
  TempDir dir;
  dir.write("a.v1.schema.json", R"({"type": "object"})");
  const fs::path file =
      dir.write("b.v1.schema.json", R"({"properties": {"x": {"type": "strng"}}})");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_FALSE(registry.isOk());
  EXPECT_EQ(registry.status().message(),
            file.string() + ": not a valid JSON Schema: Unrecognised JSON type name 'strng'");
}

TEST(ContractRegistryLoadTest, UnresolvableReferenceNamesTheFile) {
  TempDir dir;
  const fs::path file =
      dir.write("a.v1.schema.json", R"({"properties": {"x": {"$ref": "#/definitions/nope"}}})");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_FALSE(registry.isOk());
  EXPECT_EQ(registry.status().message().rfind(file.string() + ": not a valid JSON Schema: ", 0), 0u)
      << registry.status().message();
}

TEST(ContractRegistryLoadTest, BrokenPatternNamesFileAndSchemaPointer) {
  TempDir dir;
  const fs::path file =
      dir.write("a.v1.schema.json", R"({"properties": {"code": {"pattern": "^[A-Z$"}}})");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_FALSE(registry.isOk());
  EXPECT_EQ(registry.status().message().rfind(
                file.string() + ": the pattern at schema pointer '/properties/code/pattern' "
                                "is not a valid regular expression",
                0),
            0u)
      << registry.status().message();
}

TEST(ContractRegistryLoadTest, OtherDraftsAreRefused) {
  TempDir dir;
  const fs::path file = dir.write("a.v1.schema.json",
                                  R"({"$schema": "https://json-schema.org/draft/2020-12/schema"})");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_FALSE(registry.isOk());
  EXPECT_NE(registry.status().message().find(file.string()), std::string::npos);
  EXPECT_NE(registry.status().message().find("draft-07"), std::string::npos);
}

TEST(ContractRegistryLoadTest, TopLevelMustBeAnObject) {
  TempDir dir;
  const fs::path file = dir.write("a.v1.schema.json", "[]");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_FALSE(registry.isOk());
  EXPECT_EQ(registry.status().message(),
            file.string() + ": not a JSON Schema: the top level must be an object");
}

TEST(ContractRegistryLoadTest, MissingOrEmptyFolderIsAnError) {
  TempDir dir;
  auto missing = ContractRegistry::load(dir.path() / "nope");
  EXPECT_EQ(missing.status().code(), core::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("does not exist"), std::string::npos);

  dir.write("README.md", "not a schema");
  auto empty = ContractRegistry::load(dir.path());
  EXPECT_EQ(empty.status().code(), core::StatusCode::kNotFound);
  EXPECT_NE(empty.status().message().find("no *.schema.json"), std::string::npos);
}

TEST(ContractRegistryLoadTest, NamesComeFromFileNamesAndOtherFilesAreIgnored) {
  TempDir dir;
  dir.write("thing.v2.schema.json", R"({"type": "object", "required": ["id"]})");
  dir.write("alpha.v1.schema.json", R"({"type": "object"})");
  dir.write("notes.json", "{not json");
  fs::create_directories(dir.path() / "examples");
  dir.write("examples/ignored.schema.json", "{not json");
  auto registry = ContractRegistry::load(dir.path());
  ASSERT_TRUE(registry.isOk()) << registry.status().toString();
  EXPECT_EQ(registry->names(), (std::vector<std::string>{"alpha.v1", "thing.v2"}));
  EXPECT_EQ(*registry->validate("thing.v2", json::object()),
            (std::vector<ContractFinding>{{"", "required property 'id' is missing"}}));
}

}  // namespace
}  // namespace bridge::mappings

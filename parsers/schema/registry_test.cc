#include "parsers/schema/registry.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <thread>

#include "parsers/schema/test_schema_dir.h"

namespace bridge::parsers::schema {
namespace {

using testing::describeIssues;
using testing::TestSchemaDir;
using Strings = std::vector<std::string>;

constexpr char kDictionary[] = R"yaml(format: edi-bridge/schema-v1
kind: dictionary
standard: x12
version: "004010"
elements:
  "1": {type: AN, min: 1, max: 10}
segments:
  ST: {elements: [{id: "1"}]}
  BEG: {elements: [{id: "1"}]}
  REF: {elements: [{id: "1"}]}
  SE: {elements: [{id: "1"}]}
)yaml";

std::string transaction(const std::string& id) {
  return "format: edi-bridge/schema-v1\nkind: transaction\nstandard: x12\nversion: \"004010\"\n"
         "id: \"" +
         id +
         "\"\nsegments:\n  - {segment: ST, usage: M}\n  - {segment: REF, max: 5}\n"
         "  - {segment: SE, usage: M}\n";
}

constexpr char kOverlay[] = R"yaml(format: edi-bridge/schema-v1
kind: overlay
name: acme
base: x12/004010/850
rules:
  - {at: REF, max: 2}
)yaml";

const SchemaKey k850{edi::Standard::kX12, "004010", "850"};

TEST(SchemaRegistry, FindsLoadsAndCachesASchema) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", kDictionary);
  dir.write("x12/004010/850.yaml", transaction("850"));
  SchemaRegistry registry(dir.root());
  EXPECT_EQ(registry.root(), dir.root());
  SchemaResult first = registry.find(k850);
  ASSERT_TRUE(first.isOk()) << first.status().message();
  EXPECT_EQ((*first)->id, "850");
  SchemaResult again = registry.find(k850);
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(first.value(), again.value());
}

TEST(SchemaRegistry, AMissingSchemaIsNotFoundAndNamesWhereItLooked) {
  TestSchemaDir dir;
  SchemaRegistry registry(dir.root());
  SchemaResult missing = registry.find({edi::Standard::kX12, "004010", "861"});
  ASSERT_FALSE(missing.isOk());
  EXPECT_EQ(missing.status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "no schema for X12 004010 861 (looked in " +
                                            dir.path("x12/004010/861.yaml").string() + ")");
  SchemaResult edifact = registry.find({edi::Standard::kEdifact, "D96A", "ORDERS"});
  EXPECT_EQ(edifact.status().message(), "no schema for EDIFACT D96A ORDERS (looked in " +
                                            dir.path("edifact/D96A/ORDERS.yaml").string() + ")");
  // Versions and ids come from the data: they never become a path outside the root.
  SchemaResult escape = registry.find({edi::Standard::kX12, "../../etc", "passwd"});
  EXPECT_EQ(escape.status().code(), core::StatusCode::kNotFound);
  EXPECT_EQ(escape.status().message(),
            "no schema for X12 ../../etc passwd: the version or id is not a name a schema can "
            "have");
  EXPECT_EQ(registry.find({edi::Standard::kX12, "", "850"}).status().code(),
            core::StatusCode::kNotFound);
}

TEST(SchemaRegistry, ABrokenSchemaIsAnErrorWithEveryProblem) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", kDictionary);
  dir.write("x12/004010/850.yaml", transaction("850") + "  - {segment: XYZ}\n");
  dir.write("x12/004010/855.yaml", transaction("856"));
  SchemaRegistry registry(dir.root());
  SchemaResult broken = registry.find(k850);
  ASSERT_FALSE(broken.isOk());
  EXPECT_EQ(broken.status().code(), core::StatusCode::kInvalidArgument);
  const std::string file = dir.path("x12/004010/850.yaml").string();
  EXPECT_EQ(broken.status().message(),
            "the schema for X12 004010 850 has errors:\n" + file +
                ":10:15: segments[4]: unknown segment 'XYZ'; the dictionary " +
                dir.path("x12/004010/dictionary.yaml").string() + " does not define it");
  SchemaResult misplaced = registry.find({edi::Standard::kX12, "004010", "855"});
  EXPECT_EQ(misplaced.status().message(),
            "the schema for X12 004010 855 has errors:\n" +
                dir.path("x12/004010/855.yaml").string() +
                ": this is the schema for X12 004010 856, so it must be at " +
                dir.path("x12/004010/856.yaml").string() + ", where the registry looks for it");
}

TEST(SchemaRegistry, AppliesOverlaysAndCachesEachCombination) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", kDictionary);
  dir.write("x12/004010/850.yaml", transaction("850"));
  const auto acme = dir.write("overlays/acme.yaml", kOverlay);
  const auto loose =
      dir.write("overlays/loose.yaml",
                std::string(kOverlay).replace(std::string(kOverlay).find("max: 2"), 6, "max: 9"));
  SchemaRegistry registry(dir.root());
  SchemaResult plain = registry.find(k850);
  SchemaResult tight = registry.find(k850, {acme});
  ASSERT_TRUE(plain.isOk() && tight.isOk()) << tight.status().message();
  EXPECT_NE(plain.value(), tight.value());
  EXPECT_EQ((*plain)->root.children[1].maxUse, 5u);
  EXPECT_EQ((*tight)->root.children[1].maxUse, 2u);
  EXPECT_EQ((*tight)->overlays, Strings{"acme"});
  EXPECT_EQ(registry.find(k850, {acme}).value(), tight.value());

  SchemaResult refused = registry.find(k850, {loose});
  ASSERT_FALSE(refused.isOk());
  EXPECT_EQ(refused.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "the overlay " + loose.string() + " for X12 004010 850 cannot be applied:\n" +
                loose.string() +
                ":6:20: rules[1] 'max' 9 would raise the maximum of 'REF' (5); an overlay may "
                "only lower it");
  SchemaResult missingOverlay = registry.find(k850, {dir.path("overlays/none.yaml")});
  EXPECT_EQ(missingOverlay.status().code(), core::StatusCode::kInvalidArgument);
}

TEST(SchemaRegistry, FindIsSafeFromManyThreads) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", kDictionary);
  for (const char* id : {"850", "855", "856", "810"}) {
    dir.write(std::string("x12/004010/") + id + ".yaml", transaction(id));
  }
  SchemaRegistry registry(dir.root());
  std::vector<std::thread> threads;
  std::vector<const TransactionSchema*> seen(16);
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      const char* ids[] = {"850", "855", "856", "810"};
      SchemaResult result = registry.find({edi::Standard::kX12, "004010", ids[t % 4]});
      seen[t] = result.isOk() ? result.value().get() : nullptr;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < seen.size(); ++t) {
    ASSERT_NE(seen[t], nullptr);
    EXPECT_EQ(seen[t], seen[t % 4]);
    if (t >= 4) continue;
    EXPECT_EQ(seen[t]->dictionary, seen[0]->dictionary);
  }
}

TEST(SchemaRegistry, WorksOutTheVersionFromTheEnvelope) {
  EXPECT_EQ(x12SchemaVersion("004010", "00401"), "004010");
  EXPECT_EQ(x12SchemaVersion("004010VICS", "00401"), "004010");
  EXPECT_EQ(x12SchemaVersion("005010X222A1", "00501"), "005010");
  EXPECT_EQ(x12SchemaVersion("", "00401"), "004010");
  EXPECT_EQ(x12SchemaVersion("", "00501"), "005010");
  EXPECT_EQ(x12SchemaVersion("4010", "00401"), "004010");
  EXPECT_EQ(x12SchemaVersion("", ""), "");
  EXPECT_EQ(edifactSchemaVersion("D", "96A"), "D96A");
  EXPECT_EQ(edifactSchemaVersion("D", "01B"), "D01B");
  EXPECT_EQ(edifactSchemaVersion("D", "3"), "syntax3");
  EXPECT_EQ(edifactSchemaVersion("4", "1"), "syntax4");
  EXPECT_EQ(edifactSchemaVersion("4", "2"), "syntax4");
  EXPECT_EQ(edifactSchemaVersion("D", ""), "");
  EXPECT_EQ(edifactSchemaVersion("", "96A"), "");
  EXPECT_EQ(k850.describe(), "X12 004010 850");
}

TEST(SchemaRegistry, TheDefaultRootCanBeSetFromTheEnvironment) {
  const char* saved = std::getenv("EDI_BRIDGE_SCHEMAS");
  const std::string previous = saved != nullptr ? saved : "";
  ::setenv("EDI_BRIDGE_SCHEMAS", "/srv/edi/schemas", 1);
  EXPECT_EQ(SchemaRegistry::defaultRoot(), std::filesystem::path("/srv/edi/schemas"));
  ::setenv("EDI_BRIDGE_SCHEMAS", "", 1);
  EXPECT_EQ(SchemaRegistry::defaultRoot(), std::filesystem::path(EDI_SCHEMA_DIR));
  if (saved != nullptr) {
    ::setenv("EDI_BRIDGE_SCHEMAS", previous.c_str(), 1);
  } else {
    ::unsetenv("EDI_BRIDGE_SCHEMAS");
  }
}

TEST(SchemaRegistry, LoadAllReportsEveryProblemOnce) {
  TestSchemaDir dir;
  dir.write("x12/004010/dictionary.yaml", std::string(kDictionary) + "  BAD: {}\n");
  dir.write("x12/004010/850.yaml", transaction("850"));
  dir.write("x12/004010/855.yaml", transaction("855"));
  dir.write("x12/004010/860.yaml", transaction("861"));
  dir.write("x12/004010/notes.txt", "not a schema");
  dir.write("overlays/acme.yaml", kOverlay);
  dir.write("overlays/other.yaml",
            "format: edi-bridge/schema-v1\nkind: overlay\nname: o\nbase: x12/004010/999\n"
            "rules: []\n");
  dir.write("broken.yaml", "a: [1\n");
  SchemaCheck check = SchemaRegistry(dir.root()).loadAll();
  EXPECT_EQ(check.dictionaries, 1u);
  EXPECT_EQ(check.transactions, 3u);  // broken.yaml is not YAML at all
  EXPECT_EQ(check.overlays, 2u);
  EXPECT_EQ(describeIssues(check.issues, dir),
            (Strings{
                "DIR/broken.yaml:2:1: not valid YAML: end of sequence flow not found",
                "DIR/x12/004010/dictionary.yaml:12:8: segment 'BAD' needs the key 'elements'",
                "DIR/x12/004010/860.yaml: this is the schema for X12 004010 861, so it must be at "
                "DIR/x12/004010/861.yaml, where the registry looks for it",
                "DIR/overlays/other.yaml:4:7: overlay 'base' must name a schema under DIR, as "
                "x12/004010/850",
            }));
  SchemaCheck missing = SchemaRegistry(dir.path("nowhere")).loadAll();
  EXPECT_EQ(describeIssues(missing.issues, dir),
            Strings{"DIR/nowhere: the schema directory does not exist"});
}

TEST(SchemaRegistry, EveryShippedSchemaLoadsWithoutIssues) {
  SchemaRegistry registry(EDI_SCHEMA_DIR);
  SchemaCheck check = registry.loadAll();
  EXPECT_TRUE(check.issues.empty()) << check.issues.describe();
  EXPECT_GE(check.dictionaries, 7u);
  EXPECT_GE(check.transactions, 30u);
  SchemaResult orders = registry.find({edi::Standard::kEdifact, "D96A", "ORDERS"});
  EXPECT_TRUE(orders.isOk()) << orders.status().message();
  SchemaResult po = registry.find({edi::Standard::kX12, "004010", "850"});
  EXPECT_TRUE(po.isOk()) << po.status().message();
}

}  // namespace
}  // namespace bridge::parsers::schema

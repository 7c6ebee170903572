// The shipped catalog: every mapping compiles against the shipped contracts
// and schemas, has tests beside it, and passes them (corpus samples, expected
// failures, round trips). One gtest case per mapping test, so a failure names
// the mapping and the test and shows the diff.
#include <gtest/gtest.h>

#include "mappings/engine/mapping_set.h"
#include "mappings/engine/mapping_tests.h"

namespace bridge::mappings {
namespace {

struct Catalog {
  std::optional<ContractRegistry> contracts;
  parsers::schema::SchemaRegistry schemas{EDI_SCHEMA_DIR};
  std::shared_ptr<const MappingSet> set;
  std::string problems;

  Catalog() {
    auto loaded =
        ContractRegistry::load(std::filesystem::path(EDI_SOURCE_DIR) / "mappings/contracts");
    if (!loaded) {
      problems = loaded.status().message();
      return;
    }
    contracts = std::move(*loaded);
    config::YamlIssues issues;
    set = loadMappingSet(std::filesystem::path(EDI_SOURCE_DIR) / "mappings/catalog",
                         {&*contracts, &schemas}, issues);
    problems = issues.describe();
  }
};

Catalog& catalog() {
  static Catalog instance;
  return instance;
}

TEST(CatalogTest, EveryMappingCompiles) {
  ASSERT_NE(catalog().set, nullptr) << catalog().problems;
  EXPECT_GE(catalog().set->mappings.size(), 28u);
}

TEST(CatalogTest, TheIssueListIsCovered) {
  ASSERT_NE(catalog().set, nullptr) << catalog().problems;
  // What the catalog promises: inbound, outbound and legacy flat files.
  const std::vector<std::pair<std::string, std::string>> wanted = {
      {"X12 004010 850", "contract order.v1"},
      {"X12 004010 860", "contract order-change.v1"},
      {"X12 004010 855", "contract order-ack.v1"},
      {"X12 004010 856", "contract shipment.v1"},
      {"X12 004010 810", "contract invoice.v1"},
      {"X12 004010 846", "contract inventory-snapshot.v1"},
      {"X12 004010 944", "contract inventory-movement.v1"},
      {"X12 004010 945", "contract shipment.v1"},
      {"X12 004010 947", "contract inventory-movement.v1"},
      {"X12 004010 940", "contract warehouse-order.v1"},
      {"X12 004010 997", "contract ack-status.v1"},
      {"X12 005010 999", "contract ack-status.v1"},
      {"EDIFACT D96A ORDERS", "contract order.v1"},
      {"EDIFACT D96A ORDRSP", "contract order-ack.v1"},
      {"EDIFACT D96A DESADV", "contract shipment.v1"},
      {"EDIFACT D96A INVOIC", "contract invoice.v1"},
      {"EDIFACT D96A INVRPT", "contract inventory-snapshot.v1"},
      {"contract order.v1", "X12 004010 850"},
      {"contract order-ack.v1", "X12 004010 855"},
      {"contract order-ack.v1", "EDIFACT D96A ORDRSP"},
      {"contract shipment.v1", "X12 004010 856"},
      {"contract shipment.v1", "EDIFACT D96A DESADV"},
      {"contract invoice.v1", "X12 004010 810"},
      {"contract invoice.v1", "EDIFACT D96A INVOIC"},
      {"contract warehouse-order.v1", "X12 004010 940"},
      {"CSV", "contract order.v1"},
      {"CSV", "contract inventory-movement.v1"},
      {"fixed-width", "contract invoice.v1"}};
  for (const auto& [source, target] : wanted) {
    bool found = false;
    for (const auto& [name, mapping] : catalog().set->mappings) {
      found =
          found || (mapping->source.describe() == source && mapping->target.describe() == target);
    }
    EXPECT_TRUE(found) << "no mapping from " << source << " to " << target;
  }
}

class CatalogMappingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CatalogMappingTest, PassesItsTests) {
  ASSERT_NE(catalog().set, nullptr) << catalog().problems;
  TranslationContext context;
  context.contracts = &*catalog().contracts;
  context.schemas = &catalog().schemas;
  const auto outcomes = runMappingTests(*catalog().set, {GetParam()}, context);
  ASSERT_FALSE(outcomes.empty());
  for (const auto& outcome : outcomes) {
    EXPECT_TRUE(outcome.passed) << outcome.mapping << " / " << outcome.test << "\n"
                                << outcome.detail;
  }
  EXPECT_GE(outcomes.size(), 2u) << GetParam()
                                 << " needs at least a sample test and a failure test";
}

std::vector<std::string> catalogNames() {
  std::vector<std::string> names;
  if (catalog().set == nullptr) return {"<catalog does not load>"};
  for (const auto& [name, mapping] : catalog().set->mappings) names.push_back(name);
  return names;
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Shipped, CatalogMappingTest, ::testing::ValuesIn(catalogNames()),
                         testName);

}  // namespace
}  // namespace bridge::mappings

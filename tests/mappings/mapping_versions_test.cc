// Activation, reload and rollback of mapping sets: a set goes live only when
// every mapping compiles and every test passes; the running set stays
// otherwise; an earlier version can be restored and stays until the next
// reload.
#include "mappings/engine/mapping_versions.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/bridge_fixture.h"

namespace bridge::mappings {
namespace {

namespace fs = std::filesystem;
using bridge::testing::writeFileBytes;

class MappingVersionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("edi-versions-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "mappings/tests");
    writeMapping("BEG03");
    writeFileBytes(root_ / "mappings/tests/in.edi",
                   "ISA*00*          *00*          *ZZ*S              *ZZ*R              *261127*"
                   "1200*U*00401*000000001*0*P*>~GS*PO*S*R*20261127*1200*1*X*004010~ST*850*0001~"
                   "BEG*00*SA*PO-7**20261127~SE*3*0001~GE*1*1~IEA*1*000000001~");
    writeFileBytes(
        root_ / "mappings/o.tests.yaml",
        "tests:\n  - name: number\n    input: tests/in.edi\n    expect: tests/out.json\n");
    writeFileBytes(root_ / "mappings/tests/out.json", "{\n  \"orderNumber\": \"PO-7\"\n}\n");
  }
  void TearDown() override { fs::remove_all(root_); }

  void writeMapping(const std::string& path) {
    writeFileBytes(root_ / "mappings/o.yaml",
                   "mapping: o\nversion: 1.0.0\nsource: { x12: \"850\", version: \"004010\" }\n"
                   "target: { contract: order.v1 }\noutput:\n  orderNumber: " +
                       path + "\n");
  }

  Activation activate() {
    TranslationContext translate;
    translate.schemas = &schemas_;
    return activateMappings(root_ / "mappings", versions_, {nullptr, &schemas_}, translate);
  }

  fs::path root_;
  parsers::schema::SchemaRegistry schemas_{EDI_SCHEMA_DIR};
  MappingVersions versions_{fs::temp_directory_path() /
                            ("edi-versions-state-" + std::to_string(::getpid()))};
};

TEST_F(MappingVersionsTest, ActivationStoresAFrozenCopyOnlyWhenTestsPass) {
  fs::remove_all(versions_.root());
  Activation first = activate();
  ASSERT_TRUE(first.activated) << (first.errors.empty() ? "" : first.errors[0]);
  EXPECT_EQ(first.version, 1u);
  EXPECT_TRUE(fs::exists(versions_.directoryOf(1) / "o.yaml"));
  EXPECT_TRUE(fs::exists(versions_.directoryOf(1) / "tests/in.edi"));

  // The same directory again: nothing new is stored.
  Activation again = activate();
  ASSERT_TRUE(again.activated);
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(again.version, 1u);

  // A change that breaks the mapping's own test is refused; version 1 stays.
  writeMapping("BEG02");
  Activation broken = activate();
  EXPECT_FALSE(broken.activated);
  ASSERT_FALSE(broken.errors.empty());
  EXPECT_NE(broken.errors[0].find("test failed: o / number"), std::string::npos)
      << broken.errors[0];
  EXPECT_EQ((*versions_.active())->version, 1u);

  // A change that does not compile is refused with its position.
  writeMapping("BEG3");
  Activation invalid = activate();
  EXPECT_FALSE(invalid.activated);
  ASSERT_FALSE(invalid.errors.empty());
  EXPECT_NE(invalid.errors[0].find("o.yaml:6:16"), std::string::npos) << invalid.errors[0];
  fs::remove_all(versions_.root());
}

TEST_F(MappingVersionsTest, RollbackPinsAnEarlierVersionUntilTheNextReload) {
  fs::remove_all(versions_.root());
  ASSERT_TRUE(activate().activated);
  // Version 2: the test and the mapping change together.
  writeMapping("BEG03");
  writeFileBytes(
      root_ / "mappings/o.yaml",
      "mapping: o\nversion: 1.1.0\nsource: { x12: \"850\", version: \"004010\" }\n"
      "target: { contract: order.v1 }\noutput:\n  orderNumber: BEG03\n  orderType: BEG02\n");
  writeFileBytes(root_ / "mappings/tests/out.json",
                 "{\n  \"orderNumber\": \"PO-7\",\n  \"orderType\": \"SA\"\n}\n");
  Activation second = activate();
  ASSERT_TRUE(second.activated) << (second.errors.empty() ? "" : second.errors[0]);
  EXPECT_EQ(second.version, 2u);
  EXPECT_EQ(second.set->find("o")->version, "1.1.0");

  ASSERT_TRUE(versions_.setActive(1, true).isOk());
  Activation restored = loadActiveMappings(versions_, {nullptr, &schemas_});
  ASSERT_TRUE(restored.activated);
  EXPECT_EQ(restored.version, 1u);
  EXPECT_EQ(restored.set->find("o")->version, "1.0.0");
  EXPECT_TRUE((*versions_.active())->pinned);

  // An explicit reload of the unchanged directory unpins and goes back to 2.
  Activation reloaded = activate();
  ASSERT_TRUE(reloaded.activated);
  EXPECT_EQ(reloaded.version, 2u);
  EXPECT_FALSE((*versions_.active())->pinned);
  EXPECT_EQ(versions_.list().size(), 2u);
  EXPECT_FALSE(versions_.setActive(9, true).isOk());
  fs::remove_all(versions_.root());
}

}  // namespace
}  // namespace bridge::mappings

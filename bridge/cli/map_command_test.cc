// `edi-bridge translate` and `edi-bridge map`: what an admin sees.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridge/cli/commands.h"

namespace bridge::cli {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

CliRun run(std::vector<std::string> words) {
  words.insert(words.begin(), "edi-bridge");
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::istringstream in;
  std::ostringstream out, err;
  CliRun result;
  result.code = runCli(static_cast<int>(words.size()), argv.data(), in, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const std::string kCorpus = std::string(EDI_SOURCE_DIR) + "/tests/data/corpus/x12/";

class MapCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("edi-map-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MapCommandTest, TranslatePrintsTheCanonicalOrder) {
  const CliRun result =
      run({"translate", kCorpus + "nodex12_850.edi", "--mapping", "x12-850-order"});
  ASSERT_EQ(result.code, 0) << result.err;
  const nlohmann::json order = nlohmann::json::parse(result.out);
  EXPECT_EQ(order["orderNumber"], "08292233294");
  EXPECT_EQ(order["lines"].size(), 6u);
  EXPECT_EQ(order["parties"][0]["role"], "shipTo");
}

TEST_F(MapCommandTest, TranslateJsonNamesTheMappingAndItsHash) {
  const CliRun result =
      run({"translate", kCorpus + "nodex12_850.edi", "--mapping", "x12-850-order", "--json"});
  ASSERT_EQ(result.code, 0) << result.err;
  const nlohmann::json report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["mapping"], "x12-850-order");
  EXPECT_EQ(report["hash"].get<std::string>().rfind("sha256:", 0), 0u);
  ASSERT_EQ(report["documents"].size(), 1u);
  EXPECT_EQ(report["documents"][0]["ok"], true);
  EXPECT_EQ(report["documents"][0]["output"]["orderNumber"], "08292233294");
}

TEST_F(MapCommandTest, TranslateOutboundWritesEdiWithAnEnvelope) {
  write(
      dir_ / "order.json",
      R"({"orderNumber": "PO-1", "orderDate": "2026-11-27", "lines": [{"item": {"vendorItem": "V1"}, "quantity": 5}]})");
  const CliRun result =
      run({"translate", (dir_ / "order.json").string(), "--mapping", "order-x12-850"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("ISA*", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("BEG*00*SA*PO-1**20261127~"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("PO1**5*EA***VN*V1~"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("CTT*1*5~"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("no --partner given"), std::string::npos);
}

TEST_F(MapCommandTest, TranslateReportsEachProblemAndExitsOne) {
  write(dir_ / "bad.edi",
        "ISA*00*          *00*          *ZZ*S              *ZZ*R              *261127*1200*U*00401*"
        "000000001*0*P*>~GS*PO*S*R*20261127*1200*1*X*004010~ST*850*0001~BEG*00*SA***20261399~"
        "PO1*1*2*EA~SE*4*0001~GE*1*1~IEA*1*000000001~");
  const CliRun result =
      run({"translate", (dir_ / "bad.edi").string(), "--mapping", "x12-850-order"});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("transaction 1 (850 0001) was not translated"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("orderNumber (from BEG03): required value is missing"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("value '20261399' is not a valid date in format CCYYMMDD"),
            std::string::npos)
      << result.err;
}

TEST_F(MapCommandTest, MapCheckReportsEveryProblemWithItsPosition) {
  write(dir_ / "a.yaml",
        "mapping: a\nversion: 1\nsource: { x12: \"850\", version: \"004010\" }\n"
        "target: { contract: order.v1 }\noutput:\n  orderNumber: BEG3\n");
  write(dir_ / "b.yaml",
        "mapping: b\nversion: 1\nsource: { contract: order.v1 }\n"
        "target: { contract: nothing.v1 }\noutput: {}\n");
  const CliRun result = run({"map", "check", "--mappings", dir_.string()});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("a.yaml:6:16: path 'BEG3'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("b.yaml:4:21: unknown contract 'nothing.v1'"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("2 problems"), std::string::npos) << result.err;
}

TEST_F(MapCommandTest, MapTestShowsADiffForAFailure) {
  write(
      dir_ / "o.yaml",
      "mapping: o\nversion: 1\nsource: { x12: \"850\", version: \"004010\" }\n"
      "target: { contract: order.v1 }\noutput:\n  orderNumber: BEG03\n"
      "  orderDate: { path: BEG05, transform: [{ parse_date: CCYYMMDD }] }\n"
      "  lines:\n    each: PO1\n    fields:\n      quantity: { path: PO102, transform: [number] }\n"
      "      item: { fields: { vendorItem: { qualified: { segment: PO1, from: 6, qualifier: VN } } "
      "} }\n");
  write(dir_ / "o.tests.yaml", "tests:\n  - name: sample\n    input: " + kCorpus +
                                   "nodex12_850.edi\n    expect: tests/o.json\n");
  auto expected = [](const std::string& date) {
    nlohmann::json order = {{"orderNumber", "08292233294"}, {"orderDate", date}};
    const std::vector<std::pair<int, const char*>> lines = {{120, "AB3542"}, {220, "RD5322"},
                                                            {126, "XY5266"}, {76, "VX2332"},
                                                            {72, "RV0524"},  {696, "DX1875"}};
    for (const auto& [quantity, item] : lines) {
      order["lines"].push_back({{"quantity", quantity}, {"item", {{"vendorItem", item}}}});
    }
    return order.dump(2) + "\n";
  };
  write(dir_ / "tests/o.json", expected("2010-11-28"));
  const CliRun failed = run({"map", "test", "--mappings", dir_.string()});
  EXPECT_EQ(failed.code, 1);
  EXPECT_NE(failed.out.find("FAIL  o / sample"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("-   \"orderDate\": \"2010-11-28\","), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("+   \"orderDate\": \"2010-11-27\","), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("0 passed, 1 failed"), std::string::npos) << failed.out;

  write(dir_ / "tests/o.json", expected("2010-11-27"));
  const CliRun passed = run({"map", "test", "o", "--mappings", dir_.string()});
  EXPECT_EQ(passed.code, 0) << passed.out;
  EXPECT_NE(passed.out.find("1 passed, 0 failed"), std::string::npos) << passed.out;
}

TEST_F(MapCommandTest, HelpNamesTheCommands) {
  const CliRun help = run({"help"});
  EXPECT_NE(help.out.find("translate FILE|-"), std::string::npos);
  EXPECT_NE(help.out.find("map ACTION"), std::string::npos);
  EXPECT_EQ(run({"map", "--help"}).code, 0);
  EXPECT_EQ(run({"map", "frobnicate"}).code, 2);
  EXPECT_EQ(run({"translate", "x.edi"}).code, 2);
}

}  // namespace
}  // namespace bridge::cli

// The daemon with mappings: a route that names a mapping delivers the
// canonical document with the mapping's name, version and hash; a document
// the mapping refuses is rejected with its problems, not delivered; a source
// of canonical documents produces outbound EDI addressed from the partner
// profile with the spool's control numbers; reload keeps the running set
// when the new one fails its tests, and a rollback restores an earlier one.
#include <gtest/gtest.h>

#include "bridge/core/log.h"
#include "bridge/daemon/pipeline.h"
#include "tests/support/bridge_fixture.h"

namespace bridge {
namespace {

namespace fs = std::filesystem;
using testing::BridgeTree;
using testing::readFileBytes;
using testing::writeFileBytes;

constexpr const char* kOrderMapping =
    "mapping: supplier-order\nversion: 2.1.0\nsource: { x12: \"850\", version: \"004010\" }\n"
    "target: { contract: order.v1 }\noutput:\n"
    "  orderNumber: { path: BEG03, required: true }\n"
    "  orderDate: { path: BEG05, transform: [{ parse_date: CCYYMMDD }] }\n"
    "  lines:\n    each: PO1\n    fields:\n"
    "      lineNumber: PO101\n      quantity: { path: PO102, transform: [number] }\n"
    "      item:\n        fields:\n"
    "          vendorItem: { qualified: { segment: PO1, from: 6, qualifier: VN }, required: true "
    "}\n";

constexpr const char* kInvoiceMapping =
    "mapping: invoice-810\nversion: 1.0.0\nsource: { contract: invoice.v1 }\n"
    "target: { x12: \"810\", version: \"004010\" }\nsegments:\n"
    "  - BIG: [{ path: invoiceDate, transform: [{ format_date: CCYYMMDD }] }, { path: "
    "invoiceNumber }]\n"
    "  - TDS: [{ path: totals.totalAmount, transform: [{ to_implied: 2 }] }]\n";

class DaemonMappingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::setLogEnabled(false);
    mappings_ = tree_.root / "mappings";
    fs::create_directories(mappings_ / "tests");
    writeFileBytes(mappings_ / "tests/order.edi", testing::x12Order(3));
    writeFileBytes(mappings_ / "supplier-order.yaml", kOrderMapping);
    writeFileBytes(
        mappings_ / "supplier-order.tests.yaml",
        "tests:\n  - name: sample\n    input: tests/order.edi\n    expect: tests/order.json\n");
    writeFileBytes(
        mappings_ / "tests/invoice.json",
        R"({"invoiceNumber": "INV-1", "invoiceDate": "2026-11-20", "totals": {"totalAmount": 360.02}})");
    writeFileBytes(mappings_ / "invoice-810.yaml", kInvoiceMapping);
    writeFileBytes(
        mappings_ / "invoice-810.tests.yaml",
        "tests:\n  - name: sample\n    input: tests/invoice.json\n    expect: tests/invoice.edi\n");
    writeExpected();
  }
  void TearDown() override { core::setLogEnabled(true); }

  // The expected outputs of the mapping tests, as the set's own tests want.
  void writeExpected() {
    writeFileBytes(mappings_ / "tests/order.json", expectedOrderJson());
    writeFileBytes(
        mappings_ / "tests/invoice.edi",
        "ISA*00*          *00*          *ZZ*EDIBRIDGE      *ZZ*PARTNER        *260101*0000*U*"
        "00401*000000001*0*P*:~\nGS*IN*EDIBRIDGE*PARTNER*20260101*0000*1*X*004010~\n"
        "ST*810*0001~\nBIG*20261120*INV-1~\nTDS*36002~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n");
  }

  static std::string expectedOrderJson() {
    nlohmann::json order = {{"orderNumber", "08292233294"}, {"orderDate", "2010-11-27"}};
    const std::vector<std::tuple<const char*, int, const char*>> lines = {
        {"1", 120, "AB3542"}, {"2", 220, "RD5322"}, {"3", 126, "XY5266"},
        {"4", 76, "VX2332"},  {"5", 72, "RV0524"},  {"6", 696, "DX1875"}};
    for (const auto& [number, quantity, item] : lines) {
      order["lines"].push_back(
          {{"lineNumber", number}, {"quantity", quantity}, {"item", {{"vendorItem", item}}}});
    }
    return order.dump(2) + "\n";
  }

  config::BridgeConfig config() {
    config::BridgeConfig c = tree_.config();
    c.mappings = mappings_;
    c.contracts = fs::path(EDI_SOURCE_DIR) / "mappings/contracts";
    c.routes[0].mapping = "supplier-order";
    config::DirectorySourceSettings erp;
    erp.name = "erp-invoices";
    erp.path = tree_.root / "erp";
    erp.stableForMs = 0;
    erp.mapping = "invoice-810";
    erp.partner = "abcco";
    fs::create_directories(erp.path);
    c.sources.push_back(erp);
    config::RouteSettings invoices;
    invoices.name = "invoices-out";
    invoices.match.source = "erp-invoices";
    invoices.targets = {"outbound"};
    c.routes.push_back(invoices);
    return c;
  }

  std::unique_ptr<daemon::Pipeline> open(const config::BridgeConfig& c) {
    daemon::PipelineOptions options;
    options.registry = &registry_;
    options.clock = [] { return int64_t{1'800'000'000'000}; };
    auto pipeline = daemon::Pipeline::create(disk_, c, options);
    EXPECT_TRUE(pipeline.isOk()) << pipeline.status().toString();
    return pipeline ? std::move(pipeline.value()) : nullptr;
  }

  std::vector<nlohmann::json> events() const {
    std::vector<nlohmann::json> out;
    for (const auto& entry : fs::directory_iterator(tree_.events)) {
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    }
    return out;
  }

  std::string traceOf(daemon::Pipeline& pipeline, spool::ItemState state) {
    spool::ItemFilter filter;
    filter.state = state;
    auto items = pipeline.spool().list(filter);
    if (!items || items->empty()) return "<no item in that state>";
    auto entries = pipeline.spool().trace(items->front().id);
    if (!entries) return entries.status().toString();
    std::string text;
    for (const auto& entry : *entries) text += entry.event + " " + entry.detailJson + "\n";
    return text;
  }

  BridgeTree tree_{"edi-daemon-mapping"};
  fs::path mappings_;
  spool::PosixDisk disk_;
  parsers::schema::SchemaRegistry registry_{EDI_SCHEMA_DIR};
};

TEST_F(DaemonMappingTest, ARouteWithAMappingDeliversTheCanonicalDocument) {
  auto pipeline = open(config());
  ASSERT_NE(pipeline, nullptr);
  EXPECT_EQ(pipeline->mappings().version, 1u);
  tree_.drop("order.edi", testing::x12Order(7));
  ASSERT_TRUE(pipeline->runUntilIdle().isOk());

  const auto logged = events();
  ASSERT_EQ(logged.size(), 1u);
  const nlohmann::json& event = logged[0];
  EXPECT_EQ(event["type"], "com.edi-bridge.order.v1");
  EXPECT_EQ(event["id"], testing::x12OrderEventId(7) + "/supplier-order");
  EXPECT_EQ(event["data"], nlohmann::json::parse(expectedOrderJson()));
  EXPECT_EQ(event["edibridge"]["mapping"], "supplier-order");
  EXPECT_EQ(event["edibridge"]["mappingVersion"], "2.1.0");
  EXPECT_EQ(event["edibridge"]["mappingHash"], pipeline->mappings().find("supplier-order")->hash);
  EXPECT_EQ(event["edibridge"]["mappingSet"], 1);
  const std::string trace = traceOf(*pipeline, spool::ItemState::kDone);
  EXPECT_NE(trace.find("mapped "), std::string::npos) << trace;
  EXPECT_NE(trace.find(pipeline->mappings().find("supplier-order")->hash), std::string::npos)
      << trace;
}

TEST_F(DaemonMappingTest, ADocumentTheMappingRefusesIsRejectedWithItsProblems) {
  auto pipeline = open(config());
  ASSERT_NE(pipeline, nullptr);
  // Valid X12 (the schema accepts a UPC in place of the vendor item), but
  // the mapping requires a vendor item on every line.
  std::string order = testing::x12Order(8);
  order.replace(order.find("*VN*AB3542"), 10, "*UP*AB3542");
  tree_.drop("no-number.edi", order);
  ASSERT_TRUE(pipeline->runUntilIdle().isOk());
  EXPECT_TRUE(events().empty());
  const std::string trace = traceOf(*pipeline, spool::ItemState::kRejected);
  EXPECT_NE(trace.find("mapping-failed"), std::string::npos) << trace;
  EXPECT_NE(trace.find("lines[1].item.vendorItem (from PO1): required value is missing"),
            std::string::npos)
      << trace;
  // The 997 still goes out: the interchange itself was valid.
  EXPECT_EQ(BridgeTree::filesUnder(tree_.outbound).size(), 1u);
}

TEST_F(DaemonMappingTest, CanonicalDocumentsBecomeOutboundEdiOnce) {
  auto pipeline = open(config());
  ASSERT_NE(pipeline, nullptr);
  const std::string invoice =
      R"({"invoiceNumber": "INV-9", "invoiceDate": "2026-11-21", "totals": {"totalAmount": 12.5}})";
  writeFileBytes(tree_.root / "erp/inv-9.json", invoice);
  ASSERT_TRUE(pipeline->runUntilIdle().isOk());
  auto files = BridgeTree::filesUnder(tree_.outbound);
  ASSERT_EQ(files.size(), 1u) << (files.empty() ? "" : files[0]);
  const std::string edi = readFileBytes(tree_.outbound / files[0]);
  // From our ids in the abcco profile to abcco, with its delimiters.
  EXPECT_EQ(edi.rfind("ISA*00*          *00*          *01*999999999      *12*4405197800     *", 0),
            0u)
      << edi;
  EXPECT_NE(edi.find("GS*IN*999999999*4405197800*"), std::string::npos) << edi;
  EXPECT_NE(edi.find("BIG*20261121*INV-9~"), std::string::npos) << edi;
  EXPECT_NE(edi.find("TDS*1250~"), std::string::npos) << edi;

  // The same file again has the same effect, which is not repeated.
  writeFileBytes(tree_.root / "erp/inv-9-again.json", invoice);
  ASSERT_TRUE(pipeline->runUntilIdle().isOk());
  EXPECT_EQ(BridgeTree::filesUnder(tree_.outbound).size(), 1u);

  // A document that breaks its contract is rejected, not sent.
  writeFileBytes(tree_.root / "erp/bad.json", R"({"invoiceNumber": "INV-10"})");
  ASSERT_TRUE(pipeline->runUntilIdle().isOk());
  EXPECT_EQ(BridgeTree::filesUnder(tree_.outbound).size(), 1u);
  const std::string trace = traceOf(*pipeline, spool::ItemState::kRejected);
  EXPECT_NE(trace.find("input is not a valid invoice.v1"), std::string::npos) << trace;
}

TEST_F(DaemonMappingTest, ReloadKeepsTheRunningSetUnlessEverythingPasses) {
  auto pipeline = open(config());
  ASSERT_NE(pipeline, nullptr);
  const std::string firstHash = pipeline->mappings().find("supplier-order")->hash;

  // A mapping that no longer passes its test: the reload is refused.
  std::string broken = kOrderMapping;
  broken.replace(broken.find("BEG03"), 5, "BEG02");
  writeFileBytes(mappings_ / "supplier-order.yaml", broken);
  pipeline->reloadMappings();
  EXPECT_EQ(pipeline->mappings().version, 1u);
  EXPECT_EQ(pipeline->mappings().find("supplier-order")->hash, firstHash);

  // A change that passes (a new version string only) is activated as version 2.
  std::string next = kOrderMapping;
  next.replace(next.find("2.1.0"), 5, "2.2.0");
  writeFileBytes(mappings_ / "supplier-order.yaml", next);
  pipeline->reloadMappings();
  EXPECT_EQ(pipeline->mappings().version, 2u);
  EXPECT_EQ(pipeline->mappings().find("supplier-order")->version, "2.2.0");

  // Rollback: version 1 pinned; a reload keeps it.
  mappings::MappingVersions versions(tree_.spool / "mappings");
  ASSERT_TRUE(versions.setActive(1, true).isOk());
  pipeline->reloadMappings();
  EXPECT_EQ(pipeline->mappings().version, 1u);
  EXPECT_EQ(pipeline->mappings().find("supplier-order")->version, "2.1.0");
  pipeline->reloadMappings();
  EXPECT_EQ(pipeline->mappings().version, 1u);

  // A restart comes back on the pinned version too.
  pipeline.reset();
  auto restarted = open(config());
  ASSERT_NE(restarted, nullptr);
  EXPECT_EQ(restarted->mappings().version, 1u);
}

TEST_F(DaemonMappingTest, ARouteNamingAnUnknownMappingStopsTheStart) {
  config::BridgeConfig c = config();
  c.routes[0].mapping = "no-such-mapping";
  daemon::PipelineOptions options;
  options.registry = &registry_;
  auto pipeline = daemon::Pipeline::create(disk_, c, options);
  ASSERT_FALSE(pipeline.isOk());
  EXPECT_NE(pipeline.status().message().find("does not have: no-such-mapping"), std::string::npos)
      << pipeline.status().message();
}

}  // namespace
}  // namespace bridge

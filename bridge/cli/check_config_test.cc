#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridge/cli/commands.h"
#include "bridge/cli/subcommands.h"
#include "bridge/config/bridge_config.h"

namespace bridge::cli {
namespace {

namespace fs = std::filesystem;

struct CheckRun {
  int code = -1;
  std::string out;
  std::string err;
};

CheckRun checkConfig(const Args& args) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  CheckRun run;
  run.code = checkConfigCommand(args, Streams{in, out, err});
  run.out = out.str();
  run.err = err.str();
  return run;
}

// A fresh directory per test, named after it.
fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("check_config_" + std::string(info->name()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

const std::string kPartners = EDI_SOURCE_DIR "/samples/partners";

std::string goodConfig() {
  return "spool:\n"
         "  directory: spool\n"
         "schemas: " EDI_SCHEMA_DIR
         "\n"
         "partners: " +
         kPartners +
         "\n"
         "sources:\n"
         "  - {name: suppliers, type: directory, path: inbound/suppliers}\n"
         "  - {name: customers, type: directory, path: inbound/customers}\n"
         "targets:\n"
         "  - {name: erp-events, type: event-log, path: events}\n"
         "  - name: partner-outbound\n"
         "    type: folder\n"
         "    path: outbound\n"
         "    partner_file_names: {abcco: \"ABCCO/{kind}_{control}.{ext}\"}\n"
         "routes:\n"
         "  - name: supplier-orders\n"
         "    match: {source: suppliers, partner: abcco, standard: x12, set: \"850\"}\n"
         "    targets: [erp-events]\n"
         "acks:\n"
         "  partners: {company-orders: partner-outbound}\n";
}

TEST(CheckConfig, AGoodConfigurationIsOkAndNothingIsCreated) {
  const fs::path dir = testDir();
  const std::string file = write(dir / "bridge.yaml", goodConfig());
  CheckRun r = checkConfig({file});
  EXPECT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_EQ(r.out, file + ": ok (2 sources, 2 targets, 1 route, 2 partners)\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1)
      << "check-config creates nothing beside the file";
}

TEST(CheckConfig, PrintsEveryProblemWithItsPosition) {
  const fs::path dir = testDir();
  const std::string file = write(dir / "bridge.yaml",
                                 "spool:\n"
                                 "  directory: spool\n"
                                 "  retry_intial: 2s\n"
                                 "  dead_after: 1 day\n"
                                 "partners: " +
                                     kPartners +
                                     "\n"
                                     "sources:\n"
                                     "  - {name: in, type: directory, path: in}\n"
                                     "  - {name: in, type: directory, path: in2}\n"
                                     "targets:\n"
                                     "  - name: out\n"
                                     "    type: folder\n"
                                     "    path: out\n"
                                     "    file_name: \"{partner}/{controll}.{ext}\"\n"
                                     "routes:\n"
                                     "  - name: orders\n"
                                     "    match: {partner: abco}\n"
                                     "    targets: [outt]\n");
  CheckRun r = checkConfig({file});
  EXPECT_EQ(r.code, kExitUsage);
  const std::string spoolKeys =
      "expected 'directory', 'max_active_items', 'max_active_bytes', 'min_free_bytes', "
      "'max_item_bytes', 'max_attempts', 'retry_initial', 'retry_max' or 'dead_after'";
  EXPECT_EQ(r.out,
            file + ":3:3: unknown key 'retry_intial' in spool; did you mean 'retry_initial'? " +
                spoolKeys + "\n" + file +
                ":4:15: spool 'dead_after' is '1 day'; expected a duration: a whole number and a "
                "unit, ms, s, m, h or d (250ms, 5s, 10m, 2h, 30d)\n" +
                file +
                ":8:12: sources[2] 'name' is 'in', as is sources[1] (line 7); names of sources "
                "must be unique\n" +
                file +
                ":13:16: targets[1] 'file_name' uses the unknown field {controll}; did you mean "
                "{control}? expected {partner}, {kind}, {standard}, {set}, {version}, {control}, "
                "{item}, {key} or {ext}\n" +
                file +
                ":16:22: routes[1].match 'partner' names the partner 'abco', which has no profile "
                "in " +
                kPartners +
                "; did you mean 'abcco'? known partners: 'abcco' and 'company-orders'\n" + file +
                ":17:15: routes[1] 'targets' names the target 'outt', which is not in 'targets'; "
                "did you mean 'out'? declared targets: 'out'\n");
  EXPECT_EQ(r.err, "edi-bridge check-config: " + file + ": 6 problems\n");
}

TEST(CheckConfig, JsonListsTheIssuesAndTheCounts) {
  const fs::path dir = testDir();
  const std::string good = write(dir / "good.yaml", goodConfig());
  CheckRun ok = checkConfig({"--json", good});
  EXPECT_EQ(ok.code, kExitOk) << ok.out;
  EXPECT_EQ(nlohmann::json::parse(ok.out), nlohmann::json({{"ok", true},
                                                           {"file", good},
                                                           {"issues", nlohmann::json::array()},
                                                           {"sources", 2},
                                                           {"targets", 2},
                                                           {"routes", 1},
                                                           {"partners", 2}}));

  const std::string bad = write(dir / "bad.yaml", "spool: {directory: s, max_attempts: many}\n");
  CheckRun r = checkConfig({bad, "--json"});
  EXPECT_EQ(r.code, kExitUsage);
  const nlohmann::json report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["issues"],
            nlohmann::json::array({{{"file", bad},
                                    {"line", 1},
                                    {"column", 37},
                                    {"message",
                                     "spool 'max_attempts' is 'many'; expected a whole number "
                                     "from 1 to 1000"}}}));
  for (const char* key : {"sources", "targets", "routes", "partners"})
    EXPECT_TRUE(report[key].is_null()) << key << ": the file did not load";
}

TEST(CheckConfig, ChecksDirectoriesWithoutCreatingThem) {
  const fs::path dir = testDir();
  write(dir / "inbound", "a file where a directory belongs");
  const std::string file = write(dir / "bridge.yaml",
                                 "spool: {directory: spool}\n"
                                 "schemas: no-schemas\n"
                                 "sources: [{name: in, type: directory, path: inbound}]\n"
                                 "targets: [{name: out, type: folder, path: out/}]\n"
                                 "routes: [{name: all, targets: [out]}]\n");
  CheckRun r = checkConfig({file});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.out, file + ":2:10: the configuration 'schemas' is 'no-schemas' (" +
                       (dir / "no-schemas").string() + "), which does not exist\n" + file +
                       ":3:45: sources[1] 'path' is 'inbound' (" + (dir / "inbound").string() +
                       "), which is not a directory\n");
  EXPECT_FALSE(fs::exists(dir / "spool"));
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(CheckConfig, PartnerProfilesThatDoNotLoadAreReportedInTheirFilesAndAtPartners) {
  const fs::path dir = testDir();
  const std::string profile =
      write(dir / "partners" / "acme.yaml", "format: edi-bridge/partner-v1\n");
  const std::string file = write(dir / "bridge.yaml",
                                 "spool: {directory: spool}\n"
                                 "partners: partners\n"
                                 "duplicates: {partners: {acme: 2d}}\n");
  CheckRun r = checkConfig({file});
  EXPECT_EQ(r.code, kExitUsage);
  std::vector<std::string> lines;
  std::istringstream text(r.out);
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  ASSERT_GE(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0], file + ":2:11: the configuration 'partners' is 'partners': " +
                          std::to_string(lines.size() - 1) +
                          " problems in its partner profiles (listed with their files); the "
                          "partners named in this file were not checked");
  for (size_t i = 1; i < lines.size(); ++i)
    EXPECT_EQ(lines[i].rfind(profile + ":", 0), 0u) << lines[i];
}

TEST(CheckConfig, AConfigurationThatCannotBeReadIsAProblemToo) {
  const fs::path dir = testDir();
  const std::string missing = (dir / "missing.yaml").string();
  CheckRun r = checkConfig({missing});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.out.rfind(missing + ": cannot read the file: ", 0), 0u) << r.out;
  const std::string broken = write(dir / "broken.yaml", "spool: [\n");
  CheckRun syntax = checkConfig({broken});
  EXPECT_EQ(syntax.code, kExitUsage);
  EXPECT_NE(syntax.out.find("not valid YAML"), std::string::npos) << syntax.out;
}

TEST(CheckConfig, ReferencePrintsTheGeneratedReference) {
  CheckRun r = checkConfig({"--reference"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, config::configurationReference());
  EXPECT_EQ(checkConfig({"--reference", "bridge.yaml"}).code, kExitUsage);
}

TEST(CheckConfig, UsageErrors) {
  for (const Args& args : {Args{}, Args{"a.yaml", "b.yaml"}, Args{"-"}, Args{"--pretty", "a"}}) {
    CheckRun r = checkConfig(args);
    EXPECT_EQ(r.code, kExitUsage);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("Run 'edi-bridge check-config --help' for usage."), std::string::npos)
        << r.err;
  }
}

TEST(CheckConfig, IsACommandWithHelp) {
  const fs::path dir = testDir();
  const std::string file = write(dir / "bridge.yaml", "spool: {directory: spool}\n");
  std::string words[] = {"edi-bridge", "check-config", file};
  char* argv[] = {words[0].data(), words[1].data(), words[2].data(), nullptr};
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(runCli(3, argv, in, out, err), kExitOk) << err.str();
  EXPECT_EQ(out.str(), file + ": ok (0 sources, 0 targets, 0 routes, 0 partners)\n");

  CheckRun help = checkConfig({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  for (const char* option : {"--json", "--reference", "--help", "/etc/edi-bridge/bridge.yaml"})
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
}

}  // namespace
}  // namespace bridge::cli

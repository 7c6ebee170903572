#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridge/cli/commands.h"
#include "bridge/cli/finding_output.h"

namespace bridge::cli {
namespace {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

CliRun run(std::vector<std::string> words, const std::string& stdinText = "") {
  words.insert(words.begin(), "edi-bridge");
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::istringstream in(stdinText);
  std::ostringstream out;
  std::ostringstream err;
  CliRun result;
  result.code = runCli(static_cast<int>(words.size()), argv.data(), in, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::string tempFile(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "/cli_test_" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

constexpr char kIsa[] =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*"
    "000000001*0*P*>~";
const std::string kValidX12 = std::string(kIsa) +
                              "GS*PO*SENDER*RECEIVER*20240101*1200*7*X*005010~ST*850*0001~"
                              "BEG*00*SA*PO1**20240101~PO1*1*2*EA~SE*4*0001~GE*1*7~"
                              "IEA*1*000000001~";
const std::string kBadCountX12 = std::string(kIsa) +
                                 "\nGS*PO*SENDER*RECEIVER*20240101*1200*7*X*005010~\n"
                                 "ST*850*0001~\nBEG*00*SA*PO1**20240101~\nSE*9*0001~\n"
                                 "GE*1*7~\nIEA*1*000000001~\n";

constexpr char kRenderJson[] = R"({"format":"edi-bridge/parse-v1","interchanges":[{
  "standard":"edifact",
  "delimiters":{"element":"+","component":":","segment":"'","release":"?"},
  "header":{"tag":"UNB","elements":[["UNOC","3"],"S","R",["240101","1200"],"42"]},
  "transactions":[{"header":{"tag":"UNH","elements":["1",["ORDERS","D","96A","UN"]]},
                   "segments":[{"tag":"BGM","elements":["220","PO+1"]}]}]}]})";

TEST(Cli, NoCommandPrintsUsageAndFails) {
  CliRun r = run({});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("Usage: edi-bridge <command>"), std::string::npos);
}

TEST(Cli, PrintsTheVersion) {
  for (const char* word : {"version", "--version"}) {
    CliRun r = run({word});
    EXPECT_EQ(r.code, 0) << word;
    ASSERT_EQ(r.out.rfind("edi-bridge ", 0), 0u) << r.out;
    const std::string version = r.out.substr(11);
    EXPECT_EQ(std::count(version.begin(), version.end(), '.'), 2) << r.out;
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(version[0]))) << r.out;
    EXPECT_EQ(version.back(), '\n');
  }
}

TEST(Cli, HelpListsEveryCommand) {
  for (const char* word : {"--help", "-h", "help"}) {
    CliRun r = run({word});
    EXPECT_EQ(r.code, 0) << word;
    for (const char* command : {"parse", "render", "validate", "ack", "check-config", "run",
                                "spool", "version", "help"}) {
      EXPECT_NE(r.out.find("  " + std::string(command) + " "), std::string::npos) << command;
    }
  }
}

TEST(Cli, CommandHelpNamesEveryOption) {
  const std::vector<std::pair<std::string, std::string>> options = {{"parse", "--pretty"},
                                                                    {"render", "--line-breaks"},
                                                                    {"validate", "--json"},
                                                                    {"run", "--once"},
                                                                    {"spool", "--older-than"}};
  for (const auto& [command, option] : options) {
    CliRun r = run({command, "--help"});
    EXPECT_EQ(r.code, 0) << command;
    EXPECT_NE(r.out.find("Usage: edi-bridge " + command), std::string::npos);
    EXPECT_NE(r.out.find(option), std::string::npos) << command;
    EXPECT_NE(r.out.find("--help"), std::string::npos) << command;
    EXPECT_EQ(run({"help", command}).out, r.out);
  }
  EXPECT_EQ(run({"version", "--help"}).code, 0);
}

TEST(Cli, UnknownCommandIsAUsageError) {
  CliRun r = run({"frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_NE(r.err.find("edi-bridge --help"), std::string::npos);
  EXPECT_EQ(run({"--frobnicate"}).code, 2);
  EXPECT_EQ(run({"help", "frobnicate"}).code, 2);
}

TEST(Cli, UnknownOptionIsAUsageError) {
  CliRun r = run({"parse", "--prety", "x.edi"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown option '--prety'"), std::string::npos);
  EXPECT_NE(r.err.find("edi-bridge parse --help"), std::string::npos);
  EXPECT_EQ(run({"validate", "--pretty", "x.edi"}).code, 2);
  EXPECT_EQ(run({"render", "--json", "-"}).code, 2);
  EXPECT_EQ(run({"render", "--line-breaks=yes", "-"}).code, 2);
}

TEST(Cli, WrongNumberOfFilesIsAUsageError) {
  EXPECT_EQ(run({"parse"}).code, 2);
  EXPECT_EQ(run({"parse", "a", "b"}).code, 2);
  EXPECT_EQ(run({"render"}).code, 2);
  EXPECT_EQ(run({"validate"}).code, 2);
  EXPECT_EQ(run({"version", "extra"}).code, 2);
}

TEST(Cli, UnreadableFilesExitTwo) {
  const std::string missing = ::testing::TempDir() + "/cli_test_does_not_exist.edi";
  CliRun parse = run({"parse", missing});
  EXPECT_EQ(parse.code, 2);
  EXPECT_NE(parse.err.find("cannot open"), std::string::npos) << parse.err;
  EXPECT_TRUE(parse.out.empty()) << "no JSON for a file that cannot be opened";
  EXPECT_EQ(run({"render", missing}).code, 2);
  CliRun dir = run({"parse", ::testing::TempDir()});
  EXPECT_EQ(dir.code, 2);
  EXPECT_NE(dir.err.find("directory"), std::string::npos) << dir.err;
}

TEST(Cli, ValidateGoesOnAfterAnUnreadableFile) {
  const std::string missing = ::testing::TempDir() + "/cli_test_does_not_exist.edi";
  const std::string good = tempFile("good.edi", kValidX12);
  CliRun r = run({"validate", missing, good, "--json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(missing), std::string::npos);
  EXPECT_TRUE(nlohmann::json::parse(r.out).is_array()) << r.out;
}

TEST(Cli, RendersJsonFromStandardInput) {
  CliRun r = run({"render", "-"}, kRenderJson);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "UNB+UNOC:3+S+R+240101:1200+42'UNH+1+ORDERS:D:96A:UN'BGM+220+PO?+1'UNT+3+1'"
            "UNZ+1+42'");
  CliRun lines = run({"render", "--line-breaks", "-"}, kRenderJson);
  EXPECT_EQ(lines.out.substr(0, 31), "UNB+UNOC:3+S+R+240101:1200+42'\n");
}

TEST(Cli, RendersJsonFromAFile) {
  CliRun r = run({"render", tempFile("render.json", kRenderJson)});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("UNZ+1+42'"), std::string::npos);
}

TEST(Cli, RenderRejectsBadJsonWithItsPointer) {
  std::string json = kRenderJson;
  json.replace(json.find("\"220\""), 5, "220");
  CliRun r = run({"render", "-"}, json);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("<stdin>: /interchanges/0/transactions/0/segments/0/elements/0: "),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run({"render", "-"}, "not json").code, 1);
}

TEST(Cli, FormatsAFindingLine) {
  core::Finding finding;
  finding.severity = core::Severity::kError;
  finding.code = "X12_SE01_COUNT";
  finding.message = "SE01 says 9 segments, the transaction has 3";
  finding.location.line = 5;
  finding.location.segmentIndex = 5;
  finding.location.segmentTag = "SE";
  finding.location.element = 1;
  EXPECT_EQ(formatFinding("a.edi", finding),
            "a.edi:5: error X12_SE01_COUNT: SE01 says 9 segments, the transaction has 3 "
            "[segment 5 (SE), element 1]");
  core::Finding bare;
  bare.severity = core::Severity::kWarning;
  bare.code = "C";
  bare.message = "m";
  EXPECT_EQ(formatFinding("b.edi", bare), "b.edi: warning C: m");
  nlohmann::json json = nlohmann::json::parse(findingJson("a.edi", finding));
  EXPECT_EQ(json["file"], "a.edi");
  EXPECT_EQ(json["severity"], "error");
  EXPECT_EQ(json["segmentTag"], "SE");
  EXPECT_EQ(json["element"], 1);
  EXPECT_TRUE(json.contains("byteOffset"));
}

// The tests below read EDI and need the streaming reader and the envelope
// validator.

TEST(Cli, ParsesStandardInputToJson) {
  CliRun r = run({"parse", "-"}, kValidX12);
  EXPECT_EQ(r.code, 0) << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["format"], "edi-bridge/parse-v1");
  ASSERT_EQ(doc["interchanges"].size(), 1u);
  EXPECT_EQ(doc["interchanges"][0]["groups"][0]["transactions"][0]["segments"][0]["tag"], "BEG");
  CliRun pretty = run({"parse", "--pretty", "-"}, kValidX12);
  EXPECT_EQ(nlohmann::json::parse(pretty.out), doc);
  EXPECT_GT(std::count(pretty.out.begin(), pretty.out.end(), '\n'), 10);
}

TEST(Cli, ParseThenRenderReproducesTheFile) {
  CliRun parsed = run({"parse", "-"}, kValidX12);
  ASSERT_EQ(parsed.code, 0) << parsed.err;
  CliRun rendered = run({"render", "-"}, parsed.out);
  EXPECT_EQ(rendered.code, 0) << rendered.err;
  EXPECT_EQ(rendered.out, kValidX12);
}

TEST(Cli, ParseOfNonEdiReportsAFindingAndExitsOne) {
  CliRun r = run({"parse", "-"}, "<?xml version=\"1.0\"?><order/>");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("<stdin>"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": error "), std::string::npos) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out).is_object());
}

TEST(Cli, ValidateIsQuietOnAValidFile) {
  CliRun r = run({"validate", tempFile("valid.edi", kValidX12)});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Cli, ValidatePrintsOneLinePerFinding) {
  const std::string path = tempFile("bad_count.edi", kBadCountX12);
  CliRun r = run({"validate", path});
  EXPECT_EQ(r.code, 1) << r.err;
  const std::string prefix = path + ":5: error ";
  const std::string suffix = " [segment 5 (SE), element 1]";
  bool found = false;
  std::istringstream lines(r.out);
  for (std::string text; std::getline(lines, text);) {
    found = found || (text.rfind(prefix, 0) == 0 && text.size() > suffix.size() &&
                      text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0);
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(Cli, ValidatePrintsJsonOnRequest) {
  CliRun r = run({"validate", "--json", "-"}, kBadCountX12);
  EXPECT_EQ(r.code, 1);
  nlohmann::json findings = nlohmann::json::parse(r.out);
  ASSERT_TRUE(findings.is_array());
  ASSERT_FALSE(findings.empty());
  const nlohmann::json& first = findings[0];
  for (const char* key : {"file", "severity", "code", "message", "byteOffset", "line",
                          "segmentIndex", "transactionSegment", "segmentTag", "element",
                          "component", "repetition", "loopId", "elementReference", "value"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first["file"], "<stdin>");
  EXPECT_EQ(run({"validate", "--json", "-"}, kValidX12).out, "[]\n");
}

TEST(Cli, ValidateChecksSchemasUnlessEnvelopeOnly) {
  // BEG01 "99" is not a transaction set purpose code; the envelope is fine.
  std::string text = kValidX12;
  text.replace(text.find("BEG*00"), 6, "BEG*99");
  const std::string path = tempFile("bad_code.edi", text);
  CliRun r = run({"validate", "--json", path});
  EXPECT_EQ(r.code, 1) << r.err;
  nlohmann::json findings = nlohmann::json::parse(r.out);
  ASSERT_EQ(findings.size(), 1u) << r.out;
  EXPECT_EQ(findings[0]["code"], "SCHEMA_INVALID_CODE");
  EXPECT_EQ(findings[0]["segmentTag"], "BEG");
  EXPECT_EQ(findings[0]["element"], 1);
  EXPECT_EQ(findings[0]["elementReference"], "353");
  EXPECT_EQ(findings[0]["value"], "99");
  EXPECT_EQ(findings[0]["transactionSegment"], 2);

  CliRun envelopeOnly = run({"validate", "--envelope-only", path});
  EXPECT_EQ(envelopeOnly.code, 0) << envelopeOnly.out;
  EXPECT_EQ(envelopeOnly.out, "");
}

TEST(Cli, ValidateRefusesAnUnknownPartnerOrSchemaDirectoryProblems) {
  CliRun noDirectory = run({"validate", "--partner", "acme", "-"}, kValidX12);
  EXPECT_EQ(noDirectory.code, 2);
  EXPECT_NE(noDirectory.err.find("--partner acme needs --partners DIR"), std::string::npos)
      << noDirectory.err;
  CliRun unknown = run(
      {"validate", "--partners", EDI_SOURCE_DIR "/samples/partners", "--partner", "nobody", "-"},
      kValidX12);
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("no partner profile 'nobody'"), std::string::npos) << unknown.err;
}

TEST(Cli, AckWritesA999ForA005010GroupAndRejectsABadTransaction) {
  const std::string counters = ::testing::TempDir() + "/cli_test_counters";
  std::remove(counters.c_str());
  CliRun good = run({"ack", "--counters", counters, "-"}, kValidX12);
  EXPECT_EQ(good.code, 0) << good.err;
  EXPECT_NE(good.out.find("GS*FA*RECEIVER*SENDER*"), std::string::npos) << good.out;
  EXPECT_NE(good.out.find("ST*999*0001*005010X231A1~AK1*PO*7*005010~AK2*850*0001~IK5*A~"
                          "AK9*A*1*1*1~"),
            std::string::npos)
      << good.out;

  std::string text = kValidX12;
  text.replace(text.find("BEG*00"), 6, "BEG*99");
  CliRun bad = run({"ack", "--counters", counters, "-"}, text);
  EXPECT_EQ(bad.code, 1) << bad.err;
  EXPECT_NE(bad.out.find("IK3*BEG*2**8~IK4*1*353*7*99~IK5*R*5~AK9*R*1*1*0~"), std::string::npos)
      << bad.out;
  // Control numbers go on from the counter file.
  EXPECT_NE(bad.out.find("*000000002*0*P*"), std::string::npos) << bad.out;
}

// The real binary, on input that is not EDI at all: an exit code, never a
// signal.
TEST(CliBinary, NeverExitsBySignal) {
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919) % 256);
  const std::string path = tempFile("noise.bin", noise);
  for (const char* command : {"parse", "validate", "render"}) {
    const std::string line =
        std::string(EDI_BRIDGE_BINARY) + " " + command + " " + path + " >/dev/null 2>&1";
    const int status = std::system(line.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << command;
    EXPECT_EQ(WEXITSTATUS(status), 1) << command;
  }
}

}  // namespace
}  // namespace bridge::cli

#include "mappings/engine/mapping_tests.h"

#include <fstream>
#include <sstream>

#include "bridge/config/yaml_reader.h"

namespace bridge::mappings {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr uint64_t kMaxTestInputBytes = 64ull << 20;

bool readFile(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return out.size() <= kMaxTestInputBytes;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

struct Test {
  std::string name;
  fs::path input;
  fs::path expect;
  std::vector<std::string> expectProblems;
  std::string roundTrip;
};

// Translates with the fixed outbound envelope, so expected EDI is stable.
core::Result<std::vector<Translation>> run(const Mapping& mapping, const std::string& input,
                                           const std::string& name,
                                           const TranslationContext& base) {
  TranslationContext context = base;
  FixedOutbound fixed = fixedOutbound(mapping);
  SequentialNumbers numbers;
  if (mapping.target.isEdi()) {
    context.envelope = &fixed.envelope;
    context.numbers = &numbers;
    context.now = fixed.now;
  }
  return translateInput(mapping, input, name, context);
}

std::string joinedOutput(const std::vector<Translation>& translations) {
  std::string out;
  for (const auto& t : translations) out += t.output;
  return out;
}

std::string joinedProblems(const std::vector<Translation>& translations) {
  std::string out;
  for (const auto& t : translations) {
    for (const auto& problem : t.problems) out += "  " + t.label + ": " + problem + "\n";
  }
  return out;
}

MappingTestOutcome runOne(const MappingSet& set, const Mapping& mapping, const Test& test,
                          const TranslationContext& context, bool update) {
  MappingTestOutcome outcome{mapping.name, test.name, false, ""};
  std::string input;
  if (!readFile(test.input, input)) {
    outcome.detail = "cannot read the input '" + test.input.string() + "'";
    return outcome;
  }
  auto translations = run(mapping, input, test.input.string(), context);
  if (!translations) {
    if (!test.expectProblems.empty()) {
      for (const auto& wanted : test.expectProblems) {
        if (translations.status().message().find(wanted) == std::string::npos) {
          outcome.detail = "expected a problem mentioning '" + wanted +
                           "', got: " + translations.status().message();
          return outcome;
        }
      }
      outcome.passed = true;
      return outcome;
    }
    outcome.detail = translations.status().message();
    return outcome;
  }
  const std::string problems = joinedProblems(*translations);
  if (!test.expectProblems.empty()) {
    for (const auto& wanted : test.expectProblems) {
      if (problems.find(wanted) == std::string::npos) {
        outcome.detail = "expected a problem mentioning '" + wanted + "'; the problems were:\n" +
                         (problems.empty() ? "  (none)\n" : problems);
        return outcome;
      }
    }
    outcome.passed = true;
    return outcome;
  }
  if (!problems.empty()) {
    outcome.detail = "the translation reported problems:\n" + problems;
    return outcome;
  }
  const std::string actual = joinedOutput(*translations);
  if (!test.expect.empty()) {
    std::string expected;
    const bool readable = readFile(test.expect, expected);
    if (update && (!readable || expected != actual)) {
      std::error_code error;
      fs::create_directories(test.expect.parent_path(), error);
      std::ofstream out(test.expect, std::ios::binary | std::ios::trunc);
      out << actual;
      expected = actual;
      if (!out.flush()) {
        outcome.detail = "cannot write '" + test.expect.string() + "'";
        return outcome;
      }
    } else if (!readable) {
      outcome.detail = "cannot read the expected output '" + test.expect.string() + "'";
      return outcome;
    }
    if (expected != actual) {
      outcome.detail =
          "the output differs from " + test.expect.string() + ":\n" + lineDiff(expected, actual);
      return outcome;
    }
  }
  if (!test.roundTrip.empty()) {
    const Mapping* back = set.find(test.roundTrip);
    if (back == nullptr) {
      outcome.detail = "round_trip names mapping '" + test.roundTrip + "', which is not in the set";
      return outcome;
    }
    auto returned = run(*back, actual, test.input.string() + " (translated)", context);
    if (!returned) {
      outcome.detail = "reading the output back with " + test.roundTrip +
                       " failed: " + returned.status().message();
      return outcome;
    }
    const std::string backProblems = joinedProblems(*returned);
    if (!backProblems.empty() || returned->size() != 1) {
      outcome.detail =
          "reading the output back with " + test.roundTrip + " gave:\n" +
          (backProblems.empty() ? "  " + std::to_string(returned->size()) + " documents\n"
                                : backProblems);
      return outcome;
    }
    json original;
    try {
      original = json::parse(input);
    } catch (const json::exception& error) {
      outcome.detail = std::string("round_trip needs a JSON input: ") + error.what();
      return outcome;
    }
    if (original != returned->front().document) {
      outcome.detail = "the round trip through " + test.roundTrip + " changed the document:\n" +
                       lineDiff(original.dump(2), returned->front().document.dump(2));
      return outcome;
    }
  }
  outcome.passed = true;
  return outcome;
}

std::vector<Test> readTests(const fs::path& file, std::string& error) {
  std::vector<Test> tests;
  config::YamlIssues issues;
  auto root = config::loadYamlFile(file, issues);
  if (!root) {
    error = issues.describe();
    return tests;
  }
  config::YamlValues values(file.string(), issues);
  config::MapReader top(*root, "tests file", values);
  const YAML::Node list = top.get("tests", true);
  top.finish();
  for (size_t i = 0; list.IsSequence() && i < list.size(); ++i) {
    config::MapReader reader(list[i], "tests[" + std::to_string(i + 1) + "]", values);
    if (!reader.valid()) continue;
    Test test;
    test.name = reader.string("name", true).value_or("");
    test.input = file.parent_path() / reader.string("input", true).value_or("");
    if (auto expect = reader.string("expect")) test.expect = file.parent_path() / *expect;
    if (auto problems = reader.stringList("expect_problems")) test.expectProblems = *problems;
    test.roundTrip = reader.string("round_trip").value_or("");
    if (test.expect.empty() && test.expectProblems.empty() && test.roundTrip.empty()) {
      values.error(list[i], "test '" + test.name +
                                "' checks nothing; give expect, expect_problems or round_trip");
    }
    reader.finish();
    tests.push_back(std::move(test));
  }
  if (!list.IsSequence() && list) values.error(list, "'tests' must be a list");
  if (!issues.empty()) {
    error = issues.describe();
    tests.clear();
  }
  return tests;
}

}  // namespace

std::string lineDiff(const std::string& expected, const std::string& actual) {
  const auto a = splitLines(expected);
  const auto b = splitLines(actual);
  // Longest common subsequence; test outputs are small (a few hundred lines).
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::pair<char, std::string>> ops;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ops.emplace_back(' ', a[i++]);
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.emplace_back('+', b[j++]);
    } else {
      ops.emplace_back('-', a[i++]);
    }
  }
  constexpr size_t kContext = 2;
  std::string out;
  size_t lastShown = 0;
  bool any = false;
  for (size_t k = 0; k < ops.size(); ++k) {
    bool near = false;
    for (size_t d = (k >= kContext ? k - kContext : 0); d <= std::min(ops.size() - 1, k + kContext);
         ++d) {
      near = near || ops[d].first != ' ';
    }
    if (!near) continue;
    if (any && k > lastShown + 1) out += "  ...\n";
    out += std::string(1, ops[k].first) + " " + ops[k].second + "\n";
    lastShown = k;
    any = true;
  }
  return out;
}

std::vector<MappingTestOutcome> runMappingTests(const MappingSet& set,
                                                const std::vector<std::string>& names,
                                                const TranslationContext& context, bool update) {
  std::vector<MappingTestOutcome> outcomes;
  std::vector<std::string> wanted = names;
  if (wanted.empty()) {
    for (const auto& [name, mapping] : set.mappings) wanted.push_back(name);
  }
  for (const std::string& name : wanted) {
    const Mapping* mapping = set.find(name);
    if (mapping == nullptr) {
      outcomes.push_back(
          {name, "", false, "no mapping named '" + name + "' in " + set.directory.string()});
      continue;
    }
    auto testFile = set.testFiles.find(name);
    if (testFile == set.testFiles.end()) {
      outcomes.push_back({name, "", false,
                          "the mapping has no tests; add " +
                              fs::path(mapping->file).replace_extension(".tests.yaml").string()});
      continue;
    }
    std::string error;
    const auto tests = readTests(testFile->second, error);
    if (!error.empty()) {
      outcomes.push_back({name, "", false, error});
      continue;
    }
    if (tests.empty()) {
      outcomes.push_back({name, "", false, testFile->second.string() + " holds no test"});
      continue;
    }
    for (const Test& test : tests) outcomes.push_back(runOne(set, *mapping, test, context, update));
  }
  return outcomes;
}

}  // namespace bridge::mappings

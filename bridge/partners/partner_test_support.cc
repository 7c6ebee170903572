#include "bridge/partners/partner_test_support.h"

#include <gtest/gtest.h>

#include <fstream>

#include "bridge/partners/partner_loader.h"

namespace bridge::partners::testing {

std::vector<std::string> described(const config::YamlIssues& issues) {
  std::vector<std::string> out;
  for (const config::YamlIssue& issue : issues.list()) out.push_back(issue.describe());
  return out;
}

std::vector<std::string> profileProblems(std::string_view text, const std::string& file) {
  config::YamlIssues issues;
  const bool loaded = loadPartnerProfileText(text, file, issues).has_value();
  EXPECT_EQ(loaded, issues.empty()) << "a profile is returned exactly when nothing is wrong";
  return described(issues);
}

std::filesystem::path freshDirectory(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void writeFile(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace bridge::partners::testing

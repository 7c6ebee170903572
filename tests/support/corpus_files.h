// The X12 and EDIFACT files of the public corpus (tests/data/corpus), for
// tests that run every one of them through the same check. Sorted, so that
// test names and their order do not depend on the file system.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bridge::testing {

// "x12/nodex12_850.edi", relative to tests/data/corpus.
inline std::vector<std::string> corpusEdiFiles() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const char* dir : {"x12", "edifact"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(EDI_TEST_DATA_DIR) / "corpus" / dir)) {
      if (entry.is_regular_file()) {
        files.push_back(std::string(dir) + "/" + entry.path().filename().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The bytes of a file, unchanged (BOMs and CRLF are part of what is tested).
inline std::string readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline std::string corpusFileBytes(const std::string& relative) {
  return readBytes(std::filesystem::path(EDI_TEST_DATA_DIR) / "corpus" / relative);
}

// A GoogleTest parameter name from a corpus path: letters and digits kept,
// everything else '_'.
inline std::string corpusTestName(const std::string& relative) {
  std::string name = relative;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace bridge::testing

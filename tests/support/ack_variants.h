// The hand-written invalid inputs of tests/ack_variants (see its README.md).
//
// A variant is <dir>/<place>-<code>-<short-name>.edi: the directory names the
// acknowledgement kind (x12-997, x12-999, ta1, contrl), the place the element
// or segment the code must appear in (ak304, ik403, ta105, ucd, ...) and the
// code the acknowledgement code itself. The name carries the expectation so
// that adding a variant needs no change to the test.
#pragma once

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bridge::testing {

struct AckVariant {
  std::filesystem::path edi;  // the input; the expected ack is beside it as .ack
  std::string kind;           // x12-997, x12-999, ta1, contrl
  std::string place;          // ak304, ik304, ak403, ik403, ak502, ik502, ak905, ta105, uci ...
  std::string code;           // the acknowledgement code the variant must produce
  std::string label() const { return kind + "/" + edi.stem().string(); }
};

inline const std::filesystem::path& ackVariantRoot() {
  static const std::filesystem::path root =
      std::filesystem::path(EDI_SOURCE_DIR) / "tests" / "ack_variants";
  return root;
}

inline const std::vector<std::string>& ackVariantKinds() {
  static const std::vector<std::string> kinds = {"x12-997", "x12-999", "ta1", "contrl"};
  return kinds;
}

// "ak304-5-segment-over-max" -> place ak304, code 5; nullopt when the name
// does not have the three parts.
inline std::optional<AckVariant> parseAckVariant(const std::string& kind,
                                                 const std::filesystem::path& edi) {
  const std::string stem = edi.stem().string();
  const size_t first = stem.find('-');
  if (first == std::string::npos) return std::nullopt;
  const size_t second = stem.find('-', first + 1);
  if (second == std::string::npos || second == first + 1 || second + 1 == stem.size()) {
    return std::nullopt;
  }
  return AckVariant{edi, kind, stem.substr(0, first), stem.substr(first + 1, second - first - 1)};
}

// Every .edi file under the kind directories, in name order. Files whose name
// does not parse come back with an empty place, for the test to report.
inline std::vector<AckVariant> ackVariants() {
  std::vector<AckVariant> out;
  for (const std::string& kind : ackVariantKinds()) {
    const std::filesystem::path dir = ackVariantRoot() / kind;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".edi") continue;
      out.push_back(
          parseAckVariant(kind, entry.path()).value_or(AckVariant{entry.path(), kind, "", ""}));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const AckVariant& a, const AckVariant& b) { return a.edi < b.edi; });
  return out;
}

}  // namespace bridge::testing

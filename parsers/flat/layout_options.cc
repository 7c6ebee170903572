#include "parsers/flat/layout_options.h"

#include <string>

namespace bridge::parsers::flat {

std::string_view lineEndingBytes(LineEnding ending) {
  return ending == LineEnding::kCrLf ? "\r\n" : "\n";
}

std::optional<TextEncoding> readEncoding(config::MapReader& map, std::string_view key) {
  const auto name = map.oneOf(key, {"utf-8", "latin-1", "windows-1252"});
  if (!name) return std::nullopt;
  if (*name == "latin-1") return TextEncoding::kLatin1;
  if (*name == "windows-1252") return TextEncoding::kWindows1252;
  return TextEncoding::kUtf8;
}

std::optional<LineEnding> readLineEnding(config::MapReader& map, std::string_view key) {
  const auto name = map.oneOf(key, {"crlf", "lf"});
  if (!name) return std::nullopt;
  return *name == "crlf" ? LineEnding::kCrLf : LineEnding::kLf;
}

std::optional<char> readAsciiCharacter(config::MapReader& map, std::string_view owner,
                                       std::string_view key,
                                       const std::vector<CharacterWord>& words) {
  const YAML::Node node = map.get(key);
  if (!node.IsDefined()) return std::nullopt;
  const std::string what = std::string(owner) + " '" + std::string(key) + "'";
  const auto text = map.values().string(node, what);
  if (!text) return std::nullopt;
  for (const CharacterWord& word : words) {
    if (*text == word.word) return word.character;
  }
  if (text->size() == 1) {
    const auto c = static_cast<unsigned char>((*text)[0]);
    if (c < 0x80 && c != '\r' && c != '\n') return static_cast<char>(c);
  }
  std::string expected = "one ASCII character other than CR and LF";
  for (size_t i = 0; i < words.size(); ++i) {
    expected += i + 1 == words.size() ? " or '" : ", '";
    expected += words[i].word;
    expected += "'";
  }
  map.values().error(node, what + " is " + config::describeNode(node) + "; expected " + expected);
  return std::nullopt;
}

}  // namespace bridge::parsers::flat

// Settings that the CSV, fixed-width and XML layouts share, and how they are
// read from a layout's YAML: the file encoding, the line ending writers use,
// and single ASCII characters (delimiters, quotes, padding).
//
// Thread-safety: pure functions over the caller's YamlValues.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "parsers/flat/text_encoding.h"

namespace bridge::parsers::flat {

enum class LineEnding { kCrLf, kLf };

// "\r\n" or "\n".
std::string_view lineEndingBytes(LineEnding ending);

// `key` as 'utf-8', 'latin-1' or 'windows-1252'; nullopt when absent or wrong
// (a wrong value is reported).
std::optional<TextEncoding> readEncoding(config::MapReader& map, std::string_view key);

// `key` as 'crlf' or 'lf'; nullopt when absent or wrong (reported).
std::optional<LineEnding> readLineEnding(config::MapReader& map, std::string_view key);

// A word that stands for a character a YAML file cannot show well ("tab").
struct CharacterWord {
  std::string_view word;
  char character;
};

// `key` as one ASCII character other than CR and LF, or one of `words`;
// nullopt when absent or wrong (reported). `owner` names the map in messages
// ("csv").
std::optional<char> readAsciiCharacter(config::MapReader& map, std::string_view owner,
                                       std::string_view key,
                                       const std::vector<CharacterWord>& words);

}  // namespace bridge::parsers::flat

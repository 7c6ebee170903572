#include "parsers/schema/notes.h"

#include <algorithm>

namespace bridge::parsers::schema {
namespace {

constexpr char kX12Form[] =
    "expected a letter P, R, E, C or L followed by two-digit positions, as P0405";
constexpr char kEdifactForm[] =
    "expected D1 to D7 followed by three-digit positions in brackets, as D3(010,020)";

std::optional<NoteRule> x12Rule(char letter) {
  switch (letter) {
    case 'P':
      return NoteRule::kPaired;
    case 'R':
      return NoteRule::kRequired;
    case 'E':
      return NoteRule::kExclusion;
    case 'C':
      return NoteRule::kConditional;
    case 'L':
      return NoteRule::kListConditional;
    default:
      return std::nullopt;
  }
}

std::optional<NoteRule> edifactRule(char digit) {
  switch (digit) {
    case '1':
      return NoteRule::kOneOnly;
    case '2':
      return NoteRule::kPaired;
    case '3':
      return NoteRule::kRequired;
    case '4':
      return NoteRule::kExclusion;
    case '5':
      return NoteRule::kConditional;
    case '6':
      return NoteRule::kListConditional;
    case '7':
      return NoteRule::kIfFirstNone;
    default:
      return std::nullopt;
  }
}

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

uint32_t toNumber(std::string_view digits) {
  uint32_t number = 0;
  for (char c : digits) number = number * 10 + static_cast<uint32_t>(c - '0');
  return number;
}

// X12: the letter, then two digits per position.
bool parseX12(std::string_view text, Note& note, std::string& error) {
  std::string_view digits = text.size() > 1 ? text.substr(1) : std::string_view();
  auto rule = text.empty() ? std::nullopt : x12Rule(text[0]);
  if (!rule || !allDigits(digits) || digits.size() % 2 != 0) {
    error = kX12Form;
    return false;
  }
  note.rule = *rule;
  for (size_t i = 0; i < digits.size(); i += 2)
    note.positions.push_back(toNumber(digits.substr(i, 2)));
  return true;
}

// EDIFACT: Dn(010,020,...); each position is the index times ten.
bool parseEdifact(std::string_view text, Note& note, std::string& error) {
  auto rule = text.size() > 4 && text[0] == 'D' ? edifactRule(text[1]) : std::nullopt;
  if (!rule || text[2] != '(' || text.back() != ')') {
    error = kEdifactForm;
    return false;
  }
  note.rule = *rule;
  std::string_view list = text.substr(3, text.size() - 4);
  while (true) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    if (item.size() != 3 || !allDigits(item)) {
      error = kEdifactForm;
      return false;
    }
    uint32_t number = toNumber(item);
    if (number % 10 != 0) {
      error = "position " + std::string(item) +
              " is not a multiple of 10; EDIFACT notes use the positions 010, 020, ...";
      return false;
    }
    note.positions.push_back(number / 10);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return true;
}

}  // namespace

std::optional<Note> parseNote(std::string_view text, edi::Standard standard, size_t positions,
                              std::string_view owner, std::string& error) {
  Note note;
  note.text = std::string(text);
  std::string problem;
  const bool parsed = standard == edi::Standard::kEdifact ? parseEdifact(text, note, problem)
                                                          : parseX12(text, note, problem);
  if (parsed && note.positions.size() < 2) {
    problem = "a note relates at least two positions";
  } else if (parsed) {
    std::vector<uint32_t> sorted = note.positions;
    std::sort(sorted.begin(), sorted.end());
    if (sorted.front() == 0) {
      problem = "position 0 does not exist; positions count from 1";
    } else if (sorted.back() > positions) {
      problem = "it names position " + std::to_string(sorted.back()) + ", but " +
                std::string(owner) + " has " + std::to_string(positions) + " positions";
    } else if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
      problem = "it names a position twice";
    }
  }
  if (problem.empty()) return note;
  error = std::string(owner) + " note '" + std::string(text) + "': " + problem;
  return std::nullopt;
}

}  // namespace bridge::parsers::schema

#include "parsers/schema/notes.h"

#include <gtest/gtest.h>

namespace bridge::parsers::schema {
namespace {

std::string problem(std::string_view text, edi::Standard standard, size_t positions) {
  std::string error;
  auto note = parseNote(text, standard, positions, "segment 'BEG'", error);
  EXPECT_FALSE(note.has_value());
  return error;
}

TEST(SchemaNotes, ReadsEveryX12Rule) {
  const std::pair<const char*, NoteRule> cases[] = {
      {"P0405", NoteRule::kPaired},          {"R0405", NoteRule::kRequired},
      {"E0405", NoteRule::kExclusion},       {"C0405", NoteRule::kConditional},
      {"L0405", NoteRule::kListConditional},
  };
  for (const auto& [text, rule] : cases) {
    std::string error;
    auto note = parseNote(text, edi::Standard::kX12, 5, "segment 'BEG'", error);
    ASSERT_TRUE(note) << text << ": " << error;
    EXPECT_EQ(note->rule, rule);
    EXPECT_EQ(note->positions, (std::vector<uint32_t>{4, 5}));
    EXPECT_EQ(note->text, text);
  }
  std::string error;
  auto list = parseNote("L120304", edi::Standard::kX12, 12, "segment 'X'", error);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->positions, (std::vector<uint32_t>{12, 3, 4}));
}

TEST(SchemaNotes, ReadsEveryEdifactRuleAsIndexTimesTen) {
  const NoteRule rules[] = {NoteRule::kOneOnly,     NoteRule::kPaired,
                            NoteRule::kRequired,    NoteRule::kExclusion,
                            NoteRule::kConditional, NoteRule::kListConditional,
                            NoteRule::kIfFirstNone};
  for (int n = 1; n <= 7; ++n) {
    const std::string text = "D" + std::to_string(n) + "(060,010,020)";
    std::string error;
    auto note = parseNote(text, edi::Standard::kEdifact, 6, "segment 'UCM'", error);
    ASSERT_TRUE(note) << text << ": " << error;
    EXPECT_EQ(note->rule, rules[n - 1]);
    EXPECT_EQ(note->positions, (std::vector<uint32_t>{6, 1, 2}));
  }
}

TEST(SchemaNotes, RefusesMalformedNotesSayingWhatToWrite) {
  const auto x12 = edi::Standard::kX12;
  const auto edifact = edi::Standard::kEdifact;
  EXPECT_EQ(problem("X0405", x12, 5),
            "segment 'BEG' note 'X0405': expected a letter P, R, E, C or L followed by two-digit "
            "positions, as P0405");
  EXPECT_EQ(problem("P045", x12, 5),
            "segment 'BEG' note 'P045': expected a letter P, R, E, C or L followed by two-digit "
            "positions, as P0405");
  EXPECT_EQ(problem("D2(010,020)", x12, 5),
            "segment 'BEG' note 'D2(010,020)': expected a letter P, R, E, C or L followed by "
            "two-digit positions, as P0405");
  EXPECT_EQ(problem("P04", x12, 5),
            "segment 'BEG' note 'P04': a note relates at least two positions");
  EXPECT_EQ(problem("P0415", x12, 5),
            "segment 'BEG' note 'P0415': it names position 15, but segment 'BEG' has 5 positions");
  EXPECT_EQ(problem("P0004", x12, 5),
            "segment 'BEG' note 'P0004': position 0 does not exist; positions count from 1");
  EXPECT_EQ(problem("P0404", x12, 5), "segment 'BEG' note 'P0404': it names a position twice");
  EXPECT_EQ(problem("D8(010,020)", edifact, 5),
            "segment 'BEG' note 'D8(010,020)': expected D1 to D7 followed by three-digit "
            "positions in brackets, as D3(010,020)");
  EXPECT_EQ(problem("D3(10,20)", edifact, 5),
            "segment 'BEG' note 'D3(10,20)': expected D1 to D7 followed by three-digit positions "
            "in brackets, as D3(010,020)");
  EXPECT_EQ(problem("D3(010,025)", edifact, 5),
            "segment 'BEG' note 'D3(010,025)': position 025 is not a multiple of 10; EDIFACT notes "
            "use the positions 010, 020, ...");
  EXPECT_EQ(problem("D3(010,070)", edifact, 5),
            "segment 'BEG' note 'D3(010,070)': it names position 7, but segment 'BEG' has 5 "
            "positions");
  EXPECT_EQ(problem("D3(010)", edifact, 5),
            "segment 'BEG' note 'D3(010)': a note relates at least two positions");
  EXPECT_EQ(problem("P0405", edifact, 5),
            "segment 'BEG' note 'P0405': expected D1 to D7 followed by three-digit positions in "
            "brackets, as D3(010,020)");
}

}  // namespace
}  // namespace bridge::parsers::schema

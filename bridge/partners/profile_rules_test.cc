#include "bridge/partners/profile_rules.h"

#include <gtest/gtest.h>

namespace bridge::partners {
namespace {

TEST(PartnerRules, PartnerIds) {
  EXPECT_FALSE(partnerIdProblem("id", "acme"));
  EXPECT_FALSE(partnerIdProblem("id", "0acme_supply-2"));
  EXPECT_FALSE(partnerIdProblem("id", std::string(64, 'a')));
  const std::string expected =
      "; expected 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit "
      "(e.g. acme-supply)";
  EXPECT_EQ(partnerIdProblem("id", "Acme"), "id is 'Acme'" + expected);
  EXPECT_EQ(partnerIdProblem("id", "-acme"), "id is '-acme'" + expected);
  EXPECT_EQ(partnerIdProblem("id", "ac me"), "id is 'ac me'" + expected);
  EXPECT_EQ(partnerIdProblem("id", ""), "id is ''" + expected);
  EXPECT_TRUE(partnerIdProblem("id", std::string(65, 'a')));
}

TEST(PartnerRules, IsaQualifiersAreTheCodesOfListI05) {
  for (const char* code :
       {"01", "02", "03", "04", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
        "31", "32", "33", "34", "35", "36", "37", "38", "AM", "NR", "SA", "SN", "ZZ"}) {
    EXPECT_FALSE(isaQualifierProblem("q", code)) << code;
  }
  for (const char* bad : {"", "1", "00", "05", "06", "39", "zz", "ZZZ"}) {
    EXPECT_EQ(isaQualifierProblem("q", bad),
              "q is '" + std::string(bad) +
                  "'; expected an ISA05 qualifier of code list I05: 01-04, 07-38, AM, NR, SA, SN "
                  "or ZZ (quote codes with a leading zero: \"01\")");
  }
}

TEST(PartnerRules, IsaIds) {
  EXPECT_FALSE(isaIdProblem("id", "A"));
  EXPECT_FALSE(isaIdProblem("id", "ACME SUPPLY 123"));
  EXPECT_EQ(isaIdProblem("id", "   "),
            "id is blank; expected the partner's ISA06 id, 1-15 characters");
  EXPECT_EQ(isaIdProblem("id", ""),
            "id is blank; expected the partner's ISA06 id, 1-15 characters");
  EXPECT_EQ(isaIdProblem("id", "ACMESUPPLYCOMPANY"),
            "id is 'ACMESUPPLYCOMPANY', 17 characters; expected at most 15 (ISA06 is 15 "
            "characters with the padding)");
  EXPECT_EQ(isaIdProblem("id", "ACME\tX"),
            "id holds a character X12 cannot carry; expected printable ASCII characters only");
  EXPECT_EQ(isaIdProblem("id", "ACME "),
            "id is 'ACME ', which begins or ends with a space; write the id without spaces "
            "around it");
}

TEST(PartnerRules, GsIds) {
  EXPECT_FALSE(gsIdProblem("gs", "AB"));
  EXPECT_FALSE(gsIdProblem("gs", std::string(15, 'A')));
  EXPECT_EQ(gsIdProblem("gs", "A"), "gs is 'A', 1 character; expected 2-15 characters (GS02)");
  EXPECT_EQ(gsIdProblem("gs", std::string(16, 'A')),
            "gs is 'AAAAAAAAAAAAAAAA', 16 characters; expected 2-15 characters (GS02)");
  EXPECT_EQ(gsIdProblem("gs", " AB"),
            "gs is ' AB', which begins or ends with a space; write the id without spaces around "
            "it");
}

TEST(PartnerRules, X12Versions) {
  EXPECT_FALSE(x12VersionProblem("v", "004010"));
  EXPECT_FALSE(x12VersionProblem("v", "005010"));
  for (const char* bad : {"4010", "004010VICS", "00401A", "X04010", ""}) {
    EXPECT_EQ(x12VersionProblem("v", bad),
              "v is '" + std::string(bad) +
                  "'; expected the first six characters of GS08, six digits such as \"004010\" "
                  "or \"005010\" (quoted)");
  }
}

TEST(PartnerRules, EdifactIdsAndQualifiers) {
  EXPECT_FALSE(edifactIdProblem("id", "5412345000013"));
  EXPECT_FALSE(edifactIdProblem("id", std::string(35, 'X')));
  EXPECT_EQ(
      edifactIdProblem("id", std::string(36, 'X')),
      "id is '" + std::string(36, 'X') + "', 36 characters; expected at most 35 (UNB S002 0004)");
  EXPECT_EQ(edifactIdProblem("id", " "),
            "id is blank; expected the partner's UNB id, 1-35 characters");
  EXPECT_EQ(edifactIdProblem("id", "A\nB"),
            "id holds a control character; expected the id as the partner sends it");
  EXPECT_FALSE(edifactQualifierProblem("q", "14"));
  EXPECT_FALSE(edifactQualifierProblem("q", "ZZZZ"));
  EXPECT_EQ(
      edifactQualifierProblem("q", "ZZZZZ"),
      "q is 'ZZZZZ', 5 characters; expected at most 4 (UNB S002 0007, e.g. \"14\" for a GLN)");
  EXPECT_EQ(edifactQualifierProblem("q", ""),
            "q is blank; expected a code of 1-4 characters (UNB S002 0007, e.g. \"14\" for a "
            "GLN), or no 'qualifier' key to match any");
}

TEST(PartnerRules, EdifactVersionsAndSyntax) {
  EXPECT_FALSE(edifactVersionProblem("v", "D96A"));
  EXPECT_FALSE(edifactVersionProblem("v", "S93A"));
  for (const char* bad : {"96A", "D96", "D.96A", "d96a", "D96AB"}) {
    EXPECT_EQ(edifactVersionProblem("v", bad),
              "v is '" + std::string(bad) +
                  "'; expected a directory as UNH writes it in 0052 and 0054 together, such as "
                  "D96A or D01B");
  }
  for (const char* ok : {"UNOA", "UNOB", "UNOC", "UNOD", "UNOE", "UNOF", "UNOG", "UNOH", "UNOI",
                         "UNOJ", "UNOK", "UNOL", "UNOW", "UNOX", "UNOY"}) {
    EXPECT_FALSE(syntaxIdentifierProblem("s", ok)) << ok;
  }
  EXPECT_EQ(syntaxIdentifierProblem("s", "UNOZ"),
            "s is 'UNOZ'; expected one of UNOA-UNOL, UNOW, UNOX or UNOY (e.g. UNOC)");
  EXPECT_TRUE(syntaxIdentifierProblem("s", "KECA"));
  EXPECT_TRUE(syntaxNeedsVersion4("UNOY"));
  EXPECT_TRUE(syntaxNeedsVersion4("UNOW"));
  EXPECT_FALSE(syntaxNeedsVersion4("UNOC"));
}

TEST(PartnerRules, Separators) {
  for (const char* ok : {"*", "~", ">", "^", "'", "+", ":", "|", "!"}) {
    EXPECT_FALSE(separatorProblem("s", ok)) << ok;
  }
  for (const char* bad : {"", "**", "a", "Z", "5", " ", "\t", "\x7f", "\xc3\xa9"}) {
    EXPECT_EQ(separatorProblem("s", bad),
              "s is '" + std::string(bad) +
                  "'; expected one printable character that is not a letter, digit or space, "
                  "quoted (e.g. \"*\")");
  }
}

TEST(PartnerRules, AckDeadlines) {
  EXPECT_EQ(parseAckDeadline("d", "90m").value, std::chrono::minutes(90));
  EXPECT_EQ(parseAckDeadline("d", "24h").value, std::chrono::hours(24));
  EXPECT_EQ(parseAckDeadline("d", "2d").value, std::chrono::hours(48));
  EXPECT_EQ(parseAckDeadline("d", "1m").value, std::chrono::minutes(1));
  EXPECT_FALSE(parseAckDeadline("d", "30d").problem);
  const std::string format =
      "; expected a whole number followed by m, h or d (minutes, hours, days), e.g. 24h";
  for (const char* bad : {"", "h", "24", "24 h", "1.5h", "-1h", "2w", "24H", "1234567890m"}) {
    EXPECT_EQ(parseAckDeadline("d", bad).problem, "d is '" + std::string(bad) + "'" + format)
        << bad;
  }
  EXPECT_EQ(parseAckDeadline("d", "0m").problem, "d is '0m'; expected from 1m to 30d");
  EXPECT_EQ(parseAckDeadline("d", "31d").problem, "d is '31d'; expected from 1m to 30d");
  EXPECT_EQ(parseAckDeadline("d", "721h").problem, "d is '721h'; expected from 1m to 30d");
}

}  // namespace
}  // namespace bridge::partners

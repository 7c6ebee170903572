#include "parsers/ack/file_control_number_source.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace bridge::parsers::ack {
namespace {

namespace fs = std::filesystem;

class FileControlNumberSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("edi-ack-counter-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "counters").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string contents() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(FileControlNumberSourceTest, NumbersPersistAcrossInstances) {
  {
    FileControlNumberSource source(path_);
    EXPECT_EQ(*source.next("x12/ZZ/ACME", ControlKind::kInterchange), 1u);
    EXPECT_EQ(*source.next("x12/ZZ/ACME", ControlKind::kInterchange), 2u);
    EXPECT_EQ(*source.next("x12/ZZ/ACME", ControlKind::kGroup), 1u);
    EXPECT_EQ(*source.next("x12/ZZ/OTHER CO", ControlKind::kInterchange), 1u);
  }
  FileControlNumberSource again(path_);
  EXPECT_EQ(*again.next("x12/ZZ/ACME", ControlKind::kInterchange), 3u);
  EXPECT_EQ(contents(),
            "x12/ZZ/ACME/group 1\nx12/ZZ/ACME/interchange 3\nx12/ZZ/OTHER_CO/interchange 1\n");
  EXPECT_FALSE(fs::exists(path_ + ".tmp"));
}

TEST_F(FileControlNumberSourceTest, NumbersAreNeverReusedByTwoSources) {
  FileControlNumberSource a(path_);
  FileControlNumberSource b(path_);
  std::set<uint64_t> seen;
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(seen.insert(*a.next("p", ControlKind::kTransaction)).second);
    EXPECT_TRUE(seen.insert(*b.next("p", ControlKind::kTransaction)).second);
  }
  EXPECT_EQ(seen.size(), 40u);
}

TEST_F(FileControlNumberSourceTest, WrapsAfterTheLargestNineDigitNumber) {
  std::ofstream(path_) << "p/interchange 999999998\n";
  FileControlNumberSource source(path_);
  EXPECT_EQ(*source.next("p", ControlKind::kInterchange), 999999999u);
  EXPECT_EQ(*source.next("p", ControlKind::kInterchange), 1u);
}

TEST_F(FileControlNumberSourceTest, DamagedFileStopsNumbering) {
  std::ofstream(path_) << "p/interchange twelve\n";
  FileControlNumberSource source(path_);
  core::Result<uint64_t> number = source.next("p", ControlKind::kInterchange);
  ASSERT_FALSE(number.isOk());
  EXPECT_NE(number.status().message().find("repair it"), std::string::npos);
}

}  // namespace
}  // namespace bridge::parsers::ack

// RELIABILITY.md S6 for the directory source: hostile names and special
// files in the watched directory never cause a read or write outside it.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "bridge/core/log.h"
#include "transports/dirwatch/directory_source.h"
#include "transports/safe_names.h"
#include "transports/test_support.h"

namespace bridge::transports {
namespace {

using testing::listTree;
using testing::readFile;
using testing::TempDir;
using testing::TestDisk;
using testing::writeFile;

constexpr const char* kCanary = "CANARY-7f3a-MUST-NEVER-BE-READ";

// Names a file system accepts but isSafeFileName() refuses: control bytes.
std::vector<std::string> refusedNames() {
  return {
      "new\nline.edi",
      "carriage\rreturn.edi",
      "tab\there.edi",
      std::string("soh\x01.edi"),
      "\x1b[31mred\x1b[0m.edi",
      "\x1b]0;title\x07.edi",
      "del\x7f.edi",
      "bell\x07.edi",
      "\n",
      "fake\n2024-01-01T00:00:00.000Z INFO source-file-taken name=x.edi",
      "\x1b[2J",
      "trailing\n",
      "\r\n",
      "vt\x0b.edi",
      "esc\x1b",
      "\x1f unit",
  };
}

// Odd but safe names: handed out with their bytes intact.
std::vector<std::string> takenNames() {
  return {
      "-rf",
      "--help",
      "-",
      " leading space.edi",
      "trailing space.edi ",
      "   ",
      "with space.edi",
      "\"double\".edi",
      "'single'.edi",
      "back\\slash.edi",
      "..\\..\\windows.edi",
      "..evil",
      "a..b",
      "...",
      "....",
      ".hidden",
      "%2e%2e%2f",
      "%2e%2e%2fetc%2fpasswd",
      "..%2f..%2fetc",
      "$(reboot).edi",
      "`id`.edi",
      ";rm -rf ~;.edi",
      "|cat",
      "&amp",
      "*",
      "?",
      "[a-z]",
      "~",
      "~root",
      "name:with:colons",
      "CON",
      "NUL.edi",
      "\xc3\xbcn\xc3\xaf\x63\xc3\xb6\x64\xc3\xa9.edi",
      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e.edi",
      "emoji-\xf0\x9f\x98\x80.edi",
      "\xe2\x80\xaegpj.edi",
      "zero\xe2\x80\x8bwidth.edi",
      "\xff\xfe invalid.edi",
      "\xc0\xaf overlong-slash.edi",
      "\xc0\xae\xc0\xae",
      "\x80",
      "half\xe2\x82.edi",
      "x.tmp",
      std::string(251, 'a') + ".edi",
      std::string(127, 'b') + "\xc3\xa9" + std::string(126, 'c'),
  };
}

class S6_hostile_file_names_source : public ::testing::Test {
 protected:
  void SetUp() override { core::setLogEnabled(false); }
  void TearDown() override { core::setLogEnabled(true); }
};

TEST_F(S6_hostile_file_names_source, NothingOutsideTheRootIsReadHandedOutOrTouched) {
  TempDir base;
  const std::filesystem::path root = base / "in";
  const std::filesystem::path outside = base / "outside";
  const std::filesystem::path archive = base / "archive";
  std::filesystem::create_directories(root);
  std::filesystem::create_directories(outside / "dir");
  writeFile(outside / "canary.txt", kCanary);
  writeFile(outside / "dir" / "canary2.txt", kCanary);

  std::map<std::string, std::string> expected;  // name -> content
  const std::vector<std::string> taken = takenNames();
  const std::vector<std::string> refused = refusedNames();
  ASSERT_GE(taken.size() + refused.size(), 50u);
  for (size_t i = 0; i < taken.size(); ++i) {
    ASSERT_TRUE(isSafeFileName(taken[i])) << i;
    expected[taken[i]] = "payload-" + std::to_string(i);
    writeFile(root / taken[i], expected[taken[i]]);
    ASSERT_TRUE(std::filesystem::is_regular_file(root / taken[i])) << "cannot create name " << i;
  }
  for (const std::string& name : refused) {
    ASSERT_FALSE(isSafeFileName(name));
    writeFile(root / name, "refused");
    ASSERT_TRUE(std::filesystem::is_regular_file(root / name));
  }
  const std::vector<std::pair<std::string, std::filesystem::path>> links = {
      {"link-to-canary.edi", outside / "canary.txt"},
      {"relative-link.edi", "../outside/canary.txt"},
      {"link-to-passwd", "/etc/passwd"},
      {"link-to-dir", outside / "dir"},
      {"subdir", outside / "dir"},
      {"dangling.edi", outside / "missing.txt"},
      {"loop", "loop"},
  };
  for (const auto& [name, target] : links) std::filesystem::create_symlink(target, root / name);
  ASSERT_EQ(::mkfifo((root / "pipe.edi").c_str(), 0640), 0);
  std::filesystem::create_directories(root / "realdir");
  writeFile(root / "realdir" / "inner.edi", "nested");
  const std::vector<std::string> outsideBefore = listTree(base / "outside");

  config::DirectorySourceSettings settings;
  settings.name = "hostile";
  settings.path = root;
  settings.archive = archive;
  settings.ignore = {};
  settings.stableForMs = 0;
  TestDisk disk;
  DirectorySource source(disk, settings);

  std::map<std::string, ClaimedFile> claimed;
  for (int round = 0; round < 3; ++round) {
    core::Result<std::vector<ClaimedFile>> files = source.poll(1000, 1 << 20);
    ASSERT_TRUE(files.isOk()) << files.status().toString();
    for (ClaimedFile& file : *files) {
      EXPECT_EQ(file.content.find(kCanary), std::string::npos);
      EXPECT_EQ(file.content.find("root:"), std::string::npos);
      EXPECT_TRUE(claimed.emplace(file.originalName, file).second) << "handed out twice";
    }
  }
  ASSERT_EQ(claimed.size(), expected.size());
  for (const auto& [name, content] : expected) {
    auto it = claimed.find(name);
    ASSERT_NE(it, claimed.end()) << "not handed out: " << name;
    EXPECT_EQ(it->second.content, content);
    EXPECT_EQ(it->second.originalName, name);
  }

  // Only the safe regular files were ever opened, each directly under the root.
  for (const std::string& path : disk.opened) {
    const std::string prefix = root.string() + "/";
    ASSERT_EQ(path.rfind(prefix, 0), 0u) << path;
    EXPECT_EQ(expected.count(path.substr(prefix.size())), 1u) << "opened " << path;
  }

  for (const auto& [name, file] : claimed) {
    core::Result<std::string> done = source.complete(file);
    ASSERT_TRUE(done.isOk()) << done.status().toString();
    ASSERT_EQ(done->rfind("archived as ", 0), 0u);
    const std::string archivedName = done->substr(std::string("archived as ").size());
    EXPECT_TRUE(isSafeFileName(archivedName));
    EXPECT_EQ(readFile(archive / archivedName), expected[name]);
  }
  EXPECT_EQ(listTree(archive).size(), expected.size());
  for (const auto& [from, to] : disk.renamed) {
    EXPECT_EQ(from.rfind(root.string() + "/", 0), 0u) << from;
    EXPECT_EQ(to.rfind(archive.string() + "/", 0), 0u) << to;
  }
  for (const std::string& path : disk.removed) {
    EXPECT_EQ(path.rfind(root.string() + "/", 0), 0u) << path;
  }

  // What was refused is left exactly where it was; outside is untouched.
  for (const std::string& name : refused) EXPECT_EQ(readFile(root / name), "refused");
  for (const auto& [name, target] : links) {
    EXPECT_TRUE(std::filesystem::is_symlink(root / name)) << name;
  }
  EXPECT_TRUE(std::filesystem::is_fifo(root / "pipe.edi"));
  EXPECT_EQ(readFile(root / "realdir" / "inner.edi"), "nested");
  EXPECT_EQ(listTree(base / "outside"), outsideBefore);
  EXPECT_EQ(readFile(outside / "canary.txt"), kCanary);
  EXPECT_EQ(readFile(outside / "dir" / "canary2.txt"), kCanary);
}

TEST_F(S6_hostile_file_names_source, SymlinkedWatchedDirectoryStillConfinesToItsTarget) {
  // The operator may configure a path that is itself a link; files are
  // resolved inside its target, and links inside still are refused.
  TempDir base;
  std::filesystem::create_directories(base / "real");
  std::filesystem::create_symlink(base / "real", base / "configured");
  writeFile(base / "real" / "ok.edi", "ok");
  writeFile(base / "secret.txt", kCanary);
  std::filesystem::create_symlink("../secret.txt", base / "real" / "up.edi");
  config::DirectorySourceSettings settings;
  settings.name = "linked";
  settings.path = base / "configured";
  settings.stableForMs = 0;
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);
  core::Result<std::vector<ClaimedFile>> files = source.poll(10, 1 << 20);
  ASSERT_TRUE(files.isOk());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].originalName, "ok.edi");
  EXPECT_EQ((*files)[0].content, "ok");
}

TEST_F(S6_hostile_file_names_source, RefusedNamesAreLoggedOnceAndEscaped) {
  TempDir base;
  std::filesystem::create_directories(base / "in");
  writeFile(base / "in" / "evil\nINFO forged-line name=x", "x");
  std::filesystem::create_symlink("/etc/passwd", base / "in" / "passwd.edi");
  config::DirectorySourceSettings settings;
  settings.name = "inbox";
  settings.path = base / "in";
  settings.stableForMs = 0;
  spool::PosixDisk disk;
  DirectorySource source(disk, settings);

  core::setLogEnabled(true);
  ::testing::internal::CaptureStderr();
  for (int i = 0; i < 3; ++i) {
    core::Result<std::vector<ClaimedFile>> files = source.poll(10, 1 << 20);
    ASSERT_TRUE(files.isOk());
    EXPECT_TRUE(files->empty());
  }
  const std::string logged = ::testing::internal::GetCapturedStderr();
  core::setLogEnabled(false);

  EXPECT_EQ(logged.find("\nINFO forged-line"), std::string::npos) << logged;
  EXPECT_NE(logged.find("evil\\x0aINFO"), std::string::npos) << logged;
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t at = logged.find(needle); at != std::string::npos;
         at = logged.find(needle, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count("source-name-refused"), 1u) << logged;
  EXPECT_EQ(count("source-symlink-refused"), 1u) << logged;
}

TEST_F(S6_hostile_file_names_source, NameRulesRefuseEverythingThatIsNotOneComponent) {
  for (const std::string& name : refusedNames()) EXPECT_FALSE(isSafeFileName(name));
  for (const std::string& name : takenNames()) EXPECT_TRUE(isSafeFileName(name));
  const std::vector<std::string> unusable = {
      "",
      ".",
      "..",
      "../etc/passwd",
      "/etc/passwd",
      "a/b",
      "a/",
      "/",
      std::string("nul\0byte", 8),
      std::string(256, 'a'),
      std::string(4096, 'a'),
  };
  for (const std::string& name : unusable) {
    EXPECT_FALSE(isSafeFileName(name)) << name.size();
    EXPECT_FALSE(unsafeNameReason(name).empty());
  }
  EXPECT_TRUE(isSafeFileName(std::string(255, 'a')));

  EXPECT_TRUE(isSafeRelativePath("ACME/997-1.x12"));
  EXPECT_FALSE(isSafeRelativePath("ACME/../x"));
  EXPECT_FALSE(isSafeRelativePath("/abs"));
  EXPECT_FALSE(isSafeRelativePath("a//b"));
  EXPECT_FALSE(isSafeRelativePath("a/"));
  EXPECT_FALSE(isSafeRelativePath(""));
  EXPECT_FALSE(isSafeRelativePath("./a"));
}

}  // namespace
}  // namespace bridge::transports

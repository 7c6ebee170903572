#include "spool/disk.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "spool/testing/temp_dir.h"

namespace bridge::spool {
namespace {

using core::StatusCode;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(PosixDisk, WritesReadsAndReportsSize) {
  TempDir dir;
  PosixDisk disk;
  std::string path = dir.file("a");
  core::Result<int> handle = disk.open(path, OpenMode::kCreateExclusive);
  ASSERT_TRUE(handle.isOk()) << handle.status().toString();
  ASSERT_TRUE(disk.write(*handle, "hello world", 0).isOk());
  ASSERT_TRUE(disk.write(*handle, "W", 6).isOk());
  ASSERT_TRUE(disk.sync(*handle).isOk());
  EXPECT_EQ(*disk.size(*handle), 11u);
  disk.close(*handle);
  EXPECT_EQ(slurp(path), "hello World");

  core::Result<int> reader = disk.open(path, OpenMode::kRead);
  ASSERT_TRUE(reader.isOk());
  char buffer[16] = {};
  core::Result<size_t> n = disk.read(*reader, buffer, sizeof buffer, 6);
  ASSERT_TRUE(n.isOk());
  EXPECT_EQ(std::string(buffer, *n), "World");
  EXPECT_EQ(*disk.read(*reader, buffer, sizeof buffer, 11), 0u);
  disk.close(*reader);
}

TEST(PosixDisk, CreateExclusiveRefusesAnExistingFile) {
  TempDir dir;
  PosixDisk disk;
  std::ofstream(dir.file("a")) << "x";
  core::Result<int> handle = disk.open(dir.file("a"), OpenMode::kCreateExclusive);
  ASSERT_FALSE(handle.isOk());
  EXPECT_EQ(handle.status().code(), StatusCode::kIoError);
  EXPECT_NE(handle.status().message().find(dir.file("a")), std::string::npos);
  EXPECT_NE(handle.status().message().find("File exists"), std::string::npos);
  EXPECT_EQ(slurp(dir.file("a")), "x");
}

TEST(PosixDisk, AppendWritesAtTheEndAndTruncateShortens) {
  TempDir dir;
  PosixDisk disk;
  std::ofstream(dir.file("log")) << "one,";
  core::Result<int> handle = disk.open(dir.file("log"), OpenMode::kAppend);
  ASSERT_TRUE(handle.isOk());
  ASSERT_TRUE(disk.write(*handle, "two", 0).isOk());
  disk.close(*handle);
  EXPECT_EQ(slurp(dir.file("log")), "one,two");

  core::Result<int> rw = disk.open(dir.file("log"), OpenMode::kReadWrite);
  ASSERT_TRUE(rw.isOk());
  ASSERT_TRUE(disk.truncate(*rw, 3).isOk());
  EXPECT_EQ(*disk.size(*rw), 3u);
  disk.close(*rw);
  EXPECT_EQ(slurp(dir.file("log")), "one");
}

TEST(PosixDisk, MissingFilesAreNotFoundAndOtherErrorsNameThePathAndCause) {
  TempDir dir;
  PosixDisk disk;
  core::Result<int> missing = disk.open(dir.file("nope"), OpenMode::kRead);
  ASSERT_FALSE(missing.isOk());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(disk.remove(dir.file("nope")).code(), StatusCode::kNotFound);
  EXPECT_EQ(disk.stat(dir.file("nope")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(disk.list(dir.file("nope")).status().code(), StatusCode::kNotFound);

  std::ofstream(dir.file("plain")) << "x";
  core::Result<int> under = disk.open(dir.file("plain") + "/child", OpenMode::kCreateExclusive);
  ASSERT_FALSE(under.isOk());
  EXPECT_EQ(under.status().code(), StatusCode::kIoError);
  EXPECT_NE(under.status().message().find("plain/child"), std::string::npos);
  EXPECT_NE(under.status().message().find("Not a directory"), std::string::npos);
  EXPECT_FALSE(under.status().retryable());

  core::Status rename = disk.rename(dir.file("nope"), dir.file("other"));
  EXPECT_FALSE(rename.isOk());
  EXPECT_NE(rename.message().find("nope"), std::string::npos);
}

TEST(PosixDisk, NoSpaceIsResourceExhausted) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "/dev/full is not writable here";
  PosixDisk disk;
  core::Result<int> full = disk.open("/dev/full", OpenMode::kAppend);
  ASSERT_TRUE(full.isOk()) << full.status().toString();
  core::Status written = disk.write(*full, std::string(4096, 'x'), 0);
  disk.close(*full);
  EXPECT_EQ(written.code(), StatusCode::kResourceExhausted) << written.toString();
  EXPECT_NE(written.message().find("No space left on device"), std::string::npos);
}

TEST(PosixDisk, DirectoriesListRenameRemoveAndStat) {
  TempDir dir;
  PosixDisk disk;
  std::string nested = dir.file("a/b/c");
  ASSERT_TRUE(disk.makeDirectories(nested).isOk());
  ASSERT_TRUE(disk.makeDirectories(nested).isOk());  // existing is fine
  EXPECT_TRUE(std::filesystem::is_directory(nested));
  ASSERT_TRUE(disk.syncDirectory(nested).isOk());

  std::ofstream(dir.file("a/b/c/f")) << "12345";
  ASSERT_TRUE(disk.rename(dir.file("a/b/c/f"), dir.file("a/b/c/g")).isOk());
  core::Result<std::vector<std::string>> names = disk.list(nested);
  ASSERT_TRUE(names.isOk());
  EXPECT_EQ(*names, std::vector<std::string>{"g"});

  core::Result<FileInfo> info = disk.stat(dir.file("a/b/c/g"));
  ASSERT_TRUE(info.isOk());
  EXPECT_EQ(info->size, 5u);
  EXPECT_TRUE(info->regular);
  EXPECT_FALSE(info->directory);
  EXPECT_GT(info->mtimeNs, 0);
  EXPECT_NE(info->inode, 0u);

  std::filesystem::create_symlink(dir.file("a/b/c/g"), dir.file("link"));
  core::Result<FileInfo> link = disk.stat(dir.file("link"));
  ASSERT_TRUE(link.isOk());
  EXPECT_TRUE(link->symlink);
  EXPECT_FALSE(link->regular);

  ASSERT_TRUE(disk.remove(dir.file("a/b/c/g")).isOk());
  EXPECT_TRUE(disk.list(nested)->empty());

  std::ofstream(dir.file("file")) << "x";
  core::Status overFile = disk.makeDirectories(dir.file("file/sub"));
  EXPECT_EQ(overFile.code(), StatusCode::kIoError);

  core::Result<uint64_t> free = disk.freeBytes(dir.path());
  ASSERT_TRUE(free.isOk());
  EXPECT_GT(*free, 0u);
}

TEST(PosixDisk, ReadWholeFileHonoursTheLimit) {
  TempDir dir;
  PosixDisk disk;
  std::ofstream(dir.file("f")) << std::string(1000, 'z');
  core::Result<std::string> all = readWholeFile(disk, dir.file("f"), 1000);
  ASSERT_TRUE(all.isOk());
  EXPECT_EQ(*all, std::string(1000, 'z'));
  core::Result<std::string> tooBig = readWholeFile(disk, dir.file("f"), 999);
  ASSERT_FALSE(tooBig.isOk());
  EXPECT_EQ(tooBig.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(readWholeFile(disk, dir.file("missing"), 10).status().code(), StatusCode::kNotFound);
  std::ofstream(dir.file("empty")).flush();
  EXPECT_EQ(*readWholeFile(disk, dir.file("empty"), 10), "");
}

TEST(PosixDisk, PublishFileLeavesOnlyTheFinalFile) {
  TempDir dir;
  PosixDisk disk;
  ASSERT_TRUE(publishFile(disk, dir.file(".out.tmp"), dir.file("out"), "content").isOk());
  EXPECT_EQ(slurp(dir.file("out")), "content");
  EXPECT_FALSE(std::filesystem::exists(dir.file(".out.tmp")));

  // A temp name already taken (another writer) fails and leaves `out` alone.
  std::ofstream(dir.file(".again.tmp")) << "other";
  core::Status again = publishFile(disk, dir.file(".again.tmp"), dir.file("out"), "new");
  EXPECT_FALSE(again.isOk());
  EXPECT_EQ(slurp(dir.file("out")), "content");
}

TEST(PosixDisk, IoOpNamesAreDistinct) {
  EXPECT_EQ(ioOpName(IoOp::kSyncDirectory), "sync-directory");
  EXPECT_EQ(ioOpName(IoOp::kWrite), "write");
  EXPECT_EQ(ioOpName(IoOp::kMakeDirectory), "make-directory");
}

}  // namespace
}  // namespace bridge::spool

#include "spool/payload_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "spool/testing/temp_dir.h"

namespace bridge::spool {
namespace {

using core::StatusCode;

constexpr std::string_view kId = "0190aabbccdd11223344";

TEST(PayloadFile, Sha256HexMatchesTheStandardVectors) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(PayloadFile, RoundTripsAnyPayload) {
  for (std::string payload : {std::string(), std::string("ISA*00*~"), std::string(70000, '\0')}) {
    std::string file = encodePayloadFile(payload);
    EXPECT_EQ(file.size(), payload.size() + kPayloadOverheadBytes);
    EXPECT_EQ(file.substr(0, 8), "EDISPOOL");
    EXPECT_EQ(file.substr(file.size() - 8), "SPOOLEND");
    core::Result<std::string> decoded = decodePayloadFile(kId, file);
    ASSERT_TRUE(decoded.isOk()) << decoded.status().toString();
    EXPECT_EQ(*decoded, payload);
  }
}

TEST(PayloadFile, EveryTruncationIsDetected) {
  std::string file = encodePayloadFile("ISA*00*          *00*~GS*PO*A*B~");
  for (size_t length = 0; length < file.size(); ++length) {
    core::Result<std::string> decoded = decodePayloadFile(kId, file.substr(0, length));
    ASSERT_FALSE(decoded.isOk()) << "prefix of " << length << " bytes accepted";
    EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
    EXPECT_TRUE(decoded.status().dataLoss());
    EXPECT_EQ(decoded.status().message().rfind("payload 0190aabbccdd11223344: ", 0), 0u)
        << decoded.status().message();
  }
}

TEST(PayloadFile, EveryGarbledByteIsDetected) {
  std::string file = encodePayloadFile("UNB+UNOC:3+SENDER+RECEIVER'");
  for (size_t i = 0; i < file.size(); ++i) {
    std::string garbled = file;
    garbled[i] = static_cast<char>(garbled[i] ^ 0x20);
    core::Result<std::string> decoded = decodePayloadFile(kId, garbled);
    ASSERT_FALSE(decoded.isOk()) << "flip at byte " << i << " accepted";
    EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
  }
}

TEST(PayloadFile, TornTailsAndTrailingBytesAreDetected) {
  std::string file = encodePayloadFile(std::string(500, 'x'));
  std::string torn = file.substr(0, file.size() - 8);
  torn.append(28, '\0');
  core::Result<std::string> tornResult = decodePayloadFile(kId, torn);
  ASSERT_FALSE(tornResult.isOk());
  EXPECT_NE(tornResult.status().message().find("trailing bytes"), std::string::npos);

  std::string zeroedTail = file;
  std::fill(zeroedTail.end() - 8, zeroedTail.end(), '\0');
  core::Result<std::string> markerResult = decodePayloadFile(kId, zeroedTail);
  ASSERT_FALSE(markerResult.isOk());
  EXPECT_NE(markerResult.status().message().find("end marker"), std::string::npos);

  std::string longer = file + "x";
  EXPECT_EQ(decodePayloadFile(kId, longer).status().code(), StatusCode::kCorruption);
  std::string notOurs = "PK\x03\x04" + file.substr(4);
  core::Result<std::string> magic = decodePayloadFile(kId, notOurs);
  ASSERT_FALSE(magic.isOk());
  EXPECT_NE(magic.status().message().find("magic"), std::string::npos);
}

TEST(PayloadFile, WritesUnderATempNameAndReadsBackVerified) {
  TempDir dir;
  PosixDisk disk;
  std::filesystem::create_directory(dir.file("payloads"));
  ASSERT_TRUE(writePayloadFile(disk, dir.path(), kId, "payload bytes").isOk());
  EXPECT_TRUE(std::filesystem::exists(payloadPath(dir.path(), kId)));
  EXPECT_FALSE(std::filesystem::exists(payloadTempPath(dir.path(), kId)));
  EXPECT_EQ(payloadTempPath(dir.path(), kId), dir.file("payloads/.0190aabbccdd11223344.tmp"));

  core::Result<std::string> read = readPayloadFile(disk, dir.path(), kId, 100);
  ASSERT_TRUE(read.isOk()) << read.status().toString();
  EXPECT_EQ(*read, "payload bytes");

  // A payload longer than any accepted one is refused without reading it all.
  EXPECT_EQ(readPayloadFile(disk, dir.path(), kId, 5).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(readPayloadFile(disk, dir.path(), "0190aabbccdd00000000", 100).status().code(),
            StatusCode::kNotFound);

  // Garble one byte on disk: detected.
  {
    std::fstream file(payloadPath(dir.path(), kId),
                      std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(kPayloadHeaderBytes + 2));
    file.put('#');
  }
  core::Result<std::string> garbled = readPayloadFile(disk, dir.path(), kId, 100);
  ASSERT_FALSE(garbled.isOk());
  EXPECT_NE(garbled.status().message().find("checksum"), std::string::npos);
}

TEST(PayloadFile, StagingThatFailsRemovesItsTempFile) {
  TempDir dir;
  PosixDisk disk;
  // No payloads/ directory: the temp file cannot even be created.
  core::Status staged = stagePayloadFile(disk, dir.path(), kId, "x");
  EXPECT_FALSE(staged.isOk());
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace bridge::spool

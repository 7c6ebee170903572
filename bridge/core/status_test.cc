#include "bridge/core/status.h"

#include <gtest/gtest.h>

#include "bridge/core/finding.h"

namespace bridge::core {
namespace {

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.isOk());
  EXPECT_EQ(s.toString(), "ok");
}

TEST(Status, CarriesCodeMessageAndFlags) {
  Status io = Status::ioError("cannot read 'x.edi': Input/output error", true);
  EXPECT_FALSE(io.isOk());
  EXPECT_EQ(io.code(), StatusCode::kIoError);
  EXPECT_TRUE(io.retryable());
  EXPECT_FALSE(io.dataLoss());
  EXPECT_EQ(io.toString(), "io-error: cannot read 'x.edi': Input/output error");
  EXPECT_TRUE(Status::corruption("torn file").dataLoss());
  EXPECT_TRUE(Status::unavailable("peer busy").retryable());
}

TEST(Result, HoldsValueOrError) {
  Result<int> good(42);
  ASSERT_TRUE(good.isOk());
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().isOk());

  Result<int> bad(Status::notFound("no such partner 'ACME'"));
  EXPECT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
}

TEST(Location, DescribesPositions) {
  Location loc;
  EXPECT_EQ(loc.describe(), "");
  loc.segmentIndex = 12;
  loc.segmentTag = "N1";
  loc.element = 3;
  loc.component = 2;
  EXPECT_EQ(loc.describe(), "segment 12 (N1), element 3, component 2");
}

}  // namespace
}  // namespace bridge::core

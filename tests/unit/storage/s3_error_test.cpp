#include "exlschema/storage/s3_client.hpp"

#include <gtest/gtest.h>

using exl::storage::S3Error;

// Sent again: no answer, 5xx, S3's transient codes even inside a 200 <Error> body. Not: client
// errors, a stop, a cancellation, a verified difference.
TEST(S3ErrorTest, Retryable) {
  EXPECT_TRUE(S3Error("x", 0, "NoAnswer").retryable());
  EXPECT_TRUE(S3Error("x", 503, "SlowDown").retryable());
  EXPECT_TRUE(S3Error("x", 500, "").retryable());
  EXPECT_TRUE(S3Error("x", 200, "InternalError").retryable());
  EXPECT_TRUE(S3Error("x", 400, "RequestTimeout").retryable());
  EXPECT_FALSE(S3Error("x", 403, "InvalidAccessKeyId").retryable());
  EXPECT_FALSE(S3Error("x", 404, "NoSuchKey").retryable());
  EXPECT_FALSE(S3Error("x", 0, "Stopped").retryable());
  EXPECT_FALSE(S3Error("x", 0, "Cancelled").retryable());
  EXPECT_FALSE(S3Error("x", 0, "CopyMismatch").retryable());
}

#include "storage/request_target.hpp"

#include <gtest/gtest.h>

using namespace exl::storage;

namespace {

StorageLocation location(const std::string& endpoint, bool path_style) {
  StorageLocation l;
  l.endpoint = endpoint;
  l.bucket = "exl-src";
  l.path_style = path_style;
  return l;
}

} // namespace

TEST(RequestTargetTest, PathStyleEncodesEachSegmentOnce) {
  const RequestTarget t =
      request_target(location("http://127.0.0.1:4568/", true), "run 1/a+b/%41.parquet");
  EXPECT_EQ(t.host, "127.0.0.1:4568");
  EXPECT_EQ(t.path, "/exl-src/run%201/a%2Bb/%2541.parquet");
  EXPECT_EQ(t.url, "http://127.0.0.1:4568/exl-src/run%201/a%2Bb/%2541.parquet");
  EXPECT_EQ(request_target(location("http://127.0.0.1:4568", true), "").path, "/exl-src");
}

TEST(RequestTargetTest, VirtualHostPutsTheBucketInTheHost) {
  const RequestTarget t =
      request_target(location("https://s3.eu-west-1.amazonaws.com", false), "k/x y");
  EXPECT_EQ(t.host, "exl-src.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(t.path, "/k/x%20y");
  EXPECT_EQ(t.url, "https://exl-src.s3.eu-west-1.amazonaws.com/k/x%20y");
  EXPECT_EQ(request_target(location("https://s3.amazonaws.com", false), "").path, "/");
}

TEST(RequestTargetTest, EndpointWithoutSchemeIsHttp) {
  EXPECT_EQ(request_target(location("minio:9000", true), "k").url, "http://minio:9000/exl-src/k");
}

#include "storage/sigv4.hpp"

#include <gtest/gtest.h>

using namespace exl::storage;

namespace {

// AWS's example "GET Object" of "Signature Calculations for the Authorization Header:
// Transferring Payload in a Single Chunk"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
const Credentials aws_example_keys{"AKIAIOSFODNN7EXAMPLE",
                                   "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"};
constexpr const char* empty_sha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SignableRequest aws_get_object() {
  SignableRequest r;
  r.method = "GET";
  r.canonical_uri = "/test.txt";
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Range", "bytes=0-9"},
               {"x-amz-content-sha256", empty_sha256},
               {"x-amz-date", "20130524T000000Z"}};
  r.payload_sha256 = empty_sha256;
  return r;
}

} // namespace

TEST(SigV4Test, CanonicalRequestOfAwsGetObjectExample) {
  EXPECT_EQ(
      canonical_request(aws_get_object()),
      "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4Test, StringToSignOfAwsGetObjectExample) {
  EXPECT_EQ(string_to_sign(aws_get_object(), "20130524T000000Z", "us-east-1"),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
}

TEST(SigV4Test, AuthorizationOfAwsGetObjectExample) {
  EXPECT_EQ(authorization(aws_get_object(), aws_example_keys, "20130524T000000Z"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

// The same page's "GET Bucket Lifecycle" and "Get Bucket (List Objects)" examples: a query with
// an empty value and a sorted, encoded query.
TEST(SigV4Test, SignatureOfAwsQueryExamples) {
  SignableRequest lifecycle;
  lifecycle.method = "GET";
  lifecycle.canonical_uri = "/";
  lifecycle.query = {{"lifecycle", ""}};
  lifecycle.headers = {{"host", "examplebucket.s3.amazonaws.com"},
                       {"x-amz-content-sha256", empty_sha256},
                       {"x-amz-date", "20130524T000000Z"}};
  lifecycle.payload_sha256 = empty_sha256;
  EXPECT_EQ(signature(lifecycle, aws_example_keys, "20130524T000000Z"),
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");

  SignableRequest list = lifecycle;
  list.query = {{"prefix", "J"}, {"max-keys", "2"}};
  EXPECT_EQ(canonical_query(list.query), "max-keys=2&prefix=J");
  EXPECT_EQ(signature(list, aws_example_keys, "20130524T000000Z"),
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

// Header names are lower-cased and sorted, values trimmed with inner blanks folded.
TEST(SigV4Test, HeadersAreNormalised) {
  SignableRequest r;
  r.method = "PUT";
  r.canonical_uri = "/b/k";
  r.headers = {{"X-Amz-Date", "20240101T000000Z"}, {"Content-Type", "  a   b  "}, {"Host", "h"}};
  r.payload_sha256 = "UNSIGNED-PAYLOAD";
  EXPECT_EQ(canonical_request(r), "PUT\n/b/k\n\ncontent-type:a b\nhost:h\n"
                                  "x-amz-date:20240101T000000Z\n\n"
                                  "content-type;host;x-amz-date\nUNSIGNED-PAYLOAD");
}

TEST(SigV4Test, UriEncodingKeepsUnreservedAndSlashesOfPaths) {
  EXPECT_EQ(uri_encode("run 1/part-0001.parquet", false), "run%201/part-0001.parquet");
  EXPECT_EQ(uri_encode("a/b", true), "a%2Fb");
  EXPECT_EQ(uri_encode("AZaz09-_.~", true), "AZaz09-_.~");
  EXPECT_EQ(uri_encode("a+b=c&d*", false), "a%2Bb%3Dc%26d%2A");
  EXPECT_EQ(uri_encode("\xc3\xa9", false), "%C3%A9"); // é, byte by byte, upper-case hex
  EXPECT_EQ(canonical_query({{"continuation-token", "1/ab+c="}, {"list-type", "2"}}),
            "continuation-token=1%2Fab%2Bc%3D&list-type=2");
}

TEST(SigV4Test, HashesAndDates) {
  EXPECT_EQ(sha256_hex(""), empty_sha256);
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("The quick brown fox jumps over the lazy dog"),
            "9e107d9d372bb6826bd81d3542a419d6");
  Md5Stream s;
  s.update("The quick brown ");
  s.update("fox jumps over the lazy dog");
  EXPECT_EQ(s.finish_hex(), "9e107d9d372bb6826bd81d3542a419d6");
  EXPECT_EQ(amz_date(1369353600), "20130524T000000Z");
}

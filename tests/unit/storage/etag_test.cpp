#include "storage/etag.hpp"

#include <gtest/gtest.h>

using namespace exl::storage;

TEST(EtagTest, Kinds) {
  EXPECT_EQ(etag_kind("9e107d9d372bb6826bd81d3542a419d6"), EtagKind::PlainMd5);
  EXPECT_EQ(etag_kind("9E107D9D372BB6826BD81D3542A419D6"), EtagKind::PlainMd5);
  EXPECT_EQ(etag_kind("6b92b8a14d4ff2d23c4a3ec3a4bd59cd-2"), EtagKind::Multipart);
  EXPECT_EQ(etag_kind("6b92b8a14d4ff2d23c4a3ec3a4bd59cd-10000"), EtagKind::Multipart);
  EXPECT_EQ(etag_kind("6b92b8a14d4ff2d23c4a3ec3a4bd59cd-"), EtagKind::Opaque);
  EXPECT_EQ(etag_kind("6b92b8a14d4ff2d23c4a3ec3a4bd59cd-0"), EtagKind::Opaque);
  EXPECT_EQ(etag_kind("6b92b8a14d4ff2d23c4a3ec3a4bd59cd-x"), EtagKind::Opaque);
  EXPECT_EQ(etag_kind("not-an-md5"), EtagKind::Opaque);
  EXPECT_EQ(etag_kind(""), EtagKind::Opaque);
}

// AWS: md5 of the concatenated binary MD5s of the parts, then "-<parts>".
TEST(EtagTest, MultipartEtagIsMd5OfPartMd5s) {
  const std::string a(5 << 20, 'a');
  const std::string b = "tail";
  const Md5Digest da = md5_digest(a);
  const Md5Digest db = md5_digest(b);
  std::string joined(reinterpret_cast<const char*>(da.data()), 16);
  joined.append(reinterpret_cast<const char*>(db.data()), 16);
  EXPECT_EQ(multipart_etag({da, db}), md5_hex(joined) + "-2");
  EXPECT_NE(multipart_etag({da, db}).substr(0, 32), md5_hex(a + b));
}

TEST(EtagTest, SinglePutIsComparedWithTheWholeMd5) {
  const SentDigest sent{md5_hex("body"), {}};
  EXPECT_EQ(check_etag(md5_hex("body"), sent), EtagVerdict::Match);
  EXPECT_EQ(check_etag(md5_hex("other"), sent), EtagVerdict::Mismatch);
  // A multipart-looking ETag for a single PUT is never compared with the MD5.
  EXPECT_EQ(check_etag(md5_hex("body") + "-1", sent), EtagVerdict::Unknown);
  EXPECT_EQ(check_etag("kms-random-etag", sent), EtagVerdict::Unknown);
}

TEST(EtagTest, MultipartAcceptsAwsAndS3rverForms) {
  const std::string p1(5 << 20, 'x');
  const std::string p2 = "last";
  const SentDigest sent{md5_hex(p1 + p2), {md5_digest(p1), md5_digest(p2)}};
  const std::string aws = multipart_etag(sent.part_md5s);
  EXPECT_EQ(check_etag(aws, sent), EtagVerdict::Match);              // AWS
  EXPECT_EQ(check_etag(md5_hex(p1 + p2), sent), EtagVerdict::Match); // s3rver: plain MD5
  EXPECT_EQ(check_etag(md5_hex(p1) + "-2", sent), EtagVerdict::Mismatch);
  EXPECT_EQ(check_etag(aws.substr(0, 32) + "-3", sent), EtagVerdict::Mismatch);
  // The md5-of-md5s without its suffix is a plain MD5 and does not equal the whole MD5.
  EXPECT_EQ(check_etag(aws.substr(0, 32), sent), EtagVerdict::Mismatch);
}

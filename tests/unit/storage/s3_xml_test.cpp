#include "storage/s3_xml.hpp"

#include <gtest/gtest.h>

using namespace exl::storage;

TEST(S3XmlTest, ListPageWithEntitiesAndContinuation) {
  const std::string doc =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
      "<Name>exl-src</Name><Prefix>run/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>"
      "<IsTruncated>true</IsTruncated>"
      "<Contents><Key>run/a&amp;b &lt;1&gt;.parquet</Key><LastModified>2024-01-01T00:00:00.000Z"
      "</LastModified><ETag>&quot;9e107d9d372bb6826bd81d3542a419d6&quot;</ETag><Size>43</Size>"
      "<StorageClass>STANDARD</StorageClass></Contents>"
      "<Contents><Key>run/&#233;&#x4e2d;</Key><ETag>\"6b92b8a14d4ff2d23c4a3ec3a4bd59cd-2\"</ETag>"
      "<Size>20971520</Size></Contents>"
      "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
      "</ListBucketResult>";
  const xml::ListPage page = xml::parse_list_page(doc);
  ASSERT_EQ(page.objects.size(), 2u);
  EXPECT_EQ(page.objects[0],
            (ObjectInfo{"run/a&b <1>.parquet", 43, "9e107d9d372bb6826bd81d3542a419d6"}));
  EXPECT_EQ(page.objects[1], (ObjectInfo{"run/\xc3\xa9\xe4\xb8\xad", 20971520,
                                         "6b92b8a14d4ff2d23c4a3ec3a4bd59cd-2"}));
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.next_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
}

TEST(S3XmlTest, LastPageAndEmptyListing) {
  const xml::ListPage empty =
      xml::parse_list_page("<ListBucketResult><Name>b</Name><Prefix/><KeyCount>0</KeyCount>"
                           "<IsTruncated>false</IsTruncated></ListBucketResult>");
  EXPECT_TRUE(empty.objects.empty());
  EXPECT_FALSE(empty.truncated);
  EXPECT_EQ(empty.next_token, "");
}

TEST(S3XmlTest, ListPageRejectsWhatIsNotOne) {
  EXPECT_THROW(xml::parse_list_page("<Error><Code>AccessDenied</Code></Error>"),
               std::runtime_error);
  EXPECT_THROW(xml::parse_list_page("<ListBucketResult><Contents><Size>1</Size></Contents>"
                                    "</ListBucketResult>"),
               std::runtime_error); // no Key
  EXPECT_THROW(xml::parse_list_page("<ListBucketResult><Contents><Key>k</Key><Size>x</Size>"
                                    "</Contents></ListBucketResult>"),
               std::runtime_error); // bad Size
}

TEST(S3XmlTest, ErrorBodies) {
  const auto e = xml::parse_error(
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      "<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does "
      "not exist in our records.</Message><AWSAccessKeyId>nobody</AWSAccessKeyId></Error>");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "InvalidAccessKeyId");
  EXPECT_EQ(e->message, "The AWS Access Key Id you provided does not exist in our records.");
  // CompleteMultipartUpload's 200 with an error inside (whitespace before the root).
  const auto in200 = xml::parse_error("\n\n<Error><Code>InternalError</Code>"
                                      "<Message>We encountered an internal error.</Message>"
                                      "</Error>");
  ASSERT_TRUE(in200);
  EXPECT_EQ(in200->code, "InternalError");
  EXPECT_FALSE(xml::parse_error("<CompleteMultipartUploadResult><ETag>&quot;x-2&quot;</ETag>"
                                "</CompleteMultipartUploadResult>"));
  EXPECT_FALSE(xml::parse_error(""));
  EXPECT_FALSE(xml::parse_error("not xml at all"));
}

TEST(S3XmlTest, ExactTagNamesNestingAndCdata) {
  const std::string doc = "<R><KeyCount>3</KeyCount><Key a=\"1\">k1</Key><Key/>"
                          "<Key><![CDATA[<raw> & ]]></Key></R>";
  const auto keys = xml::elements(doc, "Key");
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0], "k1");
  EXPECT_EQ(keys[1], "");
  EXPECT_EQ(xml::decode(keys[2]), "<raw> & ");
  EXPECT_EQ(xml::text(doc, "KeyCount"), "3");
  EXPECT_FALSE(xml::text(doc, "Missing"));
  // A same-name element nested inside a match belongs to it.
  const auto outer = xml::elements("<A><A>x</A>y</A><A>z</A>", "A");
  ASSERT_EQ(outer.size(), 2u);
  EXPECT_EQ(outer[0], "<A>x</A>y");
  EXPECT_EQ(outer[1], "z");
  EXPECT_EQ(xml::root_name("<?xml version=\"1.0\"?><!-- c --><InitiateMultipartUploadResult "
                           "xmlns=\"x\"><UploadId>u</UploadId></InitiateMultipartUploadResult>"),
            "InitiateMultipartUploadResult");
  // Unknown or malformed references stay as they are.
  EXPECT_EQ(xml::decode("a &nbsp; &#xZZ; & b"), "a &nbsp; &#xZZ; & b");
  // An unterminated element yields nothing rather than running past the end.
  EXPECT_TRUE(xml::elements("<R><Key>k", "Key").empty());
}

TEST(S3XmlTest, EtagQuotes) {
  EXPECT_EQ(xml::unquote_etag("\"abc\""), "abc");
  EXPECT_EQ(xml::unquote_etag("&quot;abc-2&quot;"), "abc-2");
  EXPECT_EQ(xml::unquote_etag("abc"), "abc");
}

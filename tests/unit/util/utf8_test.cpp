#include "exlschema/util/utf8.hpp"

#include <gtest/gtest.h>

using exl::util::utf8_prefix;

TEST(Utf8Test, PrefixNeverEndsInsideACharacter) {
  const std::string text = "a表b"; // 'a', 3 bytes, 'b'
  EXPECT_EQ(utf8_prefix(text, 10), text);
  EXPECT_EQ(utf8_prefix(text, 4), "a表");
  EXPECT_EQ(utf8_prefix(text, 3), "a");
  EXPECT_EQ(utf8_prefix(text, 2), "a");
  EXPECT_EQ(utf8_prefix(text, 1), "a");
  EXPECT_EQ(utf8_prefix("😀x", 3), ""); // a 4-byte character
}

TEST(Utf8Test, NotUtf8IsCutByteWise) {
  EXPECT_EQ(utf8_prefix("\x80\x80\x80\x80\x80", 4), "\x80");
  EXPECT_EQ(utf8_prefix("ab\xff", 2), "ab");
}

TEST(Utf8Test, ValidUtf8KeepsWellFormedTextAndReplacesEveryBadByte) {
  using exl::util::valid_utf8;
  EXPECT_EQ(valid_utf8("plain ascii"), "plain ascii");
  EXPECT_EQ(valid_utf8("caf\xc3\xa9 \xe8\xa1\xa8 \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe8\xa1\xa8 \xf0\x9f\x98\x80");
  EXPECT_EQ(valid_utf8("a\xff"
                       "b"),
            "a\xef\xbf\xbd"
            "b");                                                                // not a lead byte
  EXPECT_EQ(valid_utf8("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");                 // overlong '/'
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); // a surrogate
  EXPECT_EQ(valid_utf8("cut \xe8\xa1"), "cut \xef\xbf\xbd\xef\xbf\xbd"); // truncated sequence
}

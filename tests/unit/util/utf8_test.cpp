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

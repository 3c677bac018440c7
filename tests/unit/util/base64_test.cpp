#include "exlschema/util/base64.hpp"

#include <gtest/gtest.h>

using exl::util::base64_decode;
using exl::util::base64_encode;

// RFC 4648 section 10.
TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"f", "Zg=="},        {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), std::string(plain));
  }
  EXPECT_EQ(base64_encode(""), "");
}

TEST(Base64Test, BinaryRoundTripsAndLineBreaksAreIgnored) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) {
    bytes += static_cast<char>(i);
  }
  const std::string encoded = base64_encode(bytes);
  EXPECT_EQ(encoded.find('\n'), std::string::npos);
  EXPECT_EQ(base64_decode(encoded), bytes);
  const std::string wrapped = encoded.substr(0, 76) + "\n" + encoded.substr(76);
  EXPECT_EQ(base64_decode(wrapped), bytes);
}

TEST(Base64Test, RejectsWhatIsNotBase64) {
  EXPECT_EQ(base64_decode(""), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm!v"), std::nullopt);
  EXPECT_EQ(base64_decode("Zg==Zm9v"), std::nullopt);
  EXPECT_EQ(base64_decode("Z=9v"), std::nullopt);
}

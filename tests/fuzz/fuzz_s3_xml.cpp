// libFuzzer target for the reader of S3's XML answers (src/storage/s3_xml.cpp): any bytes as a
// ListObjectsV2 page, an <Error> body, and through the element scanner and entity decoder. It may
// throw std::runtime_error (not a list page), must not crash, read out of bounds or loop.
#include "storage/s3_xml.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

using namespace exl::storage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view doc(reinterpret_cast<const char*>(data), size);
  try {
    const xml::ListPage page = xml::parse_list_page(doc);
    for (const ObjectInfo& o : page.objects) {
      (void)o.key.size();
    }
  } catch (const std::runtime_error&) {
  }
  (void)xml::parse_error(doc);
  for (const std::string_view tag : {"Key", "Contents", "A"}) {
    for (const std::string_view inner : xml::elements(doc, tag)) {
      (void)xml::decode(inner);
    }
  }
  (void)xml::unquote_etag(doc);
  return 0;
}

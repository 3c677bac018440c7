#pragma once

#include "exlschema/storage/s3_client.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The few S3 XML answers exlSchema reads, parsed by a small scanner (no XML library): elements are
// found by exact tag name (`<Key>` never matches `<KeyCount>`), attributes and the XML
// declaration are skipped, the five predefined entities and numeric character references are
// decoded, CDATA sections are taken as is. Enough for S3's flat, machine-written documents; not
// a general XML parser.
namespace exl::storage::xml {

// The raw inner text of every `<tag>` element in `doc`, outermost first and in document order
// (an element of the same name nested in a match is part of that match).
std::vector<std::string_view> elements(std::string_view doc, std::string_view tag);
// The decoded text of the first `<tag>`; nullopt when there is none.
std::optional<std::string> text(std::string_view doc, std::string_view tag);
// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;` decoded, CDATA unwrapped.
std::string decode(std::string_view raw);
// The name of the document's root element ("Error", "ListBucketResult", ...); empty if none.
std::string root_name(std::string_view doc);

struct ListPage {
  std::vector<ObjectInfo> objects;
  bool truncated = false;
  std::string next_token; // NextContinuationToken
};
// A ListObjectsV2 answer (ListBucketResult). Throws std::runtime_error when it is not one or a
// Contents entry lacks Key or has a bad Size.
ListPage parse_list_page(std::string_view doc);

struct ErrorBody {
  std::string code;    // "NoSuchKey", ...
  std::string message; // may be empty
};
// An `<Error>` document; nullopt when the root is something else.
std::optional<ErrorBody> parse_error(std::string_view doc);

// `"abc"` or `&quot;abc&quot;` -> `abc`.
std::string unquote_etag(std::string_view etag);

} // namespace exl::storage::xml

#include "storage/s3_xml.hpp"

#include <charconv>
#include <stdexcept>

namespace exl::storage::xml {
namespace {

constexpr std::string_view cdata_open = "<![CDATA[";

bool name_ends(char c) {
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Position of the next `<tag` start tag (exact name) at or after `from`, npos when none.
std::size_t find_open(std::string_view doc, std::string_view tag, std::size_t from) {
  while (true) {
    const std::size_t at = doc.find('<', from);
    if (at == std::string_view::npos) {
      return at;
    }
    if (doc.compare(at, cdata_open.size(), cdata_open) == 0) {
      const std::size_t end = doc.find("]]>", at);
      if (end == std::string_view::npos) {
        return std::string_view::npos;
      }
      from = end + 3;
      continue;
    }
    const std::size_t after = at + 1 + tag.size();
    if (after < doc.size() && doc.compare(at + 1, tag.size(), tag) == 0 && name_ends(doc[after])) {
      return at;
    }
    from = at + 1;
  }
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one reference starting at raw[i] == '&'; returns the length consumed (0: not one).
std::size_t decode_reference(std::string_view raw, std::size_t i, std::string& out) {
  const std::size_t semi = raw.find(';', i);
  if (semi == std::string_view::npos || semi - i > 12) {
    return 0;
  }
  const std::string_view name = raw.substr(i + 1, semi - i - 1);
  static constexpr std::pair<std::string_view, char> named[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [n, c] : named) {
    if (name == n) {
      out += c;
      return semi - i + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    unsigned long cp = 0;
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) {
      append_utf8(out, cp);
      return semi - i + 1;
    }
  }
  return 0;
}

std::uint64_t parse_size(const std::string& text, const std::string& key) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw std::runtime_error("ListObjectsV2: bad Size '" + text + "' for key " + key);
  }
  return n;
}

} // namespace

std::vector<std::string_view> elements(std::string_view doc, std::string_view tag) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t open = find_open(doc, tag, from);
    if (open == std::string_view::npos) {
      return out;
    }
    const std::size_t gt = doc.find('>', open);
    if (gt == std::string_view::npos) {
      return out;
    }
    if (doc[gt - 1] == '/') { // <tag/>
      out.emplace_back();
      from = gt + 1;
      continue;
    }
    // The matching close tag, counting same-name elements opened inside.
    std::size_t depth = 1;
    std::size_t scan = gt + 1;
    const std::string close = "</" + std::string(tag) + ">";
    std::size_t close_at = std::string_view::npos;
    while (depth > 0) {
      const std::size_t next_close = doc.find(close, scan);
      if (next_close == std::string_view::npos) {
        return out; // unterminated: stop
      }
      const std::size_t next_open = find_open(doc, tag, scan);
      if (next_open != std::string_view::npos && next_open < next_close) {
        const std::size_t inner_gt = doc.find('>', next_open);
        if (inner_gt != std::string_view::npos && doc[inner_gt - 1] != '/') {
          ++depth;
        }
        scan = next_open + 1;
        continue;
      }
      --depth;
      close_at = next_close;
      scan = next_close + close.size();
    }
    out.push_back(doc.substr(gt + 1, close_at - gt - 1));
    from = scan;
  }
}

std::optional<std::string> text(std::string_view doc, std::string_view tag) {
  const auto found = elements(doc, tag);
  if (found.empty()) {
    return std::nullopt;
  }
  return decode(found.front());
}

std::string decode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    if (raw.compare(i, cdata_open.size(), cdata_open) == 0) {
      const std::size_t end = raw.find("]]>", i);
      const std::size_t stop = end == std::string_view::npos ? raw.size() : end;
      out.append(raw.substr(i + cdata_open.size(), stop - i - cdata_open.size()));
      i = end == std::string_view::npos ? raw.size() : end + 3;
      continue;
    }
    if (raw[i] == '&') {
      const std::size_t used = decode_reference(raw, i, out);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    out += raw[i++];
  }
  return out;
}

std::string root_name(std::string_view doc) {
  std::size_t from = 0;
  while (true) {
    const std::size_t at = doc.find('<', from);
    if (at == std::string_view::npos || at + 1 >= doc.size()) {
      return {};
    }
    const char next = doc[at + 1];
    if (next == '?' || next == '!') { // declaration, comment, doctype
      from = at + 1;
      continue;
    }
    std::size_t end = at + 1;
    while (end < doc.size() && !name_ends(doc[end])) {
      ++end;
    }
    return std::string(doc.substr(at + 1, end - at - 1));
  }
}

ListPage parse_list_page(std::string_view doc) {
  if (root_name(doc) != "ListBucketResult") {
    throw std::runtime_error("ListObjectsV2: the answer is not a ListBucketResult (root <" +
                             root_name(doc) + ">)");
  }
  ListPage page;
  for (const std::string_view entry : elements(doc, "Contents")) {
    ObjectInfo info;
    const auto key = text(entry, "Key");
    if (!key) {
      throw std::runtime_error("ListObjectsV2: a Contents entry without Key");
    }
    info.key = *key;
    info.size = parse_size(text(entry, "Size").value_or(""), info.key);
    info.etag = unquote_etag(text(entry, "ETag").value_or(""));
    page.objects.push_back(std::move(info));
  }
  // IsTruncated and NextContinuationToken of the result itself, not of a nested element (there
  // are none in ListObjectsV2, but a key named IsTruncated is inside <Key>, not a tag).
  page.truncated = text(doc, "IsTruncated").value_or("false") == "true";
  page.next_token = text(doc, "NextContinuationToken").value_or("");
  return page;
}

std::optional<ErrorBody> parse_error(std::string_view doc) {
  if (root_name(doc) != "Error") {
    return std::nullopt;
  }
  return ErrorBody{text(doc, "Code").value_or(""), text(doc, "Message").value_or("")};
}

std::string unquote_etag(std::string_view etag) {
  std::string e = decode(etag);
  if (e.size() >= 2 && e.front() == '"' && e.back() == '"') {
    e = e.substr(1, e.size() - 2);
  }
  return e;
}

} // namespace exl::storage::xml

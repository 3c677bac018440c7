#include "exlschema/storage/s3_client.hpp"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <random>

// The S3 client against a real s3rver (tests/s3/s3rver.sh, started by the ctest fixture
// `s3_store`; EXL_TEST_S3_ENV names its s3.env). Without it the tests fail: they never skip.
namespace {

using namespace exl::storage;

std::map<std::string, std::string> s3_env() {
  const char* path = std::getenv("EXL_TEST_S3_ENV");
  if (path == nullptr || *path == '\0') {
    ADD_FAILURE() << "EXL_TEST_S3_ENV is not set: run through ctest (fixture s3_store)";
    return {};
  }
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
  }
  std::map<std::string, std::string> env;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("export ", 0) != 0) {
      continue;
    }
    std::string rest = line.substr(7);
    std::size_t at = 0;
    while (at < rest.size()) {
      const std::size_t end = rest.find(' ', at);
      const std::string pair = rest.substr(at, end == std::string::npos ? end : end - at);
      const std::size_t eq = pair.find('=');
      if (eq != std::string::npos) {
        env[pair.substr(0, eq)] = pair.substr(eq + 1);
      }
      at = end == std::string::npos ? rest.size() : end + 1;
    }
  }
  return env;
}

StorageLocation store(const std::string& bucket) {
  auto env = s3_env();
  StorageLocation l;
  l.name = bucket;
  l.endpoint = env["EXL_S3_ENDPOINT"];
  l.bucket = bucket;
  l.access_key = env["EXL_S3_ACCESS_KEY"];
  l.secret_key = env["EXL_S3_SECRET_KEY"];
  return l;
}

// A prefix of its own per test, so that tests sharing the server do not meet.
std::string fresh_prefix(const std::string& name) {
  static std::mt19937_64 rng(std::random_device{}());
  return "t/" + name + "-" + std::to_string(rng() % 1000000000) + "/";
}

std::string bytes(std::size_t n, unsigned seed) {
  std::string out(n, '\0');
  std::minstd_rand r(seed);
  for (char& c : out) {
    c = static_cast<char>(r() & 0xff);
  }
  return out;
}

class S3ClientTest : public ::testing::Test {
protected:
  S3Client src{store("exl-src")};
  S3Client dst{store("exl-dst")};
};

TEST_F(S3ClientTest, PutGetHeadRemove) {
  const std::string p = fresh_prefix("basic");
  const std::string key = p + "dir one/é+&=?.bin";
  const std::string body = bytes(100'000, 1);
  const ObjectInfo put = src.put(key, body);
  EXPECT_EQ(put.size, body.size());
  EXPECT_EQ(put.etag.size(), 32u); // the body's MD5
  EXPECT_EQ(src.get(key), body);
  const auto head = src.head(key);
  ASSERT_TRUE(head);
  EXPECT_EQ(*head, put);
  EXPECT_EQ(src.get_range(key, 10, 20), body.substr(10, 20));
  std::string streamed;
  src.get_stream(key, [&](std::string_view piece) {
    streamed.append(piece);
    return true;
  });
  EXPECT_EQ(streamed, body);
  src.remove(key);
  EXPECT_FALSE(src.head(key));
  src.remove(key); // no error for a missing key
  try {
    src.get(key);
    FAIL() << "GET of a missing key answered";
  } catch (const S3Error& e) {
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_EQ(e.code(), "NoSuchKey");
    EXPECT_FALSE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("s3://exl-src/" + key), std::string::npos) << e.what();
  }
  EXPECT_EQ(src.s3_url(key), "s3://exl-src/" + key);
}

TEST_F(S3ClientTest, StoppedStreamThrowsStopped) {
  const std::string key = fresh_prefix("stop") + "big";
  src.put(key, bytes(1 << 20, 2));
  std::size_t pieces = 0;
  try {
    src.get_stream(key, [&](std::string_view) { return ++pieces < 2; });
    FAIL() << "the stream did not stop";
  } catch (const S3Error& e) {
    EXPECT_EQ(e.code(), "Stopped");
    EXPECT_FALSE(e.retryable());
  }
  EXPECT_EQ(src.remove_prefix(key), 1u);
}

// More than one page of ListObjectsV2 (1000 keys a page): continuation tokens followed.
TEST_F(S3ClientTest, ListPagesAndRemovePrefix) {
  const std::string p = fresh_prefix("many");
  constexpr int n = 1205;
  for (int i = 0; i < n; ++i) {
    src.put(p + "k" + std::to_string(100000 + i), std::to_string(i));
  }
  src.put("t/other-" + p.substr(2), "outside the prefix");
  const std::vector<ObjectInfo> listed = src.list(p);
  ASSERT_EQ(listed.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(listed[i].key, p + "k" + std::to_string(100000 + i));
    EXPECT_EQ(listed[i].size, std::to_string(i).size());
  }
  EXPECT_EQ(src.remove_prefix(p), static_cast<std::size_t>(n));
  EXPECT_TRUE(src.list(p).empty());
  EXPECT_EQ(src.remove_prefix("t/other-" + p.substr(2)), 1u);
  EXPECT_THROW(src.remove_prefix(""), std::invalid_argument);
}

TEST_F(S3ClientTest, MultipartUploadOfTwentyMebibytes) {
  const std::string key = fresh_prefix("mpu") + "big.parquet";
  const std::string body = bytes(20u << 20, 3);
  constexpr std::size_t part = 5u << 20;
  const std::string id = src.start_multipart(key);
  std::vector<std::string> etags;
  for (std::size_t at = 0; at < body.size(); at += part) {
    etags.push_back(src.upload_part(key, id, static_cast<int>(etags.size() + 1),
                                    std::string_view(body).substr(at, part)));
  }
  ASSERT_EQ(etags.size(), 4u);
  const ObjectInfo done = src.complete_multipart(key, id, etags);
  EXPECT_EQ(done.size, body.size());
  EXPECT_FALSE(done.etag.empty());
  EXPECT_EQ(src.get(key), body);
  // s3rver has no AbortMultipartUpload (405): best effort, no throw.
  src.abort_multipart(key, src.start_multipart(key + ".aborted"));
  src.remove_prefix(key);
}

TEST_F(S3ClientTest, CopyPrefixBetweenBucketsVerified) {
  const std::string from = fresh_prefix("copy-from");
  const std::string to = fresh_prefix("copy-to");
  const std::map<std::string, std::string> objects = {
      {"empty", ""},
      {"small.csv", "a,b\n1,2\n"},
      {"p=1/data_0.parquet", bytes(3u << 20, 4)},
      {"p=2/data_0.parquet", bytes((12u << 20) + 17, 5)}, // multipart-sized: 3 parts of 5 MiB
  };
  for (const auto& [name, body] : objects) {
    src.put(from + name, body);
  }
  // A source that is itself a multipart upload (s3rver: plain-MD5 ETag; AWS: md5-of-md5s-N).
  const std::string mp = bytes((11u << 20) + 3, 6);
  const std::string id = src.start_multipart(from + "p=3/mp.parquet");
  const std::vector<std::string> parts = {
      src.upload_part(from + "p=3/mp.parquet", id, 1, std::string_view(mp).substr(0, 6u << 20)),
      src.upload_part(from + "p=3/mp.parquet", id, 2, std::string_view(mp).substr(6u << 20))};
  src.complete_multipart(from + "p=3/mp.parquet", id, parts);

  CopyOptions options;
  options.part_size = 5u << 20;
  options.single_put_limit = 5u << 20;
  int polls = 0;
  options.cancelled = [&] {
    ++polls;
    return false;
  };
  const std::vector<ObjectInfo> copied = copy_prefix(src, from, dst, to, options);
  ASSERT_EQ(copied.size(), objects.size() + 1);
  EXPECT_GT(polls, 0);
  for (const auto& [name, body] : objects) {
    const auto head = dst.head(to + name);
    ASSERT_TRUE(head) << name;
    EXPECT_EQ(head->size, body.size()) << name;
    EXPECT_EQ(dst.get(to + name), body) << name;
  }
  EXPECT_EQ(dst.get(to + "p=3/mp.parquet"), mp);
  const auto listed = dst.list(to);
  ASSERT_EQ(listed.size(), copied.size());
  for (std::size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(listed[i], copied[i]);
  }
  src.remove_prefix(from);
  dst.remove_prefix(to);
}

TEST_F(S3ClientTest, CancelledCopyStops) {
  const std::string from = fresh_prefix("cancel-from");
  src.put(from + "a", "x");
  CopyOptions options;
  options.cancelled = [] { return true; };
  try {
    copy_prefix(src, from, dst, fresh_prefix("cancel-to"), options);
    FAIL() << "the copy was not cancelled";
  } catch (const S3Error& e) {
    EXPECT_EQ(e.code(), "Cancelled");
    EXPECT_FALSE(e.retryable());
  }
  src.remove_prefix(from);
}

// s3rver checks only the access key id (it does not verify signatures).
TEST_F(S3ClientTest, UnknownAccessKeyIsRefusedWithoutShowingTheSecret) {
  StorageLocation wrong = store("exl-src");
  wrong.access_key = "NOSUCHKEYID";
  wrong.secret_key = "very-secret-value-42";
  const S3Client client(wrong);
  try {
    client.put("t/denied", "x");
    FAIL() << "an unknown access key was accepted";
  } catch (const S3Error& e) {
    EXPECT_EQ(e.http_status(), 403);
    EXPECT_EQ(e.code(), "InvalidAccessKeyId");
    EXPECT_EQ(std::string(e.what()).find("very-secret-value-42"), std::string::npos) << e.what();
  }
  EXPECT_THROW(client.list("t/"), S3Error);
}

TEST_F(S3ClientTest, ConnectionRefusedIsNoAnswer) {
  // A socket bound but not listening: connections to its port are refused.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  StorageLocation closed = store("exl-src");
  closed.endpoint = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  closed.secret_key = "another-secret-value";
  try {
    S3Client(closed).get("t/x");
    FAIL() << "a closed port answered";
  } catch (const S3Error& e) {
    EXPECT_EQ(e.http_status(), 0);
    EXPECT_EQ(e.code(), "NoAnswer");
    EXPECT_TRUE(e.retryable());
    EXPECT_EQ(std::string(e.what()).find("another-secret-value"), std::string::npos);
  }
  ::close(fd);
}

} // namespace

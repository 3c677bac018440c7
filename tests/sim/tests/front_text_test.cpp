// Pure pieces of the front, without a server: password scrambling, packet encoding, the
// tokenizer, LIKE, statement splitting, redaction, fault patterns.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <openssl/sha.h>

#include "server/sim_control.hpp"
#include "server/sql_text.hpp"
#include "server/wire.hpp"

namespace srsim::server {
namespace {

std::string sha1(const std::string& s) {
  unsigned char d[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d);
  return std::string(reinterpret_cast<char*>(d), SHA_DIGEST_LENGTH);
}

// What a client sends: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))).
std::string client_token(const std::string& pw, const std::string& scramble) {
  std::string a = sha1(pw), mask = sha1(scramble + sha1(sha1(pw)));
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<char>(a[i] ^ mask[i]);
  }
  return a;
}

TEST(FrontTextTest, NativePasswordAcceptsOnlyTheRightToken) {
  std::string scramble = wire::make_scramble();
  ASSERT_EQ(scramble.size(), 20u);
  EXPECT_EQ(scramble.find('\0'), std::string::npos);
  std::string hash = wire::native_password_hash("s3cret");
  EXPECT_EQ(wire::to_hex(hash), wire::to_hex(sha1(sha1("s3cret"))));
  EXPECT_TRUE(wire::check_native_password(scramble, client_token("s3cret", scramble), hash));
  EXPECT_FALSE(wire::check_native_password(scramble, client_token("s3creT", scramble), hash));
  EXPECT_FALSE(wire::check_native_password(scramble, "", hash));
  EXPECT_TRUE(wire::check_native_password(scramble, "", wire::native_password_hash("")));
}

TEST(FrontTextTest, LengthEncodedIntegers) {
  std::string out;
  wire::put_lenenc_int(out, 250);
  wire::put_lenenc_int(out, 251);
  wire::put_lenenc_int(out, 70000);
  EXPECT_EQ(wire::to_hex(out), "fa"
                               "fcfb00"
                               "fd701101");
}

TEST(FrontTextTest, HandshakeResponseRoundTrip) {
  std::string p;
  wire::put_u32(p, wire::k_protocol_41 | wire::k_secure_connection | wire::k_plugin_auth |
                       wire::k_connect_with_db | wire::k_connect_attrs);
  wire::put_u32(p, 1 << 24);
  p += static_cast<char>(33);
  p.append(23, '\0');
  p += std::string("alice") + '\0';
  p += static_cast<char>(3);
  p += "abc";
  p += std::string("db1") + '\0';
  p += std::string("mysql_native_password") + '\0';
  std::string attrs;
  wire::put_lenenc_str(attrs, "program_name");
  wire::put_lenenc_str(attrs, "exlSchema");
  wire::put_lenenc_int(p, attrs.size());
  p += attrs;
  auto h = wire::parse_handshake_response(p);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->user, "alice");
  EXPECT_EQ(h->auth_response, "abc");
  EXPECT_EQ(h->database, "db1");
  EXPECT_EQ(h->plugin, "mysql_native_password");
  EXPECT_EQ(h->attributes.at("program_name"), "exlSchema");
  EXPECT_FALSE(wire::parse_handshake_response(p.substr(0, 32))); // an SSL request
}

TEST(FrontTextTest, OkPacketInfoIsLengthEncoded) {
  OkReply ok{2, 0, 0, "{'label':'l1'}"};
  std::string p = wire::ok_packet(ok);
  EXPECT_EQ(wire::to_hex(p.substr(0, 7)), "00"
                                          "02"
                                          "00"
                                          "0200"
                                          "0000");
  EXPECT_EQ(static_cast<unsigned char>(p[7]), 14u);
  EXPECT_EQ(p.substr(8), "{'label':'l1'}");
  EXPECT_EQ(wire::ok_packet(OkReply{}).size(), 7u);
}

TEST(FrontTextTest, ErrPacketLayout) {
  std::string p = wire::err_packet({1045, "28000", "denied"});
  EXPECT_EQ(wire::to_hex(p.substr(0, 3)), "ff1504");
  EXPECT_EQ(p.substr(3), "#28000denied");
}

TEST(FrontTextTest, TokenizerSkipsCommentsAndUnquotes) {
  auto t = tokenize("/*+ SET_VAR(a=1) */ SELECT `we``ird`, 'it''s', \"dq\" -- tail\n @@x 1.5");
  ASSERT_EQ(t.size(), 9u);
  EXPECT_TRUE(t[0].is("select"));
  EXPECT_EQ(t[1].kind, Token::Kind::QuotedName);
  EXPECT_EQ(t[1].text, "we`ird");
  EXPECT_EQ(t[3].text, "it's");
  EXPECT_EQ(t[5].text, "dq");
  EXPECT_TRUE(t[6].is_symbol("@@"));
  EXPECT_EQ(t[8].text, "1.5");
}

TEST(FrontTextTest, LikeMatching) {
  EXPECT_TRUE(like_match("query%", "query_timeout"));
  EXPECT_TRUE(like_match("QUERY_TIMEOUT", "query_timeout"));
  EXPECT_TRUE(like_match("%time_ut", "query_timeout"));
  EXPECT_TRUE(like_match("a\\_b", "a_b"));
  EXPECT_FALSE(like_match("a\\_b", "axb"));
  EXPECT_FALSE(like_match("query", "query_timeout"));
  EXPECT_TRUE(like_match("%", ""));
}

TEST(FrontTextTest, MultipleStatementsDetection) {
  EXPECT_FALSE(has_multiple_statements("SELECT 1;"));
  EXPECT_FALSE(has_multiple_statements("SELECT ';' -- ; \n"));
  EXPECT_FALSE(has_multiple_statements("SELECT 1 /* ; */"));
  EXPECT_TRUE(has_multiple_statements("SELECT 1; SELECT 2"));
  EXPECT_EQ(strip_statement("  SELECT 1 ;; \n"), "SELECT 1");
}

TEST(FrontTextTest, PasswordsAreRedacted) {
  EXPECT_EQ(redact_passwords("CREATE USER u IDENTIFIED BY 'pw'"),
            "CREATE USER u IDENTIFIED BY '***'");
  EXPECT_EQ(redact_passwords("x PROPERTIES(\"user\"=\"u\", \"password\"=\"pw\")"),
            "x PROPERTIES(\"user\"=\"u\", \"password\"=\"***\")");
  EXPECT_EQ(redact_passwords("SET PASSWORD = password('pw')"), "SET PASSWORD = PASSWORD('***')");
  EXPECT_EQ(redact_passwords("SELECT 'password'"), "SELECT 'password'");
}

TEST(FrontTextTest, FaultPatternsAreRegexOrSubstring) {
  EXPECT_TRUE(pattern_matches("insert\\s+overwrite", "INSERT  OVERWRITE t SELECT 1"));
  EXPECT_TRUE(pattern_matches("values (1", "INSERT INTO t VALUES (1)")); // not a regex
  EXPECT_FALSE(pattern_matches("^select", "INSERT INTO t SELECT 1"));
}

TEST(FrontTextTest, FailRuleFiresOnTheNthMatchOnly) {
  SimControl control(std::make_shared<LiveSettings>());
  control.add_fail(FailRule{3, "insert", ErrorReply{1105, "HY000", "x"}});
  EXPECT_FALSE(control.on_statement("INSERT 1").fail);
  EXPECT_FALSE(control.on_statement("SELECT").fail);
  EXPECT_FALSE(control.on_statement("insert 2").fail);
  EXPECT_TRUE(control.on_statement("insert 3").fail);
  EXPECT_FALSE(control.on_statement("insert 4").fail);
}

TEST(FrontTextTest, CloseAfterCountsAndFiresOnce) {
  SimControl control(std::make_shared<LiveSettings>());
  control.set_close_after(1);
  EXPECT_FALSE(control.on_statement("a").drop_connection);
  EXPECT_TRUE(control.on_statement("b").drop_connection);
  EXPECT_FALSE(control.on_statement("c").drop_connection);
}

} // namespace
} // namespace srsim::server

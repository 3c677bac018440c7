#include "exlschema/pipe/stream_load_client.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// The BE's keys (stream_load_context.cpp to_json), pretty-printed as StarRocks sends them.
TEST(StreamLoadAnswerTest, ReadsTheBesAnswer) {
  const auto a = exl::pipe::parse_stream_load_answer(200, R"({
    "TxnId": 1003,
    "Label": "l1",
    "Status": "Success",
    "Message": "OK",
    "NumberTotalRows": 1000000,
    "NumberLoadedRows": 999999,
    "NumberFilteredRows": 1,
    "NumberUnselectedRows": 0,
    "LoadBytes": 40888898,
    "LoadTimeMs": 2144,
    "ErrorURL": "http://be:8040/api/_load_error_log?file=x"
})");
  EXPECT_TRUE(a.committed());
  EXPECT_EQ(a.txn_id, 1003);
  EXPECT_EQ(a.loaded_rows, 999999);
  EXPECT_EQ(a.filtered_rows, 1);
  EXPECT_EQ(a.error_url, "http://be:8040/api/_load_error_log?file=x");
  EXPECT_TRUE(
      exl::pipe::parse_stream_load_answer(200, R"({"Status":"Publish Timeout"})").committed());
}

TEST(StreamLoadAnswerTest, LabelClashesFeErrorsAndGarbageAreNotCommitted) {
  const auto clash = exl::pipe::parse_stream_load_answer(
      200, R"({"Label":"l1","Status":"Label Already Exists","ExistingJobStatus":"FINISHED",)"
           R"("Message":"Label [l1] has already been used."})");
  EXPECT_FALSE(clash.committed());
  EXPECT_EQ(clash.existing_job_status, "FINISHED");
  const auto fe = exl::pipe::parse_stream_load_answer(
      200, R"({"status":"FAILED","code":"1","msg":"There is no 100-continue header"})");
  EXPECT_EQ(fe.status, "Fail");
  EXPECT_EQ(fe.message, "There is no 100-continue header");
  const auto html = exl::pipe::parse_stream_load_answer(500, "<html>oops</html>");
  EXPECT_EQ(html.status, "Fail");
  EXPECT_NE(html.message.find("HTTP 500"), std::string::npos);
}

// An FE that cannot be reached (restarting, a leader change) leaves the outcome to the label:
// LoadTransportError, which the mode resolves before sending again. A real socket, nobody
// listening.
TEST(StreamLoadAnswerTest, AnUnreachableFeIsAnUnknownOutcome) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(fd); // the port is free again: connecting to it is refused
  exl::starrocks::StreamLoadRequest request;
  request.target = {"", "db", "t"};
  request.label = "l1";
  exl::pipe::BytePipe body(1024);
  body.close();
  const exl::pipe::LoadEndpoint fe{"127.0.0.1", ntohs(addr.sin_port), "u", "p"};
  EXPECT_THROW(exl::pipe::send_stream_load(fe, request, body, std::chrono::seconds(5), {}),
               exl::pipe::LoadTransportError);
}

#include "exlschema/pipe/byte_pipe.hpp"

#include <gtest/gtest.h>

#include <thread>

// The writer waits while the buffer is full; the reader gets every byte in order, then the end.
TEST(BytePipeTest, CarriesEveryByteThroughABoundedBuffer) {
  exl::pipe::BytePipe pipe(16);
  std::string sent;
  for (int i = 0; i < 1000; ++i) {
    sent += std::to_string(i) + ",";
  }
  std::thread writer([&] {
    for (std::size_t at = 0; at < sent.size(); at += 7) {
      pipe.write(std::string_view(sent).substr(at, 7));
    }
    pipe.close();
  });
  std::string received;
  char buffer[5];
  long n = 0;
  while ((n = pipe.read(buffer, sizeof buffer)) > 0) {
    received.append(buffer, static_cast<std::size_t>(n));
  }
  writer.join();
  EXPECT_EQ(n, 0);
  EXPECT_EQ(received, sent);
  EXPECT_EQ(pipe.bytes_read(), sent.size());
}

TEST(BytePipeTest, AFailedWriterEndsTheReadAndAnAbandonedReaderStopsTheWriter) {
  exl::pipe::BytePipe failed(16);
  failed.write("abc");
  failed.fail("the source went away");
  char buffer[8];
  EXPECT_EQ(failed.read(buffer, sizeof buffer), -1);
  EXPECT_EQ(failed.failure(), "the source went away");
  exl::pipe::BytePipe abandoned(4);
  std::thread reader([&] { abandoned.abandon(); });
  reader.join();
  EXPECT_THROW(abandoned.write("more than four bytes"), std::runtime_error);
}

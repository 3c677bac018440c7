#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

// A bounded byte queue between the thread that reads the source (a streaming SELECT turned into
// CSV) and the thread that sends it (the Stream Load body): a ring of `capacity` bytes allocated
// once, the writer blocking while it is full, so memory stays bounded whatever the table or
// partition size. Either side can end it: the writer
// closes it (the end of the body) or fails it; the reader abandons it (the request ended), which
// makes a blocked writer throw.
namespace exl::pipe {

class BytePipe {
public:
  explicit BytePipe(std::size_t capacity);

  // Appends `bytes`, waiting for room. Throws std::runtime_error once the reader abandoned it.
  void write(std::string_view bytes);
  void close();                          // the writer is done: the reader sees the end
  void fail(const std::string& message); // the writer failed: the reader's read() returns -1

  // Copies up to `size` bytes into `out`, waiting for data; 0 at the end, -1 when failed.
  long read(char* out, std::size_t size);
  void abandon(); // the reader is done (the request ended early): the writer stops

  std::string failure() const;
  std::size_t bytes_read() const;

private:
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<char> m_ring;
  std::size_t m_head = 0; // where the oldest waiting byte is
  std::size_t m_size = 0; // bytes waiting
  std::size_t m_read = 0;
  bool m_closed = false;
  bool m_abandoned = false;
  std::string m_failure;
};

} // namespace exl::pipe

// Linked into srsim only while tests/sim/engine/ has no sources (or with -DSRSIM_STUB_ENGINE=ON):
// it lets the front and the sandbox run before the real engine exists. Every statement the front
// does not answer itself fails with an error that says so.

#include "sim_api.hpp"

namespace srsim {
namespace {

class FallbackEngine : public Engine {
public:
  Reply execute(SessionContext&, const std::string& sql) override {
    return ErrorReply{1064, "HY000",
                      "srsim: no storage engine in this build; cannot run: " + sql.substr(0, 80)};
  }
  Reply use_database(SessionContext&, const std::string&) override { return OkReply{}; }
  void close_session(SessionContext&) override {}
  void kill_query(std::uint32_t) override {}
};

} // namespace

std::unique_ptr<Engine> make_engine(const ClusterConfig&) {
  return std::make_unique<FallbackEngine>();
}

} // namespace srsim

// srsim: one simulated StarRocks cluster (SANDBOX.md). See docs/srsim.md for the options.

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "server/front.hpp"
#include "server/options.hpp"
#include "server/server.hpp"

namespace {

void write_file_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
  }
  std::rename(tmp.c_str(), path.c_str());
}

void setup_logging(const std::string& data_dir, const std::string& name) {
  auto logger = spdlog::basic_logger_mt("srsim", data_dir + "/srsim.log");
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] [" + name + "] %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr); // every thread started later inherits the mask
  signal(SIGPIPE, SIG_IGN);
  return set;
}

int serve(srsim::server::Options options, const sigset_t& stop_signals) {
  srsim::ClusterConfig& cluster = options.front.cluster;
  srsim::server::Server server;
  srsim::server::Ports ports = server.bind(options.ports);
  cluster.query_port = ports.query;
  cluster.http_port = ports.http;
  cluster.rpc_port = ports.rpc;
  cluster.be_http_port = ports.be_http;
  srsim::server::Front front(options.front, srsim::make_engine(cluster));
  server.start(front);
  std::string dir = cluster.data_dir;
  std::string ready = "PORT=" + std::to_string(ports.query) +
                      "\nHTTP_PORT=" + std::to_string(ports.http) +
                      "\nRPC_PORT=" + std::to_string(ports.rpc) +
                      "\nBE_HTTP_PORT=" + std::to_string(ports.be_http) +
                      "\nPID=" + std::to_string(getpid()) + "\n";
  write_file_atomically(dir + "/srsim.pid", std::to_string(getpid()) + "\n");
  write_file_atomically(dir + "/srsim.ready", ready);
  spdlog::info("ready: version {} port {} http_port {} rpc_port {}", cluster.version.text(),
               ports.query, ports.http, ports.rpc);
  std::cout << "srsim " << cluster.name << " ready: port=" << ports.query
            << " http_port=" << ports.http << " rpc_port=" << ports.rpc
            << " be_http_port=" << ports.be_http << std::endl;
  int sig = 0;
  sigwait(&stop_signals, &sig);
  spdlog::info("signal {}: stopping", sig);
  bool idle = server.stop();
  std::remove((dir + "/srsim.ready").c_str());
  std::remove((dir + "/srsim.pid").c_str());
  if (!idle) {
    // A connection thread still runs inside the engine: destroying the front under it would
    // crash, so leave without running destructors.
    spdlog::warn("stopped with busy connections");
    spdlog::shutdown();
    std::_Exit(0);
  }
  spdlog::info("stopped");
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  sigset_t stop_signals = block_stop_signals();
  srsim::server::Options options;
  try {
    options = srsim::server::parse_options(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const srsim::server::OptionsError& e) {
    std::cerr << "srsim: " << e.what() << "\n" << srsim::server::usage_text() << std::endl;
    return 2;
  }
  if (options.help) {
    std::cout << srsim::server::usage_text() << std::endl;
    return 0;
  }
  unsetenv("SRSIM_ROOT_PASSWORD"); // nothing started later inherits the secrets
  unsetenv("SRSIM_STORAGE_PASSWORD");
  ::mkdir(options.front.cluster.data_dir.c_str(), 0700);
  try {
    setup_logging(options.front.cluster.data_dir, options.front.cluster.name);
    return serve(std::move(options), stop_signals);
  } catch (const std::exception& e) {
    spdlog::error("fatal: {}", e.what());
    std::cerr << "srsim: " << e.what() << std::endl;
    return 1;
  }
}

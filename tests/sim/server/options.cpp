#include "server/options.hpp"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "server/sql_text.hpp"

namespace srsim::server {
namespace {

std::string read_secret_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw OptionsError("cannot read " + path);
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
    line.pop_back();
  }
  return line;
}

std::string secret(const std::string& file, const char* env) {
  if (!file.empty()) {
    return read_secret_file(file);
  }
  const char* value = std::getenv(env);
  return value ? value : "";
}

int to_int(const std::string& name, const std::string& value) {
  auto v = parse_integer(value);
  if (!v || *v < 0 || *v > 1000000000) {
    throw OptionsError("--" + name + " needs a non-negative integer, got '" + value + "'");
  }
  return static_cast<int>(*v);
}

} // namespace

Version parse_version(const std::string& text) {
  Version v;
  char dot1 = 0, dot2 = 0;
  std::istringstream in(text);
  if (!(in >> v.major >> dot1 >> v.minor >> dot2 >> v.patch) || dot1 != '.' || dot2 != '.' ||
      !in.eof()) {
    throw OptionsError("--version needs MAJOR.MINOR.PATCH, got '" + text + "'");
  }
  bool known = (v.major == 2 && v.minor == 5) ||
               (v.major == 3 && (v.minor == 1 || v.minor == 3 || v.minor == 4));
  if (!known) {
    throw OptionsError("--version " + text + ": srsim simulates 2.5.x, 3.1.x, 3.3.x and 3.4.x");
  }
  return v;
}

std::string usage_text() {
  return R"(usage: srsim --data-dir DIR [options]
  --name NAME                 cluster name (default sim)
  --version X.Y.Z             StarRocks version to imitate: 2.5.x, 3.1.x, 3.3.x, 3.4.x (default 3.3.5)
  --port N / --http-port N / --rpc-port N   loopback ports (0 = any free port; default 0)
  --be-http-port N                          the simulated BE's http port (Stream Load; default 0)
  --storage-host H --storage-port N --storage-socket PATH --storage-user U   the cluster's MariaDB
  --storage-password-file F   (or $SRSIM_STORAGE_PASSWORD)
  --root-password-file F      root's password (or $SRSIM_ROOT_PASSWORD); required, non-empty
  --stats-interval S          SHOW PARTITIONS statistics refresh period (default 300)
  --olap-external-delay S     fault: OLAP external INSERTs fail for S s after CREATE (default 0)
  --max-disk-used-pct X       SHOW BACKENDS MaxDiskUsedPct (default 44.72)
  --shared-data               imitate a shared-data cluster
  --latency-ms N              fault: delay every statement by N ms
  --refuse-connections        fault: refuse new connections
  --fault 'TAIL'              fault: any `ADMIN SET SIM TAIL` statement, repeatable
Writes DATA_DIR/srsim.log, query.log, users.txt, srsim.pid and srsim.ready (PORT=, HTTP_PORT=,
RPC_PORT=, PID= once listening).)";
}

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  ClusterConfig& c = o.front.cluster;
  std::string root_file, storage_file;
  using Setter = std::function<void(const std::string&)>;
  const std::map<std::string, Setter> with_value = {
      {"name", [&](const std::string& v) { c.name = v; }},
      {"version", [&](const std::string& v) { c.version = parse_version(v); }},
      {"port", [&](const std::string& v) { o.ports.query = to_int("port", v); }},
      {"http-port", [&](const std::string& v) { o.ports.http = to_int("http-port", v); }},
      {"rpc-port", [&](const std::string& v) { o.ports.rpc = to_int("rpc-port", v); }},
      {"be-http-port", [&](const std::string& v) { o.ports.be_http = to_int("be-http-port", v); }},
      {"storage-host", [&](const std::string& v) { c.storage.host = v; }},
      {"storage-port", [&](const std::string& v) { c.storage.port = to_int("storage-port", v); }},
      {"storage-socket", [&](const std::string& v) { c.storage.socket = v; }},
      {"storage-user", [&](const std::string& v) { c.storage.user = v; }},
      {"storage-password-file", [&](const std::string& v) { storage_file = v; }},
      {"root-password-file", [&](const std::string& v) { root_file = v; }},
      {"data-dir", [&](const std::string& v) { c.data_dir = v; }},
      {"stats-interval",
       [&](const std::string& v) { c.stats_interval_s = to_int("stats-interval", v); }},
      {"olap-external-delay",
       [&](const std::string& v) { c.olap_external_delay_s = to_int("olap-external-delay", v); }},
      {"max-disk-used-pct",
       [&](const std::string& v) { o.front.max_disk_used_pct = std::atof(v.c_str()); }},
      {"latency-ms", [&](const std::string& v) { o.front.latency_ms = to_int("latency-ms", v); }},
      {"fault", [&](const std::string& v) { o.front.faults.push_back(v); }},
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      return o;
    }
    if (arg == "--shared-data") {
      c.shared_data = true;
      continue;
    }
    if (arg == "--refuse-connections") {
      o.front.refuse_connections = true;
      continue;
    }
    std::string name = arg.rfind("--", 0) == 0 ? arg.substr(2) : "";
    std::string value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (with_value.count(name)) {
      if (i + 1 >= args.size()) {
        throw OptionsError(arg + " needs a value");
      }
      value = args[++i];
    }
    auto it = with_value.find(name);
    if (it == with_value.end()) {
      throw OptionsError("unknown option " + arg);
    }
    it->second(value);
  }
  if (c.data_dir.empty()) {
    throw OptionsError("--data-dir is required");
  }
  o.front.root_password = secret(root_file, "SRSIM_ROOT_PASSWORD");
  if (o.front.root_password.empty()) {
    throw OptionsError("root password missing: --root-password-file or $SRSIM_ROOT_PASSWORD");
  }
  c.storage.password = secret(storage_file, "SRSIM_STORAGE_PASSWORD");
  return o;
}

} // namespace srsim::server

#include "app/options_builder.hpp"

#include "exlschema/cli/name_list.hpp"
#include "exlschema/config/secrets.hpp"
#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"

namespace exl::app {
namespace {

// Two aliases for one server copy within one cluster: only safe when every table is renamed to a
// name the run does not read (the rule of the same alias on both sides, cli/validate_args.cpp).
void check_distinct_servers(const config::RunOptions& options) {
  const auto& source = options.source.connection;
  const auto& target = options.target.connection;
  if (source.host != target.host || source.port != target.port) {
    return;
  }
  if (const auto problem = cli::within_one_cluster_problem(options.tables)) {
    throw ConfigError(
        "exlSchema: -source '" + options.source.alias + "' and -target '" + options.target.alias +
        "' are the same server " + source.host + ":" + std::to_string(source.port) +
        ": copying within one cluster needs every -t entry renamed to a new name; " + *problem);
  }
}

} // namespace

config::RunOptions build_run_options(const cli::CliArgs& args, const config::ConfigFile& file,
                                     config::ClusterDirectory& directory,
                                     const std::string& run_id) {
  config::RunOptions options;
  static_cast<config::JobFlags&>(options) = args; // the job as the command line gave it
  options.run_id = run_id;
  options.threads = args.threads.value_or(file.defaults.thread);
  options.speed_gb = args.speed_gb.value_or(file.defaults.speed_gb);
  options.query_timeout_s = file.defaults.query_timeout_s;
  options.max_disk_used_pct = file.defaults.max_disk_used_pct;
  options.critical_disk_used_pct = file.defaults.critical_disk_used_pct;
  options.external_metadata_wait_s = file.defaults.external_metadata_wait_s;
  options.config_path = file.path;
  if (file.scs && args.mode == "meta") {
    options.scs = config::resolve_scs(*file.scs);
  }
  if (file.storage && args.mode == "files") {
    options.storage = config::resolve_storage(*file.storage);
  }
  if (file.feishu && file.feishu->progress_interval_s > 0) {
    options.scs.report_interval_s = file.feishu->progress_interval_s;
  }
  options.jdbc_driver_url = file.jdbc.url;
  options.jdbc_driver_class = file.jdbc.class_name;
  options.state_path = file.state_path.empty() ? state::default_state_path() : file.state_path;
  options.source = directory.resolve(args.source, "-source");
  options.target = directory.resolve(args.target, "-target");
  check_distinct_servers(options);
  if (file.feishu && !args.no_notify) {
    options.feishu = config::resolve_feishu(*file.feishu);
  }
  return options;
}

} // namespace exl::app

#include "exlschema/modes/source_catalog.hpp"

#include "exlschema/modes/run_context.hpp"
#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/version.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <cctype>

namespace exl::modes {
namespace {

std::string endpoint_text(const std::string& host, int port, const std::string& user) {
  return host + ":" + std::to_string(port) + " as '" + user + "'";
}

bool catalog_listed(RunContext& ctx, const std::string& name) {
  const db::ResultSet rs =
      ctx.gate.read(Side::Target, starrocks::build_show_catalogs(ctx.target.version, name));
  for (const auto& row : rs.rows) {
    if (!row.empty() && row[0] && *row[0] == name) {
      return true;
    }
  }
  return false;
}

// A catalog of that name exists: reuse it when it reads the same source as the same user.
SourceCatalog reuse(RunContext& ctx, const std::string& name) {
  const db::ResultSet rs = ctx.gate.read(Side::Target, starrocks::build_show_create_catalog(name));
  const std::string text =
      rs.rows.empty() || rs.rows[0].size() < 2 || !rs.rows[0][1] ? std::string() : *rs.rows[0][1];
  const auto properties = starrocks::parse_catalog_properties(text);
  std::string uri;
  std::string user;
  if (properties) {
    for (const auto& [key, value] : properties.value()) {
      uri = key == "jdbc_uri" ? value : uri;
      user = key == "user" ? value : user;
    }
  }
  const auto endpoint = starrocks::parse_jdbc_uri(uri);
  const db::ConnectionParams& source = ctx.options.source.connection;
  const bool same = endpoint && endpoint.value().host == source.host &&
                    endpoint.value().port == source.port && user == source.user;
  if (!same) {
    const std::string found =
        endpoint ? endpoint_text(endpoint.value().host, endpoint.value().port, user)
                 : "'" + uri + "'";
    throw FatalError("exlSchema: the target '" + ctx.options.target.alias + "' has a catalog `" +
                     name + "` that reads " + found + ", not the source '" +
                     ctx.options.source.alias + "' (" +
                     endpoint_text(source.host, source.port, source.user) +
                     "); nothing was written. Drop it (exlSchema clean -catalogs -target " +
                     ctx.options.target.alias + " -r) or check the -source alias");
  }
  SourceCatalog out;
  out.name = name;
  out.notes.push_back("reads the source through the existing catalog `" + name + "`");
  return out;
}

} // namespace

std::string source_catalog_prefix() {
  return "exl_src_";
}

std::string source_catalog_name(std::string_view source_alias) {
  std::string name = source_catalog_prefix();
  for (char c : source_alias) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  if (name.size() > starrocks::k_max_common_name) {
    name = name.substr(0, starrocks::k_max_common_name - 17) + "_" +
           starrocks::stable_hash_hex(source_alias);
  }
  return name;
}

SourceCatalog plan_source_catalog(RunContext& ctx) {
  const std::string& mode = ctx.options.mode;
  if (!starrocks::supports(ctx.target.version, starrocks::Feature::JdbcCatalog)) {
    throw FatalError("exlSchema: -o " + mode + " reads the source through a JDBC catalog on the " +
                     "target, and the target '" + ctx.options.target.alias + "' runs StarRocks " +
                     ctx.target.version_text +
                     ", which has none (JDBC catalogs came with 3.0); nothing was written. Use "
                     "-o mysql, -o starrocks or -o pipe for this target");
  }
  const std::string name = source_catalog_name(ctx.options.source.alias);
  if (catalog_listed(ctx, name)) {
    return reuse(ctx, name);
  }
  if (!ctx.options.create_catalog) {
    throw UsageError("exlSchema: -o " + mode + " reads the source through the JDBC catalog `" +
                     name + "` on the target '" + ctx.options.target.alias +
                     "', which does not exist; add -a to create it (nothing was written)");
  }
  const db::ConnectionParams& source = ctx.options.source.connection;
  starrocks::JdbcCatalogSpec spec;
  spec.name = name;
  spec.host = source.host;
  spec.port = source.port;
  spec.user = source.user;
  spec.password = source.password;
  spec.driver_url = ctx.options.jdbc_driver_url;
  spec.driver_class = ctx.options.jdbc_driver_class;
  spec.comment = "exlSchema: reads cluster " + ctx.options.source.alias;
  // The source runs each scan in the catalog's own session: without this a long partition copy
  // dies at the source's default query_timeout of 300 s (seed 002).
  spec.session_variables = {{"query_timeout", std::to_string(ctx.options.query_timeout_s)}};
  SourceCatalog out;
  out.name = name;
  out.create = Statement{Side::Target, starrocks::build_create_jdbc_catalog(spec), {}, false};
  out.notes.push_back("creates the catalog `" + name +
                      "` (kept for later runs; the target "
                      "stores the source password in it)");
  return out;
}

} // namespace exl::modes

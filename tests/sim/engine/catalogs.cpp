// JDBC external catalogs (starrocks-surface.md §6). The catalog is only recorded at CREATE time
// (StarRocks connects on first use); a three-part name catalog.db.t is read through a FederatedX
// table in `__srsim_fed` pointing at the storage MariaDB behind the catalog's jdbc_uri.

#include "create_table_parser.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "remote_storage.hpp"

#include <regex>

namespace srsim::engine {

namespace {

const char* const k_internal_comment =
    "An internal catalog contains this cluster's self-managed tables.";

// Hides a secret the way StarRocks masks credentials (`AK******M4`).
std::string mask(const std::string& secret) {
  if (secret.size() <= 4) {
    return "******";
  }
  return secret.substr(0, 2) + "******" + secret.substr(secret.size() - 2);
}

void check_jdbc_properties(const Properties& props) {
  for (const char* key : {"user", "password", "jdbc_uri", "driver_url", "driver_class"}) {
    if (!find_property(props, key)) {
      fail_analyzing("Missing " + std::string(key) + " in properties");
    }
  }
  parse_jdbc_uri(*find_property(props, "jdbc_uri"));
}

} // namespace

Reply create_catalog(Ctx& ctx, Cursor& cur) {
  if (cur.is_kw("IF")) {
    cur.require(SyntaxForm::CreateCatalogIfNotExists);
  }
  bool if_not_exists = cur.accept_kws({"IF", "NOT", "EXISTS"});
  CatalogDef def;
  def.name = cur.identifier();
  if (cur.accept_kw("COMMENT")) {
    def.comment = cur.string_literal();
  }
  cur.expect_kw("PROPERTIES");
  def.properties = parse_properties(cur);
  ctx.require("CREATE", "");
  const std::string* type = find_property(def.properties, "type");
  if (!type) {
    fail_analyzing("Missing properties 'type'");
  }
  std::string t = to_lower(*type);
  if (t != "jdbc") {
    fail_unsupported("catalog type " + *type);
  }
  if (!ctx.version().at_least(3, 0)) {
    // JDBC catalogs arrived in v3.0 (jdbc_catalog.md).
    fail_analyzing("Unknown catalog type: jdbc");
  }
  if (!std::regex_match(def.name, std::regex("[A-Za-z][A-Za-z0-9_]{0,1022}"))) {
    fail_analyzing("Incorrect catalog name '" + def.name + "'");
  }
  check_jdbc_properties(def.properties);
  if (def.name == "default_catalog" || ctx.state.store.catalog(def.name)) {
    if (if_not_exists) {
      return OkReply{};
    }
    throw EngineError(ErrorReply{5514, "42000", "Catalog '" + def.name + "' already exists"});
  }
  ctx.state.store.save_catalog(def);
  return OkReply{};
}

Reply drop_catalog(Ctx& ctx, Cursor& cur) {
  if (cur.is_kw("IF") && cur.is_kw("EXISTS", 1)) {
    cur.require(SyntaxForm::DropCatalogIfExists);
  }
  bool if_exists = cur.accept_kws({"IF", "EXISTS"});
  std::string name = cur.identifier();
  ctx.require("DROP", "");
  if (name == "default_catalog") {
    fail_analyzing("Can't drop the default internal catalog");
  }
  if (!ctx.state.store.catalog(name)) {
    if (if_exists) {
      return OkReply{};
    }
    throw EngineError(ErrorReply{5078, "42000", "Unknown catalog '" + name + "'"});
  }
  ctx.state.store.remove_catalog(name);
  std::lock_guard<std::mutex> lock(ctx.state.catalog_mutex);
  ctx.state.catalog_storage.erase(name);
  return OkReply{};
}

Reply show_catalogs(Ctx& ctx, Cursor& cur) {
  std::string pattern = "%";
  if (cur.is_kw("LIKE")) {
    cur.require(SyntaxForm::ShowCatalogsLike);
  }
  if (cur.accept_kw("LIKE")) {
    pattern = cur.string_literal();
  }
  if (!cur.at_end()) {
    fail_unsupported("SHOW CATALOGS " + cur.rest_from(cur.position()));
  }
  ResultSet rs{{"Catalog", "Type", "Comment"}, {}};
  if (like_match("default_catalog", pattern)) {
    rs.rows.push_back(
        {std::string("default_catalog"), std::string("Internal"), std::string(k_internal_comment)});
  }
  for (const CatalogDef& c : ctx.state.store.catalogs()) {
    if (!like_match(c.name, pattern)) {
      continue;
    }
    std::optional<std::string> comment;
    if (!c.comment.empty()) {
      comment = c.comment;
    }
    rs.rows.push_back({c.name, std::string("Jdbc"), comment});
  }
  return rs;
}

Reply show_create_catalog(Ctx& ctx, Cursor& cur) {
  std::string name = cur.identifier();
  auto c = ctx.state.store.catalog(name);
  if (!c) {
    throw EngineError(ErrorReply{5078, "42000", "Unknown catalog '" + name + "'"});
  }
  std::string text = "CREATE EXTERNAL CATALOG `" + c->name + "`\n";
  if (!c->comment.empty()) {
    text += "comment \"" + c->comment + "\"\n";
  }
  text += "PROPERTIES (";
  for (std::size_t i = 0; i < c->properties.size(); ++i) {
    const auto& [k, v] = c->properties[i];
    text += (i ? ",\n" : "") + std::string("\"") + k + "\"  =  \"" +
            (k == "password" ? mask(v) : v) + "\"";
  }
  text += "\n)";
  return ResultSet{{"Catalog", "Create Catalog"}, {{c->name, text}}};
}

std::string federated_table(Ctx& ctx, const std::string& catalog, const std::string& db,
                            const std::string& table) {
  auto c = ctx.state.store.catalog(catalog);
  if (!c) {
    fail_analyzing("Unknown catalog '" + catalog + "'");
  }
  ctx.require("SELECT", "");
  StorageConfig remote = resolve_catalog_storage(ctx, *c);
  try {
    return make_federated_table(ctx, remote, catalog, db, table);
  } catch (const BackendError&) {
    // The other cluster may have restarted on new storage ports: resolve once more.
    {
      std::lock_guard<std::mutex> lock(ctx.state.catalog_mutex);
      ctx.state.catalog_storage.erase(catalog);
    }
    return make_federated_table(ctx, resolve_catalog_storage(ctx, *c), catalog, db, table);
  }
}

} // namespace srsim::engine

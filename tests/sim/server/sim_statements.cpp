// ADMIN SET SIM / ADMIN SHOW SIM / ADMIN CLEAR SIM: srsim's own control statements (docs/srsim.md).

#include <stdexcept>

#include "server/front.hpp"
#include "server/statements.hpp"

namespace srsim::server {
namespace {

std::optional<long long> take_integer(TokenCursor& c) {
  bool negative = c.accept_symbol("-");
  if (c.peek().kind != Token::Kind::Number) {
    return std::nullopt;
  }
  auto v = parse_integer(c.next().text);
  return v ? std::optional<long long>(negative ? -*v : *v) : std::nullopt;
}

std::optional<std::string> take_string(TokenCursor& c) {
  if (c.peek().kind != Token::Kind::String) {
    return std::nullopt;
  }
  return c.next().text;
}

Reply done(TokenCursor& c) {
  if (!c.at_end()) {
    return syntax_error("unexpected '" + c.peek().text + "' in ADMIN SET SIM");
  }
  return OkReply{};
}

Reply set_fail(SimControl& control, TokenCursor& c) {
  auto n = take_integer(c);
  auto pattern = take_string(c);
  auto code = take_integer(c);
  auto message = take_string(c);
  if (!n || *n < 1 || !pattern || !code || *code < 1 || *code > 65535 || !message) {
    return syntax_error(
        "ADMIN SET SIM FAIL <n >= 1> '<pattern>' <errno> '<message>' ['<sqlstate>']");
  }
  FailRule rule{*n, *pattern, ErrorReply{static_cast<std::uint16_t>(*code), "HY000", *message}};
  if (auto state = take_string(c)) {
    rule.error.sqlstate = *state;
  }
  Reply r = done(c);
  if (std::holds_alternative<OkReply>(r)) {
    control.add_fail(std::move(rule));
  }
  return r;
}

// HTTP RESET AFTER <bytes> | FAIL | STALL | LOSE COMMIT | PUBLISH TIMEOUT, then [<n>]
// ['<label pattern>'] (docs/srsim.md "Stream Load faults").
Reply set_http_fault(SimControl& control, TokenCursor& c) {
  HttpFaultRule rule;
  if (c.accept_words({"RESET", "AFTER"})) {
    auto bytes = take_integer(c);
    if (!bytes || *bytes < 0) {
      return syntax_error("ADMIN SET SIM HTTP RESET AFTER <bytes> [<n>] ['<label pattern>']");
    }
    rule.kind = HttpFault::ResetAfter;
    rule.bytes = *bytes;
  } else if (c.accept("FAIL")) {
    rule.kind = HttpFault::Fail500;
  } else if (c.accept("STALL")) {
    rule.kind = HttpFault::Stall;
  } else if (c.accept_words({"LOSE", "COMMIT"})) {
    rule.kind = HttpFault::LoseCommit;
  } else if (c.accept_words({"PUBLISH", "TIMEOUT"})) {
    rule.kind = HttpFault::PublishTimeout;
  } else {
    return syntax_error("ADMIN SET SIM HTTP RESET AFTER <bytes> | FAIL | STALL | LOSE COMMIT | "
                        "PUBLISH TIMEOUT [<n>] ['<label pattern>']");
  }
  if (c.peek().kind == Token::Kind::Number) {
    auto n = take_integer(c);
    if (!n || *n < 1) {
      return syntax_error("ADMIN SET SIM HTTP ...: <n> must be >= 1");
    }
    rule.remaining = *n;
  }
  if (auto pattern = take_string(c)) {
    rule.pattern = *pattern;
  }
  Reply r = done(c);
  if (std::holds_alternative<OkReply>(r)) {
    control.add_http_fault(std::move(rule));
  }
  return r;
}

// Applies one `ADMIN SET SIM` tail to `control`.
Reply set_sim(SimControl& control, TokenCursor& c) {
  auto with_int = [&](const char* what, auto apply) -> Reply {
    auto v = take_integer(c);
    if (!v || *v < 0 || *v > 100000000) {
      return syntax_error(std::string("ADMIN SET SIM ") + what + " needs a non-negative integer");
    }
    Reply r = done(c);
    if (std::holds_alternative<OkReply>(r)) {
      apply(*v);
    }
    return r;
  };
  if (c.accept("LATENCY")) {
    return with_int("LATENCY", [&](long long v) { control.set_latency_ms(static_cast<int>(v)); });
  }
  if (c.accept("FAIL")) {
    return set_fail(control, c);
  }
  if (c.accept("HTTP")) {
    return set_http_fault(control, c);
  }
  if (c.accept_words({"CLOSE", "AFTER", "COMMIT"})) {
    auto pattern = take_string(c);
    if (!pattern) {
      return syntax_error("ADMIN SET SIM CLOSE AFTER COMMIT '<pattern>'");
    }
    Reply r = done(c);
    if (std::holds_alternative<OkReply>(r)) {
      control.set_close_after_commit(*pattern);
    }
    return r;
  }
  if (c.accept_words({"CLOSE", "AFTER"})) {
    return with_int("CLOSE AFTER", [&](long long v) { control.set_close_after(v); });
  }
  if (c.accept("STALL")) {
    auto pattern = take_string(c);
    if (!pattern) {
      return syntax_error("ADMIN SET SIM STALL '<pattern>'");
    }
    Reply r = done(c);
    if (std::holds_alternative<OkReply>(r)) {
      control.add_stall(*pattern);
    }
    return r;
  }
  if (c.accept_words({"REFUSE", "CONNECTIONS"})) {
    bool on = c.accept("ON");
    if (!on && !c.accept("OFF")) {
      return syntax_error("ADMIN SET SIM REFUSE CONNECTIONS ON|OFF");
    }
    Reply r = done(c);
    if (std::holds_alternative<OkReply>(r)) {
      control.set_refuse_connections(on);
    }
    return r;
  }
  if (c.accept_words({"OLAP", "EXTERNAL", "DELAY"})) {
    return with_int("OLAP EXTERNAL DELAY", [&](long long v) {
      control.live().olap_external_delay_s = static_cast<int>(v);
    });
  }
  if (c.accept_words({"STATS", "INTERVAL"})) {
    return with_int("STATS INTERVAL",
                    [&](long long v) { control.live().stats_interval_s = static_cast<int>(v); });
  }
  if (c.accept_words({"MAX", "DISK", "USED", "PCT"})) {
    if (c.peek().kind != Token::Kind::Number) {
      return syntax_error("ADMIN SET SIM MAX DISK USED PCT <number>");
    }
    double pct = std::stod(c.next().text);
    Reply r = done(c);
    if (std::holds_alternative<OkReply>(r)) {
      control.set_max_disk_used_pct(pct);
    }
    return r;
  }
  if (c.accept("RESET")) {
    Reply r = done(c);
    if (std::holds_alternative<OkReply>(r)) {
      control.reset();
    }
    return r;
  }
  return syntax_error("unknown ADMIN SET SIM statement (see docs/srsim.md)");
}

ResultSet show_storage(const StorageConfig& s) {
  ResultSet rs;
  rs.columns = {"Host", "Port", "Socket", "User", "Password"};
  rs.rows.push_back({s.host, std::to_string(s.port), s.socket, s.user, s.password});
  return rs;
}

Reply show_query_log(Front& front, TokenCursor& c) {
  std::optional<std::string> like;
  std::optional<long long> limit;
  if (c.accept("LIKE")) {
    like = take_string(c);
    if (!like) {
      return syntax_error("ADMIN SHOW SIM QUERY LOG LIKE '<pattern>'");
    }
  }
  if (c.accept("LIMIT")) {
    limit = take_integer(c);
    if (!limit) {
      return syntax_error("ADMIN SHOW SIM QUERY LOG ... LIMIT <n>");
    }
  }
  if (!c.at_end()) {
    return syntax_error("ADMIN SHOW SIM QUERY LOG [LIKE '<pattern>'] [LIMIT <n>]");
  }
  return front.query_log().show(like, limit);
}

Reply show_sim(Front& front, TokenCursor& c) {
  if (c.accept("STORAGE") && c.at_end()) {
    return show_storage(front.config().storage);
  }
  if (c.accept_words({"QUERY", "LOG"})) {
    return show_query_log(front, c);
  }
  if (c.accept("FAULTS") && c.at_end()) {
    ResultSet rs;
    rs.columns = {"Knob", "Value"};
    for (auto& [knob, value] : front.control().describe()) {
      rs.rows.push_back({knob, value});
    }
    return rs;
  }
  return syntax_error("ADMIN SHOW SIM STORAGE | QUERY LOG [LIKE '<p>'] [LIMIT <n>] | FAULTS");
}

// PARTITION VERSION '<db>'.'<table>' '<partition>' <n>: names as strings or identifiers.
Reply set_partition_version(Front& front, ConnectionState& conn, TokenCursor& c) {
  auto name = [&c]() -> std::optional<std::string> {
    if (c.peek().kind == Token::Kind::String || c.peek().is_name()) {
      return c.next().text;
    }
    return std::nullopt;
  };
  auto db = name();
  bool dot = db && c.accept_symbol(".");
  auto table = dot ? name() : std::nullopt;
  auto partition = table ? name() : std::nullopt;
  auto version = partition ? take_integer(c) : std::nullopt;
  if (!version || !c.at_end()) {
    return syntax_error("ADMIN SET SIM PARTITION VERSION '<db>'.'<table>' '<partition>' <n>");
  }
  return front.engine().set_partition_version(conn.session, *db, *table, *partition, *version);
}

} // namespace

std::optional<Reply> handle_sim_statement(Front& front, ConnectionState& conn, TokenCursor c) {
  if (!c.accept("ADMIN")) {
    return std::nullopt;
  }
  if (c.accept_words({"SHOW", "SIM"})) {
    return show_sim(front, c);
  }
  bool clear = c.accept_words({"CLEAR", "SIM"});
  if (!clear && !c.accept_words({"SET", "SIM"})) {
    return std::nullopt;
  }
  if (!conn.session.allowed || !conn.session.allowed("ADMIN", "")) {
    return access_denied("OPERATE", "SYSTEM");
  }
  if (clear) {
    if (!c.accept_words({"QUERY", "LOG"}) || !c.at_end()) {
      return syntax_error("ADMIN CLEAR SIM QUERY LOG");
    }
    front.query_log().clear();
    return OkReply{};
  }
  if (c.accept_words({"PARTITION", "VERSION"})) { // the engine's state, not a fault knob
    return set_partition_version(front, conn, c);
  }
  return set_sim(front.control(), c);
}

void apply_fault_option(Front& front, const std::string& tail) {
  TokenCursor c(tokenize(tail));
  Reply r = set_sim(front.control(), c);
  if (const auto* err = std::get_if<ErrorReply>(&r)) {
    throw std::runtime_error("--fault '" + tail + "': " + err->message);
  }
}

} // namespace srsim::server

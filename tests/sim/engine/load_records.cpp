#include "load_records.hpp"

namespace srsim::engine {

void begin_load_record(Backend& conn, const LoadRecord& r) {
  conn.exec("INSERT INTO `__srsim`.load_jobs VALUES (" + std::to_string(r.id) + ", " +
            quote_literal(r.db) + ", " + quote_literal(r.label) + ", " + quote_literal(r.table) +
            ", " + quote_literal(r.user) + ", 'LOADING', 0, 0, 0, " +
            std::to_string(r.create_time) + ", 0, " + std::to_string(r.timeout_s) + ", '')");
}

void finish_load_record(Backend& conn, const LoadRecord& r) {
  conn.exec("UPDATE `__srsim`.load_jobs SET state = " + quote_literal(r.state) + ", scan_rows = " +
            std::to_string(r.scan_rows) + ", filtered_rows = " + std::to_string(r.filtered_rows) +
            ", sink_rows = " + std::to_string(r.sink_rows) +
            ", finish_time = " + std::to_string(r.finish_time) +
            ", error_msg = " + quote_literal(r.error_msg) + " WHERE id = " + std::to_string(r.id));
}

std::vector<LoadRecord> load_records(Backend& conn) {
  ResultSet rs = conn.query("SELECT id, db, label, tbl, user_name, state, scan_rows, "
                            "filtered_rows, sink_rows, create_time, finish_time, timeout_s, "
                            "error_msg FROM `__srsim`.load_jobs ORDER BY id");
  std::vector<LoadRecord> out;
  for (const auto& row : rs.rows) {
    auto num = [&](std::size_t i) { return std::stoll(row[i].value_or("0")); };
    auto text = [&](std::size_t i) { return row[i].value_or(""); };
    out.push_back({num(0), text(1), text(2), text(3), text(4), text(5), num(6), num(7), num(8),
                   num(9), num(10), num(11), text(12)});
  }
  return out;
}

void cancel_orphaned_load_records(Backend& conn) {
  conn.exec("UPDATE `__srsim`.load_jobs SET state = 'CANCELLED', finish_time = UNIX_TIMESTAMP(), "
            "error_msg = 'type:LOAD_RUN_FAIL; msg:fe restart' WHERE state = 'LOADING'");
}

} // namespace srsim::engine

#pragma once

// LIST partition keys MariaDB cannot partition on directly. MariaDB's LIST COLUMNS takes no
// TEXT/BLOB column (srsim stores STRING and VARCHAR > 1024 as LONGTEXT) and refuses partition
// fields longer than about 3 KB in total ("The total length of the partitioning fields is too
// large"). Such a column is routed through a hidden, stored generated column
// `__srsim_lk<i>` = SHA2(column, 256) (CHAR(64) ascii_bin, INVISIBLE: absent from SELECT *,
// INSERT without a column list and srsim's metadata), and the MariaDB partitions list the hashes
// of the StarRocks values. SHA-256 of the utf8mb4 bytes keeps the byte-for-byte comparison
// StarRocks makes (utf8mb4_nopad_bin); NULL stays NULL. Loads, SHOW PARTITIONS and SHOW CREATE
// TABLE work on the model, so none of this shows to the client.

#include "model.hpp"

#include <string>
#include <vector>

namespace srsim::engine {

// Whether partition column `i` of a LIST table is routed through its hash column.
bool list_key_hashed(const TableModel& model, std::size_t i);
// The MariaDB columns the partitions are defined on (helper names for hashed columns).
std::vector<std::string> list_routing_columns(const TableModel& model);
// `,\n  `__srsim_lk0` CHAR(64) ... AS (SHA2(`dt`, 256)) PERSISTENT INVISIBLE` for each hashed
// column, or empty.
std::string list_key_column_defs(const TableModel& model);
// A VALUES IN item for partition column `i` as MariaDB sees it.
std::string list_key_sql(const TableModel& model, std::size_t i, const std::string& value);

} // namespace srsim::engine

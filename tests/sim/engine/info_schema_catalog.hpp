#pragma once

// The columns of the information_schema tables srsim fills itself, per simulated StarRocks
// version: names in StarRocks's order and the SQL type a client sees. One data table
// (info_schema_catalog.cpp) holds every entry with the StarRocks source it was read from.

#include "sim_api.hpp"

#include <optional>
#include <string>
#include <vector>

namespace srsim::engine {

struct InfoSchemaColumn {
  std::string name;
  std::string type;         // StarRocks's declared type, e.g. VARCHAR(2048), BIGINT, BOOLEAN
  std::string backend_type; // the MariaDB type srsim materialises it with
};

// The columns of information_schema.<table> on `version`; std::nullopt when srsim does not fill
// that table itself; an empty vector when the table does not exist on that version.
std::optional<std::vector<InfoSchemaColumn>> info_schema_columns_of(const std::string& table,
                                                                    const Version& version);

} // namespace srsim::engine

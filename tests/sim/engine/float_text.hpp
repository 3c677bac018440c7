#pragma once

// FLOAT and DOUBLE values as StarRocks prints them in a query result: the shortest digits that
// read back the same value (ryu), laid out by StarRocks's patch of ryu
// (thirdparty/patches/ryu.patch, used by be/src/util/mysql_row_buffer.cpp push_number):
// plain notation while the decimal exponent is in [-4, 7] for FLOAT and [-4, 15] for DOUBLE
// ("0.0001", "16777216", "3.1415927"), otherwise d.ddde+XX with a signed exponent of at least
// two digits ("1.2345679e+08", "1e+300", "1.5e-07"); "0", "nan", "inf", "-inf".
// MariaDB prints FLOAT with six significant digits and DOUBLE without the exponent's sign and
// padding, so srsim formats both itself.

#include <optional>
#include <string>

namespace srsim::engine {

std::string starrocks_float_text(float value);
std::string starrocks_double_text(double value);

// MariaDB's text of a DOUBLE (which reads back exactly) in StarRocks's layout; nullopt when
// `text` is not a number.
std::optional<std::string> restyle_double_text(const std::string& text);

} // namespace srsim::engine

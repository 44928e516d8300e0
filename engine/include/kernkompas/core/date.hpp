// Calendar dates as days since 1970-01-01, so durations are plain integer differences.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace kk {

using Days = int32_t;  // days since 1970-01-01 (proleptic Gregorian)
inline constexpr Days kNoDate = std::numeric_limits<Days>::min();

// Parses "YYYY-MM-DD" (also "YYYY/MM/DD" and a trailing time such as "T00:00:00", which is
// ignored). Returns nullopt for anything else, including impossible dates like 2023-02-29.
std::optional<Days> parse_iso_date(std::string_view text);

// Formats as "YYYY-MM-DD"; kNoDate formats as "".
std::string format_iso_date(Days days);

}  // namespace kk

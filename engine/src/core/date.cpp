// ISO date parsing on std::chrono's civil calendar.
#include "kernkompas/core/date.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace kk {
namespace {

// Digits only: from_chars alone would also take a leading '-', letting "-999-01-01" through.
bool parse_int(std::string_view text, int& value) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<Days> parse_iso_date(std::string_view text) {
  if (auto t = text.find_first_of("T "); t != std::string_view::npos) text = text.substr(0, t);
  if (text.size() != 10 || (text[4] != '-' && text[4] != '/') || text[7] != text[4]) {
    return std::nullopt;
  }
  int year = 0, month = 0, day = 0;
  if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month) ||
      !parse_int(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<Days>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string format_iso_date(Days days) {
  if (days == kNoDate) return {};
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace kk

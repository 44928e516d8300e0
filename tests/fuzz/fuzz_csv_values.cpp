// Fuzz harness: the text of CSV cells -> numbers, dates, statuses, aliases and coordinates,
// through the functions the readers call on every cell (ogr_source's parse_number, validate's
// parse_date/parse_status/split_aliases/UniqueIds/SnapshotDate/to_working_crs, core's
// parse_iso_date). Each input line is one cell; every parser sees every cell.
#include <cmath>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "kernkompas/core/date.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/validate.hpp"
#include "ogr_source.hpp"

namespace kk::fuzz {
namespace {

constexpr size_t kMaxCells = 64;
constexpr const char* kHarness = "csv_values";

// Runs `parse`; a kk::InputError is a refusal, a normal outcome.
template <typename Parse>
void allow_refusal(Parse&& parse) {
  try {
    parse();
  } catch (const InputError&) {
  }
}

// A date that parses must format back to the text it came from (with '-' separators).
void check_date_round_trip(std::string_view cell) {
  const std::optional<Days> days = parse_iso_date(cell);
  if (!days) return;
  if (*days == kNoDate) invariant_failed(kHarness, "a parsed date equals kNoDate");
  std::string expected(cell.substr(0, 10));
  expected[4] = expected[7] = '-';
  if (format_iso_date(*days) != expected) invariant_failed(kHarness, "parsed date does not format back to its text");
}

void check_aliases(std::string_view cell) {
  for (const std::string& alias : layers::split_aliases(cell)) {
    if (alias.empty() || layers::trim_blanks(alias).size() != alias.size() ||
        alias.find_first_of(layers::kAliasSeparators) != std::string::npos) {
      invariant_failed(kHarness, "split_aliases returned an empty, untrimmed or unsplit part");
    }
  }
}

}  // namespace

void csv_values(std::string_view input) {
  std::vector<std::string> cells;
  while (!input.empty() && cells.size() < kMaxCells) {
    const size_t end = input.find('\n');
    cells.emplace_back(input.substr(0, end));
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  }
  std::vector<std::string> ids;
  const layers::RecordLabel label = layers::record_labels("locations file 'fuzz.csv'", ids);
  layers::UniqueIds unique("locations file 'fuzz.csv'", "id");
  layers::SnapshotDate snapshot("locations file 'fuzz.csv'");
  std::vector<double> xs, ys;
  double pending_x = 0.0;
  bool have_x = false;  // pending_x holds the first of a pair
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string& raw = cells[i];
    const std::string_view cell = layers::trim_blanks(raw);
    allow_refusal([&] { unique.add(i, raw); });
    ids.push_back(raw);
    const std::optional<double> number = layers::detail::parse_number(raw);
    if (number) {
      allow_refusal([&] { layers::check_not_negative(*number, "floor_area_m2", label, i); });
      if (std::isfinite(*number)) {
        if (have_x) {
          xs.push_back(pending_x);
          ys.push_back(*number);
        } else {
          pending_x = *number;
        }
        have_x = !have_x;
      }
    }
    check_date_round_trip(cell);
    allow_refusal([&] { snapshot.add(i, raw, layers::parse_date(cell, "snapshot_date", label, i)); });
    allow_refusal([&] { layers::parse_status(cell, label, i); });
    check_aliases(raw);
  }
  // Pairs of numbers as lon/lat, checked and transformed as a CSV with lon/lat columns is.
  if (!xs.empty()) {
    allow_refusal([&] { layers::to_working_crs("OGC:CRS84", "EPSG:28992", xs, ys, label, "crs in the config"); });
  }
}

}  // namespace kk::fuzz

KK_FUZZ_ENTRY(csv_values)

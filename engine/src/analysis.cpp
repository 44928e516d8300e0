// The analysis pipeline shared by the command line, the C API and Python.
#include "kernkompas/analysis.hpp"

#include <algorithm>
#include <chrono>

#include "kernkompas/core/error.hpp"
#include "kernkompas/indicators/basic.hpp"
#include "kernkompas/vacancy/change.hpp"
#include "kernkompas/vacancy/hotspots.hpp"

namespace kk {
namespace {

void append_columns(Table& target, const Table& source) {
  for (const Column& column : source.columns()) target.add_column(column);
}

// The square polygon of every hot-spot cell, in the table's row order.
geometry::MultiPolygonArray cell_squares(const vacancy::HotspotResult& hotspots) {
  geometry::MultiPolygonArray squares;
  const auto& xs = hotspots.cells.at("cell_x").reals;
  const auto& ys = hotspots.cells.at("cell_y").reals;
  const double size = hotspots.grid.cell_size_m;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double x0 = xs[i], y0 = ys[i];
    const double ring_x[] = {x0, x0 + size, x0 + size, x0, x0};
    const double ring_y[] = {y0, y0, y0 + size, y0 + size, y0};
    squares.begin_feature();
    squares.begin_part();
    squares.add_ring(ring_x, ring_y);
  }
  return squares;
}

// True when `later` is 1 January of the year after `earlier`, itself a 1 January.
bool consecutive_first_of_january(Days earlier, Days later) {
  using namespace std::chrono;
  if (earlier == kNoDate || later == kNoDate) return false;
  const year_month_day a{sys_days{days{earlier}}}, b{sys_days{days{later}}};
  return a.month() == January && a.day() == day{1} && b == year_month_day{a.year() + years{1}, January, day{1}};
}

bool has_status(const LocationLayer& layer) {
  return std::any_of(layer.status.begin(), layer.status.end(),
                     [](OccupancyStatus s) { return s != OccupancyStatus::kUnknown; });
}

// Change tables between consecutive snapshots (oldest first, the current register last).
Table vacancy_change_table(const AnalysisInput& input, const assign::Assignment& current,
                           const AnalysisOptions& options) {
  std::vector<const LocationLayer*> registers;
  for (const LocationLayer& snapshot : input.earlier_snapshots) registers.push_back(&snapshot);
  std::stable_sort(registers.begin(), registers.end(),
                   [](const LocationLayer* a, const LocationLayer* b) { return a->snapshot_date < b->snapshot_date; });
  registers.push_back(&input.locations);
  std::vector<assign::Assignment> assignments;
  for (size_t i = 0; i + 1 < registers.size(); ++i) {
    assignments.push_back(assign::assign_to_kernen(input.kernen, registers[i]->x, registers[i]->y,
                                                   {options.threads, options.progress}));
  }
  assignments.push_back(current);
  Table all;
  for (size_t i = 0; i + 1 < registers.size(); ++i) {
    Table period;
    const size_t rows = input.kernen.size() + 1;
    period.add_text("period_start", std::vector<std::string>(rows, format_iso_date(registers[i]->snapshot_date)),
                    "date of the earlier register");
    period.add_text("period_end", std::vector<std::string>(rows, format_iso_date(registers[i + 1]->snapshot_date)),
                    "date of the later register");
    // CBS's property statistics call a unit vacant when it is vacant on two consecutive
    // 1 January dates: between such snapshots, still_vacant is that count.
    const bool cbs_pair =
        consecutive_first_of_january(registers[i]->snapshot_date, registers[i + 1]->snapshot_date);
    period.add_integer("cbs_rule", std::vector<int64_t>(rows, cbs_pair ? 1 : 0), "",
                       "1 when the period runs between consecutive 1 January dates, so still_vacant "
                       "is the CBS count (vacant on both dates)");
    append_columns(period, indicators::kern_key_columns(input.kernen));
    append_columns(period, vacancy::vacancy_change(input.kernen, *registers[i], assignments[i],
                                                   *registers[i + 1], assignments[i + 1]));
    all.append_rows(period);
  }
  return all;
}

}  // namespace

const Table* AnalysisResult::find_table(std::string_view name) const {
  for (const NamedTable& named : tables) {
    if (named.name == name) return &named.table;
  }
  return nullptr;
}

AnalysisResult run_analysis(const AnalysisInput& input, const AnalysisOptions& options) {
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "threads must be >= 1");
  AnalysisResult result;
  report_progress(options.progress, "assign locations to kernen", 0.0);
  result.assignment = assign::assign_to_kernen(input.kernen, input.locations.x, input.locations.y,
                                               {options.threads, options.progress});

  std::optional<std::vector<double>> population;
  if (input.population) {
    report_progress(options.progress, "population per kern", 0.0);
    population = indicators::population_per_kern(input.kernen, input.population->x,
                                                 input.population->y, input.population->inhabitants);
  }
  report_progress(options.progress, "basic indicators", 0.0);
  Table kern = indicators::basic_indicators(input.kernen, input.locations, result.assignment, population);
  geometry::MultiPolygonArray kern_geometry = input.kernen.geometry;
  kern_geometry.begin_feature();  // buitengebied: a row without polygon

  std::vector<NamedTable> vacancy_tables;
  if (has_status(input.locations)) {
    vacancy::Options vacancy = options.vacancy;
    vacancy.threads = options.threads;
    vacancy.progress = options.progress;
    report_progress(options.progress, "vacancy per kern", 0.0);
    append_columns(kern, vacancy::vacancy_per_kern(input.kernen, input.locations, result.assignment, vacancy));
    vacancy_tables.push_back({"vacancy_total", vacancy::vacancy_total(input.locations, vacancy)});
    vacancy_tables.push_back(
        {"kern_sector", vacancy::vacancy_by_sector(input.kernen, input.locations, result.assignment, vacancy)});
    if (!input.locations.function.empty()) {
      vacancy_tables.push_back(
          {"kern_function", vacancy::vacancy_by_function(input.kernen, input.locations, result.assignment, vacancy)});
    }
    if (!input.earlier_snapshots.empty()) {
      report_progress(options.progress, "vacancy change between snapshots", 0.0);
      vacancy_tables.push_back({"vacancy_change", vacancy_change_table(input, result.assignment, options)});
    }
    report_progress(options.progress, "vacancy hot spots (Gi*)", 0.0);
    vacancy::HotspotResult hotspots = vacancy::vacancy_hotspots(input.locations, vacancy);
    geometry::MultiPolygonArray squares = cell_squares(hotspots);
    vacancy_tables.push_back({"vacancy_hotspot", std::move(hotspots.cells), std::move(squares)});
  }
  result.tables.push_back({"kern", std::move(kern), std::move(kern_geometry)});
  for (NamedTable& table : vacancy_tables) result.tables.push_back(std::move(table));
  report_progress(options.progress, "indicators", 1.0);
  return result;
}

}  // namespace kk

// The vacancy family: options, when it applies, and its tables.
#include "kernkompas/vacancy/family.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "kernkompas/core/text_table.hpp"
#include "kernkompas/vacancy/change.hpp"
#include "kernkompas/vacancy/vacancy.hpp"

namespace kk::vacancy {
namespace {

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "reference_date", .type = OptionType::kDate, .default_value = std::string(),
       .none_allowed = true,
       .doc = "reference date of the duration classes; none = the register's snapshot date"},
      {.name = "vacant_since_floor", .type = OptionType::kDate, .default_value = std::string("1900-01-01"),
       .doc = "earliest plausible vacant_since date; an earlier one (or one after the reference date) is refused"},
      {.name = "benchmark_rate", .type = OptionType::kReal,
       .default_value = std::numeric_limits<double>::quiet_NaN(), .min = 0, .max = 1, .none_allowed = true,
       .unit = "fraction", .doc = "benchmark vacancy rate (e.g. 0.07 for 7 %) for diff_pp; none = no benchmark"},
      {.name = "confidence", .type = OptionType::kReal, .default_value = 0.95, .min = 0, .max = 1,
       .min_exclusive = true, .max_exclusive = true, .unit = "fraction",
       .doc = "confidence level of the Wilson intervals"},
  };
  return kSpecs;
}

bool has_status(const RunContext& context, const OptionView&) {
  return context.input.locations.has_known_status();
}

void append_columns(Table& target, const Table& source) {
  for (const Column& column : source.columns()) target.add_column(column);
}

// True when `later` is 1 January of the year after `earlier`, itself a 1 January.
bool consecutive_first_of_january(Days earlier, Days later) {
  using namespace std::chrono;
  if (earlier == kNoDate || later == kNoDate) return false;
  const year_month_day a{sys_days{days{earlier}}}, b{sys_days{days{later}}};
  return a.month() == January && a.day() == day{1} && b == year_month_day{a.year() + years{1}, January, day{1}};
}

// Change tables between consecutive snapshots (oldest first, the current register last).
Table vacancy_change_table(const RunContext& context) {
  const AnalysisInput& input = context.input;
  struct Register {
    const LocationLayer* layer;
    const assign::Assignment* assignment;
  };
  std::vector<Register> registers;
  for (size_t i = 0; i < input.earlier_snapshots.size(); ++i) {
    registers.push_back({&input.earlier_snapshots[i], &context.snapshot_assignments[i]});
  }
  std::stable_sort(registers.begin(), registers.end(), [](const Register& a, const Register& b) {
    return a.layer->snapshot_date < b.layer->snapshot_date;
  });
  registers.push_back({&input.locations, &context.assignment});
  Table all;
  for (size_t i = 0; i + 1 < registers.size(); ++i) {
    const LocationLayer& before = *registers[i].layer;
    const LocationLayer& after = *registers[i + 1].layer;
    Table period;
    const size_t rows = input.kernen.size() + 1;
    period.add_text("period_start", std::vector<std::string>(rows, format_iso_date(before.snapshot_date)),
                    "date of the earlier register");
    period.add_text("period_end", std::vector<std::string>(rows, format_iso_date(after.snapshot_date)),
                    "date of the later register");
    // CBS's property statistics call a unit vacant when it is vacant on two consecutive
    // 1 January dates: between such snapshots, still_vacant is that count.
    const bool cbs_pair = consecutive_first_of_january(before.snapshot_date, after.snapshot_date);
    period.add_integer("cbs_rule", std::vector<int64_t>(rows, cbs_pair ? 1 : 0), "",
                       "1 when the period runs between consecutive 1 January dates, so still_vacant "
                       "is the CBS count (vacant on both dates)");
    append_columns(period, kern_key_columns(input.kernen));
    append_columns(period, vacancy_change(input.kernen, before, *registers[i].assignment, after,
                                          *registers[i + 1].assignment));
    all.append_rows(period);
  }
  // Count rule: a change row is withheld when either snapshot has 1 to k - 1 units with a known
  // status in the kern. A snapshot without units describes none, so the rule looks at the
  // smaller non-zero count: 0 units at t0 and 3 at t1 would otherwise publish the 3 units at t1.
  CellRisk risk;
  const auto& t0 = all.at("n_units_t0").integers;
  const auto& t1 = all.at("n_units_t1").integers;
  for (size_t r = 0; r < all.row_count(); ++r) {
    risk.units.push_back(t0[r] == 0 ? t1[r] : t1[r] == 0 ? t0[r] : std::min(t0[r], t1[r]));
  }
  static constexpr std::string_view kKeep[] = {"period_start", "period_end", "cbs_rule", "kern_code",
                                               "kern_name"};
  suppress_cells(all, risk, context.disclosure, kKeep, "units with a known status at t0 or at t1");
  return all;
}

void run(const RunContext& context, const OptionView& view, AnalysisResult& result) {
  const AnalysisInput& input = context.input;
  Options options;
  options.reference_date = view.date("reference_date");
  options.vacant_since_floor = view.date("vacant_since_floor");
  options.benchmark_rate = view.real("benchmark_rate");
  options.confidence = view.real("confidence");
  options.disclosure = context.disclosure;
  const auto& progress = context.execution.progress;

  report_progress(progress, "vacancy per kern", 0.0);
  append_columns(result.kern_table(), vacancy_per_kern(input.kernen, input.locations, context.assignment, options));
  result.tables.push_back({"vacancy_total", vacancy_total(input.locations, options), std::nullopt,
                           std::string(grain::kArea), {}});
  result.tables.push_back({"kern_sector",
                           vacancy_by_sector(input.kernen, input.locations, context.assignment, options),
                           std::nullopt, std::string(grain::kKernSector), {"kern_code", "sbi_section"}});
  if (!input.locations.function.empty()) {
    result.tables.push_back({"kern_function",
                             vacancy_by_function(input.kernen, input.locations, context.assignment, options),
                             std::nullopt, std::string(grain::kKernFunction), {"kern_code", "function"}});
  }
  if (!input.earlier_snapshots.empty()) {
    report_progress(progress, "vacancy change between snapshots", 0.0);
    result.tables.push_back({"vacancy_change", vacancy_change_table(context), std::nullopt,
                             std::string(grain::kPeriodKern), {"period_start", "period_end", "kern_code"}});
  }
}

// Vacancy per kern: rate with its Wilson interval, duration classes, change.
void summarize(const AnalysisResult& result, const Settings& settings, std::ostream& out) {
  const Table& t = result.kern_indicators();
  if (t.find("n_vacant") == nullptr) return;
  const auto& names = t.at("kern_name").texts;
  const auto& units = t.at("n_units_with_status").integers;
  const auto& vacant = t.at("n_vacant").integers;
  const auto& rate = t.at("vacancy_rate_units").reals;
  const auto& low = t.at("vacancy_rate_units_ci_low").reals;
  const auto& high = t.at("vacancy_rate_units_ci_high").reals;
  const auto& floor = t.at("vacancy_rate_floor").reals;
  const auto& frictional = t.at("n_frictional").integers;
  const auto& long_term = t.at("n_long_term").integers;
  const auto& structural = t.at("n_structural").integers;
  const auto& unknown = t.at("n_duration_unknown").integers;
  const auto& small = t.at("below_min_units").integers;
  const Table* change = result.find_table("vacancy_change");
  const int64_t min_units = settings.section("disclosure").integer("min_units");

  out << "\nVacancy (leegstand) per kern, 95% Wilson interval; duration classes <1y / 1-3y / >=3y / unknown\n\n";
  TextTable table({{"kern", 22, false}, {"units", 6, true}, {"vacant", 6, true}, {"rate %", 7, true},
                   {"95% CI", 13, true}, {"floor %", 7, true}, {"duration", 16, true},
                   {change != nullptr ? "change pp" : "", 9, true}, {"", 0, false}});
  const auto& suppressed = t.at("suppressed").integers;
  auto count = [](int64_t v) { return v == kNullInteger ? std::string("-") : std::to_string(v); };
  auto percent = [](double v) { return std::isnan(v) ? std::string("-") : fixed(100 * v, 1); };
  for (size_t row = 0; row < t.row_count(); ++row) {
    std::string pp;
    if (change != nullptr) {
      // The last period's rows are the last kern-count rows of the change table.
      const auto& values = change->at("rate_change_pp").reals;
      const double v = values[values.size() - t.row_count() + row];
      pp = std::isnan(v) ? "-" : fixed(v, 1);
    }
    if (suppressed[row] != 0) {
      table.add_row({names[row], "-", "-", "-", "-", "-", "-", pp, "(withheld: disclosure control)"});
      continue;
    }
    table.add_row({names[row], count(units[row]), count(vacant[row]), percent(rate[row]),
                   std::isnan(low[row]) ? "-" : fixed(100 * low[row], 1) + "-" + fixed(100 * high[row], 1),
                   percent(floor[row]),
                   count(frictional[row]) + "/" + count(long_term[row]) + "/" + count(structural[row]) + "/" +
                       count(unknown[row]),
                   pp, small[row] ? "(fewer than " + std::to_string(min_units) + " units: not firm)" : ""});
  }
  table.print(out);
}

}  // namespace

const Family& vacancy_family() {
  static const Family kFamily{"vacancy", "vacancy (leegstand) per kern, sector and function; change between registers",
                              specs(), has_status, run, summarize};
  return kFamily;
}

}  // namespace kk::vacancy

// Secondary suppression across the published tables: the "disclosure" stage run_analysis runs
// after every family (docs/disclosure.md). It reads the tables as a reader of the output
// would — by grain and keys, through the suppressed / suppression_kind / magnitude_suppressed
// flags the families' primary rule (kk::suppress_cells) left — and withholds further cells
// until no primary cell can be derived from the additive relations between the tables.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"

namespace kk {
namespace {

struct CellRef {
  size_t table;  // index into result.tables
  size_t row;
};

// A published margin and the cells that add up to it, column by column (the margin may be
// absent: then the members only link). Columns are named as in the vacancy tables; a table
// may spell one differently (the hot-spot cells' n_units).
struct Relation {
  std::vector<CellRef> members;
  std::optional<CellRef> margin;
};

// The magnitude columns (floor m2) that are additive across relations, and their dependents.
constexpr std::string_view kMagnitudes[] = {"vacant_floor_m2", "total_floor_m2", "floor_m2_frictional",
                                            "floor_m2_long_term", "floor_m2_structural",
                                            "floor_m2_duration_unknown"};
// Magnitudes that add up within one row: the margin column is the sum of the member
// columns (the vacant floor area over the duration classes). Applies to every table that has
// all of them.
struct ColumnSum {
  std::string_view margin;
  std::vector<std::string_view> members;
};
const ColumnSum kRowSums[] = {
    {"vacant_floor_m2",
     {"floor_m2_frictional", "floor_m2_long_term", "floor_m2_structural", "floor_m2_duration_unknown"}}};

// Count columns checked for a derived sum of 0 (every hidden cell 0) or of its upper bound:
// a unit's status.
constexpr std::string_view kCountChecks[] = {"n_vacant", "n_occupied"};
// Count columns that break the vacant units down: a hidden sum of 0 is allowed (a zero cell
// describes no unit), a hidden cell pinned to a value above 0 is not.
constexpr std::string_view kBreakdownCounts[] = {"n_frictional", "n_long_term", "n_structural",
                                                 "n_duration_unknown", "n_vacant_1y_plus"};

// Columns secondary suppression never empties: keys, establishment counts, flags.
constexpr std::string_view kKeep[] = {
    "kern_code", "kern_name", "sbi_section", "function", "n_locations", "below_min_units",
    "suppressed", "suppression_kind", "magnitude_suppressed", "period_start", "period_end",
    "cbs_rule", "cell_col", "cell_row", "cell_x", "cell_y"};

class Pass {
 public:
  explicit Pass(AnalysisResult& result) : result_(result) {}

  void add(Relation relation) { relations_.push_back(std::move(relation)); }

  // Links a source row to a row that repeats some of its values (the last change period and
  // the kern row): when the source is withheld, so is the copy.
  void link(CellRef source, CellRef copy) { links_.emplace_back(source, copy); }

  void run() {
    for (size_t i = 0; i < relations_.size(); ++i) {
      if (relations_[i].margin) bounding_[key(*relations_[i].margin)].push_back(i);
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (const Relation& relation : relations_) {
        changed |= protect_counts(relation);
        for (std::string_view m : kMagnitudes) changed |= protect_magnitude(relation, m);
      }
      for (size_t t = 0; t < result_.tables.size(); ++t) {
        for (const ColumnSum& sum : kRowSums) {
          for (size_t row = 0; row < result_.tables[t].table.row_count(); ++row) {
            changed |= protect_row_sum(CellRef{t, row}, sum);
          }
        }
      }
      for (const auto& [source, copy] : links_) {
        if (row_withheld(source) && !row_withheld(copy)) {
          withhold_row_secondary(copy);
          changed = true;
        }
      }
    }
  }

 private:
  Table& table(CellRef c) { return result_.tables[c.table].table; }
  static std::pair<size_t, size_t> key(CellRef c) { return {c.table, c.row}; }

  // The relations whose margin is `c`: their published members bound c from below.
  std::span<const size_t> bounding(CellRef c) {
    const auto it = bounding_.find(key(c));
    if (it == bounding_.end()) return {};
    return it->second;
  }

  // A hidden cell is at least the sum of the published members of a relation it is the
  // margin of (the kern row >= its published sector cells). `value` reads a published cell
  // (0 when hidden), `hidden` tells a hidden one.
  template <class Value, class Hidden>
  double lower_bound(CellRef c, Value value, Hidden hidden) {
    double best = 0.0;
    for (size_t i : bounding(c)) {
      double sum = 0.0;
      for (const CellRef& m : relations_[i].members) {
        if (!hidden(m)) sum += value(m);
      }
      best = std::max(best, sum);
    }
    return best;
  }

  // Every hidden member of `relation` is pinned at its lower bound: the smallest published
  // member above 0 of a relation that bounds a hidden member, so that bound loosens.
  template <class Value, class Hidden, class Size>
  std::optional<CellRef> loosen(const Relation& relation, Value value, Hidden hidden, Size size) {
    std::optional<CellRef> best;
    double best_size = std::numeric_limits<double>::infinity();
    for (const CellRef& h : relation.members) {
      if (!hidden(h)) continue;
      for (size_t i : bounding(h)) {
        for (const CellRef& m : relations_[i].members) {
          if (hidden(m) || !(value(m) > 0.0) || !(size(m) < best_size)) continue;
          best_size = size(m);
          best = m;
        }
      }
    }
    return best;
  }

  bool row_withheld(CellRef c) {
    const Column* s = table(c).find("suppressed");
    return s != nullptr && s->integers[c.row] != 0;
  }

  bool magnitude_withheld(CellRef c, std::string_view column) {
    if (row_withheld(c)) return true;
    const Column* m = table(c).find("magnitude_suppressed");
    if (m == nullptr) return false;
    const std::string& text = m->texts[c.row];
    const std::string prefix = std::string(column) + ":";
    size_t at = 0;
    while (at <= text.size()) {
      const size_t end = std::min(text.find(';', at), text.size());
      if (text.compare(at, prefix.size(), prefix) == 0) return true;
      at = end + 1;
    }
    return false;
  }

  // The count of the units a magnitude column sums over: floor_m2_<class> over n_<class>,
  // vacant_floor_m2 over n_vacant, total_floor_m2 over n_units_with_floor_area.
  static std::string count_of(std::string_view magnitude_column) {
    if (magnitude_column == "vacant_floor_m2") return "n_vacant";
    if (magnitude_column == "total_floor_m2") return "n_units_with_floor_area";
    constexpr std::string_view kPrefix = "floor_m2_";
    if (magnitude_column.substr(0, kPrefix.size()) == kPrefix) {
      return "n_" + std::string(magnitude_column.substr(kPrefix.size()));
    }
    return {};
  }

  // A withheld magnitude that hides something: not one whose count is published as 0 (a sum
  // over no unit is known to be 0 m2, withheld or not).
  bool magnitude_hidden(CellRef c, std::string_view column) {
    if (!magnitude_withheld(c, column)) return false;
    const std::string units = count_of(column);
    if (units.empty() || row_withheld(c)) return true;
    const std::optional<double> n = count(c, units);
    return !(n && *n == 0.0);
  }

  // The value of a count column, under the table's own name for it.
  std::optional<double> count(CellRef c, std::string_view column) {
    const Table& t = table(c);
    const Column* col = t.find(column);
    if (col == nullptr && column == "n_units_with_status") col = t.find("n_units");
    if (col == nullptr) return std::nullopt;
    if (col->type == ColumnType::kInteger) {
      const int64_t v = col->integers[c.row];
      return v == kNullInteger ? std::nullopt : std::optional<double>(static_cast<double>(v));
    }
    if (col->type == ColumnType::kReal) return col->reals[c.row];
    return std::nullopt;
  }

  // A published magnitude: NaN (no unit with a floor area) counts as 0.
  double magnitude(CellRef c, std::string_view column) {
    const Column* col = table(c).find(column);
    if (col == nullptr || col->type != ColumnType::kReal) return 0.0;
    const double v = col->reals[c.row];
    return std::isnan(v) ? 0.0 : v;
  }

  std::vector<std::string> keep_of(CellRef c) {
    const NamedTable& named = result_.tables[c.table];
    std::vector<std::string> keep(std::begin(kKeep), std::end(kKeep));
    for (const std::string& key : named.keys) keep.push_back(key);
    if (c.table == 0) {
      // The kern table: only the vacancy columns (those of vacancy_total) are protected.
      const Table* total = result_.find_table("vacancy_total");
      for (const Column& column : named.table.columns()) {
        if (total == nullptr || total->find(column.name) == nullptr) keep.push_back(column.name);
      }
    }
    return keep;
  }

  void withhold_row_secondary(CellRef c) {
    Table& t = table(c);
    withhold_row(t, c.row, keep_of(c));
    t.mutable_at("suppressed").integers[c.row] = 1;
    if (t.find("suppression_kind") != nullptr) t.mutable_at("suppression_kind").texts[c.row] = "secondary";
  }

  void withhold_magnitude_secondary(CellRef c, std::string_view column) {
    Table& t = table(c);
    std::string& text = t.mutable_at("magnitude_suppressed").texts[c.row];
    auto withhold = [&](std::string_view name) {
      withhold_cell(t.mutable_at(name), c.row);
      if (magnitude_withheld(c, name)) return;  // a rate named once
      if (!text.empty()) text += ';';
      text += std::string(name) + ":secondary";
    };
    withhold(column);
    if ((column == "vacant_floor_m2" || column == "total_floor_m2") && t.find("vacancy_rate_floor") != nullptr) {
      withhold("vacancy_rate_floor");
    }
  }

  // The cells of `relation` with their sign in "margin - sum(members) = 0".
  std::vector<std::pair<CellRef, bool>> cells(const Relation& relation) {
    std::vector<std::pair<CellRef, bool>> out;
    for (const CellRef& m : relation.members) out.emplace_back(m, false);
    if (relation.margin) out.emplace_back(*relation.margin, true);
    return out;
  }

  // Picks the published member with the smallest `size` that `fits`; the margin when none.
  template <class Size, class Fits>
  std::optional<CellRef> smallest(const Relation& relation, Size size, Fits fits, bool margin_ok) {
    std::optional<CellRef> best;
    double best_size = std::numeric_limits<double>::infinity();
    for (const CellRef& m : relation.members) {
      if (!fits(m)) continue;
      const double s = size(m);
      if (s < best_size) {
        best_size = s;
        best = m;
      }
    }
    if (!best && margin_ok && relation.margin && fits(*relation.margin)) best = relation.margin;
    return best;
  }

  bool protect_counts(const Relation& relation) {
    if (relation.members.empty()) return false;
    size_t hidden = 0;
    for (const auto& [c, is_margin] : cells(relation)) hidden += row_withheld(c) ? 1 : 0;
    if (hidden == 0) return false;
    auto units = [&](CellRef c) { return count(c, "n_units_with_status").value_or(0.0); };
    // A complement of no units hides nothing: its values are known to be 0.
    auto published = [&](CellRef c) { return !row_withheld(c) && units(c) > 0.0; };
    if (hidden == 1) {
      if (auto pick = smallest(relation, units, published, true)) {
        withhold_row_secondary(*pick);
        return true;
      }
      return false;
    }
    // Two or more hidden: with the margin published, the hidden members' sum is known.
    if (!relation.margin || row_withheld(*relation.margin)) return false;
    for (std::string_view column : kCountChecks) {
      const std::optional<double> margin = count(*relation.margin, column);
      if (!margin) continue;
      double sum = *margin, upper = 0.0;
      bool bounded = true;
      for (const CellRef& m : relation.members) {
        if (row_withheld(m)) {
          const std::optional<double> ub = count(m, "n_locations");
          if (ub) upper += *ub;
          else bounded = false;
        } else {
          sum -= count(m, column).value_or(0.0);
        }
      }
      std::optional<CellRef> pick;
      if (sum <= 0.0) {
        // Every hidden member is 0: hide one that is not.
        pick = smallest(relation, units, [&](CellRef c) { return published(c) && count(c, column).value_or(0) > 0; },
                        false);
      } else if (bounded && sum >= upper) {
        // Every hidden member is at its bound: hide one that is below it.
        pick = smallest(relation, units, [&](CellRef c) {
          return published(c) && count(c, column).value_or(0) < count(c, "n_locations").value_or(0);
        }, false);
      }
      // No member can help (a margin of 0, say): the margin itself goes.
      if (!pick && (sum <= 0.0 || (bounded && sum >= upper))) pick = relation.margin;
      if (pick) {
        withhold_row_secondary(*pick);
        return true;
      }
    }
    // Lower bounds from other relations: a hidden kern row is at least its published sector
    // cells. When the hidden sum (above 0) equals the sum of those bounds, every hidden member
    // is pinned at its bound; a published cell under one of them goes.
    auto check = [&](std::string_view column) {
      const std::optional<double> margin = count(*relation.margin, column);
      if (!margin) return false;
      auto value = [&](CellRef c) { return row_withheld(c) ? 0.0 : count(c, column).value_or(0.0); };
      auto hidden_row = [&](CellRef c) { return row_withheld(c); };
      double sum = *margin, lower = 0.0;
      for (const CellRef& m : relation.members) {
        if (row_withheld(m)) lower += lower_bound(m, value, hidden_row);
        else sum -= value(m);
      }
      if (!(sum > 0.0) || sum > lower + 1e-9) return false;
      std::optional<CellRef> pick = loosen(relation, value, hidden_row, units);
      if (!pick) pick = smallest(relation, units, [&](CellRef c) { return published(c) && value(c) > 0.0; }, false);
      if (!pick) pick = relation.margin;
      withhold_row_secondary(*pick);
      return true;
    };
    for (std::string_view column : kCountChecks) {
      if (check(column)) return true;
    }
    for (std::string_view column : kBreakdownCounts) {
      if (check(column)) return true;
    }
    return false;
  }

  bool protect_magnitude(const Relation& relation, std::string_view column) {
    if (relation.members.empty()) return false;
    for (const auto& [c, is_margin] : cells(relation)) {
      if (table(c).find(column) == nullptr) return false;
    }
    size_t hidden = 0;
    for (const auto& [c, is_margin] : cells(relation)) hidden += magnitude_hidden(c, column) ? 1 : 0;
    if (hidden == 0) return false;
    auto size = [&](CellRef c) { return magnitude(c, column); };
    // A complement of 0 m2 hides nothing.
    auto published = [&](CellRef c) { return !magnitude_withheld(c, column) && magnitude(c, column) > 0.0; };
    std::optional<CellRef> pick;
    if (hidden == 1) {
      pick = smallest(relation, size, published, true);
    } else if (relation.margin && !magnitude_withheld(*relation.margin, column)) {
      double sum = magnitude(*relation.margin, column);
      for (const CellRef& m : relation.members) {
        if (!magnitude_withheld(m, column)) sum -= magnitude(m, column);
      }
      auto hidden_cell = [&](CellRef c) { return magnitude_hidden(c, column); };
      double lower = 0.0;
      for (const CellRef& m : relation.members) {
        if (hidden_cell(m)) lower += lower_bound(m, size, hidden_cell);
      }
      if (sum <= 0.5) {  // m2 are whole numbers in practice: a sum below 1 m2 is "none"
        pick = smallest(relation, size, published, false);
        if (!pick) pick = relation.margin;
      } else if (sum <= lower + 0.5) {
        // Every hidden member pinned at its lower bound (see protect_counts).
        pick = loosen(relation, size, hidden_cell, size);
        if (!pick) pick = smallest(relation, size, published, false);
        if (!pick) pick = relation.margin;
      }
    }
    if (!pick) return false;
    withhold_magnitude_secondary(*pick, column);
    return true;
  }

  // Within a published row: a margin column = the sum of member columns. The same rules as
  // across rows: never one withheld term alone, never a derivable hidden sum of 0.
  bool protect_row_sum(CellRef c, const ColumnSum& sum) {
    const Table& t = table(c);
    if (row_withheld(c) || t.find("magnitude_suppressed") == nullptr || t.find(sum.margin) == nullptr) return false;
    for (std::string_view m : sum.members) {
      if (t.find(m) == nullptr) return false;
    }
    size_t hidden = magnitude_hidden(c, sum.margin) ? 1 : 0;
    double derived = magnitude(c, sum.margin);
    for (std::string_view m : sum.members) {
      if (magnitude_hidden(c, m)) ++hidden;
      else derived -= magnitude(c, m);
    }
    if (hidden == 0) return false;
    // The smallest published member above 0 m2 (a 0 hides nothing); else the margin.
    std::optional<std::string_view> pick;
    double best = std::numeric_limits<double>::infinity();
    for (std::string_view m : sum.members) {
      const double v = magnitude(c, m);
      if (!magnitude_withheld(c, m) && v > 0.0 && v < best) {
        best = v;
        pick = m;
      }
    }
    const bool margin_published = !magnitude_withheld(c, sum.margin);
    if (hidden == 1) {
      if (!pick && margin_published) pick = sum.margin;
    } else if (!margin_published || derived > 0.5) {
      return false;  // two or more hidden under a withheld margin, or a hidden sum above 0
    } else if (!pick) {
      pick = sum.margin;
    }
    if (!pick) return false;
    withhold_magnitude_secondary(c, *pick);
    return true;
  }

  AnalysisResult& result_;
  std::vector<Relation> relations_;
  std::map<std::pair<size_t, size_t>, std::vector<size_t>> bounding_;  // margin -> relations
  std::vector<std::pair<CellRef, CellRef>> links_;
};

// A withheld row fed the other rows' row-dependent values (a hot-spot cell's value enters its
// neighbours' Gi*): once secondary suppression withholds a row the primary rule did not, those
// columns go in every row of the table. (A primary row never fed them: the family leaves it out.)
void withhold_row_dependent_columns(AnalysisResult& result) {
  for (NamedTable& named : result.tables) {
    if (named.row_dependent_columns.empty()) continue;
    const Column* kind = named.table.find("suppression_kind");
    if (kind == nullptr) continue;
    const auto secondary = std::count(kind->texts.begin(), kind->texts.end(), "secondary");
    if (secondary == 0) continue;
    std::string columns;
    for (const std::string& name : named.row_dependent_columns) {
      Column& column = named.table.mutable_at(name);
      for (size_t row = 0; row < named.table.row_count(); ++row) withhold_cell(column, row);
      columns += (columns.empty() ? "" : ", ") + name;
    }
    result.notes.push_back(named.name + ": " + std::to_string(secondary) +
                           " row(s) withheld by secondary suppression had entered the other rows' " +
                           columns + "; these columns are withheld in every row");
  }
}

std::optional<size_t> table_index(const AnalysisResult& result, std::string_view name) {
  for (size_t i = 0; i < result.tables.size(); ++i) {
    if (result.tables[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace

void protect_tables(AnalysisResult& result, const DisclosureSettings& settings) {
  if (settings.internal || result.tables.empty()) return;
  const Table& kern = result.kern_indicators();
  if (kern.find("suppressed") == nullptr) return;  // no vacancy columns: nothing to protect
  Pass pass(result);
  std::map<std::string, size_t> kern_row;
  const auto& codes = kern.at("kern_code").texts;
  for (size_t r = 0; r < kern.row_count(); ++r) kern_row[codes[r]] = r;

  // The municipality total = every kern row (buitengebied included) = every hot-spot cell.
  const std::optional<size_t> total = table_index(result, "vacancy_total");
  if (total) {
    Relation r{{}, CellRef{*total, 0}};
    for (size_t row = 0; row < kern.row_count(); ++row) r.members.push_back({0, row});
    pass.add(std::move(r));
    if (const std::optional<size_t> cells = table_index(result, "vacancy_hotspot")) {
      Relation g{{}, CellRef{*total, 0}};
      for (size_t row = 0; row < result.tables[*cells].table.row_count(); ++row) g.members.push_back({*cells, row});
      if (result.tables[*cells].table.find("suppressed") != nullptr) pass.add(std::move(g));
    }
  }
  // A kern row = its sector cells = its function cells.
  for (std::string_view breakdown : {"kern_sector", "kern_function"}) {
    const std::optional<size_t> index = table_index(result, breakdown);
    if (!index) continue;
    const Table& t = result.tables[*index].table;
    std::map<size_t, Relation> per_kern;
    const auto& cell_codes = t.at("kern_code").texts;
    for (size_t row = 0; row < t.row_count(); ++row) {
      const auto it = kern_row.find(cell_codes[row]);
      if (it == kern_row.end()) continue;
      Relation& r = per_kern[it->second];
      r.margin = CellRef{0, it->second};
      r.members.push_back({*index, row});
    }
    for (auto& [row, relation] : per_kern) pass.add(std::move(relation));
  }
  // The last change period repeats the kern rows at t1.
  if (const std::optional<size_t> change = table_index(result, "vacancy_change")) {
    const Table& t = result.tables[*change].table;
    const auto& ends = t.at("period_end").texts;
    const auto& change_codes = t.at("kern_code").texts;
    const std::string last = ends.empty() ? std::string() : *std::max_element(ends.begin(), ends.end());
    for (size_t row = 0; row < t.row_count(); ++row) {
      const auto it = kern_row.find(change_codes[row]);
      if (ends[row] == last && it != kern_row.end()) pass.link(CellRef{0, it->second}, CellRef{*change, row});
    }
  }
  pass.run();
  withhold_row_dependent_columns(result);
}

}  // namespace kk

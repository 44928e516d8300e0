// A small column table: the shape in which every indicator leaves the engine, so writers,
// the C API and Python read results by column name without knowing the indicator.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kk {

enum class ColumnType : uint8_t { kInteger, kReal, kText };

inline constexpr int64_t kNullInteger = std::numeric_limits<int64_t>::min();

struct Column {
  std::string name;
  ColumnType type = ColumnType::kReal;
  std::string unit;         // e.g. "km2", "per_km2", "" when dimensionless or a count
  std::string description;  // one line for data cards and --help
  std::vector<int64_t> integers;     // kNullInteger = empty
  std::vector<double> reals;         // NaN = empty
  std::vector<std::string> texts;    // "" = empty

  size_t size() const;
  bool is_null(size_t row) const;
};

class Table {
 public:
  Column& add_integer(std::string name, std::vector<int64_t> values, std::string unit = {},
                      std::string description = {});
  Column& add_real(std::string name, std::vector<double> values, std::string unit = {},
                   std::string description = {});
  Column& add_text(std::string name, std::vector<std::string> values, std::string description = {});

  // Appends a column built elsewhere (e.g. copied from another table).
  Column& add_column(Column column) { return add(std::move(column)); }
  // Appends the rows of `other`, which must have the same column names and types in order.
  void append_rows(const Table& other);

  size_t row_count() const { return columns_.empty() ? 0 : columns_.front().size(); }
  const std::vector<Column>& columns() const { return columns_; }
  // For rules that rewrite values in place (disclosure control); names and sizes must stay.
  std::vector<Column>& mutable_columns() { return columns_; }
  // nullptr when absent.
  const Column* find(std::string_view name) const;
  // Throws kk::Error (kInvalidArgument) naming the column when absent.
  const Column& at(std::string_view name) const;
  Column& mutable_at(std::string_view name) { return const_cast<Column&>(at(name)); }

 private:
  Column& add(Column column);
  std::vector<Column> columns_;
};

}  // namespace kk

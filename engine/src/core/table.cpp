// Column table used for every indicator result.
#include "kernkompas/core/table.hpp"

#include <cmath>

#include "kernkompas/core/error.hpp"

namespace kk {

size_t Column::size() const {
  switch (type) {
    case ColumnType::kInteger: return integers.size();
    case ColumnType::kReal: return reals.size();
    case ColumnType::kText: return texts.size();
  }
  return 0;
}

bool Column::is_null(size_t row) const {
  switch (type) {
    case ColumnType::kInteger: return integers[row] == kNullInteger;
    case ColumnType::kReal: return std::isnan(reals[row]);
    case ColumnType::kText: return texts[row].empty();
  }
  return true;
}

Column& Table::add(Column column) {
  if (find(column.name) != nullptr) {
    throw Error(ErrorCode::kInternal, "table already has a column '" + column.name + "'");
  }
  if (!columns_.empty() && column.size() != row_count()) {
    throw Error(ErrorCode::kInternal, "column '" + column.name + "' has " +
                                          std::to_string(column.size()) + " rows, table has " +
                                          std::to_string(row_count()));
  }
  columns_.push_back(std::move(column));
  return columns_.back();
}

Column& Table::add_integer(std::string name, std::vector<int64_t> values, std::string unit,
                           std::string description) {
  Column column{std::move(name), ColumnType::kInteger, std::move(unit), std::move(description), {}, {}, {}};
  column.integers = std::move(values);
  return add(std::move(column));
}

Column& Table::add_real(std::string name, std::vector<double> values, std::string unit,
                        std::string description) {
  Column column{std::move(name), ColumnType::kReal, std::move(unit), std::move(description), {}, {}, {}};
  column.reals = std::move(values);
  return add(std::move(column));
}

Column& Table::add_text(std::string name, std::vector<std::string> values, std::string description) {
  Column column{std::move(name), ColumnType::kText, {}, std::move(description), {}, {}, {}};
  column.texts = std::move(values);
  return add(std::move(column));
}

void Table::append_rows(const Table& other) {
  if (columns_.empty()) {
    columns_ = other.columns_;
    return;
  }
  if (other.columns_.size() != columns_.size()) {
    throw Error(ErrorCode::kInternal, "append_rows: the tables have different columns");
  }
  for (size_t c = 0; c < columns_.size(); ++c) {
    Column& mine = columns_[c];
    const Column& theirs = other.columns_[c];
    if (mine.name != theirs.name || mine.type != theirs.type) {
      throw Error(ErrorCode::kInternal, "append_rows: column '" + theirs.name + "' does not match '" + mine.name + "'");
    }
    mine.integers.insert(mine.integers.end(), theirs.integers.begin(), theirs.integers.end());
    mine.reals.insert(mine.reals.end(), theirs.reals.begin(), theirs.reals.end());
    mine.texts.insert(mine.texts.end(), theirs.texts.begin(), theirs.texts.end());
  }
}

const Column* Table::find(std::string_view name) const {
  for (const Column& column : columns_) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

const Column& Table::at(std::string_view name) const {
  if (const Column* column = find(name)) return *column;
  throw Error(ErrorCode::kInvalidArgument, "no column named '" + std::string(name) + "'");
}

}  // namespace kk

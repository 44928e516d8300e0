// Private to layers/: checks on raw input text that GDAL would otherwise misread quietly —
// a CSV whose quote never closes or that holds NUL bytes, and text that is not UTF-8.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kk::layers::detail {

// The first problem of a CSV file's bytes, or nullopt: a NUL byte ("line 4: holds a NUL
// byte ..."), or a quote that never closes ("line 7: a quote opens here and never closes").
// Quotes are counted as GDAL's CSV reader counts them: a line whose quotes leave an odd count
// is joined with the next, so an unbalanced quote swallows the rest of the file.
std::optional<std::string> csv_problem(const std::filesystem::path& path);

// Whether `text` is valid UTF-8.
bool is_utf8(std::string_view text);

// `text` for a message: printable ASCII as is, other bytes as \xHH, cut after `limit` bytes.
std::string escaped(std::string_view text, size_t limit = 40);

}  // namespace kk::layers::detail

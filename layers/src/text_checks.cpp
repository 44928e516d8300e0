// Raw-text checks of input files (see text_checks.hpp).
#include "text_checks.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

#include <cpl_vsi.h>

namespace kk::layers::detail {

std::optional<std::string> csv_problem(const std::filesystem::path& path) {
  VSILFILE* file = VSIFOpenL(path.c_str(), "rb");  // VSI: /vsimem/ files too
  if (file == nullptr) return std::nullopt;       // the reader reports it
  long line = 1, quote_line = 0;
  bool odd = false;
  std::vector<char> buffer(size_t{1} << 16);
  for (size_t got; (got = VSIFReadL(buffer.data(), 1, buffer.size(), file)) > 0;) {
    for (size_t i = 0; i < got; ++i) {
      const char c = buffer[i];
      if (c == '\0') {
        VSIFCloseL(file);
        return "line " + std::to_string(line) +
               ": holds a NUL byte, which no text file has; the file is damaged or not a CSV "
               "(a CSV saved as UTF-16? save it as UTF-8)";
      }
      if (c == '"') {
        odd = !odd;
        if (odd) quote_line = line;
      } else if (c == '\n') {
        ++line;
      }
    }
  }
  VSIFCloseL(file);
  if (odd) {
    return "line " + std::to_string(quote_line) +
           ": a quote (\") opens here and never closes, so the rest of the file would be one value; "
           "close it, or double a quote inside a value (\"\")";
  }
  return std::nullopt;
}

bool is_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t code = 0;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { extra = 1; code = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { extra = 2; code = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { extra = 3; code = c & 0x07; }
    else return false;
    if (i + extra >= text.size()) return false;  // cut short
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string escaped(std::string_view text, size_t limit) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace kk::layers::detail

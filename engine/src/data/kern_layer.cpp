// Kern lookup by code, name or alias.
#include "kernkompas/data/kern_layer.hpp"

#include <cctype>

namespace kk {
namespace {

// Folds case and drops apostrophes, spaces and hyphens: "'s-Graveland" == "s graveland".
std::string fold(std::string_view text) {
  std::string folded;
  for (char c : text) {
    if (c == '\'' || c == ' ' || c == '-' || c == '`') continue;
    folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return folded;
}

}  // namespace

std::optional<size_t> KernLayer::find(std::string_view code_or_name) const {
  const std::string wanted = fold(code_or_name);
  for (size_t i = 0; i < size(); ++i) {
    if (fold(code[i]) == wanted || fold(name[i]) == wanted) return i;
    if (i < aliases.size()) {
      for (const std::string& alias : aliases[i]) {
        if (fold(alias) == wanted) return i;
      }
    }
  }
  return std::nullopt;
}

Table kern_key_columns(const KernLayer& kernen) {
  std::vector<std::string> codes, names;
  for (size_t row = 0; row <= kernen.size(); ++row) {
    codes.emplace_back(kernen.row_code(row));
    names.emplace_back(kernen.row_name(row));
  }
  Table keys;
  keys.add_text("kern_code", std::move(codes), "kern code; 'buitengebied' for outside every kern");
  keys.add_text("kern_name", std::move(names), "kern name");
  return keys;
}

}  // namespace kk

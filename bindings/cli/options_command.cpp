// `kernkompas options`: the option tables of kk::option_sections(), for people and for the docs.
#include <iostream>
#include <string>

#include "kernkompas/core/options.hpp"
#include "kernkompas/core/text_table.hpp"
#include "run_command.hpp"

namespace kk::cli {
namespace {

// Markdown cells must not break the table.
std::string cell(std::string text) {
  for (size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) text.replace(at, 1, "\\|");
  return text;
}

std::string default_text(const OptionSpec& spec) {
  const std::string text = format_option_value(spec.default_value);
  return text.empty() ? "none" : text;
}

}  // namespace

int options_command(bool markdown) {
  if (markdown) {
    std::cout << "| option | type | default | allowed | unit | meaning |\n"
              << "|---|---|---|---|---|---|\n";
    for (const OptionSection& section : option_sections()) {
      for (const OptionSpec& spec : section.options) {
        std::string meaning(spec.doc);
        if (!spec.alias.empty()) meaning += " (older name: `" + std::string(spec.alias) + "`)";
        std::cout << "| `" << section.name << "." << spec.name << "` | " << option_type_name(spec.type) << " | `"
                  << cell(default_text(spec)) << "` | " << cell(option_range_text(spec)) << " | "
                  << cell(std::string(spec.unit)) << " | " << cell(meaning) << " |\n";
      }
    }
    return 0;
  }
  for (const OptionSection& section : option_sections()) {
    std::cout << "[" << section.name << "]  " << section.doc << "\n";
    TextTable table({{"  key", 26, false}, {"type", 8, false}, {"default", 9, false}, {"meaning", 0, false}});
    for (const OptionSpec& spec : section.options) {
      table.add_row({"  " + std::string(spec.name), std::string(option_type_name(spec.type)), default_text(spec),
                     std::string(spec.doc) + " (" + option_range_text(spec) +
                         (spec.unit.empty() ? "" : ", " + std::string(spec.unit)) + ")"});
    }
    table.print(std::cout);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace kk::cli

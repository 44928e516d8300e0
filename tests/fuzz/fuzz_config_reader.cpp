// Fuzz harness: TOML text -> ProjectConfig through layers::parse_config, as load_config reads
// a config file: syntax, sections and keys, layer sources and field mappings, snapshots, the
// working CRS check and every option's range check before its cast.
#include "fuzz_target.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/config.hpp"

namespace kk::fuzz {

void config_reader(std::string_view input) {
  try {
    const layers::ProjectConfig config = layers::parse_config(input, "/fuzz/kernkompas.toml");
    // Every option the config set must read back as it was stored, through the view a
    // family reads (a stored value of the wrong type would throw here).
    for (const std::string& name : config.settings.explicitly_set()) {
      const FoundOption found = find_option(name);
      if (found.spec == nullptr) invariant_failed("config_reader", "a set option is not declared");
      checked_option_value(*found.spec, config.settings.get(name));
    }
  } catch (const InputError&) {
  }
}

}  // namespace kk::fuzz

KK_FUZZ_ENTRY(config_reader)

// The family registry: one line per family, in the order they run; and the option sections
// built from it. Adding a family adds one line to kFamilies (docs/developer-notes.md).
#include "kernkompas/families.hpp"

#include <vector>

#include "kernkompas/access/family.hpp"
#include "kernkompas/clustering/family.hpp"
#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/execution.hpp"
#include "kernkompas/indicators/family.hpp"
#include "kernkompas/pattern/family.hpp"
#include "kernkompas/vacancy/family.hpp"
#ifdef KK_DEMO_FAMILY
#include "demo_family.hpp"  // tests/families/demo: test builds only (KK_DEMO_FAMILY=ON)
#endif

namespace kk {

std::span<const Family> families() {
  static const std::vector<Family> kFamilies = {
      indicators::basic_family(),
      vacancy::vacancy_family(),
      pattern::hotspot_family(),
      clustering::clustering_family(),
      access::accessibility_family(),
#ifdef KK_DEMO_FAMILY
      demo::demo_family(),
#endif
  };
  return kFamilies;
}

void summarize(const AnalysisResult& result, const Settings& settings, std::ostream& out) {
  for (const Family& family : families()) {
    if (family.summarize != nullptr) family.summarize(result, settings, out);
  }
  for (const std::string& note : result.notes) out << "\nNote: " << note << "\n";
}

std::span<const OptionSection> option_sections() {
  static const std::vector<OptionSection> kSections = [] {
    std::vector<OptionSection> sections = {
        {"execution", "how a run executes, for every family", execution_option_specs()},
        {"disclosure", "disclosure control, for every published table", disclosure_option_specs()},
    };
    for (const Family& family : families()) {
      if (!family.options.empty()) sections.push_back({family.name, family.doc, family.options});
    }
    return sections;
  }();
  return kSections;
}

}  // namespace kk

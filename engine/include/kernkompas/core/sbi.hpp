// SBI 2008 codes (Standaard Bedrijfsindeling) and their sections A–U.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kk {

inline constexpr std::array<char, 21> kSbiSections = {'A', 'B', 'C', 'D', 'E', 'F', 'G',
                                                      'H', 'I', 'J', 'K', 'L', 'M', 'N',
                                                      'O', 'P', 'Q', 'R', 'S', 'T', 'U'};

// Section letter of an SBI code written "47.11", "4711", "47" or "01.13"; the first two
// digits decide. Returns nullopt for empty, non-numeric or unassigned divisions (e.g. "04").
std::optional<char> sbi_section(std::string_view code);

// Position of a section letter in kSbiSections (A = 0 ... U = 20).
constexpr int sbi_section_index(char section) { return section - 'A'; }

}  // namespace kk

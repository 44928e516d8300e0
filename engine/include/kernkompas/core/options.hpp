// Options declared once: every indicator family (and the settings shared by all of them)
// lists its options as a table of OptionSpec. The TOML reader, the C API setters and option
// listing, the Python keyword arguments, the command line's --set and the options part of
// docs/configuration.md all read these tables; the range checks below are the only ones.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kernkompas/core/date.hpp"

namespace kk {

enum class OptionType : uint8_t {
  kInteger = 0,  // whole number: int64, or uint64 past INT64_MAX where the range allows it
  kReal = 1,     // double; NaN only where OptionSpec::none_allowed
  kBoolean = 2,
  kText = 3,     // free text, or one of OptionSpec::choices
  kDate = 4,     // ISO date YYYY-MM-DD, held as text; "" = none where none_allowed
};

// "integer", "real", "boolean", "text", "date".
std::string_view option_type_name(OptionType type);

// A value as it arrives (from TOML, C, Python or text) and as it is stored once checked:
// an integer option holds int64_t (uint64_t only for a value past INT64_MAX, which only an
// option with max kUint64Max takes), a real one double, a boolean bool, text and dates text.
using OptionValue = std::variant<int64_t, double, bool, std::string, uint64_t>;

inline constexpr double kNoBound = std::numeric_limits<double>::infinity();

// The max of an integer option that takes every unsigned 64-bit value, 0 ... 2^64 - 1 (the
// seed). A double cannot hold 2^64 - 1 (it rounds to 2^64), so such an option is checked in
// integers, shown with its exact bound, and also takes a decimal string: TOML integers are
// signed 64-bit and stop at 2^63 - 1.
inline constexpr double kUint64Max = 18446744073709551615.0;

struct OptionSpec {
  std::string_view name;  // key inside its section, e.g. "permutations"
  OptionType type = OptionType::kReal;
  OptionValue default_value;
  // Inclusive numeric bounds (exclusive where *_exclusive); checked before any cast.
  double min = -kNoBound;
  double max = kNoBound;
  bool min_exclusive = false;
  bool max_exclusive = false;
  // Real: NaN means "none"/"automatic"; text/date: "" means none.
  bool none_allowed = false;
  std::vector<std::string_view> choices;  // text: the allowed values (empty = any)
  std::string_view unit;                  // "m", "fraction", "" ...
  std::string_view doc;                   // one line
  std::string_view alias;                 // an older qualified name still accepted, or ""
};

// One section of options: the shared "execution" and "disclosure" settings, or a family's.
struct OptionSection {
  std::string_view name;  // the TOML section and the prefix of qualified names
  std::string_view doc;
  std::span<const OptionSpec> options;
};

// Checks `value` against `spec` and converts it to the stored type (an integer option takes
// a whole double, a real option an integer). Throws kk::Error (kInvalidArgument) whose
// message is the problem alone, e.g. "must be a whole number in [0, 100000], got 1e+10", for
// the caller to prefix with where the value came from.
OptionValue checked_option_value(const OptionSpec& spec, const OptionValue& value);

// Checks a value a C++ caller put into an options struct against the declared option
// `qualified_name` ("vacancy.confidence"), so direct engine calls obey the same ranges.
// Throws kk::Error (kInvalidArgument): "option 'vacancy.confidence' must be ..., got ...".
void check_option(std::string_view qualified_name, const OptionValue& value);

// Parses `text` as a value of the spec's type ("12", "0.5", "true", "none", "2025-01-01")
// and checks it. Throws as checked_option_value.
OptionValue parse_option_text(const OptionSpec& spec, std::string_view text);

// The value as text, the inverse of parse_option_text ("none" for a NaN real, "" for no date).
std::string format_option_value(const OptionValue& value);

// A number as option messages and docs show it ("%.10g").
std::string number_text(double value);

// A readable statement of the allowed values: "whole number >= 1", "one of: rate, count".
std::string option_range_text(const OptionSpec& spec);

// Every section, in order: "execution", "disclosure", then each registered family that has
// options (see kernkompas/families.hpp). Defined by the family registry.
std::span<const OptionSection> option_sections();

// The options of one section, read by a family. Values are checked and complete (defaults
// filled in).
class OptionView {
 public:
  OptionView(std::string_view section, const std::map<std::string, OptionValue, std::less<>>& values)
      : section_(section), values_(&values) {}
  std::string_view section() const { return section_; }
  int64_t integer(std::string_view name) const;
  // An option whose range is 0 ... 2^64 - 1 (max kUint64Max), as stored either way.
  uint64_t unsigned_integer(std::string_view name) const;
  double real(std::string_view name) const;
  bool boolean(std::string_view name) const;
  const std::string& text(std::string_view name) const;
  Days date(std::string_view name) const;  // kNoDate for none

 private:
  const OptionValue& get(std::string_view name) const;
  std::string_view section_;
  const std::map<std::string, OptionValue, std::less<>>* values_;
};

// Every option of every section (see kk::option_sections()), at its default until set.
// Names are qualified: "vacancy.confidence"; an option's alias is accepted too.
class Settings {
 public:
  Settings();

  // Throws kk::Error (kInvalidArgument): "unknown option 'x' (expected one of: ...)" or
  // "option 'hotspots.permutations' must be ..., got ...".
  void set(std::string_view qualified_name, const OptionValue& value);
  void set_text(std::string_view qualified_name, std::string_view text);
  // "section.key=value", as the command line's --set takes it.
  void set_assignment(std::string_view assignment);

  const OptionValue& get(std::string_view qualified_name) const;
  OptionView section(std::string_view section) const;
  // As section(), but a section without options (e.g. the basic family's) gives an empty view.
  OptionView section_or_empty(std::string_view section) const { return OptionView(section, values_); }
  // Qualified names set through set*() since construction, in the order first set.
  const std::vector<std::string>& explicitly_set() const { return set_names_; }

 private:
  std::map<std::string, OptionValue, std::less<>> values_;
  std::vector<std::string> set_names_;
};

// The spec of a qualified name or alias, with its canonical qualified name; nullptr when
// unknown.
struct FoundOption {
  const OptionSection* section = nullptr;
  const OptionSpec* spec = nullptr;
  std::string qualified_name;
};
FoundOption find_option(std::string_view qualified_name_or_alias);

}  // namespace kk

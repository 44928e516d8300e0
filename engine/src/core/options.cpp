// Option checking, parsing and the settings store: the one place option values are checked.
#include "kernkompas/core/options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "kernkompas/core/error.hpp"

namespace kk {
namespace {

// 2^63 and 2^64: doubles at or above them do not fit an int64_t, a uint64_t.
constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr double kTwoTo64 = 18446744073709551616.0;

[[noreturn]] void problem(const std::string& text) { throw Error(ErrorCode::kInvalidArgument, text); }

}  // namespace

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

namespace {

std::string describe(const OptionValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return "'" + *text + "'";
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* whole = std::get_if<int64_t>(&value)) return std::to_string(*whole);
  if (const auto* wide = std::get_if<uint64_t>(&value)) return std::to_string(*wide);
  return number_text(std::get<double>(value));
}

// An integer option that takes every uint64_t (see kUint64Max).
bool full_uint64(const OptionSpec& spec) { return spec.type == OptionType::kInteger && spec.max >= kUint64Max; }

// An unsigned value as stored: int64_t while it fits, uint64_t past INT64_MAX.
OptionValue stored_unsigned(uint64_t value) {
  if (value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return static_cast<int64_t>(value);
  return value;
}

bool in_range(const OptionSpec& spec, double value) {
  const bool above_min = spec.min_exclusive ? value > spec.min : value >= spec.min;
  const bool below_max = spec.max_exclusive ? value < spec.max : value <= spec.max;
  return above_min && below_max;
}

[[noreturn]] void out_of_range(const OptionSpec& spec, const OptionValue& value) {
  problem("must be " + option_range_text(spec) + ", got " + describe(value));
}

// A full-range unsigned option (the seed): every check in integers, no double rounding.
OptionValue checked_full_uint64(const OptionSpec& spec, const OptionValue& value) {
  const auto min = static_cast<uint64_t>(std::max(0.0, spec.min));
  uint64_t result = 0;
  if (const auto* whole = std::get_if<int64_t>(&value)) {
    if (*whole < 0) out_of_range(spec, value);
    result = static_cast<uint64_t>(*whole);
  } else if (const auto* wide = std::get_if<uint64_t>(&value)) {
    result = *wide;
  } else if (const auto* real = std::get_if<double>(&value)) {
    // Checked as a double before the cast: 1e30, -1 and 0.5 must not wrap or truncate.
    if (!std::isfinite(*real) || *real != std::floor(*real) || *real < 0 || *real >= kTwoTo64) {
      out_of_range(spec, value);
    }
    result = static_cast<uint64_t>(*real);
  } else if (const auto* text = std::get_if<std::string>(&value)) {  // TOML: seed = "18446744073709551615"
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), result);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size()) out_of_range(spec, value);
  } else {
    out_of_range(spec, value);
  }
  if (result < min) out_of_range(spec, value);
  return stored_unsigned(result);
}

OptionValue checked_integer(const OptionSpec& spec, const OptionValue& value) {
  if (full_uint64(spec)) return checked_full_uint64(spec, value);
  double number = 0.0;
  if (const auto* whole = std::get_if<int64_t>(&value)) {
    if (!in_range(spec, static_cast<double>(*whole))) out_of_range(spec, value);
    return *whole;
  }
  if (const auto* wide = std::get_if<uint64_t>(&value)) {
    if (*wide > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) out_of_range(spec, value);
    return checked_integer(spec, static_cast<int64_t>(*wide));
  }
  if (const auto* real = std::get_if<double>(&value)) number = *real;
  else out_of_range(spec, value);
  // Checked as a double before the cast: 1e10 or 1e30 must not wrap or saturate silently.
  if (!std::isfinite(number) || number != std::floor(number) || number < -kTwoTo63 ||
      number >= kTwoTo63 || !in_range(spec, number)) {
    out_of_range(spec, value);
  }
  return static_cast<int64_t>(number);
}

OptionValue checked_real(const OptionSpec& spec, const OptionValue& value) {
  double number = 0.0;
  if (const auto* whole = std::get_if<int64_t>(&value)) number = static_cast<double>(*whole);
  else if (const auto* wide = std::get_if<uint64_t>(&value)) number = static_cast<double>(*wide);
  else if (const auto* real = std::get_if<double>(&value)) number = *real;
  else out_of_range(spec, value);
  if (std::isnan(number) && spec.none_allowed) return number;
  if (!std::isfinite(number) || !in_range(spec, number)) out_of_range(spec, value);
  return number;
}

OptionValue checked_text(const OptionSpec& spec, const OptionValue& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) out_of_range(spec, value);
  if (text->empty() && spec.none_allowed) return *text;
  if (spec.type == OptionType::kDate) {
    const std::optional<Days> days = parse_iso_date(*text);
    if (!days) out_of_range(spec, value);
    return format_iso_date(*days);
  }
  if (spec.choices.empty()) return *text;
  for (std::string_view choice : spec.choices) {
    if (choice == *text) return *text;
  }
  out_of_range(spec, value);
}

const OptionSection* find_section(std::string_view name) {
  for (const OptionSection& section : option_sections()) {
    if (section.name == name) return &section;
  }
  return nullptr;
}

std::string known_names() {
  std::string list;
  for (const OptionSection& section : option_sections()) {
    for (const OptionSpec& spec : section.options) {
      list += (list.empty() ? "" : ", ") + std::string(section.name) + "." + std::string(spec.name);
    }
  }
  return list;
}

}  // namespace

std::string_view option_type_name(OptionType type) {
  switch (type) {
    case OptionType::kInteger: return "integer";
    case OptionType::kReal: return "real";
    case OptionType::kBoolean: return "boolean";
    case OptionType::kText: return "text";
    case OptionType::kDate: return "date";
  }
  return "unknown";
}

std::string option_range_text(const OptionSpec& spec) {
  auto bounds = [&](const char* noun) {
    // Whole-number bounds print as integers (2^53, not 9.007199255e+15).
    auto number_text = [&](double value) {
      if (spec.type != OptionType::kInteger) return kk::number_text(value);
      if (value >= kUint64Max) return std::string("18446744073709551615");  // 2^64 - 1, exactly
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.0f", value);
      return std::string(buffer);
    };
    std::string text = noun;
    const bool low = std::isfinite(spec.min), high = std::isfinite(spec.max);
    if (low && high) {
      text += std::string(" in ") + (spec.min_exclusive ? "(" : "[") + number_text(spec.min) + ", " +
              number_text(spec.max) + (spec.max_exclusive ? ")" : "]");
    } else if (low) {
      text += std::string(spec.min_exclusive ? " > " : " >= ") + number_text(spec.min);
    } else if (high) {
      text += std::string(spec.max_exclusive ? " < " : " <= ") + number_text(spec.max);
    }
    if (spec.none_allowed) text += " (or none)";
    return text;
  };
  switch (spec.type) {
    case OptionType::kInteger: return bounds("a whole number");
    case OptionType::kReal: return bounds("a number");
    case OptionType::kBoolean: return "true or false";
    case OptionType::kDate: return spec.none_allowed ? "a date YYYY-MM-DD (or none)" : "a date YYYY-MM-DD";
    case OptionType::kText: {
      if (spec.choices.empty()) return "text";
      std::string text = "one of:";
      for (size_t i = 0; i < spec.choices.size(); ++i) {
        text += (i ? ", " : " ") + std::string(spec.choices[i]);
      }
      return text;
    }
  }
  return "?";
}

OptionValue checked_option_value(const OptionSpec& spec, const OptionValue& value) {
  switch (spec.type) {
    case OptionType::kInteger: return checked_integer(spec, value);
    case OptionType::kReal: return checked_real(spec, value);
    case OptionType::kBoolean:
      if (!std::holds_alternative<bool>(value)) out_of_range(spec, value);
      return value;
    case OptionType::kText:
    case OptionType::kDate: return checked_text(spec, value);
  }
  problem("has an unknown type");
}

OptionValue parse_option_text(const OptionSpec& spec, std::string_view text) {
  const std::string copy(text);
  switch (spec.type) {
    case OptionType::kInteger: {
      int64_t whole = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
      if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) {
        return checked_option_value(spec, whole);
      }
      uint64_t wide = 0;  // past INT64_MAX: the seed's range
      const auto [wide_end, wide_ec] = std::from_chars(text.data(), text.data() + text.size(), wide);
      if (wide_ec == std::errc() && wide_end == text.data() + text.size() && !text.empty()) {
        return checked_option_value(spec, wide);
      }
      [[fallthrough]];  // "1e3", "99999999999999999999": judged as a number
    }
    case OptionType::kReal: {
      if (text == "none" || text.empty()) {
        return checked_option_value(spec, std::numeric_limits<double>::quiet_NaN());
      }
      char* end = nullptr;
      const double number = std::strtod(copy.c_str(), &end);
      if (end != copy.c_str() + copy.size()) out_of_range(spec, copy);
      return checked_option_value(spec, number);
    }
    case OptionType::kBoolean:
      if (text == "true" || text == "1") return true;
      if (text == "false" || text == "0") return false;
      out_of_range(spec, copy);
    case OptionType::kText:
    case OptionType::kDate:
      return checked_option_value(spec, text == "none" && spec.none_allowed ? std::string() : copy);
  }
  problem("has an unknown type");
}

std::string format_option_value(const OptionValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* whole = std::get_if<int64_t>(&value)) return std::to_string(*whole);
  if (const auto* wide = std::get_if<uint64_t>(&value)) return std::to_string(*wide);
  const double number = std::get<double>(value);
  return std::isnan(number) ? "none" : number_text(number);
}

FoundOption find_option(std::string_view name) {
  const size_t dot = name.find('.');
  if (dot != std::string_view::npos) {
    if (const OptionSection* section = find_section(name.substr(0, dot))) {
      for (const OptionSpec& spec : section->options) {
        if (spec.name == name.substr(dot + 1)) return {section, &spec, std::string(name)};
      }
    }
  }
  for (const OptionSection& section : option_sections()) {
    for (const OptionSpec& spec : section.options) {
      if (!spec.alias.empty() && spec.alias == name) {
        return {&section, &spec, std::string(section.name) + "." + std::string(spec.name)};
      }
    }
  }
  return {};
}

Settings::Settings() {
  for (const OptionSection& section : option_sections()) {
    for (const OptionSpec& spec : section.options) {
      values_[std::string(section.name) + "." + std::string(spec.name)] = spec.default_value;
    }
  }
}

namespace {

FoundOption require_option(std::string_view name) {
  FoundOption found = find_option(name);
  if (found.spec == nullptr) {
    problem("unknown option '" + std::string(name) + "' (expected one of: " + known_names() + ")");
  }
  return found;
}

// Messages name the option as the caller spelled it (an older name stays recognisable).
template <class Check>
OptionValue checked_for(const FoundOption& found, std::string_view name, Check check) {
  try {
    return check(*found.spec);
  } catch (const Error& e) {
    problem("option '" + std::string(name) + "' " + e.what());
  }
}

}  // namespace

void check_option(std::string_view name, const OptionValue& value) {
  const FoundOption found = require_option(name);
  checked_for(found, name, [&](const OptionSpec& spec) { return checked_option_value(spec, value); });
}

void Settings::set(std::string_view name, const OptionValue& value) {
  const FoundOption found = require_option(name);
  values_[found.qualified_name] =
      checked_for(found, name, [&](const OptionSpec& spec) { return checked_option_value(spec, value); });
  if (std::find(set_names_.begin(), set_names_.end(), found.qualified_name) == set_names_.end()) {
    set_names_.push_back(found.qualified_name);
  }
}

void Settings::set_text(std::string_view name, std::string_view text) {
  const FoundOption found = require_option(name);
  set(found.qualified_name,
      checked_for(found, name, [&](const OptionSpec& spec) { return parse_option_text(spec, text); }));
}

void Settings::set_assignment(std::string_view assignment) {
  const size_t equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    problem("'" + std::string(assignment) + "' is not of the form section.key=value");
  }
  set_text(assignment.substr(0, equals), assignment.substr(equals + 1));
}

const OptionValue& Settings::get(std::string_view name) const {
  const FoundOption found = require_option(name);
  return values_.find(found.qualified_name)->second;
}

OptionView Settings::section(std::string_view name) const {
  const OptionSection* section = find_section(name);
  if (section == nullptr) problem("unknown option section '" + std::string(name) + "'");
  return OptionView(section->name, values_);
}

const OptionValue& OptionView::get(std::string_view name) const {
  std::string key(section_);
  key += ".";
  key += name;
  const auto it = values_->find(key);
  if (it == values_->end()) throw Error(ErrorCode::kInternal, "no option '" + key + "'");
  return it->second;
}

int64_t OptionView::integer(std::string_view name) const { return std::get<int64_t>(get(name)); }
uint64_t OptionView::unsigned_integer(std::string_view name) const {
  const OptionValue& value = get(name);
  if (const auto* wide = std::get_if<uint64_t>(&value)) return *wide;
  return static_cast<uint64_t>(std::get<int64_t>(value));  // checked >= 0 when set
}
double OptionView::real(std::string_view name) const { return std::get<double>(get(name)); }
bool OptionView::boolean(std::string_view name) const { return std::get<bool>(get(name)); }
const std::string& OptionView::text(std::string_view name) const { return std::get<std::string>(get(name)); }
Days OptionView::date(std::string_view name) const {
  const std::string& text = std::get<std::string>(get(name));
  return text.empty() ? kNoDate : parse_iso_date(text).value_or(kNoDate);
}

}  // namespace kk

// C API: run options by name, and the option list a GIS tool builds its dialog from. Both are
// driven by the engine's option tables (kk::option_sections()); nothing here names a family.
#include <cmath>
#include <string>
#include <vector>

#include "capi_internal.hpp"

namespace kk::capi {
namespace {

// The option list flattened once, with the texts the C API hands out (static lifetime).
struct ListedOption {
  std::string name;  // qualified: "section.key"
  std::string default_text;
  std::string allowed;
  const OptionSpec* spec;
};

const std::vector<ListedOption>& listed_options() {
  static const std::vector<ListedOption> kList = [] {
    std::vector<ListedOption> list;
    for (const OptionSection& section : option_sections()) {
      for (const OptionSpec& spec : section.options) {
        list.push_back({std::string(section.name) + "." + std::string(spec.name),
                        format_option_value(spec.default_value), option_range_text(spec), &spec});
      }
    }
    return list;
  }();
  return kList;
}

const ListedOption& listed(size_t index) {
  const auto& list = listed_options();
  if (index >= list.size()) {
    throw Error(ErrorCode::kInvalidArgument, "option index " + std::to_string(index) +
                                                 " out of range (kk_option_count gives " +
                                                 std::to_string(list.size()) + ")");
  }
  return list[index];
}

// Records `value` for option `name` after checking that the setter's type is one of `types`
// (else the message names the right setter) and that the value is allowed.
void set_override(kk_options* options, const char* name, std::initializer_list<OptionType> types,
                  const OptionValue& value) {
  require(options, "options");
  require(name, "name");
  const FoundOption found = find_option(name);
  if (found.spec == nullptr) {
    std::string list;
    for (const ListedOption& option : listed_options()) list += (list.empty() ? "" : ", ") + option.name;
    throw Error(ErrorCode::kInvalidArgument,
                "unknown option '" + std::string(name) + "' (expected one of: " + list + ")");
  }
  if (std::find(types.begin(), types.end(), found.spec->type) == types.end()) {
    const std::string type(option_type_name(found.spec->type));
    const std::string setter = found.spec->type == OptionType::kDate ? "text" : type;
    throw Error(ErrorCode::kInvalidArgument, "option '" + found.qualified_name + "' is of type " + type +
                                                 ": set it with kk_options_set_" + setter);
  }
  OptionValue checked;
  try {
    checked = checked_option_value(*found.spec, value);
  } catch (const Error& e) {
    throw Error(ErrorCode::kInvalidArgument, "option '" + std::string(name) + "' " + e.what());
  }
  options->overrides.emplace_back(found.qualified_name, std::move(checked));
}

}  // namespace

// The body of a getter of option `index`: zeroes *out, then stores get(listed option).
template <class Out, class Get>
kk_status read_listed(kk_context* ctx, const char* function, size_t index, Out* out, Get get) noexcept {
  if (out != nullptr) *out = Out{};
  return guard(ctx, function, [&] {
    require(out, "out");
    *out = get(listed(index));
  });
}

}  // namespace kk::capi

using kk::capi::guard;
using kk::capi::read_value;
using kk::capi::require;
using kk::OptionType;

extern "C" {

kk_status kk_options_set_integer(kk_context* ctx, kk_options* options, const char* name, int64_t value) {
  return guard(ctx, __func__, [&] { kk::capi::set_override(options, name, {OptionType::kInteger}, value); });
}

kk_status kk_options_set_real(kk_context* ctx, kk_options* options, const char* name, double value) {
  return guard(ctx, __func__, [&] { kk::capi::set_override(options, name, {OptionType::kReal}, value); });
}

kk_status kk_options_set_text(kk_context* ctx, kk_options* options, const char* name, const char* value) {
  return guard(ctx, __func__, [&] {
    require(value, "value");
    kk::capi::set_override(options, name, {OptionType::kText, OptionType::kDate}, std::string(value));
  });
}

kk_status kk_options_set_boolean(kk_context* ctx, kk_options* options, const char* name, int value) {
  return guard(ctx, __func__, [&] { kk::capi::set_override(options, name, {OptionType::kBoolean}, value != 0); });
}

kk_status kk_options_set_threads(kk_context* ctx, kk_options* options, unsigned threads) {
  return guard(ctx, __func__, [&] {
    kk::capi::set_override(options, "execution.threads", {OptionType::kInteger}, static_cast<int64_t>(threads));
  });
}

kk_status kk_options_set_seed(kk_context* ctx, kk_options* options, uint64_t seed) {
  return guard(ctx, __func__, [&] {
    kk::capi::set_override(options, "execution.seed", {OptionType::kInteger}, seed);
  });
}

kk_status kk_options_set_internal(kk_context* ctx, kk_options* options, int internal) {
  return guard(ctx, __func__, [&] {
    kk::capi::set_override(options, "disclosure.internal", {OptionType::kBoolean}, internal != 0);
  });
}

kk_status kk_option_count(kk_context* ctx, size_t* out) {
  if (out != nullptr) *out = 0;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    *out = kk::capi::listed_options().size();
  });
}

kk_status kk_option_name(kk_context* ctx, size_t index, const char** out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return o.name.c_str(); });
}

kk_status kk_option_type_of(kk_context* ctx, size_t index, kk_option_type* out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return static_cast<kk_option_type>(o.spec->type); });
}

kk_status kk_option_default(kk_context* ctx, size_t index, const char** out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return o.default_text.c_str(); });
}

kk_status kk_option_allowed(kk_context* ctx, size_t index, const char** out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return o.allowed.c_str(); });
}

kk_status kk_option_range(kk_context* ctx, size_t index, double* min, double* max) {
  if (min != nullptr) *min = -INFINITY;
  if (max != nullptr) *max = INFINITY;
  return guard(ctx, __func__, [&] {
    require(min, "min");
    require(max, "max");
    const kk::OptionSpec& spec = *kk::capi::listed(index).spec;
    *min = spec.min;
    *max = spec.max;
  });
}

kk_status kk_option_choice_count(kk_context* ctx, size_t index, size_t* out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return o.spec->choices.size(); });
}

kk_status kk_option_choice(kk_context* ctx, size_t index, size_t choice, const char** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    const auto& choices = kk::capi::listed(index).spec->choices;
    if (choice >= choices.size()) {
      throw kk::Error(kk::ErrorCode::kInvalidArgument, "choice " + std::to_string(choice) +
                                                           " out of range (" + std::to_string(choices.size()) +
                                                           " choices)");
    }
    *out = choices[choice].data();  // string literals: NUL-terminated
  });
}

kk_status kk_option_unit(kk_context* ctx, size_t index, const char** out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return o.spec->unit.data(); });
}

kk_status kk_option_doc(kk_context* ctx, size_t index, const char** out) {
  return kk::capi::read_listed(ctx, __func__, index, out,
                               [](const kk::capi::ListedOption& o) { return o.spec->doc.data(); });
}

}  // extern "C"

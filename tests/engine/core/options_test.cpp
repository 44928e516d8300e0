// Tests for kernkompas/core/options.hpp: checking, parsing, aliases and the settings store.
#include "kernkompas/core/options.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "kernkompas/core/error.hpp"

namespace kk {
namespace {

std::string problem_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return {};
}

const OptionSpec kWhole{.name = "n", .type = OptionType::kInteger, .default_value = int64_t{3}, .min = 0, .max = 100000};
const OptionSpec kFraction{.name = "f", .type = OptionType::kReal, .default_value = 0.5, .min = 0, .max = 1,
                           .min_exclusive = true, .max_exclusive = true};
const OptionSpec kNoneOrMetres{.name = "m", .type = OptionType::kReal, .default_value = std::nan(""), .min = 0,
                               .none_allowed = true};

TEST(Options, IntegersAreCheckedAsNumbersBeforeAnyCast) {
  EXPECT_EQ(std::get<int64_t>(checked_option_value(kWhole, int64_t{7})), 7);
  EXPECT_EQ(std::get<int64_t>(checked_option_value(kWhole, 99.0)), 99);  // TOML's 99.0
  EXPECT_EQ(problem_of([] { checked_option_value(kWhole, 1e10); }),
            "must be a whole number in [0, 100000], got 1e+10");
  EXPECT_EQ(problem_of([] { checked_option_value(kWhole, int64_t{4294967296}); }),
            "must be a whole number in [0, 100000], got 4294967296");
  EXPECT_EQ(problem_of([] { checked_option_value(kWhole, 2.5); }), "must be a whole number in [0, 100000], got 2.5");
  EXPECT_NE(problem_of([] { checked_option_value(kWhole, 1e30); }).find("got 1e+30"), std::string::npos);
  EXPECT_NE(problem_of([] { checked_option_value(kWhole, std::nan("")); }).find("got nan"), std::string::npos);
  EXPECT_NE(problem_of([] { checked_option_value(kWhole, true); }).find("got true"), std::string::npos);
  EXPECT_NE(problem_of([] { checked_option_value(kWhole, std::string("7")); }).find("got '7'"), std::string::npos);
}

TEST(Options, RealBoundsAndNone) {
  EXPECT_EQ(problem_of([] { checked_option_value(kFraction, 0.0); }), "must be a number in (0, 1), got 0");
  EXPECT_EQ(problem_of([] { checked_option_value(kFraction, 1.0); }), "must be a number in (0, 1), got 1");
  EXPECT_EQ(problem_of([] { checked_option_value(kFraction, std::nan("")); }), "must be a number in (0, 1), got nan");
  EXPECT_DOUBLE_EQ(std::get<double>(checked_option_value(kFraction, 0.25)), 0.25);
  EXPECT_TRUE(std::isnan(std::get<double>(checked_option_value(kNoneOrMetres, std::nan("")))));
  EXPECT_EQ(problem_of([] { checked_option_value(kNoneOrMetres, -1.0); }), "must be a number >= 0 (or none), got -1");
  EXPECT_EQ(problem_of([] { checked_option_value(kNoneOrMetres, INFINITY); }),
            "must be a number >= 0 (or none), got inf");
}

TEST(Options, TextParsingFollowsTheType) {
  EXPECT_EQ(std::get<int64_t>(parse_option_text(kWhole, "42")), 42);
  EXPECT_EQ(std::get<int64_t>(parse_option_text(kWhole, "1e3")), 1000);
  EXPECT_NE(problem_of([] { parse_option_text(kWhole, "99999999999999999999"); }).find("got 1e+20"),
            std::string::npos);
  EXPECT_NE(problem_of([] { parse_option_text(kWhole, "twee"); }).find("got 'twee'"), std::string::npos);
  EXPECT_TRUE(std::isnan(std::get<double>(parse_option_text(kNoneOrMetres, "none"))));
  EXPECT_DOUBLE_EQ(std::get<double>(parse_option_text(kNoneOrMetres, "375")), 375.0);
  const OptionSpec flag{.name = "b", .type = OptionType::kBoolean, .default_value = false};
  EXPECT_TRUE(std::get<bool>(parse_option_text(flag, "true")));
  EXPECT_FALSE(std::get<bool>(parse_option_text(flag, "0")));
  EXPECT_NE(problem_of([&] { parse_option_text(flag, "ja"); }).find("must be true or false"), std::string::npos);
  const OptionSpec date{.name = "d", .type = OptionType::kDate, .default_value = std::string(), .none_allowed = true};
  EXPECT_EQ(std::get<std::string>(parse_option_text(date, "2025-01-01")), "2025-01-01");
  EXPECT_EQ(std::get<std::string>(parse_option_text(date, "none")), "");
  EXPECT_NE(problem_of([&] { parse_option_text(date, "2025-02-30"); }).find("a date YYYY-MM-DD"), std::string::npos);
  EXPECT_EQ(format_option_value(std::nan("")), "none");
  EXPECT_EQ(format_option_value(int64_t{999}), "999");
}

TEST(Settings, StartAtTheDefaultsOfEverySection) {
  const Settings settings;
  EXPECT_EQ(std::get<int64_t>(settings.get("execution.threads")), 1);
  EXPECT_EQ(std::get<int64_t>(settings.get("execution.seed")), 12345);
  EXPECT_EQ(std::get<int64_t>(settings.get("disclosure.k")), 5);
  EXPECT_DOUBLE_EQ(std::get<double>(settings.get("hotspots.cell_size_m")), 250.0);
  EXPECT_TRUE(settings.explicitly_set().empty());
}

TEST(Settings, SetChecksNamesValuesAndAcceptsOlderNames) {
  Settings settings;
  settings.set("vacancy.seed", int64_t{7});  // alias of execution.seed
  EXPECT_EQ(std::get<int64_t>(settings.get("execution.seed")), 7);
  EXPECT_EQ(settings.explicitly_set(), std::vector<std::string>{"execution.seed"});
  settings.set_assignment("hotspots.cell_size_m=500");
  EXPECT_DOUBLE_EQ(settings.section("hotspots").real("cell_size_m"), 500.0);
  EXPECT_EQ(problem_of([&] { settings.set("hotspots.cell_size", 1.0); }).substr(0, 66),
            "unknown option 'hotspots.cell_size' (expected one of: execution.th");
  EXPECT_EQ(problem_of([&] { settings.set_assignment("hotspots.permutations=1e10"); }),
            "option 'hotspots.permutations' must be a whole number in [0, 100000], got 1e+10");
  EXPECT_EQ(problem_of([&] { settings.set_assignment("disclosure.k"); }),
            "'disclosure.k' is not of the form section.key=value");
  EXPECT_EQ(problem_of([&] { settings.set("execution.seed", 1e30); }),
            "option 'execution.seed' must be a whole number in [0, 18446744073709551615], got 1e+30");
  // A refused value leaves the old one in place.
  EXPECT_EQ(std::get<int64_t>(settings.get("execution.seed")), 7);
}

// The seed takes every uint64_t, checked in integers (a double cannot hold 2^64 - 1); values
// past INT64_MAX are stored as uint64_t, smaller ones as int64_t as before.
TEST(Settings, SeedTakesEveryUnsigned64BitValue) {
  Settings settings;
  const uint64_t max = 18446744073709551615u;
  settings.set("execution.seed", max);
  EXPECT_EQ(settings.section("execution").unsigned_integer("seed"), max);
  EXPECT_EQ(format_option_value(settings.get("execution.seed")), "18446744073709551615");
  settings.set_assignment("execution.seed=9223372036854775808");
  EXPECT_EQ(std::get<uint64_t>(settings.get("execution.seed")), 9223372036854775808u);
  settings.set_assignment("execution.seed=12345");
  EXPECT_EQ(std::get<int64_t>(settings.get("execution.seed")), 12345);
  settings.set("execution.seed", 9223372036854775808.0);  // a whole double in range
  EXPECT_EQ(settings.section("execution").unsigned_integer("seed"), 9223372036854775808u);
  const std::string range = "option 'execution.seed' must be a whole number in [0, 18446744073709551615], got ";
  EXPECT_EQ(problem_of([&] { settings.set_assignment("execution.seed=18446744073709551616"); }),
            range + "1.844674407e+19");
  EXPECT_EQ(problem_of([&] { settings.set_assignment("execution.seed=-1"); }), range + "-1");
  EXPECT_EQ(problem_of([&] { settings.set_assignment("execution.seed=0.5"); }), range + "0.5");
  EXPECT_EQ(problem_of([&] { settings.set("execution.seed", 18446744073709551616.0); }), range + "1.844674407e+19");
  EXPECT_EQ(problem_of([&] { settings.set("execution.seed", std::string("x")); }), range + "'x'");
  // Other integer options take no uint64_t past their range either.
  EXPECT_EQ(problem_of([&] { settings.set("hotspots.permutations", uint64_t{9223372036854775808u}); }),
            "option 'hotspots.permutations' must be a whole number in [0, 100000], got 9223372036854775808");
  EXPECT_EQ(settings.section("execution").unsigned_integer("seed"), 9223372036854775808u);
}

// The default seed is unchanged, so every earlier result is too.
TEST(Settings, DefaultSeedIsUnchanged) {
  EXPECT_EQ(Settings().section("execution").unsigned_integer("seed"), 12345u);
}

TEST(Settings, CheckOptionGuardsDirectEngineCalls) {
  EXPECT_NO_THROW(check_option("vacancy.confidence", 0.9));
  EXPECT_EQ(problem_of([] { check_option("vacancy.confidence", 1.5); }),
            "option 'vacancy.confidence' must be a number in (0, 1), got 1.5");
}

TEST(OptionSections, EveryOptionHasADocAndAValidDefault) {
  for (const OptionSection& section : option_sections()) {
    EXPECT_FALSE(section.doc.empty()) << section.name;
    for (const OptionSpec& spec : section.options) {
      EXPECT_FALSE(spec.doc.empty()) << section.name << "." << spec.name;
      EXPECT_NO_THROW(checked_option_value(spec, spec.default_value)) << section.name << "." << spec.name;
      if (!spec.alias.empty()) {
        EXPECT_EQ(find_option(spec.alias).spec, &spec) << spec.alias;
      }
    }
  }
}

}  // namespace
}  // namespace kk

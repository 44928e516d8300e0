// The fuzz harnesses' logic, shared by the libFuzzer programs (KK_FUZZ=ON, clang) and the
// regression test that replays the seed corpus and every past finding in the normal build.
// Each function runs one input: it returns normally when kernkompas accepts the input or
// refuses it with a kk::InputError (the project's exception for bad input), and lets anything
// else through: another exception type escapes, a crash or sanitizer report stays one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kk::fuzz {

// CSV cell text -> numbers, dates, statuses, aliases, coordinates (layers' value parsers).
void csv_values(std::string_view input);
// TOML text -> ProjectConfig (layers::parse_config), with the option range checks.
void config_reader(std::string_view input);
// WKB bytes -> engine polygons: the C API's WKB reader and GEOS's, then geometry::make_valid.
void wkb_reader(std::string_view input);
// "<kernen GeoJSON>\n%%\n<locations CSV>" in /vsimem/ -> read_kernen, read_locations and a
// small run_analysis, as the command line reads and runs a project (without writing output).
void read_path(std::string_view input);

// A harness finding that is not a crash: a broken invariant (e.g. a date that does not
// format back to its text). Aborts, so libFuzzer and the regression test both report it.
[[noreturn]] void invariant_failed(const char* harness, const char* what);

}  // namespace kk::fuzz

// In the libFuzzer build each harness file defines the entry point for its function.
#ifdef KK_LIBFUZZER
#define KK_FUZZ_ENTRY(function)                                                   \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {       \
    kk::fuzz::function(std::string_view(reinterpret_cast<const char*>(data), size)); \
    return 0;                                                                     \
  }
#else
#define KK_FUZZ_ENTRY(function)
#endif

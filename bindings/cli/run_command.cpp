// The run command: read, analyse, write, summarise.
#include "run_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/families.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/read.hpp"
#include "kernkompas/layers/write.hpp"

namespace kk::cli {
namespace {

// Prints each step once, and a percentage on a terminal while a step runs.
ProgressCallback make_progress(bool quiet) {
  if (quiet) return {};
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  return [tty, last = std::string(), last_percent = -1](std::string_view step, double fraction) mutable {
    const int percent = static_cast<int>(fraction * 100.0);
    if (step != last) {
      if (tty && !last.empty()) std::cerr << "\n";
      last = step;
      last_percent = -1;
      std::cerr << "kernkompas: " << step << (tty ? "" : "\n");
    }
    if (tty && percent != last_percent) {
      last_percent = percent;
      std::cerr << "\rkernkompas: " << step << " " << percent << "%" << std::flush;
    }
    return true;
  };
}

constexpr const char* kReportRequest =
    "this is a bug in kernkompas: please report it to the developers with the command and this message";

std::string config_name(const RunOptions& options) {
  return options.config ? "config '" + options.config->string() + "'" : "the embedded Wijdemeren config";
}

}  // namespace

int run_command(const RunOptions& options) {
  try {
    const std::filesystem::path config_path =
        options.config ? *options.config : layers::default_config_path();
    const layers::ProjectConfig config = layers::load_config(config_path);
    const ProgressCallback progress = make_progress(options.quiet);
    AnalysisOptions analysis{config.settings, progress};
    try {
      if (options.threads) analysis.settings.set("execution.threads", static_cast<int64_t>(*options.threads));
      // As text, so that the option's own check judges (and names) -1, 0.5 or 2^64.
      if (options.seed) analysis.settings.set_text("execution.seed", *options.seed);
      if (options.internal) analysis.settings.set("disclosure.internal", true);
      for (const std::string& assignment : options.set) analysis.settings.set_assignment(assignment);
    } catch (const Error& e) {
      std::cerr << "kernkompas: error: " << e.what() << "\n";
      return kExitUsage;
    }

    layers::Notes notes;
    const AnalysisInput input = layers::read_project(config, notes, progress);
    for (const std::string& note : notes) std::cerr << "note: " << note << "\n";

    const AnalysisResult result = run_analysis(input, analysis);
    report_progress(progress, "write outputs", 0.0);
    layers::WriteOptions write_options{.working_crs = config.working_crs, .config_path = config_path};
    for (const layers::LayerSource* source : {&config.kernen, &config.locations}) {
      write_options.input_paths.push_back(source->path);
    }
    if (config.population) write_options.input_paths.push_back(config.population->path);
    for (const layers::Snapshot& snapshot : config.snapshots) {
      write_options.input_paths.push_back(snapshot.source.path);
    }
    const layers::Notes write_notes = layers::write_outputs(input, result, options.out_dir, write_options);
    if (progress) std::cerr << "\n";
    for (const std::string& note : write_notes) std::cerr << "note: " << note << "\n";

    if (!options.quiet) {
      summarize(result, analysis.settings, std::cout);
      std::cout << "\n" << result.assignment.outside.size() << " of " << input.locations.size()
                << " locations lie outside every kern: they are counted in the row 'buitengebied' of every table"
                << (result.internal ? " and listed in the 'location' layer with kern_code 'buitengebied'" : "")
                << ".\n"
                << "Wrote " << (options.out_dir / "kernkompas.gpkg").string() << " and "
                << result.tables.size() << " CSV tables in " << options.out_dir.string()
                << (result.internal ? " (INTERNAL: not suppressed, do not publish)" : "") << "\n";
    }
    return 0;
  } catch (const InputError& e) {
    std::cerr << "\nkernkompas: error: " << e.what() << "\n";
    return kExitInput;
  } catch (const Error& e) {
    const auto code = static_cast<unsigned>(e.code());
    if (e.code() == ErrorCode::kInvalidArgument && std::string_view(e.what()).starts_with("option '")) {
      // An option out of range (kk::check_option names it). Config and --set values are
      // checked when read, so this is a backstop; the engine's other kInvalidArgument errors
      // are consistency checks between its own arrays, which no input reaches: bugs, exit 3.
      std::cerr << "\nkernkompas: error: " << config_name(options) << ": " << e.what() << "\n";
      return kExitInput;
    }
    if (code >= 200 && code < 500) {  // data, geometry and CRS codes: the input's fault
      std::cerr << "\nkernkompas: error: " << e.what() << "\n";
      return kExitInput;
    }
    std::cerr << "\nkernkompas: internal error (" << error_code_name(e.code()) << "): " << e.what()
              << "; " << kReportRequest << "\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "\nkernkompas: internal error: " << e.what() << "; " << kReportRequest << "\n";
    return kExitInternal;
  }
}

}  // namespace kk::cli

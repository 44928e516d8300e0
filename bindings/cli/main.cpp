// kernkompas command line: argument parsing only; the work is in run_command.cpp.
#include <CLI/CLI.hpp>

#include <iostream>
#include <thread>

#include "run_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "kernkompas — the business climate (vestigingsklimaat) of small towns, per kern.\n"
      "Without --config it analyses the embedded Wijdemeren data (CBS 2024 kern boundaries and\n"
      "population, a synthetic business register)."};
  app.set_version_flag("--version", KK_VERSION_STRING);
  const std::string exit_codes =
      "Exit codes: 0 success; 1 bad input or configuration (a data or config file, a value, a CRS:\n"
      "the one error line names the file, the key or record and the cause; nothing is written);\n"
      "2 usage error (unknown flag, missing or bad value, a bad --set); 3 internal error (a bug:\n"
      "please report it to the developers with the command and the message).";
  app.footer(exit_codes);
  app.require_subcommand(1);

  kk::cli::RunOptions run;
  std::string config;
  CLI::App* run_cmd = app.add_subcommand(
      "run", "Assign every location to its kern, compute the indicators and write\n"
             "OUT/kernkompas.gpkg (layers 'kern' and 'location') and OUT/kern_indicators.csv.");
  run_cmd->footer(exit_codes);
  run_cmd->add_option("-c,--config", config,
                      "TOML file naming the kernen and locations layers and mapping their fields\n"
                      "(see docs/configuration.md); default: the embedded Wijdemeren data");
  // (No CLI::ExistingFile check: a missing config is an input error, exit 1, reported by the
  // config reader like any other bad file.)
  run_cmd->add_option("-o,--out", run.out_dir, "output folder, created if missing")
      ->capture_default_str();
  unsigned threads = 1;
  CLI::Option* threads_option =
      run_cmd->add_option("-t,--threads", threads, "worker threads (results do not depend on it); default 1")
          ->check(CLI::Range(1u, std::max(1u, 4 * std::thread::hardware_concurrency())));
  run_cmd->add_flag("-q,--quiet", run.quiet, "print neither progress nor the summary");
  run_cmd->add_flag("--internal", run.internal,
                    "write unsuppressed values (disclosure control off): for internal use only,\n"
                    "never for publication");
  std::string seed;  // checked by the option's range, 0 ... 2^64 - 1, like --set execution.seed
  CLI::Option* seed_option = run_cmd->add_option(
      "--seed", seed, "seed of the permutation tests (hot spots), 0 ... 18446744073709551615;\n"
                      "results depend only on it");

  run_cmd->add_option("--set", run.set,
                      "set an option, section.key=value (repeatable; e.g. --set hotspots.cell_size_m=500);\n"
                      "`kernkompas options` lists them all. Applied after the config file");

  bool markdown = false;
  CLI::App* options_cmd =
      app.add_subcommand("options", "List every option: section.key, type, default, allowed values and meaning.");
  options_cmd->add_flag("--markdown", markdown, "as the Markdown table of docs/configuration.md");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A usage error: one line and exit 2, whatever CLI11's own code for it.
    std::cerr << "kernkompas: usage error: " << e.what() << " (see kernkompas --help)\n";
    return kk::cli::kExitUsage;
  }
  if (!config.empty()) run.config = config;
  if (seed_option->count() > 0) run.seed = seed;
  if (threads_option->count() > 0) run.threads = threads;
  if (run_cmd->parsed()) return kk::cli::run_command(run);
  if (options_cmd->parsed()) return kk::cli::options_command(markdown);
  return 0;
}

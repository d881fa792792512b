#include "analyzer/cli/app.h"

#include <CLI/CLI.hpp>

#include "analyzer/cli/parse_command.h"

namespace ecslint::cli {

int run(int argc, char** argv) {
  CLI::App app{"ecslint: a static analyzer for AWS ECS deployments"};
  app.require_subcommand(0, 1);

  ParseOptions parse_options;
  auto* parse = app.add_subcommand("parse", "Parse files and report syntax errors (debugging; mirrors hcloracle)");
  parse->add_option("paths", parse_options.paths, "Files or directories")->required();
  parse->add_flag("-q,--quiet", parse_options.quiet, "Print only files with diagnostics, plus TOTAL");
  parse->add_flag("--dump", parse_options.dump, "Print the S-expression tree of each OK native-syntax file");
  parse->add_flag("--ranges", parse_options.ranges, "With --dump, annotate nodes with source ranges");
  parse->add_option("--repeat", parse_options.repeat, "Parse the in-memory set N times, report the best")
      ->check(CLI::PositiveNumber);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (parse->parsed()) return run_parse_command(parse_options);
  return 0;
}

}  // namespace ecslint::cli

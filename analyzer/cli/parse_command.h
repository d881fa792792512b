// `ecslint parse`: the parser as a command, printing exactly what
// `hcloracle` prints (OK/ERR per file, diagnostics, optional S-expression
// dump, a TOTAL line with parse throughput) so both compare as text.
#pragma once

#include <string>
#include <vector>

namespace ecslint::cli {

struct ParseOptions {
  std::vector<std::string> paths;
  bool quiet = false;   // -q: only files with diagnostics, plus TOTAL
  bool dump = false;    // --dump: S-expression tree of each OK native-syntax file
  bool ranges = false;  // --ranges: with --dump, @line:col-line:col on every node
  int repeat = 1;       // parse the in-memory set N times, report the best
};

// Returns the exit status: 0 when every file parsed, 1 when one did not, 2 on I/O errors.
int run_parse_command(const ParseOptions& options);

}  // namespace ecslint::cli

#include "analyzer/cli/parse_command.h"

namespace ecslint::cli {

int run_parse_command(const ParseOptions&) { return 2; }

}  // namespace ecslint::cli

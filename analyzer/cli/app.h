// The command line: parses arguments and dispatches to the commands.
#pragma once

namespace ecslint::cli {

int run(int argc, char** argv);

}  // namespace ecslint::cli

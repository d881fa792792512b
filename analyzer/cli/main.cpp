#include "analyzer/cli/app.h"

int main(int argc, char** argv) { return ecslint::cli::run(argc, argv); }

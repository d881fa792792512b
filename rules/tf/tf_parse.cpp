#include "rules/tf/tf_parse.h"

#include <fmt/format.h>

namespace ecslint::rules {

void TfParse::check(const Model& model, Report& report) const {
  for (const LoadedFile& file : model.files()) {
    for (const grammar::SyntaxError& error : file.parsed->errors) {
      report.add({file.source.get(), error.range},
                 error.detail.empty() ? error.summary : fmt::format("{}: {}", error.summary, error.detail));
    }
  }
}

}  // namespace ecslint::rules

#include "rules/tf/tf_parse.h"

namespace ecslint::rules {

void TfParse::check(const Model& model, Report& report) const {
  for (const LoadedFile& file : model.files()) {
    for (const grammar::SyntaxError& error : file.parsed->errors) {
      std::string message = error.summary;
      if (!error.detail.empty()) message += ": " + error.detail;
      report.add({file.source.get(), error.range}, std::move(message));
    }
  }
}

}  // namespace ecslint::rules

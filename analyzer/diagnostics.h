// Findings: what a rule reports, independent of how it is printed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/source.h"

namespace ecslint {

enum class Severity : uint8_t { Notice, Warning, Error };

std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view name);

struct Location {
  const SourceFile* file = nullptr;
  Range range;
};

struct RelatedLocation {
  Location location;
  std::string message;
};

// How sure a fix is (ruff's applicability): --fix applies only Safe edits.
enum class Applicability : uint8_t { Safe, Unsafe, DisplayOnly };

std::string_view applicability_name(Applicability applicability);

struct Edit {
  const SourceFile* file = nullptr;
  Range range;  // replaced bytes; empty range = insertion
  std::string replacement;
};

struct Fix {
  std::string description;
  Applicability applicability = Applicability::Safe;
  std::vector<Edit> edits;
};

struct Finding {
  std::string_view rule;  // a RuleMeta id: static storage
  Severity severity = Severity::Error;
  Location location;
  std::string message;
  std::vector<RelatedLocation> related;
  std::optional<Fix> fix;
  // The offending line may hold a secret's value: reporters show the
  // position but never the source text.
  bool hide_source = false;
};

// Orders findings by file, position, rule and message: output must be
// identical whatever the thread count.
void sort_findings(std::vector<Finding>& findings);

}  // namespace ecslint

// Baselines: adopt the linter on an existing repository and fail only on new
// findings. A finding is matched by rule, file and a fingerprint of the
// offending text, never by line number, so unrelated edits that move it do
// not bring it back.
#pragma once

#include <string>
#include <vector>

#include "analyzer/diagnostics.h"

namespace ecslint {

// One fingerprint per finding, in the same order: a hash of rule, file and
// offending text, plus an occurrence number that tells identical text in one
// file apart (counted in the order given, which is the sorted output order).
std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings);

// Writes the baseline file; false with `error` set on I/O failure.
bool write_baseline(const std::string& path, const std::vector<Finding>& findings, std::string& error);

// Removes the findings recorded in the baseline at `path`; returns how many
// were removed, or -1 with `error` set when the file is unreadable.
int filter_baseline(const std::string& path, std::vector<Finding>& findings, std::string& error);

}  // namespace ecslint

// What the dashboard rules share: the dashboard_body of every
// aws_cloudwatch_dashboard as a Value with origins, however it was written
// (a heredoc, jsonencode({...}), file("x.json"), templatefile(...)).
#pragma once

#include <string>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/eval/value.h"
#include "analyzer/model.h"

namespace ecslint::rules::dashboard {

struct DashboardBody {
  enum class State : uint8_t {
    Unknown,  // not known well enough to say anything
    Invalid,  // known text that is not JSON
    Parsed,   // `json` holds the structure
  } state = State::Unknown;
  const tf::ResourceInstance* instance = nullptr;
  Location attribute;   // the dashboard_body attribute's value
  eval::Value json;     // Parsed: the body; parts that are not known are Unknown
  std::string error;    // Invalid: the parser's message
  Location error_at;    // Invalid: where the parser stopped
};

std::vector<DashboardBody> dashboard_bodies(const Model& model);

// Decodes dashboard JSON text held in `text` (a string Value, known or with
// unknown pieces); exposed for tests.
DashboardBody decode_body(const eval::Value& text, Location fallback);

// The location of `v`, or `fallback` when `v` has no origin.
Location location_of(const eval::Value& v, Location fallback);

}  // namespace ecslint::rules::dashboard

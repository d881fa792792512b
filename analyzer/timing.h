// Phase timings for `ECSLINT_TIMING=1 ecslint ...` (as ESLint's TIMING=1):
// wall time of each phase of the run, printed to stderr at exit. With
// ECSLINT_TIMING=trace, also each phase's interval on each thread, in ms
// since the process started (threads numbered as they first end a phase).
// The faults column counts the page faults the process took during the
// phase (fresh memory touched, the largest cost after instructions; with
// several threads, those of phases running meanwhile too). Costs one getenv
// per process when unset.
#pragma once

#include <chrono>
#include <string_view>

namespace ecslint {

bool timing_enabled();

// Adds the wall time from construction to destruction to the named phase.
class PhaseTimer {
 public:
  explicit PhaseTimer(std::string_view phase);
  ~PhaseTimer();
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  std::string_view phase_;
  std::chrono::steady_clock::time_point start_;
  long faults_at_start_ = 0;
};

// Prints the phases in the order they first started (no-op when disabled).
void print_timings();

}  // namespace ecslint

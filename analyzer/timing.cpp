#include "analyzer/timing.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

namespace ecslint {

namespace {

struct Phase {
  std::string name;
  double seconds = 0;
  int calls = 0;
};

std::mutex phases_mutex;
std::vector<Phase> phases;
const auto process_start = std::chrono::steady_clock::now();

}  // namespace

bool timing_enabled() {
  static const bool enabled = [] {
    const char* value = std::getenv("ECSLINT_TIMING");
    return value != nullptr && *value != '\0' && std::string_view(value) != "0";
  }();
  return enabled;
}

PhaseTimer::PhaseTimer(std::string_view phase) : phase_(phase) {
  if (timing_enabled()) start_ = std::chrono::steady_clock::now();
}

PhaseTimer::~PhaseTimer() {
  if (!timing_enabled()) return;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::lock_guard lock(phases_mutex);
  for (Phase& p : phases) {
    if (p.name == phase_) {
      p.seconds += seconds;
      ++p.calls;
      return;
    }
  }
  phases.push_back({std::string(phase_), seconds, 1});
}

void print_timings() {
  if (!timing_enabled()) return;
  std::lock_guard lock(phases_mutex);
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - process_start).count();
  std::fprintf(stderr, "%-32s %10s %6s\n", "phase (nested phases overlap)", "ms", "calls");
  for (const Phase& p : phases) std::fprintf(stderr, "%-32s %10.1f %6d\n", p.name.c_str(), p.seconds * 1e3, p.calls);
  std::fprintf(stderr, "%-32s %10.1f\n", "process so far", total * 1e3);
}

}  // namespace ecslint

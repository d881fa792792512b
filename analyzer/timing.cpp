#include "analyzer/timing.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
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
  long faults = 0;
};

// One phase's interval on one thread, kept for ECSLINT_TIMING=trace.
struct Interval {
  std::string_view name;
  int thread;
  double begin_ms, end_ms;
};

std::mutex phases_mutex;
std::vector<Phase> phases;
std::vector<Interval> intervals;
const auto process_start = std::chrono::steady_clock::now();

enum class Timing { Off, Table, Trace };

// ECSLINT_TIMING, read once: unset, empty or "0" is off.
Timing timing_asked() {
  static const Timing asked = [] {
    const char* value = std::getenv("ECSLINT_TIMING");
    if (value == nullptr || *value == '\0' || std::string_view(value) == "0") return Timing::Off;
    return std::string_view(value) == "trace" ? Timing::Trace : Timing::Table;
  }();
  return asked;
}

bool trace_enabled() { return timing_asked() == Timing::Trace; }

// Threads numbered in the order they first end a phase (0 is usually main).
int thread_number() {
  static std::atomic<int> next{0};
  thread_local int number = next.fetch_add(1);
  return number;
}

double ms_since_start(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(t - process_start).count();
}

// Page faults taken so far by the process.
long process_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt + usage.ru_majflt;
}

}  // namespace

bool timing_enabled() { return timing_asked() != Timing::Off; }

PhaseTimer::PhaseTimer(std::string_view phase) : phase_(phase) {
  if (!timing_enabled()) return;
  faults_at_start_ = process_faults();
  start_ = std::chrono::steady_clock::now();
}

PhaseTimer::~PhaseTimer() {
  if (!timing_enabled()) return;
  auto end = std::chrono::steady_clock::now();
  long faults = process_faults() - faults_at_start_;
  double seconds = std::chrono::duration<double>(end - start_).count();
  int thread = trace_enabled() ? thread_number() : 0;
  std::lock_guard lock(phases_mutex);
  if (trace_enabled()) intervals.push_back({phase_, thread, ms_since_start(start_), ms_since_start(end)});
  for (Phase& p : phases) {
    if (p.name == phase_) {
      p.seconds += seconds;
      ++p.calls;
      p.faults += faults;
      return;
    }
  }
  phases.push_back({std::string(phase_), seconds, 1, faults});
}

void print_timings() {
  if (!timing_enabled()) return;
  std::lock_guard lock(phases_mutex);
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - process_start).count();
  std::fprintf(stderr, "%-32s %10s %6s %8s\n", "phase (nested phases overlap)", "ms", "calls", "faults");
  for (const Phase& p : phases)
    std::fprintf(stderr, "%-32s %10.1f %6d %8ld\n", p.name.c_str(), p.seconds * 1e3, p.calls, p.faults);
  std::fprintf(stderr, "%-32s %10.1f\n", "process so far", total * 1e3);
  if (!trace_enabled()) return;
  std::fprintf(stderr, "\n%-32s %6s %9s %9s\n", "trace: phase", "thread", "begin ms", "end ms");
  std::stable_sort(intervals.begin(), intervals.end(),
                   [](const Interval& a, const Interval& b) { return a.begin_ms < b.begin_ms; });
  for (const Interval& i : intervals)
    std::fprintf(stderr, "%-32.*s %6d %9.2f %9.2f\n", int(i.name.size()), i.name.data(), i.thread, i.begin_ms, i.end_ms);
}

}  // namespace ecslint

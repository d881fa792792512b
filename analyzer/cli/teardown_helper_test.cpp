#include "analyzer/cli/teardown_helper.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace ecslint::cli {
namespace {

// Reads `fd` to end of file; false if that takes longer than `limit`.
bool read_to_end(int fd, std::string& out, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  char buffer[256];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, int(left.count())) <= 0) return false;
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) return false;
    out.append(buffer, size_t(n));
  }
}

// A lint that started the helper, with its stdout on a pipe: the reader
// sees end of file when the lint exits (the helper holds no copy of the
// pipe), and the helper itself, running as SCHED_IDLE, exits then, with
// status 0.
TEST(TeardownHelper, LintExitsAtOnceAndTheHelperFollows) {
  ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);  // the orphaned helper comes to this process
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  int started[2];
  ASSERT_EQ(pipe(started), 0);
  pid_t lint = fork();
  ASSERT_GE(lint, 0);
  if (lint == 0) {
    close(out[0]);
    close(started[0]);
    dup2(out[1], STDOUT_FILENO);
    pid_t helper_pid = hand_teardown_to_helper();
    // 'i': the helper runs as SCHED_IDLE (it sets that first thing); 'y': it
    // runs, but not as SCHED_IDLE within a second; 'n': none was started.
    char helper = 'n';
    if (helper_pid > 0) {
      helper = 'y';
      for (int i = 0; i < 1000 && helper != 'i'; ++i) {
        if (sched_getscheduler(helper_pid) == SCHED_IDLE) helper = 'i';
        else std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    (void)!write(started[1], &helper, 1);
    (void)!write(STDOUT_FILENO, "findings\n", 9);
    _exit(3);
  }
  close(out[1]);
  close(started[1]);
  std::string printed, helper;
  EXPECT_TRUE(read_to_end(out[0], printed, std::chrono::seconds(10)));
  EXPECT_EQ(printed, "findings\n");
  EXPECT_TRUE(read_to_end(started[0], helper, std::chrono::seconds(10)));
  int status = 0;
  ASSERT_EQ(waitpid(lint, &status, 0), lint);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3);  // the lint's own status, unchanged
  if (helper != "n") {
    EXPECT_EQ(helper, "i") << "the helper does not run as SCHED_IDLE";
    pid_t reaped = 0;
    for (int i = 0; i < 1000 && reaped == 0; ++i) {
      reaped = waitpid(-1, &status, WNOHANG);
      if (reaped == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT(reaped, 0) << "the helper did not exit after the lint";
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  close(out[0]);
  close(started[0]);
  prctl(PR_SET_CHILD_SUBREAPER, 0);
}

}  // namespace
}  // namespace ecslint::cli

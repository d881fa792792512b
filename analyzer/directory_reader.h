// A directory's entries read with getdents64 straight from its descriptor.
// fdopendir() costs a stat and two fcntl calls per directory on top of the
// listing itself: a third of a walk's system calls, and the walk runs on
// the serial start of every lint.
#pragma once

#include <dirent.h>
#include <unistd.h>

#include <memory>
#include <string_view>

namespace ecslint {

class DirectoryReader {
 public:
  // Takes `fd` (a directory opened for reading); closes it when destroyed.
  explicit DirectoryReader(int fd) : fd_(fd) {}
  ~DirectoryReader() { ::close(fd_); }
  DirectoryReader(const DirectoryReader&) = delete;
  DirectoryReader& operator=(const DirectoryReader&) = delete;

  int fd() const { return fd_; }

  // The next entry other than "." and "..", or nullptr at the end (or on a
  // read error, which ends a listing as readdir() does).
  const dirent64* next() {
    for (;;) {
      if (at_ >= end_) {
        ssize_t got = ::getdents64(fd_, buffer_.get(), kBytes);
        if (got <= 0) return nullptr;
        at_ = 0;
        end_ = size_t(got);
      }
      const auto* entry = reinterpret_cast<const dirent64*>(buffer_.get() + at_);
      at_ += entry->d_reclen;
      std::string_view name = entry->d_name;
      if (name != "." && name != "..") return entry;
    }
  }

 private:
  static constexpr size_t kBytes = 32768;  // what glibc's readdir() reads at a time
  int fd_;
  std::unique_ptr<char[]> buffer_{new char[kBytes]};
  size_t at_ = 0;
  size_t end_ = 0;
};

}  // namespace ecslint

// A directory's entries read with getdents64 straight from its descriptor.
// fdopendir() costs a stat and two fcntl calls per directory on top of the
// listing itself: a third of a walk's system calls, and the walk runs on
// the serial start of every lint.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ecslint {

class DirectoryReader {
 public:
  // Takes `fd` (a directory opened for reading); closes it when destroyed.
  explicit DirectoryReader(int fd) : fd_(fd) {}
  ~DirectoryReader() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirectoryReader(const DirectoryReader&) = delete;
  DirectoryReader& operator=(const DirectoryReader&) = delete;

  int fd() const { return fd_; }
  // The descriptor, which the reader no longer closes.
  int release() { return std::exchange(fd_, -1); }

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

// What a listed entry is, following a symbolic link as std::filesystem's
// is_directory() and is_regular_file() do; the listing's own type answers
// without a stat for most entries.
struct EntryType {
  enum Kind : uint8_t { Directory, File, Other };
  Kind kind = Other;
  bool link = false;      // the entry itself is a symbolic link
  bool dangling = false;  // ... to nothing
};

inline EntryType entry_type(int dir_fd, const dirent64& entry) {
  auto of_mode = [](mode_t mode) {
    return S_ISDIR(mode) ? EntryType::Directory : S_ISREG(mode) ? EntryType::File : EntryType::Other;
  };
  EntryType out;
  out.link = entry.d_type == DT_LNK;
  if (entry.d_type == DT_DIR) out.kind = EntryType::Directory;
  if (entry.d_type == DT_REG) out.kind = EntryType::File;
  if (entry.d_type != DT_LNK && entry.d_type != DT_UNKNOWN) return out;
  struct stat st;
  if (entry.d_type == DT_UNKNOWN) {
    if (::fstatat(dir_fd, entry.d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) return out;
    out.link = S_ISLNK(st.st_mode);
    if (!out.link) {
      out.kind = of_mode(st.st_mode);
      return out;
    }
  }
  if (::fstatat(dir_fd, entry.d_name, &st, 0) != 0) {
    out.dangling = true;
    return out;
  }
  out.kind = of_mode(st.st_mode);
  return out;
}

// A directory's entries as a walk listed them: names in listing order, with
// their types. The lint walk keeps one per directory (Workspace::listings)
// so that contract discovery, which walks the same trees later, reads them
// here instead of opening and listing every directory a second time. The
// names share one buffer: a large tree has thousands of directories.
class DirectoryListing {
 public:
  struct Entry {
    uint32_t name_at;  // into the buffer: the name, then a '\0'
    uint32_t name_size;
    EntryType type;
  };

  void add(std::string_view name, EntryType type) {
    entries_.push_back({uint32_t(names_.size()), uint32_t(name.size()), type});
    names_.append(name);
    names_.push_back('\0');
  }
  const std::vector<Entry>& entries() const { return entries_; }
  // Null-terminated, as a dirent's name is (for openat).
  const char* name(const Entry& entry) const { return names_.data() + entry.name_at; }
  std::string_view name_view(const Entry& entry) const { return {name(entry), entry.name_size}; }

 private:
  std::string names_;
  std::vector<Entry> entries_;
};

// Listings by absolute, lexically normal directory path (no trailing slash).
using DirectoryListings = std::unordered_map<std::string, DirectoryListing>;

}  // namespace ecslint

#include "grammar/source.h"

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ecslint {

SourceFile::SourceFile(std::string path, std::string_view text)
    : path_(std::move(path)), data_(new char[text.size() + kPadding]), size_(uint32_t(text.size())) {
  if (!text.empty()) std::memcpy(data_.get(), text.data(), text.size());
  std::memset(data_.get() + text.size(), 0, kPadding);
}

namespace {
// Closes a descriptor on every way out.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

// open, fstat, read, close: a workspace is thousands of small files, and a
// stream would add a buffer, a locale and two seeks to each.
std::expected<std::unique_ptr<SourceFile>, std::string> SourceFile::load(const std::string& path,
                                                                        std::string display_path) {
  return load_at(AT_FDCWD, path.c_str(), std::move(display_path));
}

std::expected<std::unique_ptr<SourceFile>, std::string> SourceFile::load_at(int dir_fd, const char* name,
                                                                           std::string display_path) {
  FileDescriptor file_fd{::openat(dir_fd, name, O_RDONLY | O_CLOEXEC)};
  if (file_fd.fd < 0) return std::unexpected("cannot open file");
  struct stat st;
  if (::fstat(file_fd.fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::unexpected("cannot read file");
  if (uint64_t(st.st_size) > uint64_t(UINT32_MAX - kPadding)) return std::unexpected("file is larger than 4 GiB");
  size_t size = size_t(st.st_size);
  auto file = std::unique_ptr<SourceFile>(new SourceFile(std::move(display_path), {}));
  file->data_.reset(new char[size + kPadding]);
  file->size_ = uint32_t(size);
  for (size_t done = 0; done < size;) {
    ssize_t n = ::read(file_fd.fd, file->data_.get() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::unexpected("cannot read file");  // an error, or the file shrank
    done += size_t(n);
  }
  std::memset(file->data_.get() + size, 0, kPadding);
  return file;
}

void SourceFile::build_line_index() const {
  std::call_once(line_index_once_, [this] {
    line_starts_.push_back(0);
    const char* p = data_.get();
    const char* end = p + size_;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)))) != nullptr) {
      ++p;
      line_starts_.push_back(uint32_t(p - data_.get()));
    }
  });
}

uint32_t SourceFile::line_count() const {
  build_line_index();
  return uint32_t(line_starts_.size());
}

Position SourceFile::position(uint32_t offset) const {
  build_line_index();
  offset = std::min(offset, size_);
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line_index = uint32_t(it - line_starts_.begin()) - 1;
  uint32_t line_start = line_starts_[line_index];
  return {line_index + 1, count_code_points({data_.get() + line_start, offset - line_start}) + 1};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  build_line_index();
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : size_;
  if (end > begin && data_[end - 1] == '\r') --end;
  return {data_.get() + begin, end - begin};
}

uint32_t count_code_points(std::string_view bytes) {
  uint32_t count = 0;
  for (unsigned char c : bytes) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace ecslint

#include "grammar/source.h"

#include <algorithm>
#include <cstring>
#include <fstream>

namespace ecslint {

SourceFile::SourceFile(std::string path, std::string_view text)
    : path_(std::move(path)), data_(new char[text.size() + kPadding]), size_(uint32_t(text.size())) {
  if (!text.empty()) std::memcpy(data_.get(), text.data(), text.size());
  std::memset(data_.get() + text.size(), 0, kPadding);
}

std::expected<std::unique_ptr<SourceFile>, std::string> SourceFile::load(const std::string& path,
                                                                        std::string display_path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected("cannot open file");
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return std::unexpected("cannot read file");
  if (size > std::streamoff(UINT32_MAX - kPadding)) return std::unexpected("file is larger than 4 GiB");
  in.seekg(0, std::ios::beg);
  auto file = std::unique_ptr<SourceFile>(new SourceFile(std::move(display_path), {}));
  file->data_.reset(new char[size_t(size) + kPadding]);
  file->size_ = uint32_t(size);
  if (!in.read(file->data_.get(), size)) return std::unexpected("cannot read file");
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

// Source files and positions shared by every front end (HCL native, HCL JSON,
// plain JSON, standalone templates).
//
// A file is read once into a buffer padded with zero bytes past its end, so a
// lexer may look ahead a few bytes without a length check. Everything that
// refers into a file (tokens, AST nodes, diagnostics) holds byte offsets or
// string_views into that buffer; line and column are computed on demand.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ecslint {

// A half-open byte range [begin, end) in one source file.
struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;

  static Range between(Range a, Range b) { return {a.begin, b.end}; }
  uint32_t size() const { return end - begin; }
  bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
};

// 1-based line and column; the column counts Unicode code points.
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
};

class SourceFile {
 public:
  // Bytes of zero padding kept readable past the end of the text.
  static constexpr size_t kPadding = 64;

  // `path` is the name used in diagnostics (usually relative to the working
  // directory); the text is copied once into a padded buffer.
  SourceFile(std::string path, std::string_view text);
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  static std::expected<std::unique_ptr<SourceFile>, std::string> load(const std::string& path,
                                                                      std::string display_path);
  // The same for the file `name` in the directory open as `dir_fd`
  // (openat(): the kernel resolves one name instead of the whole path).
  static std::expected<std::unique_ptr<SourceFile>, std::string> load_at(int dir_fd, const char* name,
                                                                         std::string display_path);

  const std::string& path() const { return path_; }
  std::string_view text() const { return {data_.get(), size_}; }
  const char* data() const { return data_.get(); }
  uint32_t size() const { return size_; }
  std::string_view slice(Range r) const { return text().substr(r.begin, r.end - r.begin); }

  // Line and column of a byte offset (offset == size() is the end of file).
  Position position(uint32_t offset) const;
  // The text of 1-based line `line`, without its line terminator.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const;

 private:
  void build_line_index() const;

  std::string path_;
  std::unique_ptr<char[]> data_;
  uint32_t size_ = 0;
  mutable std::once_flag line_index_once_;
  mutable std::vector<uint32_t> line_starts_;  // built on first use
};

// Count of UTF-8 code points in `bytes` (continuation bytes are not counted).
uint32_t count_code_points(std::string_view bytes);

}  // namespace ecslint

#include "analyzer/projects.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <unordered_map>

#include "analyzer/contracts/apps.h"
#include "analyzer/parallel.h"

namespace ecslint {

namespace {

// The directory of a disk path as written: "." for a bare file name, "" for
// a file in "/".
std::string_view written_directory(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "." : path.substr(0, slash);
}

// The absolute, lexically normal form of a written_directory().
std::string absolute_written_directory(std::string_view written) {
  return absolute_directory(written.empty() ? "/" : written);
}

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

size_t skip_blanks(std::string_view text, size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
  return i;
}

// Union-find over directory names.
class DirectoryGroups {
 public:
  size_t id(const std::string& directory) {
    auto [it, inserted] = ids_.try_emplace(directory, parent_.size());
    if (inserted) parent_.push_back(parent_.size());
    return it->second;
  }
  size_t find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(size_t a, size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::unordered_map<std::string, size_t> ids_;
  std::vector<size_t> parent_;
};

// The next "source" in `text` from `from`, or npos. Sixteen bytes at a
// time, SSE2 finds where "so" starts: string_view::find stops at every 's'
// of the text (glibc's memmem and a Horspool search measured slower).
size_t find_source(std::string_view text, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i s = _mm_set1_epi8('s'), o = _mm_set1_epi8('o');
  for (; i + 17 <= text.size(); i += 16) {
    __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
    unsigned starts = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, s), _mm_cmpeq_epi8(next, o))));
    for (; starts != 0; starts &= starts - 1) {
      size_t at = i + size_t(__builtin_ctz(starts));
      if (text.substr(at, 6) == "source") return at;
    }
  }
#endif
  return i >= text.size() ? std::string_view::npos : text.find("source", i);
}
}  // namespace

std::vector<std::string_view> local_sources_named(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t at = find_source(text, 0); at != std::string_view::npos; at = find_source(text, at + 6)) {
    if (at > 0 && is_identifier_char(text[at - 1])) continue;
    size_t i = at + 6;
    if (i < text.size() && text[i] == '"' && at > 0 && text[at - 1] == '"') ++i;  // JSON property name
    else if (i < text.size() && is_identifier_char(text[i])) continue;
    i = skip_blanks(text, i);
    if (i >= text.size() || (text[i] != '=' && text[i] != ':')) continue;
    i = skip_blanks(text, i + 1);
    if (i >= text.size() || text[i] != '"') continue;
    size_t close = text.find('"', i + 1);
    if (close == std::string_view::npos) break;
    std::string_view value = text.substr(i + 1, close - i - 1);
    if (value.starts_with("./") || value.starts_with("../")) out.push_back(value);
  }
  return out;
}

FileFacts facts_of(const LoadedFile& file) {
  FileFacts facts{file.disk_path, {}};
  const std::string& name = file.source->path();
  if (name.ends_with(".tf") || name.ends_with(".tf.json"))
    for (std::string_view source : local_sources_named(file.source->text())) facts.local_sources.emplace_back(source);
  return facts;
}

std::vector<ProjectGroup> group_by_project(const Workspace& workspace) {
  std::vector<FileFacts> facts(workspace.files.size());
  parallel_for(facts.size(), workspace.options.threads, [&](size_t i) { facts[i] = facts_of(workspace.files[i]); });
  return group_files(facts, workspace);
}

std::vector<ProjectGroup> group_files(const std::vector<FileFacts>& files, const Workspace& workspace) {
  DirectoryGroups groups;
  contracts::ProjectRootFinder projects(workspace.options.paths, workspace.marker_directories.get());
  std::vector<size_t> group_of_file(files.size());
  std::vector<std::string> project_of_file(files.size());
  struct Directory {
    size_t id;
    std::string absolute;
  };
  std::unordered_map<std::string, Directory> directories;  // by the directory as written in disk paths
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i].disk_path;
    std::string written(written_directory(path));
    project_of_file[i] = projects.of(path);
    auto known = directories.find(written);
    if (known == directories.end()) {
      std::string absolute = absolute_written_directory(written);
      size_t id = groups.id(absolute);
      groups.join(id, groups.id(normal_directory(project_of_file[i])));
      known = directories.emplace(written, Directory{id, std::move(absolute)}).first;
    }
    const Directory& directory = known->second;
    group_of_file[i] = directory.id;
    for (const std::string& source : files[i].local_sources)
      groups.join(directory.id, groups.id(normal_directory(directory.absolute + "/" + source)));
  }
  std::unordered_map<size_t, size_t> index_of_group;
  std::vector<ProjectGroup> out;
  for (size_t i = 0; i < files.size(); ++i) {
    auto [it, inserted] = index_of_group.try_emplace(groups.find(group_of_file[i]), out.size());
    if (inserted) out.emplace_back();
    ProjectGroup& group = out[it->second];
    group.files.push_back(i);
    if (std::find(group.roots.begin(), group.roots.end(), project_of_file[i]) == group.roots.end())
      group.roots.push_back(project_of_file[i]);
  }
  for (ProjectGroup& group : out) std::sort(group.roots.begin(), group.roots.end());
  return out;
}

std::vector<std::string> tied_directories(const std::vector<FileFacts>& files, const std::string& root) {
  std::vector<std::string> out;
  if (files.empty()) return out;
  out.push_back(normal_directory(root));
  std::string_view previous_written;
  std::string absolute;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string_view written = written_directory(files[i].disk_path);
    if (i == 0 || written != previous_written) {
      absolute = absolute_written_directory(written);
      out.push_back(absolute);
      previous_written = written;
    }
    for (const std::string& source : files[i].local_sources) out.push_back(normal_directory(absolute + "/" + source));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::vector<size_t>> projects_joined(const std::vector<std::vector<std::string>>& tied) {
  std::vector<size_t> parent(tied.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::unordered_map<std::string_view, size_t> project_of_directory;
  for (size_t p = 0; p < tied.size(); ++p) {
    for (const std::string& directory : tied[p]) {
      auto [it, inserted] = project_of_directory.try_emplace(directory, p);
      if (inserted) continue;
      size_t a = find(it->second), b = find(p);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::vector<std::vector<size_t>> members(tied.size());
  for (size_t p = 0; p < tied.size(); ++p) members[find(p)].push_back(p);
  std::vector<std::vector<size_t>> out;
  for (std::vector<size_t>& group : members)  // a group's representative is its first project
    if (group.size() > 1) out.push_back(std::move(group));
  return out;
}

std::vector<ProjectGroup> group_by_root(const Workspace& workspace) {
  contracts::ProjectRootFinder projects(workspace.options.paths, workspace.marker_directories.get());
  std::unordered_map<std::string, size_t> index_of_root;
  std::vector<ProjectGroup> out;
  size_t previous = 0;  // the group of the previous file, which is usually in the same directory
  std::string_view previous_directory;
  for (size_t i = 0; i < workspace.files.size(); ++i) {
    const std::string& path = workspace.files[i].disk_path;
    std::string_view directory = written_directory(path);
    if (i == 0 || directory != previous_directory) {
      std::string root = projects.of(path);
      auto [it, inserted] = index_of_root.try_emplace(root, out.size());
      if (inserted) out.emplace_back().roots.push_back(std::move(root));
      previous = it->second;
      previous_directory = directory;
    }
    out[previous].files.push_back(i);
  }
  return out;
}

}  // namespace ecslint

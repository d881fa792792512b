#include "analyzer/contracts/apps.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <utility>

#include "analyzer/directory_reader.h"
#include "analyzer/parallel.h"
#include "analyzer/workspace.h"

namespace ecslint::contracts {

namespace fs = std::filesystem;

std::string_view inference_name(Inference inference) {
  switch (inference) {
    case Inference::Config: return "config";
    case Inference::Compose: return "compose";
    case Inference::Dockerfile: return "dockerfile";
    case Inference::Name: return "name";
  }
  return "name";
}

std::string normalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_skipped_source_directory(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {
      ".git", ".hg", ".svn", ".terraform", "node_modules", ".venv", "venv", "vendor", "dist", "build", "__pycache__",
      "target", ".next", ".nuxt", "coverage", ".tox", ".mypy_cache", ".pytest_cache", "site-packages", "bower_components",
      // not production code: a read here is not a read in the container
      "test", "tests", "__tests__", "spec", "specs", "testdata", "e2e", "__mocks__", "fixtures", "testing",
      "docs", "examples",
  };
  return std::ranges::find(kSkipped, name) != std::end(kSkipped);
}

bool is_test_file_name(std::string_view name) {
  auto ends = [&](std::string_view s) { return name.ends_with(s); };
  if (name.starts_with("test_") && ends(".py")) return true;
  if (name == "conftest.py") return true;
  for (std::string_view s : {"_test.py", "_test.go", "_test.rb", "_spec.rb", "Test.java", "Tests.java", "Test.kt",
                             "Tests.cs", "Test.cs"})
    if (ends(s)) return true;
  for (std::string_view mid : {".test.", ".spec."})
    if (name.find(mid) != name.npos) return true;
  return false;
}

const VariableRead* App::read(std::string_view name) const {
  auto it = std::ranges::lower_bound(reads, name, {}, &VariableRead::name);
  return it != reads.end() && it->name == name ? &*it : nullptr;
}

const VariableRead* App::image_sets(std::string_view name) const {
  for (const VariableRead& r : image_env)
    if (r.name == name) return &r;
  return nullptr;
}

const App* ContractModel::app_for_container(std::string_view container, const SourceFile* file) const {
  for (const App& app : apps) {
    if (std::ranges::find(app.containers, container) == app.containers.end()) continue;
    if (app.inference == Inference::Config || std::ranges::find(app.container_files, file) != app.container_files.end())
      return &app;
  }
  return nullptr;
}

const SourceFile* container_file(const model::TaskDefinition& task, const model::Container& container) {
  return container.origin.file ? container.origin.file : task.location.file;
}

std::string project_root(const std::string& disk_path, const std::vector<std::string>& roots) {
  return ProjectRootFinder(roots).of(disk_path);
}

ProjectRootFinder::ProjectRootFinder(const std::vector<std::string>& roots,
                                     const std::unordered_map<std::string, bool>* listed)
    : listed_(listed) {
  for (const std::string& r : roots.empty() ? std::vector<std::string>{"."} : roots) {
    std::error_code ec;
    fs::path abs = fs::absolute(r, ec).lexically_normal();
    if (!fs::is_directory(abs, ec)) abs = abs.parent_path();
    roots_.push_back(abs.string());
  }
}

bool ProjectRootFinder::has_marker(const std::string& directory) {
  if (listed_)
    if (auto known = listed_->find(directory); known != listed_->end()) return known->second;
  auto [it, inserted] = markers_.try_emplace(directory, false);
  if (!inserted) return it->second;
  int fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  for (const char* marker : kProjectMarkers) {
    if (fstatat(fd, marker, &st, 0) == 0) {
      it->second = true;
      break;
    }
  }
  close(fd);
  return it->second;
}

const std::string& ProjectRootFinder::of(const std::string& disk_path) {
  size_t slash = disk_path.rfind('/');
  std::string parent = slash == std::string::npos ? std::string() : disk_path.substr(0, slash);
  auto cached = by_parent_.find(parent);
  if (cached != by_parent_.end()) return cached->second;
  // absolute().lexically_normal() on strings: this runs once per directory
  // of the workspace.
  std::string directory_of_file = absolute_directory(slash == 0 ? "/" : parent.empty() ? "." : parent);
  std::string file = (directory_of_file == "/" ? "" : directory_of_file) + "/" + disk_path.substr(slash + 1);
  // The linted root holding the file (the longest one).
  std::string root;
  for (const std::string& a : roots_) {
    if (file.starts_with(a) && (file.size() == a.size() || file[a.size()] == '/' || a.ends_with("/")) &&
        a.size() > root.size())
      root = a;
  }
  std::string_view directory(file);
  directory = directory.substr(0, std::max<size_t>(directory.rfind('/'), 1));  // "/a/b.tf" -> "/a", "/b.tf" -> "/"
  std::string project(directory);
  if (!root.empty()) {
    std::string_view root_dir(root);
    if (root_dir.size() > 1 && root_dir.ends_with('/')) root_dir.remove_suffix(1);
    project = root;
    for (std::string_view dir = directory;;) {
      if (has_marker(std::string(dir))) {
        project = std::string(dir);
        break;
      }
      if (dir == root_dir || dir == "/" || dir.size() <= root.size()) break;
      dir = dir.substr(0, std::max<size_t>(dir.rfind('/'), 1));
    }
  }
  return by_parent_.emplace(std::move(parent), std::move(project)).first->second;
}

namespace {
bool inside(const std::string& directory, const std::string& project) {
  std::error_code ec;
  std::string d = fs::absolute(directory, ec).lexically_normal().string();
  if (d.ends_with("/") && d.size() > 1) d.pop_back();
  std::string p = project;
  if (p.ends_with("/") && p.size() > 1) p.pop_back();
  return d == p || (d.starts_with(p) && d[p.size()] == '/');
}
}  // namespace

// --- A minimal YAML reader: block mappings and sequences, scalars, one-line
// flow collections. Enough for the parts of docker-compose files we read.

namespace {

struct YamlLine {
  uint32_t indent = 0;
  uint32_t begin = 0;  // offset of the content
  std::string_view content;
};

struct YamlNode {
  enum Kind : uint8_t { Null, Scalar, Map, Seq } kind = Null;
  std::string scalar;
  Range range;
  std::vector<std::pair<std::string, YamlNode>> map;
  std::vector<Range> key_ranges;
  std::vector<YamlNode> seq;

  const YamlNode* get(std::string_view key) const {
    for (const auto& [k, v] : map)
      if (k == key) return &v;
    return nullptr;
  }
};

std::vector<YamlLine> yaml_lines(std::string_view text) {
  std::vector<YamlLine> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == text.npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    uint32_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    std::string_view content = line.substr(indent);
    // Strip a comment: `#` at the start or after a blank, outside quotes.
    char quote = 0;
    for (size_t i = 0; i < content.size(); ++i) {
      char c = content[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        if (i == 0 || content[i - 1] == ' ' || content[i - 1] == ':' || content[i - 1] == '-' || content[i - 1] == '[' ||
            content[i - 1] == ',' || content[i - 1] == '=')
          quote = c;
      } else if (c == '#' && (i == 0 || content[i - 1] == ' ' || content[i - 1] == '\t')) {
        content = content.substr(0, i);
        break;
      }
    }
    while (!content.empty() && (content.back() == ' ' || content.back() == '\t' || content.back() == '\r'))
      content.remove_suffix(1);
    if (!content.empty() && content != "---" && !content.starts_with("%"))
      lines.push_back({indent, static_cast<uint32_t>(pos + indent), content});
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  return lines;
}

bool is_seq_item(std::string_view content) { return content == "-" || content.starts_with("- "); }

YamlNode scalar_node(std::string_view s, uint32_t begin) {
  YamlNode n;
  n.kind = YamlNode::Scalar;
  uint32_t b = begin, e = begin + static_cast<uint32_t>(s.size());
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
    ++b;
    --e;
  }
  n.scalar = std::string(s);
  n.range = {b, e};
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `[a, b]` or `{k: v}` on one line.
YamlNode flow_node(std::string_view s, uint32_t begin) {
  YamlNode n;
  bool is_map = s.front() == '{';
  n.kind = is_map ? YamlNode::Map : YamlNode::Seq;
  n.range = {begin, begin + static_cast<uint32_t>(s.size())};
  std::string_view inner = s.substr(1, s.size() >= 2 ? s.size() - 2 : 0);
  uint32_t base = begin + 1;
  size_t start = 0;
  char quote = 0;
  for (size_t i = 0; i <= inner.size(); ++i) {
    char c = i < inner.size() ? inner[i] : ',';
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c != ',') continue;
    std::string_view item = inner.substr(start, i - start);
    size_t lead = item.find_first_not_of(" \t");
    if (lead == item.npos) lead = 0;
    std::string_view t = trim(item);
    uint32_t at = base + static_cast<uint32_t>(start + lead);
    if (!t.empty()) {
      if (is_map) {
        size_t colon = t.find(':');
        std::string_view key = trim(t.substr(0, colon));
        std::string_view value = colon == t.npos ? std::string_view() : trim(t.substr(colon + 1));
        YamlNode k = scalar_node(key, at);
        n.map.emplace_back(k.scalar, scalar_node(value, at + static_cast<uint32_t>(t.size() - value.size())));
        n.key_ranges.push_back(k.range);
      } else {
        n.seq.push_back(scalar_node(t, at));
      }
    }
    start = i + 1;
  }
  return n;
}

// Splits `key: value` (the colon followed by a blank or the end).
bool split_key(std::string_view content, std::string_view& key, std::string_view& value, uint32_t& value_at) {
  char quote = 0;
  for (size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if ((c == '"' || c == '\'') && i == 0) quote = c;
    if (c == ':' && (i + 1 == content.size() || content[i + 1] == ' ' || content[i + 1] == '\t')) {
      key = trim(content.substr(0, i));
      std::string_view rest = content.substr(i + 1);
      size_t lead = 0;
      while (lead < rest.size() && (rest[lead] == ' ' || rest[lead] == '\t')) ++lead;
      value = rest.substr(lead);
      value_at = static_cast<uint32_t>(i + 1 + lead);
      return true;
    }
  }
  return false;
}

class YamlParser {
 public:
  explicit YamlParser(std::vector<YamlLine> lines) : lines_(std::move(lines)) {}

  YamlNode parse() {
    size_t i = 0;
    if (lines_.empty()) return {};
    return node(i, lines_[0].indent, 0);
  }

 private:
  std::vector<YamlLine> lines_;

  YamlNode value_node(std::string_view value, uint32_t at, size_t& i, uint32_t indent, int depth) {
    // The line holding `key:` has been consumed; `i` is the next line.
    if (value.empty()) {
      if (i < lines_.size() && (lines_[i].indent > indent || (lines_[i].indent == indent && is_seq_item(lines_[i].content))))
        return node(i, lines_[i].indent, depth + 1);
      return {};
    }
    if (value.front() == '|' || value.front() == '>') {
      while (i < lines_.size() && lines_[i].indent > indent) ++i;
      return scalar_node("", at);
    }
    if (value.front() == '[' || value.front() == '{') return flow_node(value, at);
    if (value.front() == '&' || value.front() == '*') return {};  // anchors and aliases: not followed
    return scalar_node(value, at);
  }

  YamlNode node(size_t& i, uint32_t indent, int depth) {
    YamlNode n;
    if (depth > 64 || i >= lines_.size()) return n;
    if (is_seq_item(lines_[i].content)) {
      n.kind = YamlNode::Seq;
      while (i < lines_.size() && lines_[i].indent >= indent) {
        YamlLine& line = lines_[i];
        if (line.indent > indent || !is_seq_item(line.content)) {
          ++i;  // malformed or unsupported: skipped
          continue;
        }
        std::string_view rest = line.content.size() > 1 ? line.content.substr(2) : std::string_view();
        uint32_t lead = 2;
        while (!rest.empty() && rest.front() == ' ') {
          rest.remove_prefix(1);
          ++lead;
        }
        std::string_view key, value;
        uint32_t value_at = 0;
        if (rest.empty()) {
          ++i;
          if (i < lines_.size() && lines_[i].indent > indent) n.seq.push_back(node(i, lines_[i].indent, depth + 1));
          else n.seq.emplace_back();
        } else if (rest.front() != '"' && rest.front() != '\'' && rest.front() != '[' && rest.front() != '{' &&
                   split_key(rest, key, value, value_at)) {
          // `- key: value` opens a mapping indented by the dash.
          line.indent += lead;
          line.begin += lead;
          line.content = rest;
          n.seq.push_back(node(i, line.indent, depth + 1));
        } else {
          if (rest.front() == '[' || rest.front() == '{') n.seq.push_back(flow_node(rest, line.begin + lead));
          else n.seq.push_back(scalar_node(rest, line.begin + lead));
          ++i;
        }
      }
      return n;
    }
    n.kind = YamlNode::Map;
    while (i < lines_.size() && lines_[i].indent >= indent) {
      const YamlLine& line = lines_[i];
      std::string_view key, value;
      uint32_t value_at = 0;
      if (line.indent > indent || is_seq_item(line.content) || !split_key(line.content, key, value, value_at)) {
        if (line.indent == indent && is_seq_item(line.content)) break;  // a sibling sequence ends this mapping
        ++i;
        continue;
      }
      YamlNode k = scalar_node(key, line.begin);
      uint32_t line_indent = line.indent;
      uint32_t at = line.begin + value_at;
      ++i;
      n.map.emplace_back(k.scalar, value_node(value, at, i, line_indent, depth));
      n.key_ranges.push_back(k.range);
    }
    return n;
  }
};

std::string_view variable_name_of(std::string_view entry) {
  size_t eq = entry.find('=');
  return trim(entry.substr(0, eq));
}

}  // namespace

std::vector<ComposeService> parse_compose(std::string_view text) {
  std::vector<ComposeService> out;
  YamlNode root = YamlParser(yaml_lines(text)).parse();
  const YamlNode* services = root.get("services");
  if (!services || services->kind != YamlNode::Map) return out;
  for (const auto& [name, body] : services->map) {
    ComposeService s;
    s.name = name;
    if (const YamlNode* build = body.get("build")) {
      if (build->kind == YamlNode::Scalar) {
        s.build_context = build->scalar;
      } else if (build->kind == YamlNode::Map) {
        const YamlNode* context = build->get("context");
        s.build_context = context && context->kind == YamlNode::Scalar ? context->scalar : ".";
        if (const YamlNode* df = build->get("dockerfile"); df && df->kind == YamlNode::Scalar) s.dockerfile = df->scalar;
      }
    }
    if (const YamlNode* env = body.get("environment")) {
      if (env->kind == YamlNode::Seq) {
        for (const YamlNode& item : env->seq) {
          if (item.kind != YamlNode::Scalar) continue;
          std::string_view var = variable_name_of(item.scalar);
          if (!var.empty()) s.environment.push_back({std::string(var), {item.range.begin, item.range.begin + uint32_t(var.size())}});
        }
      } else if (env->kind == YamlNode::Map) {
        for (size_t k = 0; k < env->map.size(); ++k) s.environment.push_back({env->map[k].first, env->key_ranges[k]});
      }
    }
    if (const YamlNode* files = body.get("env_file")) {
      if (files->kind == YamlNode::Scalar) s.env_files.push_back(files->scalar);
      for (const YamlNode& item : files->seq) {
        if (item.kind == YamlNode::Scalar) s.env_files.push_back(item.scalar);
        else if (const YamlNode* p = item.get("path"); p && p->kind == YamlNode::Scalar) s.env_files.push_back(p->scalar);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

// --- Discovery and scanning.

namespace {

bool is_compose_name(std::string_view name) {
  if (!(name.ends_with(".yml") || name.ends_with(".yaml"))) return false;
  return name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-");
}

// "Dockerfile" -> ""; "Dockerfile.api" / "api.Dockerfile" -> "api"; not a Dockerfile -> nullopt.
std::optional<std::string> dockerfile_suffix(std::string_view name) {
  if (name == "Dockerfile" || name == "dockerfile") return std::string();
  if (name.starts_with("Dockerfile.") || name.starts_with("dockerfile.")) return std::string(name.substr(11));
  if (name.ends_with(".Dockerfile") || name.ends_with(".dockerfile")) return std::string(name.substr(0, name.size() - 11));
  return std::nullopt;
}

bool is_program_language(SourceLanguage lang) {
  switch (lang) {
    case SourceLanguage::Shell:
    case SourceLanguage::Dockerfile:
    case SourceLanguage::DotEnv:
    case SourceLanguage::Unknown: return false;
    default: return true;
  }
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // `*` within a component, `**` across components, `?` one character.
  size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  bool star_deep = false;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_deep = p + 1 < pattern.size() && pattern[p + 1] == '*';
      p += star_deep ? 2 : 1;
      star_p = p;
      star_t = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (star_p != std::string_view::npos && (star_deep || text[star_t] != '/')) {
      p = star_p;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool excluded(const std::string& display, const std::vector<std::string>& excludes) {
  for (const std::string& pattern : excludes)
    if (glob_match(pattern, display)) return true;
  return false;
}

struct Discovery {
  std::vector<std::string> compose_files;
  std::vector<std::pair<std::string, std::string>> dockerfiles;  // (path, suffix)
  std::map<std::string, std::vector<std::string>> directories;   // normalized basename -> paths
  std::vector<std::string> code_directories;                     // sorted: directories directly holding program source
};

constexpr size_t kMaxWalkEntries = 500000;
constexpr uintmax_t kMaxSourceBytes = 2u << 20;

// A walk of one root by walk_directory: the path of the entry being visited and
// its key in `listed` (absolute and lexically normal; empty when the root
// has none, and then nothing is looked up).
struct TreeWalk {
  const DirectoryListings* listed = nullptr;
  std::string path;
  std::string key;
  size_t budget = kMaxWalkEntries;
};

template <typename Visit>
void walk_directory(TreeWalk& walk, int at, const char* name, int flags, Visit& visit);

// Visits the entry `name` of the directory walk.path and, when visit(path,
// name, type) says so and it is a directory, not a link, walks it: opened
// from `at` by name when its parent was listed from the disk, by path
// (at == AT_FDCWD) when its parent came from a listing.
template <typename Visit>
void walk_entry(TreeWalk& walk, int at, const char* name, std::string_view name_view, EntryType type, Visit& visit) {
  --walk.budget;
  size_t parent = walk.path.size(), parent_key = walk.key.size();
  if (walk.path.empty() || walk.path.back() != '/') walk.path += '/';
  walk.path += name_view;
  if (!walk.key.empty()) {
    if (walk.key.back() != '/') walk.key += '/';
    walk.key += name_view;
  }
  if (visit(std::as_const(walk.path), name_view, type) && type.kind == EntryType::Directory && !type.link)
    walk_directory(walk, at, at == AT_FDCWD ? walk.path.c_str() : name, O_NOFOLLOW, visit);
  walk.path.resize(parent);
  walk.key.resize(parent_key);
}

// Visits the tree under the directory walk.path in the order
// std::filesystem::recursive_directory_iterator gives: depth first, each
// directory's entries in listing order, a directory's contents right after
// it. Its entries come from the lint walk's listing of it when there is one
// (no system call), else from the directory, opened with openat(at, name,
// flags); one that cannot be opened is skipped. The walk stops after
// walk.budget entries.
template <typename Visit>
void walk_directory(TreeWalk& walk, int at, const char* name, int flags, Visit& visit) {
  if (walk.listed && !walk.key.empty()) {
    if (auto it = walk.listed->find(walk.key); it != walk.listed->end()) {
      const DirectoryListing& listing = it->second;
      for (const DirectoryListing::Entry& entry : listing.entries()) {
        if (walk.budget == 0) break;
        walk_entry(walk, AT_FDCWD, listing.name(entry), listing.name_view(entry), entry.type, visit);
      }
      return;
    }
  }
  int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | flags);
  if (fd < 0) return;
  DirectoryReader dir(fd);
  while (walk.budget > 0) {
    const dirent64* entry = dir.next();
    if (!entry) break;
    walk_entry(walk, dir.fd(), entry->d_name, entry->d_name, entry_type(dir.fd(), *entry), visit);
  }
}

Discovery discover(const ContractInputs& inputs) {
  Discovery d;
  std::vector<std::string> roots = inputs.roots.empty() ? std::vector<std::string>{"."} : inputs.roots;
  std::set<std::string> code_dirs;
  for (const std::string& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    std::string root_norm = fs::path(root).lexically_normal().string();
    d.directories[normalize_name(fs::absolute(root, ec).lexically_normal().filename().string())].push_back(root_norm);
    // Walked from the normal form of the root, an entry's path is that root
    // joined with plain names: normal already, but for the "./" a root of
    // "." puts in front.
    bool dot_root = root_norm == ".";
    auto normal_path = [&](const std::string& path) { return dot_root ? path.substr(2) : path; };
    auto visit = [&](const std::string& path, std::string_view name, EntryType type) {
      if (type.kind == EntryType::Directory) {
        if (type.link || is_skipped_source_directory(name) || name.starts_with(".") ||
            (!inputs.excludes.empty() && excluded(display_path(path, inputs.display_base), inputs.excludes)))
          return false;
        d.directories[normalize_name(name)].push_back(normal_path(path));
        return true;
      }
      if (type.kind != EntryType::File) return false;
      if (is_compose_name(name)) d.compose_files.push_back(normal_path(path));
      else if (auto suffix = dockerfile_suffix(name)) d.dockerfiles.emplace_back(normal_path(path), *suffix);
      else if (!is_test_file_name(name) && is_program_language(language_for_path(name))) {
        std::string file = normal_path(path);
        size_t slash = file.rfind('/');
        code_dirs.insert(slash == std::string::npos ? "." : slash == 0 ? "/" : file.substr(0, slash));
      }
      return false;
    };
    TreeWalk walk{inputs.listings, root_norm, {}};
    // The listings' key of the root; none when the working directory is
    // unknown (its keys are then not absolute).
    if (inputs.listings) walk.key = absolute_directory(root_norm);
    if (!walk.key.starts_with('/')) walk.key.clear();
    walk_directory(walk, AT_FDCWD, root_norm.c_str(), 0, visit);
  }
  d.code_directories.assign(code_dirs.begin(), code_dirs.end());
  std::sort(d.compose_files.begin(), d.compose_files.end());
  std::sort(d.dockerfiles.begin(), d.dockerfiles.end());
  return d;
}

bool holds_code(const Discovery& d, const std::string& dir) {
  auto it = std::ranges::lower_bound(d.code_directories, dir);
  if (it == d.code_directories.end()) return false;
  if (*it == dir) return true;
  return it->starts_with(dir) && (*it)[dir.size()] == '/';
}

std::string canonical_dir(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p : c).lexically_normal().string();
}

struct Candidate {
  std::string directory;
  Inference inference;
  std::string evidence;
  std::vector<LocalVariable> local_env;  // compose environment
  std::vector<std::string> env_files;    // compose env_file paths (on disk)
  std::string compose_file;
};

// The single candidate, preferring those whose directory holds code; nullopt
// when none or ambiguous.
std::optional<Candidate> pick(std::vector<Candidate> found, const Discovery& d) {
  // Same directory twice (two compose files naming it) is one candidate.
  std::vector<Candidate> unique;
  for (Candidate& c : found) {
    std::string canon = canonical_dir(c.directory);
    bool seen = false;
    for (Candidate& u : unique)
      if (canonical_dir(u.directory) == canon) {
        seen = true;
        u.local_env.insert(u.local_env.end(), c.local_env.begin(), c.local_env.end());
        u.env_files.insert(u.env_files.end(), c.env_files.begin(), c.env_files.end());
      }
    if (!seen) unique.push_back(std::move(c));
  }
  if (unique.size() > 1) {
    std::vector<Candidate> with_code;
    for (Candidate& c : unique)
      if (holds_code(d, fs::path(c.directory).lexically_normal().string())) with_code.push_back(std::move(c));
    unique = std::move(with_code);
  }
  if (unique.size() != 1) return std::nullopt;
  return std::move(unique.front());
}

struct ComposeFile {
  std::string path;
  std::unique_ptr<SourceFile> source;
  std::vector<ComposeService> services;
};

}  // namespace

std::vector<ContainerRef> containers_of(const std::vector<model::TaskDefinition>& task_definitions,
                                        const std::vector<LoadedFileRef>& files) {
  std::vector<ContainerRef> out;
  // Lookups, not scans: a large repository has thousands of containers and files.
  std::map<const SourceFile*, std::string> disk_paths;
  for (const LoadedFileRef& f : files) disk_paths[f.file] = f.disk_path;
  std::set<std::pair<std::string, const SourceFile*>> seen;
  for (const model::TaskDefinition& td : task_definitions) {
    for (const model::Container& c : td.containers) {
      if (!c.name.is_string()) continue;
      ContainerRef ref{c.name.as_string(), {}, container_file(td, c), {}};
      if (auto it = disk_paths.find(ref.file); it != disk_paths.end()) ref.disk_path = it->second;
      if (c.image.is_string()) {
        std::string_view image = c.image.as_string();
        image = image.substr(0, image.find('@'));
        size_t slash = image.rfind('/');
        std::string_view last = slash == image.npos ? image : image.substr(slash + 1);
        ref.image_repository = std::string(last.substr(0, last.find(':')));
      } else if (!c.image.is_known()) {
        // aws_ecr_repository.NAME.repository_url
        std::string_view sym = c.image.symbol();
        if (sym.starts_with("aws_ecr_repository.") && sym.ends_with(".repository_url")) {
          sym = sym.substr(19, sym.size() - 19 - 15);
          ref.image_repository = std::string(sym.substr(0, sym.find('[')));
        }
      }
      if (seen.emplace(ref.name, ref.file).second) out.push_back(ref);
    }
  }
  return out;
}

std::string describe_discovery(const ContractInputs& inputs) {
  Discovery d = discover(inputs);
  std::string out;
  for (const std::string& path : d.compose_files) out += "compose " + path + "\n";
  for (const auto& [path, suffix] : d.dockerfiles) out += "dockerfile " + path + " " + suffix + "\n";
  for (const auto& [name, paths] : d.directories)
    for (const std::string& path : paths) out += "directory " + name + " " + path + "\n";
  for (const std::string& path : d.code_directories) out += "code " + path + "\n";
  return out;
}

ContractModel build_contract_model(const ContractInputs& inputs) {
  ContractModel model;
  // Apps come from the config's app blocks and from containers; without
  // either there are none, and no need to walk the tree for code.
  if (inputs.configured.empty() && inputs.containers.empty()) return model;
  Discovery d = discover(inputs);

  std::vector<ComposeFile> compose;
  for (const std::string& path : d.compose_files) {
    auto loaded = SourceFile::load(path, display_path(path, inputs.display_base));
    if (!loaded) continue;
    ComposeFile f{path, std::move(*loaded), {}};
    f.services = parse_compose(f.source->text());
    compose.push_back(std::move(f));
  }

  // Apps keyed by directory (canonical), in discovery order.
  std::map<std::string, size_t> by_directory;
  std::set<std::string> mapped;
  std::vector<std::vector<std::string>> env_files;  // per app
  auto add_app = [&](const std::string& directory, std::string name, Inference inference, std::string evidence,
                     const std::string& container, const SourceFile* file) -> App& {
    std::string canon = canonical_dir(directory);
    auto [it, inserted] = by_directory.emplace(canon, model.apps.size());
    if (inserted) {
      App& app = model.apps.emplace_back();
      app.name = std::move(name);
      app.directory = fs::path(directory).lexically_normal().string();
      app.display_directory = display_path(app.directory, inputs.display_base);
      app.inference = inference;
      app.evidence = std::move(evidence);
      env_files.emplace_back();
    }
    App& app = model.apps[it->second];
    if (!container.empty() && std::ranges::find(app.containers, container) == app.containers.end())
      app.containers.push_back(container);
    if (!container.empty() && std::ranges::find(app.container_files, file) == app.container_files.end())
      app.container_files.push_back(file);
    if (inference == Inference::Config) mapped.insert(container);
    return app;
  };

  for (const AppConfig& c : inputs.configured) {
    fs::path dir = fs::path(inputs.config_directory.empty() ? "." : inputs.config_directory) / c.source;
    std::string evidence = fmt::format("app \"{}\" in .ecslint.hcl", c.name);
    if (c.containers.empty()) add_app(dir.string(), c.name, Inference::Config, evidence, {}, nullptr);
    for (const std::string& container : c.containers)
      add_app(dir.string(), c.name, Inference::Config, evidence, container, nullptr);
  }

  ProjectRootFinder projects(inputs.roots, inputs.listed_directories);
  for (const ContainerRef& container : inputs.containers) {
    if (mapped.contains(container.name)) continue;
    // Only code in the container's own project can be its code.
    std::string project;
    if (!container.disk_path.empty()) project = projects.of(container.disk_path);
    auto in_project = [&](const std::string& dir) { return project.empty() || inside(dir, project); };
    std::vector<std::string> keys{normalize_name(container.name)};
    if (!container.image_repository.empty() && normalize_name(container.image_repository) != keys[0])
      keys.push_back(normalize_name(container.image_repository));
    std::optional<Candidate> chosen;
    for (const std::string& key : keys) {
      if (key.empty()) continue;
      // compose
      std::vector<Candidate> found;
      for (const ComposeFile& f : compose) {
        for (const ComposeService& s : f.services) {
          if (s.build_context.empty() || normalize_name(s.name) != key) continue;
          if (s.build_context.find("://") != std::string::npos || s.build_context.starts_with("git@")) continue;
          fs::path dir = fs::path(f.path).parent_path() / s.build_context;
          if (!in_project(dir.string()) || !in_project(f.path)) continue;
          Candidate c{dir.lexically_normal().string(), Inference::Compose,
                      fmt::format("{} service \"{}\" (build: {})", f.source->path(), s.name, s.build_context), {}, {}, f.path};
          for (const ComposeService::Variable& v : s.environment)
            c.local_env.push_back({v.name, fmt::format("{} service \"{}\"", f.source->path(), s.name), f.source.get(), v.range});
          for (const std::string& file : s.env_files) c.env_files.push_back((fs::path(f.path).parent_path() / file).string());
          found.push_back(std::move(c));
        }
      }
      if (!found.empty()) {
        chosen = pick(std::move(found), d);
        if (chosen) break;
        continue;
      }
      // dockerfile
      for (const auto& [path, suffix] : d.dockerfiles) {
        fs::path dir = fs::path(path).parent_path();
        bool by_dir = suffix.empty() && normalize_name(fs::absolute(dir).lexically_normal().filename().string()) == key;
        bool by_suffix = !suffix.empty() && normalize_name(suffix) == key;
        if ((by_dir || by_suffix) && in_project(dir.string().empty() ? "." : dir.string()))
          found.push_back({dir.string().empty() ? "." : dir.string(), Inference::Dockerfile,
                           fmt::format("Dockerfile at {}", display_path(path, inputs.display_base)), {}, {}, {}});
      }
      if (!found.empty()) {
        chosen = pick(std::move(found), d);
        if (chosen) break;
        continue;
      }
      // name
      if (auto it = d.directories.find(key); it != d.directories.end()) {
        for (const std::string& dir : it->second)
          if (holds_code(d, dir) && in_project(dir))
            found.push_back({dir, Inference::Name, fmt::format("directory {} named like the container",
                                                               display_path(dir, inputs.display_base)), {}, {}, {}});
        chosen = pick(std::move(found), d);
        if (chosen) break;
      }
    }
    if (!chosen) continue;
    std::string name = fs::absolute(chosen->directory).lexically_normal().filename().string();
    App& app = add_app(chosen->directory, name, chosen->inference, chosen->evidence, container.name, container.file);
    size_t index = static_cast<size_t>(&app - model.apps.data());
    for (LocalVariable& v : chosen->local_env)
      if (std::ranges::none_of(app.local_env, [&](const LocalVariable& l) { return l.name == v.name; }))
        app.local_env.push_back(std::move(v));
    env_files[index].insert(env_files[index].end(), chosen->env_files.begin(), chosen->env_files.end());
  }

  // A configured app is not mapped through compose, but a compose service that
  // builds its directory is its local setup all the same (for env-parity).
  for (size_t a = 0; a < model.apps.size(); ++a) {
    App& app = model.apps[a];
    if (app.inference != Inference::Config) continue;
    std::string canon = canonical_dir(app.directory);
    for (const ComposeFile& f : compose) {
      for (const ComposeService& s : f.services) {
        if (s.build_context.empty() || s.build_context.find("://") != std::string::npos) continue;
        if (canonical_dir(fs::path(f.path).parent_path() / s.build_context) != canon) continue;
        for (const ComposeService::Variable& v : s.environment)
          if (std::ranges::none_of(app.local_env, [&](const LocalVariable& l) { return l.name == v.name; }))
            app.local_env.push_back({v.name, fmt::format("{} service \"{}\"", f.source->path(), s.name), f.source.get(), v.range});
        for (const std::string& file : s.env_files) env_files[a].push_back((fs::path(f.path).parent_path() / file).string());
      }
    }
  }

  // Collect each app's files, then scan them all in parallel.
  struct Job {
    size_t app;
    std::string path;
    SourceLanguage language;
    ScannedSource result;
    bool ok = false;
  };
  std::vector<Job> jobs;
  for (size_t a = 0; a < model.apps.size(); ++a) {
    const App& app = model.apps[a];
    std::error_code ec;
    if (!fs::is_directory(app.directory, ec)) continue;
    std::vector<std::string> files;
    size_t entries = 0;
    fs::recursive_directory_iterator it(app.directory, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end && entries < kMaxWalkEntries; it.increment(ec), ++entries) {
      std::string name = it->path().filename().string();
      std::error_code sec;
      if (it->is_directory(sec)) {
        if (it->is_symlink(sec) || is_skipped_source_directory(name) || (name.starts_with(".") && name.size() > 1) ||
            (!inputs.excludes.empty() && excluded(display_path(it->path().string(), inputs.display_base), inputs.excludes)))
          it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(sec) || is_test_file_name(name)) continue;
      SourceLanguage lang = language_for_path(name);
      if (lang == SourceLanguage::Unknown) continue;
      if (it->file_size(sec) > kMaxSourceBytes) continue;
      files.push_back(it->path().lexically_normal().string());
    }
    for (const std::string& f : env_files[a]) {
      std::error_code fec;
      if (fs::is_regular_file(f, fec)) files.push_back(fs::path(f).lexically_normal().string());
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    for (std::string& f : files) {
      SourceLanguage lang = language_for_path(fs::path(f).filename().string());
      // env_file names (.env.prod, app.env) are dotenv whatever they are called
      if (lang == SourceLanguage::Unknown) lang = SourceLanguage::DotEnv;
      jobs.push_back({a, std::move(f), lang, {}, false});
    }
  }
  parallel_for(jobs.size(), inputs.threads, [&](size_t i) {
    Job& job = jobs[i];
    auto loaded = SourceFile::load(job.path, display_path(job.path, inputs.display_base));
    if (!loaded) return;
    job.result.file = std::move(*loaded);
    job.result.language = job.language;
    job.result.scan = scan_env(job.language, job.result.file->text());
    job.ok = true;
  });

  for (Job& job : jobs) {
    if (!job.ok) continue;
    App& app = model.apps[job.app];
    ScannedSource& src = app.sources.emplace_back(std::move(job.result));
    if (is_program_language(src.language)) app.has_code = true;
  }
  for (App& app : model.apps) {
    std::map<std::string, VariableRead> reads;
    for (const ScannedSource& src : app.sources) {
      if (src.language != SourceLanguage::DotEnv) app.dynamic_reads |= src.scan.dynamic_reads;
      for (const EnvRead& r : src.scan.reads) {
        VariableRead v{r.name, r.kind, src.file.get(), {r.begin, r.end}, r.line, r.column, r.how, 1};
        if (r.kind == ReadKind::Default) {
          if (src.language == SourceLanguage::Dockerfile) {
            if (!app.image_sets(r.name)) app.image_env.push_back(v);
          } else if (std::ranges::none_of(app.local_env, [&](const LocalVariable& l) { return l.name == r.name; })) {
            app.local_env.push_back({r.name, src.file->path(), src.file.get(), {r.begin, r.end}});
          }
          continue;
        }
        auto [it, inserted] = reads.emplace(r.name, v);
        if (inserted) continue;
        ++it->second.sites;
        if (it->second.kind == ReadKind::Optional && r.kind == ReadKind::Required) {
          uint32_t sites = it->second.sites;
          it->second = v;
          it->second.sites = sites;
        }
      }
    }
    for (auto& [name, read] : reads) app.reads.push_back(std::move(read));
  }
  for (ComposeFile& f : compose) model.compose_files.push_back(std::move(f.source));
  return model;
}

}  // namespace ecslint::contracts

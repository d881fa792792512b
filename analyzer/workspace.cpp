#include "analyzer/workspace.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "analyzer/parallel.h"
#include "analyzer/timing.h"

namespace ecslint {

namespace fs = std::filesystem;

namespace {

bool is_excluded(const std::string& display, const std::vector<std::string>& excludes) {
  for (const auto& pattern : excludes) {
    if (fnmatch(pattern.c_str(), display.c_str(), 0) == 0) return true;
    // A pattern naming a directory excludes everything below it.
    std::string prefix = pattern;
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (!prefix.empty() && display.size() > prefix.size() && display.compare(0, prefix.size(), prefix) == 0 &&
        display[prefix.size()] == '/')
      return true;
  }
  return false;
}

// The absolute, normal form of a walked directory, given the root's and the
// directory's path relative to it ("" for the root itself).
std::string walked_directory(const std::string& absolute_root, std::string_view relative) {
  if (relative.empty()) return absolute_root;
  return absolute_root == "/" ? "/" + std::string(relative) : absolute_root + "/" + std::string(relative);
}

void collect(const std::string& root, const LoadOptions& options, std::vector<std::string>& paths,
             std::vector<LoadError>& errors, std::unordered_map<std::string, bool>& marker_directories) {
  std::error_code ec;
  auto status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    errors.push_back({root, "no such file or directory"});
    return;
  }
  if (!fs::is_directory(status)) {
    paths.push_back(root);  // named explicitly: read whatever its extension
    return;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    errors.push_back({root, ec.message()});
    return;
  }
  std::string absolute_root = absolute_directory(root);
  size_t relative_from = root.ends_with('/') ? root.size() : root.size() + 1;  // where entries' relative paths start
  marker_directories.try_emplace(absolute_root, false);
  for (; it != end; it.increment(ec)) {
    if (ec) {
      errors.push_back({it->path().string(), ec.message()});
      ec.clear();
      continue;
    }
    const std::string& path = it->path().native();
    std::string_view relative = std::string_view(path).substr(std::min(relative_from, path.size()));
    std::string name = it->path().filename().string();
    if (is_project_marker(name) && (!it->is_symlink(ec) || fs::exists(it->path(), ec))) {
      size_t slash = relative.rfind('/');
      marker_directories[walked_directory(absolute_root, slash == relative.npos ? "" : relative.substr(0, slash))] = true;
    }
    if (it->is_directory(ec)) {
      if (is_skipped_directory(name) ||
          (!options.excludes.empty() && is_excluded(display_path(it->path().string(), options.display_base), options.excludes)))
        it.disable_recursion_pending();
      else if (!it->is_symlink(ec))  // listed in full below: whether it holds a marker is known
        marker_directories.try_emplace(walked_directory(absolute_root, relative), false);
      continue;
    }
    if (!it->is_regular_file(ec) || !is_lintable_name(name)) continue;
    if (!options.excludes.empty() && is_excluded(display_path(it->path().string(), options.display_base), options.excludes))
      continue;
    paths.push_back(it->path().string());
  }
}

// Task definitions are recognised by content, not by name.
bool looks_like_task_definition(std::string_view text) { return text.find("\"containerDefinitions\"") != text.npos; }

}  // namespace

bool is_project_marker(std::string_view name) {
  for (std::string_view marker : kProjectMarkers)
    if (name == marker) return true;
  return false;
}

bool is_skipped_directory(std::string_view name) {
  return name == ".terraform" || name == ".git" || name == "node_modules";
}

bool is_lintable_name(std::string_view name) {
  return name.ends_with(".tf") || name.ends_with(".tf.json") || name.ends_with(".tfvars") ||
         name.ends_with(".tfvars.json") || name.ends_with(".json");
}

// std::filesystem::path::lexically_normal() for POSIX paths, without the
// trailing separator it may keep; on strings, because the path type splits
// and allocates every component and directory keys are made by the
// thousand (every module call, every module instance).
std::string normal_directory(std::string_view path) {
  if (path.empty()) return {};
  bool absolute = path.front() == '/';
  std::vector<std::string_view> parts;
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part != "..") parts.push_back(part);
    else if (!parts.empty() && parts.back() != "..") parts.pop_back();
    else if (!absolute) parts.push_back(part);  // above the root, ".." stays at the root
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

namespace {
// ecslint never changes its working directory: read it once.
const std::string& working_directory() {
  static const std::string cwd = [] {
    std::error_code ec;
    std::string dir = fs::current_path(ec).native();
    return ec ? std::string() : normal_directory(dir);
  }();
  return cwd;
}

}  // namespace

std::string absolute_directory(std::string_view path) {
  if (!path.empty() && path.front() == '/') return normal_directory(path);
  const std::string& cwd = working_directory();
  if (cwd.empty() || path.empty()) return std::string(path);
  return normal_directory(cwd + "/" + std::string(path));
}

namespace {
// A relative path of plain names ("a/b.tf", "./a/b.tf") below the working
// directory displays as itself without the leading "./": the common case,
// answered without the two getcwd calls and path parsing of the general one.
std::optional<std::string> plain_relative_display(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  if (path.empty() || path.front() == '/') return std::nullopt;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    start = end + 1;
  }
  return std::string(path);
}
}  // namespace

namespace {
// A path relative to `base` when it lies below it; otherwise (and for a
// base other than the working directory) lexically normal.
std::string relative_or_normal(const std::string& path, const std::string& base) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return path;
  fs::path from = base.empty() ? fs::current_path(ec) : fs::absolute(base, ec);
  if (ec) return path;
  fs::path relative = absolute.lexically_normal().lexically_relative(from);
  if (relative.empty() || *relative.begin() == "..") return fs::path(path).lexically_normal().string();
  return relative.string();
}
}  // namespace

std::string display_path(const std::string& path, const std::string& base) {
  if (!base.empty()) return relative_or_normal(path, base);
  if (auto plain = plain_relative_display(path)) return *plain;
  // The same answer on strings: files named by absolute paths (a workspace
  // given as /abs/dir) are displayed by the thousand.
  const std::string& cwd = working_directory();
  if (cwd.empty() || path.empty()) return relative_or_normal(path, base);
  std::string normal = normal_directory(path.front() == '/' ? path : cwd + "/" + path);
  if (normal == cwd) return ".";
  size_t below = cwd == "/" ? 1 : cwd.size() + 1;
  if (normal.size() > below && normal.starts_with(cwd) && normal[below - 1] == '/') return normal.substr(below);
  return normal_directory(path);
}

Workspace read_workspace(const LoadOptions& options) {
  Workspace workspace;
  workspace.options = options;
  std::vector<std::string> paths = [&] {
    PhaseTimer timer("load: directory walk");
    std::vector<std::string> found;
    std::vector<std::string> roots = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    for (const auto& root : roots) collect(root, options, found, workspace.errors, workspace.marker_directories);
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
  }();

  PhaseTimer timer("load: read");
  std::vector<LoadedFile> files(paths.size());
  std::vector<std::string> read_errors(paths.size());
  std::vector<char> wanted(paths.size(), 0);
  parallel_for(paths.size(), options.threads, [&](size_t i) {
    auto loaded = SourceFile::load(paths[i], display_path(paths[i], options.display_base));
    if (!loaded) {
      read_errors[i] = loaded.error();
      return;
    }
    LoadedFile& file = files[i];
    file.disk_path = paths[i];
    file.source = std::move(*loaded);
    if (grammar::syntax_for_path(file.source->path()) == grammar::Syntax::Json) {
      file.task_definition_json = looks_like_task_definition(file.source->text());
      if (!file.task_definition_json) return;  // not ours: don't even parse it
    }
    wanted[i] = 1;
  });
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!read_errors[i].empty()) {
      workspace.errors.push_back({display_path(paths[i], options.display_base), read_errors[i]});
      continue;
    }
    if (wanted[i]) workspace.files.push_back(std::move(files[i]));
  }
  std::sort(workspace.files.begin(), workspace.files.end(),
            [](const LoadedFile& a, const LoadedFile& b) { return a.source->path() < b.source->path(); });
  return workspace;
}

void parse_file(LoadedFile& file) {
  auto syntax = grammar::syntax_for_path(file.source->path());
  if (syntax == grammar::Syntax::Template) syntax = grammar::Syntax::HclNative;  // named explicitly
  file.parsed = grammar::parse(*file.source, syntax);
}

Workspace load_workspace(const LoadOptions& options) {
  Workspace workspace = read_workspace(options);
  PhaseTimer timer("load: parse");
  parallel_for(workspace.files.size(), options.threads, [&](size_t i) { parse_file(workspace.files[i]); });
  return workspace;
}

}  // namespace ecslint

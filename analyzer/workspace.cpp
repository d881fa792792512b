#include "analyzer/workspace.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "analyzer/parallel.h"

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

void collect(const std::string& root, const LoadOptions& options, std::vector<std::string>& paths,
             std::vector<LoadError>& errors) {
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
  for (; it != end; it.increment(ec)) {
    if (ec) {
      errors.push_back({it->path().string(), ec.message()});
      ec.clear();
      continue;
    }
    std::string name = it->path().filename().string();
    if (it->is_directory(ec)) {
      if (is_skipped_directory(name) || is_excluded(display_path(it->path().string(), options.display_base), options.excludes))
        it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || !is_lintable_name(name)) continue;
    if (is_excluded(display_path(it->path().string(), options.display_base), options.excludes)) continue;
    paths.push_back(it->path().string());
  }
}

// Task definitions are recognised by content, not by name.
bool looks_like_task_definition(std::string_view text) { return text.find("\"containerDefinitions\"") != text.npos; }

}  // namespace

bool is_skipped_directory(std::string_view name) {
  return name == ".terraform" || name == ".git" || name == "node_modules";
}

bool is_lintable_name(std::string_view name) {
  return name.ends_with(".tf") || name.ends_with(".tf.json") || name.ends_with(".tfvars") ||
         name.ends_with(".tfvars.json") || name.ends_with(".json");
}

std::string display_path(const std::string& path, const std::string& base) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return path;
  fs::path cwd = base.empty() ? fs::current_path(ec) : fs::absolute(base, ec);
  if (ec) return path;
  fs::path relative = absolute.lexically_normal().lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return fs::path(path).lexically_normal().string();
  return relative.string();
}

Workspace load_workspace(const LoadOptions& options) {
  Workspace workspace;
  workspace.options = options;
  std::vector<std::string> paths;
  std::vector<std::string> roots = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  for (const auto& root : roots) collect(root, options, paths, workspace.errors);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  std::vector<LoadedFile> files(paths.size());
  std::vector<std::string> read_errors(paths.size());
  parallel_for(paths.size(), options.threads, [&](size_t i) {
    auto loaded = SourceFile::load(paths[i], display_path(paths[i], options.display_base));
    if (!loaded) {
      read_errors[i] = loaded.error();
      return;
    }
    LoadedFile& file = files[i];
    file.disk_path = paths[i];
    file.source = std::move(*loaded);
    auto syntax = grammar::syntax_for_path(file.source->path());
    if (syntax == grammar::Syntax::Template) syntax = grammar::Syntax::HclNative;  // named explicitly
    if (syntax == grammar::Syntax::Json) {
      file.task_definition_json = looks_like_task_definition(file.source->text());
      if (!file.task_definition_json) return;  // not ours: don't even parse it
    }
    file.parsed = grammar::parse(*file.source, syntax);
  });
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!read_errors[i].empty()) {
      workspace.errors.push_back({display_path(paths[i], options.display_base), read_errors[i]});
      continue;
    }
    if (files[i].parsed) workspace.files.push_back(std::move(files[i]));
  }
  std::sort(workspace.files.begin(), workspace.files.end(),
            [](const LoadedFile& a, const LoadedFile& b) { return a.source->path() < b.source->path(); });
  return workspace;
}

}  // namespace ecslint

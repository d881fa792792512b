#include "analyzer/workspace.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <numeric>
#include <optional>
#include <system_error>

#include "analyzer/directory_reader.h"
#include "analyzer/parallel.h"
#include "analyzer/timing.h"

namespace ecslint {

namespace fs = std::filesystem;

namespace {

constexpr rlim_t kMaxDirectoriesKeptOpen = 256;

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

// Whether `path` has a ".." after a name ("a/../b", "/x/y/.."): then its
// lexically normal form may name another directory than the path does (when
// "a" is a symbolic link). A leading ".." climbs from the working directory,
// whose path (getcwd) has no links.
bool climbs_after_name(std::string_view path) {
  bool named = false;
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    start = end + 1;
    if (part == "..") {
      if (named) return true;
    } else if (!part.empty() && part != ".") {
      named = true;
    }
  }
  return false;
}

// The directory walk: what std::filesystem::recursive_directory_iterator
// with skip_permission_denied visits (symlinked directories not entered),
// on openat and getdents64 (DirectoryReader), so that no path is resolved
// from the root again and no path object is built per entry (nor a DIR,
// with its stat and fcntl calls); d_type answers most type questions
// without a stat. Directories are listed on several threads: on a large
// tree the walk is mostly the kernel reading directories, and it runs before
// anything else can start.
class Walk {
 public:
  struct Path {
    std::string path;
    int directory_fd;  // kept open (Found::kept) to read the file from, or -1
  };
  struct Found {
    std::vector<Path> paths;
    std::vector<LoadError> errors;
    std::unordered_map<std::string, bool> markers;
    std::unordered_map<std::string, std::vector<std::string>> variable_files;
    DirectoryListings listings;
    std::vector<int> kept;  // directory descriptors left open for reading the files found in them
  };

  // Keeps up to `keep_open` of the directories listed open (see directory()).
  Walk(const LoadOptions& options, size_t keep_open) : options_(options), keep_open_(keep_open) {}

  // A root named on the command line; its directories are listed by run().
  void add(const std::string& root) {
    std::error_code ec;
    auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      seeded_.errors.push_back({root, "no such file or directory"});
      return;
    }
    if (!fs::is_directory(status)) {
      seeded_.paths.push_back({root, -1});  // named explicitly: read whatever its extension
      return;
    }
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      if (errno != EACCES) seeded_.errors.push_back({root, std::generic_category().message(errno)});
      return;
    }
    Root& r = roots_.emplace_back(Root{absolute_directory(root), root.ends_with('/') ? root.size() : root.size() + 1});
    r.keeps_listings = r.absolute.starts_with('/') && !climbs_after_name(root);
    seeded_.markers.try_emplace(r.absolute, false);
    queue_.push_back({fd, root, &r});
  }

  // Lists every directory on up to `threads` workers; paths unsorted, errors
  // of the roots first, then the others by path. This thread lists alone
  // until the tree proves large: on a VM, starting, waking and joining
  // threads costs more than a small tree takes (43 directories: 0.6 ms on one
  // thread, 1.5-3 ms on two; 3,100 directories: 34 ms on one, 21 on two).
  Found run(int threads) {
    size_t workers = size_t(std::max(1, worker_count(threads)));
    std::vector<Found> found(workers);
    Helpers helpers([&](size_t w) { work(found[w]); });
    if (workers > 1) start_helpers_ = [&] { helpers.start(workers - 1); };
    work(found[0]);
    {
      std::lock_guard hold(lock_);
      start_helpers_ = nullptr;  // a small tree: never called
    }
    helpers.join();
    Found out = std::move(seeded_);
    std::vector<LoadError> errors;
    for (Found& f : found) {
      std::move(f.paths.begin(), f.paths.end(), std::back_inserter(out.paths));
      std::move(f.errors.begin(), f.errors.end(), std::back_inserter(errors));
      for (auto& [directory, marked] : f.markers) {
        auto [it, inserted] = out.markers.try_emplace(directory, marked);
        if (!inserted) it->second = it->second || marked;
      }
      out.variable_files.merge(f.variable_files);  // a directory walked from two roots lists the same names
      out.listings.merge(f.listings);
      out.kept.insert(out.kept.end(), f.kept.begin(), f.kept.end());
    }
    std::ranges::sort(errors, {}, &LoadError::path);
    std::move(errors.begin(), errors.end(), std::back_inserter(out.errors));
    return out;
  }

 private:
  struct Root {
    std::string absolute;
    size_t relative_from;         // where a path below the root starts
    bool keeps_listings = false;  // its directories' entries go to Found::listings (see Workspace::listings)
  };
  struct Pending {
    int fd;
    std::string path;
    const Root* root;
  };
  // Directories waiting for a worker are open: a short queue bounds the
  // open descriptors; a directory that does not fit is listed by its finder.
  static constexpr size_t kQueueLimit = 32;
  static constexpr size_t kListedAlone = 64;

  // Takes directories until none is queued and none is being listed (a
  // directory being listed may still queue more), however many workers
  // started. The first worker starts the others once it has listed
  // kListedAlone directories and more are waiting, or the queue is full.
  void work(Found& found) {
    size_t listed = 0;
    for (;;) {
      Pending next;
      {
        std::unique_lock hold(lock_);
        wake_.wait(hold, [&] { return !queue_.empty() || listing_ == 0; });
        if (queue_.empty()) {
          wake_.notify_all();
          return;
        }
        ++listing_;
        next = std::move(queue_.back());
        queue_.pop_back();
        if (start_helpers_ && ++listed >= kListedAlone && !queue_.empty()) start_helpers(hold);
      }
      directory(next, found);
      std::lock_guard hold(lock_);
      if (--listing_ == 0 && queue_.empty()) wake_.notify_all();
    }
  }

  // Starts the other workers, once; `hold` is released.
  void start_helpers(std::unique_lock<std::mutex>& hold) {
    std::function<void()> start = std::move(start_helpers_);
    start_helpers_ = nullptr;
    hold.unlock();
    if (start) start();
  }

  // Queues a directory for any worker; false when the queue is full (the
  // others are started then, if they are not yet).
  bool offer(Pending& directory) {
    std::unique_lock hold(lock_);
    if (queue_.size() >= kQueueLimit) {
      if (start_helpers_) start_helpers(hold);
      return false;
    }
    queue_.push_back(std::move(directory));
    wake_.notify_one();
    return true;
  }

  // Lists one directory, then walks the directories in it: handed to an
  // idle worker or, when the queue is full, here. The first keep_open_
  // directories listed stay open: their files are then opened by name
  // (openat) rather than by a path the kernel resolves from the working
  // directory, component by component.
  void directory(Pending& pending, Found& found) {
    DirectoryReader dir(pending.fd);
    bool keep = kept_.fetch_add(1, std::memory_order_relaxed) < keep_open_;
    const Root& root = *pending.root;
    std::string prefix = pending.path.ends_with('/') ? pending.path : pending.path + "/";
    std::string_view listed = std::string_view(pending.path).substr(std::min(root.relative_from, pending.path.size()));
    std::string key = walked_directory(root.absolute, listed);
    std::vector<std::string>& variable_files = found.variable_files[key];
    DirectoryListing* listing = nullptr;  // null: not kept, or listed already from another root
    if (root.keeps_listings)
      if (auto [it, inserted] = found.listings.try_emplace(std::move(key)); inserted) listing = &it->second;
    std::vector<std::string> subdirectories;
    while (const dirent64* entry = dir.next()) {
      std::string_view name = entry->d_name;
      if (is_variable_file_name(name)) variable_files.emplace_back(name);
      std::string child = prefix + entry->d_name;
      std::string_view relative = std::string_view(child).substr(std::min(root.relative_from, child.size()));
      EntryType type = entry_type(dir.fd(), *entry);
      if (listing) listing->add(name, type);
      if (is_project_marker(name) && !type.dangling) {
        size_t slash = relative.rfind('/');
        found.markers[walked_directory(root.absolute, slash == relative.npos ? "" : relative.substr(0, slash))] = true;
      }
      if (type.kind == EntryType::Directory) {
        if (is_skipped_directory(name) || type.link ||
            (!options_.excludes.empty() && is_excluded(display_path(child, options_.display_base), options_.excludes)))
          continue;
        found.markers.try_emplace(walked_directory(root.absolute, relative), false);
        subdirectories.push_back(std::move(child));
        continue;
      }
      if (type.kind != EntryType::File || !is_lintable_name(name)) continue;
      if (!options_.excludes.empty() && is_excluded(display_path(child, options_.display_base), options_.excludes))
        continue;
      found.paths.push_back({std::move(child), keep ? dir.fd() : -1});
    }
    for (std::string& child : subdirectories) {
      int sub = ::openat(dir.fd(), child.c_str() + prefix.size(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (sub < 0) {
        if (errno != EACCES) found.errors.push_back({child, std::generic_category().message(errno)});
        continue;
      }
      Pending next{sub, std::move(child), &root};
      if (!offer(next)) directory(next, found);
    }
    if (keep) found.kept.push_back(dir.release());
  }

  const LoadOptions& options_;
  const size_t keep_open_;
  std::atomic<size_t> kept_{0};  // directories listed (kept open while below keep_open_)
  Found seeded_;
  std::deque<Root> roots_;  // stable: pending directories point at their root
  std::mutex lock_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  int listing_ = 0;  // workers listing a directory; guarded by lock_
  std::function<void()> start_helpers_;  // set until the first worker starts the others; guarded by lock_
};

// How many of its directories a walk keeps open (Walk::directory()): a few
// hundred, and a small part of the descriptors the process may open.
size_t directories_kept_open() {
  static const size_t limit = [] {
    rlimit open_files{};
    if (::getrlimit(RLIMIT_NOFILE, &open_files) != 0) return size_t(0);
    return size_t(std::min<rlim_t>(kMaxDirectoriesKeptOpen, open_files.rlim_cur / 8));
  }();
  return limit;
}

// Makes the descriptor table hold `count` descriptors. Keeping directories
// open grows it past its first 64 slots; Linux copies the table to grow it,
// and once the process has several threads (the walk's helpers) each growth
// also waits for an RCU grace period: 14 ms of the 100 MB tree's walk on the
// bench VM (21 -> 35 ms). Grown here, before any helper starts, it is a copy.
void make_room_for_descriptors(size_t count) {
  int probe = ::fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, int(count));
  if (probe >= 0) ::close(probe);
}

// The name of a walked file in its directory: the last component of its path.
const char* file_name(const std::string& path) { return path.c_str() + path.rfind('/') + 1; }

// Task definitions are recognised by content, not by name.
bool looks_like_task_definition(std::string_view text) { return text.find("\"containerDefinitions\"") != text.npos; }

}  // namespace

OpenDirectories::~OpenDirectories() {
  for (int fd : fds_) ::close(fd);
}

bool is_project_marker(std::string_view name) {
  for (std::string_view marker : kProjectMarkers)
    if (name == marker) return true;
  return false;
}

bool is_variable_file_name(std::string_view name) {
  return name == "terraform.tfvars" || name == "terraform.tfvars.json" || name.ends_with(".auto.tfvars") ||
         name.ends_with(".auto.tfvars.json");
}

bool is_skipped_directory(std::string_view name) {
  return name == ".terraform" || name == ".git" || name == "node_modules";
}

bool is_lintable_name(std::string_view name) {
  return name.ends_with(".tf") || name.ends_with(".tf.json") || name.ends_with(".tfvars") ||
         name.ends_with(".tfvars.json") || name.ends_with(".json");
}

namespace {
// Whether `path` (after a leading '/') is names joined by single slashes,
// none of them "." or "..": already lexically normal.
bool is_plain_path(std::string_view path) {
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty()) return false;
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}
}  // namespace

// std::filesystem::path::lexically_normal() for POSIX paths, without the
// trailing separator it may keep; on strings, because the path type splits
// and allocates every component and directory keys are made by the
// thousand (every module call, every module instance).
std::string normal_directory(std::string_view path) {
  if (path.empty()) return {};
  if (is_plain_path(path)) return std::string(path);  // most paths: no parts to collect
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
  if (path.empty() || path.front() == '/' || !is_plain_path(path)) return std::nullopt;
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

Workspace walk_workspace(const LoadOptions& options) {
  PhaseTimer timer("load: directory walk");
  Workspace workspace;
  workspace.options = options;
  std::vector<std::string> roots = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  size_t keep_open = directories_kept_open();
  // The kept directories, those queued for the walk's workers, and files being read.
  if (keep_open > 0) make_room_for_descriptors(keep_open + 64);
  Walk walk(options, keep_open);
  for (const auto& root : roots) walk.add(root);
  Walk::Found walked = walk.run(options.threads);
  workspace.errors = std::move(walked.errors);
  workspace.marker_directories = std::make_shared<const std::unordered_map<std::string, bool>>(std::move(walked.markers));
  using VariableFiles = std::unordered_map<std::string, std::vector<std::string>>;
  workspace.variable_files = std::make_shared<const VariableFiles>(std::move(walked.variable_files));
  workspace.listings = std::make_shared<const DirectoryListings>(std::move(walked.listings));
  if (!walked.kept.empty())
    workspace.open_directories = std::make_shared<const OpenDirectories>(std::move(walked.kept));
  std::vector<Walk::Path>& found = walked.paths;
  std::ranges::sort(found, {}, &Walk::Path::path);
  auto same = [](const Walk::Path& a, const Walk::Path& b) { return a.path == b.path; };
  found.erase(std::unique(found.begin(), found.end(), same), found.end());
  workspace.files.resize(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    workspace.files[i].disk_path = std::move(found[i].path);
    workspace.files[i].directory_fd = found[i].directory_fd;
  }
  return workspace;
}

ReadFiles read_files(const Workspace& walked, const std::vector<size_t>& indexes, int threads) {
  const std::string& base = walked.options.display_base;
  std::vector<LoadedFile> files(indexes.size());
  std::vector<std::optional<std::string>> errors(indexes.size());
  std::vector<char> linted(indexes.size(), 0);
  parallel_for(indexes.size(), threads, [&](size_t k) {
    LoadedFile& file = files[k];
    const LoadedFile& found = walked.files[indexes[k]];
    file.disk_path = found.disk_path;
    std::string display = display_path(file.disk_path, base);
    auto loaded = found.directory_fd < 0
                      ? SourceFile::load(file.disk_path, std::move(display))
                      : SourceFile::load_at(found.directory_fd, file_name(file.disk_path), std::move(display));
    if (!loaded) {
      errors[k] = loaded.error();
      return;
    }
    file.source = std::move(*loaded);
    if (grammar::syntax_for_path(file.source->path()) == grammar::Syntax::Json) {
      file.task_definition_json = looks_like_task_definition(file.source->text());
      if (!file.task_definition_json) return;  // not ours: don't even parse it
    }
    linted[k] = 1;
  });
  ReadFiles out;
  for (size_t k = 0; k < indexes.size(); ++k) {
    if (errors[k]) {
      out.errors.push_back({indexes[k], {display_path(files[k].disk_path, base), std::move(*errors[k])}});
    } else if (linted[k]) {
      out.files.push_back(std::move(files[k]));
      out.read_from.push_back(indexes[k]);
    }
  }
  return out;
}

void sort_by_display_path(std::vector<LoadedFile>& files) {
  std::sort(files.begin(), files.end(),
            [](const LoadedFile& a, const LoadedFile& b) { return a.source->path() < b.source->path(); });
}

Workspace project_workspace(const Workspace& walked, std::vector<LoadedFile> files, std::vector<std::string> roots) {
  Workspace project;
  project.files = std::move(files);
  sort_by_display_path(project.files);
  project.options = walked.options;
  if (!roots.empty()) project.options.paths = std::move(roots);
  project.variable_files = walked.variable_files;
  project.marker_directories = walked.marker_directories;
  project.listings = walked.listings;
  return project;
}

Workspace read_workspace(const LoadOptions& options) {
  Workspace workspace = walk_workspace(options);
  PhaseTimer timer("load: read");
  std::vector<size_t> all(workspace.files.size());
  std::iota(all.begin(), all.end(), 0);
  ReadFiles read = read_files(workspace, all, options.threads);
  for (auto& [index, error] : read.errors) workspace.errors.push_back(std::move(error));
  workspace.files = std::move(read.files);
  sort_by_display_path(workspace.files);
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

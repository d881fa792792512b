// `ecslint parse`: prints exactly what hcloracle prints, so the two compare
// as text (tests/conformance). Only the parse loop is timed, over files
// already in memory, best of --repeat runs.
#include "analyzer/cli/parse_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include "grammar/hcl_lexer.h"
#include "grammar/large_stack.h"
#include "grammar/syntax.h"

namespace ecslint::cli {

namespace {

namespace fs = std::filesystem;

bool wanted(std::string_view name) {
  for (std::string_view suffix : {".tf", ".hcl", ".tfvars", ".tf.json", ".hcl.json", ".tfvars.json"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

// Go's filepath.Clean for the relative and absolute paths users type.
std::string clean_path(std::string_view path) {
  bool absolute = path.starts_with('/');
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!absolute) parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

std::string join_path(const std::string& dir, const std::string& name) {
  return dir == "." ? name : dir == "/" ? "/" + name : dir + "/" + name;
}

bool collect(const std::vector<std::string>& args, std::vector<std::string>& paths) {
  for (const std::string& arg : args) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      fmt::print(stderr, "error: stat {}: no such file or directory\n", arg);
      return false;
    }
    if (!fs::is_directory(st)) {
      paths.push_back(arg);
      continue;
    }
    std::string root = clean_path(arg);
    std::vector<std::pair<std::string, std::string>> stack{{arg, root}};  // (filesystem path, display path)
    while (!stack.empty()) {
      auto [dir, shown] = stack.back();
      stack.pop_back();
      for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        std::string child = join_path(shown, name);
        if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
          stack.push_back({entry.path().string(), child});
        } else if (wanted(name)) {
          paths.push_back(child);
        }
      }
      if (ec) {
        fmt::print(stderr, "error: {}: {}\n", dir, ec.message());
        return false;
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  return true;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// `tree` is null unless the trees are dumped.
void print_file(std::string& out, const SourceFile& source, grammar::Syntax syntax,
                const std::vector<grammar::SyntaxError>& errors, const grammar::ParsedFile* tree,
                const ParseOptions& options) {
  if (errors.empty()) {
    if (!options.quiet) fmt::format_to(std::back_inserter(out), "OK {}\n", source.path());
  } else {
    fmt::format_to(std::back_inserter(out), "ERR {}\n", source.path());
    for (const grammar::SyntaxError& e : errors) {
      Position a = grammar::hcl::position(source, e.range.begin);
      Position b = grammar::hcl::position(source, e.range.end);
      fmt::format_to(std::back_inserter(out), "  {}:{}:{}-{}:{}: error: {}; {}\n", source.path(), a.line, a.column,
                     b.line, b.column, e.summary, one_line(e.detail));
    }
  }
  if (tree && errors.empty() && syntax == grammar::Syntax::HclNative && tree->body) {
    out += grammar::dump_body(*tree->body, source, options.ranges);
    out += '\n';
  }
}

}  // namespace

int run_parse_command(const ParseOptions& options) {
  auto wall_start = std::chrono::steady_clock::now();
  std::vector<std::string> paths;
  if (!collect(options.paths, paths)) return 2;

  std::vector<std::unique_ptr<SourceFile>> sources;
  std::vector<grammar::Syntax> syntaxes;
  uint64_t total_bytes = 0;
  for (const std::string& path : paths) {
    auto loaded = SourceFile::load(path, path);
    if (!loaded) {
      fmt::print(stderr, "error: open {}: {}\n", path, loaded.error());
      return 2;
    }
    total_bytes += (*loaded)->size();
    syntaxes.push_back(grammar::syntax_for_path(path));
    sources.push_back(std::move(*loaded));
  }

  // As in hcloracle, a file's tree outlives the timed loop only when it will
  // be dumped; otherwise only its errors are kept and the tree is freed inside
  // the loop, where Go's collector frees hcloracle's.
  std::vector<std::unique_ptr<grammar::ParsedFile>> parsed(sources.size());
  std::vector<std::vector<grammar::SyntaxError>> errors(sources.size());
  double best = -1;
  int repeat = std::max(options.repeat, 1);
  run_with_large_stack([&] {
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      for (size_t i = 0; i < sources.size(); ++i) {
        std::unique_ptr<grammar::ParsedFile> file = grammar::parse(*sources[i], syntaxes[i]);
        errors[i] = std::move(file->errors);
        if (options.dump) parsed[i] = std::move(file);
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (best < 0 || secs < best) best = secs;
    }
  });

  std::string out;
  size_t ok = 0, failed = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    (errors[i].empty() ? ok : failed) += 1;
    print_file(out, *sources[i], syntaxes[i], errors[i], parsed[i].get(), options);
  }
  double mbps = best > 0 ? double(total_bytes) / 1e6 / best : 0.0;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  fmt::format_to(std::back_inserter(out),
                 "TOTAL files={} bytes={} ok={} err={} parse_s={:.6f} MB/s={:.2f} repeat={} wall_s={:.3f}\n",
                 sources.size(), total_bytes, ok, failed, std::max(best, 0.0), mbps, repeat, wall);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return failed > 0 ? 1 : 0;
}

}  // namespace ecslint::cli

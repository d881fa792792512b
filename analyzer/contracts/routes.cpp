// Route scanning: dispatch per language, then prefixes resolved across the
// app's files (routes_scan_*.cpp hold the per-framework idioms).
#include "analyzer/contracts/routes.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "analyzer/contracts/apps.h"
#include "analyzer/contracts/routes_internal.h"

namespace ecslint::contracts {
namespace routes {

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

std::string join_path(std::string_view prefix, std::string_view path) {
  std::string out(prefix);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (!path.empty() && path.front() != '/') out += '/';
  out += path;
  if (out.empty() || out.front() != '/') out.insert(out.begin(), '/');
  return out;
}

std::string_view chain_before(std::string_view code, uint32_t end) {
  uint32_t b = end;
  while (b > 0 && (scan::is_ident_char(code[b - 1]) || code[b - 1] == '.' || code[b - 1] == '$')) --b;
  while (b < end && code[b] == '.') ++b;
  return slice(code, b, end);
}

std::string_view chain_arg(std::string_view code, const scan::CallArg& arg) {
  std::string_view v = slice(code, arg.value_begin, arg.end);
  if (v.empty() || std::isdigit(static_cast<unsigned char>(v[0]))) return {};
  for (char c : v)
    if (!scan::is_ident_char(c) && c != '.' && c != '$') return {};
  return v;
}

std::vector<std::string> literals_in(const scan::CodeView& view, std::string_view text, uint32_t begin,
                                     uint32_t end) {
  std::vector<std::string> out;
  for (const scan::StringLiteral& lit : view.literals_from(begin, end))
    if (!lit.interpolated) out.emplace_back(slice(text, lit.content_begin, lit.content_end));
  return out;
}

bool is_http_method(std::string_view m) {
  static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
  return std::ranges::find(kMethods, m) != std::end(kMethods);
}

HttpRoute make_route(std::string method, std::string path, uint32_t begin, uint32_t end, std::string_view framework,
                     bool prefix_known) {
  HttpRoute r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.prefix_known = prefix_known;
  r.range = {begin, end};
  r.framework = framework;
  return r;
}

namespace {

scan::LexerSyntax lexer_for(SourceLanguage lang) {
  switch (lang) {
    case SourceLanguage::Python: return scan::LexerSyntax::Python;
    case SourceLanguage::JavaScript:
    case SourceLanguage::TypeScript: return scan::LexerSyntax::JavaScript;
    case SourceLanguage::Go: return scan::LexerSyntax::Go;
    case SourceLanguage::Kotlin: return scan::LexerSyntax::Kotlin;
    case SourceLanguage::Ruby: return scan::LexerSyntax::Ruby;
    case SourceLanguage::SpringConfig: return scan::LexerSyntax::Yaml;
    default: return scan::LexerSyntax::CLike;
  }
}

std::string_view file_name(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Substrings without which a file defines no route: most files of an app
// have none, and this check is what they cost.
bool may_define_routes(SourceLanguage lang, std::string_view path, std::string_view text) {
  auto has = [&](std::string_view s) { return text.find(s) != std::string_view::npos; };
  switch (lang) {
    case SourceLanguage::Python:
      return has("route") || has(".get") || has(".post") || has(".put") || has(".patch") || has(".delete") ||
             has("Router") || has("Blueprint") || has("register_blueprint") || has("add_url_rule");
    case SourceLanguage::JavaScript:
    case SourceLanguage::TypeScript:
      return has("export") || has(".use") || has(".get") || has(".post") || has("Controller") || has("GlobalPrefix") ||
             has("basePath") || has(".route");
    case SourceLanguage::Go: return has("\"/") || has("\"GET") || has("\"POST") || has("\"PUT") || has("\"PATCH") ||
                                    has("\"DELETE");
    case SourceLanguage::Java:
    case SourceLanguage::Kotlin: return has("Mapping");
    case SourceLanguage::Ruby: return file_name(path) == "routes.rb" || path.find("config/routes/") != std::string_view::npos;
    case SourceLanguage::SpringConfig: return has("context-path") || has("servlet.path") || has("contextPath");
    default: return false;
  }
}

}  // namespace

FileRoutes scan_file(SourceLanguage lang, std::string_view path, std::string_view text) {
  FileRoutes out;
  out.language = lang;
  std::string_view name = file_name(path);
  out.stem = std::string(name.substr(0, name.find('.')));
  if (!may_define_routes(lang, path, text)) return out;
  if (lang == SourceLanguage::SpringConfig) {
    out.spring_context_path = true;  // may_define_routes found the key
    return out;
  }
  scan::CodeView view = scan::make_code_view(lexer_for(lang), text);
  switch (lang) {
    case SourceLanguage::Python: scan_python(view, text, out); break;
    case SourceLanguage::JavaScript:
    case SourceLanguage::TypeScript: scan_javascript(view, text, path, out); break;
    case SourceLanguage::Go: scan_go(view, text, out); break;
    case SourceLanguage::Java:
    case SourceLanguage::Kotlin: scan_spring(view, text, out); break;
    case SourceLanguage::Ruby: scan_rails(view, text, out); break;
    default: break;
  }
  return out;
}

namespace {

bool same_family(SourceLanguage a, SourceLanguage b) {
  auto family = [](SourceLanguage l) { return l == SourceLanguage::TypeScript ? SourceLanguage::JavaScript : l; };
  return family(a) == family(b);
}

// Resolves routers' full prefixes over all files of an app.
class PrefixResolver {
 public:
  explicit PrefixResolver(const std::vector<FileRoutes>& files) : files_(files) {
    for (size_t i = 0; i < files.size(); ++i) ++stem_count_[files[i].stem];
  }

  // The full prefix of `receiver` as used in file `f`; nullopt when unknown.
  std::optional<std::string> prefix(size_t f, std::string_view receiver, int depth = 0) const {
    if (depth > 8) return std::nullopt;
    const FileRoutes& file = files_[f];
    const Router* router = find_router(file, receiver);
    if (router == nullptr) {
      // `from app.main import app`: a router defined in another file.
      auto target = resolve_import(f, receiver);
      if (!target) return std::nullopt;
      return prefix(target->first, target->second, depth + 1);
    }
    if (router->is_app) return std::string();
    if (!router->own_prefix) return std::nullopt;
    std::set<std::string> results;
    for (size_t g = 0; g < files_.size(); ++g) {
      for (const Mount& m : files_[g].mounts) {
        if (!refers_to(g, m.child, f, router->name)) continue;
        auto parent = prefix(g, m.parent, depth + 1);
        if (!parent || !m.prefix) return std::nullopt;
        std::string_view own = m.replaces_own && !m.prefix->empty() ? std::string_view() : *router->own_prefix;
        results.insert(join_path(join_path(*parent, *m.prefix), own));
      }
    }
    // Not mounted anywhere we can see, or mounted at several prefixes.
    if (results.size() != 1) return std::nullopt;
    return *results.begin();
  }

 private:
  static const Router* find_router(const FileRoutes& file, std::string_view name) {
    for (const Router& r : file.routers)
      if (r.name == name) return &r;
    return nullptr;
  }

  // The file (by unique stem) and router name an imported name stands for.
  std::optional<std::pair<size_t, std::string>> resolve_import(size_t g, std::string_view expr) const {
    std::string_view head = expr.substr(0, expr.find('.'));
    std::string_view rest = expr.size() > head.size() ? expr.substr(head.size() + 1) : std::string_view();
    // An import may be read two ways (`from a.b import c`: module c, or
    // attribute c of module b); the first that names a file of the app wins.
    for (const Import& im : files_[g].imports) {
      if (im.alias != head || (!im.attribute.empty() && !rest.empty())) continue;
      std::string attribute = im.attribute.empty() ? std::string(rest) : im.attribute;
      auto count = stem_count_.find(im.module);
      if (count == stem_count_.end() || count->second != 1) continue;
      for (size_t f = 0; f < files_.size(); ++f) {
        if (f == g || files_[f].stem != im.module || !same_family(files_[f].language, files_[g].language)) continue;
        if (!attribute.empty()) return std::pair(f, attribute);
        // A module's default export: its one router.
        if (files_[f].routers.size() == 1) return std::pair(f, files_[f].routers.front().name);
      }
    }
    return std::nullopt;
  }

  bool refers_to(size_t g, std::string_view child, size_t f, const std::string& name) const {
    if (g == f) return child == name;
    auto target = resolve_import(g, child);
    return target && target->first == f && target->second == name;
  }

  const std::vector<FileRoutes>& files_;
  std::map<std::string, int> stem_count_;
};

void fill_positions(std::vector<HttpRoute>& routes, std::string_view text) {
  std::ranges::stable_sort(routes, {}, [](const HttpRoute& r) { return r.range.begin; });
  uint32_t line = 1, line_start = 0, scanned = 0;
  for (HttpRoute& r : routes) {
    for (; scanned < r.range.begin && scanned < text.size(); ++scanned)
      if (text[scanned] == '\n') ++line, line_start = scanned + 1;
    r.line = line;
    r.column = count_code_points(text.substr(line_start, r.range.begin - line_start)) + 1;
  }
}

// Settles the pending routes of every file and applies the app-wide
// settings; returns each file's routes.
std::vector<std::vector<HttpRoute>> resolve(std::vector<FileRoutes>& files) {
  bool spring_context_path = false, next_base_path = false, nest_unknown = false;
  std::set<std::string> nest_prefixes;
  for (const FileRoutes& f : files) {
    spring_context_path |= f.spring_context_path;
    next_base_path |= f.next_base_path;
    nest_unknown |= f.nest_global_prefix_unknown;
    if (f.nest_global_prefix) nest_prefixes.insert(*f.nest_global_prefix);
  }
  if (nest_prefixes.size() > 1) nest_unknown = true;
  PrefixResolver resolver(files);
  std::vector<std::vector<HttpRoute>> out(files.size());
  for (size_t f = 0; f < files.size(); ++f) {
    std::vector<HttpRoute>& routes = out[f];
    routes = std::move(files[f].routes);
    for (PendingRoute& p : files[f].pending) {
      auto prefix = resolver.prefix(f, p.receiver);
      p.route.prefix_known = prefix.has_value();
      if (prefix) p.route.path = join_path(*prefix, p.route.path);
      routes.push_back(std::move(p.route));
    }
    for (HttpRoute& r : routes) {
      if (r.framework == "spring" && spring_context_path) r.prefix_known = false;
      if (r.framework == "nextjs" && next_base_path) r.prefix_known = false;
      if (r.framework == "nestjs") {
        if (nest_unknown) r.prefix_known = false;
        else if (!nest_prefixes.empty()) r.path = join_path(*nest_prefixes.begin(), r.path);
      }
    }
  }
  return out;
}

}  // namespace
}  // namespace routes

bool is_path_parameter(std::string_view s) {
  if (s.empty()) return false;
  return s.front() == ':' || s.front() == '*' || s.find('{') != std::string_view::npos ||
         s.find('<') != std::string_view::npos || s.find('[') != std::string_view::npos ||
         s.find('(') != std::string_view::npos;
}

std::vector<HttpRoute> scan_file_routes(SourceLanguage lang, std::string_view path, std::string_view text) {
  std::vector<routes::FileRoutes> files;
  files.push_back(routes::scan_file(lang, path, text));
  std::vector<HttpRoute> out = std::move(routes::resolve(files).front());
  routes::fill_positions(out, text);
  return out;
}

std::vector<HttpRoute> scan_routes(const App& app) {
  std::vector<routes::FileRoutes> files;
  std::vector<const ScannedSource*> sources;
  for (const ScannedSource& src : app.sources) {
    std::string_view path = src.file->path();
    // Next.js routes are named by their path inside the app's directory.
    if (path.starts_with(app.display_directory) && !app.display_directory.empty() && app.display_directory != ".") {
      path.remove_prefix(app.display_directory.size());
      while (path.starts_with("/")) path.remove_prefix(1);
    }
    files.push_back(routes::scan_file(src.language, path, src.file->text()));
    sources.push_back(&src);
  }
  std::vector<std::vector<HttpRoute>> per_file = routes::resolve(files);
  std::vector<HttpRoute> out;
  for (size_t i = 0; i < per_file.size(); ++i) {
    routes::fill_positions(per_file[i], sources[i]->file->text());
    for (HttpRoute& r : per_file[i]) {
      r.file = sources[i]->file.get();
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace ecslint::contracts

// Route idioms of Go (net/http, gin, echo, chi, gorilla/mux), Spring (Java
// and Kotlin) and Rails config/routes.rb. Their prefixes are settled within
// the file: groups, class-level mappings and route scopes are lexical.
#include <algorithm>
#include <cctype>

#include "analyzer/contracts/routes_internal.h"

namespace ecslint::contracts::routes {

using scan::CallArgs;
using scan::Regex;

namespace {

constexpr uint32_t kEverywhere = UINT32_MAX;

// ---------------------------------------------------------------------------
// Go

// A router variable and the prefix its routes get, valid from `begin` to
// `end` (a chi Route closure's parameter lives inside the closure only).
struct GoRouter {
  std::string name;
  std::optional<std::string> prefix;
  uint32_t begin = 0, end = kEverywhere;
  bool root = false;  // created here (gin.Default(), chi.NewRouter()...)
};

const GoRouter* go_lookup(const std::vector<GoRouter>& routers, std::string_view name, uint32_t pos) {
  const GoRouter* best = nullptr;
  for (const GoRouter& r : routers)
    if (r.name == name && r.begin <= pos && pos < r.end && (!best || r.begin >= best->begin)) best = &r;
  return best;
}

std::optional<std::string> go_prefix(const std::vector<GoRouter>& routers, std::string_view name, uint32_t pos) {
  const GoRouter* r = go_lookup(routers, name, pos);
  return r ? r->prefix : std::nullopt;
}

}  // namespace

void scan_go(const scan::CodeView& view, std::string_view text, FileRoutes& out) {
  std::string_view code = view.code;
  std::vector<GoRouter> routers;
  static const Regex kRoot(
      R"(\b(\w+)\s*:?=\s*&?\s*(gin\.(?:Default|New)|echo\.New|chi\.NewRouter|chi\.NewMux|http\.NewServeMux|mux\.NewRouter|fiber\.New)\s*\()");
  static const Regex kTypedParam(R"(\b(\w+)\s+\*(gin\.Engine|echo\.Echo|chi\.Mux|http\.ServeMux)\b)");
  kRoot.for_each(code, [&](const Regex::Match& m) {
    routers.push_back({std::string(slice(code, m.begin(1), m.end(1))), std::string(), m.begin(), kEverywhere, true});
  });
  kTypedParam.for_each(code, [&](const Regex::Match& m) {
    routers.push_back({std::string(slice(code, m.begin(1), m.end(1))), std::string(), 0, kEverywhere, false});
  });
  // Several roots in one file are usually one mounted under another
  // (http.StripPrefix, Handle("/api/", sub)): their prefixes are not clear.
  size_t roots = std::ranges::count_if(routers, [](const GoRouter& r) { return r.root; });
  bool strip_prefix = code.find("StripPrefix") != std::string_view::npos;
  if (roots > 1 || strip_prefix)
    for (GoRouter& r : routers) r.prefix = std::nullopt;

  // Groups, chi sub-routes and mounts, in source order so nesting resolves.
  static const Regex kGroup(
      R"(\b(\w+)\s*:?=\s*(\w+)\s*\.\s*(?:Group|PathPrefix)\s*\(\s*("[^"\n]*")\s*(\)\s*\.\s*Subrouter\s*\()?)");
  static const Regex kChiRoute(R"(\b(\w+)\s*\.\s*Route\s*\(\s*("[^"\n]*")\s*,\s*func\s*\(\s*(\w+))");
  static const Regex kChiMount(R"(\b(\w+)\s*\.\s*Mount\s*\(\s*("[^"\n]*")\s*,\s*(\w+)\s*\))");
  struct Event {
    uint32_t at;
    int kind;
    std::vector<uint32_t> groups;  // offsets: begin/end pairs
  };
  std::vector<Event> events;
  auto collect = [&](const Regex& re, int kind) {
    re.for_each(code, [&](const Regex::Match& m) {
      Event e{m.begin(), kind, {}};
      for (uint32_t g = 0; g < 5; ++g) {
        e.groups.push_back(m.has(g) ? m.begin(g) : kEverywhere);
        e.groups.push_back(m.has(g) ? m.end(g) : kEverywhere);
      }
      events.push_back(std::move(e));
    });
  };
  collect(kGroup, 0);
  collect(kChiRoute, 1);
  collect(kChiMount, 2);
  std::ranges::sort(events, {}, &Event::at);
  auto group_text = [&](const Event& e, uint32_t g) { return slice(code, e.groups[2 * g], e.groups[2 * g + 1]); };
  auto literal = [&](const Event& e, uint32_t g) -> std::optional<std::string> {
    auto lit = scan::literal_arg(view, text, e.groups[2 * g]);
    if (!lit) return std::nullopt;
    return std::string(lit->value);
  };
  for (const Event& e : events) {
    if (e.kind == 0) {
      // gorilla's PathPrefix is a router only when .Subrouter() follows
      if (group_text(e, 0).find("PathPrefix") != std::string_view::npos && e.groups[8] == kEverywhere) continue;
      auto parent = go_prefix(routers, group_text(e, 2), e.at);
      auto lit = literal(e, 3);
      std::optional<std::string> prefix;
      if (parent && lit) prefix = join_path(*parent, *lit);
      routers.push_back({std::string(group_text(e, 1)), prefix, e.at, kEverywhere, false});
    } else if (e.kind == 1) {
      auto parent = go_prefix(routers, group_text(e, 1), e.at);
      auto lit = literal(e, 2);
      std::optional<std::string> prefix;
      if (parent && lit) prefix = join_path(*parent, *lit);
      size_t brace = code.find('{', e.groups[7]);
      uint32_t close = brace == std::string_view::npos ? uint32_t(code.size()) : scan::matching_close(code, uint32_t(brace));
      routers.push_back({std::string(group_text(e, 3)), prefix, e.groups[6], close, false});
    } else {
      auto parent = go_prefix(routers, group_text(e, 1), e.at);
      auto lit = literal(e, 2);
      for (GoRouter& r : routers) {
        if (r.name != group_text(e, 3) || !r.root) continue;
        r.prefix = parent && lit ? std::optional(join_path(*parent, *lit)) : std::nullopt;
      }
    }
  }

  static const Regex kRoute(
      R"(\b(\w+)\s*\.\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Get|Post|Put|Patch|Delete|Head|Options|HandleFunc|Handle|Method|MethodFunc|Add)\s*\()");
  static const Regex kMethods(R"(^\s*\.\s*Methods\s*\()");
  kRoute.for_each(code, [&](const Regex::Match& m) {
    std::string_view receiver = slice(code, m.begin(1), m.end(1));
    std::string_view verb = slice(code, m.begin(2), m.end(2));
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    if (args.args.size() < 2) return;
    auto first = scan::literal_arg(view, text, args.args[0].begin);
    if (!first) return;
    std::vector<std::string> methods;
    std::string path(first->value);
    uint32_t begin = first->begin, end = first->end;
    bool explicit_method_call = verb == "Method" || verb == "MethodFunc" || verb == "Add" ||
                                (verb == "Handle" && args.args.size() >= 3 && is_http_method(path));
    if (explicit_method_call) {
      auto second = scan::literal_arg(view, text, args.args[1].begin);
      if (!second || !is_http_method(ascii_upper(first->value))) return;
      methods.push_back(ascii_upper(first->value));
      path = std::string(second->value), begin = second->begin, end = second->end;
    } else if (verb == "HandleFunc" || verb == "Handle") {
      // Go 1.22 patterns: "POST /orders", "GET example.com/x"; gorilla: .Methods("POST")
      size_t space = path.find(' ');
      if (space != std::string::npos && is_http_method(path.substr(0, space))) {
        methods.push_back(path.substr(0, space));
        path = path.substr(path.find_first_not_of(' ', space));
      } else {
        methods.push_back("*");
        uint32_t after = args.close + 1;
        kMethods.for_each(code.substr(after, 200), [&](const Regex::Match& mm) {
          CallArgs list = scan::split_call_args(code, after + mm.end() - 1);
          methods.clear();
          for (std::string& v : literals_in(view, text, after + mm.end(), list.close)) methods.push_back(ascii_upper(v));
          if (methods.empty()) methods.push_back("*");
        });
      }
      if (!path.empty() && path.front() != '/') {
        size_t slash = path.find('/');
        if (slash == std::string::npos) return;
        path = path.substr(slash);  // host-qualified pattern
      }
    } else {
      methods.push_back(verb == "Any" ? std::string("*") : ascii_upper(verb));
    }
    const GoRouter* router = go_lookup(routers, receiver, m.begin());
    bool package_mux = receiver == "http" && (verb == "HandleFunc" || verb == "Handle");
    if (router == nullptr && !package_mux) {
      // Gin/echo style upper-case verbs on a router passed in: a route under
      // an unknown prefix. Title-case calls on unknown receivers (c.Get(key),
      // client.Post(url, ...)) are not routes.
      bool gin_style = verb.size() > 1 && std::isupper(static_cast<unsigned char>(verb[1]));
      if (!gin_style || !path.starts_with("/")) return;
    }
    if (!path.empty() && path.front() != '/') return;
    std::optional<std::string> prefix =
        package_mux ? (strip_prefix ? std::nullopt : std::optional(std::string())) : router ? router->prefix : std::nullopt;
    std::string_view framework = package_mux || verb.starts_with("Handle") ? "net/http" : "go";
    for (const std::string& method : methods) {
      if (method != "*" && !is_http_method(method)) continue;
      out.routes.push_back(make_route(method, join_path(prefix.value_or(""), path), begin, end, framework,
                                      prefix.has_value()));
    }
  });
}

// ---------------------------------------------------------------------------
// Spring (Java, Kotlin)

namespace {

struct Mapping {
  std::vector<std::string> paths;  // empty: "" (the class's path)
  std::vector<std::string> methods;  // empty: any method
  bool paths_known = true;
  uint32_t begin = 0, end = 0;  // the annotation, for the position
  uint32_t after = 0;           // after its arguments
};

Mapping read_mapping(const scan::CodeView& view, std::string_view text, const Regex::Match& m) {
  std::string_view code = view.code;
  Mapping out;
  out.begin = m.begin(), out.end = m.end(1);
  std::string_view verb = slice(code, m.begin(1), m.end(1));
  if (verb != "Request") out.methods.push_back(ascii_upper(verb));
  uint32_t open = scan::skip_space(code, m.end());
  out.after = m.end();
  if (open >= code.size() || code[open] != '(') return out;
  CallArgs args = scan::split_call_args(code, open);
  out.after = args.close + 1;
  for (const scan::CallArg& a : args.args) {
    if (a.keyword.empty() || a.keyword == "value" || a.keyword == "path") {
      auto lits = literals_in(view, text, a.value_begin, a.end);
      // Every path must be a plain literal ("${api.prefix}" and constants are not).
      size_t tokens = 0;
      for (char c : slice(code, a.value_begin, a.end)) tokens += c == '"';
      for (const std::string& p : lits)
        if (p.find("${") != std::string::npos) out.paths_known = false;
      if (lits.empty() || tokens != 2 * lits.size()) out.paths_known = false;
      for (std::string& p : lits) out.paths.push_back(std::move(p));
      if (!lits.empty()) out.begin = view.literals_from(a.value_begin, a.end).front().content_begin,
                         out.end = view.literals_from(a.value_begin, a.end).front().content_end;
    } else if (a.keyword == "method") {
      static const Regex kMethod(R"(\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b)");
      std::string_view value = slice(code, a.value_begin, a.end);
      kMethod.for_each(value, [&](const Regex::Match& mm) { out.methods.emplace_back(slice(value, mm.begin(1), mm.end(1))); });
    }
  }
  return out;
}

// After an annotation: skip further annotations and modifiers; a class or
// interface declaration follows for a class-level mapping.
bool annotates_class(std::string_view code, uint32_t pos) {
  for (int guard = 0; guard < 64 && pos < code.size(); ++guard) {
    pos = scan::skip_space(code, pos);
    if (pos >= code.size()) return false;
    if (code[pos] == '@') {
      ++pos;
      while (pos < code.size() && (scan::is_ident_char(code[pos]) || code[pos] == '.')) ++pos;
      uint32_t p = scan::skip_space(code, pos);
      if (p < code.size() && code[p] == '(') pos = scan::matching_close(code, p) + 1;
      continue;
    }
    uint32_t b = pos;
    while (pos < code.size() && scan::is_ident_char(code[pos])) ++pos;
    std::string_view word = code.substr(b, pos - b);
    if (word == "class" || word == "interface") return true;
    if (word.empty()) return false;
    static constexpr std::string_view kModifiers[] = {"public", "private", "protected", "abstract", "final",
                                                      "open",   "internal", "data",     "static",   "sealed"};
    if (std::ranges::find(kModifiers, word) == std::end(kModifiers)) return false;
  }
  return false;
}

}  // namespace

void scan_spring(const scan::CodeView& view, std::string_view text, FileRoutes& out) {
  std::string_view code = view.code;
  struct ClassScope {
    uint32_t begin, end;
    std::optional<std::string> prefix;
  };
  std::vector<ClassScope> classes;
  std::vector<Mapping> methods;
  static const Regex kMapping(R"(@\s*(?:org\.springframework\.web\.bind\.annotation\.)?(Request|Get|Post|Put|Patch|Delete)Mapping\b)");
  kMapping.for_each(code, [&](const Regex::Match& m) {
    Mapping mapping = read_mapping(view, text, m);
    if (!annotates_class(code, mapping.after)) {
      methods.push_back(std::move(mapping));
      return;
    }
    size_t brace = code.find('{', mapping.after);
    uint32_t open = brace == std::string_view::npos ? uint32_t(code.size()) : uint32_t(brace);
    std::optional<std::string> prefix;
    if (mapping.paths_known && mapping.paths.size() <= 1) prefix = mapping.paths.empty() ? "" : mapping.paths[0];
    if (mapping.paths.empty()) prefix = std::string();
    classes.push_back({open, scan::matching_close(code, open), prefix});
  });
  for (const Mapping& m : methods) {
    std::optional<std::string> prefix = std::string();
    for (const ClassScope& c : classes)
      if (c.begin < m.begin && m.begin < c.end) prefix = c.prefix;  // the innermost is last
    bool known = prefix.has_value() && m.paths_known;
    std::vector<std::string> paths = m.paths.empty() ? std::vector<std::string>{""} : m.paths;
    std::vector<std::string> verbs = m.methods.empty() ? std::vector<std::string>{"*"} : m.methods;
    for (const std::string& p : paths)
      for (const std::string& v : verbs)
        out.routes.push_back(make_route(v, join_path(prefix.value_or(""), p), m.begin, m.end, "spring", known));
  }
}

// ---------------------------------------------------------------------------
// Rails config/routes.rb

namespace {

// The text of [begin, end) with string contents restored and comments blank.
std::string restore_literals(const scan::CodeView& view, std::string_view text, uint32_t begin, uint32_t end) {
  std::string out(slice(view.code, begin, end));
  for (const scan::StringLiteral& lit : view.literals_from(begin > 64 ? begin - 64 : 0, end))
    for (uint32_t k = std::max(lit.content_begin, begin); k < std::min(lit.content_end, end); ++k) out[k - begin] = text[k];
  return out;
}

// Words (symbols or strings) listed after `key:` on the line: `only: [:index, :create]`, `only: %i[create]`.
std::optional<std::vector<std::string>> option_words(std::string_view line, std::string_view key) {
  size_t at = line.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + key.size());
  size_t stop = rest.find_first_of("]\n");
  size_t comma = rest.find(',');
  if (rest.find('[') == std::string_view::npos || (comma != std::string_view::npos && comma < rest.find('[')))
    stop = comma;
  rest = rest.substr(0, stop);
  std::vector<std::string> out;
  static const Regex kWord(R"([A-Za-z_]\w*)");
  kWord.for_each(rest, [&](const Regex::Match& m) {
    std::string_view w = slice(rest, m.begin(), m.end());
    if (w != "i" && w != "w") out.emplace_back(w);
  });
  return out;
}

struct RailsScope {
  std::optional<std::string> prefix;
  std::string member_prefix;  // resources block: /things/:id for `member do`
  std::string collection_prefix;
};

}  // namespace

void scan_rails(const scan::CodeView& view, std::string_view text, FileRoutes& out) {
  std::string_view code = view.code;
  std::vector<RailsScope> stack{{std::string(), "", ""}};
  static const Regex kHead(R"(^\s*([A-Za-z_][\w.]*)\b\s*(.*)$)");
  static const Regex kSymbolOrString(R"re(:([A-Za-z_]\w*)|"([^"]*)"|'([^']*)')re");
  static const Regex kOpens(R"(\bdo\s*(?:\|[^|]*\|)?\s*$)");
  uint32_t line_begin = 0;
  while (line_begin < code.size()) {
    size_t nl = code.find('\n', line_begin);
    uint32_t line_end = nl == std::string_view::npos ? uint32_t(code.size()) : uint32_t(nl);
    std::string line = restore_literals(view, text, line_begin, line_end);
    uint32_t at = line_begin;
    line_begin = line_end + 1;
    std::string_view word, args;
    kHead.for_each(line, [&](const Regex::Match& m) {
      word = slice(line, m.begin(1), m.end(1));
      args = slice(line, m.begin(2), m.end(2));
    });
    if (word.empty()) continue;
    if (word == "end") {
      if (stack.size() > 1) stack.pop_back();
      continue;
    }
    bool opens = kOpens.matches(std::string_view(line)) ||
                 word == "if" || word == "unless" || word == "case" || word == "begin" || word == "def";
    const RailsScope& scope = stack.back();
    std::vector<std::string> names;  // the line's symbols and strings, in order
    kSymbolOrString.for_each(args, [&](const Regex::Match& m) {
      uint32_t g = m.has(1) ? 1 : m.has(2) ? 2 : 3;
      names.emplace_back(slice(args, m.begin(g), m.end(g)));
    });
    auto path_option = [&]() -> std::optional<std::string> {
      size_t p = args.find("path:");
      if (p == std::string_view::npos) return std::nullopt;
      std::vector<std::string> v;
      std::string_view rest = args.substr(p + 5);
      kSymbolOrString.for_each(rest.substr(0, rest.find(',')), [&](const Regex::Match& m) {
        uint32_t g = m.has(1) ? 1 : m.has(2) ? 2 : 3;
        v.emplace_back(slice(rest, m.begin(g), m.end(g)));
      });
      return v.empty() ? std::optional<std::string>() : v.front();
    };
    auto add = [&](std::string method, const std::optional<std::string>& path) {
      out.routes.push_back(make_route(std::move(method), path.value_or("/"), at, line_end, "rails", path.has_value()));
    };
    auto under = [&](std::string_view segment) -> std::optional<std::string> {
      if (!scope.prefix) return std::nullopt;
      return join_path(*scope.prefix, segment);
    };
    RailsScope next = scope;
    if (word == "namespace" && !names.empty()) {
      auto p = path_option();
      next.prefix = under(p ? *p : names.front());
    } else if (word == "scope") {
      bool has_path = !args.empty() && (args.front() == '"' || args.front() == '\'' || args.find("path:") != std::string_view::npos);
      if (has_path) next.prefix = under(path_option() ? *path_option() : names.empty() ? "" : names.front());
      else if (!args.empty() && args.front() == ':') next.prefix = std::nullopt;  // scope :locale
    } else if (word == "concern") {
      next.prefix = std::nullopt;  // templates, routed wherever they are used
    } else if ((word == "resources" || word == "resource") && !names.empty()) {
      bool plural = word == "resources";
      auto only = option_words(args, "only:");
      auto except = option_words(args, "except:");
      auto has = [&](std::string_view action) {
        if (only && std::ranges::find(*only, action) == only->end()) return false;
        return !(except && std::ranges::find(*except, action) != except->end());
      };
      auto p = path_option();
      // `resources :a, :b` lists several; options (`only: [...]`) follow the names.
      static const Regex kOptionKey(R"((?<![:\w])[A-Za-z_]\w*:(?!:))");
      size_t lead_end = args.size();
      kOptionKey.for_each(args, [&](const Regex::Match& k) { lead_end = std::min<size_t>(lead_end, k.begin()); });
      size_t count = 0;
      kSymbolOrString.for_each(args.substr(0, lead_end), [&](const Regex::Match&) { ++count; });
      if (p) count = std::min<size_t>(count, 1);
      for (size_t i = 0; i < count && i < names.size(); ++i) {
        auto base = under(p ? *p : names[i]);
        auto member = base ? std::optional(join_path(*base, plural ? ":id" : "")) : std::nullopt;
        if (has("create")) add("POST", base);
        if (has("update")) add("PUT", member), add("PATCH", member);
        if (has("destroy")) add("DELETE", member);
        if (i == 0 && base) {
          std::string singular = names[0];
          if (plural && singular.ends_with("s")) singular.pop_back();
          next.prefix = plural ? join_path(*base, ":" + singular + "_id") : *base;
          next.member_prefix = *member;
          next.collection_prefix = *base;
        } else if (i == 0) {
          next.prefix = std::nullopt;
        }
      }
    } else if (word == "member" || word == "collection") {
      next.prefix = word == "member" ? scope.member_prefix : scope.collection_prefix;
      if (!scope.prefix || next.prefix->empty()) next.prefix = std::nullopt;
    } else if (word == "get" || word == "post" || word == "put" || word == "patch" || word == "delete" ||
               word == "match") {
      std::optional<std::string> path = names.empty() ? std::nullopt : under(names.front());
      if (names.empty() || args.front() == '=') path = std::nullopt;
      if (word != "match") {
        add(ascii_upper(word), path);
      } else if (auto via = option_words(args, "via:")) {
        for (const std::string& v : *via) add(v == "all" ? std::string("*") : ascii_upper(v), path);
      }
    }
    if (opens) stack.push_back(next);
  }
}

}  // namespace ecslint::contracts::routes

// Route idioms of Python (Flask, FastAPI) and JavaScript/TypeScript
// (Express, Fastify, Hono, NestJS, Next.js).
#include <algorithm>

#include "analyzer/contracts/routes_internal.h"

namespace ecslint::contracts::routes {

using scan::CallArgs;
using scan::Regex;

namespace {

std::optional<std::string> literal_value(const scan::CodeView& view, std::string_view text, uint32_t pos) {
  auto lit = scan::literal_arg(view, text, pos);
  if (!lit) return std::nullopt;
  return std::string(lit->value);
}

// A keyword argument's literal value: "" when the keyword is absent, nullopt
// when it is written but is not a plain literal.
std::optional<std::string> keyword_literal(const scan::CodeView& view, std::string_view text, const CallArgs& args,
                                           std::string_view keyword) {
  const scan::CallArg* a = args.keyword(keyword);
  if (a == nullptr) return std::string();
  return literal_value(view, text, a->value_begin);
}

const scan::CallArg* positional(const CallArgs& args, size_t n) {
  for (const scan::CallArg& a : args.args)
    if (a.keyword.empty() && n-- == 0) return &a;
  return nullptr;
}

std::string last_component(std::string_view module) {
  size_t dot = module.find_last_of("./");
  std::string_view last = dot == std::string_view::npos ? module : module.substr(dot + 1);
  return std::string(last.substr(0, last.find('.')));
}

// ---------------------------------------------------------------------------
// Python

void python_imports(const scan::CodeView& view, FileRoutes& out) {
  static const Regex kFrom(R"((?m)^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\(?))");
  static const Regex kImportAs(R"((?m)^[ \t]*import[ \t]+([\w.]+)[ \t]+as[ \t]+(\w+))");
  static const Regex kItem(R"((\w+)(?:\s+as\s+(\w+))?)");
  std::string_view code = view.code;
  kFrom.for_each(code, [&](const Regex::Match& m) {
    std::string_view module = slice(code, m.begin(1), m.end(1));
    uint32_t end = m.has(2) && m.end(2) > m.begin(2) ? scan::matching_close(code, m.begin(2))
                                                     : uint32_t(std::min(code.find('\n', m.end()), code.size()));
    std::string_view list = slice(code, m.end(), std::min<uint32_t>(end, uint32_t(code.size())));
    bool relative_package = module.find_first_not_of('.') == std::string_view::npos;
    kItem.for_each(list, [&](const Regex::Match& item) {
      std::string name(slice(list, item.begin(1), item.end(1)));
      std::string alias = item.has(2) ? std::string(slice(list, item.begin(2), item.end(2))) : name;
      out.imports.push_back({alias, name, ""});  // a submodule
      if (!relative_package) out.imports.push_back({alias, last_component(module), name});  // an attribute
    });
  });
  kImportAs.for_each(code, [&](const Regex::Match& m) {
    out.imports.push_back({std::string(slice(code, m.begin(2), m.end(2))),
                           last_component(slice(code, m.begin(1), m.end(1))), ""});
  });
}

// Whether the decorated thing after `pos` is a class (Flask-RESTX resources,
// MethodView): its methods are the class's, so any method may be served.
bool decorates_class(std::string_view code, uint32_t pos) {
  for (int guard = 0; guard < 16; ++guard) {
    pos = scan::skip_space(code, pos);
    if (pos >= code.size() || code[pos] != '@') break;
    size_t nl = code.find('\n', pos);
    pos = nl == std::string_view::npos ? uint32_t(code.size()) : uint32_t(nl);
    // A decorator's arguments may span lines.
    for (uint32_t k = pos; k > 0 && code[k - 1] != '@'; --k)
      if (code[k - 1] == '(') {
        uint32_t close = scan::matching_close(code, k - 1);
        if (close > pos) pos = close + 1;
        break;
      }
  }
  return scan::starts_with_at(code, pos, "class ");
}

}  // namespace

void scan_python(const scan::CodeView& view, std::string_view text, FileRoutes& out) {
  std::string_view code = view.code;
  python_imports(view, out);
  bool fastapi = text.find("fastapi") != std::string_view::npos;

  static const Regex kCtor(
      R"((?m)^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?(Flask|FastAPI|Quart|APIRouter|Blueprint)[ \t]*\()");
  kCtor.for_each(code, [&](const Regex::Match& m) {
    std::string_view kind = slice(code, m.begin(2), m.end(2));
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    Router r{std::string(slice(code, m.begin(1), m.end(1)))};
    r.is_app = kind == "Flask" || kind == "FastAPI" || kind == "Quart";
    if (kind == "APIRouter") r.own_prefix = keyword_literal(view, text, args, "prefix");
    if (kind == "Blueprint") r.own_prefix = keyword_literal(view, text, args, "url_prefix");
    out.routers.push_back(std::move(r));
  });

  static const Regex kMount(R"(([A-Za-z_][\w.]*)\s*\.\s*(include_router|register_blueprint)\s*\()");
  kMount.for_each(code, [&](const Regex::Match& m) {
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    const scan::CallArg* child = positional(args, 0);
    if (child == nullptr || chain_arg(code, *child).empty()) return;
    bool flask = slice(code, m.begin(2), m.end(2)) == "register_blueprint";
    Mount mount{std::string(slice(code, m.begin(1), m.end(1))), std::string(chain_arg(code, *child))};
    mount.prefix = keyword_literal(view, text, args, flask ? "url_prefix" : "prefix");
    mount.replaces_own = flask;
    out.mounts.push_back(std::move(mount));
  });

  static const Regex kDecorator(
      R"(@\s*([A-Za-z_][\w.]*)\s*\.\s*(route|get|post|put|patch|delete|head|options|api_route)\s*\()");
  static const Regex kAddUrlRule(R"(([A-Za-z_][\w.]*)\s*\.\s*(add_url_rule)\s*\()");
  auto route = [&](const Regex::Match& m, bool decorator) {
    std::string_view verb = slice(code, m.begin(2), m.end(2));
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    const scan::CallArg* path_arg = positional(args, 0);
    if (path_arg == nullptr) path_arg = args.keyword(verb == "add_url_rule" || !fastapi ? "rule" : "path");
    if (path_arg == nullptr) return;
    auto path = scan::literal_arg(view, text, path_arg->value_begin);
    if (!path || (!path->value.empty() && path->value.front() != '/')) return;
    std::vector<std::string> methods;
    if (verb == "route" || verb == "api_route" || verb == "add_url_rule") {
      if (const scan::CallArg* list = args.keyword("methods")) {
        for (std::string& v : literals_in(view, text, list->value_begin, list->end)) methods.push_back(ascii_upper(v));
        if (methods.empty()) methods.push_back("*");  // a variable: unknown
      } else {
        methods.push_back("GET");
      }
      bool method_view = slice(code, m.begin(), args.close).find("as_view") != std::string_view::npos;
      if ((decorator && decorates_class(code, args.close + 1)) || method_view) methods = {"*"};
    } else {
      methods.push_back(ascii_upper(verb));
    }
    std::string_view receiver = slice(code, m.begin(1), m.end(1));
    // An empty path ("" under a router prefix) is pointed at with its quotes.
    uint32_t begin = path->value.empty() ? path->begin - 1 : path->begin;
    uint32_t end = path->value.empty() ? path->end + 1 : path->end;
    for (const std::string& method : methods) {
      if (method != "*" && !is_http_method(method)) continue;
      out.pending.push_back({std::string(receiver), make_route(method, std::string(path->value), begin, end,
                                                               fastapi ? "fastapi" : "flask")});
    }
  };
  kDecorator.for_each(code, [&](const Regex::Match& m) { route(m, true); });
  kAddUrlRule.for_each(code, [&](const Regex::Match& m) { route(m, false); });
}

// ---------------------------------------------------------------------------
// JavaScript / TypeScript

namespace {

void javascript_imports(const scan::CodeView& view, std::string_view text, FileRoutes& out) {
  static const Regex kRequire(R"(\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\()");
  static const Regex kDefaultImport(R"(\bimport\s+([\w$]+)\s*(?:,\s*\{[^}]*\}\s*)?from\s*)");
  static const Regex kNamedImport(R"(\bimport\s*\{([^}]*)\}\s*from\s*)");
  static const Regex kItem(R"(([\w$]+)(?:\s+as\s+([\w$]+))?)");
  std::string_view code = view.code;
  auto module_at = [&](uint32_t pos) -> std::optional<std::string> {
    auto lit = scan::literal_arg(view, text, pos);
    if (!lit || !lit->value.starts_with(".")) return std::nullopt;  // packages are not the app's files
    return last_component(lit->value.substr(lit->value.find_last_of('/') + 1));
  };
  kRequire.for_each(code, [&](const Regex::Match& m) {
    if (auto module = module_at(m.end())) out.imports.push_back({std::string(slice(code, m.begin(1), m.end(1))), *module, ""});
  });
  kDefaultImport.for_each(code, [&](const Regex::Match& m) {
    if (auto module = module_at(m.end())) out.imports.push_back({std::string(slice(code, m.begin(1), m.end(1))), *module, ""});
  });
  kNamedImport.for_each(code, [&](const Regex::Match& m) {
    auto module = module_at(m.end());
    if (!module) return;
    std::string_view list = slice(code, m.begin(1), m.end(1));
    kItem.for_each(list, [&](const Regex::Match& item) {
      std::string name(slice(list, item.begin(1), item.end(1)));
      std::string alias = item.has(2) ? std::string(slice(list, item.begin(2), item.end(2))) : name;
      out.imports.push_back({alias, *module, name});
    });
  });
}

// Receivers whose calls are taken for routes although the file does not
// create them (a router passed in, an app imported): conventional names only,
// so that an HTTP client (`axios.post('/api/x')`, `api.post(...)`) never is.
bool conventional_router_name(std::string_view name) {
  return name == "app" || name == "router" || name == "server" || name == "fastify" || name == "routes" ||
         name == "r" || name == "apiRouter";
}

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    size_t slash = path.find_first_of("/\\");
    if (slash != 0) out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// Next.js: app/**/route.ts exporting handlers named after methods, and
// pages/api/** whose default export answers every method.
void scan_nextjs(const scan::CodeView& view, std::string_view path, FileRoutes& out) {
  std::vector<std::string_view> seg = split_segments(path);
  if (seg.empty()) return;
  std::string_view name = seg.back();
  if (name.starts_with("next.config")) {
    out.next_base_path = view.code.find("basePath") != std::string_view::npos;
    return;
  }
  size_t root = seg.size() > 1 && seg[0] == "src" ? 1 : 0;
  if (seg.size() < root + 2) return;
  bool app_router = seg[root] == "app" && name.substr(0, name.find('.')) == "route";
  bool pages_api = seg[root] == "pages" && seg[root + 1] == "api";
  if (!app_router && !pages_api) return;
  std::string url;
  size_t last = app_router ? seg.size() - 1 : seg.size();
  for (size_t i = root + 1; i < last; ++i) {
    std::string_view s = seg[i];
    if (i + 1 == seg.size()) {  // pages/api/orders.ts, pages/api/orders/index.ts
      s = s.substr(0, s.find('.'));
      if (s == "index") continue;
    }
    if (s.starts_with("_")) return;  // private folders are not routed
    if (s.starts_with("(") && s.ends_with(")")) continue;  // route groups
    if (s.starts_with("@")) continue;                      // parallel-route slots
    url += '/';
    url += s;
  }
  if (url.empty()) url = "/";
  std::string_view code = view.code;
  if (pages_api) {
    size_t at = code.find("export default");
    if (at == std::string_view::npos) return;
    out.routes.push_back(make_route("*", url, uint32_t(at), uint32_t(at + 14), "nextjs"));
    return;
  }
  static const Regex kExport(
      R"(\bexport\s+(?:async\s+function\s+|function\s+|const\s+|let\s+|var\s+)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b)");
  static const Regex kExportList(R"(\bexport\s*\{([^}]*)\})");
  static const Regex kAsMethod(R"(\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*(?:,|$))");
  kExport.for_each(code, [&](const Regex::Match& m) {
    out.routes.push_back(make_route(std::string(slice(code, m.begin(1), m.end(1))), url, m.begin(1), m.end(1), "nextjs"));
  });
  kExportList.for_each(code, [&](const Regex::Match& m) {
    std::string_view list = slice(code, m.begin(1), m.end(1));
    uint32_t offset = m.begin(1);
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      std::string_view item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start + 1);
      kAsMethod.for_each(item, [&](const Regex::Match& a) {
        uint32_t g = a.has(1) ? 1 : 2;
        uint32_t b = offset + uint32_t(start) + a.begin(g);
        out.routes.push_back(make_route(std::string(slice(item, a.begin(g), a.end(g))), url, b,
                                        b + (a.end(g) - a.begin(g)), "nextjs"));
      });
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  });
}

void scan_nestjs(const scan::CodeView& view, std::string_view text, FileRoutes& out) {
  std::string_view code = view.code;
  static const Regex kGlobalPrefix(R"(\.\s*setGlobalPrefix\s*\()");
  kGlobalPrefix.for_each(code, [&](const Regex::Match& m) {
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    auto value = args.args.size() == 1 ? literal_value(view, text, args.args[0].begin) : std::nullopt;
    if (value) out.nest_global_prefix = *value;
    else out.nest_global_prefix_unknown = true;  // a variable, or `exclude` routes
  });
  if (code.find("@Controller") == std::string_view::npos) return;
  struct Controller {
    uint32_t at;
    std::optional<std::string> prefix;
  };
  std::vector<Controller> controllers;
  static const Regex kController(R"(@\s*Controller\s*\()");
  kController.for_each(code, [&](const Regex::Match& m) {
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    Controller c{m.begin(), std::string()};
    if (!args.args.empty()) {
      c.prefix = literal_value(view, text, args.args[0].begin);
      if (!c.prefix && code[args.args[0].begin] == '{') {
        // @Controller({ path: 'orders', host: ... }): a host makes it unknowable here
        std::string_view object = slice(code, args.args[0].begin, args.args[0].end);
        size_t key = object.find("path");
        if (key != std::string_view::npos && object.find("host") == std::string_view::npos) {
          size_t colon = object.find(':', key);
          if (colon != std::string_view::npos)
            c.prefix = literal_value(view, text, args.args[0].begin + uint32_t(colon) + 1);
        }
      }
    }
    controllers.push_back(c);
  });
  static const Regex kMethod(R"(@\s*(Get|Post|Put|Patch|Delete|Options|Head|All)\s*\()");
  kMethod.for_each(code, [&](const Regex::Match& m) {
    auto owner = std::ranges::find_if(controllers.rbegin(), controllers.rend(),
                                      [&](const Controller& c) { return c.at < m.begin(); });
    if (owner == controllers.rend()) return;
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    std::optional<std::string> path = std::string();
    uint32_t begin = m.begin(), end = m.end(1);
    if (!args.args.empty()) {
      auto lit = scan::literal_arg(view, text, args.args[0].begin);
      if (!lit) return;  // an array of paths or a constant
      path = std::string(lit->value);
      begin = lit->begin, end = lit->end;
    }
    std::string verb = ascii_upper(slice(code, m.begin(1), m.end(1)));
    std::string method = verb == "ALL" ? "*" : verb;
    bool known = owner->prefix.has_value();
    std::string full = join_path(known ? *owner->prefix : std::string(), *path);
    out.routes.push_back(make_route(method, full, begin, end, "nestjs", known));
  });
}

}  // namespace

void scan_javascript(const scan::CodeView& view, std::string_view text, std::string_view path, FileRoutes& out) {
  std::string_view code = view.code;
  scan_nextjs(view, path, out);
  scan_nestjs(view, text, out);
  javascript_imports(view, text, out);

  static const Regex kCtor(
      R"(\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*(?:new\s+)?(express\s*\.\s*Router|express|Router|Fastify|fastify|Hono)\s*\()");
  kCtor.for_each(code, [&](const Regex::Match& m) {
    std::string_view kind = slice(code, m.begin(2), m.end(2));
    Router r{std::string(slice(code, m.begin(1), m.end(1)))};
    r.is_app = kind == "express" || kind == "Fastify" || kind == "fastify" || kind == "Hono";
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    // new Router({ prefix: '/api' }) (koa-router): not read here
    if (!r.is_app && slice(code, m.end(), args.close).find("prefix") != std::string_view::npos) r.own_prefix = std::nullopt;
    out.routers.push_back(std::move(r));
  });
  // const fastify = require('fastify')({ logger: true })
  static const Regex kRequireCall(R"(\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\()");
  kRequireCall.for_each(code, [&](const Regex::Match& m) {
    auto lit = scan::literal_arg(view, text, m.end());
    if (!lit || lit->value != "fastify") return;
    uint32_t after = scan::skip_space(code, scan::skip_space(code, lit->after) + 1);
    if (after < code.size() && code[after] == '(') out.routers.push_back({std::string(slice(code, m.begin(1), m.end(1))), true});
  });
  // A Fastify plugin registered with a prefix adds it to the routes of a
  // parameter we cannot follow; a file that does it keeps its Fastify routes unknown.
  bool fastify_prefix_register =
      code.find(".register") != std::string_view::npos && code.find("prefix") != std::string_view::npos;

  static const Regex kUse(R"(([\w$][\w$.]*)\s*\.\s*(use|route)\s*\()");
  kUse.for_each(code, [&](const Regex::Match& m) {
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    if (args.args.empty()) return;
    bool route = slice(code, m.begin(2), m.end(2)) == "route";
    if (route && args.args.size() < 2) return;  // express router.route('/x'): a chain, below
    std::string parent(slice(code, m.begin(1), m.end(1)));
    auto first = scan::literal_arg(view, text, args.args[0].begin);
    std::optional<std::string> prefix = std::string();
    size_t from = 0;
    if (first) {
      prefix = std::string(first->value), from = 1;
    } else if (args.args.size() > 1) {
      prefix = std::nullopt;  // a path from a variable, or middleware before the router
    }
    for (size_t i = from; i < args.args.size(); ++i) {
      std::string_view child = chain_arg(code, args.args[i]);
      if (!child.empty()) out.mounts.push_back({parent, std::string(child), prefix, false});
    }
  });

  auto known_receiver = [&](std::string_view receiver) {
    std::string_view head = receiver.substr(0, receiver.find('.'));
    return std::ranges::any_of(out.routers, [&](const Router& r) { return r.name == receiver; }) ||
           std::ranges::any_of(out.imports, [&](const Import& i) { return i.alias == head; }) ||
           conventional_router_name(receiver);
  };
  auto add = [&](std::string_view receiver, std::string_view verb, const scan::LiteralArg& lit) {
    std::string method = verb == "all" ? "*" : ascii_upper(verb);
    HttpRoute r = make_route(method, std::string(lit.value), lit.begin, lit.end, "express");
    if (receiver == "fastify" || receiver == "server") r.framework = "fastify";
    if (r.framework == "fastify" && fastify_prefix_register) {
      r.prefix_known = false;
      out.routes.push_back(std::move(r));
      return;
    }
    out.pending.push_back({std::string(receiver), std::move(r)});
  };
  static const Regex kRoute(R"(([\w$][\w$.]*)\s*\.\s*(get|post|put|patch|delete|head|options|all)\s*\()");
  kRoute.for_each(code, [&](const Regex::Match& m) {
    std::string_view receiver = slice(code, m.begin(1), m.end(1));
    if (!known_receiver(receiver)) return;
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    if (args.args.size() < 2) return;  // a route has a handler; a Map/client `get(key)` does not
    auto lit = scan::literal_arg(view, text, args.args[0].begin);
    if (!lit || !(lit->value.starts_with("/") || lit->value == "*")) return;
    add(receiver, slice(code, m.begin(2), m.end(2)), *lit);
  });
  // router.route('/orders').get(list).post(create)
  static const Regex kChainStart(R"(([\w$][\w$.]*)\s*\.\s*route\s*\()");
  static const Regex kChainLink(R"(^\s*\.\s*(get|post|put|patch|delete|head|options|all)\s*\()");
  kChainStart.for_each(code, [&](const Regex::Match& m) {
    std::string_view receiver = slice(code, m.begin(1), m.end(1));
    CallArgs args = scan::split_call_args(code, m.end() - 1);
    if (args.args.size() != 1 || !known_receiver(receiver)) return;
    auto lit = scan::literal_arg(view, text, args.args[0].begin);
    if (!lit || !lit->value.starts_with("/")) return;
    uint32_t pos = args.close + 1;
    for (int guard = 0; guard < 16 && pos < code.size(); ++guard) {
      bool linked = false;
      kChainLink.for_each(code.substr(pos, 200), [&](const Regex::Match& link) {
        if (linked) return;
        linked = true;
        add(receiver, slice(code.substr(pos), link.begin(1), link.end(1)), *lit);
        pos = scan::split_call_args(code, pos + link.end() - 1).close + 1;
      });
      if (!linked) break;
    }
  });
}

}  // namespace ecslint::contracts::routes

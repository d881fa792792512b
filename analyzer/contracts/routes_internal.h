// Internals of the route scanners (not a public header): what one file says
// about routes before prefixes are resolved across the app's files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/contracts/routes.h"
#include "analyzer/contracts/scan_support.h"
#include "analyzer/text.h"

namespace ecslint::contracts::routes {

// A router object a file creates: the application itself (no prefix) or a
// router/blueprint whose own prefix is added when it is mounted.
struct Router {
  std::string name;
  bool is_app = false;
  std::optional<std::string> own_prefix = std::string();  // nullopt: written, but not a literal
};

// `parent.include_router(child, prefix=...)`, `parent.use('/p', child)`.
struct Mount {
  std::string parent;  // expression as written: "app", "api_router"
  std::string child;   // "router", "auth.router", "orders"
  std::optional<std::string> prefix = std::string();  // nullopt: not a literal
  bool replaces_own = false;  // Flask: register_blueprint(url_prefix=) overrides the blueprint's
};

// `from .routers import auth` (alias auth, module auth), `from x.auth import
// router as auth_router` (alias auth_router, module auth, attribute router),
// `const orders = require('./routes/orders')` (alias orders, module orders).
struct Import {
  std::string alias;
  std::string module;     // the last component of the module path
  std::string attribute;  // empty: the module itself (or its default export)
};

// A route written on a receiver whose prefix the app-level pass resolves.
struct PendingRoute {
  std::string receiver;
  HttpRoute route;  // route.path is the path relative to the receiver
};

struct FileRoutes {
  std::string stem;  // file name without extension: what imports name
  SourceLanguage language = SourceLanguage::Unknown;
  std::vector<Router> routers;
  std::vector<Mount> mounts;
  std::vector<Import> imports;
  std::vector<PendingRoute> pending;
  std::vector<HttpRoute> routes;  // prefix settled in the file (or known to be unknown)
  // App-wide settings some frameworks keep in one place.
  std::optional<std::string> nest_global_prefix;  // app.setGlobalPrefix('api')
  bool nest_global_prefix_unknown = false;
  bool spring_context_path = false;  // server.servlet.context-path / spring.mvc.servlet.path
  bool next_base_path = false;       // next.config.* basePath
};

FileRoutes scan_file(SourceLanguage lang, std::string_view path, std::string_view text);

// Joins a prefix and a path with exactly one slash between them; the result
// starts with '/'.
std::string join_path(std::string_view prefix, std::string_view path);

void scan_python(const scan::CodeView& view, std::string_view text, FileRoutes& out);
void scan_javascript(const scan::CodeView& view, std::string_view text, std::string_view path, FileRoutes& out);
void scan_go(const scan::CodeView& view, std::string_view text, FileRoutes& out);
void scan_spring(const scan::CodeView& view, std::string_view text, FileRoutes& out);
void scan_rails(const scan::CodeView& view, std::string_view text, FileRoutes& out);

// Helpers shared by the scanners.
std::string_view slice(std::string_view s, uint32_t b, uint32_t e);
// The identifier chain ("a.b.c") that ends at `end` in the code view.
std::string_view chain_before(std::string_view code, uint32_t end);
// An argument that is an identifier chain and nothing else, or empty.
std::string_view chain_arg(std::string_view code, const scan::CallArg& arg);
// Literal string values in [begin, end) of the code (lists like ["POST", "PUT"]).
std::vector<std::string> literals_in(const scan::CodeView& view, std::string_view text, uint32_t begin,
                                     uint32_t end);
bool is_http_method(std::string_view upper);
HttpRoute make_route(std::string method, std::string path, uint32_t begin, uint32_t end, std::string_view framework,
                     bool prefix_known = true);

}  // namespace ecslint::contracts::routes

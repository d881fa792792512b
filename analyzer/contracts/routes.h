// HTTP routes an application defines: method, path and where.
//
// cloudfront-api-methods compares them with what a CloudFront behaviour lets
// through. Like the env scanners, these work on the code view (comments and
// string contents blanked) so a route in a comment or a docstring does not
// count, and read paths back from the string literals.
//
// Frameworks: Flask and FastAPI (routers, blueprints, include_router /
// register_blueprint prefixes), Express, Fastify, NestJS, Next.js (app/ and
// pages/ API routes), Go net/http (1.22 "POST /x" patterns), gin, echo, chi,
// gorilla/mux, Spring (Java and Kotlin), Rails config/routes.rb.
//
// A prefix is resolved only where the code shows it: a router created and
// mounted in the same file, or mounted in another file of the app that
// imports it by name (`from .routers import auth` + `auth.router`,
// `require('./routes/orders')`). Anything else keeps `prefix_known = false`,
// and a consumer must not conclude from such a route alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/contracts/env_scan.h"
#include "grammar/source.h"

namespace ecslint::contracts {

struct App;

struct HttpRoute {
  std::string method;  // GET POST PUT PATCH DELETE HEAD OPTIONS; "*" = any method
  std::string path;    // the full path as far as known: "/api/orders/{id}", "/api/orders/:id"
  bool prefix_known = true;  // false: the router is mounted under a prefix we cannot see
  const SourceFile* file = nullptr;  // null when scanned from a bare text
  Range range;                       // the path literal, or the construct that implies the path
  uint32_t line = 0, column = 0;     // 1-based; the column counts code points
  std::string_view framework;        // "flask", "fastapi", "express"...: a static string

  bool any_method() const { return method == "*"; }
};

// The routes of one file. `path` is the file's path (its directory part
// matters for Next.js app/ and pages/ routes); routes mounted from another
// file come out with prefix_known = false here, since only an App shows the
// other files.
std::vector<HttpRoute> scan_file_routes(SourceLanguage lang, std::string_view path, std::string_view text);

// The routes of all of an app's sources, prefixes resolved across its files,
// sorted by file and position.
std::vector<HttpRoute> scan_routes(const App& app);

// Whether a path segment is a parameter in one of the supported syntaxes:
// {id}, <int:id>, :id, *, *rest, [id], [...slug].
bool is_path_parameter(std::string_view segment);

}  // namespace ecslint::contracts

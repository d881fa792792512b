#include "analyzer/contracts/routes.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "analyzer/contracts/apps.h"

namespace ecslint::contracts {
namespace {

// "POST /api/orders" per route; "?" marks an unknown prefix, "@line" the line.
std::vector<std::string> show(const std::vector<HttpRoute>& routes, bool lines = false) {
  std::vector<std::string> out;
  for (const HttpRoute& r : routes) {
    std::string s = fmt::format("{} {}{}", r.method, r.path, r.prefix_known ? "" : " ?");
    if (lines) s += fmt::format(" @{}:{}", r.line, r.column);
    out.push_back(s);
  }
  return out;
}

using Strings = std::vector<std::string>;

std::vector<HttpRoute> scan(SourceLanguage lang, std::string_view text, std::string_view path = "main") {
  return scan_file_routes(lang, path, text);
}

App app_of(std::vector<std::pair<std::string, std::string>> files) {
  App app;
  app.name = "api";
  for (auto& [path, text] : files) {
    ScannedSource& src = app.sources.emplace_back();
    src.file = std::make_unique<SourceFile>(path, text);
    src.language = language_for_path(path);
  }
  return app;
}

TEST(Routes, FlaskRoutesWithMethodsAndBlueprintPrefix) {
  auto routes = scan(SourceLanguage::Python, R"~(from flask import Flask, Blueprint
app = Flask(__name__)
bp = Blueprint("orders", __name__, url_prefix="/orders")

@app.route("/health")
def health(): ...

@bp.route("/", methods=["POST", "put"])
def create(): ...

@bp.delete("/<int:order_id>")
def delete(order_id): ...

# @app.post("/commented-out")
"""@app.post("/in-a-docstring")"""
app.register_blueprint(bp, url_prefix="/api/orders")
)~");
  EXPECT_EQ(show(routes, true), (Strings{"GET /health @5:13", "POST /api/orders/ @8:12", "PUT /api/orders/ @8:12",
                                         "DELETE /api/orders/<int:order_id> @11:13"}));
}

TEST(Routes, FlaskBlueprintNotMountedHasUnknownPrefix) {
  auto routes = scan(SourceLanguage::Python, R"~(from flask import Blueprint
bp = Blueprint("orders", __name__)
@bp.post("/orders")
def create(): ...
)~");
  EXPECT_EQ(show(routes), (Strings{"POST /orders ?"}));
}

TEST(Routes, FlaskClassBasedResourceServesAnyMethod) {
  auto routes = scan(SourceLanguage::Python, R"~(from flask import Flask
app = Flask(__name__)
@app.route("/items")
@login_required
class Items(Resource):
    def post(self): ...
app.add_url_rule("/things", view_func=Things.as_view("things"))
)~");
  EXPECT_EQ(show(routes), (Strings{"* /items", "* /things"}));
}

TEST(Routes, FastApiRouterPrefixesInOneFile) {
  auto routes = scan(SourceLanguage::Python, R"~(from fastapi import FastAPI, APIRouter
app = FastAPI()
router = APIRouter(prefix="/orders", tags=["orders"])
admin: APIRouter = APIRouter()

@router.post("")
async def create(): ...

@router.get("/{order_id}")
async def read(order_id: int): ...

@admin.api_route("/reindex", methods=["POST"])
async def reindex(): ...

@app.get(f"/{VERSION}/x")
async def computed(): ...

app.include_router(router, prefix="/api")
app.include_router(admin, prefix=settings.ADMIN_PREFIX)
)~");
  EXPECT_EQ(show(routes), (Strings{"POST /api/orders", "GET /api/orders/{order_id}", "POST /reindex ?"}));
}

TEST(Routes, FastApiRouterMountedFromAnotherFile) {
  App app = app_of({
      {"app/main.py", R"~(from fastapi import FastAPI
from app.routers import auth, health
from app.routers.orders import router as orders_router
app = FastAPI()
app.include_router(auth.router, prefix="/api")
app.include_router(orders_router)
)~"},
      {"app/routers/auth.py", R"~(from fastapi import APIRouter
router = APIRouter(prefix="/auth")
@router.post("/login")
async def login(): ...
)~"},
      {"app/routers/orders.py", R"~(from fastapi import APIRouter
router = APIRouter(prefix="/api/orders")
@router.delete("/{id}")
async def remove(id: int): ...
)~"},
      {"app/routers/health.py", R"~(from fastapi import APIRouter
router = APIRouter()
@router.get("/health")
async def health(): ...
)~"},
  });
  EXPECT_EQ(show(scan_routes(app), true),
            (Strings{"POST /api/auth/login @3:15", "DELETE /api/orders/{id} @3:17", "GET /health ? @3:14"}));
  EXPECT_EQ(scan_routes(app).front().file->path(), "app/routers/auth.py");
}

TEST(Routes, ExpressRoutersAndMounts) {
  auto routes = scan(SourceLanguage::JavaScript, R"~(const express = require('express');
const app = express();
const api = express.Router();
api.post('/orders', createOrder);
api.route('/orders/:id').get(show).put(update).delete(remove);
app.get('/health', (req, res) => res.send('ok'));
app.use('/api', api);
axios.post('/api/orders', body);     // a client call, not a route
const v = cache.get('/key', 1);
// app.delete('/commented', h);
)~");
  EXPECT_EQ(show(routes), (Strings{"POST /api/orders", "GET /api/orders/:id", "PUT /api/orders/:id",
                                   "DELETE /api/orders/:id", "GET /health"}));
}

TEST(Routes, ExpressRouterInAnotherFile) {
  App app = app_of({
      {"src/server.ts", R"~(import express from 'express';
import orders from './routes/orders';
const app = express();
app.use('/api/orders', orders);
)~"},
      {"src/routes/orders.ts", R"~(import { Router } from 'express';
const router = Router();
router.post('/', create);
router.patch('/:id', update);
export default router;
)~"},
      {"src/routes/users.ts", R"~(import { Router } from 'express';
const router = Router();
router.post('/', create);
export default router;
)~"},
  });
  EXPECT_EQ(show(scan_routes(app)), (Strings{"POST /api/orders/", "PATCH /api/orders/:id", "POST / ?"}));
}

TEST(Routes, FastifyAndNestJs) {
  auto fastify = scan(SourceLanguage::JavaScript, R"~(const fastify = require('fastify')({ logger: true });
fastify.post('/api/items', async (req) => ({}));
)~");
  EXPECT_EQ(show(fastify), (Strings{"POST /api/items"}));

  App app = app_of({
      {"src/main.ts", R"~(const app = await NestFactory.create(AppModule);
app.setGlobalPrefix('api');
)~"},
      {"src/orders.controller.ts", R"~(@Controller('orders')
export class OrdersController {
  @Get()
  list() {}
  @Post(':id/cancel')
  cancel() {}
}
@Controller({ path: 'admin', host: 'admin.example.com' })
export class AdminController {
  @Delete('cache')
  clear() {}
}
)~"},
  });
  EXPECT_EQ(show(scan_routes(app)), (Strings{"GET /api/orders", "POST /api/orders/:id/cancel", "DELETE /api/cache ?"}));
}

TEST(Routes, NextJsRouteHandlersAndApiPages) {
  EXPECT_EQ(show(scan(SourceLanguage::TypeScript, R"~(export async function GET() {}
export const POST = async (req: Request) => {};
const handler = () => {};
export { handler as DELETE };
)~", "src/app/(shop)/api/orders/[id]/route.ts")),
            (Strings{"GET /api/orders/[id]", "POST /api/orders/[id]", "DELETE /api/orders/[id]"}));
  EXPECT_EQ(show(scan(SourceLanguage::TypeScript, "export default function handler(req, res) {}\n",
                      "pages/api/orders/index.ts")),
            (Strings{"* /api/orders"}));
  EXPECT_TRUE(scan(SourceLanguage::TypeScript, "export async function POST() {}\n", "lib/route.ts").empty());

  App app = app_of({{"next.config.js", "module.exports = { basePath: '/shop' };\n"},
                    {"app/api/cart/route.ts", "export async function POST() {}\n"}});
  EXPECT_EQ(show(scan_routes(app)), (Strings{"POST /api/cart ?"}));
}

TEST(Routes, GoGinGroupsChiRoutesAndNetHttp) {
  auto gin = scan(SourceLanguage::Go, R"~(package main
func main() {
	r := gin.Default()
	api := r.Group("/api")
	v1 := api.Group("/v1")
	v1.POST("/orders", create)
	r.GET("/health", health)
	r.Any("/proxy", proxy)
	c.Get("key")            // a context read, not a route
	// r.DELETE("/commented", h)
}
func register(g *gin.RouterGroup) { g.PUT("/items/:id", update) }
)~");
  EXPECT_EQ(show(gin), (Strings{"POST /api/v1/orders", "GET /health", "* /proxy", "PUT /items/:id ?"}));

  auto chi = scan(SourceLanguage::Go, R"~(package main
func routes() {
	r := chi.NewRouter()
	r.Route("/api", func(r chi.Router) {
		r.Post("/orders", create)
		r.Method("DELETE", "/orders/{id}", remove)
	})
	r.Get("/", index)
}
)~");
  EXPECT_EQ(show(chi), (Strings{"POST /api/orders", "DELETE /api/orders/{id}", "GET /"}));

  auto nethttp = scan(SourceLanguage::Go, R"~(package main
func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/orders", create)
	mux.HandleFunc("/api/legacy", legacy)
	http.HandleFunc("GET example.com/status", status)
	e := echo.New()
	e.DELETE("/api/items/:id", remove)
	m := mux.NewRouter()
	m.HandleFunc("/api/things", things).Methods("POST", "PUT")
}
)~");
  // Three roots in one file: which one serves is not clear, except the package mux.
  EXPECT_EQ(show(nethttp), (Strings{"POST /api/orders ?", "* /api/legacy ?", "GET /status", "DELETE /api/items/:id ?",
                                    "POST /api/things ?", "PUT /api/things ?"}));
}

TEST(Routes, SpringClassAndMethodMappings) {
  auto java = scan(SourceLanguage::Java, R"~(package x;
@RestController
@RequestMapping("/api/orders")
public class OrderController {
  @GetMapping
  public List<Order> list() { return null; }
  @PostMapping(value = "/{id}/cancel")
  public void cancel() {}
  @RequestMapping(value = "/bulk", method = {RequestMethod.PUT, RequestMethod.DELETE})
  public void bulk() {}
  @RequestMapping("/any")
  public void any() {}
  // @DeleteMapping("/commented")
}
)~");
  EXPECT_EQ(show(java), (Strings{"GET /api/orders", "POST /api/orders/{id}/cancel", "PUT /api/orders/bulk",
                                 "DELETE /api/orders/bulk", "* /api/orders/any"}));

  auto kotlin = scan(SourceLanguage::Kotlin, R"~(@RestController
@RequestMapping(path = ["\${api.prefix}/items"])
class ItemController(private val svc: Svc) {
    @PatchMapping("/{id}")
    fun patch() {}
}
)~");
  EXPECT_EQ(show(kotlin), (Strings{"PATCH /{id} ?"}));

  App app = app_of({{"src/main/resources/application.yml", "server:\n  servlet:\n    context-path: /shop\n"},
                    {"src/main/java/A.java", "@RestController class A { @PostMapping(\"/a\") void a() {} }\n"}});
  EXPECT_EQ(show(scan_routes(app)), (Strings{"POST /a ?"}));
}

TEST(Routes, RailsResourcesNamespacesAndVerbs) {
  auto routes = scan(SourceLanguage::Ruby, R"~(Rails.application.routes.draw do
  # post '/commented'
  namespace :api do
    resources :orders, only: [:index, :create, :destroy] do
      member do
        post :cancel
      end
    end
    resource :profile, except: %i[destroy]
    post 'login', to: 'sessions#create'
  end
  match '/hook', to: 'hooks#run', via: [:post, :put]
  concern :commentable do
    resources :comments
  end
end
)~", "config/routes.rb");
  EXPECT_EQ(show(routes), (Strings{"POST /api/orders", "DELETE /api/orders/:id", "POST /api/orders/:id/cancel",
                                   "POST /api/profile", "PUT /api/profile", "PATCH /api/profile", "POST /api/login",
                                   "POST /hook", "PUT /hook", "POST / ?", "PUT / ?", "PATCH / ?", "DELETE / ?"}));
  EXPECT_TRUE(scan(SourceLanguage::Ruby, "post '/x' do\nend\n", "app/sinatra.rb").empty());
}

TEST(Routes, PathParameters) {
  EXPECT_TRUE(is_path_parameter("{id}"));
  EXPECT_TRUE(is_path_parameter(":id"));
  EXPECT_TRUE(is_path_parameter("<int:id>"));
  EXPECT_TRUE(is_path_parameter("[slug]"));
  EXPECT_TRUE(is_path_parameter("*rest"));
  EXPECT_FALSE(is_path_parameter("orders"));
}

}  // namespace
}  // namespace ecslint::contracts

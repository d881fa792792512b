#include "rules/env/env_contract.h"

#include <algorithm>
#include <array>
#include <span>
#include <fmt/format.h>

#include "analyzer/text.h"

namespace ecslint::rules::env {

using eval::Value;

namespace {

std::vector<std::string_view> tokens(std::string_view name) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '_' || name[i] == '-' || name[i] == '.') {
      if (i > start) out.push_back(name.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

constexpr std::array<std::array<std::string_view, 10>, 5> kSynonyms = {{
    {"DATABASE", "DB", "POSTGRES", "POSTGRESQL", "PG", "PSQL", "MYSQL", "MARIADB", "RDS", "SQL"},
    {"REDIS", "CACHE", "ELASTICACHE", "VALKEY", "MEMCACHED"},
    {"MONGO", "MONGODB", "DOCUMENTDB"},
    {"RABBIT", "RABBITMQ", "AMQP", "BROKER", "MQ", "CELERY"},
    {"ELASTIC", "ELASTICSEARCH", "OPENSEARCH", "ES", "SEARCH"},
}};

int synonym_group(std::string_view token) {
  for (size_t g = 0; g < kSynonyms.size(); ++g)
    for (std::string_view s : kSynonyms[g])
      if (!s.empty() && s == token) return static_cast<int>(g);
  return -1;
}

bool tokens_related(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t shorter = std::min(a.size(), b.size());
  if (shorter >= 4 && (a.starts_with(b) || b.starts_with(a))) return true;
  int ga = synonym_group(a), gb = synonym_group(b);
  if (ga >= 0 && ga == gb) return true;
  return shorter >= 5 && levenshtein(a, b) <= 1;
}

constexpr std::string_view kUrlSuffixes[] = {"URL", "URI", "DSN", "ENDPOINT", "ADDR", "ADDRESS", "CONNECTION", "CONNSTR"};
constexpr std::string_view kPartSuffixes[] = {"HOST", "HOSTNAME", "PORT",   "USER",     "USERNAME", "PASSWORD", "PASS",
                                              "PASSWD", "PWD",  "DB",     "DBNAME",   "DATABASE", "SERVER",   "SCHEME",
                                              "PROTOCOL", "NAME"};

bool in(std::string_view t, std::span<const std::string_view> list) { return std::ranges::find(list, t) != list.end(); }

// Stem of a name ending in one of `suffixes` (tokens before it, upper case),
// or nullopt. CONNECTION_STRING counts as one suffix.
std::optional<std::vector<std::string>> stem(std::string_view name, std::span<const std::string_view> suffixes) {
  std::vector<std::string> t;
  for (std::string_view s : tokens(name)) t.push_back(ascii_upper(s));
  if (t.size() >= 3 && t[t.size() - 2] == "CONNECTION" && t.back() == "STRING") t.pop_back();
  if (t.size() < 2 || !in(t.back(), suffixes)) return std::nullopt;
  t.pop_back();
  return t;
}

bool stems_related(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  std::string ja, jb;
  for (auto& s : a) ja += s;
  for (auto& s : b) jb += s;
  if (tokens_related(ja, jb)) return true;
  return tokens_related(a.back(), b.back());
}

constexpr std::string_view kGeneric[] = {
    "URL",  "URI",    "HOST",    "HOSTNAME", "PORT",   "KEY",     "API",   "ID",      "NAME",   "PATH",   "DIR",
    "FILE", "MODE",   "LEVEL",   "ENABLED",  "ENABLE", "DISABLE", "TOKEN", "SECRET",  "ENV",    "APP",    "SERVICE",
    "DEFAULT", "MAX", "MIN",     "TIMEOUT",  "SIZE",   "USER",    "PASSWORD", "BASE", "ENDPOINT", "ADDR", "ADDRESS",
    "CONFIG", "LOG",  "DEBUG",   "PUBLIC",   "PRIVATE", "ACCESS", "AUTH",  "CLIENT",  "SERVER", "TYPE",   "NUM",
    "COUNT", "TTL",   "INTERVAL", "REGION",  "BUCKET", "ARN",     "S3",    "HTTP",    "HTTPS",  "V1",     "V2"};

}  // namespace

const SetVariable* ContainerContract::find(std::string_view variable) const {
  for (const SetVariable& s : set)
    if (s.name == variable) return &s;
  return nullptr;
}

bool app_has_code(const contracts::App* app) { return app && app->has_code; }

bool is_runtime_consumed(std::string_view name) {
  static constexpr std::string_view kPrefixes[] = {
      "AWS_",       "OTEL_",      "DD_",        "NEW_RELIC_", "NEWRELIC_",  "SENTRY_",    "PYTHON",    "NODE_",
      "NPM_",       "YARN_",      "JAVA_",      "JDK_",       "JVM_",       "SPRING_",    "GUNICORN_", "UVICORN_",
      "HYPERCORN_", "UWSGI_",     "PUMA_",      "RAILS_",     "RACK_",      "BUNDLE_",    "GEM_",      "DOTNET_",
      "ASPNETCORE_", "LANGCHAIN_", "LANGSMITH_", "HF_",       "HUGGINGFACE_", "TRANSFORMERS_", "OPENAI_", "ANTHROPIC_",
      "ECS_",       "FLASK_",     "DJANGO_",    "CELERY_",    "LD_",        "MALLOC_",    "GRPC_",     "SSL_",
      "REQUESTS_",  "CURL_",      "GOOGLE_",    "AZURE_",     "PIP_",       "POETRY_",    "UV_",       "CONDA_",
      "PLAYWRIGHT_", "PUPPETEER_", "CHROME_",   "NEXT_",      "VITE_",      "REACT_APP_", "GIN_",      "MIX_",
      "ERL_",       "ELIXIR_",    "RUST_",      "CARGO_",     "MPLCONFIG",  "NLTK_",      "TORCH_",    "CUDA_",
      "OMP_",       "MKL_",       "TF_",        "GEMINI_",    "MISTRAL_",   "GROQ_",      "COHERE_",   "DOCKER_",
      "NVIDIA_",    "FIRELENS_",  "FLUENT_",    "LOKI_",      "PROMETHEUS_", "XDG_"};
  static constexpr std::string_view kExact[] = {
      "TZ",          "LANG",        "LC_ALL",     "LANGUAGE",   "PORT",        "WEB_CONCURRENCY", "HTTP_PROXY",
      "HTTPS_PROXY", "NO_PROXY",    "http_proxy", "https_proxy", "no_proxy",   "GOMAXPROCS",      "GOMEMLIMIT",
      "GOGC",        "GODEBUG",     "PGHOST",     "PGPORT",     "PGUSER",      "PGPASSWORD",      "PGDATABASE",
      "PGSSLMODE",   "PGAPPNAME",   "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "DEBIAN_FRONTEND", "TERM", "HOME",
      "PATH",        "UMASK",       "MALLOC_ARENA_MAX", "ENV",      "HOSTNAME"};
  for (std::string_view p : kPrefixes)
    if (name.starts_with(p)) return true;
  return std::ranges::find(kExact, name) != std::end(kExact);
}

bool is_url_name(std::string_view name) { return stem(name, kUrlSuffixes).has_value(); }

bool is_database_like(std::string_view name) {
  for (std::string_view t : tokens(name))
    if (synonym_group(ascii_upper(t)) == 0) return true;
  return false;
}

std::vector<const SetVariable*> url_parts(std::string_view url_name, const std::vector<const SetVariable*>& candidates) {
  std::vector<const SetVariable*> out;
  auto url_stem = stem(url_name, kUrlSuffixes);
  if (!url_stem) return out;
  for (const SetVariable* s : candidates) {
    auto part_stem = stem(s->name, kPartSuffixes);
    if (part_stem && stems_related(*url_stem, *part_stem)) out.push_back(s);
  }
  return out;
}

double name_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1;
  std::string ua = ascii_upper(a), ub = ascii_upper(b);
  size_t shorter = std::min(ua.size(), ub.size());
  size_t d = levenshtein(ua, ub);
  if (shorter >= 6 && d <= 2) return 0.9 - 0.1 * static_cast<double>(d);
  auto url_a = stem(ua, kUrlSuffixes), url_b = stem(ub, kUrlSuffixes);
  auto part_a = stem(ua, kPartSuffixes), part_b = stem(ub, kPartSuffixes);
  if ((url_a && part_b && stems_related(*url_a, *part_b)) || (url_b && part_a && stems_related(*url_b, *part_a)))
    return 0.8;
  if (url_a && url_b && stems_related(*url_a, *url_b)) return 0.75;
  auto ta = tokens(ua), tb = tokens(ub);
  size_t shared = 0;
  for (std::string_view x : ta) {
    if (in(x, kGeneric)) continue;
    for (std::string_view y : tb)
      if (!in(y, kGeneric) && tokens_related(x, y)) {
        ++shared;
        break;
      }
  }
  if (shared == 0) return 0;
  return 0.4 + 0.4 * static_cast<double>(shared) / static_cast<double>(std::max(ta.size(), tb.size()));
}

std::string site(const contracts::VariableRead& read) {
  return fmt::format("{}:{}", read.file ? read.file->path() : "?", read.line);
}

std::optional<std::string> known_prefix(const Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.pieces().empty()) return std::nullopt;
  std::string out;
  for (const eval::StringPiece& p : value.pieces()) out += p.unknown ? std::string("\x01") : p.text;
  return out;
}

std::optional<ParsedUrl> parse_url(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == text.npos || sep == 0) return std::nullopt;
  ParsedUrl url;
  for (char c : text.substr(0, sep)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') return std::nullopt;
    url.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::string_view rest = text.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != authority.npos) authority = authority.substr(at + 1);
  std::string_view host, port;
  bool has_port = false;
  if (authority.starts_with('[')) {
    size_t close = authority.find(']');
    if (close == authority.npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      has_port = true;
      port = authority.substr(close + 2);
    }
  } else {
    size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != authority.npos) {
      has_port = true;
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty() || host.find('\x01') != host.npos) return std::nullopt;
  for (char c : host) url.host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (has_port) {
    if (port.empty() || port.size() > 5 || !std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; }))
      return url;  // unknown or odd port: nullopt
    url.port = std::stoi(std::string(port));
  } else {
    static constexpr std::pair<std::string_view, int> kDefaults[] = {
        {"http", 80},        {"https", 443},  {"ws", 80},        {"wss", 443},         {"redis", 6379},
        {"rediss", 6379},    {"postgres", 5432}, {"postgresql", 5432}, {"mysql", 3306}, {"mongodb", 27017},
        {"amqp", 5672},      {"amqps", 5671}, {"nats", 4222},    {"postgresql+asyncpg", 5432}, {"postgresql+psycopg", 5432}};
    for (auto [scheme, p] : kDefaults)
      if (url.scheme == scheme) url.port = p;
  }
  return url;
}

std::vector<ContainerContract> container_contracts(const Model& model, Containers which) {
  std::vector<ContainerContract> out;
  const contracts::ContractModel& apps = model.contracts();
  for (const model::TaskDefinition& td : model.task_definitions()) {
    for (const model::Container& c : td.containers) {
      if (!c.name.is_string()) continue;
      const contracts::App* app = apps.app_for_container(c.name.as_string(), contracts::container_file(td, c));
      if (which == Containers::WithCode && !app_has_code(app)) continue;
      ContainerContract cc;
      cc.task = &td;
      cc.container = &c;
      cc.name = c.name.as_string();
      cc.app = app;
      cc.set_complete = c.environment_known && c.secrets_known;
      for (const model::EnvVar& e : c.environment) {
        if (!e.name.is_string()) {
          cc.set_complete = false;
          continue;
        }
        cc.set.push_back({e.name.as_string(), "environment", e.name.origin().known() ? e.name.origin() : e.origin, &e.value});
      }
      for (const model::SecretVar& s : c.secrets) {
        if (!s.name.is_string()) {
          cc.set_complete = false;
          continue;
        }
        cc.set.push_back({s.name.as_string(), "secrets", s.name.origin().known() ? s.name.origin() : s.origin, nullptr});
      }
      cc.anchor = {c.origin.file, c.origin.range};
      if (c.raw.is_object()) {
        for (const eval::Member& m : c.raw.members()) {
          std::string_view key = m.key;  // compared by length first, unlike a std::string with a C string
          if (key == "environmentFiles" && !m.value.is_null() && !(m.value.is_tuple() && m.value.items().empty()))
            cc.set_complete = false;
          if (key == "environment" && m.key_origin.known()) cc.anchor = {m.key_origin.file, m.key_origin.range};
          if ((key == "command" || key == "entryPoint") && m.value.is_tuple())
            for (const Value& v : m.value.items())
              if (v.is_string()) cc.command_text += v.as_string() + " ";
        }
      } else if (!c.raw.is_known()) {
        cc.set_complete = false;
      }
      out.push_back(std::move(cc));
    }
  }
  return out;
}

}  // namespace ecslint::rules::env

#include "rules/dashboard/dashboard_body.h"

#include "analyzer/eval/evaluator.h"
#include "grammar/syntax.h"

namespace ecslint::rules::dashboard {

using eval::Value;

namespace {

// Stands for an unknown piece of a partially known body while it is parsed.
constexpr std::string_view kMarker = "__ecslint_unknown_piece__";

// Strings that contain the marker become Unknown.
Value unmark(const Value& v) {
  if (v.is_string()) {
    return v.as_string().find(kMarker) == std::string::npos ? v : Value::unknown(v.origin());
  }
  if (v.is_tuple()) {
    std::vector<Value> items;
    for (const Value& item : v.items()) items.push_back(unmark(item));
    return Value::tuple(std::move(items), v.origin());
  }
  if (v.is_object()) {
    std::vector<eval::Member> members;
    for (const eval::Member& m : v.members()) {
      // A key built from an unknown piece: which members the object has is not known.
      if (m.key.view().find(kMarker) != std::string_view::npos) return Value::unknown(v.origin());
      members.push_back({m.key, unmark(m.value), m.key_origin});
    }
    return Value::object(std::move(members), v.origin());
  }
  return v;
}

// Where `text` sits in the file its string came from, when written there
// verbatim (a heredoc without interpolation, a file() result).
std::pair<const SourceFile*, uint32_t> locate(const Value& s, const std::string& text) {
  const eval::Origin& o = s.origin();
  if (!o.known() || text.empty()) return {nullptr, 0};
  std::string_view written = o.file->slice(o.range);
  size_t at = written.find(text);
  if (at == std::string_view::npos || written.find(text, at + 1) != std::string_view::npos) return {nullptr, 0};
  return {o.file, o.range.begin + uint32_t(at)};
}

}  // namespace

Location location_of(const Value& v, Location fallback) {
  if (v.origin().known()) return {v.origin().file, v.origin().range};
  return fallback;
}

DashboardBody decode_body(const Value& text, Location fallback) {
  DashboardBody out;
  out.attribute = fallback;
  eval::Origin fallback_origin{fallback.file, fallback.range};
  if (const Value* source = text.encoded_from()) {  // jsonencode({...}): the structure as written
    out.state = DashboardBody::State::Parsed;
    out.json = *source;
    return out;
  }
  if (text.is_string()) {
    const std::string& s = text.as_string();
    auto [file, base] = locate(text, s);
    SourceFile scratch("<dashboard_body>", s);
    auto parsed = grammar::parse_json(scratch, grammar::Syntax::Json);
    if (!parsed->ok() || !parsed->root) {
      out.state = DashboardBody::State::Invalid;
      if (!parsed->errors.empty()) {
        const grammar::SyntaxError& e = parsed->errors.front();
        out.error = e.detail.empty() ? e.summary : e.summary + ": " + e.detail;
        out.error_at = file ? Location{file, {e.range.begin + base, e.range.end + base}} : fallback;
      } else {
        out.error = "the body is empty";
        out.error_at = fallback;
      }
      return out;
    }
    Value json = eval::json_decode(s, file, base, fallback_origin);
    if (json.is_error()) return out;
    out.state = DashboardBody::State::Parsed;
    out.json = std::move(json);
    return out;
  }
  if (text.is_known() || text.pieces().empty()) return out;
  // A string with unknown pieces: parse it with a placeholder string for each
  // piece. It cannot be placed exactly, and a piece may stand for any JSON
  // text, so a body that does not parse this way says nothing.
  std::string joined;
  bool in_string = false;
  for (const eval::StringPiece& piece : text.pieces()) {
    if (piece.unknown) {
      joined += in_string ? std::string(kMarker) : "\"" + std::string(kMarker) + "\"";
      continue;
    }
    for (size_t i = 0; i < piece.text.size(); ++i) {
      char c = piece.text[i];
      if (in_string && c == '\\') {
        joined += c;
        if (i + 1 < piece.text.size()) joined += piece.text[++i];
        continue;
      }
      if (c == '"') in_string = !in_string;
      joined += c;
    }
  }
  SourceFile scratch("<dashboard_body>", joined);
  auto parsed = grammar::parse_json(scratch, grammar::Syntax::Json);
  if (!parsed->ok() || !parsed->root) return out;
  Value json = eval::json_decode(joined, nullptr, 0, fallback_origin);
  if (json.is_error()) return out;
  out.state = DashboardBody::State::Parsed;
  out.json = unmark(json);
  return out;
}

std::vector<DashboardBody> dashboard_bodies(const Model& model) {
  std::vector<DashboardBody> out;
  for (const tf::ResourceInstance* instance : model.configuration().of_type("aws_cloudwatch_dashboard")) {
    if (!instance->body().is_object()) continue;
    const Value* body = instance->body().member("dashboard_body");
    if (!body || body->is_null()) continue;
    DashboardBody decoded = decode_body(*body, location_of(*body, instance->location));
    decoded.instance = instance;
    out.push_back(std::move(decoded));
  }
  return out;
}

}  // namespace ecslint::rules::dashboard

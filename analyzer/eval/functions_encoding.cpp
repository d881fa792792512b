// jsonencode, jsondecode, yamlencode, base64 and urlencode. An encoded
// string remembers the value it encodes (encoded_from), even when that value
// is only partly known, so rules read container definitions as structure;
// jsondecode of such a string gives the structure back, origins included.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "analyzer/eval/functions_impl.h"
#include "grammar/syntax.h"

namespace ecslint::eval {

namespace {

// A byte that appends as itself: printable ASCII other than the five that
// are escaped.
constexpr std::array<bool, 256> kJsonPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[size_t(c)] = true;
  for (unsigned char c : {'"', '\\', '<', '>', '&'}) plain[c] = false;
  return plain;
}();

// Go's encoding/json string escaping: HTML-safe, U+2028/9 escaped, invalid
// UTF-8 replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    // Most of a string needs no escape: append each run of it at once.
    size_t run = i;
    while (run < s.size() && kJsonPlain[static_cast<unsigned char>(s[run])]) ++run;
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '<': out += "\\u003c"; continue;
      case '>': out += "\\u003e"; continue;
      case '&': out += "\\u0026"; continue;
    }
    if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else if (c < 0x80) {
      out += char(c);
    } else {
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
      bool valid = len > 0 && i + len <= s.size() && c < 0xF5;
      for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
      if (!valid) {
        out += "\\ufffd";
        continue;
      }
      std::string_view seq = s.substr(i, len);
      if (seq == "\xE2\x80\xA8") out += "\\u2028";
      else if (seq == "\xE2\x80\xA9") out += "\\u2029";
      else out += seq;
      i += len - 1;
    }
  }
  out += '"';
}

bool append_json(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::Unknown: return false;
    case ValueKind::Null: out += "null"; return true;
    case ValueKind::Bool: out += v.as_bool() ? "true" : "false"; return true;
    case ValueKind::Number:
      if (!std::isfinite(v.as_number())) return false;
      out += format_number(v.as_number());
      return true;
    case ValueKind::String: append_json_string(out, v.as_string()); return true;
    case ValueKind::Tuple: {
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        if (!append_json(out, v.items()[i])) return false;
      }
      out += ']';
      return true;
    }
    case ValueKind::Object: {
      out += '{';
      for (size_t i = 0; i < v.members().size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v.members()[i].key);
        out += ':';
        if (!append_json(out, v.members()[i].value)) return false;
      }
      out += '}';
      return true;
    }
  }
  return false;
}

struct JsonConverter {
  const SourceFile* file;
  uint32_t base;
  Origin fallback;
  bool tree_outlives_values;  // else the tree is a scratch parse: keys are copied into the key store

  Origin at(Range r) const { return file ? Origin{file, {r.begin + base, r.end + base}} : fallback; }

  Value convert(const ast::Expr* e, int depth) {
    if (!e || depth > 1000) return Value::unknown(fallback);
    if (auto* lit = ast::as<ast::LiteralExpr>(e)) {
      switch (lit->value.type) {
        case ast::LiteralType::Null: return Value::null(at(e->range));
        case ast::LiteralType::Bool: return Value::boolean(lit->value.boolean, at(e->range));
        case ast::LiteralType::String: return Value::string(std::string(lit->value.text), at(e->range));
        case ast::LiteralType::Number: {
          auto n = parse_number(lit->value.text);
          return n ? Value::number(*n, at(e->range)) : Value::error("Invalid JSON number", at(e->range));
        }
      }
    }
    if (auto* t = ast::as<ast::TupleExpr>(e)) {
      std::vector<Value> items;
      for (const ast::Expr* item : t->items) items.push_back(convert(item, depth + 1));
      return Value::tuple(std::move(items), at(e->range));
    }
    if (auto* o = ast::as<ast::ObjectExpr>(e)) {
      std::vector<Member> members;
      for (const ast::ObjectItem& item : o->items) {
        auto* key = ast::as<ast::LiteralExpr>(item.key);
        std::string_view text = key ? key->value.text : std::string_view();
        Key k = tree_outlives_values ? Key::stable(text) : Key::interned(text);
        members.push_back({k, convert(item.value, depth + 1), at(item.key->range)});
      }
      return Value::object(std::move(members), at(e->range));
    }
    return Value::unknown(at(e->range));
  }
};

}  // namespace

std::optional<std::string> json_encode(const Value& value) {
  std::string out;
  if (!append_json(out, value)) return std::nullopt;
  return out;
}

Value json_decode(std::string_view text, const SourceFile* file, uint32_t base_offset, Origin fallback) {
  SourceFile scratch("<jsondecode>", text);
  auto parsed = grammar::parse_json(scratch, grammar::Syntax::Json);
  if (!parsed->ok() || !parsed->root) {
    std::string why = parsed->errors.empty() ? "empty input" : parsed->errors[0].summary;
    return Value::error("Call to function \"jsondecode\" failed: " + why, fallback);
  }
  JsonConverter converter{file, base_offset, fallback, false};
  return converter.convert(parsed->root, 0);
}

Value json_value(const ast::Expr& root, const SourceFile* file, Origin fallback) {
  JsonConverter converter{file, 0, fallback, true};
  return converter.convert(&root, 0);
}

namespace functions {

namespace {

// json_encode() of a value known to have a JSON text.
std::string encode_known(const Value& v) { return json_encode(v).value_or(std::string()); }

Value fn_jsonencode(const Call& c) {
  const Value& v = c.args[0];
  if (!v.is_wholly_known()) return Value::unknown(c.origin).with_encoded_from(v);
  if (v.contains_nonfinite()) return c.fail("cannot serialize infinity as JSON");
  // Made when first read: what rules read of a container_definitions is its
  // encoded_from(), so most of these texts are never made.
  return Value::lazy_string(v, encode_known, c.origin).with_encoded_from(v);
}

// Where `text` sits inside the file its string came from, when it was
// written there verbatim (a heredoc, a file() result): origins can then
// point at the JSON's own lines.
std::pair<const SourceFile*, uint32_t> locate(const Value& s, const std::string& text) {
  const Origin& o = s.origin();
  if (!o.known() || text.empty()) return {nullptr, 0};
  std::string_view written = o.file->slice(o.range);
  size_t at = written.find(text);
  if (at == std::string_view::npos || written.find(text, at + 1) != std::string_view::npos) return {nullptr, 0};
  return {o.file, o.range.begin + uint32_t(at)};
}

Value fn_jsondecode(const Call& c) {
  const Value& s = c.args[0];
  if (const Value* source = s.encoded_from()) return *source;
  if (!s.is_known()) return unknown_like(s, c.origin);
  auto text = string_arg(s);
  if (!text) return c.bad_arg(0, "string required");
  auto [file, base] = locate(s, *text);
  return json_decode(*text, file, base, s.origin().known() ? s.origin() : c.origin);
}

// A multi-line string as a literal block ("|-", "|" or "|+" by how many
// newlines end it), its lines indented under `indent`.
void append_yaml_block(std::string& out, std::string_view s, size_t indent) {
  size_t trailing = s.size() - (s.find_last_not_of('\n') == std::string_view::npos ? 0 : s.find_last_not_of('\n') + 1);
  out += trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n";
  std::string_view body = s.substr(0, s.size() - trailing);
  for (size_t pos = 0; pos <= body.size();) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty()) out.append(indent + 2, ' ').append(line);
    out += '\n';
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  for (size_t i = 1; i < trailing; ++i) out += '\n';
}

// A scalar (or an empty collection) and its line end.
void append_yaml_scalar(std::string& out, const Value& v, size_t indent) {
  if (v.is_tuple() || v.is_object()) {  // only empty ones are written inline
    out += v.is_tuple() ? "[]" : "{}";
  } else if (v.is_null()) {
    out += "null";
  } else if (v.is_string() && v.as_string().find('\n') != std::string::npos) {
    append_yaml_block(out, v.as_string(), indent);
    return;
  } else if (v.is_string()) {
    out += '"';
    for (unsigned char ch : v.as_string()) {
      if (ch == '"') out += "\\\"";
      else if (ch == '\\') out += "\\\\";
      else if (ch == '\t') out += "\\t";
      else if (ch < 0x20) out += fmt::format("\\x{:02X}", ch);
      else out += char(ch);
    }
    out += '"';
  } else {
    out += *string_of(v);
  }
  out += '\n';
}

bool is_block(const Value& v) {
  return (v.is_tuple() && !v.items().empty()) || (v.is_object() && !v.members().empty());
}

// Block-style YAML as go-yaml emits it: sequences inside mappings are not
// indented, mappings inside mappings are, by two spaces.
void append_yaml(std::string& out, const Value& v, size_t indent, bool inline_first) {
  std::string pad(indent, ' ');
  if (v.is_tuple() && !v.items().empty()) {
    for (size_t i = 0; i < v.items().size(); ++i) {
      if (i || !inline_first) out += pad;
      out += "- ";
      const Value& item = v.items()[i];
      if (is_block(item)) append_yaml(out, item, indent + 2, true);
      else append_yaml_scalar(out, item, indent);
    }
  } else if (v.is_object() && !v.members().empty()) {
    for (size_t i = 0; i < v.members().size(); ++i) {
      const Member& m = v.members()[i];
      if (i || !inline_first) out += pad;
      out += *json_encode(Value::string(m.key.str()));
      if (is_block(m.value)) {
        out += ":\n";
        append_yaml(out, m.value, m.value.is_tuple() ? indent : indent + 2, false);
      } else {
        out += ": ";
        append_yaml_scalar(out, m.value, indent);
      }
    }
  } else {
    append_yaml_scalar(out, v, indent);
    // A lone plain scalar ends its document explicitly.
    if (!v.is_string() && !v.is_tuple() && !v.is_object()) out += "...\n";
  }
}

Value fn_yamlencode(const Call& c) {
  const Value& v = c.args[0];
  if (!v.is_wholly_known()) return Value::unknown(c.origin).with_encoded_from(v);
  std::string out;
  append_yaml(out, v, 0, false);
  return Value::string(std::move(out), c.origin).with_encoded_from(v);
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Value fn_base64encode(const Call& c) {
  auto s = string_arg(c.args[0]);
  if (!s) return c.bad_arg(0, "string required");
  std::string out;
  for (size_t i = 0; i < s->size(); i += 3) {
    uint32_t n = uint32_t(static_cast<unsigned char>((*s)[i])) << 16;
    if (i + 1 < s->size()) n |= uint32_t(static_cast<unsigned char>((*s)[i + 1])) << 8;
    if (i + 2 < s->size()) n |= uint32_t(static_cast<unsigned char>((*s)[i + 2]));
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < s->size() ? kBase64[(n >> 6) & 63] : '=';
    out += i + 2 < s->size() ? kBase64[n & 63] : '=';
  }
  return Value::string(std::move(out), c.origin);
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

Value fn_base64decode(const Call& c) {
  auto s = string_arg(c.args[0]);
  if (!s) return c.bad_arg(0, "string required");
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  size_t pad = 0;
  for (char ch : *s) {
    if (ch == '=') {
      ++pad;
      continue;
    }
    const char* p = std::strchr(kBase64, ch);
    if (!p || ch == 0 || pad) return c.fail("failed to decode base64 data \"" + *s + "\"");
    acc = (acc << 6) | uint32_t(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xFF);
    }
  }
  if ((s->size() % 4) != 0 || pad > 2) return c.fail("failed to decode base64 data \"" + *s + "\"");
  if (!valid_utf8(out)) return c.fail("the result of decoding the provided string is not valid UTF-8");
  return Value::string(std::move(out), c.origin);
}

Value fn_urlencode(const Call& c) {
  auto s = string_arg(c.args[0]);
  if (!s) return c.bad_arg(0, "string required");
  std::string out;
  for (unsigned char ch : *s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') out += char(ch);
    else if (ch == ' ') out += '+';
    else out += fmt::format("%{:02X}", ch);
  }
  return Value::string(std::move(out), c.origin);
}

const FunctionDef kFunctions[] = {
    {"jsonencode", 1, 1, fn_jsonencode, false, true},
    {"jsondecode", 1, 1, fn_jsondecode, false, true},
    {"yamlencode", 1, 1, fn_yamlencode, false, true},
    {"base64encode", 1, 1, fn_base64encode},
    {"base64decode", 1, 1, fn_base64decode},
    {"urlencode", 1, 1, fn_urlencode},
};

}  // namespace

std::span<const FunctionDef> encoding_functions() { return kFunctions; }

}  // namespace functions

}  // namespace ecslint::eval

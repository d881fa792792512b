#include "rules/dashboard/dashboard_metric_shape.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <optional>

#include "rules/dashboard/dashboard_body.h"

namespace ecslint::rules {

using dashboard::DashboardBody;
using dashboard::location_of;
using eval::Value;

namespace {

// Rendering properties of one metric (AWS-FACTS §4.3).
constexpr std::string_view kOptionKeys[] = {"color", "label", "period", "stat", "visible",
                                            "yAxis", "id",    "region", "accountId"};

bool option_key(std::string_view key) {
  for (std::string_view k : kOptionKeys)
    if (k == key) return true;
  return false;
}

// "#rrggbb"; the CSS shorthand "#rgb" is accepted too (seen in dashboards
// deployed in production), so it is not reported.
bool hex_color(std::string_view s) {
  if ((s.size() != 7 && s.size() != 4) || s[0] != '#') return false;
  for (char c : s.substr(1))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string shown(const Value& v) {
  if (v.is_string()) return fmt::format("\"{}\"", v.as_string());
  if (v.is_number()) return eval::format_number(v.as_number());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return std::string(eval::kind_name(v.kind()));
}

// What is wrong with one rendering-options value; empty when nothing.
std::string bad_option_value(std::string_view key, const Value& v) {
  if (!v.is_known()) return {};
  if (key == "color") {
    if (!v.is_string() || !hex_color(v.as_string()))
      return fmt::format("\"color\" is {}, not a six-digit hex colour such as \"#1f77b4\"", shown(v));
  } else if (key == "period") {
    if (!v.is_number()) return fmt::format("\"period\" is {}, not a number of seconds", shown(v));
    double p = v.as_number();
    bool high_resolution = p == 1 || p == 5 || p == 10 || p == 30;
    if (!high_resolution && (p < 60 || std::fmod(p, 60) != 0))
      return fmt::format("\"period\" is {}, not a multiple of 60 (or 1, 5, 10, 30 for high-resolution metrics)",
                         eval::format_number(p));
  } else if (key == "yAxis") {
    if (!v.is_string() || (v.as_string() != "left" && v.as_string() != "right"))
      return fmt::format("\"yAxis\" is {}, not \"left\" or \"right\"", shown(v));
  } else if (key == "visible") {
    if (!v.is_bool()) return fmt::format("\"visible\" is {}, not true or false", shown(v));
  } else if (key == "id") {
    if (!v.is_string() || v.as_string().empty() || !std::islower(static_cast<unsigned char>(v.as_string()[0])))
      return fmt::format("\"id\" is {}, but an id must start with a lowercase letter", shown(v));
  } else if (key == "label" || key == "stat" || key == "region" || key == "accountId") {
    if (!v.is_string()) return fmt::format("\"{}\" is {}, not a string", key, shown(v));
  }
  return {};
}

// An object whose keys are not rendering options and whose values are
// strings: dimensions written as a map ({"ClusterName": "x"}).
bool dimension_map(const Value& object) {
  if (!object.is_object() || object.members().empty()) return false;
  for (const eval::Member& m : object.members())
    if (option_key(m.key) || m.key == "expression" || (m.value.is_known() && !m.value.is_string())) return false;
  return true;
}

std::string map_as_pairs(const Value& object) {
  std::string out;
  for (const eval::Member& m : object.members())
    out += fmt::format("{}\"{}\", {}", out.empty() ? "" : ", ", m.key,
                       m.value.is_string() ? fmt::format("\"{}\"", m.value.as_string()) : std::string("<value>"));
  return out;
}

// Text of `v` in its file when it is a tuple written literally ("[...]",
// not a for expression), inside `within`.
bool literal_tuple_text(const Value& v, const eval::Origin& within) {
  const eval::Origin& o = v.origin();
  if (!v.is_tuple() || !o.known() || o.file != within.file) return false;
  if (o.range.begin <= within.range.begin || o.range.end >= within.range.end) return false;
  std::string_view text = o.file->slice(o.range);
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return false;
  std::string_view inner = text.substr(1);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front()))) inner.remove_prefix(1);
  if (inner.starts_with("for") && inner.size() > 3 && std::isspace(static_cast<unsigned char>(inner[3])))
    return false;
  return true;
}

struct Context {
  Report& report;
  const std::string& dashboard;
  Location fallback;
};

// Checks one metrics entry; `first` when it is the widget's first entry.
void check_entry(const Value& entry, bool first, const std::string& path, const std::string& data_path,
                 const Context& cx) {
  Location at_entry = location_of(entry, cx.fallback);
  auto add = [&](const Value* at, std::string what) -> Finding& {
    return cx.report.add(at ? location_of(*at, at_entry) : at_entry,
                         fmt::format("{} of {}: {} (PutDashboard rejects such an entry at apply, typically with "
                                     "\"Should NOT have more than N items\" at {})",
                                     path, cx.dashboard, what, data_path));
  };
  if (entry.is_object()) {
    add(&entry, entry.member("expression")
                    ? "an expression object must be wrapped in an array: [ { \"expression\": ... } ]"
                    : "an entry must be an array [Namespace, MetricName, DimensionName, DimensionValue, ..., "
                      "{options}], not an object");
    return;
  }
  if (!entry.is_tuple()) return;  // strings: reported as a flat metrics array
  std::span<const Value> items = entry.items();
  if (items.empty()) {
    add(&entry, "the entry is empty; it needs at least [Namespace, MetricName]");
    return;
  }
  // Expression entries: [ { "expression": "...", "label": ..., "id": ... } ].
  for (const Value& item : items) {
    if (!item.is_object() || !item.member("expression")) continue;
    if (items.size() > 1) {
      add(&entry, "an expression object cannot be mixed with other items; write it alone: [ { \"expression\": "
                  "\"...\", \"id\": \"e1\" } ]");
      return;
    }
    for (const eval::Member& m : item.members()) {
      if (m.key == "expression") continue;
      std::string bad = bad_option_value(m.key, m.value);
      if (!bad.empty()) add(&m.value, bad);
    }
    return;
  }

  size_t body_end = items.size();
  const Value* options = nullptr;
  if (items.back().is_object()) {
    options = &items.back();
    body_end = items.size() - 1;
  }
  bool all_known_strings = true;
  bool shape_error = false;
  std::vector<const Value*> nested;
  for (size_t i = 0; i < body_end; ++i) {
    const Value& item = items[i];
    if (!item.is_known()) {
      all_known_strings = false;
      continue;
    }
    if (item.is_string()) continue;
    all_known_strings = false;
    shape_error = true;
    if (item.is_tuple()) {
      nested.push_back(&item);
      continue;
    }
    if (item.is_object()) {
      if (dimension_map(item))
        add(&item, fmt::format("dimensions are given as a map at position {}; write them as name/value strings in "
                               "the entry: {}",
                               i, map_as_pairs(item)));
      else
        add(&item, fmt::format("the rendering-options object at position {} must be the last item", i));
      continue;
    }
    add(&item, fmt::format("item {} is {}; every item before the options object must be a string", i, shown(item)));
  }

  if (!nested.empty()) {
    std::string dims;
    bool flattenable = true;
    for (const Value* n : nested) {
      for (const Value& d : n->items()) {
        if (d.is_known() && !d.is_string()) flattenable = false;
        dims += fmt::format("{}{}", dims.empty() ? "" : ", ", d.is_string() ? fmt::format("\"{}\"", d.as_string())
                                                                             : std::string("<value>"));
      }
      if (!literal_tuple_text(*n, entry.origin())) flattenable = false;
    }
    std::string_view entry_text = entry.origin().known() ? entry.origin().file->slice(entry.origin().range) : "";
    if (entry_text.size() < 2 || entry_text.front() != '[' || entry_text.back() != ']') flattenable = false;
    // The flattened entry must itself be well formed: every other item a string.
    for (size_t i = 0; i < body_end; ++i)
      if (items[i].is_known() && !items[i].is_string() && !items[i].is_tuple()) flattenable = false;
    Finding& f = add(nested.front(),
                     fmt::format("dimensions are given as nested array{} inside the entry; dimension names and values "
                                 "are flat strings of the entry itself: [Namespace, MetricName, {}{}]",
                                 nested.size() > 1 ? "s" : "", dims, options ? ", {options}" : ""));
    if (flattenable) {
      Fix fix{"Flatten the nested dimension arrays into the entry", Applicability::Safe, {}};
      for (const Value* n : nested) {
        const eval::Origin& o = n->origin();
        fix.edits.push_back({o.file, {o.range.begin, o.range.begin + 1}, ""});
        fix.edits.push_back({o.file, {o.range.end - 1, o.range.end}, ""});
      }
      f.fix = std::move(fix);
    }
  }

  if (options) {
    bool none_documented = dimension_map(*options);
    if (none_documented) {
      add(options, fmt::format("the last item looks like dimensions given as a map; write them as name/value "
                               "strings in the entry: {}",
                               map_as_pairs(*options)));
      shape_error = true;
    } else {
      for (const eval::Member& m : options->members()) {
        if (!option_key(m.key)) {
          eval::Origin key_origin = m.key_origin.known() ? m.key_origin : m.value.origin();
          cx.report.add(key_origin.known() ? Location{key_origin.file, key_origin.range} : at_entry,
                        fmt::format("{} of {}: \"{}\" is not a rendering option of a metric (use color, label, "
                                    "period, stat, visible, yAxis, id, region, accountId); PutDashboard rejects the "
                                    "entry at {}",
                                    path, cx.dashboard, m.key, data_path));
          continue;
        }
        std::string bad = bad_option_value(m.key, m.value);
        if (!bad.empty()) add(&m.value, bad);
      }
    }
  }
  if (shape_error || !all_known_strings) return;

  // Counting: Namespace, MetricName, then name/value pairs. "." repeats the
  // previous entry's item at that position; "..." repeats its leading items.
  bool ellipsis = false;
  for (size_t i = 0; i < body_end; ++i) {
    const std::string& s = items[i].as_string();
    if (s == "...") ellipsis = true;
    if (first && (s == "." || s == "...")) {
      add(&items[i], fmt::format("\"{}\" repeats the previous metric, but this is the widget's first entry; write "
                                 "the namespace, metric name and dimensions in full",
                                 s));
      return;
    }
  }
  if (ellipsis) return;
  if (body_end < 2) {
    add(&entry, "the entry needs at least a Namespace and a MetricName");
    return;
  }
  if ((body_end - 2) % 2 != 0)
    add(&items[body_end - 1],
        fmt::format("the entry has {} dimension string{} after the namespace and metric name, an odd number: each "
                    "dimension name needs its value",
                    body_end - 2, body_end - 2 == 1 ? "" : "s"));
}

}  // namespace

void DashboardMetricShape::check(const Model& model, Report& report) const {
  for (const DashboardBody& body : dashboard::dashboard_bodies(model)) {
    if (body.state != DashboardBody::State::Parsed || !body.json.is_object()) continue;
    const Value* widgets = body.json.member("widgets");
    if (!widgets || !widgets->is_tuple()) continue;
    Location at_body = location_of(body.json, body.attribute);
    Context cx{report, body.instance->address, at_body};
    for (size_t w = 0; w < widgets->items().size(); ++w) {
      const Value& widget = widgets->items()[w];
      if (!widget.is_object()) continue;
      const Value* type = widget.member("type");
      if (!type || !type->is_string() || type->as_string() != "metric") continue;
      const Value* properties = widget.member("properties");
      if (!properties || !properties->is_object()) continue;
      const Value* metrics = properties->member("metrics");
      if (!metrics || !metrics->is_known() || metrics->is_null()) continue;
      Location at_widget = location_of(widget, at_body);
      cx.fallback = at_widget;
      std::string path = fmt::format("widgets[{}].properties.metrics", w);
      if (!metrics->is_tuple()) {
        report.add(location_of(*metrics, at_widget),
                   fmt::format("{} of {} is a {}; it must be an array of metric arrays", path, body.instance->address,
                               eval::kind_name(metrics->kind())));
        continue;
      }
      std::span<const Value> entries = metrics->items();
      bool flat = !entries.empty() && entries.front().is_string();
      if (flat) {
        report.add(location_of(*metrics, at_widget),
                   fmt::format("{} of {} is a flat array ({}, ...); it must be an array of arrays, one per metric: "
                               "[[Namespace, MetricName, DimensionName, DimensionValue, ...]]. PutDashboard answers "
                               "\"Should be array\"",
                               path, body.instance->address, shown(entries.front())));
        continue;
      }
      for (size_t m = 0; m < entries.size(); ++m) {
        const Value& entry = entries[m];
        if (!entry.is_known()) continue;
        std::string entry_path = fmt::format("{}[{}]", path, m);
        std::string data_path = fmt::format("/widgets/{}/properties/metrics/{}", w, m);
        if (!entry.is_tuple() && !entry.is_object()) {
          report.add(location_of(entry, at_widget),
                     fmt::format("{} of {} is {}, not a metric array [Namespace, MetricName, ...]", entry_path,
                                 body.instance->address, shown(entry)));
          continue;
        }
        check_entry(entry, m == 0, entry_path, data_path, cx);
      }
    }
  }
}

}  // namespace ecslint::rules

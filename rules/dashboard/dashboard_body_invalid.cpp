#include "rules/dashboard/dashboard_body_invalid.h"

#include <fmt/format.h>

#include <cmath>

#include "rules/dashboard/dashboard_body.h"

namespace ecslint::rules {

using dashboard::DashboardBody;
using dashboard::location_of;
using eval::Value;

namespace {

constexpr std::string_view kTypes[] = {"metric", "text", "log", "alarm", "explorer",
                                       // Not in the stored reference, but accepted by CloudWatch
                                       // (AWS-FACTS §4.2 LESS SURE: "chart"; Lambda-backed "custom").
                                       "chart", "custom"};

bool known_type(std::string_view type) {
  for (std::string_view t : kTypes)
    if (t == type) return true;
  return false;
}

const Value* present(const Value& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const Value* v = object.member(key);
  return v && !v->is_null() ? v : nullptr;
}

struct Bound {
  std::string_view key;
  double min;
  double max;  // inclusive
  std::string_view range;
};

constexpr Bound kBounds[] = {
    {"x", 0, 23, "0-23"},
    {"y", 0, 1e18, "0 or more"},
    {"width", 1, 24, "1-24"},
    {"height", 1, 1000, "1-1000"},
};

}  // namespace

void DashboardBodyInvalid::check(const Model& model, Report& report) const {
  for (const DashboardBody& body : dashboard::dashboard_bodies(model)) {
    const std::string& name = body.instance->address;
    if (body.state == DashboardBody::State::Invalid) {
      report.add(body.error_at, fmt::format("dashboard_body of {} is not valid JSON ({}); PutDashboard rejects it at "
                                            "apply. Write the body with jsonencode({{...}}) to let Terraform build "
                                            "the JSON",
                                            name, body.error));
      continue;
    }
    if (body.state != DashboardBody::State::Parsed || !body.json.is_known()) continue;
    const Value& json = body.json;
    Location at_body = location_of(json, body.attribute);
    if (!json.is_object()) {
      report.add(at_body, fmt::format("dashboard_body of {} is a JSON {}, not an object with a \"widgets\" array",
                                      name, eval::kind_name(json.kind())));
      continue;
    }
    const Value* widgets = json.member("widgets");
    if (!widgets) {
      report.add(at_body, fmt::format("dashboard_body of {} has no \"widgets\" array, which PutDashboard requires "
                                      "(it may be empty: \"widgets\": [])",
                                      name));
      continue;
    }
    if (!widgets->is_known()) continue;
    if (!widgets->is_tuple()) {
      report.add(location_of(*widgets, at_body),
                 fmt::format("\"widgets\" of {} must be an array of widget objects, not a {}", name,
                             eval::kind_name(widgets->kind())));
      continue;
    }
    const Value* dashboard_region = present(json, "region");
    for (size_t i = 0; i < widgets->items().size(); ++i) {
      const Value& widget = widgets->items()[i];
      if (!widget.is_known()) continue;
      std::string path = fmt::format("widgets[{}]", i);
      Location at_widget = location_of(widget, at_body);
      if (!widget.is_object()) {
        report.add(at_widget, fmt::format("{} of {} is a {}, not a widget object", path, name,
                                          eval::kind_name(widget.kind())));
        continue;
      }
      // Position and size.
      for (const Bound& bound : kBounds) {
        const Value* v = present(widget, bound.key);
        if (!v || !v->is_number()) continue;
        double n = v->as_number();
        if (n < bound.min || n > bound.max || n != std::floor(n))
          report.add(location_of(*v, at_widget),
                     fmt::format("{} of {}: \"{}\" is {}, outside the allowed {} (whole grid units; the dashboard "
                                 "grid is 24 columns wide)",
                                 path, name, bound.key, eval::format_number(n), bound.range));
      }
      const Value* x = present(widget, "x");
      const Value* y = present(widget, "y");
      if ((x == nullptr) != (y == nullptr))
        report.add(location_of(x ? *x : *y, at_widget),
                   fmt::format("{} of {} gives \"{}\" without \"{}\": each is required when the other is given", path,
                               name, x ? "x" : "y", x ? "y" : "x"));

      const Value* type = widget.member("type");
      if (!type || type->is_null()) {
        report.add(at_widget, fmt::format("{} of {} has no \"type\" (metric, text, log, alarm or explorer)", path,
                                          name));
        continue;
      }
      if (!type->is_known()) continue;
      if (!type->is_string() || !known_type(type->as_string())) {
        report.add(location_of(*type, at_widget),
                   fmt::format("{} of {} has type {}, which is not a widget type: use metric, text, log, alarm or "
                               "explorer",
                               path, name,
                               type->is_string() ? fmt::format("\"{}\"", type->as_string())
                                                 : std::string(eval::kind_name(type->kind()))));
        continue;
      }
      const Value* properties = widget.member("properties");
      if (!properties || properties->is_null()) {
        report.add(at_widget, fmt::format("{} of {} ({} widget) has no \"properties\" object, which every widget "
                                          "requires",
                                          path, name, type->as_string()));
        continue;
      }
      if (!properties->is_known()) continue;
      Location at_props = location_of(*properties, at_widget);
      if (!properties->is_object()) {
        report.add(at_props, fmt::format("{}.properties of {} must be an object, not a {}", path, name,
                                         eval::kind_name(properties->kind())));
        continue;
      }
      if (type->as_string() != "metric") continue;
      const Value* metrics = present(*properties, "metrics");
      const Value* annotations = present(*properties, "annotations");
      const Value* alarms = annotations && annotations->is_object() ? present(*annotations, "alarms") : nullptr;
      if (annotations && !annotations->is_known()) continue;
      if (alarms && !alarms->is_known()) continue;
      bool has_alarm = alarms && (!alarms->is_tuple() || !alarms->items().empty());
      if (!metrics && !has_alarm) {
        report.add(at_props, fmt::format("{} of {} is a metric widget without \"properties.metrics\" (nor an alarm "
                                         "annotation): PutDashboard answers \"Should have required property "
                                         "'metrics'\". Add the metrics to plot",
                                         path, name));
      }
      if (metrics && has_alarm) {
        report.add(location_of(*alarms, at_props),
                   fmt::format("{} of {} has both an alarm annotation and \"metrics\"; a metric widget shows either "
                               "an alarm (annotations.alarms) or metrics, not both. Move the alarm to its own widget",
                               path, name));
      }
      if (!present(*properties, "region") && !dashboard_region)
        report.add(at_props, fmt::format("{} of {} is a metric widget without \"properties.region\": PutDashboard "
                                         "requires it (\"The metric widget should have specified a region\"). Add "
                                         "\"region\": \"<aws-region>\"",
                                         path, name));
    }
  }
}

}  // namespace ecslint::rules

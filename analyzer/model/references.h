// What a value refers to: the provider-computed attribute of another
// resource (`aws_subnet.private[1].id`), which evaluation keeps as the
// symbol of an unknown, whole or as a piece of a string.
#pragma once

#include <string_view>

#include "analyzer/eval/value.h"
#include "analyzer/terraform/configuration.h"

namespace ecslint::model {

// The symbol a reference is made of: "aws_ecs_task_definition.api.arn", or
// the first unknown piece of "${aws_x.y.family}:${aws_x.y.revision}"; empty
// when none. A view into `v`.
std::string_view reference_symbol(const eval::Value& v);

// The managed (non-data) instance of `type` that `v` refers to (an unknown
// whose symbol names it, e.g. `aws_subnet.private[1].id`), or nullptr.
const tf::ResourceInstance* referenced_instance(const eval::Value& v, const tf::Configuration& configuration,
                                                std::string_view type);

}  // namespace ecslint::model

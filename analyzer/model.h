// The model the rules read: the loaded files and, built from them, the
// resources and application contracts. Rules never look at raw text.
#pragma once

#include "analyzer/workspace.h"

namespace ecslint {

class Model {
 public:
  explicit Model(const Workspace& workspace) : workspace_(workspace) {}

  const std::vector<LoadedFile>& files() const { return workspace_.files; }

 private:
  const Workspace& workspace_;
};

}  // namespace ecslint

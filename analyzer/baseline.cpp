#include "analyzer/baseline.h"

#include "analyzer/text.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

namespace ecslint {

namespace {

// FNV-1a, 64 bits: the same on every platform and build.
uint64_t fnv1a(uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string_view file_of(const Finding& f) { return f.location.file ? std::string_view(f.location.file->path()) : ""; }

}  // namespace

std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  std::map<uint64_t, unsigned> seen;
  for (const Finding& f : findings) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    hash = fnv1a(hash, f.rule);
    hash = fnv1a(hash, std::string_view("\0", 1));
    hash = fnv1a(hash, file_of(f));
    hash = fnv1a(hash, std::string_view("\0", 1));
    if (f.location.file) {
      // Parser ranges can be a single newline; the whole first line keeps
      // the fingerprint specific to the code at fault.
      const SourceFile& file = *f.location.file;
      hash = fnv1a(hash, file.slice(f.location.range));
      hash = fnv1a(hash, std::string_view("\0", 1));
      hash = fnv1a(hash, trim_blanks(file.line_text(file.position(f.location.range.begin).line)));
    }
    out.push_back(fmt::format("{:016x}:{}", hash, ++seen[hash]));
  }
  return out;
}

bool write_baseline(const std::string& path, const std::vector<Finding>& findings, std::string& error) {
  std::vector<std::string> fingerprints = finding_fingerprints(findings);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    // The message helps a reviewer; matching uses rule, file and fingerprint only.
    list.push_back({{"rule", findings[i].rule},
                    {"file", file_of(findings[i])},
                    {"fingerprint", fingerprints[i]},
                    {"message", findings[i].message}});
  }
  nlohmann::ordered_json root = {{"version", 1}, {"findings", std::move(list)}};
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << root.dump(2) << '\n';
    if (!out) {
      error = "cannot write " + tmp;
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot replace " + path;
    return false;
  }
  return true;
}

int filter_baseline(const std::string& path, std::vector<Finding>& findings, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read baseline " + path;
    return -1;
  }
  std::set<std::tuple<std::string, std::string, std::string>> known;
  try {
    auto root = nlohmann::json::parse(in);
    for (const auto& entry : root.at("findings"))
      known.emplace(entry.at("rule").get<std::string>(), entry.at("file").get<std::string>(),
                    entry.at("fingerprint").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    error = fmt::format("{}: not a baseline file ({})", path, e.what());
    return -1;
  }
  std::vector<std::string> fingerprints = finding_fingerprints(findings);
  std::vector<Finding> kept;
  int removed = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (known.count({std::string(findings[i].rule), std::string(file_of(findings[i])), fingerprints[i]})) {
      ++removed;
      continue;
    }
    kept.push_back(std::move(findings[i]));
  }
  findings = std::move(kept);
  return removed;
}

}  // namespace ecslint

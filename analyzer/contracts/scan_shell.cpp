// Shell scripts (entrypoints): ${X:?} is required, ${X:-d} and plain $X are
// optional reads. Variables the script assigns itself are not environment
// reads from that point on.
#include <algorithm>
#include <array>
#include <map>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

uint32_t line_end(std::string_view code, uint32_t pos) {
  size_t nl = code.find('\n', pos);
  return nl == std::string_view::npos ? uint32_t(code.size()) : uint32_t(nl);
}

// Names set by the shell itself, never taken from the container's environment.
bool is_shell_internal(std::string_view name) {
  static constexpr std::array<std::string_view, 24> kInternal = {
      "IFS",        "RANDOM",      "LINENO",   "SECONDS",       "BASH_SOURCE", "BASH_LINENO",
      "PIPESTATUS", "OPTARG",      "OPTIND",   "BASH_REMATCH",  "FUNCNAME",    "PPID",
      "UID",        "EUID",        "GROUPS",   "BASH_VERSION",  "BASHPID",     "OLDPWD",
      "REPLY",      "BASH_ARGV",   "BASH_ARGC", "BASH_COMMAND", "HISTFILE",    "DIRSTACK"};
  return std::ranges::find(kInternal, name) != kInternal.end();
}

// Environment-style names only: upper case, digits, underscores.
bool is_upper_name(std::string_view name) {
  bool letter = false;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') return false;
    letter |= c >= 'A' && c <= 'Z';
  }
  return letter;
}

// Offset from which each name assigned by the script is a script variable:
// the end of the line holding its first assignment (so PORT="${PORT:-80}" still
// reads PORT from the environment).
std::map<std::string, uint32_t, std::less<>> assigned_names(std::string_view code) {
  static const Regex kAssign(R"((?<![\w$\-./])([A-Za-z_]\w*)(?:\[[^\]\n]*\])?\+?=(?!=))");
  static const Regex kCommandPosition(
      R"((?:^|[;&|({]|\b(?:export|local|declare|readonly|typeset|then|do|else)\b)[ \t]*(?:(?:-\w+|[A-Za-z_]\w*=\S*)[ \t]+)*$)");
  static const Regex kLoopOrRead(R"(\b(?:for|select)[ \t]+([A-Za-z_]\w*)[ \t]+in\b|\bread\b((?:[ \t]+-[a-zA-Z]*[ptdnNui][ \t]+\S+|[ \t]+-[a-zA-Z]+)*)((?:[ \t]+[A-Za-z_]\w*)+))");
  static const Regex kName(R"([A-Za-z_]\w*)");
  std::map<std::string, uint32_t, std::less<>> names;
  auto note = [&](std::string_view name, uint32_t pos) {
    uint32_t effect = line_end(code, pos);
    auto [it, inserted] = names.emplace(std::string(name), effect);
    if (!inserted) it->second = std::min(it->second, effect);
  };
  kAssign.for_each(code, [&](const Regex::Match& m) {
    size_t nl = code.rfind('\n', m.begin() == 0 ? 0 : m.begin() - 1);
    uint32_t line = nl == std::string_view::npos || m.begin() == 0 ? 0 : uint32_t(nl + 1);
    if (kCommandPosition.matches(slice(code, line, m.begin()))) note(slice(code, m.begin(1), m.end(1)), m.begin());
  });
  kLoopOrRead.for_each(code, [&](const Regex::Match& m) {
    if (m.has(1)) return note(slice(code, m.begin(1), m.end(1)), m.begin());
    std::string_view list = slice(code, m.begin(3), m.end(3));
    kName.for_each(list, [&](const Regex::Match& n) { note(list.substr(n.begin(), n.end() - n.begin()), m.begin()); });
  });
  return names;
}

}  // namespace

void scan_shell(ScanContext& ctx) {
  static const Regex kExpansion(R"(\$\{([#!]?)([A-Za-z_]\w*)(:?[-=?+])?|\$([A-Za-z_]\w*))");
  std::string_view code = ctx.code();
  auto assigned = assigned_names(code);
  kExpansion.for_each(code, [&](const Regex::Match& m) {
    uint32_t g = m.has(2) ? 2 : 4;
    std::string_view name = slice(code, m.begin(g), m.end(g));
    if (m.has(1) && code[m.begin(1)] == '!') return ctx.dynamic();  // ${!ref}: indirect
    if (!is_upper_name(name) || is_shell_internal(name)) return;
    auto it = assigned.find(name);
    if (it != assigned.end() && it->second <= m.begin()) return;
    std::string_view op = m.has(3) ? slice(code, m.begin(3), m.end(3)) : std::string_view();
    bool required = op == "?" || op == ":?";
    std::string_view how = required ? "${VAR:?}" : !op.empty() ? "${VAR:-default}" : "$VAR";
    ctx.add(std::string(name), required ? ReadKind::Required : ReadKind::Optional, m.begin(g), m.end(g), how);
  });
}

}  // namespace ecslint::contracts::scan

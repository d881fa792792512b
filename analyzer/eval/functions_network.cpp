// cidrsubnet, cidrsubnets, cidrhost, cidrnetmask (Terraform's
// lang/funcs/cidr.go on go-cidr), for IPv4 and IPv6, on 128-bit integers.
#include <fmt/format.h>

#include <charconv>

#include "analyzer/eval/functions_impl.h"

namespace ecslint::eval::functions {

namespace {

using u128 = unsigned __int128;

struct Network {
  u128 address = 0;  // the network address (host bits cleared)
  int prefix = 0;
  int width = 32;    // 32 for IPv4, 128 for IPv6
};

u128 host_mask(int width, int prefix) {
  int host = width - prefix;
  return host >= 128 ? ~u128(0) : (u128(1) << host) - 1;
}

u128 all_ones(int width) { return width == 128 ? ~u128(0) : (u128(1) << width) - 1; }

std::optional<u128> parse_ipv4(std::string_view s) {
  u128 out = 0;
  for (int part = 0; part < 4; ++part) {
    size_t dot = part < 3 ? s.find('.') : s.size();
    if (dot == std::string_view::npos || dot == 0 || dot > 3) return std::nullopt;
    unsigned n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + dot, n);
    if (ec != std::errc() || end != s.data() + dot || n > 255) return std::nullopt;
    out = (out << 8) | n;
    s.remove_prefix(part < 3 ? dot + 1 : dot);
  }
  return out;
}

std::optional<std::vector<uint16_t>> parse_groups(std::string_view s) {
  std::vector<uint16_t> groups;
  if (s.empty()) return groups;
  while (true) {
    size_t colon = s.find(':');
    std::string_view g = s.substr(0, colon);
    unsigned n = 0;
    auto [end, ec] = std::from_chars(g.data(), g.data() + g.size(), n, 16);
    if (g.empty() || g.size() > 4 || ec != std::errc() || end != g.data() + g.size()) return std::nullopt;
    groups.push_back(uint16_t(n));
    if (colon == std::string_view::npos) return groups;
    s.remove_prefix(colon + 1);
  }
}

std::optional<u128> parse_ipv6(std::string_view s) {
  size_t gap = s.find("::");
  auto head = parse_groups(gap == std::string_view::npos ? s : s.substr(0, gap));
  auto tail = gap == std::string_view::npos ? std::optional<std::vector<uint16_t>>(std::vector<uint16_t>{})
                                            : parse_groups(s.substr(gap + 2));
  if (!head || !tail) return std::nullopt;
  size_t count = head->size() + tail->size();
  if ((gap == std::string_view::npos && count != 8) || (gap != std::string_view::npos && count > 7))
    return std::nullopt;
  std::vector<uint16_t> groups = *head;
  groups.resize(8 - tail->size(), 0);
  groups.insert(groups.end(), tail->begin(), tail->end());
  u128 out = 0;
  for (uint16_t g : groups) out = (out << 16) | g;
  return out;
}

std::optional<Network> parse_cidr(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Network n;
  std::string_view addr = s.substr(0, slash), bits = s.substr(slash + 1);
  bool v6 = addr.find(':') != std::string_view::npos;
  n.width = v6 ? 128 : 32;
  auto a = v6 ? parse_ipv6(addr) : parse_ipv4(addr);
  auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n.prefix);
  if (!a || bits.empty() || ec != std::errc() || end != bits.data() + bits.size() || n.prefix < 0 ||
      n.prefix > n.width)
    return std::nullopt;
  n.address = *a & ~host_mask(n.width, n.prefix) & all_ones(n.width);
  return n;
}

// Go's net.IP.String: dotted quad, or RFC 5952 for IPv6.
std::string format_address(u128 a, int width) {
  if (width == 32)
    return fmt::format("{}.{}.{}.{}", unsigned(a >> 24) & 255, unsigned(a >> 16) & 255, unsigned(a >> 8) & 255,
                       unsigned(a) & 255);
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = uint16_t(a >> (16 * (7 - i)));
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
    i = j == i ? i + 1 : j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += fmt::format("{:x}", g[i]);
  }
  return out;
}

std::string format_network(u128 a, int prefix, int width) {
  return format_address(a, width) + "/" + std::to_string(prefix);
}

Value fn_cidrsubnet(const Call& c) {
  auto net = parse_cidr(string_arg(c.args[0]).value_or(""));
  if (!net) return c.bad_arg(0, "invalid CIDR expression");
  auto newbits = integer_arg(c.args[1]);
  auto netnum = integer_arg(c.args[2]);
  if (!newbits || !netnum) return c.bad_arg(newbits ? 2 : 1, "a whole number is required");
  int length = net->prefix + int(*newbits);
  if (*newbits < 0 || length > net->width)
    return c.fail(fmt::format("insufficient address space to extend prefix of {} by {}", net->prefix, *newbits));
  if (*netnum < 0 || (*newbits < 63 && *netnum >= (int64_t(1) << *newbits)))
    return c.fail(fmt::format("prefix extension of {} does not accommodate a subnet numbered {}", *newbits, *netnum));
  u128 address = net->address | (u128(uint64_t(*netnum)) << (net->width - length));
  return Value::string(format_network(address, length, net->width), c.origin);
}

Value fn_cidrhost(const Call& c) {
  auto net = parse_cidr(string_arg(c.args[0]).value_or(""));
  if (!net) return c.bad_arg(0, "invalid CIDR expression");
  auto hostnum = integer_arg(c.args[1]);
  if (!hostnum) return c.bad_arg(1, "a whole number is required");
  int host_bits = net->width - net->prefix;
  bool fits = host_bits >= 63 || (*hostnum < (int64_t(1) << host_bits) && *hostnum >= -(int64_t(1) << host_bits));
  if (!fits) return c.fail(fmt::format("prefix of {} does not accommodate a host numbered {}", net->prefix, *hostnum));
  u128 offset = *hostnum >= 0 ? u128(*hostnum) : host_mask(net->width, net->prefix) + 1 - u128(-*hostnum);
  return Value::string(format_address(net->address + offset, net->width), c.origin);
}

Value fn_cidrnetmask(const Call& c) {
  auto net = parse_cidr(string_arg(c.args[0]).value_or(""));
  if (!net) return c.bad_arg(0, "invalid CIDR expression");
  if (net->width != 32) return c.fail("IPv6 addresses cannot have a netmask: " + c.args[0].as_string());
  return Value::string(format_address(~host_mask(32, net->prefix) & all_ones(32), 32), c.origin);
}

Value fn_cidrsubnets(const Call& c) {
  auto net = parse_cidr(string_arg(c.args[0]).value_or(""));
  if (!net) return c.bad_arg(0, "invalid CIDR expression");
  std::vector<Value> out;
  u128 next = net->address;  // first free address
  u128 end = net->address + host_mask(net->width, net->prefix);
  bool full = false;
  for (size_t i = 1; i < c.args.size(); ++i) {
    auto newbits = integer_arg(c.args[i]);
    if (!newbits) return c.bad_arg(i, "a whole number is required");
    int length = net->prefix + int(*newbits);
    if (*newbits < 1 || length > net->width)
      return c.bad_arg(i, fmt::format("would extend prefix to {} bits, which is too long for an IPv{} address",
                                      length, net->width == 32 ? 4 : 6));
    u128 size_mask = host_mask(net->width, length);
    u128 start = (next + size_mask) & ~size_mask;  // align up to the subnet size
    if (full || start < next || start > end || start + size_mask > end)
      return c.bad_arg(i, fmt::format("not enough remaining address space for a subnet with a prefix of {} bits "
                                      "after {}", length, out.empty() ? format_network(net->address, net->prefix,
                                                                                       net->width)
                                                                      : out.back().as_string()));
    out.push_back(Value::string(format_network(start, length, net->width), c.origin));
    next = start + size_mask + 1;
    full = next == 0 || next > end;
  }
  return Value::tuple(std::move(out), c.origin);
}

const FunctionDef kFunctions[] = {
    {"cidrsubnet", 3, 3, fn_cidrsubnet},
    {"cidrsubnets", 1, -1, fn_cidrsubnets},
    {"cidrhost", 2, 2, fn_cidrhost},
    {"cidrnetmask", 1, 1, fn_cidrnetmask},
};

}  // namespace

std::span<const FunctionDef> network_functions() { return kFunctions; }

}  // namespace ecslint::eval::functions

#include "analyzer/eval/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <vector>

#include "analyzer/eval/node_pool.h"

namespace ecslint::eval {

namespace {

const std::string kEmptyString;
const std::vector<StringPiece> kNoPieces;

// Every element of every tuple and object is one of these: keep it small.
static_assert(sizeof(Value) == 32);

enum NodeType : uint8_t { kTextNode, kItemsNode, kMembersNode, kDecoratedNode, kLazyTextNode };

}  // namespace

namespace detail {

// Payloads of a fixed size come from the node pool too (see Inline for the others).
struct Pooled : Node {
  static void* operator new(size_t bytes) { return allocate_node(bytes); }
  static void operator delete(void* block, size_t bytes) { free_node(block, bytes); }
};

struct Text : Pooled {
  std::string text;
};

// A Text filled in on first read (Value::lazy_string()).
struct LazyText : Text {
  Value source;
  std::string (*make)(const Value&) = nullptr;
  std::once_flag made;

  const std::string& get() const {
    auto* self = const_cast<LazyText*>(this);
    std::call_once(self->made, [self] { self->text = self->make(self->source); });
    return text;
  }
};

// A tuple's elements and an object's members follow their header in the
// same allocation: one block per collection, sized exactly.
template <typename T>
struct alignas(alignof(T)) Inline : Node {
  uint32_t count = 0;

  T* data() { return reinterpret_cast<T*>(this + 1); }
  const T* data() const { return reinterpret_cast<const T*>(this + 1); }

  // Moves the items out of `from`.
  static Inline* make(uint8_t type, std::span<T> from) {
    void* raw = allocate_node(sizeof(Inline) + from.size() * sizeof(T));
    auto* node = new (raw) Inline;
    node->type = type;
    for (T& item : from) new (node->data() + node->count++) T(std::move(item));
    return node;
  }

  // Moves from[order[0]], from[order[1]], ... out of `from`.
  static Inline* make_in_order(uint8_t type, std::span<T> from, std::span<const uint32_t> order) {
    void* raw = allocate_node(sizeof(Inline) + order.size() * sizeof(T));
    auto* node = new (raw) Inline;
    node->type = type;
    for (uint32_t i : order) new (node->data() + node->count++) T(std::move(from[i]));
    return node;
  }

  static void destroy(const Inline* node) {
    auto* self = const_cast<Inline*>(node);
    size_t bytes = sizeof(Inline) + self->count * sizeof(T);
    for (uint32_t i = 0; i < self->count; ++i) self->data()[i].~T();
    self->~Inline();
    free_node(self, bytes);
  }
};
using Items = Inline<Value>;
using Members = Inline<Member>;

// What few values carry beside their content: an unknown's identity and
// pieces, a resource object's symbol, a jsonencode result's source. `base`
// holds the content (string, elements, members or number) undecorated.
struct Decorated : Pooled {
  // Pieces and encoded sources are rarer than symbols: kept apart so a
  // symbol alone costs no more than it needs.
  struct Rare {
    std::vector<StringPiece> pieces;
    std::optional<Value> encoded;
  };

  Value base;
  std::string symbol;
  std::unique_ptr<Rare> rare;

  Rare& rare_part() {
    if (!rare) rare = std::make_unique<Rare>();
    return *rare;
  }
};

void destroy(const Node* node) {
  switch (node->type) {
    case kTextNode: delete static_cast<const Text*>(node); return;
    case kItemsNode: Items::destroy(static_cast<const Items*>(node)); return;
    case kMembersNode: Members::destroy(static_cast<const Members*>(node)); return;
    case kDecoratedNode: delete static_cast<const Decorated*>(node); return;
    case kLazyTextNode: delete static_cast<const LazyText*>(node); return;
  }
}

}  // namespace detail

namespace {

// Object keys are short and differ early: a byte loop beats a call to
// memcmp for each comparison.
bool key_less(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

// The order of `members` by key, stable, so that among equal keys source
// order survives (and the last one wins in Value::object()). For the usual
// handful of members an insertion sort of their indexes over views of their
// keys; std::stable_sort would allocate a buffer every time.
void sort_indexes_by_key(std::span<const Member> members, std::span<uint32_t> order) {
  size_t n = members.size();
  for (size_t k = 0; k < n; ++k) order[k] = uint32_t(k);
  size_t i = 1;
  while (i < n && !key_less(members[i].key, members[i - 1].key)) ++i;
  if (i >= n) return;  // already in order, as decoded JSON and many sources are
  constexpr size_t kSmall = 64;
  if (n > kSmall) {
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return key_less(members[a].key, members[b].key); });
    return;
  }
  struct KeyView {  // left uninitialised: only the first n are written and read
    const char* data;
    size_t size;
    operator std::string_view() const { return {data, size}; }
  } keys[kSmall];
  for (size_t k = 0; k < n; ++k) keys[k] = {members[k].key.data(), members[k].key.size()};
  for (; i < n; ++i) {
    uint32_t m = order[i];
    size_t j = i;
    for (; j > 0 && key_less(keys[m], keys[order[j - 1]]); --j) order[j] = order[j - 1];
    order[j] = m;
  }
}

// Computed keys, per thread so that storing takes no lock. A store is never
// freed (values made on a thread outlive it) and stays reachable from
// all_key_stores(), so LeakSanitizer does not count it.
struct KeyStore {
  static constexpr size_t kChunkBytes = 16 * 1024;
  std::unordered_set<std::string_view> keys;
  std::vector<std::unique_ptr<char[]>> chunks;
  char* next = nullptr;
  size_t left = 0;

  std::string_view keep(std::string_view text) {
    if (auto found = keys.find(text); found != keys.end()) return *found;
    if (text.size() > left) {
      size_t bytes = std::max(kChunkBytes, text.size());
      chunks.push_back(std::make_unique<char[]>(bytes));
      next = chunks.back().get();
      left = bytes;
    }
    std::memcpy(next, text.data(), text.size());
    std::string_view kept(next, text.size());
    next += text.size();
    left -= text.size();
    keys.insert(kept);
    return kept;
  }
};

std::mutex key_stores_lock;
std::vector<KeyStore*>& all_key_stores() {
  static auto* stores = new std::vector<KeyStore*>;  // never destroyed: threads may end after static destructors ran
  return *stores;
}

KeyStore& this_thread_key_store() {
  thread_local KeyStore* store = nullptr;
  if (!store) {
    store = new KeyStore;
    std::lock_guard hold(key_stores_lock);
    all_key_stores().push_back(store);
  }
  return *store;
}

}  // namespace

Key Key::interned(std::string_view text) {
  if (text.empty()) return Key();
  return stable(this_thread_key_store().keep(text));
}

const detail::Node* Value::content() const {
  if (!holds_node()) return nullptr;
  if (flags_ & kDecorated) return static_cast<const detail::Decorated*>(inline_.node)->base.content();
  return inline_.node;
}

detail::Decorated* Value::decorate() {
  auto* node = new detail::Decorated;
  node->type = kDecoratedNode;
  if (flags_ & kDecorated) {
    const auto* old = static_cast<const detail::Decorated*>(inline_.node);
    node->base = old->base;
    node->symbol = old->symbol;
    if (old->rare) node->rare = std::make_unique<detail::Decorated::Rare>(*old->rare);
  } else {
    node->base = *this;
    node->base.origin_ = {};
    node->base.flags_ = 0;
  }
  release();
  inline_.node = node;
  flags_ |= kDecorated;
  return node;
}

Value Value::unknown(Origin origin, std::string symbol) {
  Value v;
  v.origin_ = origin;
  if (!symbol.empty()) v.decorate()->symbol = std::move(symbol);
  return v;
}

Value Value::unknown_string(std::vector<StringPiece> pieces, Origin origin) {
  Value v;
  v.origin_ = origin;
  v.decorate()->rare_part().pieces = std::move(pieces);
  return v;
}

Value Value::error(std::string message, Origin origin) {
  auto* node = new detail::Text;
  node->type = kTextNode;
  node->text = std::move(message);
  Value v;
  v.inline_.node = node;
  v.origin_ = origin;
  v.flags_ = kError;
  return v;
}

Value Value::null(Origin origin) {
  Value v;
  v.kind_ = ValueKind::Null;
  v.origin_ = origin;
  return v;
}

Value Value::boolean(bool b, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Bool;
  v.flags_ = b ? kTrue : 0;
  v.origin_ = origin;
  return v;
}

Value Value::number(double n, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Number;
  v.inline_.number = n;
  v.origin_ = origin;
  return v;
}

Value Value::string(std::string s, Origin origin) {
  Value v;
  v.kind_ = ValueKind::String;
  v.origin_ = origin;
  if (s.empty()) return v;  // no payload: as_string() gives the shared empty string
  auto* node = new detail::Text;
  node->type = kTextNode;
  node->text = std::move(s);
  v.inline_.node = node;
  return v;
}

Value Value::lazy_string(Value source, std::string (*make)(const Value&), Origin origin) {
  auto* node = new detail::LazyText;
  node->type = kLazyTextNode;
  node->source = std::move(source);
  node->make = make;
  Value v;
  v.kind_ = ValueKind::String;
  v.origin_ = origin;
  v.inline_.node = node;
  return v;
}

Value Value::tuple(std::vector<Value> items, Origin origin) { return tuple_of(items, origin); }

Value Value::tuple_of(std::span<Value> items, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Tuple;
  v.origin_ = origin;
  if (items.empty()) return v;
  bool any_unknown = false, any_sensitive = false, any_nonfinite = false;
  for (const Value& item : items) {
    any_unknown = any_unknown || !item.is_wholly_known();
    any_sensitive = any_sensitive || item.contains_sensitive();
    any_nonfinite = any_nonfinite || item.contains_nonfinite();
  }
  auto* node = detail::Items::make(kItemsNode, items);
  node->any_unknown = any_unknown;
  node->any_sensitive = any_sensitive;
  node->any_nonfinite = any_nonfinite;
  v.inline_.node = node;
  return v;
}

Value Value::object(std::vector<Member> members, Origin origin) { return object_of(members, origin); }

Value Value::object_of(std::span<Member> all, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Object;
  v.origin_ = origin;
  if (all.empty()) return v;
  // Sorted indexes, then each member moved once, straight into the payload.
  constexpr size_t kSmall = 64;
  uint32_t small[kSmall];
  std::vector<uint32_t> large;
  std::span<uint32_t> order(small, std::min(all.size(), kSmall));
  if (all.size() > kSmall) {
    large.resize(all.size());
    order = large;
  }
  sort_indexes_by_key(all, order);
  // Of equal keys (adjacent now), the last written wins.
  size_t count = 0;
  for (size_t k = 0; k < order.size(); ++k)
    if (k + 1 == order.size() || all[order[k]].key != all[order[k + 1]].key) order[count++] = order[k];
  auto* node = detail::Members::make_in_order(kMembersNode, all, order.first(count));
  bool any_unknown = false, any_sensitive = false, any_nonfinite = false;
  for (const Member& m : std::span<const Member>(node->data(), node->count)) {
    any_unknown = any_unknown || !m.value.is_wholly_known();
    any_sensitive = any_sensitive || m.value.contains_sensitive();
    any_nonfinite = any_nonfinite || m.value.contains_nonfinite();
  }
  node->any_unknown = any_unknown;
  node->any_sensitive = any_sensitive;
  node->any_nonfinite = any_nonfinite;
  v.inline_.node = node;
  return v;
}

bool Value::is_wholly_known() const {
  switch (kind_) {
    case ValueKind::Unknown: return false;
    case ValueKind::Tuple:
    case ValueKind::Object: {
      const detail::Node* node = content();
      return !node || !node->any_unknown;
    }
    default: return true;
  }
}

bool Value::contains_sensitive() const {
  if (flags_ & kSensitive) return true;
  if (kind_ != ValueKind::Tuple && kind_ != ValueKind::Object) return false;
  const detail::Node* node = content();
  return node && node->any_sensitive;
}

bool Value::contains_nonfinite() const {
  if (kind_ == ValueKind::Number) return !std::isfinite(as_number());
  if (kind_ != ValueKind::Tuple && kind_ != ValueKind::Object) return false;
  const detail::Node* node = content();
  return node && node->any_nonfinite;
}

double Value::as_number() const {
  if (kind_ != ValueKind::Number) return 0;
  if (flags_ & kDecorated) return static_cast<const detail::Decorated*>(inline_.node)->base.inline_.number;
  return inline_.number;
}

const std::string& Value::as_string() const {
  if (kind_ != ValueKind::String) return kEmptyString;
  const detail::Node* node = content();
  if (!node) return kEmptyString;
  if (node->type == kLazyTextNode) return static_cast<const detail::LazyText*>(node)->get();
  return static_cast<const detail::Text*>(node)->text;
}

const std::string& Value::error_message() const {
  if (!is_error()) return kEmptyString;
  const detail::Node* node = content();
  return node && node->type == kTextNode ? static_cast<const detail::Text*>(node)->text : kEmptyString;
}

std::span<const Value> Value::items() const {
  if (kind_ != ValueKind::Tuple) return {};
  const auto* node = static_cast<const detail::Items*>(content());
  return node ? std::span<const Value>(node->data(), node->count) : std::span<const Value>();
}

std::span<const Member> Value::members() const {
  if (kind_ != ValueKind::Object) return {};
  const auto* node = static_cast<const detail::Members*>(content());
  return node ? std::span<const Member>(node->data(), node->count) : std::span<const Member>();
}

const Value* Value::member(std::string_view key) const {
  const auto& ms = members();
  // Most objects have a handful of members: a scan that compares lengths
  // first reads fewer bytes than a binary search's ordered comparisons.
  if (ms.size() <= 8) {
    for (const Member& m : ms)
      if (m.key.size() == key.size() && std::equal(key.begin(), key.end(), m.key.data())) return &m.value;
    return nullptr;
  }
  auto it = std::lower_bound(ms.begin(), ms.end(), key,
                             [](const Member& m, std::string_view k) { return key_less(m.key, k); });
  return it != ms.end() && it->key == key ? &it->value : nullptr;
}

const std::string& Value::symbol() const {
  if (!(flags_ & kDecorated)) return kEmptyString;
  return static_cast<const detail::Decorated*>(inline_.node)->symbol;
}

const std::vector<StringPiece>& Value::pieces() const {
  if (!(flags_ & kDecorated)) return kNoPieces;
  const auto* node = static_cast<const detail::Decorated*>(inline_.node);
  return node->rare ? node->rare->pieces : kNoPieces;
}

const Value* Value::encoded_from() const {
  if (!(flags_ & kDecorated)) return nullptr;
  const auto* node = static_cast<const detail::Decorated*>(inline_.node);
  return node->rare && node->rare->encoded ? &*node->rare->encoded : nullptr;
}

Value Value::with_encoded_from(const Value& source) const {
  Value v = *this;
  v.decorate()->rare_part().encoded = source;
  return v;
}

Value Value::with_symbol(std::string symbol) const {
  Value v = *this;
  v.decorate()->symbol = std::move(symbol);
  return v;
}

bool equal_values(const Value& a, const Value& b) {
  if (a.kind() != b.kind() || !a.is_known()) return false;
  switch (a.kind()) {
    case ValueKind::Unknown: return false;
    case ValueKind::Null: return true;
    case ValueKind::Bool: return a.as_bool() == b.as_bool();
    case ValueKind::Number: return a.as_number() == b.as_number();
    case ValueKind::String: return a.as_string() == b.as_string();
    case ValueKind::Tuple:
      return std::equal(a.items().begin(), a.items().end(), b.items().begin(), b.items().end(), equal_values);
    case ValueKind::Object:
      return std::equal(a.members().begin(), a.members().end(), b.members().begin(), b.members().end(),
                        [](const Member& x, const Member& y) {
                          return x.key == y.key && equal_values(x.value, y.value);
                        });
  }
  return false;
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Unknown: return "unknown";
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return "bool";
    case ValueKind::Number: return "number";
    case ValueKind::String: return "string";
    case ValueKind::Tuple: return "tuple";
    case ValueKind::Object: return "object";
  }
  return "unknown";
}

namespace {

std::string fixed_shortest(double n) {
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

}  // namespace

std::string format_number(double n) {
  if (std::isnan(n)) return "NaN";
  if (std::isinf(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n == 0) return std::signbit(n) ? "-0" : "0";
  // Shortest round-trip digits, never in exponent form, as cty's
  // big.Float Text('f', -1) prints them.
  if (n == std::trunc(n)) return fixed_shortest(n);
  // Terraform computes in 512-bit decimal-friendly floats, where 0.1 + 0.2
  // is 0.3; a double's artefacts sit in the 16th and 17th digit, so a
  // 15-digit form that lies within a few ulps is the number meant.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::general, 15);
  double rounded = 0;
  if (ec == std::errc() && std::from_chars(buf, end, rounded).ec == std::errc() &&
      std::fabs(rounded - n) <= 4 * std::fabs(std::nextafter(n, 0.0) - n))
    return fixed_shortest(rounded);
  return fixed_shortest(n);
}


}  // namespace ecslint::eval

// The syntax tree shared by all front ends.
//
// HCL native syntax, HCL JSON syntax and plain JSON all produce these nodes:
// a JSON object is an ObjectExpr, an array a TupleExpr, a string a
// LiteralExpr (or, in a .tf.json expression string, a TemplateExpr), so the
// evaluator and the model builder have one tree shape to walk.
//
// Nodes live in the file's Arena and are trivially destructible; every string
// is a view into the source buffer or into the arena (when escapes had to be
// decoded). Every node keeps its byte range in the source file.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "grammar/source.h"

namespace ecslint::ast {

// A bump allocator released whole with its file. The common case, room left
// in the current block, is a pointer bump inlined into the caller; blocks
// grow by half each time, as std::pmr::monotonic_buffer_resource's do.
class Arena {
 public:
  Arena() = default;
  ~Arena() {
    while (blocks_) {
      Block* prev = blocks_->prev;
      ::operator delete(blocks_);
      blocks_ = prev;
    }
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    void* p = allocate(sizeof(T), alignof(T));
    return new (p) T(std::forward<Args>(args)...);
  }

  template <typename T>
  std::span<T> copy(const std::vector<T>& items) {
    return copy(std::span<const T>(items.data(), items.size()));
  }

  // Copies a slice, e.g. the tail of a scratch stack a parser reuses.
  template <typename T>
  std::span<T> copy(std::span<const T> items) {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    if (items.empty()) return {};
    T* p = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    for (size_t i = 0; i < items.size(); ++i) new (p + i) T(items[i]);
    return {p, items.size()};
  }

  // `count` default-constructed items, for a parser that knows how many.
  template <typename T>
  std::span<T> make_array(size_t count) {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    if (count == 0) return {};
    T* p = static_cast<T*>(allocate(sizeof(T) * count, alignof(T)));
    for (size_t i = 0; i < count; ++i) new (p + i) T();
    return {p, count};
  }

  // Uninitialised bytes for text built in place.
  void* allocate_bytes(size_t size) { return allocate(size, 1); }

  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    char* p = static_cast<char*>(allocate(text.size(), 1));
    std::copy(text.begin(), text.end(), p);
    return {p, text.size()};
  }

 private:
  struct alignas(std::max_align_t) Block {
    Block* prev;
  };

  [[gnu::always_inline]] void* allocate(size_t size, size_t align) {
    size_t pad = (0 - reinterpret_cast<uintptr_t>(next_)) & (align - 1);
    if (size + pad <= size_t(end_ - next_)) [[likely]] {
      char* p = next_ + pad;
      next_ = p + size;
      return p;
    }
    return allocate_in_new_block(size, align);
  }

  [[gnu::noinline]] void* allocate_in_new_block(size_t size, size_t align) {
    size_t bytes = std::max(next_block_bytes_, sizeof(Block) + size + align);
    next_block_bytes_ += next_block_bytes_ / 2;
    auto* block = static_cast<Block*>(::operator new(bytes));
    block->prev = blocks_;
    blocks_ = block;
    next_ = reinterpret_cast<char*>(block + 1);
    end_ = reinterpret_cast<char*>(block) + bytes;
    return allocate(size, align);
  }

  char* next_ = nullptr;
  char* end_ = nullptr;
  Block* blocks_ = nullptr;
  size_t next_block_bytes_ = 4096;
};

enum class ExprKind : uint8_t {
  Literal,            // null, bool, number, string
  Template,           // "a ${b} c", heredocs, %{if}/%{for} directives
  TemplateWrap,       // "${x}" alone: yields x's value unchanged
  TemplateJoin,       // %{for}: joins the results of its ForExpr
  ScopeTraversal,     // var.a.b[0]
  RelativeTraversal,  // f(x).a.b
  FunctionCall,
  Conditional,
  BinaryOp,
  UnaryOp,
  Parentheses,
  Tuple,
  Object,
  ObjectKey,
  For,
  Index,
  Splat,
  AnonSymbol,  // the per-element placeholder inside a SplatExpr
};

enum class LiteralType : uint8_t { Null, Bool, Number, String };

// A literal value. Numbers keep their source text: values are arbitrary
// precision in Terraform, and the evaluator decides how to read them.
struct Literal {
  LiteralType type = LiteralType::Null;
  bool boolean = false;
  // A native-syntax "..." string without interpolation. HashiCorp's parser
  // makes it a template of one literal part; here it is the literal alone,
  // 48 bytes and a node fewer for the most common expression of a file,
  // and its range (the LiteralExpr's) includes the quotes as the
  // template's would. hcl_dump.cpp prints it in HashiCorp's shape.
  bool quoted = false;
  std::string_view text;  // decoded string, or the number's literal text
};

struct Expr {
  ExprKind kind;
  // Set by the native-syntax parser on tuples and objects made of literals
  // and of such tuples and objects (keys bare names or literals): their
  // value is the same wherever and however often they are evaluated.
  bool constant = false;
  Range range;
};

// A literal, or a tuple or object marked `constant`.
inline bool is_constant(const Expr* e) { return e && (e->kind == ExprKind::Literal || e->constant); }

struct LiteralExpr : Expr {
  Literal value;
};

struct TemplateExpr : Expr {
  std::span<Expr*> parts;
  bool heredoc = false;
};

struct TemplateWrapExpr : Expr {
  Expr* wrapped = nullptr;
};

struct TemplateJoinExpr : Expr {
  Expr* tuple = nullptr;  // a ForExpr
};

enum class StepKind : uint8_t { Root, Attr, Index, Splat };

// 32 bytes: a traversal step is the most numerous node of a Terraform
// file, so an Index step keeps its key's parts beside the name's view
// rather than a Literal of its own.
struct TraversalStep {
  StepKind kind = StepKind::Root;
  LiteralType key_type = LiteralType::Null;  // Index: the key's type (a[true] is an index too)
  bool key_bool = false;
  Range range;
  std::string_view name;  // Root and Attr: the name; Index: the key's text

  Literal key() const { return {.type = key_type, .boolean = key_bool, .text = name}; }  // Index
  void set_key(const Literal& key) {
    key_type = key.type;
    key_bool = key.boolean;
    name = key.text;
  }
};
static_assert(sizeof(TraversalStep) == 32);

struct ScopeTraversalExpr : Expr {
  std::span<TraversalStep> steps;  // steps[0] is the Root
};

struct RelativeTraversalExpr : Expr {
  Expr* source = nullptr;
  std::span<TraversalStep> steps;  // no Root
};

struct FunctionCallExpr : Expr {
  std::string_view name;  // may contain "::" (provider::aws::arn_parse)
  Range name_range;
  std::span<Expr*> args;
  bool expand_final = false;  // f(a, b...)
  Range open_paren, close_paren;
};

struct ConditionalExpr : Expr {
  Expr* condition = nullptr;
  Expr* true_result = nullptr;
  Expr* false_result = nullptr;
};

enum class BinaryOp : uint8_t {
  Or, And, Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual,
  Add, Subtract, Multiply, Divide, Modulo,
};

enum class UnaryOp : uint8_t { Not, Negate };

struct BinaryOpExpr : Expr {
  BinaryOp op;
  Expr* lhs = nullptr;
  Expr* rhs = nullptr;
};

struct UnaryOpExpr : Expr {
  UnaryOp op;
  Expr* operand = nullptr;
};

struct ParenthesesExpr : Expr {
  Expr* inner = nullptr;
};

struct TupleExpr : Expr {
  std::span<Expr*> items;
};

struct ObjectItem {
  Expr* key = nullptr;  // an ObjectKeyExpr in native syntax; a LiteralExpr or TemplateExpr in JSON
  Expr* value = nullptr;
};

struct ObjectExpr : Expr {
  std::span<ObjectItem> items;  // source order; duplicate keys are kept
};

// Wraps an object key: a bare identifier is a literal name unless the key was
// written in parentheses (force_non_literal). A bare name (`name = ...`,
// most keys) is held as `name` with no wrapped expression; HashiCorp's
// parser wraps a one-step traversal, which hcl_dump.cpp prints.
struct ObjectKeyExpr : Expr {
  bool force_non_literal = false;
  Expr* wrapped = nullptr;  // nullptr for a bare name
  std::string_view name;    // the bare name, when wrapped is nullptr
};

struct ForExpr : Expr {
  std::string_view key_var;  // empty when the for has one variable
  std::string_view value_var;
  Expr* collection = nullptr;
  Expr* key = nullptr;  // object for only
  Expr* value = nullptr;
  Expr* condition = nullptr;  // optional
  bool group = false;         // `...` in an object for
  Range open_bracket, close_bracket;
};

struct IndexExpr : Expr {
  Expr* collection = nullptr;
  Expr* key = nullptr;
  Range open_bracket;
};

struct SplatExpr : Expr {
  Expr* source = nullptr;
  Expr* each = nullptr;  // evaluated per element, relative to an AnonSymbolExpr
  Range marker;          // the `.*` or `[*]`
};

struct AnonSymbolExpr : Expr {};

// ---------------------------------------------------------------- bodies

struct Body;

struct Attribute {
  std::string_view name;
  Range name_range;
  Expr* value = nullptr;
  Range range;  // name through end of value
};

struct BlockLabel {
  std::string_view value;  // decoded
  Range range;             // includes quotes when quoted
  bool quoted = false;
};

struct Block {
  std::string_view type;
  Range type_range;
  std::span<BlockLabel> labels;
  Body* body = nullptr;
  Range open_brace, close_brace;
  Range range;  // type through closing brace
};

struct Body {
  std::span<Attribute> attributes;  // source order
  std::span<Block> blocks;          // source order
  Range range;
};

// Downcasts checked by kind; a mismatched cast returns nullptr.
template <typename T>
const T* as(const Expr* e);

#define ECSLINT_AST_KIND(T, K) \
  template <>                  \
  inline const T* as<T>(const Expr* e) { return e && e->kind == ExprKind::K ? static_cast<const T*>(e) : nullptr; }
ECSLINT_AST_KIND(LiteralExpr, Literal)
ECSLINT_AST_KIND(TemplateExpr, Template)
ECSLINT_AST_KIND(TemplateWrapExpr, TemplateWrap)
ECSLINT_AST_KIND(TemplateJoinExpr, TemplateJoin)
ECSLINT_AST_KIND(ScopeTraversalExpr, ScopeTraversal)
ECSLINT_AST_KIND(RelativeTraversalExpr, RelativeTraversal)
ECSLINT_AST_KIND(FunctionCallExpr, FunctionCall)
ECSLINT_AST_KIND(ConditionalExpr, Conditional)
ECSLINT_AST_KIND(BinaryOpExpr, BinaryOp)
ECSLINT_AST_KIND(UnaryOpExpr, UnaryOp)
ECSLINT_AST_KIND(ParenthesesExpr, Parentheses)
ECSLINT_AST_KIND(TupleExpr, Tuple)
ECSLINT_AST_KIND(ObjectExpr, Object)
ECSLINT_AST_KIND(ObjectKeyExpr, ObjectKey)
ECSLINT_AST_KIND(ForExpr, For)
ECSLINT_AST_KIND(IndexExpr, Index)
ECSLINT_AST_KIND(SplatExpr, Splat)
ECSLINT_AST_KIND(AnonSymbolExpr, AnonSymbol)
#undef ECSLINT_AST_KIND

}  // namespace ecslint::ast

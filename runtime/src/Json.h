//===- Json.h - A small strict JSON parser ---------------------*- C++ -*-===//
//
// Enough JSON for a safetensors header, written for hostile input: strict
// RFC 8259 syntax, UTF-8 validated, nesting depth limited (so recursion is
// bounded), duplicate object keys rejected, integers kept exact.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_JSON_H
#define NNC_RUNTIME_JSON_H

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nnc {

class JsonValue {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  /// Set when the number literal is an integer that fits in int64.
  bool isInteger = false;
  int64_t integer = 0;
  std::string string;
  std::vector<JsonValue> array;
  /// Keys in document order (unique: duplicates are a parse error).
  std::vector<std::pair<std::string, JsonValue>> object;

  /// The member named `key` of an object, or null.
  const JsonValue *find(const std::string &key) const;
  /// "object", "array", ... for error messages.
  const char *kindName() const;
};

constexpr int kMaxJsonDepth = 64;

/// Parses `text`. On failure returns false and sets `error` to a short
/// description with the byte offset ("expected ':' at byte 17").
bool parseJson(const std::string &text, JsonValue &result, std::string &error);

} // namespace nnc

#endif // NNC_RUNTIME_JSON_H

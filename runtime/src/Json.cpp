//===- Json.cpp - A small strict JSON parser ------------------------------===//
#include "Json.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

namespace nnc {

const JsonValue *JsonValue::find(const std::string &key) const {
  for (const auto &member : object)
    if (member.first == key)
      return &member.second;
  return nullptr;
}

const char *JsonValue::kindName() const {
  switch (kind) {
  case Kind::Null:
    return "null";
  case Kind::Bool:
    return "boolean";
  case Kind::Number:
    return "number";
  case Kind::String:
    return "string";
  case Kind::Array:
    return "array";
  case Kind::Object:
    return "object";
  }
  return "value";
}

namespace {

class JsonParser {
public:
  explicit JsonParser(const std::string &text) : text_(text) {}

  bool parseDocument(JsonValue &result, std::string &error) {
    bool ok = skipSpace() && parseValue(result, 0) && skipSpace();
    if (ok && pos_ != text_.size())
      ok = fail("unexpected trailing characters");
    if (!ok)
      error = error_;
    return ok;
  }

private:
  const std::string &text_;
  size_t pos_ = 0;
  std::string error_;

  bool fail(const std::string &what) {
    if (error_.empty())
      error_ = what + " at byte " + std::to_string(pos_);
    return false;
  }
  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }

  bool skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' ||
                        peek() == '\r'))
      ++pos_;
    return true;
  }

  bool expect(char c) {
    if (peek() != c || atEnd())
      return fail(std::string("expected '") + c + "'");
    ++pos_;
    return true;
  }

  bool parseLiteral(const char *word) {
    size_t n = std::strlen(word);
    if (text_.compare(pos_, n, word) != 0)
      return fail("invalid literal");
    pos_ += n;
    return true;
  }

  bool parseValue(JsonValue &value, int depth) {
    if (atEnd())
      return fail("unexpected end of JSON");
    switch (peek()) {
    case '{':
      return parseObject(value, depth + 1);
    case '[':
      return parseArray(value, depth + 1);
    case '"':
      value.kind = JsonValue::Kind::String;
      return parseString(value.string);
    case 't':
      value.kind = JsonValue::Kind::Bool;
      value.boolean = true;
      return parseLiteral("true");
    case 'f':
      value.kind = JsonValue::Kind::Bool;
      return parseLiteral("false");
    case 'n':
      value.kind = JsonValue::Kind::Null;
      return parseLiteral("null");
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
        return parseNumber(value);
      return fail("unexpected character");
    }
  }

  bool parseObject(JsonValue &value, int depth) {
    if (depth > kMaxJsonDepth)
      return fail("JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                  " levels");
    value.kind = JsonValue::Kind::Object;
    ++pos_; // '{'
    skipSpace();
    if (peek() == '}' && !atEnd()) {
      ++pos_;
      return true;
    }
    // Linear lookups would make a header with many keys quadratic.
    std::unordered_set<std::string> seenKeys;
    while (true) {
      skipSpace();
      std::string key;
      size_t keyPos = pos_;
      if (peek() != '"' || atEnd())
        return fail("expected a string key");
      if (!parseString(key))
        return false;
      if (!seenKeys.insert(key).second) {
        pos_ = keyPos;
        return fail("duplicate key \"" + key + "\"");
      }
      skipSpace();
      if (!expect(':'))
        return false;
      skipSpace();
      value.object.emplace_back(std::move(key), JsonValue());
      if (!parseValue(value.object.back().second, depth))
        return false;
      skipSpace();
      if (peek() == ',' && !atEnd()) {
        ++pos_;
        continue;
      }
      return expect('}');
    }
  }

  bool parseArray(JsonValue &value, int depth) {
    if (depth > kMaxJsonDepth)
      return fail("JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                  " levels");
    value.kind = JsonValue::Kind::Array;
    ++pos_; // '['
    skipSpace();
    if (peek() == ']' && !atEnd()) {
      ++pos_;
      return true;
    }
    while (true) {
      skipSpace();
      value.array.emplace_back();
      if (!parseValue(value.array.back(), depth))
        return false;
      skipSpace();
      if (peek() == ',' && !atEnd()) {
        ++pos_;
        continue;
      }
      return expect(']');
    }
  }

  bool parseNumber(JsonValue &value) {
    size_t start = pos_;
    if (peek() == '-')
      ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9' && !atEnd())
        ++pos_;
    } else {
      return fail("invalid number");
    }
    bool integral = true;
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9'))
        return fail("invalid number");
      while (peek() >= '0' && peek() <= '9' && !atEnd())
        ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-')
        ++pos_;
      if (!(peek() >= '0' && peek() <= '9'))
        return fail("invalid number");
      while (peek() >= '0' && peek() <= '9' && !atEnd())
        ++pos_;
    }
    std::string literal = text_.substr(start, pos_ - start);
    value.kind = JsonValue::Kind::Number;
    value.number = std::strtod(literal.c_str(), nullptr);
    if (integral) {
      errno = 0;
      long long parsed = std::strtoll(literal.c_str(), nullptr, 10);
      if (errno == 0) {
        value.isInteger = true;
        value.integer = parsed;
      }
    }
    return true;
  }

  static void appendUtf8(std::string &out, uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool parseHex4(uint32_t &code) {
    if (pos_ + 4 > text_.size())
      return fail("truncated \\u escape");
    code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      code <<= 4;
      if (c >= '0' && c <= '9')
        code |= c - '0';
      else if (c >= 'a' && c <= 'f')
        code |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        code |= c - 'A' + 10;
      else
        return fail("invalid \\u escape");
    }
    return true;
  }

  /// Checks one UTF-8 sequence starting at pos_ and copies it to `out`.
  bool copyUtf8Sequence(std::string &out) {
    unsigned char lead = static_cast<unsigned char>(text_[pos_]);
    int length;
    uint32_t code;
    if (lead < 0x80) {
      length = 1;
      code = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code = lead & 0x07;
    } else {
      return fail("invalid UTF-8");
    }
    if (pos_ + length > text_.size())
      return fail("invalid UTF-8 (truncated sequence)");
    for (int i = 1; i < length; ++i) {
      unsigned char next = static_cast<unsigned char>(text_[pos_ + i]);
      if ((next & 0xC0) != 0x80)
        return fail("invalid UTF-8");
      code = (code << 6) | (next & 0x3F);
    }
    static const uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < minimum[length] || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF))
      return fail("invalid UTF-8");
    out.append(text_, pos_, length);
    pos_ += length;
    return true;
  }

  bool parseString(std::string &out) {
    ++pos_; // opening quote
    while (true) {
      if (atEnd())
        return fail("unterminated string");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("control character in string");
      if (c != '\\') {
        if (!copyUtf8Sequence(out))
          return false;
        continue;
      }
      ++pos_;
      if (atEnd())
        return fail("unterminated string");
      char escape = text_[pos_++];
      switch (escape) {
      case '"':
      case '\\':
      case '/':
        out += escape;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t code = 0;
        if (!parseHex4(code))
          return false;
        if (code >= 0xD800 && code <= 0xDBFF) {
          uint32_t low = 0;
          if (text_.compare(pos_, 2, "\\u") != 0)
            return fail("unpaired surrogate in \\u escape");
          pos_ += 2;
          if (!parseHex4(low))
            return false;
          if (low < 0xDC00 || low > 0xDFFF)
            return fail("unpaired surrogate in \\u escape");
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        } else if (code >= 0xDC00 && code <= 0xDFFF) {
          return fail("unpaired surrogate in \\u escape");
        }
        appendUtf8(out, code);
        break;
      }
      default:
        return fail("invalid escape in string");
      }
    }
  }
};

} // namespace

bool parseJson(const std::string &text, JsonValue &result, std::string &error) {
  result = JsonValue();
  return JsonParser(text).parseDocument(result, error);
}

} // namespace nnc

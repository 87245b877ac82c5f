//===- Preprocess.cpp - Byte-level checks before the grammar runs ---------===//

#include "Preprocess.h"

#include <cstdio>
#include <vector>

namespace nnc::dsl {
namespace {

/// Length of the valid UTF-8 sequence starting at `i`, or 0 if invalid
/// (overlong forms, surrogates and code points above U+10FFFF included).
size_t utf8SequenceLength(std::string_view s, size_t i, uint32_t &codePoint) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    codePoint = c;
    return 1;
  }
  size_t len;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, min = 0x80, codePoint = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, min = 0x800, codePoint = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, min = 0x10000, codePoint = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size())
    return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
    codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
  }
  if (codePoint < min || codePoint > 0x10FFFF ||
      (codePoint >= 0xD800 && codePoint <= 0xDFFF))
    return 0;
  return len;
}

std::string hexByte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", c);
  return buf;
}

std::string codePointName(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

} // namespace

bool preprocessSource(std::string_view source, std::string &clean,
                      Diagnostic &diag) {
  if (source.size() >= UINT32_MAX) {
    diag = {{0, 0}, "file is too large (4 GiB or more)", {}};
    return false;
  }
  clean.assign(source.begin(), source.end());
  std::vector<uint32_t> open; // offsets of unclosed '(' and '['
  bool inComment = false;
  for (size_t i = 0; i < source.size();) {
    uint32_t cp = 0;
    size_t len = utf8SequenceLength(source, i, cp);
    uint32_t at = static_cast<uint32_t>(i);
    if (len == 0) {
      diag = {{at, at + 1},
              "invalid UTF-8 byte " +
                  hexByte(static_cast<unsigned char>(source[i])) +
                  " (the file must be UTF-8 text)",
              {}};
      return false;
    }
    if (cp == '\n') {
      inComment = false;
      if (!open.empty())
        clean[i] = ' ';
      ++i;
      continue;
    }
    if ((cp < 0x20 && cp != '\t' && cp != '\r') || cp == 0x7F) {
      diag = {{at, at + 1},
              "invalid character " + codePointName(cp) +
                  (cp == 0 ? " (NUL)" : "") + " in source",
              {}};
      return false;
    }
    if (cp == '\r') {
      clean[i] = ' ';
      ++i;
      continue;
    }
    if (inComment || cp == '#') {
      inComment = true;
      for (size_t k = 0; k < len; ++k)
        clean[i + k] = ' ';
      i += len;
      continue;
    }
    if (cp >= 0x80) {
      diag = {{at, static_cast<uint32_t>(i + len)},
              "non-ASCII character '" + std::string(source.substr(i, len)) +
                  "' (" + codePointName(cp) +
                  ") is only allowed in comments",
              {}};
      return false;
    }
    if (cp == '(' || cp == '[') {
      if (open.size() >= kMaxNesting) {
        diag = {{at, at + 1},
                "too deeply nested: more than " + std::to_string(kMaxNesting) +
                    " levels of parentheses and brackets",
                {}};
        return false;
      }
      open.push_back(at);
    } else if ((cp == ')' || cp == ']') && !open.empty()) {
      open.pop_back();
    }
    ++i;
  }
  return true;
}

std::optional<uint32_t> innermostOpenBracket(std::string_view clean,
                                             uint32_t offset, char open) {
  std::vector<std::pair<char, uint32_t>> stack;
  for (uint32_t i = 0; i < offset && i < clean.size(); ++i) {
    char c = clean[i];
    if (c == '(' || c == '[' || c == '{') {
      stack.emplace_back(c, i);
    } else if (c == ')' || c == ']' || c == '}') {
      // Pop up to the matching opener; mismatches are the parser's to report.
      for (size_t k = stack.size(); k-- > 0;) {
        if ((c == ')' && stack[k].first == '(') ||
            (c == ']' && stack[k].first == '[') ||
            (c == '}' && stack[k].first == '{')) {
          stack.resize(k);
          break;
        }
      }
    }
  }
  for (size_t k = stack.size(); k-- > 0;)
    if (stack[k].first == open)
      return stack[k].second;
  return std::nullopt;
}

} // namespace nnc::dsl

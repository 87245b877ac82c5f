//===- Preprocess.cpp - Byte-level checks before the grammar runs ---------===//

#include "Preprocess.h"

#include "Utf8.h"

#include <cstdio>
#include <vector>

namespace nnc::dsl {
namespace {

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
    // A byte-order mark opening the file (some Windows editors write one)
    // is blanked like whitespace.
    if (cp == 0xFEFF && i == 0) {
      for (size_t k = 0; k < len; ++k)
        clean[k] = ' ';
      i += len;
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
                  "' (" + codePointName(cp) + ") is only allowed in comments",
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
    if (stack[k].first == open || (open == 0 && stack[k].first != '{'))
      return stack[k].second;
  return std::nullopt;
}

} // namespace nnc::dsl

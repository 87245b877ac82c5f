//===- Utf8.h - Strict UTF-8 decoding ----------------------------*- C++
//-*-===//
#ifndef NNC_DSL_UTF8_H
#define NNC_DSL_UTF8_H

#include <cstdint>
#include <string_view>

namespace nnc::dsl {

/// Length of the valid UTF-8 sequence starting at `i` (its code point in
/// `codePoint`), or 0 if the bytes there are not valid UTF-8: overlong
/// forms, surrogates, code points above U+10FFFF and truncated sequences
/// are all invalid.
inline size_t utf8SequenceLength(std::string_view s, size_t i,
                                 uint32_t &codePoint) {
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

} // namespace nnc::dsl

#endif // NNC_DSL_UTF8_H

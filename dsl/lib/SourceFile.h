//===- SourceFile.h - Source text, spans and line:col lookup ----*- C++ -*-===//
//
// Every AST node and diagnostic refers to the source by byte offsets; this
// class turns them into 1-based line:col (columns count code points, so a
// caret lines up under UTF-8 text in comments) and gives back source lines.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_SOURCEFILE_H
#define NNC_DSL_SOURCEFILE_H

#include "nnc/dsl/Program.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnc::dsl {

/// A half-open byte range [begin, end) in the source text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

inline Span join(Span a, Span b) {
  return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
}

class SourceFile {
public:
  SourceFile(std::string name, std::string_view text);

  const std::string &name() const { return name_; }
  std::string_view text() const { return text_; }

  /// 1-based line and column (in code points) of a byte offset. An offset at
  /// or past the end of a file that ends with a newline maps to the end of
  /// the last line, where a reader expects "end of file" errors.
  Loc locate(uint32_t offset) const;

  /// The text of a 1-based line, without its newline.
  std::string_view lineText(unsigned line) const;

  /// Byte offset where a 1-based line starts.
  uint32_t lineStart(unsigned line) const { return lineStarts_[line - 1]; }

private:
  std::string name_;
  std::string_view text_;
  /// Number of UTF-8 continuation bytes before offset `64 * i`, so that a
  /// column in a very long line costs O(64), not O(line length).
  uint32_t continuationsBefore(uint32_t offset) const;

  std::vector<uint32_t> lineStarts_;
  std::vector<uint32_t> continuationSamples_;
};

} // namespace nnc::dsl

#endif // NNC_DSL_SOURCEFILE_H

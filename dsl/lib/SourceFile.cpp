//===- SourceFile.cpp - Source text, spans and line:col lookup ------------===//

#include "SourceFile.h"

#include <algorithm>

namespace nnc::dsl {

static constexpr uint32_t kSampleStride = 64;

SourceFile::SourceFile(std::string name, std::string_view text)
    : name_(std::move(name)), text_(text) {
  lineStarts_.push_back(0);
  uint32_t continuations = 0;
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (i % kSampleStride == 0)
      continuationSamples_.push_back(continuations);
    if (text_[i] == '\n')
      lineStarts_.push_back(i + 1);
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80)
      ++continuations;
  }
  continuationSamples_.push_back(continuations);
}

uint32_t SourceFile::continuationsBefore(uint32_t offset) const {
  uint32_t sample = offset / kSampleStride;
  uint32_t count = continuationSamples_[sample];
  for (uint32_t i = sample * kSampleStride; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80)
      ++count;
  return count;
}

Loc SourceFile::locate(uint32_t offset) const {
  if (offset > text_.size())
    offset = static_cast<uint32_t>(text_.size());
  // End of a file that ends with a newline: report the end of the last line.
  if (offset == text_.size() && offset > 0 && text_[offset - 1] == '\n')
    --offset;
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  unsigned line = static_cast<unsigned>(it - lineStarts_.begin());
  uint32_t start = lineStarts_[line - 1];
  // Columns count code points: continuation bytes take no column.
  unsigned col = 1 + (offset - start) -
                 (continuationsBefore(offset) - continuationsBefore(start));
  return Loc{line, col};
}

std::string_view SourceFile::lineText(unsigned line) const {
  if (line == 0 || line > lineStarts_.size())
    return {};
  uint32_t start = lineStarts_[line - 1];
  uint32_t end = line < lineStarts_.size()
                     ? lineStarts_[line] - 1
                     : static_cast<uint32_t>(text_.size());
  std::string_view result = text_.substr(start, end - start);
  if (!result.empty() && result.back() == '\r')
    result.remove_suffix(1);
  return result;
}

} // namespace nnc::dsl

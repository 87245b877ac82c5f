//===- Diagnostics.cpp - Located errors in clang's format -----------------===//

#include "Diagnostics.h"

#include "Utf8.h"

#include <algorithm>
#include <ostream>

namespace nnc::dsl {
namespace {

/// Long lines are shown as a window of this many columns around the caret.
constexpr size_t kMaxShownColumns = 200;
constexpr size_t kWindowBefore = 60;
constexpr size_t kWindowWidth = 160;

/// One displayed column: the text shown for one code point of the line.
struct Cell {
  std::string text;
  size_t byte = 0; // offset of the code point in the line
  bool isTab = false;
};

/// Splits bytes [begin, end) of a source line into printable cells, one per
/// code point: tabs are kept (so the caret line can reuse them), control
/// characters and bytes that are not valid UTF-8 show as '?' so the output
/// stays valid text.
std::vector<Cell> toCells(std::string_view line, size_t begin, size_t end) {
  std::vector<Cell> cells;
  size_t i = begin;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      cells.push_back({"\t", i, true});
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      cells.push_back({"?", i, false});
      ++i;
      continue;
    }
    uint32_t codePoint;
    size_t len = utf8SequenceLength(line, i, codePoint);
    if (len == 0) {
      // A stray continuation byte takes no column in SourceFile::locate.
      if ((c & 0xC0) != 0x80)
        cells.push_back({"?", i, false});
      ++i;
      continue;
    }
    cells.push_back({std::string(line.substr(i, len)), i, false});
    i += len;
  }
  return cells;
}

/// Index of the first cell at or after byte `byte`.
size_t cellAt(const std::vector<Cell> &cells, size_t byte) {
  size_t k = 0;
  while (k < cells.size() && cells[k].byte < byte)
    ++k;
  return k;
}

void printLocated(std::ostream &os, const SourceFile &file, Span span,
                  const char *severity, const std::string &message) {
  Loc loc = file.locate(span.begin);
  os << file.name() << ':' << loc.line << ':' << loc.col << ": " << severity
     << ": " << message << '\n';

  std::string_view line = file.lineText(loc.line);
  uint32_t lineStart = file.lineStart(loc.line);
  size_t caretByte = std::min<size_t>(
      span.begin > lineStart ? span.begin - lineStart : 0, line.size());
  size_t endByte = std::min<size_t>(
      span.end > lineStart ? span.end - lineStart : 0, line.size());

  // Only a window of bytes around the caret can be shown: decode just that
  // (4 bytes per column at most), starting on a code point boundary.
  size_t begin = 0, end = line.size();
  if (line.size() > kMaxShownColumns) {
    begin = caretByte > 4 * kWindowBefore ? caretByte - 4 * kWindowBefore : 0;
    while (begin > 0 &&
           (static_cast<unsigned char>(line[begin]) & 0xC0) == 0x80)
      --begin;
    end = std::min(line.size(), caretByte + 4 * kWindowWidth);
  }
  std::vector<Cell> cells = toCells(line, begin, end);
  size_t caret = cellAt(cells, caretByte);
  size_t rangeEnd = std::max(caret + 1, cellAt(cells, endByte));

  size_t first = 0, last = cells.size();
  if (begin > 0 || end < line.size() || cells.size() > kMaxShownColumns) {
    first = caret > kWindowBefore ? caret - kWindowBefore : 0;
    last = std::min(cells.size(), first + kWindowWidth);
  }
  bool clippedFront = begin > 0 || first > 0;
  bool clippedBack = end < line.size() || last < cells.size();

  std::string sourceLine, caretLine;
  if (clippedFront) {
    sourceLine += "...";
    caretLine += "   ";
  }
  for (size_t i = first; i < last; ++i)
    sourceLine += cells[i].text;
  if (clippedBack)
    sourceLine += "...";
  for (size_t i = first; i < caret; ++i)
    caretLine += i < last && cells[i].isTab ? '\t' : ' ';
  caretLine += '^';
  for (size_t i = caret + 1; i < std::min(rangeEnd, last); ++i)
    caretLine += '~';
  os << sourceLine << '\n' << caretLine << '\n';
}

} // namespace

void printDiagnostic(std::ostream &os, const SourceFile &file,
                     const Diagnostic &diag) {
  printLocated(os, file, diag.span, "error", diag.message);
  for (const Note &note : diag.notes)
    printLocated(os, file, note.span, "note", note.message);
}

} // namespace nnc::dsl

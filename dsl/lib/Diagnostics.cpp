//===- Diagnostics.cpp - Located errors in clang's format -----------------===//

#include "Diagnostics.h"

#include "Utf8.h"

#include <ostream>

namespace nnc::dsl {
namespace {

/// Long lines are shown as a window around the caret.
constexpr size_t kMaxShownColumns = 200;
constexpr size_t kWindowBefore = 60;
constexpr size_t kWindowWidth = 160;

/// One displayed column: the text shown for one code point of the line.
struct Cell {
  std::string text;
  bool isTab = false;
};

/// Splits a source line into printable cells, one per code point: tabs are
/// kept (so the caret line can reuse them), control characters and bytes
/// that are not valid UTF-8 show as '?' so the output stays valid text.
std::vector<Cell> toCells(std::string_view line) {
  std::vector<Cell> cells;
  size_t i = 0;
  while (i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      cells.push_back({"\t", true});
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      cells.push_back({"?", false});
      ++i;
      continue;
    }
    if (c < 0x80) {
      cells.push_back({std::string(1, static_cast<char>(c)), false});
      ++i;
      continue;
    }
    uint32_t codePoint;
    size_t len = utf8SequenceLength(line, i, codePoint);
    if (len == 0) {
      // A stray continuation byte takes no column in SourceFile::locate.
      if ((c & 0xC0) != 0x80)
        cells.push_back({"?", false});
      ++i;
      continue;
    }
    cells.push_back({std::string(line.substr(i, len)), false});
    i += len;
  }
  return cells;
}

void printLocated(std::ostream &os, const SourceFile &file, Span span,
                  const char *severity, const std::string &message) {
  Loc loc = file.locate(span.begin);
  os << file.name() << ':' << loc.line << ':' << loc.col << ": " << severity
     << ": " << message << '\n';

  std::string_view line = file.lineText(loc.line);
  std::vector<Cell> cells = toCells(line);
  size_t caret = loc.col - 1;
  // The range ends at the span's end or at the end of the caret's line.
  size_t rangeEnd = caret + 1;
  if (span.end > span.begin) {
    uint32_t lineEndOffset =
        file.lineStart(loc.line) + static_cast<uint32_t>(line.size());
    uint32_t end = span.end < lineEndOffset ? span.end : lineEndOffset;
    Loc endLoc = file.locate(end);
    if (endLoc.line == loc.line && endLoc.col - 1 > caret)
      rangeEnd = endLoc.col - 1;
  }

  size_t first = 0, last = cells.size();
  bool clippedFront = false, clippedBack = false;
  if (cells.size() > kMaxShownColumns) {
    first = caret > kWindowBefore ? caret - kWindowBefore : 0;
    last = first + kWindowWidth < cells.size() ? first + kWindowWidth
                                               : cells.size();
    clippedFront = first > 0;
    clippedBack = last < cells.size();
  }

  std::string sourceLine, caretLine;
  if (clippedFront) {
    sourceLine += "...";
    caretLine += "   ";
  }
  for (size_t i = first; i < last; ++i)
    sourceLine += cells[i].text;
  if (clippedBack)
    sourceLine += "...";
  for (size_t i = first; i < caret && i < last; ++i)
    caretLine += cells[i].isTab ? '\t' : ' ';
  for (size_t i = last; i < caret; ++i)
    caretLine += ' ';
  caretLine += '^';
  size_t tildeEnd = rangeEnd < last ? rangeEnd : last;
  for (size_t i = caret + 1; i < tildeEnd; ++i)
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

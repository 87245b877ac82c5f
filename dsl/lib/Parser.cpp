//===- Parser.cpp - Text to AST: the one TU that instantiates X3 ----------===//

#include "Parser.h"

#include "Preprocess.h"
#include "parser/grammar_def.hpp"

namespace nnc::dsl {
namespace x3 = boost::spirit::x3;

namespace {

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/// The token at `at`, for "found ..." in a syntax error; `end` receives the
/// end of the token so the caret can underline it.
std::string describeFound(std::string_view text, uint32_t at, uint32_t &end) {
  end = at;
  if (at >= text.size())
    return "end of file";
  char c = text[at];
  if (c == '\n')
    return "end of line";
  if (isNameChar(c)) {
    while (end < text.size() && isNameChar(text[end]) && end - at < 64)
      ++end;
    std::string word(text.substr(at, end - at));
    if (parser::isReservedWord(word))
      return "keyword '" + word + "'";
    return "'" + word + "'";
  }
  end = at + 1;
  return "'" + std::string(1, c) + "'";
}

/// X3 describes literal strings as "abc"; the diagnostics quote with '.
std::string describeExpected(const std::string &which) {
  if (which.size() >= 2 && which.front() == '"' && which.back() == '"')
    return "'" + which.substr(1, which.size() - 2) + "'";
  return which;
}

} // namespace

bool parseSource(std::string_view source, std::string_view clean,
                 ast::File &file, Diagnostic &diag) {
  const char *base = clean.data();
  const char *first = base;
  const char *last = base + clean.size();
  try {
    auto const grammar = x3::with<parser::source_begin_tag>(base)[parser::file];
    bool ok =
        x3::phrase_parse(first, last, grammar, parser::skipper, file.items);
    if (ok && first == last)
      return true;
    // Every failure inside the file rule is an expectation failure; this is
    // only reached if a top-level item is followed by garbage.
    uint32_t at = static_cast<uint32_t>(first - base);
    uint32_t end;
    std::string found = describeFound(clean, at, end);
    diag = {
        {at, end}, "expected 'model', 'def' or 'const', found " + found, {}};
    return false;
  } catch (const x3::expectation_failure<parser::iterator_type> &failure) {
    uint32_t at = static_cast<uint32_t>(failure.where() - base);
    while (at < clean.size() && (clean[at] == ' ' || clean[at] == '\t'))
      ++at;
    uint32_t end;
    std::string found = describeFound(clean, at, end);
    std::string expected = describeExpected(failure.which());
    diag = {{at, end}, "expected " + expected + ", found " + found, {}};
    // Point at the bracket that is still open.
    char open = expected == "')'"   ? '('
                : expected == "']'" ? '['
                : expected == "'}'" ? '{'
                                    : 0;
    if (open) {
      if (auto where = innermostOpenBracket(clean, at, open))
        diag.notes.push_back({{*where, *where + 1},
                              std::string("to match this '") + open + "'"});
    } else if (auto where = innermostOpenBracket(clean, at, 0)) {
      // A bracket left open joins the following lines into one statement.
      if (at >= clean.size())
        diag.notes.push_back(
            {{*where, *where + 1},
             std::string("this '") + clean[*where] + "' is not closed"});
      else if (source.substr(*where, at - *where).find('\n') !=
               std::string_view::npos)
        diag.notes.push_back(
            {{*where, *where + 1},
             std::string("this '") + clean[*where] +
                 "' is still open, so the statement continues on the next "
                 "line"});
    }
    return false;
  }
}

} // namespace nnc::dsl

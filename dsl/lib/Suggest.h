//===- Suggest.h - "did you mean ...?" ---------------------------*- C++
//-*-===//
#ifndef NNC_DSL_SUGGEST_H
#define NNC_DSL_SUGGEST_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnc::dsl {

/// The candidate nearest to `word` by edit distance (insertions, deletions,
/// substitutions, swaps of neighbours), if it is close enough to be a
/// plausible typo. Ties go to the earlier candidate.
std::optional<std::string>
nearestName(std::string_view word, const std::vector<std::string> &candidates);

} // namespace nnc::dsl

#endif // NNC_DSL_SUGGEST_H

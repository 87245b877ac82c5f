//===- OpCall.cpp - One application of a builtin, seen by its rule --------===//

#include "OpCall.h"

#include "../CheckedMath.h"
#include "../Convert.h"

namespace nnc::dsl {

std::string OpCall::paramName(size_t i) const {
  if (i < op_.params.size())
    return op_.params[i].name;
  return "argument " + std::to_string(i - op_.params.size() + 1);
}

std::string OpCall::quote(size_t i) const {
  if (i >= args_.size() || !args_[i].present)
    return paramName(i);
  Span span = args_[i].span;
  std::string_view text =
      file_.text().substr(span.begin, span.end - span.begin);
  if (text.empty() || text.size() > 40 ||
      text.find('\n') != std::string_view::npos)
    return paramName(i);
  return "'" + std::string(text) + "'";
}

const Value &OpCall::requirePresent(size_t i) {
  if (!has(i))
    fail(-1, "missing argument '" + paramName(i) + "'");
  return args_[i].value;
}

int OpCall::tensor(size_t i) {
  if (tensors_.size() < args_.size())
    tensors_.resize(args_.size());
  if (tensors_[i])
    return *tensors_[i];
  const Value &v = requirePresent(i);
  int id;
  if (v.kind == ValueKind::Tensor)
    id = v.tensor;
  else if (v.isNumber())
    id = builder_.addScalar(v.asDouble(), v.span);
  else
    fail(static_cast<int>(i), paramName(i) + " must be a tensor, got " +
                                  describeValue(v, &builder_.model()));
  tensors_[i] = id;
  return id;
}

const TensorType &OpCall::type(size_t i) { return builder_.type(tensor(i)); }

std::string OpCall::describe(size_t i) {
  return quote(i) + " (" + formatType(type(i)) + ")";
}

std::string OpCall::named(const std::string &role, size_t i) const {
  std::string quoted = quote(i);
  return quoted == "'" + role + "'" ? quoted : role + " " + quoted;
}

void OpCall::requireF32(size_t i, const std::string &role) {
  if (type(i).dtype != DType::F32)
    fail(static_cast<int>(i),
         named(role, i) + " is " + formatType(type(i)) +
             ", but this op needs f32 (i32 tensors only hold labels and "
             "token ids)");
}

void OpCall::requireI32(size_t i, const std::string &role) {
  if (type(i).dtype != DType::I32)
    fail(static_cast<int>(i),
         named(role, i) + " must be an i32 tensor, got " + formatType(type(i)));
}

void OpCall::requireRank(size_t i, size_t rank, const std::string &role,
                         const std::string &layout) {
  if (this->rank(i) != rank)
    fail(static_cast<int>(i), named(role, i) + " must be " +
                                  std::to_string(rank) + "-D " + layout +
                                  ", got " + formatType(type(i)));
}

void OpCall::requireRankAtLeast(size_t i, size_t rank,
                                const std::string &role) {
  if (this->rank(i) < rank)
    fail(static_cast<int>(i), named(role, i) + " must have at least " +
                                  std::to_string(rank) + " dimension" +
                                  (rank == 1 ? "" : "s") + ", got " +
                                  formatType(type(i)));
}

void OpCall::requireShape(size_t i, const std::vector<int64_t> &expected,
                          const std::string &role, const std::string &why) {
  if (shape(i) != expected)
    fail(static_cast<int>(i), named(role, i) + " must be " +
                                  formatShape(expected) + why + ", got " +
                                  formatShape(shape(i)));
}

int64_t OpCall::intArg(size_t i, std::optional<int64_t> fallback) {
  if (!has(i)) {
    if (fallback)
      return *fallback;
    requirePresent(i);
  }
  return requireInt(value(i), name_ + ": " + paramName(i), reporter_,
                    &builder_.model());
}

std::optional<int64_t> OpCall::optionalIntArg(size_t i) {
  if (!has(i))
    return std::nullopt;
  return intArg(i);
}

std::vector<int64_t>
OpCall::pairArg(size_t i, std::optional<std::vector<int64_t>> fallback) {
  if (!has(i)) {
    if (fallback)
      return *fallback;
    requirePresent(i);
  }
  const Value &v = value(i);
  std::string what = name_ + ": " + paramName(i);
  if (v.kind == ValueKind::List) {
    if (v.elements.size() != 2)
      fail(static_cast<int>(i), paramName(i) +
                                    " must be an integer or a pair [h, w], "
                                    "got a list of " +
                                    std::to_string(v.elements.size()));
    return {requireInt(v.elements[0], what, reporter_, &builder_.model()),
            requireInt(v.elements[1], what, reporter_, &builder_.model())};
  }
  int64_t n = requireInt(v, what, reporter_, &builder_.model());
  return {n, n};
}

std::vector<int64_t> OpCall::intListArg(size_t i) {
  const Value &v = requirePresent(i);
  std::string what = name_ + ": " + paramName(i);
  if (v.kind != ValueKind::List)
    return {requireInt(v, what, reporter_, &builder_.model())};
  std::vector<int64_t> list;
  for (const Value &element : v.elements)
    list.push_back(requireInt(element, what, reporter_, &builder_.model()));
  return list;
}

double OpCall::floatArg(size_t i, double fallback) {
  if (!has(i))
    return fallback;
  return requireNumber(value(i), name_ + ": " + paramName(i), reporter_,
                       &builder_.model());
}

bool OpCall::boolArg(size_t i, bool fallback) {
  if (!has(i))
    return fallback;
  return requireBool(value(i), name_ + ": " + paramName(i), reporter_,
                     &builder_.model());
}

int64_t OpCall::normalizeAxis(int64_t axis, size_t rank, size_t axisArg,
                              size_t tensorArg) {
  int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) {
    std::string range = r == 0 ? "a scalar has no axes"
                               : "valid axes are " + std::to_string(-r) +
                                     " to " + std::to_string(r - 1);
    fail(has(axisArg) ? static_cast<int>(axisArg) : -1,
         "axis " + std::to_string(axis) + " is out of range for " +
             describe(tensorArg) + ": " + range);
  }
  return axis < 0 ? axis + r : axis;
}

int64_t OpCall::add(int64_t a, int64_t b, int at) {
  if (auto r = checkedAdd(a, b))
    return *r;
  fail(at, "shape arithmetic overflows int64 (" + std::to_string(a) + " + " +
               std::to_string(b) + ")");
}

int64_t OpCall::sub(int64_t a, int64_t b, int at) {
  if (auto r = checkedSub(a, b))
    return *r;
  fail(at, "shape arithmetic overflows int64 (" + std::to_string(a) + " - " +
               std::to_string(b) + ")");
}

int64_t OpCall::mul(int64_t a, int64_t b, int at) {
  if (auto r = checkedMul(a, b))
    return *r;
  fail(at, "shape arithmetic overflows int64 (" + std::to_string(a) + " * " +
               std::to_string(b) + ")");
}

void OpCall::fail(int i, const std::string &message) {
  Span span =
      i >= 0 && has(static_cast<size_t>(i)) ? args_[i].span : calleeSpan_;
  reporter_.error(span, name_ + ": " + message);
}

int OpCall::emit(const std::string &op, std::vector<int> operands, Attrs attrs,
                 const TensorType &result) {
  return emitMulti(op, std::move(operands), std::move(attrs), {result})[0];
}

std::vector<int> OpCall::emitMulti(const std::string &op,
                                   std::vector<int> operands, Attrs attrs,
                                   const std::vector<TensorType> &results) {
  for (const TensorType &type : results) {
    if (type.shape.size() > kMaxRank)
      fail(-1, "the result would have rank " +
                   std::to_string(type.shape.size()) +
                   "; tensors have at most " + std::to_string(kMaxRank) +
                   " dimensions");
    if (!checkedProduct(type.shape))
      fail(-1, "the result " + formatType(type) +
                   " has more elements than fit in a signed 64-bit integer");
  }
  results_ = builder_.addNode(op, std::move(operands), std::move(attrs),
                              results, calleeSpan_);
  return results_;
}

} // namespace nnc::dsl

//===- NormalizationOps.cpp - layernorm -----------------------------------===//
//
//   layernorm (x[..., D], gamma[D], beta[D]) eps:double (default 1e-5)
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

#include <cmath>

namespace nnc::dsl {
namespace {

void inferLayernorm(OpCall &call) {
  std::vector<int> operands;
  const char *const roles[3] = {"input", "gamma", "beta"};
  for (size_t i = 0; i < 3; ++i) {
    operands.push_back(call.tensor(i));
    call.requireF32(i, roles[i]);
  }
  call.requireRankAtLeast(0, 1, "input");
  int64_t d = call.shape(0).back();
  std::string why = " (the last axis of input " + call.quote(0) + ", " +
                    formatType(call.type(0)) + ")";
  call.requireShape(1, {d}, "gamma", why);
  call.requireShape(2, {d}, "beta", why);
  double eps = call.floatArg(3, 1e-5);
  if (!(eps > 0) || !std::isfinite(eps))
    call.fail(3, "eps must be a positive number, got " + formatDouble(eps));
  call.emit("layernorm", operands, {{"eps", eps}}, call.type(0));
}

} // namespace

void registerNormalizationOps(OpTable &table) {
  table.add({"layernorm",
             {{"x", ArgKind::Tensor},
              {"gamma", ArgKind::Tensor},
              {"beta", ArgKind::Tensor},
              {"eps", ArgKind::Float, "1e-5"}},
             inferLayernorm});
}

} // namespace nnc::dsl

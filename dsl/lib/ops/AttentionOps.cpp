//===- AttentionOps.cpp - attention, multihead_attention ------------------===//
//
//   attention (q[..., Tq, d], k[..., Tk, d], v[..., Tk, dv]) causal:bool
//             -> [..., Tq, dv]; the leading dims of q, k, v are equal
//   multihead_attention (x[B,T,D] or [T,D], wq wk wv wo [D,D]) heads:int,
//             causal:bool -> shape of x; D % heads == 0
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

void inferAttention(OpCall &call) {
  const char *const roles[3] = {"query", "key", "value"};
  std::vector<int> operands;
  for (size_t i = 0; i < 3; ++i) {
    operands.push_back(call.tensor(i));
    call.requireF32(i, roles[i]);
    call.requireRankAtLeast(i, 2, roles[i]);
  }
  for (size_t i = 1; i < 3; ++i)
    if (call.rank(i) != call.rank(0) ||
        !std::equal(call.shape(0).begin(), call.shape(0).end() - 2,
                    call.shape(i).begin()))
      call.fail(static_cast<int>(i),
                std::string(roles[i]) + " " + call.describe(i) +
                    " must have the same leading (batch) dimensions as "
                    "query " +
                    call.describe(0));
  const auto &q = call.shape(0), &k = call.shape(1), &v = call.shape(2);
  if (k.back() != q.back())
    call.fail(1, "query " + call.describe(0) +
                     " has d = " + std::to_string(q.back()) + " but key " +
                     call.describe(1) + " has d = " + std::to_string(k.back()));
  int64_t tk = k[k.size() - 2];
  if (v[v.size() - 2] != tk)
    call.fail(2, "value " + call.describe(2) + " has " +
                     std::to_string(v[v.size() - 2]) + " steps but key " +
                     call.describe(1) + " has Tk = " + std::to_string(tk));
  bool causal = call.boolArg(3, false);
  std::vector<int64_t> out = q;
  out.back() = v.back();
  call.emit("attention", operands, {{"causal", causal}},
            TensorType{DType::F32, out});
}

void inferMultiheadAttention(OpCall &call) {
  std::vector<int> operands;
  for (size_t i = 0; i < 5; ++i) {
    operands.push_back(call.tensor(i));
    call.requireF32(i, call.op().params[i].name);
  }
  size_t rank = call.rank(0);
  if (rank != 2 && rank != 3)
    call.fail(0, "input " + call.quote(0) +
                     " must be [B, T, D] or [T, D], got " +
                     formatType(call.type(0)));
  int64_t d = call.shape(0).back();
  for (size_t i = 1; i < 5; ++i)
    call.requireShape(i, {d, d}, call.op().params[i].name,
                      " ([D, D], D = " + std::to_string(d) + " from input " +
                          call.quote(0) + ")");
  int64_t heads = call.intArg(5);
  if (heads < 1)
    call.fail(5, "heads must be at least 1, got " + std::to_string(heads));
  if (d % heads != 0)
    call.fail(5, "heads = " + std::to_string(heads) + " does not divide D = " +
                     std::to_string(d) + " of input " + call.describe(0));
  bool causal = call.boolArg(6, false);
  call.emit("multihead_attention", operands,
            {{"heads", heads}, {"causal", causal}}, call.type(0));
}

} // namespace

void registerAttentionOps(OpTable &table) {
  table.add({"attention",
             {{"q", ArgKind::Tensor},
              {"k", ArgKind::Tensor},
              {"v", ArgKind::Tensor},
              {"causal", ArgKind::Bool, "false"}},
             inferAttention});
  table.add({"multihead_attention",
             {{"x", ArgKind::Tensor},
              {"wq", ArgKind::Tensor},
              {"wk", ArgKind::Tensor},
              {"wv", ArgKind::Tensor},
              {"wo", ArgKind::Tensor},
              {"heads", ArgKind::Int},
              {"causal", ArgKind::Bool, "false"}},
             inferMultiheadAttention});
}

} // namespace nnc::dsl

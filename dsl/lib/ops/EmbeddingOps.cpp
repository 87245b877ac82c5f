//===- EmbeddingOps.cpp - embedding, posenc -------------------------------===//
//
//   embedding (ids i32[...], table[V,E]) -> [..., E]; ids in [0, V)
//   posenc () T:int, D:int -> f32[T, D], D even (a compile-time constant)
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

void inferEmbedding(OpCall &call) {
  int ids = call.tensor(0);
  int table = call.tensor(1);
  call.requireI32(0, "ids");
  call.requireF32(1, "table");
  call.requireRank(1, 2, "table", "[V, E]");
  int64_t vocabulary = call.shape(1)[0];
  std::vector<int64_t> out = call.shape(0);
  out.push_back(call.shape(1)[1]);
  call.emit("embedding", {ids, table}, {}, TensorType{DType::F32, out});
  call.builder().requireIntRange(ids, vocabulary);
}

void inferPosenc(OpCall &call) {
  int64_t steps = call.intArg(0);
  int64_t dim = call.intArg(1);
  if (steps < 1)
    call.fail(0, "T must be at least 1, got " + std::to_string(steps));
  if (dim < 2 || dim % 2 != 0)
    call.fail(1,
              "D must be even (sin and cos pairs), got " + std::to_string(dim));
  call.emit("posenc", {}, {{"T", steps}, {"D", dim}},
            TensorType{DType::F32, {steps, dim}});
}

} // namespace

void registerEmbeddingOps(OpTable &table) {
  table.add({"embedding",
             {{"ids", ArgKind::Tensor}, {"table", ArgKind::Tensor}},
             inferEmbedding});
  table.add(
      {"posenc", {{"T", ArgKind::Int}, {"D", ArgKind::Int}}, inferPosenc});
}

} // namespace nnc::dsl

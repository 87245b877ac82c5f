//===- RecurrentOps.cpp - rnn, lstm, lstm_cell ----------------------------===//
//
// PyTorch layouts, gate rows of the LSTM weights ordered i, f, g, o:
//   rnn  (x[T,B,I], w_ih[H,I], w_hh[H,H], b_ih[H], b_hh[H], h0[B,H])
//        -> y[T,B,H], hT[B,H]
//   lstm (x[T,B,I], w_ih[4H,I], w_hh[4H,H], b_ih[4H], b_hh[4H], h0[B,H],
//         c0[B,H]) -> y[T,B,H], hT[B,H], cT[B,H]
//   lstm_cell (x[B,I], h[B,H], c[B,H], w_ih[4H,I], w_hh[4H,H], b_ih[4H],
//              b_hh[4H]) -> h'[B,H], c'[B,H]
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

/// Indices of the arguments of one recurrent op.
struct RecurrentArgs {
  size_t x, wIh, wHh, bIh, bHh, h0, c0; // c0: SIZE_MAX when absent
};

/// Checks the weights and states; returns H. `gates` is 1 (rnn) or 4.
int64_t checkRecurrent(OpCall &call, const RecurrentArgs &a, int64_t gates,
                       int64_t batch, int64_t inputSize) {
  const std::string gateText = gates == 1 ? "H" : "4*H";
  call.requireRank(a.wIh, 2, "w_ih", "[" + gateText + ", I]");
  int64_t rows = call.shape(a.wIh)[0];
  if (rows % gates != 0)
    call.fail(static_cast<int>(a.wIh), call.named("w_ih", a.wIh) +
                                           " must have 4*H rows (gates i, f, "
                                           "g, o), got " +
                                           std::to_string(rows));
  int64_t hidden = rows / gates;
  std::string hWhy = " (H = " + std::to_string(hidden) + " from w_ih " +
                     formatShape(call.shape(a.wIh)) + ")";
  if (call.shape(a.wIh)[1] != inputSize)
    call.fail(static_cast<int>(a.wIh),
              call.named("w_ih", a.wIh) + " (" + formatType(call.type(a.wIh)) +
                  ") expects " + std::to_string(call.shape(a.wIh)[1]) +
                  " input features but input " + call.quote(a.x) + " has " +
                  std::to_string(inputSize) + " (" +
                  formatShape(call.shape(a.x)) + ")");
  call.requireShape(a.wHh, {rows, hidden}, "w_hh", hWhy);
  call.requireShape(a.bIh, {rows}, "b_ih", hWhy);
  call.requireShape(a.bHh, {rows}, "b_hh", hWhy);
  std::string stateWhy = " ([B, H], B = " + std::to_string(batch) +
                         ", H = " + std::to_string(hidden) + ")";
  call.requireShape(a.h0, {batch, hidden}, call.op().params[a.h0].name,
                    stateWhy);
  if (a.c0 != SIZE_MAX)
    call.requireShape(a.c0, {batch, hidden}, call.op().params[a.c0].name,
                      stateWhy);
  return hidden;
}

std::vector<int> operandsOf(OpCall &call, size_t count) {
  std::vector<int> operands;
  for (size_t i = 0; i < count; ++i) {
    operands.push_back(call.tensor(i));
    call.requireF32(i, call.op().params[i].name);
  }
  return operands;
}

void inferRnnOrLstm(OpCall &call) {
  bool isLstm = call.op().name == "lstm";
  std::vector<int> operands = operandsOf(call, isLstm ? 7 : 6);
  call.requireRank(0, 3, "input", "[T, B, I]");
  int64_t steps = call.shape(0)[0], batch = call.shape(0)[1];
  RecurrentArgs args{0, 1, 2, 3, 4, 5, isLstm ? size_t(6) : SIZE_MAX};
  int64_t hidden =
      checkRecurrent(call, args, isLstm ? 4 : 1, batch, call.shape(0)[2]);
  TensorType sequence{DType::F32, {steps, batch, hidden}};
  TensorType state{DType::F32, {batch, hidden}};
  std::vector<TensorType> results = {sequence, state};
  if (isLstm)
    results.push_back(state);
  call.emitMulti(call.op().name, operands, {}, results);
}

void inferLstmCell(OpCall &call) {
  std::vector<int> operands = operandsOf(call, 7);
  call.requireRank(0, 2, "input", "[B, I]");
  int64_t batch = call.shape(0)[0];
  RecurrentArgs args{0, 3, 4, 5, 6, 1, 2};
  int64_t hidden = checkRecurrent(call, args, 4, batch, call.shape(0)[1]);
  TensorType state{DType::F32, {batch, hidden}};
  call.emitMulti("lstm_cell", operands, {}, {state, state});
}

} // namespace

void registerRecurrentOps(OpTable &table) {
  table.add({"rnn",
             {{"x", ArgKind::Tensor},
              {"w_ih", ArgKind::Tensor},
              {"w_hh", ArgKind::Tensor},
              {"b_ih", ArgKind::Tensor},
              {"b_hh", ArgKind::Tensor},
              {"h0", ArgKind::Tensor}},
             inferRnnOrLstm});
  table.add({"lstm",
             {{"x", ArgKind::Tensor},
              {"w_ih", ArgKind::Tensor},
              {"w_hh", ArgKind::Tensor},
              {"b_ih", ArgKind::Tensor},
              {"b_hh", ArgKind::Tensor},
              {"h0", ArgKind::Tensor},
              {"c0", ArgKind::Tensor}},
             inferRnnOrLstm});
  table.add({"lstm_cell",
             {{"x", ArgKind::Tensor},
              {"h", ArgKind::Tensor},
              {"c", ArgKind::Tensor},
              {"w_ih", ArgKind::Tensor},
              {"w_hh", ArgKind::Tensor},
              {"b_ih", ArgKind::Tensor},
              {"b_hh", ArgKind::Tensor}},
             inferLstmCell});
}

} // namespace nnc::dsl

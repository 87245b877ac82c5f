//===- Optimizer.h - Parameter updates and gradient clipping ---*- C++ -*-===//
//
// SGD (with optional momentum), Adam, L2 weight decay, and clipping by the
// global norm: when the L2 norm of all param gradients together, ||g||,
// exceeds C, every gradient is scaled by C / ||g|| before the update (the
// direction is kept, only the step length is bounded). Optimizer state is
// allocated once.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_OPTIMIZER_H
#define NNC_RUNTIME_OPTIMIZER_H

#include "ModelInstance.h"

#include <string>
#include <vector>

namespace nnc {

struct OptimizerConfig {
  enum class Kind { Sgd, Adam };
  Kind kind = Kind::Sgd;
  double learningRate = 0;
  double momentum = 0;
  double weightDecay = 0;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  double clipNorm = 0; // <= 0: no clipping
};

/// The factor that brings a gradient of norm `norm` within `clipNorm`.
double clipScale(double norm, double clipNorm);

class Optimizer {
public:
  Optimizer(ModelInstance &model, const OptimizerConfig &config);

  /// The L2 norm of all param gradients together (double accumulation).
  double gradNorm() const;
  /// One update of every param that has a gradient, the gradients scaled by
  /// `gradScale` first (the clipping factor).
  void step(double gradScale);

private:
  struct Slot {
    int param, grad;
    AlignedBuffer first, second; // momentum / Adam moments
  };
  ModelInstance &model_;
  OptimizerConfig config_;
  std::vector<Slot> slots_;
  int64_t steps_ = 0;
};

} // namespace nnc

#endif // NNC_RUNTIME_OPTIMIZER_H

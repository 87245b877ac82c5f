//===- Optimizer.cpp - Parameter updates and gradient clipping ------------===//
#include "Optimizer.h"

#include <cmath>

namespace nnc {

double clipScale(double norm, double clipNorm) {
  return clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0;
}

Optimizer::Optimizer(ModelInstance &model, const OptimizerConfig &config)
    : model_(model), config_(config) {
  for (int grad : model.withRole(NNC_ROLE_GRAD)) {
    int param = model.tensor(grad).grad_of;
    if (model.tensor(param).role != NNC_ROLE_PARAM)
      continue;
    Slot slot;
    slot.param = param;
    slot.grad = grad;
    bool needsFirst =
        config.kind == OptimizerConfig::Kind::Adam || config.momentum != 0;
    if (needsFirst)
      slot.first = AlignedBuffer(model.bytes(param));
    if (config.kind == OptimizerConfig::Kind::Adam)
      slot.second = AlignedBuffer(model.bytes(param));
    slots_.push_back(std::move(slot));
  }
}

double Optimizer::gradNorm() const {
  double sumOfSquares = 0;
  for (const Slot &slot : slots_) {
    const float *grad = model_.f32(slot.grad);
    for (int64_t i = 0, n = model_.tensor(slot.grad).numel; i < n; ++i)
      sumOfSquares += double(grad[i]) * double(grad[i]);
  }
  return std::sqrt(sumOfSquares);
}

void Optimizer::step(double gradScale) {
  ++steps_;
  const float lr = float(config_.learningRate);
  const float scale = float(gradScale);
  const float decay = float(config_.weightDecay);
  const float momentum = float(config_.momentum);
  const float beta1 = float(config_.beta1), beta2 = float(config_.beta2);
  const float epsilon = float(config_.epsilon);
  const float correction1 =
      float(1.0 - std::pow(config_.beta1, double(steps_)));
  const float correction2 =
      float(1.0 - std::pow(config_.beta2, double(steps_)));
  for (Slot &slot : slots_) {
    float *param = model_.f32(slot.param);
    const float *grad = model_.f32(slot.grad);
    float *first = slot.first.asF32();
    float *second = slot.second.asF32();
    int64_t n = model_.tensor(slot.param).numel;
    if (config_.kind == OptimizerConfig::Kind::Adam) {
      for (int64_t i = 0; i < n; ++i) {
        float g = scale * grad[i] + decay * param[i];
        first[i] = beta1 * first[i] + (1 - beta1) * g;
        second[i] = beta2 * second[i] + (1 - beta2) * g * g;
        float mHat = first[i] / correction1;
        float vHat = second[i] / correction2;
        param[i] -= lr * mHat / (std::sqrt(vHat) + epsilon);
      }
    } else if (first) {
      for (int64_t i = 0; i < n; ++i) {
        float g = scale * grad[i] + decay * param[i];
        first[i] = momentum * first[i] + g;
        param[i] -= lr * first[i];
      }
    } else {
      for (int64_t i = 0; i < n; ++i)
        param[i] -= lr * (scale * grad[i] + decay * param[i]);
    }
  }
}

} // namespace nnc

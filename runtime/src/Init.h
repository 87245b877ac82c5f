//===- Init.h - The embedded default values of a model ---------*- C++ -*-===//
//
// With no files, params take their declared init and inputs random values:
// standard normal for f32, uniform in [0, int_range) for i32 (zeros when the
// range is unknown). Each tensor draws from its own (seed, name) stream.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_INIT_H
#define NNC_RUNTIME_INIT_H

#include "nnc_model_desc.h"

#include <cstdint>

namespace nnc {

/// PyTorch's fans: fan_in = shape[1] * receptive field, fan_out = shape[0] *
/// receptive field, receptive field = prod(shape[2:]). A rank-1 tensor uses
/// its length for both, a scalar 1.
void computeFans(const nnc_tensor_desc &desc, double &fanIn, double &fanOut);

/// Fills `data` with the param's init.
void initParam(const nnc_tensor_desc &desc, uint64_t seed, void *data);
/// Fills `data` with the default random input.
void initInput(const nnc_tensor_desc &desc, uint64_t seed, void *data);

const char *initKindName(int32_t kind);

} // namespace nnc

#endif // NNC_RUNTIME_INIT_H

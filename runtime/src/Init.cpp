//===- Init.cpp - The embedded default values of a model ------------------===//
#include "Init.h"

#include "Error.h"
#include "Random.h"

#include <algorithm>
#include <cmath>

namespace nnc {

void computeFans(const nnc_tensor_desc &desc, double &fanIn, double &fanOut) {
  if (desc.rank == 0) {
    fanIn = fanOut = 1;
    return;
  }
  if (desc.rank == 1) {
    fanIn = fanOut = static_cast<double>(desc.shape[0]);
    return;
  }
  double receptiveField = 1;
  for (int32_t d = 2; d < desc.rank; ++d)
    receptiveField *= static_cast<double>(desc.shape[d]);
  fanIn = static_cast<double>(desc.shape[1]) * receptiveField;
  fanOut = static_cast<double>(desc.shape[0]) * receptiveField;
}

const char *initKindName(int32_t kind) {
  switch (kind) {
  case NNC_INIT_ZEROS:
    return "zeros";
  case NNC_INIT_ONES:
    return "ones";
  case NNC_INIT_CONST:
    return "const";
  case NNC_INIT_NORMAL:
    return "normal";
  case NNC_INIT_UNIFORM:
    return "uniform";
  case NNC_INIT_XAVIER:
    return "xavier";
  case NNC_INIT_KAIMING:
    return "kaiming";
  }
  return "unknown";
}

void initParam(const nnc_tensor_desc &desc, uint64_t seed, void *data) {
  if (desc.dtype == NNC_DTYPE_I32) {
    // Integer params have no random init; honour the constant ones.
    int32_t value = desc.init_kind == NNC_INIT_ONES    ? 1
                    : desc.init_kind == NNC_INIT_CONST ? int32_t(desc.init_a)
                                                       : 0;
    for (int64_t i = 0; i < desc.numel; ++i)
      static_cast<int32_t *>(data)[i] = value;
    return;
  }
  float *values = static_cast<float *>(data);
  Random random = Random::forName(seed, desc.name);
  double fanIn, fanOut;
  computeFans(desc, fanIn, fanOut);
  switch (desc.init_kind) {
  case NNC_INIT_ZEROS:
  case NNC_INIT_ONES:
  case NNC_INIT_CONST: {
    float value = desc.init_kind == NNC_INIT_ZEROS  ? 0.0f
                  : desc.init_kind == NNC_INIT_ONES ? 1.0f
                                                    : float(desc.init_a);
    for (int64_t i = 0; i < desc.numel; ++i)
      values[i] = value;
    return;
  }
  case NNC_INIT_NORMAL:
    for (int64_t i = 0; i < desc.numel; ++i)
      values[i] = float(desc.init_a * random.normal());
    return;
  case NNC_INIT_UNIFORM:
    for (int64_t i = 0; i < desc.numel; ++i)
      values[i] =
          float(desc.init_a + (desc.init_b - desc.init_a) * random.uniform());
    return;
  case NNC_INIT_XAVIER: {
    double bound = std::sqrt(6.0 / std::max(1.0, fanIn + fanOut));
    for (int64_t i = 0; i < desc.numel; ++i)
      values[i] = float(bound * (2.0 * random.uniform() - 1.0));
    return;
  }
  case NNC_INIT_KAIMING: {
    double std = std::sqrt(2.0 / std::max(1.0, fanIn));
    for (int64_t i = 0; i < desc.numel; ++i)
      values[i] = float(std * random.normal());
    return;
  }
  }
  failUsage(std::string("model descriptor: param '") + desc.name +
            "' has unknown init kind " + std::to_string(desc.init_kind));
}

void initInput(const nnc_tensor_desc &desc, uint64_t seed, void *data) {
  Random random = Random::forName(seed, desc.name);
  if (desc.dtype == NNC_DTYPE_I32) {
    int32_t *values = static_cast<int32_t *>(data);
    for (int64_t i = 0; i < desc.numel; ++i)
      values[i] = desc.int_range > 0
                      ? static_cast<int32_t>(random.below(desc.int_range))
                      : 0;
    return;
  }
  float *values = static_cast<float *>(data);
  for (int64_t i = 0; i < desc.numel; ++i)
    values[i] = static_cast<float>(random.normal());
}

} // namespace nnc

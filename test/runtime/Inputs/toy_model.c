/*===- toy_model.c - A hand-written model for the runtime's tests ---------===
 *
 * Stands in for compiler output: a 2-layer MLP classifier with the ABI of
 * nnc_model_desc.h and its descriptor as `nnc_main_model`.
 *
 *   x[B,D] f32, label[B] i32 in [0, C)
 *   hpre = x @ w1^T + b1            w1[H,D] xavier, b1[H] const(0.1)
 *   h = relu(hpre)
 *   logits = h @ w2^T + b2          w2[C,H] kaiming, b2[C] zeros
 *   L = mean_b(logsumexp(logits[b]) - logits[b, label[b]])
 *
 * Build variants:
 *   -DBROKEN_GRAD    grad_w1 is scaled by 1.5 (check must catch it)
 *   -DFLIPPED_GRAD   grad_b2 has the wrong sign (check must catch it)
 *   -DNO_LABEL_RANGE label has int_range 0, so the runtime cannot check it
 *                    and an out-of-range label reaches the model (status 1)
 *   -DNO_LOSS        forward only: no loss, no backward
 *   -DFEATURE_MAJOR  x is stored transposed, x[D,B] (its batch axis is 1,
 *                    like the token ids of a sequence model)
 *   -DEXTRA_PARAMS   five more params, first among the params and used by
 *                    neither function, one per remaining init kind (the
 *                    others' defaults must not change; their statistics
 *                    are checked)
 *   -DH=512          a wide hidden layer (init statistics)
 *   -DBAD_ABI        a descriptor claiming another ABI version
 * Every buffer the runtime passes is checked for 64-byte alignment
 * (status 99 otherwise).
 *===----------------------------------------------------------------------===*/
#include "nnc_model_desc.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define B 4
#define D 5
#ifndef H
#define H 8
#endif
#define C 3

#ifdef NO_LABEL_RANGE
#define LABEL_RANGE 0
#else
#define LABEL_RANGE C
#endif

#define STATUS_MISALIGNED 99

/* Element (b, d) of x and grad_x. */
#ifdef FEATURE_MAJOR
#define XI(b, d) ((d)*B + (b))
#else
#define XI(b, d) ((b)*D + (d))
#endif

enum {
  X,
  LABEL,
#ifdef EXTRA_PARAMS
  EXTRA_NORMAL,
  EXTRA_ONES,
  EXTRA_UNIFORM,
  EXTRA_XAVIER4D,
  EXTRA_KAIMING4D,
#endif
  W1,
  B1,
  W2,
  B2,
  LOGITS,
  LOSS,
  GX,
  GW1,
  GB1,
  GW2,
  GB2,
  NUM
};

typedef struct {
  const float *x;
  const int32_t *label;
  const float *w1, *b1, *w2, *b2;
  float *logits;
  float *loss;
} toy_forward_args;

typedef struct {
  const float *x;
  const int32_t *label;
  const float *w1, *b1, *w2, *b2;
  float *logits;
  float *loss;
  float *grad_x, *grad_w1, *grad_b1, *grad_w2, *grad_b2;
} toy_backward_args;

/* Workspace: hpre[B,H], h[B,H], dlogits[B,C], dh[B,H]. */
#define WS_FLOATS (B * H * 3 + B * C)

static int misaligned(const void *const *pointers, int count,
                      const void *workspace) {
  for (int i = 0; i < count; ++i)
    if ((uintptr_t)pointers[i] % 64)
      return 1;
  return (uintptr_t)workspace % 64 != 0;
}

/* hpre, h, logits, loss (when `loss` is non-null); 0 or a status. */
static int32_t forward_pass(const float *x, const int32_t *label,
                            const float *w1, const float *b1, const float *w2,
                            const float *b2, float *logits, float *loss,
                            float *hpre, float *h) {
  for (int b = 0; b < B; ++b)
    for (int j = 0; j < H; ++j) {
      float acc = b1[j];
      for (int d = 0; d < D; ++d)
        acc += x[XI(b, d)] * w1[j * D + d];
      hpre[b * H + j] = acc;
      h[b * H + j] = acc > 0 ? acc : 0;
    }
  for (int b = 0; b < B; ++b)
    for (int c = 0; c < C; ++c) {
      float acc = b2[c];
      for (int j = 0; j < H; ++j)
        acc += h[b * H + j] * w2[c * H + j];
      logits[b * C + c] = acc;
    }
#ifndef NO_LOSS
  float total = 0;
  for (int b = 0; b < B; ++b) {
    if (label[b] < 0 || label[b] >= C)
      return NNC_STATUS_INDEX_OUT_OF_RANGE;
    float max = logits[b * C];
    for (int c = 1; c < C; ++c)
      max = logits[b * C + c] > max ? logits[b * C + c] : max;
    float sum = 0;
    for (int c = 0; c < C; ++c)
      sum += expf(logits[b * C + c] - max);
    total += logf(sum) + max - logits[b * C + label[b]];
  }
  *loss = total / B;
#else
  (void)label;
  (void)loss;
#endif
  return NNC_STATUS_OK;
}

int32_t toy_forward(const void *args, void *workspace) {
  const toy_forward_args *a = (const toy_forward_args *)args;
#ifdef NO_LOSS
  if (misaligned((const void *const *)args, 7, workspace))
#else
  if (misaligned((const void *const *)args, 8, workspace))
#endif
    return STATUS_MISALIGNED;
  float *ws = (float *)workspace;
  return forward_pass(a->x, a->label, a->w1, a->b1, a->w2, a->b2, a->logits,
                      a->loss, ws, ws + B * H);
}

#ifndef NO_LOSS
int32_t toy_backward(const void *args, void *workspace) {
  const toy_backward_args *a = (const toy_backward_args *)args;
  if (misaligned((const void *const *)args, 13, workspace))
    return STATUS_MISALIGNED;
  float *hpre = (float *)workspace, *h = hpre + B * H;
  float *dlogits = h + B * H, *dh = dlogits + B * C;
  int32_t status = forward_pass(a->x, a->label, a->w1, a->b1, a->w2, a->b2,
                                a->logits, a->loss, hpre, h);
  if (status)
    return status;
  /* dL/dlogits = (softmax - onehot) / B */
  for (int b = 0; b < B; ++b) {
    float max = a->logits[b * C];
    for (int c = 1; c < C; ++c)
      max = a->logits[b * C + c] > max ? a->logits[b * C + c] : max;
    float sum = 0;
    for (int c = 0; c < C; ++c)
      sum += expf(a->logits[b * C + c] - max);
    for (int c = 0; c < C; ++c)
      dlogits[b * C + c] = (expf(a->logits[b * C + c] - max) / sum -
                            (c == a->label[b] ? 1.0f : 0.0f)) /
                           B;
  }
  /* Overwrite (not accumulate) every gradient. */
  for (int c = 0; c < C; ++c) {
    a->grad_b2[c] = 0;
    for (int b = 0; b < B; ++b)
      a->grad_b2[c] += dlogits[b * C + c];
#ifdef FLIPPED_GRAD
    a->grad_b2[c] = -a->grad_b2[c];
#endif
    for (int j = 0; j < H; ++j) {
      float acc = 0;
      for (int b = 0; b < B; ++b)
        acc += dlogits[b * C + c] * h[b * H + j];
      a->grad_w2[c * H + j] = acc;
    }
  }
  for (int b = 0; b < B; ++b)
    for (int j = 0; j < H; ++j) {
      float acc = 0;
      for (int c = 0; c < C; ++c)
        acc += dlogits[b * C + c] * a->w2[c * H + j];
      dh[b * H + j] = hpre[b * H + j] > 0 ? acc : 0;
    }
  for (int j = 0; j < H; ++j) {
    a->grad_b1[j] = 0;
    for (int b = 0; b < B; ++b)
      a->grad_b1[j] += dh[b * H + j];
    for (int d = 0; d < D; ++d) {
      float acc = 0;
      for (int b = 0; b < B; ++b)
        acc += dh[b * H + j] * a->x[XI(b, d)];
#ifdef BROKEN_GRAD
      acc *= 1.5f;
#endif
      a->grad_w1[j * D + d] = acc;
    }
  }
  for (int b = 0; b < B; ++b)
    for (int d = 0; d < D; ++d) {
      float acc = 0;
      for (int j = 0; j < H; ++j)
        acc += dh[b * H + j] * a->w1[j * D + d];
      a->grad_x[XI(b, d)] = acc;
    }
  return NNC_STATUS_OK;
}
#endif

#ifdef FEATURE_MAJOR
static const int64_t shape_x[] = {D, B};
#else
static const int64_t shape_x[] = {B, D};
#endif
#ifdef EXTRA_PARAMS
static const int64_t shape_1000[] = {1000}, shape_conv[] = {16, 8, 3, 3};
#endif
static const int64_t shape_label[] = {B}, shape_w1[] = {H, D}, shape_b1[] = {H},
                     shape_w2[] = {C, H}, shape_b2[] = {C},
                     shape_logits[] = {B, C};

#define TENSOR(name, role, dtype, rank, shape, numel, init, a, b, range, of)   \
  { name, role, dtype, rank, shape, numel, init, a, b, range, of }

static const nnc_tensor_desc toy_tensors[] = {
    TENSOR("x", NNC_ROLE_INPUT, NNC_DTYPE_F32, 2, shape_x, B *D, 0, 0, 0, 0,
           -1),
    TENSOR("label", NNC_ROLE_INPUT, NNC_DTYPE_I32, 1, shape_label, B, 0, 0, 0,
           LABEL_RANGE, -1),
#ifdef EXTRA_PARAMS
    TENSOR("a_normal", NNC_ROLE_PARAM, NNC_DTYPE_F32, 1, shape_1000, 1000,
           NNC_INIT_NORMAL, 0.5, 0, 0, -1),
    TENSOR("a_ones", NNC_ROLE_PARAM, NNC_DTYPE_F32, 1, shape_b1, H,
           NNC_INIT_ONES, 0, 0, 0, -1),
    TENSOR("a_uniform", NNC_ROLE_PARAM, NNC_DTYPE_F32, 1, shape_1000, 1000,
           NNC_INIT_UNIFORM, -2.0, 3.0, 0, -1),
    TENSOR("a_xavier4d", NNC_ROLE_PARAM, NNC_DTYPE_F32, 4, shape_conv,
           16 * 8 * 3 * 3, NNC_INIT_XAVIER, 0, 0, 0, -1),
    TENSOR("a_kaiming4d", NNC_ROLE_PARAM, NNC_DTYPE_F32, 4, shape_conv,
           16 * 8 * 3 * 3, NNC_INIT_KAIMING, 0, 0, 0, -1),
#endif
    TENSOR("w1", NNC_ROLE_PARAM, NNC_DTYPE_F32, 2, shape_w1, H *D,
           NNC_INIT_XAVIER, 0, 0, 0, -1),
    TENSOR("b1", NNC_ROLE_PARAM, NNC_DTYPE_F32, 1, shape_b1, H, NNC_INIT_CONST,
           0.1, 0, 0, -1),
    TENSOR("w2", NNC_ROLE_PARAM, NNC_DTYPE_F32, 2, shape_w2, C *H,
           NNC_INIT_KAIMING, 0, 0, 0, -1),
    TENSOR("b2", NNC_ROLE_PARAM, NNC_DTYPE_F32, 1, shape_b2, C, NNC_INIT_ZEROS,
           0, 0, 0, -1),
    TENSOR("logits", NNC_ROLE_OUTPUT, NNC_DTYPE_F32, 2, shape_logits, B *C, 0,
           0, 0, 0, -1),
#ifndef NO_LOSS
    TENSOR("L", NNC_ROLE_LOSS, NNC_DTYPE_F32, 0, NULL, 1, 0, 0, 0, 0, -1),
    TENSOR("grad_x", NNC_ROLE_GRAD, NNC_DTYPE_F32, 2, shape_x, B *D, 0, 0, 0, 0,
           X),
    TENSOR("grad_w1", NNC_ROLE_GRAD, NNC_DTYPE_F32, 2, shape_w1, H *D, 0, 0, 0,
           0, W1),
    TENSOR("grad_b1", NNC_ROLE_GRAD, NNC_DTYPE_F32, 1, shape_b1, H, 0, 0, 0, 0,
           B1),
    TENSOR("grad_w2", NNC_ROLE_GRAD, NNC_DTYPE_F32, 2, shape_w2, C *H, 0, 0, 0,
           0, W2),
    TENSOR("grad_b2", NNC_ROLE_GRAD, NNC_DTYPE_F32, 1, shape_b2, C, 0, 0, 0, 0,
           B2),
#endif
};

static const int32_t forward_args[] = {X, LABEL, W1, B1, W2, B2, LOGITS, LOSS};
static const int32_t backward_args[] = {X,    LABEL, W1,  B1,  W2,  B2, LOGITS,
                                        LOSS, GX,    GW1, GB1, GW2, GB2};

#define FORWARD_FLOPS (2.0 * B * D * H + 2.0 * B * H * C + 4.0 * B * C)

const nnc_model_desc nnc_main_model = {
#ifdef BAD_ABI
    NNC_ABI_VERSION + 1,
#else
    NNC_ABI_VERSION,
#endif
    "toy",
    (int32_t)(sizeof toy_tensors / sizeof toy_tensors[0]),
    toy_tensors,
#ifdef NO_LOSS
    {"toy_forward", toy_forward, 7, forward_args, 2 * B *H * 4, FORWARD_FLOPS},
    {"toy_backward", NULL, 0, NULL, 0, 0},
#else
    {"toy_forward", toy_forward, 8, forward_args, 2 * B *H * 4, FORWARD_FLOPS},
    {"toy_backward", toy_backward, 13, backward_args, WS_FLOATS * 4,
     3.0 * FORWARD_FLOPS},
#endif
};

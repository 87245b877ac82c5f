/* Drives lenet_forward / lenet_backward through the generated header: the
 * typed argument structs, and the descriptor table (an array of tensor
 * pointers in the order of each function's `args`). Results are checked
 * against values derived by hand from the returned logits: the loss is
 * -mean(log softmax(logits)[label]), and the gradient of the last bias is
 * mean over the batch of softmax - onehot. Prints OK lines; exits 1 on the
 * first mismatch. */
#define _POSIX_C_SOURCE 200112L /* posix_memalign in C99 */
#include "lenet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng_state = 12345;
static float rnd(float scale) { /* uniform in [-scale, scale) */
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return scale * ((float)((rng_state >> 40) & 0xffffff) / 8388608.0f - 1.0f);
}
static void fill(float *p, int64_t n, float scale) {
  int64_t i;
  for (i = 0; i < n; ++i)
    p[i] = rnd(scale);
}
#define FAIL(...) do { printf("FAIL: " __VA_ARGS__); printf("\n"); exit(1); } while (0)

static float x[LENET_X_NUMEL], w1[LENET_W1_NUMEL], b1[LENET_B1_NUMEL],
    w2[LENET_W2_NUMEL], b2[LENET_B2_NUMEL], w3[LENET_W3_NUMEL], b3[LENET_B3_NUMEL];
static int32_t label[LENET_LABEL_NUMEL] = {3, 0, 9, 3};
static float logits[LENET_LOGITS_NUMEL], logits2[LENET_LOGITS_NUMEL],
    logits3[LENET_LOGITS_NUMEL];
static float loss, loss2, loss3;
static float gw1[LENET_GRAD_W1_NUMEL], gb1[LENET_GRAD_B1_NUMEL], gw2[LENET_GRAD_W2_NUMEL],
    gb2[LENET_GRAD_B2_NUMEL], gw3[LENET_GRAD_W3_NUMEL], gb3[LENET_GRAD_B3_NUMEL];

static void *workspace(int64_t bytes) {
  size_t n = (size_t)((bytes + 63) / 64 * 64);
  void *p = NULL;
  if (posix_memalign(&p, 64, n ? n : 64) != 0)
    FAIL("out of memory");
  return p;
}

static int find(const char *name) {
  int i;
  for (i = 0; i < lenet_model.num_tensors; ++i)
    if (strcmp(lenet_model.tensors[i].name, name) == 0)
      return i;
  FAIL("no tensor %s in the descriptor", name);
  return -1;
}

int main(void) {
  void *ws = workspace(LENET_FORWARD_WORKSPACE_BYTES);
  void *wsb = workspace(LENET_BACKWARD_WORKSPACE_BYTES);
  int n, k, i;
  int32_t st;
  double expect = 0;

  fill(x, LENET_X_NUMEL, 1.0f);
  fill(w1, LENET_W1_NUMEL, 0.2f);
  fill(b1, LENET_B1_NUMEL, 0.1f);
  fill(w2, LENET_W2_NUMEL, 0.1f);
  fill(b2, LENET_B2_NUMEL, 0.1f);
  fill(w3, LENET_W3_NUMEL, 0.1f);
  fill(b3, LENET_B3_NUMEL, 0.1f);

  /* 1. Through the typed struct. */
  {
    lenet_forward_args a;
    a.x = x; a.label = label; a.w1 = w1; a.b1 = b1; a.w2 = w2; a.b2 = b2;
    a.w3 = w3; a.b3 = b3; a.logits = logits; a.L = &loss;
    st = lenet_forward(&a, ws);
    if (st != NNC_STATUS_OK)
      FAIL("lenet_forward returned %d", (int)st);
  }
  for (n = 0; n < LENET_LOGITS_DIM0; ++n) {
    const float *row = logits + n * LENET_LOGITS_DIM1;
    double m = row[0], s = 0;
    for (k = 1; k < LENET_LOGITS_DIM1; ++k)
      if (row[k] > m) m = row[k];
    for (k = 0; k < LENET_LOGITS_DIM1; ++k)
      s += exp(row[k] - m);
    expect += (m + log(s) - row[label[n]]) / LENET_LOGITS_DIM0;
  }
  if (!(fabs(loss - expect) <= 1e-5 * fabs(expect) + 1e-6))
    FAIL("loss %.9g, expected %.9g from the logits", loss, expect);
  printf("OK struct forward: loss %.6f\n", loss);

  /* 2. Through the descriptor table, by names. */
  if (lenet_model.abi_version != NNC_ABI_VERSION || strcmp(lenet_model.name, "lenet") != 0 ||
      lenet_model.num_tensors != LENET_NUM_TENSORS)
    FAIL("descriptor header");
  {
    const nnc_tensor_desc *w1d = &lenet_model.tensors[find("w1")];
    const nnc_tensor_desc *ld = &lenet_model.tensors[find("label")];
    const nnc_tensor_desc *gd = &lenet_model.tensors[find("grad_w1")];
    if (w1d->role != NNC_ROLE_PARAM || w1d->dtype != NNC_DTYPE_F32 || w1d->rank != 4 ||
        w1d->shape[0] != 8 || w1d->shape[1] != 3 || w1d->shape[2] != 5 || w1d->shape[3] != 5 ||
        w1d->numel != LENET_W1_NUMEL || w1d->init_kind != NNC_INIT_KAIMING)
      FAIL("descriptor of w1");
    if (ld->role != NNC_ROLE_INPUT || ld->dtype != NNC_DTYPE_I32 || ld->int_range != 10)
      FAIL("descriptor of label");
    if (gd->role != NNC_ROLE_GRAD || gd->grad_of != find("w1"))
      FAIL("descriptor of grad_w1");
    if (lenet_model.tensors[find("L")].role != NNC_ROLE_LOSS ||
        lenet_model.tensors[find("L")].rank != 0)
      FAIL("descriptor of L");
  }
  {
    const nnc_function_desc *f = &lenet_model.forward;
    void *ptrs[LENET_NUM_TENSORS];
    void *byname[LENET_NUM_TENSORS];
    memset(byname, 0, sizeof byname);
    byname[find("x")] = x; byname[find("label")] = label;
    byname[find("w1")] = w1; byname[find("b1")] = b1;
    byname[find("w2")] = w2; byname[find("b2")] = b2;
    byname[find("w3")] = w3; byname[find("b3")] = b3;
    byname[find("logits")] = logits2; byname[find("L")] = &loss2;
    if (strcmp(f->name, "lenet_forward") != 0 || f->num_args != 10 ||
        f->workspace_bytes != LENET_FORWARD_WORKSPACE_BYTES || !(f->flops > 6e6))
      FAIL("descriptor of lenet_forward");
    for (i = 0; i < f->num_args; ++i)
      ptrs[i] = byname[f->args[i]];
    st = f->fn(ptrs, ws);
    if (st != NNC_STATUS_OK)
      FAIL("forward through the descriptor returned %d", (int)st);
    if (memcmp(logits, logits2, sizeof logits) != 0 || loss != loss2)
      FAIL("the descriptor call differs from the struct call");
    printf("OK descriptor forward: same logits and loss\n");
  }

  /* 3. Backward through the struct: forward results again, and
   * grad_b3 = mean_n (softmax(logits_n) - onehot(label_n)). */
  {
    lenet_backward_args a;
    a.x = x; a.label = label; a.w1 = w1; a.b1 = b1; a.w2 = w2; a.b2 = b2;
    a.w3 = w3; a.b3 = b3; a.logits = logits3; a.L = &loss3;
    a.grad_w1 = gw1; a.grad_b1 = gb1; a.grad_w2 = gw2; a.grad_b2 = gb2;
    a.grad_w3 = gw3; a.grad_b3 = gb3;
    if (lenet_model.backward.fn == NULL || !LENET_HAS_BACKWARD)
      FAIL("no backward");
    st = lenet_backward(&a, wsb);
    if (st != NNC_STATUS_OK)
      FAIL("lenet_backward returned %d", (int)st);
  }
  if (memcmp(logits, logits3, sizeof logits) != 0 || loss != loss3)
    FAIL("backward's forward results differ");
  for (k = 0; k < LENET_LOGITS_DIM1; ++k) {
    double g = 0;
    for (n = 0; n < LENET_LOGITS_DIM0; ++n) {
      const float *row = logits + n * LENET_LOGITS_DIM1;
      double m = row[0], s = 0;
      int j;
      for (j = 1; j < LENET_LOGITS_DIM1; ++j)
        if (row[j] > m) m = row[j];
      for (j = 0; j < LENET_LOGITS_DIM1; ++j)
        s += exp(row[j] - m);
      g += (exp(row[k] - m) / s - (k == label[n])) / LENET_LOGITS_DIM0;
    }
    if (!(fabs(gb3[k] - g) <= 1e-6 + 1e-5 * fabs(g)))
      FAIL("grad_b3[%d] = %.9g, expected %.9g", k, gb3[k], g);
  }
  printf("OK struct backward: grad_b3 = mean(softmax - onehot)\n");

  /* 4. A label outside [0, 10): the generated code reports it. */
  label[2] = 10;
  {
    lenet_forward_args a;
    a.x = x; a.label = label; a.w1 = w1; a.b1 = b1; a.w2 = w2; a.b2 = b2;
    a.w3 = w3; a.b3 = b3; a.logits = logits; a.L = &loss;
    st = lenet_forward(&a, ws);
    if (st != NNC_STATUS_INDEX_OUT_OF_RANGE)
      FAIL("a bad label gave status %d", (int)st);
  }
  label[2] = -1;
  {
    lenet_backward_args a;
    a.x = x; a.label = label; a.w1 = w1; a.b1 = b1; a.w2 = w2; a.b2 = b2;
    a.w3 = w3; a.b3 = b3; a.logits = logits3; a.L = &loss3;
    a.grad_w1 = gw1; a.grad_b1 = gb1; a.grad_w2 = gw2; a.grad_b2 = gb2;
    a.grad_w3 = gw3; a.grad_b3 = gb3;
    st = lenet_backward(&a, wsb);
    if (st != NNC_STATUS_INDEX_OUT_OF_RANGE)
      FAIL("a negative label gave status %d in backward", (int)st);
  }
  printf("OK bad labels: NNC_STATUS_INDEX_OUT_OF_RANGE\n");
  free(ws);
  free(wsb);
  return 0;
}

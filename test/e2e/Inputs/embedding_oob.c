/* Calls the generated seq_embedding_forward/backward (nnc -c of
 * seq_embedding.nn) directly, as a C program would, with embedding ids and
 * labels in and out of [0, V): an id outside makes the function return
 * NNC_STATUS_INDEX_OUT_OF_RANGE (the read itself is clamped, so nothing
 * is read out of bounds) and the next good call succeeds again. */
#include "seq_embedding.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static float table[SEQ_EMBEDDING_TABLE_NUMEL], w_ih[SEQ_EMBEDDING_W_IH_NUMEL],
    w_hh[SEQ_EMBEDDING_W_HH_NUMEL], b_ih[SEQ_EMBEDDING_B_IH_NUMEL],
    b_hh[SEQ_EMBEDDING_B_HH_NUMEL], w_out[SEQ_EMBEDDING_W_OUT_NUMEL],
    b_out[SEQ_EMBEDDING_B_OUT_NUMEL], h0[SEQ_EMBEDDING_H0_NUMEL],
    last[SEQ_EMBEDDING_LAST_NUMEL], loss;
static float g_h0[SEQ_EMBEDDING_GRAD_H0_NUMEL],
    g_table[SEQ_EMBEDDING_GRAD_TABLE_NUMEL], g_w_ih[SEQ_EMBEDDING_W_IH_NUMEL],
    g_w_hh[SEQ_EMBEDDING_W_HH_NUMEL], g_b_ih[SEQ_EMBEDDING_B_IH_NUMEL],
    g_b_hh[SEQ_EMBEDDING_B_HH_NUMEL], g_w_out[SEQ_EMBEDDING_W_OUT_NUMEL],
    g_b_out[SEQ_EMBEDDING_B_OUT_NUMEL];
static int32_t ids[SEQ_EMBEDDING_IDS_NUMEL], targets[SEQ_EMBEDDING_TARGETS_NUMEL];

static void fill(float *p, int n, float scale) {
  for (int i = 0; i < n; ++i)
    p[i] = scale * (float)((i * 37 + 11) % 19 - 9) / 9.0f;
}

static void *workspace(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
  if (!p)
    abort();
  return p;
}

static void call(const char *what) {
  static void *wsf, *wsb;
  if (!wsf) {
    wsf = workspace(SEQ_EMBEDDING_FORWARD_WORKSPACE_BYTES);
    wsb = workspace(SEQ_EMBEDDING_BACKWARD_WORKSPACE_BYTES);
  }
  seq_embedding_forward_args fa = {ids, targets, h0, table, w_ih, w_hh,
                                   b_ih, b_hh, w_out, b_out, last, &loss};
  int32_t sf = seq_embedding_forward(&fa, wsf);
  seq_embedding_backward_args ba = {
      ids, targets, h0, table, w_ih, w_hh, b_ih, b_hh, w_out, b_out, last,
      &loss, g_h0, g_table, g_w_ih, g_w_hh, g_b_ih, g_b_hh, g_w_out, g_b_out};
  int32_t sb = seq_embedding_backward(&ba, wsb);
  printf("%s: forward status %d, backward status %d\n", what, (int)sf,
         (int)sb);
}

int main(void) {
  fill(table, SEQ_EMBEDDING_TABLE_NUMEL, 1.0f);
  fill(w_ih, SEQ_EMBEDDING_W_IH_NUMEL, 0.3f);
  fill(w_hh, SEQ_EMBEDDING_W_HH_NUMEL, 0.3f);
  fill(w_out, SEQ_EMBEDDING_W_OUT_NUMEL, 0.5f);
  for (int i = 0; i < SEQ_EMBEDDING_IDS_NUMEL; ++i) {
    ids[i] = i % SEQ_EMBEDDING_TABLE_DIM0;
    targets[i] = (i + 1) % SEQ_EMBEDDING_TABLE_DIM0;
  }
  call("in range");
  const int32_t bad[] = {SEQ_EMBEDDING_TABLE_DIM0, -1, INT32_MAX, INT32_MIN};
  for (int k = 0; k < 4; ++k) {
    int32_t keep = ids[5];
    ids[5] = bad[k];
    char what[64];
    snprintf(what, sizeof what, "id %ld", (long)bad[k]);
    call(what);
    ids[5] = keep;
  }
  targets[7] = SEQ_EMBEDDING_TABLE_DIM0;
  call("label 4");
  targets[7] = 0;
  call("in range again");
  return 0;
}

// The runtime driving seq_embedding's generated code with the ids' valid
// range erased from its descriptor (int_range = 0, as for an i32 input
// whose range the compiler could not infer), so that an out-of-range id in
// an --input file is not caught when the file is loaded and reaches the
// generated code: its status must become one error line, not a crash.
#include "nnc_model_desc.h"

#include <cstring>
#include <vector>

extern "C" const nnc_model_desc seq_embedding_model;

static nnc_model_desc unchecked() {
  static std::vector<nnc_tensor_desc> tensors(
      seq_embedding_model.tensors,
      seq_embedding_model.tensors + seq_embedding_model.num_tensors);
  for (nnc_tensor_desc &t : tensors)
    if (std::strcmp(t.name, "ids") == 0)
      t.int_range = 0;
  nnc_model_desc m = seq_embedding_model;
  m.tensors = tensors.data();
  return m;
}

extern "C" const nnc_model_desc nnc_main_model = unchecked();

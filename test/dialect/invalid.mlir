// RUN: nnc-opt %s -split-input-file -verify-diagnostics
// The shape rules of every nn op: each case violates one.

// === elementwise ===

func.func @unary_type(%x: tensor<7x13xf32>) -> tensor<13x7xf32> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "nn.relu"(%x) : (tensor<7x13xf32>) -> tensor<13x7xf32>
  return %0 : tensor<13x7xf32>
}

// -----

func.func @unary_i32(%x: tensor<7xi32>) -> tensor<7xi32> {
  // expected-error @+1 {{must be statically shaped tensor of 32-bit float values}}
  %0 = nn.exp %x : tensor<7xi32>
  return %0 : tensor<7xi32>
}

// -----

func.func @binary_no_broadcast(%a: tensor<7x13xf32>, %b: tensor<7xf32>) -> tensor<7x13xf32> {
  // expected-error @+1 {{cannot broadcast [7, 13] with [7]}}
  %0 = nn.add %a, %b : tensor<7x13xf32>, tensor<7xf32> -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

// -----

func.func @binary_result(%a: tensor<7x1xf32>, %b: tensor<13xf32>) -> tensor<7x1xf32> {
  // expected-error @+1 {{result has shape [7, 1], expected [7, 13]}}
  %0 = nn.mul %a, %b : tensor<7x1xf32>, tensor<13xf32> -> tensor<7x1xf32>
  return %0 : tensor<7x1xf32>
}

// -----

func.func @binary_rank(%a: tensor<3x1x5xf32>, %b: tensor<7x1xf32>) -> tensor<7x5xf32> {
  // expected-error @+1 {{result has shape [7, 5], expected [3, 7, 5]}}
  %0 = nn.div %a, %b : tensor<3x1x5xf32>, tensor<7x1xf32> -> tensor<7x5xf32>
  return %0 : tensor<7x5xf32>
}

// -----

func.func @relu_backward(%x: tensor<7xf32>, %g: tensor<1xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "nn.relu_backward"(%x, %g) : (tensor<7xf32>, tensor<1xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// === matmul / linear ===

func.func @matmul_k(%a: tensor<7x5xf32>, %b: tensor<6x9xf32>) -> tensor<7x9xf32> {
  // expected-error @+1 {{contracted sizes differ (5 vs 6): [7, 5] x [6, 9]}}
  %0 = nn.matmul %a, %b : tensor<7x5xf32>, tensor<6x9xf32> -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

// -----

func.func @matmul_k_transposed(%a: tensor<7x5xf32>, %b: tensor<5x9xf32>) -> tensor<7x9xf32> {
  // expected-error @+1 {{contracted sizes differ (5 vs 9)}}
  %0 = nn.matmul %a, %b {transpose_rhs = true} : tensor<7x5xf32>, tensor<5x9xf32> -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

// -----

func.func @matmul_rank(%a: tensor<5xf32>, %b: tensor<5x9xf32>) -> tensor<9xf32> {
  // expected-error @+1 {{operands must have rank >= 2}}
  %0 = nn.matmul %a, %b : tensor<5xf32>, tensor<5x9xf32> -> tensor<9xf32>
  return %0 : tensor<9xf32>
}

// -----

func.func @matmul_batch(%a: tensor<3x7x5xf32>, %b: tensor<2x5x9xf32>) -> tensor<3x7x9xf32> {
  // expected-error @+1 {{batch dimensions differ}}
  %0 = nn.matmul %a, %b : tensor<3x7x5xf32>, tensor<2x5x9xf32> -> tensor<3x7x9xf32>
  return %0 : tensor<3x7x9xf32>
}

// -----

func.func @matmul_result(%a: tensor<3x7x5xf32>, %b: tensor<5x9xf32>) -> tensor<7x9xf32> {
  // expected-error @+1 {{result has shape [7, 9], expected [3, 7, 9]}}
  %0 = nn.matmul %a, %b : tensor<3x7x5xf32>, tensor<5x9xf32> -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

// -----

func.func @linear_features(%x: tensor<7x5xf32>, %w: tensor<9x6xf32>) -> tensor<7x9xf32> {
  // expected-error @+1 {{weight [9, 6] expects 6 input features, input has [7, 5]}}
  %0 = nn.linear %x, %w : (tensor<7x5xf32>, tensor<9x6xf32>) -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

// -----

func.func @linear_weight_rank(%x: tensor<7x5xf32>, %w: tensor<9x5x1xf32>) -> tensor<7x9xf32> {
  // expected-error @+1 {{expects input of rank >= 1 and a 2-D weight}}
  %0 = nn.linear %x, %w : (tensor<7x5xf32>, tensor<9x5x1xf32>) -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

// -----

func.func @linear_bias(%x: tensor<7x5xf32>, %w: tensor<9x5xf32>, %b: tensor<5xf32>) -> tensor<7x9xf32> {
  // expected-error @+1 {{bias has shape [5], expected [9]}}
  %0 = nn.linear %x, %w, %b : (tensor<7x5xf32>, tensor<9x5xf32>, tensor<5xf32>) -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

// -----

func.func @linear_result(%x: tensor<3x7x5xf32>, %w: tensor<9x5xf32>) -> tensor<21x9xf32> {
  // expected-error @+1 {{result has shape [21, 9], expected [3, 7, 9]}}
  %0 = nn.linear %x, %w : (tensor<3x7x5xf32>, tensor<9x5xf32>) -> tensor<21x9xf32>
  return %0 : tensor<21x9xf32>
}

// -----

// === shape ===

func.func @permute_length(%x: tensor<3x7x5xf32>) -> tensor<7x3xf32> {
  // expected-error @+1 {{perm must have one entry per axis}}
  %0 = nn.permute %x [1, 0] : tensor<3x7x5xf32> -> tensor<7x3xf32>
  return %0 : tensor<7x3xf32>
}

// -----

func.func @permute_repeat(%x: tensor<3x7x5xf32>) -> tensor<7x7x3xf32> {
  // expected-error @+1 {{perm is not a permutation}}
  %0 = nn.permute %x [1, 1, 0] : tensor<3x7x5xf32> -> tensor<7x7x3xf32>
  return %0 : tensor<7x7x3xf32>
}

// -----

func.func @permute_negative(%x: tensor<3x7x5xf32>) -> tensor<5x3x7xf32> {
  // expected-error @+1 {{perm is not a permutation}}
  %0 = nn.permute %x [-1, 0, 1] : tensor<3x7x5xf32> -> tensor<5x3x7xf32>
  return %0 : tensor<5x3x7xf32>
}

// -----

func.func @permute_result(%x: tensor<3x7x5xf32>) -> tensor<5x7x3xf32> {
  // expected-error @+1 {{result has shape [5, 7, 3], expected [5, 3, 7]}}
  %0 = nn.permute %x [2, 0, 1] : tensor<3x7x5xf32> -> tensor<5x7x3xf32>
  return %0 : tensor<5x7x3xf32>
}

// -----

func.func @permute_dtype(%x: tensor<3x7xi32>) -> tensor<7x3xf32> {
  // expected-error @+1 {{element types differ}}
  %0 = nn.permute %x [1, 0] : tensor<3x7xi32> -> tensor<7x3xf32>
  return %0 : tensor<7x3xf32>
}

// -----

func.func @reshape_count(%x: tensor<3x7xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{cannot reshape [3, 7] to [4, 5]}}
  %0 = nn.reshape %x : tensor<3x7xf32> -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @reshape_dtype(%x: tensor<3x7xf32>) -> tensor<21xi32> {
  // expected-error @+1 {{element types differ}}
  %0 = nn.reshape %x : tensor<3x7xf32> -> tensor<21xi32>
  return %0 : tensor<21xi32>
}

// -----

func.func @concat_axis(%x: tensor<3x7xf32>) -> tensor<3x14xf32> {
  // expected-error @+1 {{axis -1 out of range}}
  %0 = nn.concat %x, %x {axis = -1 : i64} : (tensor<3x7xf32>, tensor<3x7xf32>) -> tensor<3x14xf32>
  return %0 : tensor<3x14xf32>
}

// -----

func.func @concat_mismatch(%x: tensor<3x7xf32>, %y: tensor<2x5xf32>) -> tensor<3x12xf32> {
  // expected-error @+1 {{inputs [3, 7] and [2, 5] differ outside axis 1}}
  %0 = nn.concat %x, %y {axis = 1 : i64} : (tensor<3x7xf32>, tensor<2x5xf32>) -> tensor<3x12xf32>
  return %0 : tensor<3x12xf32>
}

// -----

func.func @concat_rank(%x: tensor<3x7xf32>, %y: tensor<3x7x1xf32>) -> tensor<6x7xf32> {
  // expected-error @+1 {{inputs must have the same rank}}
  %0 = nn.concat %x, %y {axis = 0 : i64} : (tensor<3x7xf32>, tensor<3x7x1xf32>) -> tensor<6x7xf32>
  return %0 : tensor<6x7xf32>
}

// -----

func.func @concat_result(%x: tensor<3x7xf32>, %y: tensor<3x5xf32>) -> tensor<3x13xf32> {
  // expected-error @+1 {{result has shape [3, 13], expected [3, 12]}}
  %0 = nn.concat %x, %y {axis = 1 : i64} : (tensor<3x7xf32>, tensor<3x5xf32>) -> tensor<3x13xf32>
  return %0 : tensor<3x13xf32>
}

// -----

func.func @concat_dtype(%x: tensor<3x7xf32>, %y: tensor<3x7xi32>) -> tensor<6x7xf32> {
  // expected-error @+1 {{element types differ}}
  %0 = nn.concat %x, %y {axis = 0 : i64} : (tensor<3x7xf32>, tensor<3x7xi32>) -> tensor<6x7xf32>
  return %0 : tensor<6x7xf32>
}

// -----

func.func @concat_empty() -> tensor<3xf32> {
  // expected-error @+1 {{needs at least one input}}
  %0 = nn.concat {axis = 0 : i64} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @slice_bounds(%x: tensor<3x7xf32>) -> tensor<1x3xf32> {
  // expected-error @+1 {{slice out of bounds on axis 1}}
  %0 = nn.slice %x {offsets = array<i64: 2, 2>, strides = array<i64: 1, 3>} : tensor<3x7xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @slice_stride(%x: tensor<3x7xf32>) -> tensor<1x3xf32> {
  // expected-error @+1 {{slice out of bounds on axis 1}}
  %0 = nn.slice %x {offsets = array<i64: 0, 0>, strides = array<i64: 1, 0>} : tensor<3x7xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @slice_negative(%x: tensor<3x7xf32>) -> tensor<1x3xf32> {
  // expected-error @+1 {{slice out of bounds on axis 0}}
  %0 = nn.slice %x {offsets = array<i64: -1, 0>, strides = array<i64: 1, 1>} : tensor<3x7xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @slice_entries(%x: tensor<3x7xf32>) -> tensor<1x3xf32> {
  // expected-error @+1 {{offsets, strides and result need one entry per axis}}
  %0 = nn.slice %x {offsets = array<i64: 0>, strides = array<i64: 1, 1>} : tensor<3x7xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @pad_result(%x: tensor<3x7xf32>) -> tensor<5x7xf32> {
  // expected-error @+1 {{result has shape [5, 7], expected [6, 7]}}
  %0 = nn.pad %x {low = array<i64: 1, 0>, high = array<i64: 0, 0>, interior = array<i64: 1, 0>} : tensor<3x7xf32> -> tensor<5x7xf32>
  return %0 : tensor<5x7xf32>
}

// -----

func.func @pad_interior(%x: tensor<3x7xf32>) -> tensor<1x7xf32> {
  // expected-error @+1 {{interior padding must be >= 0}}
  %0 = nn.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 0>, interior = array<i64: -1, 0>} : tensor<3x7xf32> -> tensor<1x7xf32>
  return %0 : tensor<1x7xf32>
}

// -----

func.func @pad_empty(%x: tensor<3x7xf32>) -> tensor<3x1xf32> {
  // expected-error @+1 {{padding leaves no element on axis 1}}
  %0 = nn.pad %x {low = array<i64: 0, -4>, high = array<i64: 0, -3>, interior = array<i64: 0, 0>} : tensor<3x7xf32> -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// Cropping more than the data (then padding it back) is rejected: the
// lowering would build a slice of negative size.
func.func @pad_overcrop(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{negative padding crops more than the 3 elements of axis 0}}
  %0 = nn.pad %x {low = array<i64: -5>, high = array<i64: 5>, interior = array<i64: 0>} : tensor<3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_overcrop_high(%x: tensor<3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{negative padding crops more than the 5 elements of axis 0}}
  %0 = nn.pad %x {low = array<i64: 2>, high = array<i64: -5>, interior = array<i64: 1>} : tensor<3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @pad_entries(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  // expected-error @+1 {{low, high and interior need one entry per axis}}
  %0 = nn.pad %x {low = array<i64: 0>, high = array<i64: 0, 0>, interior = array<i64: 0, 0>} : tensor<3x7xf32> -> tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

func.func @reverse_axes(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  // expected-error @+1 {{axis 2 out of range for rank 2}}
  %0 = nn.reverse %x [2] : tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

func.func @reverse_unsorted(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  // expected-error @+1 {{axes must be sorted and unique}}
  %0 = nn.reverse %x [1, 0] : tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

func.func @broadcast_size(%x: tensor<3x2xf32>) -> tensor<5x3x7xf32> {
  // expected-error @+1 {{cannot broadcast [3, 2] to [5, 3, 7]}}
  %0 = nn.broadcast %x [1, 2] : tensor<3x2xf32> -> tensor<5x3x7xf32>
  return %0 : tensor<5x3x7xf32>
}

// -----

func.func @broadcast_dims(%x: tensor<3x1xf32>) -> tensor<5x3x7xf32> {
  // expected-error @+1 {{dims must have one entry per input axis}}
  %0 = nn.broadcast %x [1] : tensor<3x1xf32> -> tensor<5x3x7xf32>
  return %0 : tensor<5x3x7xf32>
}

// -----

func.func @broadcast_order(%x: tensor<3x1xf32>) -> tensor<5x3x7xf32> {
  // expected-error @+1 {{axes must be sorted and unique}}
  %0 = nn.broadcast %x [2, 1] : tensor<3x1xf32> -> tensor<5x3x7xf32>
  return %0 : tensor<5x3x7xf32>
}

// -----

// === reductions ===

func.func @sum_axis(%x: tensor<3x7xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{axis 2 out of range for rank 2}}
  %0 = nn.sum %x [2] : tensor<3x7xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @mean_negative_axis(%x: tensor<3x7xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{axis -1 out of range for rank 2}}
  %0 = nn.mean %x [-1] : tensor<3x7xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @max_result(%x: tensor<3x7xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{result has shape [7], expected [3]}}
  %0 = nn.max %x [1] : tensor<3x7xf32> -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @sum_duplicate(%x: tensor<3x7xf32>) -> tensor<f32> {
  // expected-error @+1 {{axes must be sorted and unique}}
  %0 = nn.sum %x [0, 0, 1] : tensor<3x7xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @max_backward_grad(%x: tensor<3x7xf32>, %g: tensor<7xf32>) -> tensor<3x7xf32> {
  // expected-error @+1 {{gradient has shape [7], expected [3]}}
  %0 = nn.max_backward %x, %g [1] : (tensor<3x7xf32>, tensor<7xf32>) -> tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

func.func @max_backward_result(%x: tensor<3x7xf32>, %g: tensor<3xf32>) -> tensor<7x3xf32> {
  // expected-error @+1 {{result must have the input's type}}
  %0 = nn.max_backward %x, %g [1] : (tensor<3x7xf32>, tensor<3xf32>) -> tensor<7x3xf32>
  return %0 : tensor<7x3xf32>
}

// -----

func.func @softmax_axis(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  // expected-error @+1 {{axis 2 out of range}}
  %0 = nn.softmax %x {axis = 2 : i64} : tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  // expected-error @+1 {{axis -1 out of range}}
  %0 = nn.log_softmax %x {axis = -1 : i64} : tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

// === conv ===

func.func @conv_channels(%x: tensor<2x3x13x13xf32>, %w: tensor<5x4x3x3xf32>) -> tensor<2x5x11x11xf32> {
  // expected-error @+1 {{weight [5, 4, 3, 3] expects 4 input channels, input has [2, 3, 13, 13]}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x3x13x13xf32>, tensor<5x4x3x3xf32>) -> tensor<2x5x11x11xf32>
  return %0 : tensor<2x5x11x11xf32>
}

// -----

func.func @conv_result(%x: tensor<2x3x13x13xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x7x7xf32> {
  // expected-error @+1 {{result has shape [2, 5, 7, 7], expected [2, 5, 6, 6]}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<5x3x3x3xf32>) -> tensor<2x5x7x7xf32>
  return %0 : tensor<2x5x7x7xf32>
}

// -----

func.func @conv_dilated_too_large(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x1x1xf32> {
  // expected-error @+1 {{kernel larger than the padded input}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 4, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x3x7x7xf32>, tensor<5x3x3x3xf32>) -> tensor<2x5x1x1xf32>
  return %0 : tensor<2x5x1x1xf32>
}

// -----

func.func @conv_stride(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x5x5xf32> {
  // expected-error @+1 {{'stride' entries must be >= 1}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 0>} : (tensor<2x3x7x7xf32>, tensor<5x3x3x3xf32>) -> tensor<2x5x5x5xf32>
  return %0 : tensor<2x5x5x5xf32>
}

// -----

func.func @conv_padding(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x5x5xf32> {
  // expected-error @+1 {{'padding' entries must be >= 0}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1, 1>, padding = array<i64: -1, 0>, stride = array<i64: 1, 1>} : (tensor<2x3x7x7xf32>, tensor<5x3x3x3xf32>) -> tensor<2x5x5x5xf32>
  return %0 : tensor<2x5x5x5xf32>
}

// -----

func.func @conv_dilation_pair(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x5x5x5xf32> {
  // expected-error @+1 {{'dilation' must have 2 entries}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x3x7x7xf32>, tensor<5x3x3x3xf32>) -> tensor<2x5x5x5xf32>
  return %0 : tensor<2x5x5x5xf32>
}

// -----

func.func @conv_bias(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<2x5x5x5xf32> {
  // expected-error @+1 {{bias must have shape [5]}}
  %0 = nn.conv2d %x, %w, %b {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x3x7x7xf32>, tensor<5x3x3x3xf32>, tensor<3xf32>) -> tensor<2x5x5x5xf32>
  return %0 : tensor<2x5x5x5xf32>
}

// -----

func.func @conv_rank(%x: tensor<3x7x7xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<5x5x5xf32> {
  // expected-error @+1 {{expects a 4-D input (NCHW) and a 4-D weight (FCHW)}}
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<3x7x7xf32>, tensor<5x3x3x3xf32>) -> tensor<5x5x5xf32>
  return %0 : tensor<5x5x5xf32>
}

// -----

func.func @conv1x1_channels(%x: tensor<2x3x7x7xf32>, %w: tensor<5x4xf32>) -> tensor<2x5x7x7xf32> {
  // expected-error @+1 {{weight [5, 4] expects 4 input channels, input has [2, 3, 7, 7]}}
  %0 = nn.conv1x1 %x, %w : (tensor<2x3x7x7xf32>, tensor<5x4xf32>) -> tensor<2x5x7x7xf32>
  return %0 : tensor<2x5x7x7xf32>
}

// -----

func.func @conv1x1_rank(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3x1x1xf32>) -> tensor<2x5x7x7xf32> {
  // expected-error @+1 {{expects a 4-D input (NCHW) and a 2-D weight (FC)}}
  %0 = nn.conv1x1 %x, %w : (tensor<2x3x7x7xf32>, tensor<5x3x1x1xf32>) -> tensor<2x5x7x7xf32>
  return %0 : tensor<2x5x7x7xf32>
}

// -----

func.func @conv1x1_result(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3xf32>, %b: tensor<5xf32>) -> tensor<2x5x7x6xf32> {
  // expected-error @+1 {{result has shape [2, 5, 7, 6], expected [2, 5, 7, 7]}}
  %0 = nn.conv1x1 %x, %w, %b : (tensor<2x3x7x7xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<2x5x7x6xf32>
  return %0 : tensor<2x5x7x6xf32>
}

// -----

func.func @conv1x1_bias(%x: tensor<2x3x7x7xf32>, %w: tensor<5x3xf32>, %b: tensor<1xf32>) -> tensor<2x5x7x7xf32> {
  // expected-error @+1 {{bias must have shape [5]}}
  %0 = nn.conv1x1 %x, %w, %b : (tensor<2x3x7x7xf32>, tensor<5x3xf32>, tensor<1xf32>) -> tensor<2x5x7x7xf32>
  return %0 : tensor<2x5x7x7xf32>
}

// -----

func.func @conv_backward_input_grad(%g: tensor<2x5x6x6xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x3x13x13xf32> {
  // expected-error @+1 {{gradient has shape [2, 5, 6, 6], expected [2, 5, 11, 11]}}
  %0 = nn.conv2d_backward_input %g, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x5x6x6xf32>, tensor<5x3x3x3xf32>) -> tensor<2x3x13x13xf32>
  return %0 : tensor<2x3x13x13xf32>
}

// -----

func.func @conv_backward_input_channels(%g: tensor<2x5x11x11xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<2x4x13x13xf32> {
  // expected-error @+1 {{weight and result disagree on channels}}
  %0 = nn.conv2d_backward_input %g, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x5x11x11xf32>, tensor<5x3x3x3xf32>) -> tensor<2x4x13x13xf32>
  return %0 : tensor<2x4x13x13xf32>
}

// -----

func.func @conv_backward_weight_grad(%x: tensor<2x3x13x13xf32>, %g: tensor<2x5x11x11xf32>) -> tensor<5x3x3x3xf32> {
  // expected-error @+1 {{gradient has shape [2, 5, 11, 11], expected [2, 5, 6, 6]}}
  %0 = nn.conv2d_backward_weight %x, %g {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<2x5x11x11xf32>) -> tensor<5x3x3x3xf32>
  return %0 : tensor<5x3x3x3xf32>
}

// -----

func.func @conv_backward_weight_channels(%x: tensor<2x3x13x13xf32>, %g: tensor<2x5x11x11xf32>) -> tensor<5x2x3x3xf32> {
  // expected-error @+1 {{input and result disagree on channels}}
  %0 = nn.conv2d_backward_weight %x, %g {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x3x13x13xf32>, tensor<2x5x11x11xf32>) -> tensor<5x2x3x3xf32>
  return %0 : tensor<5x2x3x3xf32>
}

// -----

// === pooling ===

func.func @pool_result(%x: tensor<2x3x13x13xf32>) -> tensor<2x3x6x6xf32> {
  // expected-error @+1 {{pooled shape is [2, 3, 6, 6], expected [2, 3, 7, 7]}}
  %0 = nn.maxpool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<2x3x13x13xf32> -> tensor<2x3x6x6xf32>
  return %0 : tensor<2x3x6x6xf32>
}

// -----

func.func @pool_padding(%x: tensor<2x3x13x13xf32>) -> tensor<2x3x8x8xf32> {
  // expected-error @+1 {{padding must be at most half the kernel}}
  %0 = nn.avgpool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 2, 1>, stride = array<i64: 2, 2>} : tensor<2x3x13x13xf32> -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}

// -----

func.func @pool_kernel(%x: tensor<2x3x7x7xf32>) -> tensor<2x3x1x1xf32> {
  // expected-error @+1 {{kernel larger than the padded input}}
  %0 = nn.maxpool2d %x {kernel = array<i64: 9, 3>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}

// -----

func.func @pool_kernel_zero(%x: tensor<2x3x7x7xf32>) -> tensor<2x3x7x7xf32> {
  // expected-error @+1 {{'kernel' entries must be >= 1}}
  %0 = nn.avgpool2d %x {kernel = array<i64: 0, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x7x7xf32>
  return %0 : tensor<2x3x7x7xf32>
}

// -----

func.func @pool_rank(%x: tensor<3x7x7xf32>) -> tensor<3x3x3xf32> {
  // expected-error @+1 {{expects a 4-D input (NCHW)}}
  %0 = nn.maxpool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : tensor<3x7x7xf32> -> tensor<3x3x3xf32>
  return %0 : tensor<3x3x3xf32>
}

// -----

func.func @maxpool_backward_grad(%x: tensor<2x3x13x13xf32>, %g: tensor<2x3x6x6xf32>) -> tensor<2x3x13x13xf32> {
  // expected-error @+1 {{pooled shape is [2, 3, 6, 6], expected [2, 3, 7, 7]}}
  %0 = nn.maxpool2d_backward %x, %g {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<2x3x6x6xf32>) -> tensor<2x3x13x13xf32>
  return %0 : tensor<2x3x13x13xf32>
}

// -----

func.func @maxpool_backward_result(%x: tensor<2x3x13x13xf32>, %g: tensor<2x3x7x7xf32>) -> tensor<2x3x14x14xf32> {
  // expected-error @+1 {{result must have the input's type}}
  %0 = nn.maxpool2d_backward %x, %g {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<2x3x7x7xf32>) -> tensor<2x3x14x14xf32>
  return %0 : tensor<2x3x14x14xf32>
}

// -----

func.func @avgpool_backward_grad(%g: tensor<2x3x7x7xf32>) -> tensor<2x3x12x13xf32> {
  // expected-error @+1 {{pooled shape is [2, 3, 7, 7], expected [2, 3, 6, 7]}}
  %0 = nn.avgpool2d_backward %g {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<2x3x7x7xf32> -> tensor<2x3x12x13xf32>
  return %0 : tensor<2x3x12x13xf32>
}

// -----

// === losses and checks ===

func.func @cross_entropy_labels(%l: tensor<7x13xf32>, %y: tensor<5xi32>) -> tensor<f32> {
  // expected-error @+1 {{expects logits [N, K] and labels [N], got [7, 13] and [5]}}
  %0 = nn.cross_entropy %l, %y : (tensor<7x13xf32>, tensor<5xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_rank(%l: tensor<7x13x1xf32>, %y: tensor<7xi32>) -> tensor<f32> {
  // expected-error @+1 {{expects logits [N, K] and labels [N], got [7, 13, 1] and [7]}}
  %0 = nn.cross_entropy %l, %y : (tensor<7x13x1xf32>, tensor<7xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_float_labels(%l: tensor<7x13xf32>, %y: tensor<7xf32>) -> tensor<f32> {
  // expected-error @+1 {{must be statically shaped tensor of 32-bit signless integer values}}
  %0 = nn.cross_entropy %l, %y : (tensor<7x13xf32>, tensor<7xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_result(%l: tensor<7x13xf32>, %y: tensor<7xi32>) -> tensor<7xf32> {
  // expected-error @+1 {{must be 0D tensor of 32-bit float values}}
  %0 = nn.cross_entropy %l, %y : (tensor<7x13xf32>, tensor<7xi32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @cross_entropy_backward_result(%l: tensor<7x13xf32>, %y: tensor<7xi32>, %g: tensor<f32>) -> tensor<13x7xf32> {
  // expected-error @+1 {{result must have the logits' type}}
  %0 = nn.cross_entropy_backward %l, %y, %g : (tensor<7x13xf32>, tensor<7xi32>, tensor<f32>) -> tensor<13x7xf32>
  return %0 : tensor<13x7xf32>
}

// -----

func.func @cross_entropy_backward_grad(%l: tensor<7x13xf32>, %y: tensor<7xi32>, %g: tensor<1xf32>) -> tensor<7x13xf32> {
  // expected-error @+1 {{must be 0D tensor of 32-bit float values}}
  %0 = nn.cross_entropy_backward %l, %y, %g : (tensor<7x13xf32>, tensor<7xi32>, tensor<1xf32>) -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

// -----

func.func @runtime_check_type(%f: tensor<1xi1>) {
  // expected-error @+1 {{must be 0D tensor of 1-bit signless integer values}}
  nn.runtime_check %f, 1 : tensor<1xi1>
  return
}

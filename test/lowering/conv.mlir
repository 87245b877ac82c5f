// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// conv2d and conv1x1 become linalg.conv_2d_nchw_fchw on an explicitly
// zero-padded input, with the bias broadcast as the init. The input
// gradient is a stride-1 convolution (dilation kept) of the zero-stuffed,
// re-padded output gradient with the flipped, channel-transposed kernel; the
// weight gradient is a matmul of the output gradient with the im2col matrix
// (built row-major, so the matmul needs no transposed operand).

// CHECK-DAG: #[[CHAN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, -d2 + 2, -d3 + 1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d3, d1 * 2 + d4 * 2, d2 * 2 + d5)>

// CHECK-LABEL: func.func @conv2d
func.func @conv2d(%x: tensor<2x3x13x13xf32>, %w: tensor<5x3x3x2xf32>, %b: tensor<5xf32>) -> tensor<2x5x6x6xf32> {
  // Padding [1, 0]: 13 x 13 -> 15 x 13.
  // CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x15x13xf32>)
  // CHECK: %[[XP:.*]] = tensor.insert_slice %{{.*}} into %[[Z]][0, 0, 1, 0] [2, 3, 13, 13] [1, 1, 1, 1]
  // CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[CHAN]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<5xf32>) outs(%{{.*}} : tensor<2x5x6x6xf32>)
  // CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[XP]], %{{.*}} : tensor<2x3x15x13xf32>, tensor<5x3x3x2xf32>) outs(%[[INIT]] : tensor<2x5x6x6xf32>)
  %0 = nn.conv2d %x, %w, %b {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>, tensor<5xf32>) -> tensor<2x5x6x6xf32>
  return %0 : tensor<2x5x6x6xf32>
}

// CHECK-LABEL: func.func @conv2d_nobias_nopad
func.func @conv2d_nobias_nopad(%x: tensor<1x1x7x13xf32>, %w: tensor<1x1x3x5xf32>) -> tensor<1x1x5x9xf32> {
  // CHECK-NOT: tensor.insert_slice
  // CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x1x5x9xf32>)
  // CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x1x7x13xf32>, tensor<1x1x3x5xf32>) outs(%[[INIT]] : tensor<1x1x5x9xf32>)
  %0 = nn.conv2d %x, %w {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x7x13xf32>, tensor<1x1x3x5xf32>) -> tensor<1x1x5x9xf32>
  return %0 : tensor<1x1x5x9xf32>
}

// CHECK-LABEL: func.func @conv1x1
func.func @conv1x1(%x: tensor<2x3x7x13xf32>, %w: tensor<5x3xf32>, %b: tensor<5xf32>) -> tensor<2x5x7x13xf32> {
  // CHECK: %[[W4:.*]] = tensor.expand_shape %{{.*}} output_shape [5, 3, 1, 1] : tensor<15xf32> into tensor<5x3x1x1xf32>
  // CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[CHAN]], #{{.*}}]
  // CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %[[W4]] : tensor<2x3x7x13xf32>, tensor<5x3x1x1xf32>) outs(%[[INIT]] : tensor<2x5x7x13xf32>)
  %0 = nn.conv1x1 %x, %w, %b : (tensor<2x3x7x13xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<2x5x7x13xf32>
  return %0 : tensor<2x5x7x13xf32>
}

// g [2, 5, 6, 6] of a stride-2 conv: one zero between elements (strides 2
// in the insert_slice), (K-1)d - p = 3 and 1 zeros before, so that the
// dilated 3x2 kernel yields 13 x 13.
// CHECK-LABEL: func.func @conv2d_backward_input
func.func @conv2d_backward_input(%g: tensor<2x5x6x6xf32>, %w: tensor<5x3x3x2xf32>) -> tensor<2x3x13x13xf32> {
  // CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x5x17x14xf32>)
  // CHECK: %[[GZ:.*]] = tensor.insert_slice %{{.*}} into %[[Z]][0, 0, 3, 1] [2, 5, 6, 6] [1, 1, 2, 2]
  // CHECK: %[[WT:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<5x3x3x2xf32>) outs(%{{.*}} : tensor<3x5x3x2xf32>)
  // CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[GZ]], %[[WT]] : tensor<2x5x17x14xf32>, tensor<3x5x3x2xf32>) outs(%{{.*}} : tensor<2x3x13x13xf32>)
  %0 = nn.conv2d_backward_input %g, %w {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x5x6x6xf32>, tensor<5x3x3x2xf32>) -> tensor<2x3x13x13xf32>
  return %0 : tensor<2x3x13x13xf32>
}

// Padding wider than the dilated kernel: (K-1)d - p < 0 crops the gradient
// (the padded border rows of x receive nothing).
// CHECK-LABEL: func.func @conv2d_backward_input_crop
func.func @conv2d_backward_input_crop(%g: tensor<1x4x9x9xf32>, %w: tensor<4x3x1x1xf32>) -> tensor<1x3x7x7xf32> {
  // CHECK: tensor.extract_slice %{{.*}}[0, 0, 1, 1] [1, 4, 7, 7] [1, 1, 1, 1] : tensor<1x4x9x9xf32> to tensor<1x4x7x7xf32>
  // CHECK: linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x4x7x7xf32>, tensor<3x4x1x1xf32>)
  %0 = nn.conv2d_backward_input %g, %w {dilation = array<i64: 1, 1>, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x9x9xf32>, tensor<4x3x1x1xf32>) -> tensor<1x3x7x7xf32>
  return %0 : tensor<1x3x7x7xf32>
}

// CHECK-LABEL: func.func @conv2d_backward_weight
func.func @conv2d_backward_weight(%x: tensor<2x3x13x13xf32>, %g: tensor<2x5x6x6xf32>) -> tensor<5x3x3x2xf32> {
  // CHECK: %[[XP:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 0] [2, 3, 13, 13] [1, 1, 1, 1] : tensor<2x3x13x13xf32> into tensor<2x3x15x13xf32>
  // im2col, row-major for the matmul:
  // col[n, oh, ow, c, kh, kw] = xp[n, c, 2 oh + 2 kh, 2 ow + kw]
  // CHECK: linalg.generic {indexing_maps = [#[[COL]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[XP]] : tensor<2x3x15x13xf32>) outs(%{{.*}} : tensor<2x6x6x3x3x2xf32>)
  // CHECK: tensor.expand_shape %{{.*}} output_shape [72, 18]
  // CHECK: linalg.transpose ins(%{{.*}} : tensor<2x5x6x6xf32>) outs(%{{.*}} : tensor<5x2x6x6xf32>) permutation = [1, 0, 2, 3]
  // CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<5x72xf32>, tensor<72x18xf32>) outs(%{{.*}} : tensor<5x18xf32>)
  // CHECK: tensor.expand_shape %{{.*}} output_shape [5, 3, 3, 2]
  %0 = nn.conv2d_backward_weight %x, %g {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<2x5x6x6xf32>) -> tensor<5x3x3x2xf32>
  return %0 : tensor<5x3x3x2xf32>
}

// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// Data movement: permute -> linalg.transpose; reshape and slice are views
// (collapse/expand_shape, extract_slice); concat and pad insert slices into
// a (filled) destination; reverse and broadcast are copies through one
// indexing map. i32 tensors take the same paths.

// CHECK-DAG: #[[REV:.*]] = affine_map<(d0, d1, d2) -> (-d0 + 2, d1, -d2 + 4)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, d3)>

// CHECK-LABEL: func.func @permute_reshape
func.func @permute_reshape(%x: tensor<3x7x5xf32>, %ids: tensor<7x3xi32>) -> (tensor<7x15xf32>, tensor<3x7xi32>, tensor<f32>) {
  // CHECK: %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<3x7x5xf32>) outs(%{{.*}} : tensor<5x3x7xf32>) permutation = [2, 0, 1]
  %0 = nn.permute %x [2, 0, 1] : tensor<3x7x5xf32> -> tensor<5x3x7xf32>
  // CHECK: %[[F:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0, 1, 2]] : tensor<5x3x7xf32> into tensor<105xf32>
  // CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [7, 15] : tensor<105xf32> into tensor<7x15xf32>
  %1 = nn.reshape %0 : tensor<5x3x7xf32> -> tensor<7x15xf32>
  // CHECK: linalg.transpose ins(%{{.*}} : tensor<7x3xi32>) outs(%{{.*}} : tensor<3x7xi32>) permutation = [1, 0]
  %2 = nn.permute %ids [1, 0] : tensor<7x3xi32> -> tensor<3x7xi32>
  // To and from rank 0.
  // CHECK: tensor.extract_slice %{{.*}}[1, 2, 3] [1, 1, 1] [1, 1, 1]
  // CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<1x1x1xf32> into tensor<1xf32>
  // CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1xf32> into tensor<f32>
  %s = nn.slice %x {offsets = array<i64: 1, 2, 3>, strides = array<i64: 1, 1, 1>} : tensor<3x7x5xf32> -> tensor<1x1x1xf32>
  %3 = nn.reshape %s : tensor<1x1x1xf32> -> tensor<f32>
  return %1, %2, %3 : tensor<7x15xf32>, tensor<3x7xi32>, tensor<f32>
}

// CHECK-LABEL: func.func @concat
func.func @concat(%x: tensor<3x7x5xf32>, %y: tensor<3x2x5xf32>) -> tensor<3x16x5xf32> {
  // CHECK: %[[E:.*]] = tensor.empty() : tensor<3x16x5xf32>
  // CHECK: %[[A:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0, 0] [3, 7, 5] [1, 1, 1]
  // CHECK: %[[B:.*]] = tensor.insert_slice %{{.*}} into %[[A]][0, 7, 0] [3, 2, 5] [1, 1, 1]
  // CHECK: tensor.insert_slice %{{.*}} into %[[B]][0, 9, 0] [3, 7, 5] [1, 1, 1]
  %0 = nn.concat %x, %y, %x {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<3x2x5xf32>, tensor<3x7x5xf32>) -> tensor<3x16x5xf32>
  return %0 : tensor<3x16x5xf32>
}

// CHECK-LABEL: func.func @slice
func.func @slice(%x: tensor<3x7x5xf32>) -> tensor<2x2x2xf32> {
  // CHECK: tensor.extract_slice %{{.*}}[1, 2, 1] [2, 2, 2] [1, 3, 3] : tensor<3x7x5xf32> to tensor<2x2x2xf32>
  %0 = nn.slice %x {offsets = array<i64: 1, 2, 1>, strides = array<i64: 1, 3, 3>} : tensor<3x7x5xf32> -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

// CHECK-LABEL: func.func @pad
func.func @pad(%x: tensor<3x7x5xf32>) -> (tensor<6x20x7xf32>, tensor<3x5x5xf32>, tensor<2xf32>) {
  // Interior padding = strides of the insert.
  // CHECK-DAG: %[[V:.*]] = arith.constant -1.500000e+00 : f32
  // CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%{{.*}} : tensor<6x20x7xf32>)
  // CHECK: tensor.insert_slice %{{.*}} into %[[F]][1, 0, 1] [3, 7, 5] [2, 3, 1]
  %0 = nn.pad %x {high = array<i64: 0, 1, 1>, interior = array<i64: 1, 2, 0>, low = array<i64: 1, 0, 1>, value = -1.5 : f64} : tensor<3x7x5xf32> -> tensor<6x20x7xf32>
  // Negative padding only crops.
  // CHECK: tensor.extract_slice %{{.*}}[0, 1, 0] [3, 5, 5] [1, 1, 1]
  %1 = nn.pad %x {high = array<i64: 0, -1, 0>, interior = array<i64: 0, 0, 0>, low = array<i64: 0, -1, 0>} : tensor<3x7x5xf32> -> tensor<3x5x5xf32>
  // [a, b, c] stuffed to [a, 0, b, 0, c], cropped by 2 in front and 1 at the
  // back: [b, 0].
  // CHECK: %[[B:.*]] = tensor.extract_slice %{{.*}}[1] [1] [1] : tensor<3xf32> to tensor<1xf32>
  // CHECK: tensor.insert_slice %[[B]] into %{{.*}}[0] [1] [2] : tensor<1xf32> into tensor<2xf32>
  %v = nn.slice %x {offsets = array<i64: 0, 0, 0>, strides = array<i64: 1, 1, 1>} : tensor<3x7x5xf32> -> tensor<3x1x1xf32>
  %v1 = nn.reshape %v : tensor<3x1x1xf32> -> tensor<3xf32>
  %2 = nn.pad %v1 {low = array<i64: -2>, high = array<i64: -1>, interior = array<i64: 1>} : tensor<3xf32> -> tensor<2xf32>
  return %0, %1, %2 : tensor<6x20x7xf32>, tensor<3x5x5xf32>, tensor<2xf32>
}

// CHECK-LABEL: func.func @reverse_broadcast
func.func @reverse_broadcast(%x: tensor<3x7x5xf32>, %s: tensor<3x1x5xf32>) -> (tensor<3x7x5xf32>, tensor<2x3x7x5xf32>) {
  // CHECK: linalg.generic {indexing_maps = [#[[REV]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<3x7x5xf32>) outs(%{{.*}} : tensor<3x7x5xf32>)
  %0 = nn.reverse %x [0, 2] : tensor<3x7x5xf32>
  // CHECK: linalg.generic {indexing_maps = [#[[BC]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<3x1x5xf32>) outs(%{{.*}} : tensor<2x3x7x5xf32>)
  %1 = nn.broadcast %s [1, 2, 3] : tensor<3x1x5xf32> -> tensor<2x3x7x5xf32>
  return %0, %1 : tensor<3x7x5xf32>, tensor<2x3x7x5xf32>
}

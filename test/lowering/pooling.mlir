// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// Pooling uses linalg.pooling_nchw_max / _sum on an explicitly padded input
// (-inf for max, 0 for avg, whose sum is then scaled by 1/(KH*KW): padding
// counts, as PyTorch's default). The adjoints gather, for every input
// element, the windows that contain it; max pooling first finds each
// window's first maximum (a strict > keeps the earliest tap), with loops
// (n, c, oh, kh, kw, ow) so that the innermost runs along a row of windows.
// With non-overlapping windows (stride = kernel, no padding) each element
// reads its one window directly (h floordiv k), with no search.

// CHECK-DAG: #[[WINDOW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d3, d5 * 2 + d4)>
// CHECK-DAG: #[[ARGTAPS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK-DAG: #[[ARGOUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-DAG: #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[OWN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 floordiv 2, d3 floordiv 2)>

// CHECK-LABEL: func.func @maxpool
func.func @maxpool(%x: tensor<2x3x13x7xf32>) -> tensor<2x3x7x3xf32> {
  // CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
  // CHECK: %[[F:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<2x3x15x7xf32>)
  // CHECK: %[[XP:.*]] = tensor.insert_slice %{{.*}} into %[[F]][0, 0, 1, 0] [2, 3, 13, 7] [1, 1, 1, 1]
  // CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<2x3x7x3xf32>)
  // CHECK: %[[WIN:.*]] = tensor.empty() : tensor<3x2xf32>
  // CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[XP]], %[[WIN]] : tensor<2x3x15x7xf32>, tensor<3x2xf32>) outs(%[[INIT]] : tensor<2x3x7x3xf32>)
  %0 = nn.maxpool2d %x {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x13x7xf32> -> tensor<2x3x7x3xf32>
  return %0 : tensor<2x3x7x3xf32>
}

// CHECK-LABEL: func.func @avgpool
func.func @avgpool(%x: tensor<2x3x13x7xf32>) -> tensor<2x3x6x3xf32> {
  // 1/15
  // CHECK-DAG: %[[SCALE:.*]] = arith.constant 0.0666666701 : f32
  // No padding: no copy.
  // CHECK-NOT: tensor.insert_slice
  // CHECK: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<2x3x13x7xf32>, tensor<3x5xf32>) outs(%{{.*}} : tensor<2x3x6x3xf32>)
  // CHECK: linalg.generic {{.*}} ins(%[[S]] : tensor<2x3x6x3xf32>)
  // CHECK:   arith.mulf %{{.*}}, %[[SCALE]] : f32
  %0 = nn.avgpool2d %x {kernel = array<i64: 3, 5>, padding = array<i64: 0, 0>, stride = array<i64: 2, 1>} : tensor<2x3x13x7xf32> -> tensor<2x3x6x3xf32>
  return %0 : tensor<2x3x6x3xf32>
}


// CHECK-LABEL: func.func @maxpool_backward
func.func @maxpool_backward(%x: tensor<2x3x13x7xf32>, %g: tensor<2x3x7x3xf32>) -> tensor<2x3x13x7xf32> {
  // 1. argmax: value and tap of each window's first maximum.
  // CHECK: %[[ARG:.*]]:2 = linalg.generic {indexing_maps = [#[[WINDOW]], #[[ARGTAPS]], #[[ARGOUT]], #[[ARGOUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<2x3x15x7xf32>, tensor<3x2xf32>) outs(%{{.*}}, %{{.*}} : tensor<2x3x7x3xf32>, tensor<2x3x7x3xi64>)
  // CHECK:   arith.cmpf ogt
  // 2. gather into the input's shape.
  // CHECK: linalg.generic {indexing_maps = [#[[TAPS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<3x2xf32>) outs(%{{.*}} : tensor<2x3x13x7xf32>)
  // CHECK:   arith.remsi
  // CHECK:   arith.divsi
  // CHECK:   tensor.extract %{{.*}} : tensor<2x3x7x3xf32>
  // CHECK:   tensor.extract %[[ARG]]#1
  %0 = nn.maxpool2d_backward %x, %g {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x7xf32>, tensor<2x3x7x3xf32>) -> tensor<2x3x13x7xf32>
  return %0 : tensor<2x3x13x7xf32>
}

// CHECK-LABEL: func.func @avgpool_backward
func.func @avgpool_backward(%g: tensor<2x3x7x3xf32>) -> tensor<2x3x13x7xf32> {
  // CHECK-NOT: linalg.pooling
  // CHECK: linalg.generic {indexing_maps = [#[[TAPS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<3x2xf32>) outs(%{{.*}} : tensor<2x3x13x7xf32>)
  // CHECK:   tensor.extract %{{.*}} : tensor<2x3x7x3xf32>
  // CHECK:   arith.mulf
  %0 = nn.avgpool2d_backward %g {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x7x3xf32> -> tensor<2x3x13x7xf32>
  return %0 : tensor<2x3x13x7xf32>
}

// Non-overlapping 2x2 windows of a 13 x 7 input: the element at (h, w) of
// the covered 12 x 6 region reads window (h/2, w/2) and compares its tap;
// row 12 and column 6, in no window, get zeros.
// CHECK-LABEL: func.func @maxpool_backward_nonoverlapping
func.func @maxpool_backward_nonoverlapping(%x: tensor<2x3x13x7xf32>, %g: tensor<2x3x6x3xf32>) -> tensor<2x3x13x7xf32> {
  // CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
  // CHECK: linalg.generic {indexing_maps = [#[[OWN]], #[[OWN]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<2x3x6x3xf32>, tensor<2x3x6x3xi64>) outs(%{{.*}} : tensor<2x3x12x6xf32>)
  // CHECK:   arith.remui
  // CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [2, 3, 12, 6] [1, 1, 1, 1] : tensor<2x3x12x6xf32> into tensor<2x3x13x7xf32>
  %0 = nn.maxpool2d_backward %x, %g {kernel = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x7xf32>, tensor<2x3x6x3xf32>) -> tensor<2x3x13x7xf32>
  return %0 : tensor<2x3x13x7xf32>
}

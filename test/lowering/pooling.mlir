// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// Pooling uses linalg.pooling_nchw_max / _sum on an explicitly padded input
// (-inf for max, 0 for avg, whose sum is then scaled by 1/(KH*KW): padding
// counts, as PyTorch's default). The adjoints gather, for every input
// element, the windows that contain it; max pooling first finds each
// window's first maximum (a strict > keeps the earliest tap).

// CHECK-DAG: #[[WINDOW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>

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
  // CHECK: %[[ARG:.*]]:2 = linalg.generic {indexing_maps = [#[[WINDOW]], #[[TAPS]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<2x3x15x7xf32>, tensor<3x2xf32>) outs(%{{.*}}, %{{.*}} : tensor<2x3x7x3xf32>, tensor<2x3x7x3xi64>)
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

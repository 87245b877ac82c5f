// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// Elementwise ops become one parallel linalg.generic each; broadcasting is
// in the indexing maps (a constant 0 for a size-1 axis, a missing dim for a
// missing leading axis, no results for a scalar).

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[LEAD:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, d3)>

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<7x13xf32>) -> (tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>) {
  // CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<7x13xf32>)
  // CHECK:   arith.maximumf %{{.*}}, %[[Z]] : f32
  %0 = nn.relu %x : tensor<7x13xf32>
  // sigmoid = 1 / (1 + exp(-x))
  // CHECK: linalg.generic
  // CHECK:   arith.negf
  // CHECK:   math.exp
  // CHECK:   arith.addf
  // CHECK:   arith.divf
  %1 = nn.sigmoid %x : tensor<7x13xf32>
  // CHECK: linalg.generic
  // CHECK:   math.tanh
  %2 = nn.tanh %x : tensor<7x13xf32>
  // CHECK: linalg.generic
  // CHECK:   math.exp
  %3 = nn.exp %x : tensor<7x13xf32>
  // CHECK: linalg.generic
  // CHECK:   math.log
  %4 = nn.log %x : tensor<7x13xf32>
  // CHECK: linalg.generic
  // CHECK:   math.sqrt
  %5 = nn.sqrt %x : tensor<7x13xf32>
  // CHECK: linalg.generic
  // CHECK:   arith.negf
  %6 = nn.neg %x : tensor<7x13xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>
}

// CHECK-LABEL: func.func @binary
func.func @binary(%a: tensor<7x13xf32>, %r: tensor<13xf32>, %c: tensor<7x1xf32>, %s: tensor<f32>) -> (tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>) {
  // CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<7x13xf32>, tensor<13xf32>) outs(%{{.*}} : tensor<7x13xf32>)
  // CHECK:   arith.addf
  %0 = nn.add %a, %r : tensor<7x13xf32>, tensor<13xf32> -> tensor<7x13xf32>
  // CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ID]], #[[ID]]]
  // CHECK:   arith.subf
  %1 = nn.sub %c, %a : tensor<7x1xf32>, tensor<7x13xf32> -> tensor<7x13xf32>
  // CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[ID]]]
  // CHECK:   arith.mulf
  %2 = nn.mul %a, %s : tensor<7x13xf32>, tensor<f32> -> tensor<7x13xf32>
  // Both operands broadcast: [7, 1] / [13] -> [7, 13]
  // CHECK: linalg.generic {indexing_maps = [#[[COL]], #[[ROW]], #[[ID]]]
  // CHECK:   arith.divf
  %3 = nn.div %c, %r : tensor<7x1xf32>, tensor<13xf32> -> tensor<7x13xf32>
  return %0, %1, %2, %3 : tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>
}

// CHECK-LABEL: func.func @binary_rank4
func.func @binary_rank4(%a: tensor<2x3x7x5xf32>, %q: tensor<3x1x5xf32>) -> tensor<2x3x7x5xf32> {
  // CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[LEAD]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
  %0 = nn.add %a, %q : tensor<2x3x7x5xf32>, tensor<3x1x5xf32> -> tensor<2x3x7x5xf32>
  return %0 : tensor<2x3x7x5xf32>
}

// relu'(0) = 0: the adjoint passes only where x > 0 (ordered, so NaN too
// gives 0).
// CHECK-LABEL: func.func @relu_backward
func.func @relu_backward(%x: tensor<7x13xf32>, %g: tensor<7x13xf32>) -> tensor<7x13xf32> {
  // CHECK: linalg.generic
  // CHECK:   %[[P:.*]] = arith.cmpf ogt, %{{.*}}, %{{.*}} : f32
  // CHECK:   arith.select %[[P]], %{{.*}}, %{{.*}} : f32
  %0 = nn.relu_backward %x, %g : tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

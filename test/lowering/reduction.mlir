// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// Reductions are linalg.generic with reduction iterators over a filled
// accumulator (0 for sum/mean, -inf for max); mean then scales by
// 1/count. softmax and log_softmax subtract the max before exp (stable),
// max_backward finds the first maximum (2-result argmax) and routes the
// adjoint to it.

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[RED1:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RED02:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1, d2) -> ()>

// CHECK-LABEL: func.func @sum_mean_max
func.func @sum_mean_max(%x: tensor<3x7x5xf32>) -> (tensor<f32>, tensor<3x5xf32>, tensor<7xf32>) {
  // CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
  // CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK-DAG: %[[SEVENTH:.*]] = arith.constant 0.142857149 : f32
  // CHECK: %[[A0:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<f32>)
  // CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[ALL]]], iterator_types = ["reduction", "reduction", "reduction"]} ins(%{{.*}} : tensor<3x7x5xf32>) outs(%[[A0]] : tensor<f32>)
  // CHECK:   arith.addf
  %0 = nn.sum %x [0, 1, 2] : tensor<3x7x5xf32> -> tensor<f32>
  // CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[RED1]]], iterator_types = ["parallel", "reduction", "parallel"]}
  // CHECK:   arith.addf
  // CHECK: linalg.generic {{.*}} ins(%[[S]] : tensor<3x5xf32>)
  // CHECK:   arith.mulf %{{.*}}, %[[SEVENTH]] : f32
  %1 = nn.mean %x [1] : tensor<3x7x5xf32> -> tensor<3x5xf32>
  // CHECK: %[[A2:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<7xf32>)
  // CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[RED02]]], iterator_types = ["reduction", "parallel", "reduction"]} ins(%{{.*}} : tensor<3x7x5xf32>) outs(%[[A2]] : tensor<7xf32>)
  // CHECK:   arith.maximumf
  %2 = nn.max %x [0, 2] : tensor<3x7x5xf32> -> tensor<7xf32>
  return %0, %1, %2 : tensor<f32>, tensor<3x5xf32>, tensor<7xf32>
}

// CHECK-LABEL: func.func @max_backward
func.func @max_backward(%x: tensor<3x7x5xf32>, %g: tensor<7xf32>) -> tensor<3x7x5xf32> {
  // CHECK: %[[ARG:.*]]:2 = linalg.generic {indexing_maps = [#[[ID3]], #[[RED02]], #[[RED02]]], iterator_types = ["reduction", "parallel", "reduction"]} ins(%{{.*}} : tensor<3x7x5xf32>) outs(%{{.*}}, %{{.*}} : tensor<7xf32>, tensor<7xi64>)
  // Row-major position within the group: i0 * 5 + i2.
  // CHECK:   linalg.index 0
  // CHECK:   linalg.index 2
  // CHECK:   arith.cmpf ogt
  // CHECK: linalg.generic {indexing_maps = [#[[RED02]], #[[RED02]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%{{.*}}, %[[ARG]]#1 : tensor<7xf32>, tensor<7xi64>) outs(%{{.*}} : tensor<3x7x5xf32>)
  // CHECK:   arith.cmpi eq
  // CHECK:   arith.select
  %0 = nn.max_backward %x, %g [0, 2] : (tensor<3x7x5xf32>, tensor<7xf32>) -> tensor<3x7x5xf32>
  return %0 : tensor<3x7x5xf32>
}

// CHECK-LABEL: func.func @softmax
func.func @softmax(%x: tensor<3x7x5xf32>) -> (tensor<3x7x5xf32>, tensor<3x7x5xf32>) {
  // m = max over the axis, e = exp(x - m), s = sum(e), y = exp(x - m) / s
  // CHECK: %[[M:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[RED1]]], iterator_types = ["parallel", "reduction", "parallel"]}
  // CHECK:   arith.maximumf
  // CHECK: %[[E:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[RED1]], #[[ID3]]], {{.*}} ins(%{{.*}}, %[[M]] : tensor<3x7x5xf32>, tensor<3x5xf32>)
  // CHECK:   arith.subf
  // CHECK:   math.exp
  // CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[E]] : tensor<3x7x5xf32>)
  // CHECK:   arith.addf
  // CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[M]], %[[S]] : tensor<3x7x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>)
  // CHECK:   arith.subf
  // CHECK:   math.exp
  // CHECK:   arith.divf
  %0 = nn.softmax %x {axis = 1 : i64} : tensor<3x7x5xf32>
  // log_softmax = (x - m) - log(s)
  // CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<3x7x5xf32>, tensor<3x7xf32>, tensor<3x7xf32>)
  // CHECK:   arith.subf
  // CHECK:   math.log
  // CHECK:   arith.subf
  %1 = nn.log_softmax %x {axis = 2 : i64} : tensor<3x7x5xf32>
  return %0, %1 : tensor<3x7x5xf32>, tensor<3x7x5xf32>
}

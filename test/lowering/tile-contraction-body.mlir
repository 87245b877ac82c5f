// RUN: nnc-opt --pass-pipeline='builtin.module(func.func(nnc-tile-and-vectorize{vector-width=8 parallel=false}))' %s | FileCheck %s
// The register tiler only vectorizes a contraction whose body is a plain
// multiply-add. linalg's contraction matcher looks through unary ops (here a
// tanh of the A operand); vectorizing that body would leave an n-D vector
// math.tanh that no pass lowers.

#a = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#b = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
#c = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>

// CHECK-LABEL: func.func @tanh_in_body
func.func @tanh_in_body(%x: tensor<3x5x9xf32>, %w: tensor<17x9xf32>, %init: tensor<3x5x17xf32>) -> tensor<3x5x17xf32> {
  // CHECK-NOT: vector.
  // CHECK: linalg.generic
  // CHECK:   math.tanh %{{.*}} : f32
  // CHECK-NOT: vector.
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x, %w : tensor<3x5x9xf32>, tensor<17x9xf32>) outs(%init : tensor<3x5x17xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %t = math.tanh %in : f32
    %m = arith.mulf %t, %in_0 : f32
    %s = arith.addf %out, %m : f32
    linalg.yield %s : f32
  } -> tensor<3x5x17xf32>
  return %0 : tensor<3x5x17xf32>
}

// A plain multiply-add of the same shape is register-tiled and vectorized.
// CHECK-LABEL: func.func @plain_body
func.func @plain_body(%x: tensor<3x5x9xf32>, %w: tensor<17x9xf32>, %init: tensor<3x5x17xf32>) -> tensor<3x5x17xf32> {
  // CHECK: vector.fma {{.*}} : vector<16xf32>
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x, %w : tensor<3x5x9xf32>, tensor<17x9xf32>) outs(%init : tensor<3x5x17xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %m = arith.mulf %in, %in_0 : f32
    %s = arith.addf %out, %m : f32
    linalg.yield %s : f32
  } -> tensor<3x5x17xf32>
  return %0 : tensor<3x5x17xf32>
}

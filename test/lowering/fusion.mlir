// RUN: nnc-opt --convert-nn-to-linalg --nnc-fuse-elementwise %s | FileCheck %s
// Elementwise fusion (the nn-to-linalg stage) keeps contractions plain: an
// elementwise producer of a matmul operand stays its own op (fusing it would
// evaluate tanh once per output column and hide the matmul from the register
// tiler), and the reshape around a named matmul stays (no expansion into a
// generic). Producers read element for element by a reduction still fuse.

// CHECK-LABEL: func.func @tanh_linear
func.func @tanh_linear(%x: tensor<3x5x9xf32>, %w: tensor<17x9xf32>) -> tensor<3x5x17xf32> {
  // CHECK: %[[T:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<3x5x9xf32>)
  // CHECK:   math.tanh
  // CHECK: %[[C:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0, 1], [2]] : tensor<3x5x9xf32> into tensor<15x9xf32>
  // CHECK: linalg.matmul_transpose_b ins(%[[C]], %{{.*}} : tensor<15x9xf32>, tensor<17x9xf32>)
  %t = nn.tanh %x : tensor<3x5x9xf32>
  %y = nn.linear %t, %w : (tensor<3x5x9xf32>, tensor<17x9xf32>) -> tensor<3x5x17xf32>
  return %y : tensor<3x5x17xf32>
}

// CHECK-LABEL: func.func @exp_matmul
func.func @exp_matmul(%a: tensor<7x13xf32>, %b: tensor<13x5xf32>) -> tensor<7x5xf32> {
  // CHECK: %[[E:.*]] = linalg.generic
  // CHECK:   math.exp
  // CHECK: linalg.matmul ins(%[[E]], %{{.*}} : tensor<7x13xf32>, tensor<13x5xf32>)
  %e = nn.exp %a : tensor<7x13xf32>
  %y = nn.matmul %e, %b : tensor<7x13xf32>, tensor<13x5xf32> -> tensor<7x5xf32>
  return %y : tensor<7x5xf32>
}

// CHECK-LABEL: func.func @exp_sum
func.func @exp_sum(%x: tensor<3x5x9xf32>) -> tensor<3x5xf32> {
  // One generic: exp fused into the reduction.
  // CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}} : tensor<3x5x9xf32>)
  // CHECK:   math.exp
  // CHECK:   arith.addf
  // CHECK-NOT: linalg.generic
  %e = nn.exp %x : tensor<3x5x9xf32>
  %s = nn.sum %e [2] : tensor<3x5x9xf32> -> tensor<3x5xf32>
  return %s : tensor<3x5xf32>
}

// Elementwise chains still fuse into one generic.
// CHECK-LABEL: func.func @chain
func.func @chain(%x: tensor<7x13xf32>, %r: tensor<13xf32>) -> tensor<7x13xf32> {
  // CHECK: linalg.generic
  // CHECK:   math.tanh
  // CHECK:   arith.addf
  // CHECK:   math.exp
  // CHECK-NOT: linalg.generic
  %t = nn.tanh %x : tensor<7x13xf32>
  %a = nn.add %t, %r : tensor<7x13xf32>, tensor<13xf32> -> tensor<7x13xf32>
  %e = nn.exp %a : tensor<7x13xf32>
  return %e : tensor<7x13xf32>
}

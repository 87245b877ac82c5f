// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// matmul and linear become named linalg ops wherever one fits: matmul,
// batch_matmul and their transpose_a/b forms; rank > 3 batches collapse into
// one; a 2-D right operand shared by a batch folds the batch into the rows
// of a single matmul. Double transposes and a shared left operand are
// generic contractions. linear's bias is the matmul's init.

// CHECK-DAG: #[[SA:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d1)>
// CHECK-DAG: #[[SB:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[SC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @mm2d
func.func @mm2d(%a: tensor<7x13xf32>, %b: tensor<13x5xf32>) -> tensor<7x5xf32> {
  // CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<7x5xf32>)
  // CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<7x13xf32>, tensor<13x5xf32>) outs(%[[INIT]] : tensor<7x5xf32>)
  %0 = nn.matmul %a, %b : tensor<7x13xf32>, tensor<13x5xf32> -> tensor<7x5xf32>
  return %0 : tensor<7x5xf32>
}

// CHECK-LABEL: func.func @mm2d_transposed
func.func @mm2d_transposed(%a: tensor<13x7xf32>, %b: tensor<5x13xf32>, %c: tensor<7x13xf32>) -> (tensor<7x5xf32>, tensor<7x5xf32>, tensor<7x5xf32>) {
  // CHECK: linalg.matmul_transpose_a ins(%{{.*}}, %{{.*}} : tensor<13x7xf32>, tensor<13x5xf32>)
  %b2 = nn.permute %b [1, 0] : tensor<5x13xf32> -> tensor<13x5xf32>
  %0 = nn.matmul %a, %b2 {transpose_lhs = true} : tensor<13x7xf32>, tensor<13x5xf32> -> tensor<7x5xf32>
  // CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<7x13xf32>, tensor<5x13xf32>)
  %1 = nn.matmul %c, %b {transpose_rhs = true} : tensor<7x13xf32>, tensor<5x13xf32> -> tensor<7x5xf32>
  // Both transposed: a generic contraction reading A[k, m] and B[n, k].
  // CHECK: linalg.generic {indexing_maps = [#[[TA:.*]], #[[TB:.*]], #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<13x7xf32>, tensor<5x13xf32>)
  // CHECK:   arith.mulf
  // CHECK:   arith.addf
  %2 = nn.matmul %a, %b {transpose_lhs = true, transpose_rhs = true} : tensor<13x7xf32>, tensor<5x13xf32> -> tensor<7x5xf32>
  return %0, %1, %2 : tensor<7x5xf32>, tensor<7x5xf32>, tensor<7x5xf32>
}

// CHECK-LABEL: func.func @batched
func.func @batched(%a: tensor<3x7x13xf32>, %b: tensor<3x13x5xf32>, %at: tensor<3x13x7xf32>, %bt: tensor<3x5x13xf32>) -> (tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>) {
  // CHECK: linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<3x7x13xf32>, tensor<3x13x5xf32>) outs(%{{.*}} : tensor<3x7x5xf32>)
  %0 = nn.matmul %a, %b : tensor<3x7x13xf32>, tensor<3x13x5xf32> -> tensor<3x7x5xf32>
  // CHECK: linalg.batch_matmul_transpose_a ins(%{{.*}}, %{{.*}} : tensor<3x13x7xf32>, tensor<3x13x5xf32>)
  %1 = nn.matmul %at, %b {transpose_lhs = true} : tensor<3x13x7xf32>, tensor<3x13x5xf32> -> tensor<3x7x5xf32>
  // CHECK: linalg.batch_matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<3x7x13xf32>, tensor<3x5x13xf32>)
  %2 = nn.matmul %a, %bt {transpose_rhs = true} : tensor<3x7x13xf32>, tensor<3x5x13xf32> -> tensor<3x7x5xf32>
  return %0, %1, %2 : tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>
}

// Rank 4: the two batch axes collapse into one batch_matmul of 6 batches.
// CHECK-LABEL: func.func @rank4
func.func @rank4(%a: tensor<2x3x7x5xf32>, %b: tensor<2x3x5x11xf32>) -> tensor<2x3x7x11xf32> {
  // CHECK-DAG: tensor.expand_shape %{{.*}} output_shape [6, 7, 5] : tensor<210xf32> into tensor<6x7x5xf32>
  // CHECK-DAG: tensor.expand_shape %{{.*}} output_shape [6, 5, 11] : tensor<330xf32> into tensor<6x5x11xf32>
  // CHECK: %[[C:.*]] = linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<6x7x5xf32>, tensor<6x5x11xf32>) outs(%{{.*}} : tensor<6x7x11xf32>)
  // CHECK: tensor.collapse_shape %[[C]]
  // CHECK: tensor.expand_shape %{{.*}} output_shape [2, 3, 7, 11]
  %0 = nn.matmul %a, %b : tensor<2x3x7x5xf32>, tensor<2x3x5x11xf32> -> tensor<2x3x7x11xf32>
  return %0 : tensor<2x3x7x11xf32>
}

// A shared 2-D right operand: one [21, 13] x [13, 5] matmul.
// CHECK-LABEL: func.func @shared_rhs
func.func @shared_rhs(%a: tensor<3x7x13xf32>, %b: tensor<13x5xf32>, %a4: tensor<2x3x7x13xf32>, %bt: tensor<5x13xf32>) -> (tensor<3x7x5xf32>, tensor<2x3x7x5xf32>) {
  // CHECK: tensor.expand_shape %{{.*}} output_shape [21, 13]
  // CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<21x13xf32>, tensor<13x5xf32>) outs(%{{.*}} : tensor<21x5xf32>)
  // CHECK: tensor.expand_shape %{{.*}} output_shape [3, 7, 5]
  %0 = nn.matmul %a, %b : tensor<3x7x13xf32>, tensor<13x5xf32> -> tensor<3x7x5xf32>
  // CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<42x13xf32>, tensor<5x13xf32>) outs(%{{.*}} : tensor<42x5xf32>)
  %1 = nn.matmul %a4, %bt {transpose_rhs = true} : tensor<2x3x7x13xf32>, tensor<5x13xf32> -> tensor<2x3x7x5xf32>
  return %0, %1 : tensor<3x7x5xf32>, tensor<2x3x7x5xf32>
}

// A shared 2-D left operand (conv1x1's input gradient): a generic
// contraction with the batch dim only on B and C.
// CHECK-LABEL: func.func @shared_lhs
func.func @shared_lhs(%w: tensor<5x3xf32>, %g: tensor<2x5x13xf32>) -> tensor<2x3x13xf32> {
  // CHECK: linalg.generic {indexing_maps = [#[[SA]], #[[SB]], #[[SC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<5x3xf32>, tensor<2x5x13xf32>)
  %0 = nn.matmul %w, %g {transpose_lhs = true} : tensor<5x3xf32>, tensor<2x5x13xf32> -> tensor<2x3x13xf32>
  return %0 : tensor<2x3x13xf32>
}

// CHECK-LABEL: func.func @linear
func.func @linear(%x: tensor<3x7x13xf32>, %w: tensor<9x13xf32>, %b: tensor<9xf32>) -> (tensor<3x7x9xf32>, tensor<3x7x9xf32>) {
  // The bias broadcast is the init of the contraction: no separate add.
  // CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<9xf32>) outs(%{{.*}} : tensor<21x9xf32>)
  // CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<21x13xf32>, tensor<9x13xf32>) outs(%[[INIT]] : tensor<21x9xf32>)
  %0 = nn.linear %x, %w, %b : (tensor<3x7x13xf32>, tensor<9x13xf32>, tensor<9xf32>) -> tensor<3x7x9xf32>
  // CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<21x9xf32>)
  // CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<21x13xf32>, tensor<9x13xf32>) outs(%[[ZERO]] : tensor<21x9xf32>)
  %1 = nn.linear %x, %w : (tensor<3x7x13xf32>, tensor<9x13xf32>) -> tensor<3x7x9xf32>
  return %0, %1 : tensor<3x7x9xf32>, tensor<3x7x9xf32>
}

// RUN: nnc-opt --convert-nn-to-linalg %s | FileCheck %s
// cross_entropy: a run-time check that every label is in [0, K) (folded into
// an extra tensor<i32> result marked nn.role = "status", which the ABI pass
// returns, so that this stage is upstream IR), then logsumexp with the max
// subtracted minus the logit of
// the (clamped) label, averaged over N. Its adjoint is
// (softmax - onehot) * g / N, computed in one generic.

// CHECK-LABEL: func.func @cross_entropy
// CHECK-SAME: -> (tensor<f32>, tensor<i32> {nn.role = "status"})
func.func @cross_entropy(%l: tensor<7x13xf32>, %y: tensor<7xi32>) -> tensor<f32> {
  // CHECK-DAG: %[[K:.*]] = arith.constant 13 : i32
  // CHECK-DAG: %[[INVN:.*]] = arith.constant 0.142857149 : f32
  // CHECK-DAG: %[[KM1:.*]] = arith.constant 12 : index
  // CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<7xi32>) outs(%{{.*}} : tensor<7xi1>)
  // CHECK:   arith.cmpi slt
  // CHECK:   arith.cmpi sge, %{{.*}}, %[[K]] : i32
  // CHECK: %[[BAD:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.*}} : tensor<7xi1>) outs(%{{.*}} : tensor<i1>)
  // CHECK:   arith.ori
  // CHECK: linalg.generic
  // CHECK:   arith.maximumf
  // CHECK: linalg.generic
  // CHECK:   math.exp
  // CHECK:   linalg.index 0
  // CHECK:   arith.minsi %{{.*}}, %[[KM1]] : index
  // CHECK:   tensor.extract %{{.*}} : tensor<7x13xf32>
  // CHECK:   math.log
  // CHECK:   arith.mulf %{{.*}}, %[[INVN]] : f32
  // The check's verdict becomes the status result.
  // CHECK: %[[FAILED:.*]] = tensor.extract %[[BAD]][] : tensor<i1>
  // CHECK: %[[STATUS:.*]] = arith.select %[[FAILED]], %{{.*}}, %{{.*}} : i32
  // CHECK: %[[ST:.*]] = tensor.from_elements %[[STATUS]] : tensor<i32>
  // CHECK: return %{{.*}}, %[[ST]] : tensor<f32>, tensor<i32>
  %0 = nn.cross_entropy %l, %y : (tensor<7x13xf32>, tensor<7xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @cross_entropy_backward
func.func @cross_entropy_backward(%l: tensor<7x13xf32>, %y: tensor<7xi32>, %g: tensor<f32>) -> tensor<7x13xf32> {
  // CHECK-NOT: call
  // CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<7x13xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xi32>, tensor<f32>) outs(%{{.*}} : tensor<7x13xf32>)
  // CHECK:   math.exp
  // CHECK:   arith.divf
  // CHECK:   linalg.index 1
  // CHECK:   arith.cmpi eq
  // CHECK:   arith.select
  // CHECK:   arith.subf
  // CHECK:   arith.mulf
  %0 = nn.cross_entropy_backward %l, %y, %g : (tensor<7x13xf32>, tensor<7xi32>, tensor<f32>) -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

// Nothing nn is left.
// CHECK-NOT: nn.

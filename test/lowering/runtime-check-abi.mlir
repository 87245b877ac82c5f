// RUN: nnc-opt --nnc-lower-function-abi %s | FileCheck %s
// The ABI pass folds the run-time checks of a model function into its i32
// status (each check selects its code over the status so far, so the last
// failing check's code wins), for both forms: the nn.runtime_check op and the
// call of @__nnc_runtime_check the nn-to-linalg stage emits. The private
// declaration is gone afterwards (nothing may link against it).

// CHECK-NOT: func.func private @__nnc_runtime_check
func.func private @__nnc_runtime_check(tensor<i1>, i32)

// CHECK-LABEL: func.func @m_forward
// CHECK-SAME: (%{{.*}}: memref<3xi32> {nn.name = "ids", nn.role = "input"}, %[[OUT:.*]]: memref<3xi32> {nn.name = "y", nn.role = "output"}, %{{.*}}: memref<0xi8> {nn.workspace}) -> i32
func.func @m_forward(%ids: tensor<3xi32> {nn.name = "ids", nn.role = "input"}) -> (tensor<3xi32> {nn.name = "y", nn.role = "output"}) attributes {nn.kind = "forward", nn.model = "m"} {
  %a = arith.constant dense<true> : tensor<i1>
  %b = arith.constant dense<false> : tensor<i1>
  %c7 = arith.constant 7 : i32
  // CHECK: %[[C7:.*]] = arith.constant 7 : i32
  call @__nnc_runtime_check(%a, %c7) : (tensor<i1>, i32) -> ()
  nn.runtime_check %b, 3 : tensor<i1>
  // CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable %[[OUT]]
  // CHECK: %[[OK:.*]] = arith.constant 0 : i32
  // CHECK: %[[F1:.*]] = tensor.extract %{{.*}}[] : tensor<i1>
  // CHECK: %[[S1:.*]] = arith.select %[[F1]], %[[C7]], %[[OK]] : i32
  // CHECK: %[[C3:.*]] = arith.constant 3 : i32
  // CHECK: %[[F2:.*]] = tensor.extract %{{.*}}[] : tensor<i1>
  // CHECK: %[[S2:.*]] = arith.select %[[F2]], %[[C3]], %[[S1]] : i32
  // CHECK: return %[[S2]] : i32
  // CHECK-NOT: call
  // CHECK-NOT: nn.runtime_check
  return %ids : tensor<3xi32>
}

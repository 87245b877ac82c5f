// RUN: nnc-opt --nnc-lower-function-abi %s | FileCheck %s
// The linalg stage carries a model function's folded run-time checks as a
// trailing tensor<i32> result marked nn.role = "status"; the ABI pass makes
// it the function's i32 return value (and no output buffer). A function
// without one returns 0.

// CHECK-LABEL: func.func @m_forward
// CHECK-SAME: (%{{.*}}: memref<3xi32> {nn.name = "ids", nn.role = "input"}, %[[OUT:.*]]: memref<3xi32> {nn.name = "y", nn.role = "output"}, %{{.*}}: memref<0xi8> {nn.workspace}) -> i32
func.func @m_forward(%ids: tensor<3xi32> {nn.name = "ids", nn.role = "input"}) -> (tensor<3xi32> {nn.name = "y", nn.role = "output"}, tensor<i32> {nn.role = "status"}) attributes {nn.kind = "forward", nn.model = "m"} {
  %c7 = arith.constant 7 : i32
  %status = tensor.from_elements %c7 : tensor<i32>
  // CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable %[[OUT]]
  // CHECK-NOT: materialize_in_destination
  // CHECK: %[[S:.*]] = tensor.extract %{{.*}}[] : tensor<i32>
  // CHECK: return %[[S]] : i32
  return %ids, %status : tensor<3xi32>, tensor<i32>
}

// CHECK-LABEL: func.func @n_forward
// CHECK-SAME: -> i32
func.func @n_forward(%x: tensor<2xf32> {nn.name = "x", nn.role = "input"}) -> (tensor<2xf32> {nn.name = "y", nn.role = "output"}) attributes {nn.kind = "forward", nn.model = "n"} {
  // CHECK: %[[OK:.*]] = arith.constant 0 : i32
  // CHECK: return %[[OK]] : i32
  return %x : tensor<2xf32>
}

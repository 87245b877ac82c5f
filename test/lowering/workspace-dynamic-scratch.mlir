// RUN: nnc-opt --nnc-assign-workspace -split-input-file -verify-diagnostics %s | FileCheck %s
// Buffers of a model function come from the caller's workspace; scratch
// allocated inside a loop goes on the stack, also when its size is dynamic
// (the ragged last thread tile of a multi-result op with a dead result,
// e.g. the argmax of max's gradient on [3, 67, 701]).

// CHECK-LABEL: func.func @f
// CHECK-SAME: memref<64xi8> {nn.workspace}
func.func @f(%out: memref<7xf32>, %ws: memref<0xi8> {nn.workspace}) -> i32 {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c7 = arith.constant 7 : index
  %zero = arith.constant 0.0 : f32
  // CHECK: %[[BUF:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<64xi8> to memref<7xf32>
  %buf = memref.alloc() {alignment = 64 : i64} : memref<7xf32>
  // CHECK: scf.for %[[I:.*]] =
  scf.for %i = %c0 to %c7 step %c3 {
    %n = affine.min affine_map<(d0) -> (3, -d0 + 7)>(%i)
    // CHECK: %[[N:.*]] = affine.min
    // CHECK: memref.alloca(%[[N]]) {alignment = 64 : i64} : memref<1x?xf32>
    // CHECK-NOT: memref.alloc(
    %tile = memref.alloc(%n) {alignment = 64 : i64} : memref<1x?xf32>
    linalg.fill ins(%zero : f32) outs(%tile : memref<1x?xf32>)
    %v = memref.load %tile[%c0, %c0] : memref<1x?xf32>
    memref.store %v, %buf[%i] : memref<7xf32>
  }
  memref.copy %buf, %out : memref<7xf32> to memref<7xf32>
  %ok = arith.constant 0 : i32
  return %ok : i32
}

// -----

// At function level a dynamic buffer has no place in a fixed-size workspace.
func.func @g(%n: index, %ws: memref<0xi8> {nn.workspace}) -> i32 {
  // expected-error @+1 {{internal error: dynamic or strided buffer}}
  %buf = memref.alloc(%n) : memref<?xf32>
  %ok = arith.constant 0 : i32
  return %ok : i32
}

// RUN: nnc-opt --nnc-assign-workspace -split-input-file -verify-diagnostics %s | FileCheck %s
// Buffers of a model function come from the caller's workspace: each
// becomes an argument of its own with its offset (the entry point passes
// workspace + offset), so LLVM sees buffers that cannot overlap. Buffers of
// at most 64 bytes go on the stack, and so does scratch allocated inside a
// parallel loop or of dynamic size (the ragged last thread tile of a
// multi-result op with a dead result, e.g. the argmax of max's gradient on
// [3, 67, 701]).

// CHECK-LABEL: func.func @f
// CHECK-SAME: %{{.*}}: memref<320xi8> {nn.workspace}, %[[BUF:.*]]: memref<70xf32> {nn.workspace_offset = 0 : i64}
func.func @f(%out: memref<70xf32>, %ws: memref<0xi8> {nn.workspace}) -> i32 {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c70 = arith.constant 70 : index
  %zero = arith.constant 0.0 : f32
  // CHECK: %[[ACC:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4xf32>
  %acc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
  // CHECK-NOT: memref.view
  %buf = memref.alloc() {alignment = 64 : i64} : memref<70xf32>
  // CHECK: scf.for %[[I:.*]] =
  scf.for %i = %c0 to %c70 step %c3 {
    %n = affine.min affine_map<(d0) -> (3, -d0 + 70)>(%i)
    // CHECK: %[[N:.*]] = affine.min
    // CHECK: memref.alloca(%[[N]]) {alignment = 64 : i64} : memref<1x?xf32>
    // CHECK-NOT: memref.alloc(
    %tile = memref.alloc(%n) {alignment = 64 : i64} : memref<1x?xf32>
    linalg.fill ins(%zero : f32) outs(%tile : memref<1x?xf32>)
    %v = memref.load %tile[%c0, %c0] : memref<1x?xf32>
    // CHECK: memref.store %{{.*}}, %[[BUF]][%[[I]]]
    memref.store %v, %buf[%i] : memref<70xf32>
    memref.store %v, %acc[%c0] : memref<4xf32>
  }
  memref.copy %buf, %out : memref<70xf32> to memref<70xf32>
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

// RUN: nnc-opt %s | nnc-opt | FileCheck %s
// RUN: nnc-opt %s --mlir-print-op-generic | nnc-opt | FileCheck %s
// Every nn op, forward and backward helpers, round-trips through its
// custom assembly (and the generic form) with its attributes intact.

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%x: tensor<7x13xf32>, %r: tensor<13xf32>, %c: tensor<7x1xf32>, %s: tensor<f32>) -> tensor<7x13xf32> {
  // CHECK: nn.relu %{{.*}} : tensor<7x13xf32>
  %0 = nn.relu %x : tensor<7x13xf32>
  // CHECK: nn.sigmoid %{{.*}} : tensor<7x13xf32>
  %1 = nn.sigmoid %0 : tensor<7x13xf32>
  // CHECK: nn.tanh %{{.*}} : tensor<7x13xf32>
  %2 = nn.tanh %1 : tensor<7x13xf32>
  // CHECK: nn.exp %{{.*}} : tensor<7x13xf32>
  %3 = nn.exp %2 : tensor<7x13xf32>
  // CHECK: nn.log %{{.*}} : tensor<7x13xf32>
  %4 = nn.log %3 : tensor<7x13xf32>
  // CHECK: nn.sqrt %{{.*}} : tensor<7x13xf32>
  %5 = nn.sqrt %4 : tensor<7x13xf32>
  // CHECK: nn.neg %{{.*}} : tensor<7x13xf32>
  %6 = nn.neg %5 : tensor<7x13xf32>
  // CHECK: nn.add %{{.*}}, %{{.*}} : tensor<7x13xf32>, tensor<13xf32> -> tensor<7x13xf32>
  %7 = nn.add %6, %r : tensor<7x13xf32>, tensor<13xf32> -> tensor<7x13xf32>
  // CHECK: nn.sub %{{.*}}, %{{.*}} : tensor<7x1xf32>, tensor<7x13xf32> -> tensor<7x13xf32>
  %8 = nn.sub %c, %7 : tensor<7x1xf32>, tensor<7x13xf32> -> tensor<7x13xf32>
  // CHECK: nn.mul %{{.*}}, %{{.*}} : tensor<7x13xf32>, tensor<f32> -> tensor<7x13xf32>
  %9 = nn.mul %8, %s : tensor<7x13xf32>, tensor<f32> -> tensor<7x13xf32>
  // CHECK: nn.div %{{.*}}, %{{.*}} : tensor<7x1xf32>, tensor<13xf32> -> tensor<7x13xf32>
  %10 = nn.div %c, %r : tensor<7x1xf32>, tensor<13xf32> -> tensor<7x13xf32>
  // CHECK: nn.relu_backward %{{.*}}, %{{.*}} : tensor<7x13xf32>
  %11 = nn.relu_backward %9, %10 : tensor<7x13xf32>
  return %11 : tensor<7x13xf32>
}

// CHECK-LABEL: func.func @linear_algebra
func.func @linear_algebra(%a: tensor<3x7x5xf32>, %b: tensor<3x5x9xf32>, %w: tensor<9x5xf32>, %bias: tensor<9xf32>, %bt: tensor<3x9x5xf32>) -> (tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<7x9xf32>) {
  // CHECK: nn.matmul %{{.*}}, %{{.*}} : tensor<3x7x5xf32>, tensor<3x5x9xf32> -> tensor<3x7x9xf32>
  %0 = nn.matmul %a, %b : tensor<3x7x5xf32>, tensor<3x5x9xf32> -> tensor<3x7x9xf32>
  // CHECK: nn.matmul %{{.*}}, %{{.*}} {transpose_rhs = true} : tensor<3x7x5xf32>, tensor<9x5xf32> -> tensor<3x7x9xf32>
  %1 = nn.matmul %a, %w {transpose_rhs = true} : tensor<3x7x5xf32>, tensor<9x5xf32> -> tensor<3x7x9xf32>
  // CHECK: nn.matmul %{{.*}}, %{{.*}} {transpose_lhs = true, transpose_rhs = true} : tensor<5x7xf32>, tensor<9x5xf32> -> tensor<7x9xf32>
  %t = nn.permute %a [0, 2, 1] : tensor<3x7x5xf32> -> tensor<3x5x7xf32>
  %t0 = nn.reshape %t : tensor<3x5x7xf32> -> tensor<15x7xf32>
  %t1 = nn.slice %t0 {offsets = array<i64: 0, 0>, strides = array<i64: 1, 1>} : tensor<15x7xf32> -> tensor<5x7xf32>
  %tt = nn.matmul %t1, %w {transpose_lhs = true, transpose_rhs = true} : tensor<5x7xf32>, tensor<9x5xf32> -> tensor<7x9xf32>
  // CHECK: nn.matmul %{{.*}}, %{{.*}} {transpose_lhs = true} : tensor<5x7xf32>, tensor<3x5x9xf32> -> tensor<3x7x9xf32>
  %2 = nn.matmul %t1, %b {transpose_lhs = true} : tensor<5x7xf32>, tensor<3x5x9xf32> -> tensor<3x7x9xf32>
  // CHECK: nn.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3x7x5xf32>, tensor<9x5xf32>, tensor<9xf32>) -> tensor<3x7x9xf32>
  %3 = nn.linear %a, %w, %bias : (tensor<3x7x5xf32>, tensor<9x5xf32>, tensor<9xf32>) -> tensor<3x7x9xf32>
  // CHECK: nn.linear %{{.*}}, %{{.*}} : (tensor<3x7x5xf32>, tensor<9x5xf32>) -> tensor<3x7x9xf32>
  %4 = nn.linear %a, %w : (tensor<3x7x5xf32>, tensor<9x5xf32>) -> tensor<3x7x9xf32>
  // CHECK: nn.matmul %{{.*}}, %{{.*}} {transpose_lhs = true, transpose_rhs = true} : tensor<3x5x7xf32>, tensor<3x9x5xf32> -> tensor<3x7x9xf32>
  %5 = nn.matmul %t, %bt {transpose_lhs = true, transpose_rhs = true} : tensor<3x5x7xf32>, tensor<3x9x5xf32> -> tensor<3x7x9xf32>
  return %0, %1, %2, %3, %4, %5, %tt : tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<3x7x9xf32>, tensor<7x9xf32>
}

// CHECK-LABEL: func.func @shape
func.func @shape(%x: tensor<3x7x5xf32>, %y: tensor<3x2x5xf32>, %ids: tensor<7x3xi32>) -> (tensor<5x3x7xf32>, tensor<7x15xf32>, tensor<3x16x5xf32>, tensor<14x3xi32>, tensor<2x2x2xf32>, tensor<3xi32>, tensor<6x20x7xf32>, tensor<3x7x5xf32>, tensor<2x3x7x5xf32>, tensor<3x5x5xf32>) {
  // CHECK: nn.permute %{{.*}} [2, 0, 1] : tensor<3x7x5xf32> -> tensor<5x3x7xf32>
  %0 = nn.permute %x [2, 0, 1] : tensor<3x7x5xf32> -> tensor<5x3x7xf32>
  // CHECK: nn.reshape %{{.*}} : tensor<5x3x7xf32> -> tensor<7x15xf32>
  %1 = nn.reshape %0 : tensor<5x3x7xf32> -> tensor<7x15xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<3x2x5xf32>, tensor<3x7x5xf32>) -> tensor<3x16x5xf32>
  %2 = nn.concat %x, %y, %x {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<3x2x5xf32>, tensor<3x7x5xf32>) -> tensor<3x16x5xf32>
  // CHECK: nn.concat %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<7x3xi32>, tensor<7x3xi32>) -> tensor<14x3xi32>
  %3 = nn.concat %ids, %ids {axis = 0 : i64} : (tensor<7x3xi32>, tensor<7x3xi32>) -> tensor<14x3xi32>
  // CHECK: nn.slice %{{.*}} {offsets = array<i64: 1, 2, 1>, strides = array<i64: 1, 3, 3>} : tensor<3x7x5xf32> -> tensor<2x2x2xf32>
  %4 = nn.slice %x {offsets = array<i64: 1, 2, 1>, strides = array<i64: 1, 3, 3>} : tensor<3x7x5xf32> -> tensor<2x2x2xf32>
  // CHECK: nn.slice %{{.*}} {offsets = array<i64: 6, 0>, strides = array<i64: 1, 1>} : tensor<7x3xi32> -> tensor<1x3xi32>
  %5 = nn.slice %ids {offsets = array<i64: 6, 0>, strides = array<i64: 1, 1>} : tensor<7x3xi32> -> tensor<1x3xi32>
  // CHECK: nn.reshape %{{.*}} : tensor<1x3xi32> -> tensor<3xi32>
  %6 = nn.reshape %5 : tensor<1x3xi32> -> tensor<3xi32>
  // CHECK: nn.pad %{{.*}} {high = array<i64: 0, 1, 1>, interior = array<i64: 1, 2, 0>, low = array<i64: 1, 0, 1>, value = -1.500000e+00 : f64} : tensor<3x7x5xf32> -> tensor<6x20x7xf32>
  %7 = nn.pad %x {high = array<i64: 0, 1, 1>, interior = array<i64: 1, 2, 0>, low = array<i64: 1, 0, 1>, value = -1.5 : f64} : tensor<3x7x5xf32> -> tensor<6x20x7xf32>
  // The default padding value is 0.
  // CHECK: nn.pad %{{.*}} {high = array<i64: 0, -1, 0>, interior = array<i64: 0, 0, 0>, low = array<i64: 0, -1, 0>} : tensor<3x7x5xf32> -> tensor<3x5x5xf32>
  %8 = nn.pad %x {high = array<i64: 0, -1, 0>, interior = array<i64: 0, 0, 0>, low = array<i64: 0, -1, 0>} : tensor<3x7x5xf32> -> tensor<3x5x5xf32>
  // CHECK: nn.reverse %{{.*}} [0, 2] : tensor<3x7x5xf32>
  %9 = nn.reverse %x [0, 2] : tensor<3x7x5xf32>
  // CHECK: nn.broadcast %{{.*}} [1, 2, 3] : tensor<3x1x5xf32> -> tensor<2x3x7x5xf32>
  %s = nn.slice %x {offsets = array<i64: 0, 3, 0>, strides = array<i64: 1, 1, 1>} : tensor<3x7x5xf32> -> tensor<3x1x5xf32>
  %10 = nn.broadcast %s [1, 2, 3] : tensor<3x1x5xf32> -> tensor<2x3x7x5xf32>
  return %0, %1, %2, %3, %4, %6, %7, %9, %10, %8 : tensor<5x3x7xf32>, tensor<7x15xf32>, tensor<3x16x5xf32>, tensor<14x3xi32>, tensor<2x2x2xf32>, tensor<3xi32>, tensor<6x20x7xf32>, tensor<3x7x5xf32>, tensor<2x3x7x5xf32>, tensor<3x5x5xf32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<3x7x5xf32>) -> (tensor<f32>, tensor<3x5xf32>, tensor<7xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>) {
  // CHECK: nn.sum %{{.*}} [0, 1, 2] : tensor<3x7x5xf32> -> tensor<f32>
  %0 = nn.sum %x [0, 1, 2] : tensor<3x7x5xf32> -> tensor<f32>
  // CHECK: nn.mean %{{.*}} [1] : tensor<3x7x5xf32> -> tensor<3x5xf32>
  %1 = nn.mean %x [1] : tensor<3x7x5xf32> -> tensor<3x5xf32>
  // CHECK: nn.max %{{.*}} [0, 2] : tensor<3x7x5xf32> -> tensor<7xf32>
  %2 = nn.max %x [0, 2] : tensor<3x7x5xf32> -> tensor<7xf32>
  // CHECK: nn.max_backward %{{.*}}, %{{.*}} [0, 2] : (tensor<3x7x5xf32>, tensor<7xf32>) -> tensor<3x7x5xf32>
  %3 = nn.max_backward %x, %2 [0, 2] : (tensor<3x7x5xf32>, tensor<7xf32>) -> tensor<3x7x5xf32>
  // CHECK: nn.softmax %{{.*}} {axis = 1 : i64} : tensor<3x7x5xf32>
  %4 = nn.softmax %x {axis = 1 : i64} : tensor<3x7x5xf32>
  // CHECK: nn.log_softmax %{{.*}} {axis = 2 : i64} : tensor<3x7x5xf32>
  %5 = nn.log_softmax %x {axis = 2 : i64} : tensor<3x7x5xf32>
  // Reducing no axis is the identity.
  // CHECK: nn.sum %{{.*}} [] : tensor<3x7x5xf32> -> tensor<3x7x5xf32>
  %6 = nn.sum %x [] : tensor<3x7x5xf32> -> tensor<3x7x5xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<f32>, tensor<3x5xf32>, tensor<7xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<2x3x13x13xf32>, %w: tensor<5x3x3x2xf32>, %b: tensor<5xf32>, %w11: tensor<5x3xf32>) -> (tensor<2x5x6x6xf32>, tensor<2x5x6x6xf32>, tensor<2x5x13x13xf32>, tensor<2x5x13x13xf32>, tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>) {
  // CHECK: nn.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>, tensor<5xf32>) -> tensor<2x5x6x6xf32>
  %0 = nn.conv2d %x, %w, %b {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>, tensor<5xf32>) -> tensor<2x5x6x6xf32>
  // CHECK: nn.conv2d %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>) -> tensor<2x5x6x6xf32>
  %1 = nn.conv2d %x, %w {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>) -> tensor<2x5x6x6xf32>
  // CHECK: nn.conv1x1 %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3x13x13xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<2x5x13x13xf32>
  %2 = nn.conv1x1 %x, %w11, %b : (tensor<2x3x13x13xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<2x5x13x13xf32>
  // CHECK: nn.conv1x1 %{{.*}}, %{{.*}} : (tensor<2x3x13x13xf32>, tensor<5x3xf32>) -> tensor<2x5x13x13xf32>
  %3 = nn.conv1x1 %x, %w11 : (tensor<2x3x13x13xf32>, tensor<5x3xf32>) -> tensor<2x5x13x13xf32>
  // CHECK: nn.conv2d_backward_input %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x5x6x6xf32>, tensor<5x3x3x2xf32>) -> tensor<2x3x13x13xf32>
  %4 = nn.conv2d_backward_input %0, %w {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x5x6x6xf32>, tensor<5x3x3x2xf32>) -> tensor<2x3x13x13xf32>
  // CHECK: nn.conv2d_backward_weight %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<2x5x6x6xf32>) -> tensor<5x3x3x2xf32>
  %5 = nn.conv2d_backward_weight %x, %0 {dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x13xf32>, tensor<2x5x6x6xf32>) -> tensor<5x3x3x2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x5x6x6xf32>, tensor<2x5x6x6xf32>, tensor<2x5x13x13xf32>, tensor<2x5x13x13xf32>, tensor<2x3x13x13xf32>, tensor<5x3x3x2xf32>
}

// CHECK-LABEL: func.func @pooling
func.func @pooling(%x: tensor<2x3x13x7xf32>) -> (tensor<2x3x7x3xf32>, tensor<2x3x7x3xf32>, tensor<2x3x13x7xf32>, tensor<2x3x13x7xf32>) {
  // CHECK: nn.maxpool2d %{{.*}} {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x13x7xf32> -> tensor<2x3x7x3xf32>
  %0 = nn.maxpool2d %x {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x13x7xf32> -> tensor<2x3x7x3xf32>
  // CHECK: nn.avgpool2d %{{.*}} {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x13x7xf32> -> tensor<2x3x7x3xf32>
  %1 = nn.avgpool2d %x {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x13x7xf32> -> tensor<2x3x7x3xf32>
  // CHECK: nn.maxpool2d_backward %{{.*}}, %{{.*}} {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x7xf32>, tensor<2x3x7x3xf32>) -> tensor<2x3x13x7xf32>
  %2 = nn.maxpool2d_backward %x, %0 {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x3x13x7xf32>, tensor<2x3x7x3xf32>) -> tensor<2x3x13x7xf32>
  // CHECK: nn.avgpool2d_backward %{{.*}} {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x7x3xf32> -> tensor<2x3x13x7xf32>
  %3 = nn.avgpool2d_backward %1 {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 2>} : tensor<2x3x7x3xf32> -> tensor<2x3x13x7xf32>
  return %0, %1, %2, %3 : tensor<2x3x7x3xf32>, tensor<2x3x7x3xf32>, tensor<2x3x13x7xf32>, tensor<2x3x13x7xf32>
}

// CHECK-LABEL: func.func @losses
func.func @losses(%logits: tensor<7x13xf32>, %labels: tensor<7xi32>) -> (tensor<f32>, tensor<7x13xf32>) {
  // CHECK: nn.cross_entropy %{{.*}}, %{{.*}} : (tensor<7x13xf32>, tensor<7xi32>) -> tensor<f32>
  %0 = nn.cross_entropy %logits, %labels : (tensor<7x13xf32>, tensor<7xi32>) -> tensor<f32>
  // CHECK: nn.cross_entropy_backward %{{.*}}, %{{.*}}, %{{.*}} : (tensor<7x13xf32>, tensor<7xi32>, tensor<f32>) -> tensor<7x13xf32>
  %1 = nn.cross_entropy_backward %logits, %labels, %0 : (tensor<7x13xf32>, tensor<7xi32>, tensor<f32>) -> tensor<7x13xf32>
  return %0, %1 : tensor<f32>, tensor<7x13xf32>
}

// CHECK-LABEL: func.func @checks
func.func @checks(%failed: tensor<i1>) {
  // CHECK: nn.runtime_check %{{.*}}, 3 : tensor<i1>
  nn.runtime_check %failed, 3 : tensor<i1>
  return
}

//===- TileAndVectorize.cpp - Threads, register tiles, vector FMAs --------===//
//
// On tensors, before bufferization:
//  1. Convolutions become an im2col copy and a contraction, so that every
//     conv is a matmul (a 1x1 stride-1 conv needs no copy at all).
//  2. A contraction C[m, n] += A[m, k] B[k, n] (batched or not) is tiled
//     into an scf.forall over threads (when it is large enough to pay for
//     them), then into MR x NR register tiles over a k loop. Loops are
//     peeled so that full tiles have static shapes; each tile is vectorized
//     into a vector.contract that lowers to NR-wide outer products, i.e.
//     MR vector FMAs per k, with the accumulator kept in registers once the
//     loop-invariant C transfers are hoisted out of the k loop.
//     Before tiling, a contraction's operands are arranged for that kernel:
//     the one holding the output rows first, the one holding the columns
//     with the columns contiguous (a transposed copy if needed).
//  3. Other ops: contiguous loops are collapsed into one (so LLVM
//     vectorizes at full width), reductions may reassociate, pooling runs
//     its window loops outside the output row; large ones get an
//     scf.forall over their outer parallel dims.
//
//===----------------------------------------------------------------------===//
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace nnc {
#define GEN_PASS_DEF_TILEANDVECTORIZE
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Register tile rows; with NR = 2 vectors per row this keeps 16
/// accumulators plus operands within the 32 registers of AVX-512 (and
/// spills a little on AVX2, which has 16).
constexpr int64_t kRegisterRows = 8;
/// Below this many flops an op is not worth waking the threads for.
constexpr double kParallelFlops = 1 << 18;
/// Rows and columns of C one thread tile covers (multiples of the
/// register tile).
constexpr int64_t kThreadRows = 64;
constexpr int64_t kThreadColsInVectors = 8;

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

//===----------------------------------------------------------------------===//
// Convolutions as matmuls
//===----------------------------------------------------------------------===//

Value collapseTo(OpBuilder &b, Location loc, Value v,
                 ArrayRef<ReassociationIndices> groups) {
  return b.create<tensor::CollapseShapeOp>(loc, v, groups);
}

/// out[n, f, p] += w[f, k] * col[n, k, p] with k = (c, kh, kw) and
/// p = (oh, ow), where col is the im2col matrix of the (padded) input.
void rewriteConvAsMatmul(RewriterBase &rewriter, linalg::Conv2DNchwFchwOp conv) {
  Location loc = conv.getLoc();
  MLIRContext *ctx = rewriter.getContext();
  rewriter.setInsertionPoint(conv);
  Value x = conv.getInputs()[0], w = conv.getInputs()[1];
  Value init = conv.getOutputs()[0];
  ArrayRef<int64_t> xs = shapeOf(x), ws = shapeOf(w), os = shapeOf(init);
  SmallVector<int64_t> s(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> d(conv.getDilations().getValues<int64_t>());
  int64_t n = xs[0], c = xs[1], kh = ws[2], kw = ws[3];
  int64_t oh = os[2], ow = os[3];
  Type f32 = rewriter.getF32Type();

  Value col;
  if (kh == 1 && kw == 1 && s[0] == 1 && s[1] == 1 && xs[2] == oh &&
      xs[3] == ow) {
    col = collapseTo(rewriter, loc, x, {{0}, {1}, {2, 3}});
  } else {
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    // col6[n, c, kh, kw, oh, ow] = x[n, c, oh*s + kh*d, ow*s + kw*d]
    AffineMap gather = AffineMap::get(
        6, 0,
        {dim(0), dim(1), dim(4) * s[0] + dim(2) * d[0],
         dim(5) * s[1] + dim(3) * d[1]},
        ctx);
    Value empty =
        rewriter.create<tensor::EmptyOp>(loc, ArrayRef<int64_t>{n, c, kh, kw, oh, ow}, f32);
    SmallVector<utils::IteratorType> iters(6, utils::IteratorType::parallel);
    Value col6 =
        rewriter
            .create<linalg::GenericOp>(
                loc, empty.getType(), x, empty,
                ArrayRef<AffineMap>{gather,
                                    AffineMap::getMultiDimIdentityMap(6, ctx)},
                iters,
                [](OpBuilder &b, Location l, ValueRange a) {
                  b.create<linalg::YieldOp>(l, a[0]);
                })
            .getResult(0);
    col = collapseTo(rewriter, loc, col6, {{0}, {1, 2, 3}, {4, 5}});
  }
  Value w2 = collapseTo(rewriter, loc, w, {{0}, {1, 2, 3}});
  Value out3 = collapseTo(rewriter, loc, init, {{0}, {1}, {2, 3}});
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  // dims (n, f, p, k)
  SmallVector<AffineMap> maps{AffineMap::get(4, 0, {dim(1), dim(3)}, ctx),
                              AffineMap::get(4, 0, {dim(0), dim(3), dim(2)}, ctx),
                              AffineMap::get(4, 0, {dim(0), dim(1), dim(2)}, ctx)};
  SmallVector<utils::IteratorType> iters(3, utils::IteratorType::parallel);
  iters.push_back(utils::IteratorType::reduction);
  Value y3 = rewriter
                 .create<linalg::GenericOp>(
                     loc, out3.getType(), ValueRange{w2, col}, out3, maps,
                     iters,
                     [](OpBuilder &b, Location l, ValueRange a) {
                       Value p = b.create<arith::MulFOp>(l, a[0], a[1]);
                       b.create<linalg::YieldOp>(
                           l, b.create<arith::AddFOp>(l, a[2], p).getResult());
                     })
                 .getResult(0);
  rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
      conv, conv.getResultTensors()[0].getType(), y3,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
}

/// A transposed right operand would be read across rows by outer products;
/// transpose it once (a weight of a linear layer: O x I copies against
/// 2 x rows x O x I flops) and use the plain form.
void untransposeRhs(RewriterBase &rewriter, linalg::LinalgOp op) {
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  ArrayRef<int64_t> bs = shapeOf(b);
  SmallVector<int64_t> perm, tshape;
  for (int64_t i = 0, e = bs.size(); i + 2 < e; ++i)
    perm.push_back(i);
  perm.append({static_cast<int64_t>(bs.size()) - 1,
               static_cast<int64_t>(bs.size()) - 2});
  for (int64_t p : perm)
    tshape.push_back(bs[p]);
  Value empty =
      rewriter.create<tensor::EmptyOp>(loc, tshape, rewriter.getF32Type());
  Value bt = rewriter.create<linalg::TransposeOp>(loc, b, empty, perm)
                 ->getResult(0);
  Operation *plain;
  if (bs.size() == 2)
    plain = rewriter.create<linalg::MatmulOp>(loc, init.getType(),
                                              ValueRange{a, bt}, init);
  else
    plain = rewriter.create<linalg::BatchMatmulOp>(loc, init.getType(),
                                                   ValueRange{a, bt}, init);
  rewriter.replaceOp(op, plain->getResults());
}

/// The generic-contraction form of untransposeRhs: the operand that holds
/// the output columns n (and not the rows m) is read one n-vector per k;
/// when n is not its innermost axis, give it a transposed copy where it is.
void makeColumnsContiguous(RewriterBase &rewriter, linalg::GenericOp op,
                           unsigned m, unsigned n) {
  MLIRContext *ctx = rewriter.getContext();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  for (OpOperand *in : op.getDpsInputOperands()) {
    AffineMap map = maps[in->getOperandNumber()];
    if (!map.isProjectedPermutation() || !map.isFunctionOfDim(n) ||
        map.isFunctionOfDim(m))
      continue;
    unsigned rank = map.getNumResults(), at = 0;
    for (unsigned i = 0; i < rank; ++i)
      if (cast<AffineDimExpr>(map.getResult(i)).getPosition() == n)
        at = i;
    if (at == rank - 1)
      continue;
    SmallVector<int64_t> perm;
    for (unsigned i = 0; i < rank; ++i)
      if (i != at)
        perm.push_back(i);
    perm.push_back(at);
    ArrayRef<int64_t> shape = shapeOf(in->get());
    SmallVector<int64_t> tshape;
    SmallVector<AffineExpr> exprs;
    for (int64_t p : perm) {
      tshape.push_back(shape[p]);
      exprs.push_back(map.getResult(p));
    }
    rewriter.setInsertionPoint(op);
    Value empty = rewriter.create<tensor::EmptyOp>(
        op.getLoc(), tshape, getElementTypeOrSelf(in->get().getType()));
    Value t = rewriter.create<linalg::TransposeOp>(op.getLoc(), in->get(),
                                                   empty, perm)
                  ->getResult(0);
    maps[in->getOperandNumber()] =
        AffineMap::get(map.getNumDims(), 0, exprs, ctx);
    rewriter.modifyOpInPlace(op, [&] {
      in->set(t);
      op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
    });
  }
}

/// The outer-product lowering of vector.contract expects the operand that
/// holds the output rows (m) first; with the operands the other way round
/// it takes a slow path (dV = dO^T P in attention's backward ran 20x slower
/// than P^T dO). The product commutes, so swap operands and maps.
void rowsOperandFirst(RewriterBase &rewriter, linalg::GenericOp op,
                      unsigned m) {
  if (op.getNumDpsInputs() != 2)
    return;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps[0].isFunctionOfDim(m) || !maps[1].isFunctionOfDim(m))
    return;
  std::swap(maps[0], maps[1]);
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  rewriter.modifyOpInPlace(op, [&] {
    op.getDpsInputOperand(0)->set(b);
    op.getDpsInputOperand(1)->set(a);
    op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
  });
}

//===----------------------------------------------------------------------===//
// Tiling
//===----------------------------------------------------------------------===//

double flopsOf(linalg::LinalgOp op) {
  double n = 1;
  for (int64_t r : op.getStaticLoopRanges())
    n *= static_cast<double>(r);
  return 2 * n;
}

/// The roles of a contraction's loops, when it has the matmul form we
/// register-tile: one output row dim m and one contiguous output column dim
/// n (the innermost dim of C).
struct MatmulDims {
  SmallVector<unsigned> batch;
  unsigned m, n;
  SmallVector<unsigned> k;
};

std::optional<MatmulDims> matmulDims(linalg::LinalgOp op) {
  if (!linalg::isaContractionOpInterface(op) || op.getNumDpsInits() != 1 ||
      !op.hasPureTensorSemantics())
    return std::nullopt;
  // isaContractionOpInterface looks through unary ops (a `tanh` fused into
  // an operand, say); vectorizing those would leave n-D vector math that
  // nothing lowers. Only a plain multiply-add is register-tiled.
  for (Operation &bodyOp : op->getRegion(0).front())
    if (!isa<arith::MulFOp, arith::AddFOp, linalg::YieldOp>(bodyOp))
      return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() || dims->k.empty())
    return std::nullopt;
  AffineMap out = op.getIndexingMapMatchingResult(op->getResult(0));
  auto innermost = dyn_cast<AffineDimExpr>(out.getResults().back());
  if (!innermost)
    return std::nullopt;
  // The operands' roles are symmetric: whichever holds the output's
  // contiguous axis plays B.
  if (llvm::is_contained(dims->m, innermost.getPosition()))
    std::swap(dims->m, dims->n);
  if (!llvm::is_contained(dims->n, innermost.getPosition()))
    return std::nullopt;
  MatmulDims md;
  md.batch.append(dims->batch.begin(), dims->batch.end());
  md.n = innermost.getPosition();
  md.m = dims->m.back();
  // Extra m or n dims are iterated one at a time, like batch dims.
  for (unsigned d : dims->m)
    if (d != md.m)
      md.batch.push_back(d);
  for (unsigned d : dims->n)
    if (d != md.n)
      md.batch.push_back(d);
  md.k.append(dims->k.begin(), dims->k.end());
  return md;
}

SmallVector<OpFoldResult> tileSizes(OpBuilder &b, ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> r;
  for (int64_t s : sizes)
    r.push_back(b.getIndexAttr(s));
  return r;
}

/// A thread tile size for a dim of `size`: the largest multiple of `unit`
/// at most `limit` that divides `size` (or the whole dim). Thread tiles
/// then all have the same static shape, and so do the register tiles
/// peeled inside them: no masked vectors anywhere.
int64_t staticTile(int64_t size, int64_t limit, int64_t unit) {
  for (int64_t t = limit / unit * unit; t >= unit; t -= unit)
    if (size % t == 0)
      return t;
  return size;
}

FailureOr<scf::SCFTilingResult> tile(RewriterBase &rewriter, Operation *op,
                                     ArrayRef<int64_t> sizes, bool forall) {
  scf::SCFTilingOptions options;
  options.setTileSizes(tileSizes(rewriter, sizes));
  options.setLoopType(forall ? scf::SCFTilingOptions::LoopType::ForallOp
                             : scf::SCFTilingOptions::LoopType::ForOp);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> r =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
  if (succeeded(r))
    rewriter.replaceOp(op, r->replacements);
  return r;
}

/// Register-tile ops carry their vector sizes in this attribute between
/// tiling and vectorization (a canonicalization runs in between, so op
/// pointers would not survive).
constexpr llvm::StringLiteral kKernelAttr = "nnc.kernel";
constexpr llvm::StringLiteral kKernelKDims = "nnc.kernel_k";

class Tiler {
public:
  Tiler(MLIRContext *ctx, int64_t vectorWidth, bool parallel)
      : rewriter(ctx), vectorWidth(vectorWidth), parallel(parallel) {}

  void tileContraction(linalg::LinalgOp op, const MatmulDims &dims);
  void tileForThreads(linalg::LinalgOp op);

  IRRewriter rewriter;

private:
  void registerTile(Operation *op, const MatmulDims &dims);

  int64_t vectorWidth;
  bool parallel;
};

void Tiler::tileContraction(linalg::LinalgOp op, const MatmulDims &dims) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t nr = 2 * vectorWidth;
  Operation *inner = op;
  if (parallel && flopsOf(op) >= kParallelFlops) {
    SmallVector<int64_t> sizes(ranges.size(), 0);
    for (unsigned d : dims.batch)
      sizes[d] = 1;
    sizes[dims.m] = staticTile(ranges[dims.m], kThreadRows, kRegisterRows);
    sizes[dims.n] = staticTile(ranges[dims.n], kThreadColsInVectors * nr, nr);
    FailureOr<scf::SCFTilingResult> r = tile(rewriter, op, sizes, true);
    if (failed(r))
      return;
    inner = r->tiledOps.back();
  }
  registerTile(inner, dims);
}

void Tiler::registerTile(Operation *op, const MatmulDims &dims) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
  unsigned numLoops = linalgOp.getNumLoops();
  auto capped = [&](unsigned d, int64_t size) {
    return ShapedType::isDynamic(ranges[d]) ? size
                                            : std::min(ranges[d], size);
  };
  // 1. MR x NR tiles of C (batch dims one at a time), k untiled.
  SmallVector<int64_t> sizes(numLoops, 0), vsizes(numLoops, 1);
  for (unsigned d : dims.batch)
    sizes[d] = 1;
  sizes[dims.m] = vsizes[dims.m] = capped(dims.m, kRegisterRows);
  sizes[dims.n] = vsizes[dims.n] = capped(dims.n, 2 * vectorWidth);
  FailureOr<scf::SCFTilingResult> r = tile(rewriter, op, sizes, false);
  if (failed(r))
    return;
  auto mark = [&](Operation *t) {
    t->setAttr(kKernelAttr, rewriter.getDenseI64ArrayAttr(vsizes));
    SmallVector<int64_t> k(dims.k.begin(), dims.k.end());
    t->setAttr(kKernelKDims, rewriter.getDenseI64ArrayAttr(k));
  };
  mark(r->tiledOps.back());
  // 2. Peel the m and n loops: full tiles get static shapes (once
  // canonicalized), the partial ones are marked too.
  for (LoopLikeOpInterface loop : llvm::reverse(r->loops)) {
    auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
    if (!forOp)
      continue;
    scf::ForOp partial;
    rewriter.setInsertionPoint(forOp);
    if (succeeded(scf::peelForLoopAndSimplifyBounds(rewriter, forOp, partial)))
      partial.walk([&](linalg::LinalgOp t) { mark(t); });
  }
}

/// 3. Inside each marked tile, a loop over k; the body is vectorized into
/// one outer product per k.
void vectorizeKernel(RewriterBase &rewriter, linalg::LinalgOp op) {
  SmallVector<int64_t> ksizes(op.getNumLoops(), 0);
  for (int64_t d : op->getAttrOfType<DenseI64ArrayAttr>(kKernelKDims)
                       .asArrayRef())
    ksizes[d] = 1;
  op->removeAttr(kKernelAttr);
  op->removeAttr(kKernelKDims);
  FailureOr<scf::SCFTilingResult> kr = tile(rewriter, op, ksizes, false);
  if (failed(kr))
    return;
  auto body = cast<linalg::LinalgOp>(kr->tiledOps.back());
  // Thread tiles divide their dims, so every tile is static; should one
  // not be, it stays scalar rather than risk masked vectors.
  if (llvm::any_of(body.getStaticLoopRanges(), ShapedType::isDynamic))
    return;
  rewriter.setInsertionPoint(body);
  (void)linalg::vectorize(rewriter, body);
}

void Tiler::tileForThreads(linalg::LinalgOp op) {
  if (!parallel || flopsOf(op) < kParallelFlops)
    return;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iters = op.getIteratorTypesArray();
  SmallVector<int64_t> sizes(ranges.size(), 0);
  // Split the outermost parallel dims into about 16 chunks.
  int64_t chunks = 1;
  for (size_t i = 0; i < ranges.size() && chunks < 16; ++i) {
    if (iters[i] != utils::IteratorType::parallel ||
        ShapedType::isDynamic(ranges[i]))
      break;
    int64_t want = std::min<int64_t>(ranges[i], 16 / chunks);
    sizes[i] = (ranges[i] + want - 1) / want;
    chunks *= want;
  }
  if (chunks > 1)
    (void)tile(rewriter, op, sizes, true);
}

/// Merges runs of adjacent loops that every operand traverses contiguously
/// (and of the same iterator kind): an elementwise op over [4, 8, 28, 28]
/// becomes one loop of 25088, which vectorizes at full width, where the
/// innermost 28 alone would not.
linalg::LinalgOp collapseContiguousDims(RewriterBase &rewriter,
                                        linalg::GenericOp op) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<utils::IteratorType> iters = op.getIteratorTypesArray();
  if (iters.empty() || !llvm::all_of(maps, [](AffineMap m) {
        return m.isProjectedPermutation();
      }))
    return op;
  SmallVector<ReassociationIndices> groups{{0}};
  for (int64_t d = 1, e = iters.size(); d < e; ++d) {
    ReassociationIndices candidate = groups.back();
    candidate.push_back(d);
    if (iters[d] == iters[d - 1] &&
        linalg::areDimSequencesPreserved(maps, {candidate}))
      groups.back() = candidate;
    else
      groups.push_back({d});
  }
  if (groups.size() == iters.size())
    return op;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::CollapseResult> r =
      linalg::collapseOpIterationDims(op, groups, rewriter);
  if (failed(r))
    return op;
  rewriter.replaceOp(op, r->results);
  return r->collapsedOp;
}

/// Pooling iterates (n, c, oh, ow, kh, kw): the innermost loops are the
/// tiny window. Moving the window loops outside ow makes the innermost
/// loop run along a row of outputs, which vectorizes.
void windowLoopsOutward(RewriterBase &rewriter, linalg::LinalgOp op) {
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, op);
  if (failed(generic))
    return;
  (void)linalg::interchangeGenericOp(rewriter, *generic,
                                     ArrayRef<unsigned>{0, 1, 2, 4, 5, 3});
}

/// Lets LLVM vectorize the accumulation of a reduction: a sum of a whole
/// tensor otherwise runs as one serial chain of float adds. The order of a
/// float sum is unspecified in PyTorch as well.
void allowReassociation(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() == 0)
    return;
  op->walk([](Operation *inner) {
    if (!isa<arith::AddFOp, arith::MulFOp, arith::MaximumFOp,
             arith::MinimumFOp, arith::MaxNumFOp, arith::MinNumFOp>(inner))
      return;
    auto fm = cast<arith::ArithFastMathInterface>(inner);
    auto flags = fm.getFastMathFlagsAttr().getValue() |
                 arith::FastMathFlags::reassoc;
    inner->setAttr(fm.getFastMathAttrName(),
                   arith::FastMathFlagsAttr::get(inner->getContext(), flags));
  });
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct TileAndVectorizePass
    : nnc::impl::TileAndVectorizeBase<TileAndVectorizePass> {
  using TileAndVectorizeBase::TileAndVectorizeBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    MLIRContext *ctx = &getContext();
    Tiler tiler(ctx, vectorWidth, parallel);
    IRRewriter &rewriter = tiler.rewriter;

    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    fn.walk([&](linalg::Conv2DNchwFchwOp c) { convs.push_back(c); });
    for (auto c : convs)
      rewriteConvAsMatmul(rewriter, c);
    SmallVector<linalg::LinalgOp> transposedRhs;
    fn.walk([&](Operation *op) {
      if (isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op))
        transposedRhs.push_back(cast<linalg::LinalgOp>(op));
    });
    for (auto op : transposedRhs)
      untransposeRhs(rewriter, op);
    SmallVector<linalg::LinalgOp> pools;
    fn.walk([&](Operation *op) {
      if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op))
        pools.push_back(cast<linalg::LinalgOp>(op));
    });
    for (auto op : pools)
      windowLoopsOutward(rewriter, op);

    // Snapshot: tiling creates new ops.
    SmallVector<linalg::LinalgOp> ops;
    fn.walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !isa<linalg::FillOp>(op))
        ops.push_back(op);
    });
    for (linalg::LinalgOp op : ops) {
      allowReassociation(op);
      if (std::optional<MatmulDims> dims = matmulDims(op)) {
        if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation())) {
          rowsOperandFirst(rewriter, generic, dims->m);
          makeColumnsContiguous(rewriter, generic, dims->m, dims->n);
        }
        tiler.tileContraction(op, *dims);
      } else {
        if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation()))
          op = collapseContiguousDims(rewriter, generic);
        tiler.tileForThreads(op);
      }
    }

    // Make full tiles static before vectorizing them.
    {
      RewritePatternSet patterns(ctx);
      for (Dialect *dialect : ctx->getLoadedDialects())
        dialect->getCanonicalizationPatterns(patterns);
      for (RegisteredOperationName op : ctx->getRegisteredOperations())
        op.getCanonicalizationPatterns(patterns, ctx);
      if (failed(applyPatternsAndFoldGreedily(fn, std::move(patterns))))
        return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> kernels;
    fn.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kKernelAttr))
        kernels.push_back(op);
    });
    for (linalg::LinalgOp op : kernels)
      vectorizeKernel(rewriter, op);

    // Canonical vector forms: mul + multi_reduction becomes vector.contract,
    // broadcasting reads become reads + broadcasts folded into the contract.
    {
      RewritePatternSet patterns(ctx);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorReductionToContractPatterns(patterns);
      vector::populateSinkVectorBroadcastPatterns(patterns);
      vector::ContractionOp::getCanonicalizationPatterns(patterns, ctx);
      vector::BroadcastOp::getCanonicalizationPatterns(patterns, ctx);
      vector::TransposeOp::getCanonicalizationPatterns(patterns, ctx);
      if (failed(applyPatternsAndFoldGreedily(fn, std::move(patterns))))
        return signalPassFailure();
    }
    // Keep accumulators in registers across the k loops: each call hoists
    // one level of matching extract/insert (then transfer_read/write) pairs.
    SmallVector<scf::ForOp> loops;
    fn.walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      LoopLikeOpInterface l = cast<LoopLikeOpInterface>(*loop);
      for (int i = 0; i < 4; ++i)
        l = hoistLoopInvariantSubsets(rewriter, l);
    }

    if (!lowerContractions)
      return;
    // Contractions to outer products, outer products to vector FMAs.
    RewritePatternSet patterns(ctx);
    vector::populateVectorContractLoweringPatterns(
        patterns, vector::VectorTransformsOptions().setVectorTransformsOptions(
                      vector::VectorContractLowering::OuterProduct));
    vector::populateVectorOuterProductLoweringPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(fn, std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace

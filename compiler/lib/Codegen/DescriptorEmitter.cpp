//===- DescriptorEmitter.cpp - nnc_model_desc tables in the object --------===//
//
// The LLVM struct types below mirror runtime/include/nnc_model_desc.h
// field by field; natural alignment gives the C layout.
//
//===----------------------------------------------------------------------===//
#include "nnc/Codegen/Codegen.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace nnc {

namespace {

constexpr int32_t kAbiVersion = 1; // NNC_ABI_VERSION

class DescriptorBuilder {
public:
  explicit DescriptorBuilder(llvm::Module &m)
      : m(m), ctx(m.getContext()), ptr(llvm::PointerType::get(ctx, 0)),
        i32(llvm::Type::getInt32Ty(ctx)), i64(llvm::Type::getInt64Ty(ctx)),
        f64(llvm::Type::getDoubleTy(ctx)) {
    tensorType = llvm::StructType::get(
        ctx, {ptr, i32, i32, i32, ptr, i64, i32, f64, f64, i64, i32});
    functionType = llvm::StructType::get(ctx, {ptr, ptr, i32, ptr, i64, f64});
    modelType = llvm::StructType::get(
        ctx, {i32, ptr, i32, ptr, functionType, functionType});
  }

  void emit(const ModelAbi &model, bool isMain);

private:
  llvm::Constant *string(const std::string &s) {
    return llvm::IRBuilder<>(ctx).CreateGlobalStringPtr(s, "__nnc_str", 0, &m);
  }
  template <typename T>
  llvm::Constant *array(llvm::Type *elt, const std::vector<T> &values,
                        const std::string &name) {
    std::vector<llvm::Constant *> elems;
    for (T v : values)
      elems.push_back(llvm::ConstantInt::get(elt, v, /*signed=*/true));
    auto *type = llvm::ArrayType::get(elt, elems.size());
    return new llvm::GlobalVariable(m, type, /*isConstant=*/true,
                                    llvm::GlobalValue::PrivateLinkage,
                                    llvm::ConstantArray::get(type, elems),
                                    name);
  }
  llvm::Constant *function(const FunctionAbi *f, const std::string &model);

  llvm::Module &m;
  llvm::LLVMContext &ctx;
  llvm::Type *ptr, *i32, *i64, *f64;
  llvm::StructType *tensorType, *functionType, *modelType;
};

llvm::Constant *DescriptorBuilder::function(const FunctionAbi *f,
                                            const std::string &model) {
  if (!f)
    return llvm::ConstantAggregateZero::get(functionType);
  llvm::Function *fn = m.getFunction(f->symbol);
  return llvm::ConstantStruct::get(
      functionType,
      {string(f->symbol),
       fn ? static_cast<llvm::Constant *>(fn)
          : llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx, 0)),
       llvm::ConstantInt::get(i32, f->args.size()),
       array(i32, f->args, "__nnc_" + f->symbol + "_args"),
       llvm::ConstantInt::get(i64, f->workspaceBytes),
       llvm::ConstantFP::get(f64, f->flops)});
}

void DescriptorBuilder::emit(const ModelAbi &model, bool isMain) {
  std::vector<llvm::Constant *> tensors;
  for (size_t i = 0; i < model.tensors.size(); ++i) {
    const TensorAbi &t = model.tensors[i];
    tensors.push_back(llvm::ConstantStruct::get(
        tensorType,
        {string(t.name), llvm::ConstantInt::get(i32, static_cast<int>(t.role)),
         llvm::ConstantInt::get(i32, static_cast<int>(t.dtype)),
         llvm::ConstantInt::get(i32, t.shape.size()),
         array(i64, t.shape,
               "__nnc_" + model.name + "_shape" + std::to_string(i)),
         llvm::ConstantInt::get(i64, t.numel()),
         llvm::ConstantInt::get(i32, t.initKind),
         llvm::ConstantFP::get(f64, t.initA), llvm::ConstantFP::get(f64, t.initB),
         llvm::ConstantInt::get(i64, t.intRange),
         llvm::ConstantInt::get(i32, t.gradOf, /*signed=*/true)}));
  }
  auto *tensorsType = llvm::ArrayType::get(tensorType, tensors.size());
  auto *tensorTable = new llvm::GlobalVariable(
      m, tensorsType, true, llvm::GlobalValue::PrivateLinkage,
      llvm::ConstantArray::get(tensorsType, tensors),
      "__nnc_" + model.name + "_tensors");

  llvm::Constant *desc = llvm::ConstantStruct::get(
      modelType,
      {llvm::ConstantInt::get(i32, kAbiVersion), string(model.name),
       llvm::ConstantInt::get(i32, tensors.size()), tensorTable,
       function(&model.forward, model.name),
       function(model.backward ? &*model.backward : nullptr, model.name)});
  auto *global = new llvm::GlobalVariable(m, modelType, true,
                                          llvm::GlobalValue::ExternalLinkage,
                                          desc, model.name + "_model");
  if (isMain)
    llvm::GlobalAlias::create(llvm::GlobalValue::ExternalLinkage,
                              "nnc_main_model", global);
}

} // namespace

void emitDescriptors(llvm::Module &module, const std::vector<ModelAbi> &models,
                     const std::optional<std::string> &mainModel) {
  DescriptorBuilder builder(module);
  for (const ModelAbi &m : models)
    builder.emit(m, mainModel && *mainModel == m.name);
}

} // namespace nnc

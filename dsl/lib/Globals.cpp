//===- Globals.cpp - Top-level names of a file ----------------------------===//

#include "Globals.h"

#include "ops/OpRegistry.h"

#include <algorithm>

namespace nnc::dsl {
namespace {

Span spanOf(const ast::Located &node) { return {node.begin, node.end}; }

} // namespace

const std::vector<std::string> &initNames() {
  static const std::vector<std::string> names = {
      "zeros", "ones", "const", "normal", "uniform", "xavier", "kaiming"};
  return names;
}

bool isInitName(std::string_view name) {
  const auto &names = initNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

Globals collectGlobals(const ast::File &file, Reporter &reporter) {
  Globals globals;
  std::map<std::string, Span> globalNames, modelNames;
  auto declare = [&](std::map<std::string, Span> &names, const ast::Name &name,
                     const char *what) {
    auto [it, inserted] = names.emplace(name.text, spanOf(name));
    if (!inserted)
      reporter.error(spanOf(name),
                     std::string(what ? "'" : "model '") + name.text +
                         "' is already defined",
                     {{it->second, "previous definition is here"}});
    if (what && opTable().findBuiltin(name.text))
      reporter.error(spanOf(name), std::string(what) + " '" + name.text +
                                       "' would hide the builtin op '" +
                                       name.text + "'; choose another name");
  };
  for (const ast::TopItem &item : file.items) {
    if (auto *c = boost::get<ast::ConstDecl>(&item)) {
      declare(globalNames, c->name, "const");
      globals.consts[c->name.text] = c;
      globals.constOrder.push_back(c);
    } else if (auto *d = boost::get<ast::DefDecl>(&item)) {
      declare(globalNames, d->name, "def");
      globals.defs[d->name.text] = d;
      globals.defOrder.push_back(d);
    } else if (auto *m = boost::get<ast::ModelDecl>(&item)) {
      declare(modelNames, m->name, nullptr);
      globals.models.push_back(m);
    }
  }
  return globals;
}

} // namespace nnc::dsl

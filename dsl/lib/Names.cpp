//===- Names.cpp - Errors for names that do not resolve -------------------===//

#include "Names.h"

#include "Suggest.h"
#include "ops/OpRegistry.h"

namespace nnc::dsl {
namespace {

Span spanOf(const ast::Located &node) { return {node.begin, node.end}; }

bool isCallable(const std::string &name, const Globals &globals) {
  return globals.defs.count(name) || opTable().findBuiltin(name);
}

} // namespace

std::string didYouMean(const std::optional<std::string> &suggestion) {
  return suggestion ? "; did you mean '" + *suggestion + "'?" : "";
}

void reportUnresolvedValue(
    const std::string &name, Span use,
    const std::map<std::string, Span, std::less<>> *boundLater,
    const std::vector<NameCandidate> &inScope, const Globals &globals,
    Reporter &reporter) {
  if (boundLater) {
    auto it = boundLater->find(name);
    if (it != boundLater->end())
      reporter.error(use, "'" + name + "' is used before it is defined",
                     {{it->second, "'" + name + "' is defined here"}});
  }
  if (auto def = globals.defs.find(name); def != globals.defs.end())
    reporter.error(
        use, "'" + name + "' is a def, not a value; call it: " + name + "(...)",
        {{spanOf(def->second->name), "'" + name + "' is defined here"}});
  if (opTable().findBuiltin(name))
    reporter.error(use, "'" + name +
                            "' is a builtin op, not a value; call it: " + name +
                            "(...)");
  if (isInitName(name))
    reporter.error(use, "'" + name +
                            "' is an initializer; it can only follow '=' in a "
                            "'param' declaration");

  std::vector<NameCandidate> candidates = inScope;
  for (const ast::ConstDecl *c : globals.constOrder)
    candidates.push_back({c->name.text, spanOf(c->name)});
  std::vector<std::string> names;
  for (const NameCandidate &c : candidates)
    names.push_back(c.name);
  std::optional<std::string> suggestion = nearestName(name, names);
  std::vector<Note> notes;
  for (const NameCandidate &c : candidates)
    if (suggestion && c.name == *suggestion && c.decl) {
      notes.push_back({*c.decl, "'" + c.name + "' is declared here"});
      break;
    }
  reporter.error(use, "unknown name '" + name + "'" + didYouMean(suggestion),
                 notes);
}

void reportUnresolvedCallee(const std::string &name, Span use,
                            const Globals &globals, Reporter &reporter) {
  if (auto c = globals.consts.find(name); c != globals.consts.end())
    reporter.error(
        use, "'" + name + "' is a const, not an op",
        {{spanOf(c->second->name), "'" + name + "' is defined here"}});
  if (isInitName(name))
    reporter.error(use, "'" + name +
                            "' is an initializer; it can only follow '=' in a "
                            "'param' declaration");
  std::vector<std::string> names;
  for (const ast::DefDecl *d : globals.defOrder)
    names.push_back(d->name.text);
  for (const std::string &op : opTable().builtinNames())
    names.push_back(op);
  reporter.error(use, "unknown op '" + name + "'" +
                          didYouMean(nearestName(name, names)));
}

void reportCalledLocal(const std::string &name, Span use, Span decl,
                       const Globals &globals, Reporter &reporter) {
  std::vector<Note> notes = {{decl, "'" + name + "' is bound here"}};
  if (isCallable(name, globals))
    reporter.error(use,
                   "'" + name + "' here is a local value that shadows the " +
                       (globals.defs.count(name) ? "def" : "builtin op") +
                       " '" + name + "'; rename the local to call it",
                   notes);
  reporter.error(use, "'" + name + "' is a value, not an op", notes);
}

} // namespace nnc::dsl

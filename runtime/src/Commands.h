//===- Commands.h - The subcommands of a generated executable --*- C++ -*-===//
//
// One file per subcommand (CommandInfo.cpp ... CommandBench.cpp); each
// exports its option table, its help text and its body. The driver parses
// the options and catches the Errors the bodies throw.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_COMMANDS_H
#define NNC_RUNTIME_COMMANDS_H

#include "Options.h"
#include "nnc_model_desc.h"

#include <string>
#include <vector>

namespace nnc {

struct CommandContext {
  const nnc_model_desc &model;
  std::string program; // argv[0]'s basename, for messages
  ParsedOptions options;
};

struct Command {
  const char *name;
  const char *synopsis;    // "[FILES] [--out DIR]"
  const char *summary;     // one line for the command list
  std::string description; // the body of `M CMD --help`
  std::vector<OptionSpec> options;
  int (*run)(const CommandContext &context);
};

Command infoCommand();
Command runCommand();
Command gradCommand();
Command checkCommand();
Command trainCommand();
Command benchCommand();

} // namespace nnc

#endif // NNC_RUNTIME_COMMANDS_H

//===- Driver.cpp - `M <command> [options]` -------------------------------===//
//
// Dispatches to a subcommand and turns every Error into one line on stderr
// and its exit status. Nothing escapes as a crash: even std::bad_alloc from a
// huge but self-consistent file becomes a clean exit 2.
//
//===----------------------------------------------------------------------===//
#include "nnc/Runtime.h"

#include "Commands.h"
#include "Error.h"

#include <cstdio>
#include <cstring>
#include <new>

namespace nnc {

namespace {

std::vector<Command> allCommands() {
  return {infoCommand(),  runCommand(),   gradCommand(),
          checkCommand(), trainCommand(), benchCommand()};
}

std::string baseName(const char *path) {
  const char *slash = std::strrchr(path, '/');
  return slash ? slash + 1 : path;
}

void printUsage(const std::string &program, const nnc_model_desc &model) {
  std::printf("usage: %s <command> [options]\n\n", program.c_str());
  std::printf("Runs the model '%s' compiled by nnc.\n\ncommands:\n",
              model.name ? model.name : "?");
  for (const Command &command : allCommands())
    std::printf("  %-6s %s\n", command.name, command.summary);
  std::printf(
      "\nFILES (run, grad, check, train, bench):\n"
      "  --params W.safetensors  params by name (any subset)\n"
      "  --input NAME=FILE.npy   an input (repeatable)\n"
      "  --seed S                seed of the defaults (default 0): params\n"
      "                          from their init, f32 inputs standard normal,\n"
      "                          i32 inputs uniform in their range\n"
      "\n'%s <command> --help' describes a command's options.\n"
      "exit status: 0 success, 1 a failed check or a failing model run\n"
      "(NaN loss, label out of range), 2 bad usage or a bad file.\n",
      program.c_str());
}

void printCommandHelp(const std::string &program, const Command &command) {
  std::printf("usage: %s %s %s\n\n%s\n", program.c_str(), command.name,
              command.synopsis, command.description.c_str());
  if (!command.options.empty())
    std::printf("\noptions:\n%s", formatOptionsHelp(command.options).c_str());
}

int dispatch(const nnc_model_desc &model, const std::string &program, int argc,
             char **argv) {
  if (argc < 2)
    failUsage("missing command (info, run, grad, check, train, bench; see '" +
              program + " --help')");
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    printUsage(program, model);
    return kExitOk;
  }
  for (Command &command : allCommands()) {
    if (name != command.name)
      continue;
    command.options.push_back({"--help", "", "show this help"});
    CommandContext context{
        model, program,
        parseOptions(program + " " + name, command.options, argc, argv, 2)};
    if (context.options.has("--help")) {
      printCommandHelp(program, command);
      return kExitOk;
    }
    return command.run(context);
  }
  failUsage("unknown command '" + name +
            "' (expected info, run, grad, check, train or bench)");
}

} // namespace

int runMain(const nnc_model_desc &model, int argc, char **argv) {
  std::string program = argc > 0 ? baseName(argv[0]) : "model";
  int status;
  try {
    status = dispatch(model, program, argc, argv);
  } catch (const Error &error) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s\n", program.c_str(), error.what());
    status = error.exitStatus;
  } catch (const std::bad_alloc &) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: out of memory\n", program.c_str());
    status = kExitUsage;
  } catch (const std::exception &error) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: internal: %s\n", program.c_str(),
                 error.what());
    status = kExitUsage;
  }
  if (std::fflush(stdout) != 0 && status == kExitOk) {
    std::fprintf(stderr, "%s: error: cannot write to stdout\n",
                 program.c_str());
    status = kExitUsage;
  }
  return status;
}

} // namespace nnc

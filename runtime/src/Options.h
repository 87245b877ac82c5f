//===- Options.h - Command line options of a subcommand --------*- C++ -*-===//
//
// `--name value`, `--name=value` and flags; no positional arguments. An
// unknown option, a missing value or an unparsable number is an Error with
// exit status 2.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_OPTIONS_H
#define NNC_RUNTIME_OPTIONS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nnc {

struct OptionSpec {
  std::string name;      // "--lr"
  std::string valueName; // "LR"; empty for a flag
  std::string help;
  bool repeatable = false;
};

class ParsedOptions {
public:
  bool has(const std::string &name) const { return values_.count(name) != 0; }
  /// The value of a single-valued option ("" for a flag).
  const std::string &get(const std::string &name) const;
  const std::vector<std::string> &getAll(const std::string &name) const;

  std::string getString(const std::string &name,
                        const std::string &fallback) const;
  /// A finite number; Error naming the option otherwise.
  double getDouble(const std::string &name, double fallback) const;
  /// An integer in [minimum, maximum].
  int64_t getInt(const std::string &name, int64_t fallback, int64_t minimum,
                 int64_t maximum) const;
  uint64_t getSeed(const std::string &name) const;

  std::map<std::string, std::vector<std::string>> values_;
};

/// Parses argv[first..argc) against `specs`; `command` names the subcommand
/// in error messages.
ParsedOptions parseOptions(const std::string &command,
                           const std::vector<OptionSpec> &specs, int argc,
                           char **argv, int first);

/// One line per option, aligned, for --help.
std::string formatOptionsHelp(const std::vector<OptionSpec> &specs);

} // namespace nnc

#endif // NNC_RUNTIME_OPTIONS_H

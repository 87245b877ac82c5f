//===- Options.cpp - Command line options of a subcommand -----------------===//
#include "Options.h"

#include "Error.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace nnc {

const std::string &ParsedOptions::get(const std::string &name) const {
  return values_.at(name).back();
}

const std::vector<std::string> &
ParsedOptions::getAll(const std::string &name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

std::string ParsedOptions::getString(const std::string &name,
                                     const std::string &fallback) const {
  return has(name) ? get(name) : fallback;
}

double ParsedOptions::getDouble(const std::string &name,
                                double fallback) const {
  if (!has(name))
    return fallback;
  const std::string &text = get(name);
  char *end = nullptr;
  errno = 0;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(value))
    failUsage(name + ": expected a number, got '" + text + "'");
  return value;
}

int64_t ParsedOptions::getInt(const std::string &name, int64_t fallback,
                              int64_t minimum, int64_t maximum) const {
  if (!has(name))
    return fallback;
  const std::string &text = get(name);
  char *end = nullptr;
  errno = 0;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0)
    failUsage(name + ": expected an integer, got '" + text + "'");
  if (value < minimum || value > maximum)
    failUsage(name + ": " + text + " is out of range [" +
              std::to_string(minimum) + ", " + std::to_string(maximum) + "]");
  return value;
}

uint64_t ParsedOptions::getSeed(const std::string &name) const {
  if (!has(name))
    return 0;
  const std::string &text = get(name);
  char *end = nullptr;
  errno = 0;
  unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno != 0)
    failUsage(name + ": expected a non-negative integer, got '" + text + "'");
  return value;
}

ParsedOptions parseOptions(const std::string &command,
                           const std::vector<OptionSpec> &specs, int argc,
                           char **argv, int first) {
  ParsedOptions parsed;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (arg == "-h") {
        parsed.values_["--help"].push_back("");
        continue;
      }
      failUsage("'" + command + "': unexpected argument '" + arg + "' (see '" +
                command + " --help')");
    }
    std::string name = arg, value;
    bool hasInlineValue = false;
    size_t equals = arg.find('=');
    if (equals != std::string::npos) {
      name = arg.substr(0, equals);
      value = arg.substr(equals + 1);
      hasInlineValue = true;
    }
    const OptionSpec *spec = nullptr;
    for (const OptionSpec &candidate : specs)
      if (candidate.name == name)
        spec = &candidate;
    if (!spec)
      failUsage("'" + command + "': unknown option '" + name + "' (see '" +
                command + " --help')");
    if (spec->valueName.empty()) {
      if (hasInlineValue)
        failUsage(name + " takes no value");
    } else if (!hasInlineValue) {
      if (i + 1 >= argc)
        failUsage(name + " needs a value " + spec->valueName);
      value = argv[++i];
    }
    std::vector<std::string> &slot = parsed.values_[name];
    if (!slot.empty() && !spec->repeatable && !spec->valueName.empty())
      failUsage(name + " given twice");
    slot.push_back(value);
  }
  return parsed;
}

std::string formatOptionsHelp(const std::vector<OptionSpec> &specs) {
  size_t width = 0;
  std::vector<std::string> heads;
  for (const OptionSpec &spec : specs) {
    std::string head = spec.name;
    if (!spec.valueName.empty())
      head += " " + spec.valueName;
    width = std::max(width, head.size());
    heads.push_back(head);
  }
  std::string text;
  for (size_t i = 0; i < specs.size(); ++i)
    text += "  " + heads[i] + std::string(width - heads[i].size() + 2, ' ') +
            specs[i].help + "\n";
  return text;
}

} // namespace nnc

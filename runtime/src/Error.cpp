//===- Error.cpp - The runtime's one way to fail --------------------------===//
#include "Error.h"

namespace nnc {

void failUsage(const std::string &message) { throw Error(kExitUsage, message); }

void failFile(const std::string &path, const std::string &problem) {
  throw Error(kExitUsage, path + ": " + problem);
}

void failCheck(const std::string &message) {
  throw Error(kExitCheckFailed, message);
}

} // namespace nnc

//===- Error.h - The runtime's one way to fail -----------------*- C++ -*-===//
//
// Every failure the user can cause becomes an `Error` carrying the exit
// status and one line of text; `runMain` prints it and exits. Nothing below
// the driver prints errors or calls exit().
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_ERROR_H
#define NNC_RUNTIME_ERROR_H

#include <stdexcept>
#include <string>

namespace nnc {

/// Exit statuses of TOOLS.md section 3.
enum ExitStatus { kExitOk = 0, kExitCheckFailed = 1, kExitUsage = 2 };

class Error : public std::runtime_error {
public:
  Error(int exitStatus, const std::string &message)
      : std::runtime_error(message), exitStatus(exitStatus) {}
  int exitStatus;
};

/// Bad usage or a bad file: exit status 2.
[[noreturn]] void failUsage(const std::string &message);
/// A problem in the file at `path`: exit status 2, message "path: problem".
[[noreturn]] void failFile(const std::string &path, const std::string &problem);
/// A failed check or a failing model: exit status 1.
[[noreturn]] void failCheck(const std::string &message);

} // namespace nnc

#endif // NNC_RUNTIME_ERROR_H

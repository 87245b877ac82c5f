//===- CommandBench.cpp - `M bench` ---------------------------------------===//
//
// Times the forward call and the backward (forward + gradients) call and
// prints exactly one JSON line on stdout:
//   {"model":"M","threads":T,"forward_us":{"min":..,"median":..},
//    "backward_us":{"min":..,"median":..},"forward_gflops":..}
// (backward_us omitted without a loss; forward_gflops from the median).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Error.h"
#include "ModelFiles.h"
#include "Threads.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

namespace nnc {

namespace {

struct Timing {
  double min, median;
};

/// Untimed calls before measuring: `warmup` of them, and at least
/// kMinWarmupSeconds' worth. The first calls pay for OpenMP's thread start,
/// page faults of the buffers and cold clocks; a few are not enough for
/// small models (a 10 us model measured 82 us after 3 warm-up calls).
constexpr double kMinWarmupSeconds = 0.2;

template <typename Call>
Timing timeCalls(Call call, int64_t warmup, std::vector<double> &samples) {
  auto begin = std::chrono::steady_clock::now();
  for (int64_t i = 0;
       i < warmup ||
       std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
               .count() < kMinWarmupSeconds;
       ++i)
    call();
  for (double &sample : samples) {
    auto start = std::chrono::steady_clock::now();
    call();
    sample = std::chrono::duration<double, std::micro>(
                 std::chrono::steady_clock::now() - start)
                 .count();
  }
  std::sort(samples.begin(), samples.end());
  size_t n = samples.size();
  double median =
      n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
  return {samples.front(), median};
}

/// JSON has no NaN or infinity; the timings are never negative.
std::string jsonNumber(double value) {
  if (!std::isfinite(value))
    value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

std::string jsonString(const std::string &text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", c);
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

int runBench(const CommandContext &context) {
  const ParsedOptions &options = context.options;
  ModelInstance model(context.model);
  int64_t iters = options.getInt("--iters", 20, 1, 10000000);
  int64_t warmup = options.getInt("--warmup", 3, 0, 100000000);
  int requestedThreads =
      static_cast<int>(options.getInt("--threads", 0, 1, 4096));
  if (requestedThreads > 0)
    setThreadCount(requestedThreads);
  // Without OpenMP linked in (a model with no parallel loop), any count is
  // trivially in effect: report the one asked for.
  int threads = haveOpenMP()       ? threadCount()
                : requestedThreads ? requestedThreads
                                   : 1;
  loadModelValues(model, options);

  // A failing call (bad label) would make the timings meaningless.
  model.forward();
  std::vector<double> samples(static_cast<size_t>(iters));
  Timing forward = timeCalls([&] { model.callForward(); }, warmup, samples);
  std::string json = "{\"model\":" + jsonString(model.name()) +
                     ",\"threads\":" + std::to_string(threads) +
                     ",\"forward_us\":{\"min\":" + jsonNumber(forward.min) +
                     ",\"median\":" + jsonNumber(forward.median) + "}";
  if (model.hasBackward()) {
    model.backward();
    Timing backward = timeCalls([&] { model.callBackward(); }, warmup, samples);
    json += ",\"backward_us\":{\"min\":" + jsonNumber(backward.min) +
            ",\"median\":" + jsonNumber(backward.median) + "}";
  }
  double gflops = forward.median > 0
                      ? context.model.forward.flops / (forward.median * 1e3)
                      : 0;
  json += ",\"forward_gflops\":" + jsonNumber(gflops) + "}";
  std::printf("%s\n", json.c_str());
  return 0;
}

} // namespace

Command benchCommand() {
  std::vector<OptionSpec> options = fileOptionSpecs();
  options.push_back(
      {"--iters", "N", "timed calls of each function (default 20)"});
  options.push_back({"--warmup", "W",
                     "untimed calls first (default 3, and at least 0.2 s "
                     "of calls)"});
  options.push_back({"--threads", "T",
                     "OpenMP threads (default: OMP_NUM_THREADS or all "
                     "cores)"});
  return {
      "bench",
      "[FILES] [--iters N] [--warmup W] [--threads T]",
      "time forward and backward, print one JSON line",
      "Times N calls of the forward function and N calls of the backward "
      "function\n(forward + gradients, only when the model has a loss) "
      "after W warm-up calls\neach, and prints one JSON line on stdout:\n"
      "  {\"model\":\"M\",\"threads\":T,\"forward_us\":{\"min\":..,"
      "\"median\":..},\n   \"backward_us\":{\"min\":..,\"median\":..},"
      "\"forward_gflops\":..}\n"
      "Times are microseconds per call; forward_gflops is the "
      "descriptor's forward\nFLOPs divided by the median forward time. "
      "threads is the OpenMP thread count\nin effect (without OpenMP linked "
      "in: --threads, else 1).",
      options,
      runBench};
}

} // namespace nnc

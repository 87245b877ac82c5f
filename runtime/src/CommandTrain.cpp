//===- CommandTrain.cpp - `M train` ---------------------------------------===//
//
// The training loop: fill the inputs (a batch of --data, or the fixed
// FILES/defaults), forward + backward, stop on a non-finite loss or
// gradient, clip by global norm, update. Every buffer exists before the
// first step; the loop allocates nothing.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Dataset.h"
#include "Error.h"
#include "FileIO.h"
#include "Format.h"
#include "ModelFiles.h"
#include "Optimizer.h"
#include "Threads.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace nnc {

namespace {

using Clock = std::chrono::steady_clock;

OptimizerConfig optimizerConfig(const ParsedOptions &options) {
  OptimizerConfig config;
  std::string kind = options.getString("--optimizer", "sgd");
  if (kind == "sgd")
    config.kind = OptimizerConfig::Kind::Sgd;
  else if (kind == "adam")
    config.kind = OptimizerConfig::Kind::Adam;
  else
    failUsage("--optimizer: expected sgd or adam, got '" + kind + "'");
  if (!options.has("--lr"))
    failUsage("train needs --lr LR (the learning rate)");
  config.learningRate = options.getDouble("--lr", 0);
  config.momentum = options.getDouble("--momentum", 0);
  config.weightDecay = options.getDouble("--weight-decay", 0);
  config.beta1 = options.getDouble("--beta1", config.beta1);
  config.beta2 = options.getDouble("--beta2", config.beta2);
  config.epsilon = options.getDouble("--adam-eps", config.epsilon);
  config.clipNorm = options.getDouble("--clip-norm", 0);
  if (options.has("--clip-norm") && config.clipNorm <= 0)
    failUsage("--clip-norm must be positive");
  if (config.momentum != 0 && config.kind == OptimizerConfig::Kind::Adam)
    failUsage("--momentum applies to sgd only (adam has --beta1)");
  return config;
}

std::string formatDuration(double seconds) {
  char text[32];
  if (seconds < 60)
    std::snprintf(text, sizeof text, "%.0fs", seconds);
  else if (seconds < 3600)
    std::snprintf(text, sizeof text, "%dm%02ds", int(seconds / 60),
                  int(seconds) % 60);
  else
    std::snprintf(text, sizeof text, "%dh%02dm", int(seconds / 3600),
                  int(seconds / 60) % 60);
  return text;
}

int runTrain(const CommandContext &context) {
  const ParsedOptions &options = context.options;
  ModelInstance model(context.model);
  model.requireBackward("so it cannot be trained");
  if (!options.has("--steps"))
    failUsage("train needs --steps N");
  int64_t steps = options.getInt("--steps", 0, 0, int64_t(1) << 40);
  OptimizerConfig config = optimizerConfig(options);
  if (options.has("--threads"))
    setThreadCount(static_cast<int>(options.getInt("--threads", 1, 1, 4096)));
  loadModelValues(model, options);
  uint64_t seed = options.getSeed("--seed");

  std::unique_ptr<Dataset> dataset;
  std::unique_ptr<BatchSchedule> schedule;
  if (options.has("--data")) {
    dataset = std::make_unique<Dataset>(model, options.get("--data"));
    schedule = std::make_unique<BatchSchedule>(
        dataset->numSamples(), dataset->batchSize(),
        options.has("--batch-shuffle"), seed);
    std::printf("data: %lld samples of %s from %s, %lld per step\n",
                static_cast<long long>(dataset->numSamples()),
                dataset->describeInputs(model).c_str(),
                options.get("--data").c_str(),
                static_cast<long long>(dataset->batchSize()));
  }
  std::unique_ptr<OutputFile> log;
  if (options.has("--log")) {
    log = std::make_unique<OutputFile>(options.get("--log"));
    log->write("step,loss,grad_norm\n");
  }
  // Check the --save path before spending the time to train.
  if (options.has("--save"))
    checkWritable(options.get("--save"));

  Optimizer optimizer(model, config);
  const bool live = ::isatty(STDOUT_FILENO);
  const int64_t printEvery = std::max<int64_t>(1, steps / 20);
  const auto start = Clock::now();
  double loss = 0, firstLoss = 0, lastReport = 0;
  int64_t clippedSteps = 0;
  char line[256];
  for (int64_t step = 1; step <= steps; ++step) {
    if (dataset)
      dataset->loadBatch(model, schedule->next());
    model.backward();
    loss = model.loss();
    if (step == 1)
      firstLoss = loss;
    double norm = optimizer.gradNorm();
    if (log) {
      int length = std::snprintf(line, sizeof line, "%lld,%.9g,%.9g\n",
                                 static_cast<long long>(step), loss, norm);
      log->write(line, static_cast<size_t>(length));
    }
    if (!std::isfinite(loss) || !std::isfinite(norm)) {
      if (live)
        std::printf("\n");
      if (log)
        log->close();
      failCheck(std::string("training diverged at step ") +
                std::to_string(step) + ": " +
                (std::isfinite(loss) ? "gradient norm" : "loss") + " is " +
                formatNumber(std::isfinite(loss) ? norm : loss) +
                " (lower --lr or use --clip-norm)");
    }
    double scale = clipScale(norm, config.clipNorm);
    clippedSteps += scale < 1.0 ? 1 : 0;
    optimizer.step(scale);

    // A terminal gets a live line ~10 times a second; a log file or pipe
    // about 20 lines in all.
    bool report;
    double elapsed = 0;
    if (live) {
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      report = elapsed - lastReport >= 0.1 || step == steps || step == 1;
      if (report)
        lastReport = elapsed;
    } else {
      report = step % printEvery == 0 || step == steps || step == 1;
      if (report)
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    if (report) {
      double rate = elapsed > 0 ? double(step) / elapsed : 0;
      std::string eta =
          rate > 0 ? formatDuration(double(steps - step) / rate) : "?";
      if (live) {
        std::printf("\rstep %lld/%lld  loss %.6g  %.1f steps/s  ETA %s   ",
                    static_cast<long long>(step), static_cast<long long>(steps),
                    loss, rate, eta.c_str());
        if (step == steps)
          std::printf("\n");
      } else {
        std::printf("step %lld/%lld loss %.6g grad_norm %.4g %.1f steps/s\n",
                    static_cast<long long>(step), static_cast<long long>(steps),
                    loss, norm, rate);
      }
      std::fflush(stdout);
    }
  }
  if (log)
    log->close();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (config.clipNorm > 0)
    std::printf("clipped %lld of %lld steps to norm %s\n",
                static_cast<long long>(clippedSteps),
                static_cast<long long>(steps),
                formatNumber(config.clipNorm).c_str());
  if (steps > 0)
    std::printf("final loss %s (first %s) after %lld steps in %.2fs\n",
                formatNumber(loss, 8).c_str(),
                formatNumber(firstLoss, 8).c_str(),
                static_cast<long long>(steps), seconds);
  if (options.has("--save")) {
    saveParams(model, options.get("--save"));
    std::printf("saved params to %s\n", options.get("--save").c_str());
  }
  return 0;
}

} // namespace

Command trainCommand() {
  std::vector<OptionSpec> options = fileOptionSpecs();
  options.push_back({"--steps", "N", "number of updates (required)"});
  options.push_back({"--lr", "LR", "learning rate (required)"});
  options.push_back({"--clip-norm", "C",
                     "when the global L2 norm ||g|| of all param gradients "
                     "exceeds C, scale them by C/||g||"});
  options.push_back({"--data", "DIR",
                     "train on DIR/<input>.npy (sample axis first), cycling "
                     "through it in batches"});
  options.push_back({"--batch-shuffle", "",
                     "with --data: visit the samples in a random order, "
                     "reshuffled every pass"});
  options.push_back({"--optimizer", "sgd|adam", "update rule (default sgd)"});
  options.push_back({"--momentum", "M", "sgd momentum (default 0)"});
  options.push_back({"--weight-decay", "WD",
                     "L2 penalty added to the gradient as WD * param "
                     "(default 0)"});
  options.push_back({"--beta1", "B1", "adam: first moment decay (0.9)"});
  options.push_back({"--beta2", "B2", "adam: second moment decay (0.999)"});
  options.push_back({"--adam-eps", "E", "adam: denominator epsilon (1e-8)"});
  options.push_back({"--threads", "T",
                     "OpenMP threads (default: OMP_NUM_THREADS or all "
                     "cores)"});
  options.push_back({"--save", "W.safetensors",
                     "write the trained params (loadable with --params)"});
  options.push_back({"--log", "LOSS.csv",
                     "write step,loss,grad_norm per step (the loss and "
                     "unclipped norm before that step's update)"});
  return {"train",
          "[FILES] --steps N --lr LR [--clip-norm C] [--data DIR] "
          "[--save W.safetensors] [--log LOSS.csv]",
          "train the params with SGD or Adam",
          "Each step runs forward + backward on the inputs (the next batch "
          "of --data, else\nthe FILES or defaults), clips the gradient by "
          "global norm when asked, and\nupdates every param. Shows a live "
          "progress line on a terminal, plain lines\n(about 20) otherwise; "
          "prints the final loss (the loss of the last step,\nbefore its "
          "update). A NaN or infinite loss or gradient stops training with\n"
          "exit status 1.\n"
          "\n--data DIR batching: a file shaped [S] + input shape gives one "
          "sample per step;\na file shaped like the input with one axis b "
          "replaced by a leading sample\naxis S gives input.shape[b] "
          "consecutive samples per step, stacked along b\n(x[N,C,H,W] <- "
          "[S,C,H,W]; ids[T,B] <- [S,T]). All files hold S samples and\n"
          "every input takes the same sample indices, wrapping around at "
          "the end.",
          options,
          runTrain};
}

} // namespace nnc

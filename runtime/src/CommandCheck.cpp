//===- CommandCheck.cpp - `M check` ---------------------------------------===//
//
// Compares every gradient of the backward function with central finite
// differences of the loss computed by the forward function.
//
// Float32 makes this delicate; the choices:
//  - step h = eps * max(1, |x|), the perturbed value rounded to float and the
//    step actually taken used in the quotient;
//  - relative error max(0, |fd - an| - noise) / max(|fd|, |an|, floor):
//    noise = kNoiseUlps * FLT_EPSILON * |loss| / 2h is what float32 rounding
//    of the two losses can do to fd; floor = 1e-3 * max|an| over the tensor
//    (tiny entries of a tensor with large ones are not judged on their own
//    scale);
//  - kinks (relu, max pooling): when the two one-sided differences disagree
//    and the analytic gradient matches one of them, the element sits within
//    h of a kink; it is skipped and counted instead of failing;
//  - up to --samples elements per tensor, deterministic from --seed, always
//    including the largest analytic entry (so a scaled gradient is seen).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Error.h"
#include "Format.h"
#include "ModelFiles.h"
#include "Random.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace nnc {

namespace {

constexpr double kDefaultEps = 1e-3;
constexpr double kDefaultTol = 1e-2;
constexpr int64_t kDefaultSamples = 64;
constexpr double kNoiseUlps = 8;
constexpr double kRelativeFloor = 1e-3;

struct TensorCheck {
  double maxError = 0;
  double maxRawError = 0; // without the noise allowance, for information
  int64_t worstElement = -1;
  int64_t checked = 0, kinks = 0;
  // When the whole tensor is below the noise, the check says little.
  bool belowNoise = true;
};

std::vector<int64_t> chooseElements(const float *analytic, int64_t numel,
                                    int64_t samples, uint64_t seed,
                                    const std::string &name) {
  std::vector<int64_t> elements;
  if (numel <= samples) {
    for (int64_t i = 0; i < numel; ++i)
      elements.push_back(i);
    return elements;
  }
  int64_t largest = 0;
  for (int64_t i = 1; i < numel; ++i)
    if (std::fabs(analytic[i]) > std::fabs(analytic[largest]))
      largest = i;
  std::unordered_set<int64_t> chosen{largest};
  elements.push_back(largest);
  Random random = Random::forName(seed, "check:" + name);
  while (static_cast<int64_t>(elements.size()) < samples) {
    int64_t i = static_cast<int64_t>(random.below(numel));
    if (chosen.insert(i).second)
      elements.push_back(i);
  }
  std::sort(elements.begin(), elements.end());
  return elements;
}

TensorCheck checkGradient(ModelInstance &model, int gradIndex, bool verbose,
                          double eps, double tol, int64_t samples,
                          uint64_t seed, double baseLoss) {
  const nnc_tensor_desc &grad = model.tensor(gradIndex);
  float *values = model.f32(grad.grad_of);
  const float *analytic = model.f32(gradIndex);
  double maxAnalytic = 0;
  for (int64_t i = 0; i < grad.numel; ++i)
    maxAnalytic = std::max(maxAnalytic, double(std::fabs(analytic[i])));

  TensorCheck result;
  for (int64_t i :
       chooseElements(analytic, grad.numel, samples, seed, grad.name)) {
    const float original = values[i];
    const double h = eps * std::max(1.0, std::fabs(double(original)));
    const float plus = float(original + h), minus = float(original - h);
    values[i] = plus;
    model.forward();
    double lossPlus = model.loss();
    values[i] = minus;
    model.forward();
    double lossMinus = model.loss();
    values[i] = original;
    double stepPlus = double(plus) - original;
    double stepMinus = original - double(minus);

    double an = analytic[i];
    double fd = (lossPlus - lossMinus) / (stepPlus + stepMinus);
    // The loss is a float32: each evaluation is off by a few ulps, which the
    // quotient magnifies by 1/h. Differences below that are noise, not error.
    double noise =
        kNoiseUlps * FLT_EPSILON * std::fabs(baseLoss) / (stepPlus + stepMinus);
    double scale = std::max(
        {std::fabs(fd), std::fabs(an), kRelativeFloor * maxAnalytic, 1e-30});
    double rawError = std::fabs(fd - an) / scale;
    double error = std::max(0.0, std::fabs(fd - an) - noise) / scale;
    result.belowNoise = result.belowNoise && maxAnalytic < 2 * noise;
    if (verbose)
      std::printf("  %s[%lld]: analytic %.9g, finite difference %.9g, noise "
                  "%.3g, rel error %.3g\n",
                  grad.name, static_cast<long long>(i), an, fd, noise, error);
    if (!(error <= tol) && std::isfinite(an)) {
      // Near a kink the one-sided differences disagree and the analytic
      // gradient (the derivative on x's side) matches one of them; a wrong
      // gradient on a smooth stretch matches neither.
      double right = (lossPlus - baseLoss) / stepPlus;
      double left = (baseLoss - lossMinus) / stepMinus;
      double sideGap = std::fabs(right - left);
      bool sidesDisagree =
          sideGap >
          4 * noise + tol * std::max(std::fabs(right), std::fabs(left));
      bool matchesOneSide = std::min(std::fabs(an - right),
                                     std::fabs(an - left)) < 0.25 * sideGap;
      if (sidesDisagree && matchesOneSide) {
        ++result.kinks;
        continue;
      }
    }
    ++result.checked;
    if (std::isnan(rawError) || rawError > result.maxRawError)
      result.maxRawError = rawError;
    if (std::isnan(error) || error > result.maxError) {
      result.maxError = error;
      result.worstElement = i;
    }
  }
  if (result.checked == 0 && result.kinks == 0)
    result.belowNoise = false;
  return result;
}

int runCheck(const CommandContext &context) {
  ModelInstance model(context.model);
  if (!model.hasBackward())
    failUsage("model '" + model.name() +
              "' has no loss, so no gradients to check");
  const ParsedOptions &options = context.options;
  double eps = options.getDouble("--eps", kDefaultEps);
  double tol = options.getDouble("--tol", kDefaultTol);
  int64_t samples =
      options.getInt("--samples", kDefaultSamples, 1, int64_t(1) << 40);
  if (eps <= 0 || tol <= 0)
    failUsage("--eps and --tol must be positive");
  loadModelValues(model, options);
  uint64_t seed = options.getSeed("--seed");

  model.backward();
  double backwardLoss = model.loss();
  model.forward();
  double forwardLoss = model.loss();
  const char *lossName = model.tensor(model.lossIndex()).name;
  double lossGap =
      std::fabs(forwardLoss - backwardLoss) /
      std::max({std::fabs(forwardLoss), std::fabs(backwardLoss), 1e-30});
  bool lossOk = lossGap <= 1e-4 || forwardLoss == backwardLoss;
  std::printf("loss %s: forward %s, backward %s%s\n", lossName,
              formatNumber(forwardLoss, 8).c_str(),
              formatNumber(backwardLoss, 8).c_str(),
              lossOk ? "" : "  MISMATCH");
  if (!std::isfinite(forwardLoss))
    failCheck("the loss is not finite (" + formatNumber(forwardLoss) +
              "), cannot check gradients");

  int failures = lossOk ? 0 : 1;
  int64_t totalKinks = 0;
  for (int gradIndex : model.withRole(NNC_ROLE_GRAD)) {
    const nnc_tensor_desc &grad = model.tensor(gradIndex);
    TensorCheck result =
        checkGradient(model, gradIndex, options.has("--verbose"), eps, tol,
                      samples, seed, forwardLoss);
    bool ok = result.maxError <= tol;
    failures += ok ? 0 : 1;
    totalKinks += result.kinks;
    std::string where =
        result.worstElement >= 0
            ? " at element " + std::to_string(result.worstElement)
            : "";
    std::printf("%s: max rel error %s%s (raw %s; %lld of %lld elements, "
                "%lld skipped at kinks) %s%s\n",
                grad.name, formatNumber(result.maxError, 3).c_str(),
                where.c_str(), formatNumber(result.maxRawError, 3).c_str(),
                static_cast<long long>(result.checked),
                static_cast<long long>(grad.numel),
                static_cast<long long>(result.kinks), ok ? "ok" : "FAIL",
                result.belowNoise ? " (gradient below the float32 noise of "
                                    "the loss: try a larger --eps)"
                                  : "");
  }
  if (failures) {
    std::printf("FAIL: %d over tolerance %s (eps %s)\n", failures,
                formatNumber(tol).c_str(), formatNumber(eps).c_str());
    return kExitCheckFailed;
  }
  std::printf("PASS (tolerance %s, eps %s, %lld elements skipped at kinks)\n",
              formatNumber(tol).c_str(), formatNumber(eps).c_str(),
              static_cast<long long>(totalKinks));
  return 0;
}

} // namespace

Command checkCommand() {
  std::vector<OptionSpec> options = fileOptionSpecs();
  options.push_back({"--eps", "E",
                     "finite-difference step, relative: h = E * max(1, |x|) "
                     "(default 1e-3)"});
  options.push_back(
      {"--tol", "T", "largest accepted relative error (default 1e-2)"});
  options.push_back({"--samples", "N",
                     "elements checked per gradient tensor (default 64; all "
                     "of a smaller tensor)"});
  options.push_back({"--verbose", "",
                     "print every checked element (analytic, finite "
                     "difference, error)"});
  return {"check",
          "[FILES] [--eps E] [--tol T] [--samples N]",
          "finite-difference check of every gradient",
          "Compares each gradient of the backward function with central "
          "finite differences\nof the loss (through the forward function): "
          "(L(x+h) - L(x-h)) / 2h per element.\nPrints the largest relative "
          "error per gradient tensor, then PASS or FAIL;\nexits 1 when one is "
          "over the tolerance or the forward and backward losses\ndiffer.\n"
          "\nrelative error = max(0, |fd - an| - noise) / max(|fd|, |an|, "
          "1e-3 * max|an|),\nwhere noise = 8 * FLT_EPSILON * |loss| / 2h is "
          "the float32 rounding of the\nloss magnified by the quotient and "
          "max|an| is over the whole tensor\n(\"raw\" is the same without "
          "subtracting the noise).\nElements within h of a "
          "kink (relu, max pooling: the one-sided differences disagree\nand "
          "the analytic gradient matches one of them) are skipped and "
          "counted.\nSampled elements are chosen from --seed and always "
          "include the largest gradient.",
          options,
          runCheck};
}

} // namespace nnc

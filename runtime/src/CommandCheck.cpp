//===- CommandCheck.cpp - `M check` ---------------------------------------===//
//
// Compares every gradient of the backward function with central finite
// differences of the loss computed by the forward function.
//
// By default the differences are directional (as JAX's check_grads): the
// loss is differenced along a few unit directions v of the whole tensor,
// L(x + h v) - L(x - h v), and compared with the change the gradient
// predicts, g . (step actually taken). The first direction is the computed
// gradient itself, so any scaling error shows in full; the others are
// random, for errors in other directions. Summing over the tensor gives a
// signal far above float32 noise, and a few ReLU or max-pool kinks crossed
// by a small step barely move it, where per-element differences of a
// float32 loss are dominated by both.
//
// The float32 noise of the loss, N, is measured per tensor: the largest
// second difference L(x + d) - 2 L(x) + L(x - d) over a few random steps d
// of 1e-6 relative, where curvature vanishes and only rounding is left, and
// at least 8 * FLT_EPSILON * |loss|. (A loss summing large cancelling terms
// is far noisier than its own magnitude says.)
//
// `--elementwise` differences single elements instead; the choices there:
//  - step h = eps * max(1, |x|), the perturbed value rounded to float and the
//    step actually taken used in the quotient;
//  - relative error max(0, |fd - an| - noise) / max(|fd|, |an|, floor):
//    noise = 2N / 2h is what float32 rounding of the two losses can do to
//    fd; floor = 1e-3 * max|an| over the tensor (tiny entries of a tensor
//    with large ones are not judged on their own scale);
//  - over tolerance, the step is shortened (up to 3 times by 8) while the
//    noise stays below a quarter of what the tolerance must resolve;
//  - kinks (relu, max pooling): when the two one-sided differences disagree
//    and the analytic gradient matches one of them, the element sits within
//    h of a kink; it is skipped and counted instead of failing;
//  - up to --samples elements per tensor, deterministic from --seed, always
//    including the largest analytic entry (so a scaled gradient is seen).
// A tensor of which nothing could be checked (every step crossed a kink)
// fails.
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
/// Directional differences of a float32 loss still cross a few kinks: on
/// LeNet the worst correct gradient over 31 seeds was 0.024, while any
/// gradient rule scaled by 1.5 shows 0.32.
constexpr double kDefaultDirectionalTol = 5e-2;
constexpr int64_t kDefaultSamples = 64;
constexpr int64_t kDefaultDirections = 3;
/// The loss change, relative to |loss|, the directional step aims for.
constexpr double kTargetChange = 1e-4;
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

/// The step bound per element of a tensor, eps * max(1, rms(x)): relative
/// to the tensor's scale, as for a single element eps * max(1, |x|).
double stepPerElement(const float *values, int64_t n, double eps) {
  double sumSquares = 0;
  for (int64_t i = 0; i < n; ++i)
    sumSquares += double(values[i]) * values[i];
  return eps * std::max(1.0, std::sqrt(sumSquares / double(n)));
}

/// How much float32 rounding moves the loss when `values` change: the
/// second difference L(x + d) - 2 L(x) + L(x - d) along a few random steps d
/// of about 1e-6 relative per element, where the curvature contributes
/// nothing and what is left is rounding. A loss that is a small sum of
/// large cancelling terms is much noisier than FLT_EPSILON * |loss|.
double measureLossNoise(ModelInstance &model, float *values, int64_t n,
                        double perElement, double baseLoss,
                        const std::string &name, uint64_t seed) {
  std::vector<float> original(values, values + n);
  Random random = Random::forName(seed, "check-noise:" + name);
  std::vector<double> v(n);
  double worst = 0;
  for (int probe = 0; probe < 3; ++probe) {
    for (int64_t i = 0; i < n; ++i)
      v[i] = random.normal();
    double losses[2];
    for (int side = 0; side < 2; ++side) {
      double sign = side ? -1.0 : 1.0;
      for (int64_t i = 0; i < n; ++i)
        values[i] = float(original[i] + sign * 1e-3 * perElement * v[i]);
      model.forward();
      losses[side] = model.loss();
    }
    worst = std::max(worst, std::fabs(losses[0] + losses[1] - 2 * baseLoss));
  }
  std::copy(original.begin(), original.end(), values);
  return std::max(worst, kNoiseUlps * FLT_EPSILON * std::fabs(baseLoss));
}

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

  const double lossNoise = measureLossNoise(
      model, values, grad.numel, stepPerElement(values, grad.numel, eps),
      baseLoss, grad.name, seed);
  const double floor = kRelativeFloor * maxAnalytic;

  TensorCheck result;
  for (int64_t i :
       chooseElements(analytic, grad.numel, samples, seed, grad.name)) {
    const float original = values[i];
    const double an = analytic[i];
    double lossPlus = 0, lossMinus = 0, stepPlus = 0, stepMinus = 0;
    double fd = 0, noise = 0, error = 0, rawError = 0;
    // Central difference with step h, and its error net of the noise.
    auto difference = [&](double h) {
      const float plus = float(original + h), minus = float(original - h);
      values[i] = plus;
      model.forward();
      lossPlus = model.loss();
      values[i] = minus;
      model.forward();
      lossMinus = model.loss();
      values[i] = original;
      stepPlus = double(plus) - original;
      stepMinus = original - double(minus);
      fd = (lossPlus - lossMinus) / (stepPlus + stepMinus);
      // The loss is a float32: each of the two evaluations is off by up to
      // lossNoise, which the quotient magnifies by 1/2h. Differences below that
      // are noise, not error.
      noise = 2 * lossNoise / (stepPlus + stepMinus);
      double scale = std::max({std::fabs(fd), std::fabs(an), floor, 1e-30});
      rawError = std::fabs(fd - an) / scale;
      error = std::max(0.0, std::fabs(fd - an) - noise) / scale;
    };
    double h = eps * std::max(1.0, std::fabs(double(original)));
    difference(h);
    // Kinks (relu, max pooling) crossed within the step spoil it; shorter
    // steps cross fewer. Shorten while the noise stays well below what the
    // tolerance must resolve, so that no wrong gradient hides in the noise.
    for (int retry = 0; !(error <= tol) && std::isfinite(an) && retry < 3;
         ++retry) {
      double shorter = h / 8;
      double noiseThere = lossNoise / shorter;
      if (noiseThere > 0.25 * tol * std::max(std::fabs(an), floor))
        break;
      h = shorter;
      difference(h);
    }
    result.belowNoise = result.belowNoise && maxAnalytic < 2 * noise;
    // Near a kink the one-sided differences disagree.
    double right = (lossPlus - baseLoss) / stepPlus;
    double left = (baseLoss - lossMinus) / stepMinus;
    if (verbose)
      std::printf("  %s[%lld]: analytic %.9g, finite difference %.9g (step "
                  "%.3g; one-sided %.9g, %.9g), noise %.3g, rel error %.3g\n",
                  grad.name, static_cast<long long>(i), an, fd, h, right, left,
                  noise, error);
    if (!(error <= tol) && std::isfinite(an)) {
      // Near a kink the one-sided differences disagree and the analytic
      // gradient (the derivative on x's side) matches one of them; a wrong
      // gradient on a smooth stretch matches neither.
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

/// Central differences along unit directions of the whole tensor.
TensorCheck checkDirectional(ModelInstance &model, int gradIndex, bool verbose,
                             double eps, double tol, int64_t directions,
                             uint64_t seed, double baseLoss) {
  const nnc_tensor_desc &grad = model.tensor(gradIndex);
  float *values = model.f32(grad.grad_of);
  const float *analytic = model.f32(gradIndex);
  const int64_t n = grad.numel;
  std::vector<float> original(values, values + n);
  double gradNorm = 0;
  for (int64_t i = 0; i < n; ++i)
    gradNorm += double(analytic[i]) * analytic[i];
  gradNorm = std::sqrt(gradNorm);
  const double perElement = stepPerElement(values, n, eps);
  const double noise =
      measureLossNoise(model, values, n, perElement, baseLoss, grad.name, seed);

  TensorCheck result;
  Random random = Random::forName(seed, std::string("check-dir:") + grad.name);
  std::vector<double> v(n);
  std::vector<float> stepped(n);
  for (int64_t d = 0; d < directions; ++d) {
    double norm = 0;
    for (int64_t i = 0; i < n; ++i) {
      v[i] = (d == 0 && gradNorm > 0) ? double(analytic[i]) : random.normal();
      norm += v[i] * v[i];
    }
    norm = std::sqrt(norm);
    if (norm == 0)
      continue;
    // The step length: small enough to stay linear and cross few kinks,
    // large enough that a step along the gradient moves the loss by
    // kTargetChange * |loss|, far above its float32 noise. Every direction
    // takes the same length (errors are relative to |g| |step|); eps bounds
    // it.
    double hMax = perElement * std::sqrt(double(n));
    double target =
        std::max({kTargetChange * std::fabs(baseLoss), 100 * noise, 1e-7});
    double h =
        gradNorm > 0 ? std::clamp(target / gradNorm, hMax * 1e-4, hMax) : hMax;
    double fd = 0, an = 0, stepNorm = 0;
    bool kinked = false;
    // Evaluates the central difference at step h.
    auto difference = [&](double step) {
      double lossPlus = 0, lossMinus = 0;
      an = 0;
      stepNorm = 0;
      for (int sign : {1, -1}) {
        for (int64_t i = 0; i < n; ++i)
          stepped[i] = float(original[i] + sign * step * v[i] / norm);
        std::copy(stepped.begin(), stepped.end(), values);
        model.forward();
        (sign > 0 ? lossPlus : lossMinus) = model.loss();
        // The change the gradient predicts for the step actually taken.
        for (int64_t i = 0; i < n; ++i) {
          double delta = double(stepped[i]) - double(original[i]);
          an += sign * double(analytic[i]) * delta;
          stepNorm += delta * delta;
        }
      }
      fd = lossPlus - lossMinus;
      // A kink (relu, max pooling) crossed within the step makes the two
      // one-sided differences disagree; a smooth loss keeps them equal up to
      // curvature, which is second order in this small step.
      // Only a disagreement needs explaining: at a stationary point (all
      // params zero, say) the curvature term is all there is.
      double asymmetry = std::fabs(lossPlus - 2 * baseLoss + lossMinus);
      bool disagree = std::fabs(fd - an) >
                      2 * noise + tol * std::max(std::fabs(fd), std::fabs(an));
      kinked = disagree && asymmetry > 0.1 * std::fabs(fd) + 4 * noise;
    };
    // A tensor whose gradient is tiny moves the loss by less than its
    // noise: take larger steps until the change is well above it.
    for (int attempt = 0; attempt < 4; ++attempt, h *= 10) {
      difference(h);
      if (std::fabs(an) > 20 * noise || std::fabs(fd) > 20 * noise)
        break;
    }
    // Across a kink, shorter steps cross fewer; give up on the direction
    // (and count it) if the change would sink into the noise first.
    for (int retry = 0; kinked && retry < 6; ++retry) {
      if (std::fabs(an) / 4 < 10 * noise)
        break;
      h /= 4;
      difference(h);
    }
    if (kinked) {
      std::copy(original.begin(), original.end(), values);
      ++result.kinks;
      if (verbose)
        std::printf("  %s direction %lld: skipped, a kink lies within every "
                    "step above the noise\n",
                    grad.name, static_cast<long long>(d));
      continue;
    }
    std::copy(original.begin(), original.end(), values);
    // Relative to the largest change a step of this length can make (the
    // one along the gradient): a random direction nearly orthogonal to the
    // gradient must not turn a tiny absolute error into a large relative one.
    double largest = gradNorm * std::sqrt(stepNorm / 2);
    double scale = std::max({std::fabs(fd), std::fabs(an), largest, 1e-30});
    double rawError = std::fabs(fd - an) / scale;
    double error = std::max(0.0, std::fabs(fd - an) - 2 * noise) / scale;
    bool aboveNoise = std::fabs(an) > 2 * noise || std::fabs(fd) > 2 * noise;
    result.belowNoise = result.belowNoise && !aboveNoise;
    if (verbose)
      std::printf("  %s direction %lld%s: predicted change %.9g, finite "
                  "difference %.9g, rel error %.3g\n",
                  grad.name, static_cast<long long>(d),
                  d == 0 && gradNorm > 0 ? " (the gradient)" : "", an, fd,
                  error);
    ++result.checked;
    if (std::isnan(rawError) || rawError > result.maxRawError)
      result.maxRawError = rawError;
    if (std::isnan(error) || error > result.maxError) {
      result.maxError = error;
      result.worstElement = d;
    }
  }
  if (result.checked == 0)
    result.belowNoise = false;
  return result;
}

int runCheck(const CommandContext &context) {
  ModelInstance model(context.model);
  model.requireBackward("so no gradients to check");
  const ParsedOptions &options = context.options;
  double eps = options.getDouble("--eps", kDefaultEps);
  int64_t samples =
      options.getInt("--samples", kDefaultSamples, 1, int64_t(1) << 40);
  bool elementwise = options.has("--elementwise") || options.has("--samples");
  double tol = options.getDouble("--tol", elementwise ? kDefaultTol
                                                      : kDefaultDirectionalTol);
  int64_t directions =
      options.getInt("--directions", kDefaultDirections, 1, 1000);
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
        elementwise
            ? checkGradient(model, gradIndex, options.has("--verbose"), eps,
                            tol, samples, seed, forwardLoss)
            : checkDirectional(model, gradIndex, options.has("--verbose"), eps,
                               tol, directions, seed, forwardLoss);
    // A tensor whose every step crossed a kink was not checked at all.
    bool unchecked = result.checked == 0 && result.kinks > 0;
    bool ok = result.maxError <= tol && !unchecked;
    failures += ok ? 0 : 1;
    totalKinks += result.kinks;
    const char *belowNoise =
        unchecked ? " (nothing checked: every step crossed a kink; try a "
                    "smaller --eps or more --directions)"
        : result.belowNoise ? " (gradient below the float32 noise of "
                              "the loss: try a larger --eps)"
                            : "";
    if (!elementwise) {
      std::printf("%s: max rel error %s (raw %s; %lld directions, %lld "
                  "skipped at kinks) %s%s\n",
                  grad.name, formatNumber(result.maxError, 3).c_str(),
                  formatNumber(result.maxRawError, 3).c_str(),
                  static_cast<long long>(result.checked),
                  static_cast<long long>(result.kinks), ok ? "ok" : "FAIL",
                  belowNoise);
      continue;
    }
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
                belowNoise);
  }
  if (failures) {
    std::printf("FAIL: %d over tolerance %s (eps %s)\n", failures,
                formatNumber(tol).c_str(), formatNumber(eps).c_str());
    // Per-element differences of a float32 loss cannot step past the dense
    // kinks a conv weight feeds; the directional check can.
    if (elementwise && totalKinks > 0)
      std::printf("note: steps crossed relu/max-pool kinks in this model; "
                  "per-element differences of a float32 loss are unreliable "
                  "there, the default (directional) check is not\n");
    return kExitCheckFailed;
  }
  if (elementwise)
    std::printf("PASS (tolerance %s, eps %s, %lld elements skipped at kinks)\n",
                formatNumber(tol).c_str(), formatNumber(eps).c_str(),
                static_cast<long long>(totalKinks));
  else
    std::printf("PASS (tolerance %s, eps %s, %lld directions per tensor)\n",
                formatNumber(tol).c_str(), formatNumber(eps).c_str(),
                static_cast<long long>(directions));
  return 0;
}

} // namespace

Command checkCommand() {
  std::vector<OptionSpec> options = fileOptionSpecs();
  options.push_back(
      {"--eps", "E",
       "finite-difference step bound, relative: at most E * max(1, |x|) per "
       "element "
       "(default 1e-3)"});
  options.push_back(
      {"--tol", "T",
       "largest accepted relative error (default 5e-2, or 1e-2 with "
       "--elementwise)"});
  options.push_back({"--directions", "D",
                     "directions per gradient tensor (default 3: the "
                     "gradient itself and 2 random ones)"});
  options.push_back({"--elementwise", "",
                     "difference single elements instead of directions"});
  options.push_back({"--samples", "N",
                     "with --elementwise: elements checked per gradient "
                     "tensor (default 64; all of a smaller tensor); implies "
                     "--elementwise"});
  options.push_back({"--verbose", "",
                     "print every checked element (analytic, finite "
                     "difference, error)"});
  return {"check",
          "[FILES] [--eps E] [--tol T] [--samples N]",
          "finite-difference check of every gradient",
          "Compares each gradient of the backward function with central "
          "finite differences\nof the loss (through the forward function). "
          "Prints the largest relative error per\ngradient tensor, then PASS "
          "or FAIL; exits 1 when one is over the tolerance or\nthe forward "
          "and backward losses differ.\n\n"
          "Default (directional): along unit directions v of the whole "
          "tensor (the computed\ngradient, then random ones), "
          "L(x + h v) - L(x - h v) against the change the\ngradient predicts "
          "for the step taken; h makes the change along the gradient\n"
          "about 1e-4 |loss|, at most E * max(1, rms(x)) * sqrt(numel).\n"
          "relative error = max(0, |fd - an| - 2 noise) / max(|fd|, |an|, "
          "|g| |step|), "
          "noise N = the loss's float32 rounding,\nmeasured (at least 8 * "
          "FLT_EPSILON * |loss|).\n\n--elementwise: "
          "(L(x+h) - L(x-h)) / 2h per element; relative error = max(0, |fd - "
          "an| - noise) / max(|fd|, |an|, "
          "1e-3 * max|an|),\nwhere noise = 2N / 2h is "
          "the float32 rounding of the\nlosses magnified by the quotient and "
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

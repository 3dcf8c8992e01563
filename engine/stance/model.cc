#include "stance/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "stance/text_analysis.h"

namespace quotedb::stance {

void FeatureVector::Add(std::string_view name, float value) {
  AddHashed(HashString(name), value);
}

void FeatureVector::Add(std::string_view name, std::string_view suffix, float value) {
  AddHashed(HashString(suffix, HashString(name)), value);
}

void FeatureVector::AddHashed(uint64_t hash, float value) {
  // Fold the high bits in so that every bit of the hash matters to the slot.
  uint32_t slot = static_cast<uint32_t>((hash ^ (hash >> 29) ^ (hash >> 47)) & (kFeatureSlots - 1));
  features_.push_back({slot, value});
}

void FeatureVector::AddBins(std::string_view name, double value,
                            const std::vector<double>& thresholds) {
  for (size_t i = 0; i < thresholds.size(); ++i) {
    if (value < thresholds[i]) break;
    AddHashed(HashString(std::to_string(i), HashString(name)), 1.0f);
  }
}

LinearModel::LinearModel(int classes)
    : classes_(classes), bias_(classes, 0.0f), w_(static_cast<size_t>(kFeatureSlots) * classes) {}

LinearModel::LinearModel(int classes, const float* bias, const WeightRow* rows, size_t n_rows)
    : LinearModel(classes) {
  for (int k = 0; k < classes; ++k) bias_[k] = bias[k];
  for (size_t r = 0; r < n_rows; ++r) {
    for (int k = 0; k < classes; ++k) w_[static_cast<size_t>(rows[r].slot) * classes + k] = rows[r].w[k];
  }
}

void LinearModel::Predict(const FeatureVector& x, float* probs) const {
  double z[kMaxClasses] = {};
  for (int k = 0; k < classes_; ++k) z[k] = bias_[k];
  for (const Feature& f : x.features()) {
    const float* w = &w_[static_cast<size_t>(f.slot) * classes_];
    for (int k = 0; k < classes_; ++k) z[k] += w[k] * f.value;
  }
  double mx = *std::max_element(z, z + classes_);
  double sum = 0;
  for (int k = 0; k < classes_; ++k) {
    z[k] = std::exp(z[k] - mx);
    sum += z[k];
  }
  for (int k = 0; k < classes_; ++k) probs[k] = static_cast<float>(z[k] / sum);
}

void LinearModel::Train(const std::vector<const FeatureVector*>& xs, const std::vector<int>& ys,
                        const TrainOptions& options, std::mt19937_64& rng) {
  const int K = classes_;
  std::vector<float> g2(w_.size(), 0.0f);
  std::vector<double> bias_g2(K, 0.0);
  std::vector<size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  const double eta = options.learning_rate;
  float probs[kMaxClasses];
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t idx : order) {
      const FeatureVector& x = *xs[idx];
      const int y = ys[idx];
      Predict(x, probs);
      double cw = options.class_weight.empty() ? 1.0 : options.class_weight[y];
      double g[kMaxClasses];
      for (int k = 0; k < K; ++k) g[k] = cw * (probs[k] - (k == y ? 1.0 : 0.0));
      for (int k = 0; k < K; ++k) {
        bias_g2[k] += g[k] * g[k];
        bias_[k] -= static_cast<float>(eta * g[k] / std::sqrt(bias_g2[k] + 1e-8));
      }
      for (const Feature& f : x.features()) {
        size_t base = static_cast<size_t>(f.slot) * K;
        for (int k = 0; k < K; ++k) {
          double grad = g[k] * f.value + options.l2 * w_[base + k];
          g2[base + k] += static_cast<float>(grad * grad);
          w_[base + k] -= static_cast<float>(eta * grad / std::sqrt(g2[base + k] + 1e-8));
        }
      }
    }
  }
}

std::string LinearModel::ToSource(std::string_view name) const {
  std::string out;
  char buf[64];
  out += "inline constexpr int k" + std::string(name) + "Classes = " + std::to_string(classes_) +
         ";\n";
  out += "inline constexpr float k" + std::string(name) + "Bias[] = {";
  for (int k = 0; k < classes_; ++k) {
    std::snprintf(buf, sizeof buf, "%s%.5g", k ? ", " : "", bias_[k]);
    out += buf;
  }
  out += "};\n";
  out += "inline constexpr WeightRow k" + std::string(name) + "Rows[] = {\n";
  size_t rows = 0;
  for (uint32_t s = 0; s < kFeatureSlots; ++s) {
    const float* w = &w_[static_cast<size_t>(s) * classes_];
    bool any = false;
    for (int k = 0; k < classes_; ++k) any |= std::fabs(w[k]) >= 1e-4f;
    if (!any) continue;
    std::snprintf(buf, sizeof buf, "{%u,{", s);
    out += buf;
    for (int k = 0; k < classes_; ++k) {
      std::snprintf(buf, sizeof buf, "%s%.4g", k ? "," : "", w[k]);
      out += buf;
    }
    out += "}},";
    if (++rows % 6 == 0) out += "\n";
  }
  if (rows == 0) out += "{0,{0,0,0,0}},";
  out += "\n};\n";
  return out;
}

}  // namespace quotedb::stance

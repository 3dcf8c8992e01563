// A multinomial logistic regression over hashed sparse features: the "light model" of stance.
//
// Feature names are hashed (FNV-1a, text_analysis.h) into 2^kFeatureBits slots; a model holds
// one weight per slot and class plus one bias per class. Weights are trained by
// tools/train/train_stance.cc and compiled in from model_data.inc.
#ifndef QUOTEDB_ENGINE_STANCE_MODEL_H_
#define QUOTEDB_ENGINE_STANCE_MODEL_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace quotedb::stance {

inline constexpr int kFeatureBits = 18;
inline constexpr uint32_t kFeatureSlots = 1u << kFeatureBits;
inline constexpr int kMaxClasses = 4;

struct Feature {
  uint32_t slot;
  float value;
};

// Collects features by name. Names are hashed, never stored.
class FeatureVector {
 public:
  void Add(std::string_view name, float value = 1.0f);
  // `name` + `suffix`, without building a string.
  void Add(std::string_view name, std::string_view suffix, float value = 1.0f);
  void AddHashed(uint64_t hash, float value = 1.0f);
  // Thermometer code: "name>=t" for every threshold t <= value. Lets a linear model draw a
  // curve through one number.
  void AddBins(std::string_view name, double value, const std::vector<double>& thresholds);

  const std::vector<Feature>& features() const { return features_; }
  void Clear() { features_.clear(); }

 private:
  std::vector<Feature> features_;
};

// One stored row of a model: a slot and its weight per class.
struct WeightRow {
  uint32_t slot;
  float w[kMaxClasses];
};

class LinearModel {
 public:
  LinearModel() = default;
  // An untrained model of `classes` classes (all weights zero).
  explicit LinearModel(int classes);
  // A model from compiled-in rows.
  LinearModel(int classes, const float* bias, const WeightRow* rows, size_t n_rows);

  int classes() const { return classes_; }
  bool empty() const { return classes_ == 0; }

  // Class probabilities for `x` (softmax of the scores), `classes()` of them.
  void Predict(const FeatureVector& x, float* probs) const;

  // Training (Adagrad on the log loss with L2). Examples are shuffled with `rng`.
  struct TrainOptions {
    int epochs = 10;
    double learning_rate = 0.2;
    double l2 = 1e-5;
    std::vector<double> class_weight;  // per class; empty means all 1
  };
  void Train(const std::vector<const FeatureVector*>& xs, const std::vector<int>& ys,
             const TrainOptions& options, std::mt19937_64& rng);

  // The model as C++ source for model_data.inc: `<name>Bias` and `<name>Rows` arrays.
  std::string ToSource(std::string_view name) const;

 private:
  int classes_ = 0;
  std::vector<float> bias_;
  std::vector<float> w_;  // slot * classes_ + class
};

}  // namespace quotedb::stance

#endif  // QUOTEDB_ENGINE_STANCE_MODEL_H_

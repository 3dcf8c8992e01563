// Gradient-boosted decision trees over the same hashed features as LinearModel, each split
// asking "is this feature present (value > 0)?". Trees catch what a linear model cannot:
// a refuting word near the claim means "against" unless the claim itself says "hoax".
#ifndef QUOTEDB_ENGINE_STANCE_BOOST_H_
#define QUOTEDB_ENGINE_STANCE_BOOST_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "stance/model.h"

namespace quotedb::stance {

// One node of a tree; a leaf when `slot` is kLeaf. `present` and `absent` index the
// children within the same tree's node run.
struct TreeNode {
  static constexpr uint32_t kLeaf = 0xFFFFFFFFu;
  uint32_t slot;
  uint16_t present;
  uint16_t absent;
  float value;
};

class BoostedTrees {
 public:
  BoostedTrees() = default;
  // An untrained model (no trees: every class scores 0).
  explicit BoostedTrees(int classes) : classes_(classes) {}
  // Compiled-in trees: `starts[t]` is the first node of tree t; tree t votes for class t %
  // classes.
  BoostedTrees(int classes, const TreeNode* nodes, size_t n_nodes, const uint32_t* starts,
               size_t n_trees);

  int classes() const { return classes_; }
  bool empty() const { return starts_.empty(); }

  // Class probabilities for `x`, `classes()` of them.
  void Predict(const FeatureVector& x, float* probs) const;

  struct TrainOptions {
    int rounds = 150;
    int depth = 3;
    double shrinkage = 0.1;
    double lambda = 1.0;           // L2 on leaf values
    double min_child_weight = 5;   // least hessian sum in a child
    std::vector<double> class_weight;
  };
  void Train(const std::vector<const FeatureVector*>& xs, const std::vector<int>& ys,
             const TrainOptions& options);

  // The trees as C++ source: `k<name>Classes`, `k<name>Nodes`, `k<name>Starts`.
  std::string ToSource(std::string_view name) const;

 private:
  void Scores(const std::vector<uint32_t>& sorted_slots, double* z) const;

  int classes_ = 0;
  std::vector<TreeNode> nodes_;
  std::vector<uint32_t> starts_;
};

}  // namespace quotedb::stance

#endif  // QUOTEDB_ENGINE_STANCE_BOOST_H_

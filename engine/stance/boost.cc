#include "stance/boost.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace quotedb::stance {
namespace {

std::vector<uint32_t> SortedSlots(const FeatureVector& x) {
  std::vector<uint32_t> s;
  s.reserve(x.features().size());
  for (const Feature& f : x.features())
    if (f.value > 0) s.push_back(f.slot);
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

bool Has(const std::vector<uint32_t>& sorted, uint32_t slot) {
  return std::binary_search(sorted.begin(), sorted.end(), slot);
}

}  // namespace

BoostedTrees::BoostedTrees(int classes, const TreeNode* nodes, size_t n_nodes,
                           const uint32_t* starts, size_t n_trees)
    : classes_(classes), nodes_(nodes, nodes + n_nodes), starts_(starts, starts + n_trees) {}

void BoostedTrees::Scores(const std::vector<uint32_t>& slots, double* z) const {
  for (int k = 0; k < classes_; ++k) z[k] = 0;
  for (size_t t = 0; t < starts_.size(); ++t) {
    const TreeNode* tree = &nodes_[starts_[t]];
    const TreeNode* n = tree;
    while (n->slot != TreeNode::kLeaf) n = &tree[Has(slots, n->slot) ? n->present : n->absent];
    z[t % classes_] += n->value;
  }
}

void BoostedTrees::Predict(const FeatureVector& x, float* probs) const {
  double z[kMaxClasses];
  Scores(SortedSlots(x), z);
  double mx = *std::max_element(z, z + classes_), sum = 0;
  for (int k = 0; k < classes_; ++k) sum += (z[k] = std::exp(z[k] - mx));
  for (int k = 0; k < classes_; ++k) probs[k] = static_cast<float>(z[k] / sum);
}

void BoostedTrees::Train(const std::vector<const FeatureVector*>& xs, const std::vector<int>& ys,
                         const TrainOptions& o) {
  const int K = classes_;
  const size_t n = xs.size();
  std::vector<std::vector<uint32_t>> slots(n);
  for (size_t i = 0; i < n; ++i) slots[i] = SortedSlots(*xs[i]);
  std::vector<double> f(n * K, 0.0), g(n), h(n);
  std::vector<double> gs(kFeatureSlots, 0.0), hs(kFeatureSlots, 0.0);
  std::vector<uint32_t> touched;
  std::vector<char> seen(kFeatureSlots, 0);

  struct Pending {
    std::vector<uint32_t> rows;
    int node;  // index in the tree under construction
    int depth;
  };
  for (int round = 0; round < o.rounds; ++round) {
    // Softmax of the current scores.
    std::vector<double> p(n * K);
    for (size_t i = 0; i < n; ++i) {
      double mx = *std::max_element(&f[i * K], &f[i * K] + K), sum = 0;
      for (int k = 0; k < K; ++k) sum += (p[i * K + k] = std::exp(f[i * K + k] - mx));
      for (int k = 0; k < K; ++k) p[i * K + k] /= sum;
    }
    for (int k = 0; k < K; ++k) {
      for (size_t i = 0; i < n; ++i) {
        double w = o.class_weight.empty() ? 1.0 : o.class_weight[ys[i]];
        double pk = p[i * K + k];
        g[i] = w * (pk - (ys[i] == k ? 1.0 : 0.0));
        h[i] = w * std::max(pk * (1 - pk), 1e-6);
      }
      std::vector<TreeNode> tree;
      tree.push_back({TreeNode::kLeaf, 0, 0, 0.0f});
      std::vector<Pending> todo;
      todo.push_back({std::vector<uint32_t>(n), 0, 0});
      for (size_t i = 0; i < n; ++i) todo[0].rows[i] = static_cast<uint32_t>(i);
      std::vector<double> leaf_value(n, 0.0);
      while (!todo.empty()) {
        Pending cur = std::move(todo.back());
        todo.pop_back();
        double G = 0, H = 0;
        for (uint32_t r : cur.rows) {
          G += g[r];
          H += h[r];
        }
        auto make_leaf = [&] {
          double v = -G / (H + o.lambda) * o.shrinkage;
          tree[cur.node] = {TreeNode::kLeaf, 0, 0, static_cast<float>(v)};
          for (uint32_t r : cur.rows) f[r * K + k] += v;
        };
        if (cur.depth >= o.depth || H < 2 * o.min_child_weight) {
          make_leaf();
          continue;
        }
        touched.clear();
        for (uint32_t r : cur.rows) {
          for (uint32_t s : slots[r]) {
            if (!seen[s]) {
              seen[s] = 1;
              touched.push_back(s);
            }
            gs[s] += g[r];
            hs[s] += h[r];
          }
        }
        const double parent = G * G / (H + o.lambda);
        double best_gain = 1e-6;
        uint32_t best = TreeNode::kLeaf;
        for (uint32_t s : touched) {
          double gl = gs[s], hl = hs[s], gr = G - gl, hr = H - hl;
          if (hl >= o.min_child_weight && hr >= o.min_child_weight) {
            double gain = gl * gl / (hl + o.lambda) + gr * gr / (hr + o.lambda) - parent;
            if (gain > best_gain) {
              best_gain = gain;
              best = s;
            }
          }
          gs[s] = hs[s] = 0;
          seen[s] = 0;
        }
        if (best == TreeNode::kLeaf) {
          make_leaf();
          continue;
        }
        Pending yes{{}, static_cast<int>(tree.size()), cur.depth + 1};
        Pending no{{}, static_cast<int>(tree.size()) + 1, cur.depth + 1};
        tree[cur.node] = {best, static_cast<uint16_t>(yes.node), static_cast<uint16_t>(no.node), 0};
        tree.push_back({TreeNode::kLeaf, 0, 0, 0.0f});
        tree.push_back({TreeNode::kLeaf, 0, 0, 0.0f});
        for (uint32_t r : cur.rows) (Has(slots[r], best) ? yes : no).rows.push_back(r);
        todo.push_back(std::move(yes));
        todo.push_back(std::move(no));
      }
      starts_.push_back(static_cast<uint32_t>(nodes_.size()));
      nodes_.insert(nodes_.end(), tree.begin(), tree.end());
    }
  }
}

std::string BoostedTrees::ToSource(std::string_view name) const {
  std::string out, nm(name);
  char buf[96];
  out += "inline constexpr int k" + nm + "Classes = " + std::to_string(classes_) + ";\n";
  out += "inline constexpr TreeNode k" + nm + "Nodes[] = {\n";
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const TreeNode& t = nodes_[i];
    std::snprintf(buf, sizeof buf, "{%uu,%u,%u,%.5g},", t.slot, t.present, t.absent, t.value);
    out += buf;
    if (i % 6 == 5) out += "\n";
  }
  if (nodes_.empty()) out += "{TreeNode::kLeaf,0,0,0},";
  out += "\n};\ninline constexpr size_t k" + nm + "Trees = " + std::to_string(starts_.size()) + ";\n";
  out += "inline constexpr uint32_t k" + nm + "Starts[] = {";
  if (starts_.empty()) out += "0";
  for (size_t t = 0; t < starts_.size(); ++t) {
    out += std::to_string(starts_[t]) + ",";
    if (t % 20 == 19) out += "\n";
  }
  out += "};\n";
  return out;
}

}  // namespace quotedb::stance

// quotedb_train_stance: trains the stance models on Emergent and FNC-1 and writes them as
// C++ source (engine/stance/model_data.inc), after cross-validating by claim (Emergent) and by
// article body (FNC-1) so that the figures it prints are honest held-out estimates.
//
//   quotedb_train_stance --emergent ../shared/corpus/emergent/train.csv
//       --fnc-stances ../shared/corpus/fnc-1/train_stances.csv
//       --fnc-bodies ../shared/corpus/fnc-1/train_bodies.csv
//       --out engine/stance/model_data.inc
//
// Only derived numbers go into the output: hashed feature weights and hashed, quantised
// inverse document frequencies. No corpus text is written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "quotedb/stance.h"
#include "stance/boost.h"
#include "stance/features.h"
#include "stance/model.h"
#include "stance/model_data.h"
#include "stance/text_analysis.h"

namespace quotedb::stance {
namespace {

using Row = std::map<std::string, std::string>;

// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.
bool ReadCsv(const std::string& path, std::vector<Row>* rows, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  size_t i = 0;
  if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  for (; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  if (records.empty()) {
    *error = path + " is empty";
    return false;
  }
  const std::vector<std::string>& header = records[0];
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() == 1 && records[r][0].empty()) continue;
    Row row;
    for (size_t k = 0; k < header.size() && k < records[r].size(); ++k) row[header[k]] = records[r][k];
    rows->push_back(std::move(row));
  }
  return true;
}

int ClassOf(Stance s) {
  for (int k = 0; k < 3; ++k)
    if (kStanceClasses[k] == s) return k;
  return -1;
}

struct Example {
  int claim = 0;  // index into texts
  int text = 0;
  Stance gold = Stance::kUnrelated;
  int group = 0;  // claim (Emergent) or body (FNC): folds never split a group
  bool headline = false;
  FeatureVector head;   // headline features (when headline)
  FeatureVector gate;   // gate features (bodies)
  FeatureVector body;   // body stance features (bodies)
};

struct Scores {
  double accuracy = 0, macro_f1 = 0, fnc = 0;
  double f1[kNumStances] = {};
};

Scores Score(const std::vector<Stance>& gold, const std::vector<Stance>& pred,
             const std::vector<Stance>& labels, bool fnc) {
  Scores s;
  size_t right = 0;
  double score = 0, best = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    right += gold[i] == pred[i];
    if (fnc) {
      bool gu = gold[i] == Stance::kUnrelated, pu = pred[i] == Stance::kUnrelated;
      best += 0.25 + (gu ? 0.0 : 0.75);
      if (gu == pu) score += 0.25;
      if (!gu && gold[i] == pred[i]) score += 0.75;
    }
  }
  s.accuracy = gold.empty() ? 0 : static_cast<double>(right) / gold.size();
  s.fnc = best > 0 ? 100.0 * score / best : 0;
  for (Stance l : labels) {
    double tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      tp += gold[i] == l && pred[i] == l;
      fp += gold[i] != l && pred[i] == l;
      fn += gold[i] == l && pred[i] != l;
    }
    double p = tp + fp > 0 ? tp / (tp + fp) : 0, r = tp + fn > 0 ? tp / (tp + fn) : 0;
    s.f1[static_cast<int>(l)] = p + r > 0 ? 2 * p * r / (p + r) : 0;
    s.macro_f1 += s.f1[static_cast<int>(l)] / labels.size();
  }
  return s;
}

void Print(const std::string& what, const Scores& s, const std::vector<Stance>& labels, bool fnc) {
  std::printf("%-28s accuracy %.3f  macro-F1 %.3f", what.c_str(), s.accuracy, s.macro_f1);
  for (Stance l : labels)
    std::printf("  F1[%s] %.3f", std::string(StanceName(l)).c_str(), s.f1[static_cast<int>(l)]);
  if (fnc) std::printf("  FNC %.2f", s.fnc);
  std::printf("\n");
  std::fflush(stdout);
}

struct Config {
  int epochs_headline = 12;
  int epochs_gate = 6;
  int epochs_body = 8;
  double l2_headline = 1e-4;
  double l2_gate = 1e-5;
  double l2_body = 1e-4;
  double lr = 0.05;
  double against_weight_headline = 1.5;
  double against_weight_body = 3.0;
  float related_threshold = StanceOptions().related_threshold;
  float headline_related_threshold = StanceOptions().headline_related_threshold;
  bool gate_on_emergent = true;     // Emergent pairs as related examples for the gate
  bool body_model_on_short = true;  // FNC-1 pairs with short bodies train the body model too
  uint64_t seed = 17;
  int body_mix = 2;  // 0: linear body model; 1: trees; 2: the mean of both (as classifier.cc)
  int tree_rounds = 150, tree_depth = 3;
  double tree_shrinkage = 0.1;
};

struct Trained {
  LinearModel headline{3}, gate{2}, body{3};
  BoostedTrees body_trees{3};
};

// Trains the models on the examples whose group is not in fold `test_fold` (all when -1).
void TrainModels(const std::vector<Example>& em, const std::vector<Example>& fnc,
                 const std::vector<int>& em_fold, const std::vector<int>& fnc_fold, int test_fold,
                 const Config& cfg, Trained* out) {
  std::mt19937_64 rng(cfg.seed);
  {
    std::vector<const FeatureVector*> xs;
    std::vector<int> ys;
    for (size_t i = 0; i < em.size(); ++i) {
      if (em_fold[i] == test_fold) continue;
      xs.push_back(&em[i].head);
      ys.push_back(ClassOf(em[i].gold));
    }
    LinearModel::TrainOptions o;
    o.epochs = cfg.epochs_headline;
    o.l2 = cfg.l2_headline;
    o.learning_rate = cfg.lr;
    o.class_weight = {1.0, cfg.against_weight_headline, 1.0};
    if (!xs.empty()) out->headline.Train(xs, ys, o, rng);
  }
  std::vector<const FeatureVector*> gx, bx;
  std::vector<int> gy, by;
  if (cfg.gate_on_emergent) {
    for (size_t i = 0; i < em.size(); ++i) {
      if (em_fold[i] == test_fold) continue;
      gx.push_back(&em[i].gate);
      gy.push_back(1);
    }
  }
  for (size_t i = 0; i < fnc.size(); ++i) {
    if (fnc_fold[i] == test_fold) continue;
    bool related = fnc[i].gold != Stance::kUnrelated;
    gx.push_back(&fnc[i].gate);
    gy.push_back(related ? 1 : 0);
    if (related && (!fnc[i].headline || cfg.body_model_on_short)) {
      bx.push_back(&fnc[i].body);
      by.push_back(ClassOf(fnc[i].gold));
    }
  }
  LinearModel::TrainOptions go;
  go.epochs = cfg.epochs_gate;
  go.l2 = cfg.l2_gate;
  go.learning_rate = cfg.lr;
  if (!gx.empty()) out->gate.Train(gx, gy, go, rng);
  LinearModel::TrainOptions bo;
  bo.epochs = cfg.epochs_body;
  bo.l2 = cfg.l2_body;
  bo.learning_rate = cfg.lr;
  bo.class_weight = {1.0, cfg.against_weight_body, 1.0};
  if (!bx.empty()) out->body.Train(bx, by, bo, rng);
  if (cfg.body_mix > 0 && !bx.empty()) {
    BoostedTrees::TrainOptions to;
    to.rounds = cfg.tree_rounds;
    to.depth = cfg.tree_depth;
    to.shrinkage = cfg.tree_shrinkage;
    to.class_weight = bo.class_weight;
    out->body_trees.Train(bx, by, to);
  }
}

Stance PredictExample(const Trained& m, const Example& e, float threshold, int mix) {
  float p[kMaxClasses] = {};
  float g[kMaxClasses] = {};
  m.gate.Predict(e.gate, g);
  const float related = g[1];
  if (e.headline) {
    m.headline.Predict(e.head, p);
  } else if (mix == 1) {
    m.body_trees.Predict(e.body, p);
  } else {
    m.body.Predict(e.body, p);
    if (mix == 2) {
      float q[kMaxClasses] = {};
      m.body_trees.Predict(e.body, q);
      for (int k = 0; k < 3; ++k) p[k] = 0.5f * (p[k] + q[k]);
    }
  }
  return Combine(related, p, e.headline, threshold).stance;
}

// Assigns each group to one of `folds` folds at random (seeded), so folds split by group.
std::vector<int> FoldsByGroup(const std::vector<Example>& xs, int folds, uint64_t seed) {
  std::map<int, int> fold_of;
  std::vector<int> groups;
  for (const Example& e : xs)
    if (fold_of.emplace(e.group, 0).second) groups.push_back(e.group);
  std::mt19937_64 rng(seed);
  std::shuffle(groups.begin(), groups.end(), rng);
  for (size_t i = 0; i < groups.size(); ++i) fold_of[groups[i]] = static_cast<int>(i % folds);
  std::vector<int> out;
  for (const Example& e : xs) out.push_back(fold_of[e.group]);
  return out;
}

int Run(int argc, char** argv) {
  std::string emergent_path, fnc_stances_path, fnc_bodies_path, out_path;
  int folds = 5;
  bool group_by_story = false;
  Config cfg;
  int max_headline_words = StanceOptions().max_headline_words;
  CLI::App app{
      "Train the quotedb stance models and write them as C++ source.\n\n"
      "Example:\n"
      "  quotedb_train_stance --emergent ../shared/corpus/emergent/train.csv \\\n"
      "    --fnc-stances ../shared/corpus/fnc-1/train_stances.csv \\\n"
      "    --fnc-bodies ../shared/corpus/fnc-1/train_bodies.csv --out engine/stance/model_data.inc",
      "quotedb_train_stance"};
  app.add_option("--emergent", emergent_path, "Emergent CSV (claimHeadline, articleHeadline, ...)")
      ->required();
  app.add_option("--fnc-stances", fnc_stances_path, "FNC-1 train_stances.csv")->required();
  app.add_option("--fnc-bodies", fnc_bodies_path, "FNC-1 train_bodies.csv")->required();
  app.add_option("--out", out_path, "where to write model_data.inc (nothing written when empty)");
  app.add_option("--folds", folds, "cross-validation folds, 0 for none")->capture_default_str();
  app.add_flag("--by-story", group_by_story,
               "cross-validate FNC-1 by story (bodies and headlines linked by a related pair) "
               "instead of by body");
  app.add_option("--seed", cfg.seed, "random seed")->capture_default_str();
  app.add_option("--epochs-headline", cfg.epochs_headline)->capture_default_str();
  app.add_option("--epochs-gate", cfg.epochs_gate)->capture_default_str();
  app.add_option("--epochs-body", cfg.epochs_body)->capture_default_str();
  app.add_option("--l2-headline", cfg.l2_headline)->capture_default_str();
  app.add_option("--l2-gate", cfg.l2_gate)->capture_default_str();
  app.add_option("--l2-body", cfg.l2_body)->capture_default_str();
  app.add_option("--lr", cfg.lr)->capture_default_str();
  app.add_option("--against-weight-headline", cfg.against_weight_headline)->capture_default_str();
  app.add_option("--against-weight-body", cfg.against_weight_body)->capture_default_str();
  app.add_option("--related-threshold", cfg.related_threshold)->capture_default_str();
  app.add_option("--headline-related-threshold", cfg.headline_related_threshold)
      ->capture_default_str();
  app.add_option("--body-mix", cfg.body_mix,
                 "body model: 0 linear only, 2 linear and boosted trees averaged (1, trees alone, "
                 "is for cross-validation only: the classifier averages whenever trees exist)")
      ->capture_default_str();
  app.add_option("--tree-rounds", cfg.tree_rounds)->capture_default_str();
  app.add_option("--tree-depth", cfg.tree_depth)->capture_default_str();
  app.add_option("--tree-shrinkage", cfg.tree_shrinkage)->capture_default_str();
  app.add_option("--max-headline-words", max_headline_words,
                 "texts of at most this many words go to the headline model")
      ->capture_default_str();
  app.add_option("--gate-on-emergent", cfg.gate_on_emergent)->capture_default_str();
  app.add_option("--body-model-on-short", cfg.body_model_on_short)->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  std::vector<Row> em_rows, fnc_rows, body_rows;
  std::string error;
  if (!ReadCsv(emergent_path, &em_rows, &error) || !ReadCsv(fnc_stances_path, &fnc_rows, &error) ||
      !ReadCsv(fnc_bodies_path, &body_rows, &error)) {
    std::cerr << "quotedb_train_stance: " << error << "\n";
    return 2;
  }

  Stemmer stemmer;
  std::vector<AnalyzedText> texts;
  std::unordered_map<std::string, int> text_index;
  auto intern = [&](const std::string& s) {
    auto [it, fresh] = text_index.emplace(s, static_cast<int>(texts.size()));
    if (fresh) texts.push_back(Analyze(s, stemmer));
    return it->second;
  };
  auto is_headline = [&](int t) {
    return static_cast<int>(texts[t].tokens.size()) <= max_headline_words;
  };
  std::vector<Example> em, fnc;
  std::map<std::string, int> claim_ids;
  for (const Row& r : em_rows) {
    Example e;
    e.claim = intern(r.at("claimHeadline"));
    e.text = intern(r.at("articleHeadline"));
    auto gold = ParseStance(r.at("articleHeadlineStance"));
    if (!gold) {
      std::cerr << "quotedb_train_stance: unknown Emergent stance " << r.at("articleHeadlineStance") << "\n";
      return 2;
    }
    e.gold = *gold;
    e.group = claim_ids.emplace(r.at("claimId"), static_cast<int>(claim_ids.size())).first->second;
    e.headline = true;
    em.push_back(std::move(e));
  }
  std::unordered_map<std::string, int> body_text;
  for (const Row& r : body_rows) body_text[r.at("Body ID")] = intern(r.at("articleBody"));
  const std::map<std::string, Stance> fnc_labels = {{"agree", Stance::kFor},
                                                    {"disagree", Stance::kAgainst},
                                                    {"discuss", Stance::kObserving},
                                                    {"unrelated", Stance::kUnrelated}};
  // Story clusters: headlines and bodies joined by a related pair tell the same story. A split
  // by story keeps a story's headlines as well as its bodies out of training (the FNC-1 test
  // split has new stories), a stricter test than the split by body.
  std::vector<int> parent;
  auto find = [&](int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::unordered_map<std::string, int> node;
  auto node_of = [&](const std::string& key) {
    auto [it, fresh] = node.emplace(key, static_cast<int>(parent.size()));
    if (fresh) parent.push_back(it->second);
    return it->second;
  };
  for (const Row& r : fnc_rows) {
    int h = node_of("h:" + r.at("Headline")), b = node_of("b:" + r.at("Body ID"));
    if (r.at("Stance") != "unrelated") parent[find(h)] = find(b);
  }
  for (const Row& r : fnc_rows) {
    Example e;
    e.claim = intern(r.at("Headline"));
    auto b = body_text.find(r.at("Body ID"));
    auto l = fnc_labels.find(r.at("Stance"));
    if (b == body_text.end() || l == fnc_labels.end()) {
      std::cerr << "quotedb_train_stance: bad FNC-1 row (body " << r.at("Body ID") << ")\n";
      return 2;
    }
    e.text = b->second;
    e.gold = l->second;
    e.group = group_by_story ? find(node_of("b:" + r.at("Body ID"))) : std::stoi(r.at("Body ID"));
    e.headline = is_headline(e.text);
    fnc.push_back(std::move(e));
  }
  std::printf("read %zu Emergent and %zu FNC-1 pairs, %zu distinct texts (%.1fs)\n", em.size(),
              fnc.size(), texts.size(), elapsed());

  std::vector<const AnalyzedText*> docs;
  for (const AnalyzedText& t : texts) docs.push_back(&t);
  StanceModels base;
  base.idf_bytes = IdfTable::Build(docs);
  base.idf = IdfTable(base.idf_bytes.data());

  size_t short_bodies = 0;
  for (Example& e : em) {
    HeadlineFeatures(texts[e.claim], texts[e.text], base.idf, &e.head);
    GateFeatures(texts[e.claim], texts[e.text], base.idf, &e.gate);
  }
  for (Example& e : fnc) {
    if (e.headline) {
      ++short_bodies;
      HeadlineFeatures(texts[e.claim], texts[e.text], base.idf, &e.head);
    }
    GateFeatures(texts[e.claim], texts[e.text], base.idf, &e.gate);
    BodyStanceFeatures(texts[e.claim], texts[e.text], base.idf, &e.body);
  }
  std::printf("features done (%.1fs); %zu FNC-1 pairs have bodies of at most %d words (headline model)\n",
              elapsed(), short_bodies, max_headline_words);

  const std::vector<Stance> em_labels = {Stance::kFor, Stance::kAgainst, Stance::kObserving};
  const std::vector<Stance> fnc_labels_all = {Stance::kFor, Stance::kAgainst, Stance::kObserving,
                                              Stance::kUnrelated};
  auto evaluate = [&](const Trained& m, const std::vector<int>& em_fold,
                      const std::vector<int>& fnc_fold, int fold, std::vector<Stance>* eg,
                      std::vector<Stance>* ep, std::vector<Stance>* fg, std::vector<Stance>* fp) {
    for (size_t i = 0; i < em.size(); ++i) {
      if (fold >= 0 && em_fold[i] != fold) continue;
      eg->push_back(em[i].gold);
      ep->push_back(PredictExample(m, em[i], cfg.headline_related_threshold, cfg.body_mix));
    }
    for (size_t i = 0; i < fnc.size(); ++i) {
      if (fold >= 0 && fnc_fold[i] != fold) continue;
      fg->push_back(fnc[i].gold);
      fp->push_back(PredictExample(m, fnc[i], fnc[i].headline ? cfg.headline_related_threshold : cfg.related_threshold, cfg.body_mix));
    }
  };

  if (folds > 1) {
    std::vector<int> em_fold = FoldsByGroup(em, folds, cfg.seed);
    std::vector<int> fnc_fold = FoldsByGroup(fnc, folds, cfg.seed);
    std::vector<Stance> eg, ep, fg, fp;
    for (int f = 0; f < folds; ++f) {
      Trained m;
      TrainModels(em, fnc, em_fold, fnc_fold, f, cfg, &m);
      evaluate(m, em_fold, fnc_fold, f, &eg, &ep, &fg, &fp);
    }
    std::printf("cross-validated, %d folds by claim (Emergent) and by %s (FNC-1), %.1fs:\n", folds,
                group_by_story ? "story" : "body", elapsed());
    Print("  Emergent (held out)", Score(eg, ep, em_labels, false), em_labels, false);
    Print("  FNC-1 (held out)", Score(fg, fp, fnc_labels_all, true), fnc_labels_all, true);
  }

  Trained m;
  std::vector<int> none_em(em.size(), 0), none_fnc(fnc.size(), 0);
  TrainModels(em, fnc, none_em, none_fnc, -1, cfg, &m);
  {
    std::vector<Stance> eg, ep, fg, fp;
    evaluate(m, none_em, none_fnc, -1, &eg, &ep, &fg, &fp);
    std::printf("trained on all pairs, scored on the same pairs (%.1fs):\n", elapsed());
    Print("  Emergent (train)", Score(eg, ep, em_labels, false), em_labels, false);
    Print("  FNC-1 (train)", Score(fg, fp, fnc_labels_all, true), fnc_labels_all, true);
  }

  if (!out_path.empty() && cfg.body_mix == 1) {
    std::cerr << "quotedb_train_stance: --body-mix 1 cannot be written (the classifier averages "
                 "linear and trees); use 0 or 2\n";
    return 2;
  }
  if (!out_path.empty()) {
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "quotedb_train_stance: cannot write " << out_path << "\n";
      return 2;
    }
    out << "// Generated by quotedb_train_stance (tools/train/train_stance.cc); do not edit.\n"
        << "// Hashed feature weights and hashed, quantised idf values only: no corpus text.\n"
        << "// Command: see docs/stance.md. Options: epochs " << cfg.epochs_headline << "/"
        << cfg.epochs_gate << "/" << cfg.epochs_body << ", l2 " << cfg.l2_headline << "/"
        << cfg.l2_gate << "/" << cfg.l2_body << ", lr " << cfg.lr << ", against weight "
        << cfg.against_weight_headline << "/" << cfg.against_weight_body << ", trees "
        << cfg.tree_rounds << "x depth " << cfg.tree_depth << " shrinkage " << cfg.tree_shrinkage
        << ", seed " << cfg.seed
        << ".\n";
    out << "// clang-format off\n";
    out << "inline constexpr bool kHasIdf = true;\n";
    out << "inline constexpr uint8_t kIdf[" << IdfTable::kBuckets << "] = {\n";
    for (uint32_t b = 0; b < IdfTable::kBuckets; ++b) {
      out << static_cast<int>(base.idf_bytes[b]) << ',';
      if (b % 32 == 31) out << '\n';
    }
    out << "};\n";
    out << m.headline.ToSource("Headline") << m.gate.ToSource("Gate") << m.body.ToSource("Body")
        << m.body_trees.ToSource("BodyTrees");
    out << "// clang-format on\n";
    std::printf("wrote %s\n", out_path.c_str());
  }
  return 0;
}

}  // namespace
}  // namespace quotedb::stance

int main(int argc, char** argv) { return quotedb::stance::Run(argc, argv); }

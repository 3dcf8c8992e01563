// StanceClassifier: picks the model by text length and combines gate and stance models.
#include <cmath>

#include "quotedb/stance.h"
#include "stance/features.h"
#include "stance/model.h"
#include "stance/model_data.h"
#include "stance/text_analysis.h"

namespace quotedb {

std::string_view StanceName(Stance stance) {
  switch (stance) {
    case Stance::kFor:
      return "for";
    case Stance::kAgainst:
      return "against";
    case Stance::kObserving:
      return "observing";
    case Stance::kUnrelated:
      return "unrelated";
  }
  return "unrelated";
}

std::optional<Stance> ParseStance(std::string_view name) {
  for (int i = 0; i < kNumStances; ++i) {
    Stance s = static_cast<Stance>(i);
    if (StanceName(s) == name) return s;
  }
  return std::nullopt;
}

struct StanceClassifier::Rep {
  StanceOptions options;
  stance::Stemmer stemmer;
  stance::StanceModels models;
};

StanceClassifier::StanceClassifier(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
StanceClassifier::~StanceClassifier() = default;

Result<std::unique_ptr<StanceClassifier>> StanceClassifier::Create(const StanceOptions& options) {
  if (options.max_headline_words < 1)
    return Status::InvalidArgument("stance: max_headline_words must be at least 1");
  for (float t : {options.related_threshold, options.headline_related_threshold}) {
    if (!(t >= 0.0f && t <= 1.0f))
      return Status::InvalidArgument("stance: related thresholds must lie in [0, 1]");
  }
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  if (!rep->stemmer.ok()) return Status::IOError("stance: cannot create the English stemmer");
  rep->models = stance::LoadCompiledModels();
  return std::unique_ptr<StanceClassifier>(new StanceClassifier(std::move(rep)));
}

Result<StanceResult> StanceClassifier::Classify(std::string_view claim, std::string_view text) {
  stance::AnalyzedText c = stance::Analyze(claim, rep_->stemmer);
  if (c.tokens.empty()) return Status::InvalidArgument("stance: the claim has no words");
  stance::AnalyzedText t = stance::Analyze(text, rep_->stemmer);
  StanceResult r;
  if (t.tokens.empty()) {
    r.stance = Stance::kUnrelated;
    r.probability[static_cast<int>(Stance::kUnrelated)] = 1.0f;
    return r;
  }
  bool headline = static_cast<int>(t.tokens.size()) <= rep_->options.max_headline_words;
  return stance::Predict(rep_->models, c, t, headline,
                         headline ? rep_->options.headline_related_threshold
                                  : rep_->options.related_threshold);
}

}  // namespace quotedb

// The three stance models and how their answers combine into one StanceResult.
#ifndef QUOTEDB_ENGINE_STANCE_MODEL_DATA_H_
#define QUOTEDB_ENGINE_STANCE_MODEL_DATA_H_

#include <vector>

#include "quotedb/stance.h"
#include "stance/boost.h"
#include "stance/features.h"
#include "stance/model.h"
#include "stance/text_analysis.h"

namespace quotedb::stance {

// Class order of the headline and body stance models; the gate is 0 unrelated, 1 related.
inline constexpr Stance kStanceClasses[3] = {Stance::kFor, Stance::kAgainst, Stance::kObserving};

struct StanceModels {
  std::vector<uint8_t> idf_bytes;  // owned copy when built by the trainer; empty when compiled in
  IdfTable idf;
  LinearModel headline;  // claim vs headline: for / against / observing
  LinearModel gate;      // claim vs body: unrelated / related
  LinearModel body;      // claim vs related body: for / against / observing
  BoostedTrees body_trees;  // the same task; the body answer is the mean of the two models
};

// The models compiled in from model_data.inc.
StanceModels LoadCompiledModels();

// The stance of `text` (already analysed, non-empty) towards `claim`: the gate first (a text
// whose related probability is below `related_threshold` is unrelated), then the headline
// model when `headline`, else the body model.
StanceResult Predict(const StanceModels& models, const AnalyzedText& claim,
                     const AnalyzedText& text, bool headline, float related_threshold);

// Combines the gate's related probability and the stance model's
// probabilities `p` (for, against, observing) into a result.
StanceResult Combine(float related, const float* p, bool headline, float related_threshold);

}  // namespace quotedb::stance

#endif  // QUOTEDB_ENGINE_STANCE_MODEL_DATA_H_

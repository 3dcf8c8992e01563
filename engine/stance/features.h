// Features of a (claim, text) pair for the stance models.
//
// Three feature sets, one per model:
//  - HeadlineFeatures: claim vs a short text (a headline); for / against / observing.
//  - GateFeatures: claim vs an article body; related or unrelated. Only similarity measures
//    (word, stem, bigram and number overlap, TF-IDF cosine, best sentence), so it carries over
//    to unseen topics.
//  - BodyStanceFeatures: claim vs a related body; for / against / observing. Cue words
//    (refuting, denying, hedging, reporting, confirming, negation) near the claim's words and
//    over the whole body, and the words of the claim and of the body's relevant sentences.
#ifndef QUOTEDB_ENGINE_STANCE_FEATURES_H_
#define QUOTEDB_ENGINE_STANCE_FEATURES_H_

#include <cstdint>
#include <vector>

#include "stance/model.h"
#include "stance/text_analysis.h"

namespace quotedb::stance {

// Inverse document frequencies of stems, hashed into 2^kIdfBits buckets and quantised to a
// byte (idf = byte / 16). Built by the trainer and compiled in.
class IdfTable {
 public:
  static constexpr int kIdfBits = 16;
  static constexpr uint32_t kBuckets = 1u << kIdfBits;

  // Every stem gets `default_idf`.
  IdfTable();
  // `quantised` must hold kBuckets bytes and outlive the table.
  explicit IdfTable(const uint8_t* quantised) : q_(quantised) {}

  float Idf(uint64_t stem_id) const;

  // The quantised table for `docs` (each document's stems counted once).
  static std::vector<uint8_t> Build(const std::vector<const AnalyzedText*>& docs);

 private:
  const uint8_t* q_ = nullptr;
};

void HeadlineFeatures(const AnalyzedText& claim, const AnalyzedText& text, const IdfTable& idf,
                      FeatureVector* out);
void GateFeatures(const AnalyzedText& claim, const AnalyzedText& body, const IdfTable& idf,
                  FeatureVector* out);
void BodyStanceFeatures(const AnalyzedText& claim, const AnalyzedText& body, const IdfTable& idf,
                        FeatureVector* out);

}  // namespace quotedb::stance

#endif  // QUOTEDB_ENGINE_STANCE_FEATURES_H_

#include "stance/features.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "stance/lexicon.h"

namespace quotedb::stance {
namespace {

constexpr float kDefaultIdf = 8.0f;
const std::vector<double> kRatioBins = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99};
const std::vector<double> kCountBins = {1, 2, 3, 5, 8};
const std::vector<double> kFewBins = {1, 2, 3};

// What a claim and a text share, computed once per pair and read by every feature set.
struct PairStats {
  // Claim: unique content stems (at most 64, the width of a sentence's match mask).
  std::vector<uint64_t> claim_stems;
  std::vector<float> claim_idf;
  double claim_idf_total = 0;
  std::vector<uint64_t> claim_bigrams;
  int claim_cues[kNumCues] = {};
  bool claim_negated = false;

  double overlap = 0;          // share of claim stems found in the text
  double weighted_overlap = 0; // the same, weighted by idf
  double reverse_overlap = 0;  // share of the text's distinct content stems found in the claim
  double cosine = 0;           // tf-idf cosine of content stems
  double bigram_ratio = 0;     // share of claim bigrams found in the text
  int numbers_claim = 0, numbers_matched = 0, numbers_text = 0;

  std::vector<double> sentence_overlap;  // weighted overlap per sentence
  double max_sentence = 0, first_sentence = 0, top3_sentences = 0;
  int relevant_sentences = 0;  // sentences with weighted overlap >= 0.3

  int text_cues[kNumCues] = {};
  int near_cues[kNumCues] = {};      // within 6 tokens of a claim stem, same sentence
  int relevant_cues[kNumCues] = {};  // in the best sentence(s)
  int lead_cues[kNumCues] = {};      // in the first two sentences
  int first_match_cues[kNumCues] = {};  // in the first sentence with weighted overlap >= 0.3
  int text_tokens = 0;
  int distinct_text_stems = 0;
};

int ClaimIndex(const PairStats& s, uint64_t id) {
  for (size_t i = 0; i < s.claim_stems.size(); ++i)
    if (s.claim_stems[i] == id) return static_cast<int>(i);
  return -1;
}

uint64_t BigramId(uint64_t a, uint64_t b) { return a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL); }

void CountCues(CueMask m, int* counts) {
  for (int b = 0; b < kNumCues; ++b)
    if (m & (1u << b)) ++counts[b];
}

PairStats ComputeStats(const AnalyzedText& claim, const AnalyzedText& text, const IdfTable& idf) {
  PairStats s;
  uint64_t prev = 0;
  bool have_prev = false;
  std::vector<std::string> claim_numbers;
  for (const Token& t : claim.tokens) {
    CountCues(t.cues, s.claim_cues);
    if (t.cues & kCueNegation) s.claim_negated = true;
    if (t.number) claim_numbers.push_back(t.word);
    if (t.stop) continue;
    if (have_prev) s.claim_bigrams.push_back(BigramId(prev, t.id));
    prev = t.id;
    have_prev = true;
    if (ClaimIndex(s, t.id) < 0 && s.claim_stems.size() < 64) {
      s.claim_stems.push_back(t.id);
      s.claim_idf.push_back(idf.Idf(t.id));
      s.claim_idf_total += s.claim_idf.back();
    }
  }
  std::sort(claim_numbers.begin(), claim_numbers.end());
  claim_numbers.erase(std::unique(claim_numbers.begin(), claim_numbers.end()), claim_numbers.end());
  s.numbers_claim = static_cast<int>(claim_numbers.size());

  const size_t n = text.tokens.size();
  s.text_tokens = static_cast<int>(n);
  std::vector<int> match(n, -1);
  std::vector<uint64_t> sentence_mask(std::max<uint32_t>(text.sentences, 1), 0);
  uint64_t whole_mask = 0;
  std::vector<uint64_t> content_ids;
  std::vector<uint64_t> text_bigrams;
  content_ids.reserve(n);
  std::vector<std::string> text_numbers;
  have_prev = false;
  for (size_t i = 0; i < n; ++i) {
    const Token& t = text.tokens[i];
    CountCues(t.cues, s.text_cues);
    if (t.sentence < 2) CountCues(t.cues, s.lead_cues);
    if (t.number) text_numbers.push_back(t.word);
    if (t.stop) continue;
    content_ids.push_back(t.id);
    if (have_prev) text_bigrams.push_back(BigramId(prev, t.id));
    prev = t.id;
    have_prev = true;
    int ci = ClaimIndex(s, t.id);
    if (ci >= 0) {
      match[i] = ci;
      whole_mask |= 1ULL << ci;
      if (t.sentence < sentence_mask.size()) sentence_mask[t.sentence] |= 1ULL << ci;
    }
  }
  auto mask_weight = [&](uint64_t mask) {
    if (s.claim_idf_total <= 0) return 0.0;
    double w = 0;
    for (size_t i = 0; i < s.claim_stems.size(); ++i)
      if (mask & (1ULL << i)) w += s.claim_idf[i];
    return w / s.claim_idf_total;
  };
  if (!s.claim_stems.empty()) {
    s.overlap = static_cast<double>(__builtin_popcountll(whole_mask)) / s.claim_stems.size();
    s.weighted_overlap = mask_weight(whole_mask);
  }

  // Numbers: the claim's numbers found again in the text.
  std::sort(text_numbers.begin(), text_numbers.end());
  text_numbers.erase(std::unique(text_numbers.begin(), text_numbers.end()), text_numbers.end());
  s.numbers_text = static_cast<int>(text_numbers.size());
  for (const std::string& num : claim_numbers)
    if (std::binary_search(text_numbers.begin(), text_numbers.end(), num)) ++s.numbers_matched;

  // Bigrams.
  if (!s.claim_bigrams.empty()) {
    std::sort(text_bigrams.begin(), text_bigrams.end());
    int hits = 0;
    for (uint64_t b : s.claim_bigrams)
      if (std::binary_search(text_bigrams.begin(), text_bigrams.end(), b)) ++hits;
    s.bigram_ratio = static_cast<double>(hits) / s.claim_bigrams.size();
  }

  // TF-IDF cosine over content stems; claim stems counted once (claims are short).
  std::sort(content_ids.begin(), content_ids.end());
  double text_norm = 0, dot = 0, claim_norm = 0;
  int distinct_in_claim = 0;
  for (size_t i = 0; i < content_ids.size();) {
    size_t j = i;
    while (j < content_ids.size() && content_ids[j] == content_ids[i]) ++j;
    double w = (1.0 + std::log(static_cast<double>(j - i))) * idf.Idf(content_ids[i]);
    text_norm += w * w;
    int ci = ClaimIndex(s, content_ids[i]);
    if (ci >= 0) {
      dot += w * s.claim_idf[ci];
      ++distinct_in_claim;
    }
    ++s.distinct_text_stems;
    i = j;
  }
  for (float w : s.claim_idf) claim_norm += static_cast<double>(w) * w;
  if (text_norm > 0 && claim_norm > 0) s.cosine = dot / std::sqrt(text_norm * claim_norm);
  if (s.distinct_text_stems > 0)
    s.reverse_overlap = static_cast<double>(distinct_in_claim) / s.distinct_text_stems;

  // Sentences.
  s.sentence_overlap.resize(sentence_mask.size());
  for (size_t k = 0; k < sentence_mask.size(); ++k) {
    s.sentence_overlap[k] = mask_weight(sentence_mask[k]);
    if (s.sentence_overlap[k] >= 0.3) ++s.relevant_sentences;
  }
  std::vector<double> sorted = s.sentence_overlap;
  std::sort(sorted.rbegin(), sorted.rend());
  if (!sorted.empty()) s.max_sentence = sorted[0];
  for (size_t k = 0; k < sorted.size() && k < 3; ++k) s.top3_sentences += sorted[k] / 3.0;
  if (!s.sentence_overlap.empty()) s.first_sentence = s.sentence_overlap[0];

  // Cues near the claim's words, and in the sentences most about the claim.
  const double relevant_cut = std::max(0.3, s.max_sentence * 0.8);
  std::vector<char> near(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (match[i] < 0) continue;
    size_t lo = i >= 6 ? i - 6 : 0, hi = std::min(n, i + 7);
    for (size_t k = lo; k < hi; ++k)
      if (text.tokens[k].sentence == text.tokens[i].sentence) near[k] = 1;
  }
  uint32_t first_match = UINT32_MAX;
  for (size_t k = 0; k < s.sentence_overlap.size(); ++k) {
    if (s.sentence_overlap[k] >= 0.3) {
      first_match = static_cast<uint32_t>(k);
      break;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const Token& t = text.tokens[i];
    if (t.cues == 0) continue;
    if (t.sentence == first_match) CountCues(t.cues, s.first_match_cues);
    if (near[i] && match[i] < 0) CountCues(t.cues, s.near_cues);
    if (t.sentence < s.sentence_overlap.size() && s.max_sentence > 0 &&
        s.sentence_overlap[t.sentence] >= relevant_cut)
      CountCues(t.cues, s.relevant_cues);
  }
  return s;
}

void AddSimilarity(const PairStats& s, FeatureVector* out) {
  out->AddBins("ov", s.overlap, kRatioBins);
  out->AddBins("wov", s.weighted_overlap, kRatioBins);
  out->AddBins("rov", s.reverse_overlap, kRatioBins);
  out->AddBins("cos", s.cosine, kRatioBins);
  out->AddBins("bg", s.bigram_ratio, kRatioBins);
  out->Add("cos_raw", static_cast<float>(s.cosine));
  out->Add("wov_raw", static_cast<float>(s.weighted_overlap));
  if (s.numbers_claim > 0) {
    if (s.numbers_matched == s.numbers_claim) {
      out->Add("num_all");
    } else if (s.numbers_matched > 0) {
      out->Add("num_some");
    } else if (s.numbers_text > 0) {
      out->Add("num_other");
    } else {
      out->Add("num_absent");
    }
  }
  out->AddBins("clen", static_cast<double>(s.claim_stems.size()), {2, 4, 6, 8, 12});
}

void AddCueCounts(std::string_view prefix, const int* counts, const std::vector<double>& bins,
                  FeatureVector* out) {
  for (int b = 0; b < kNumCues; ++b) {
    std::string name(prefix);
    name += CueName(b);
    out->AddBins(name, counts[b], bins);
  }
}

}  // namespace

IdfTable::IdfTable() = default;

float IdfTable::Idf(uint64_t stem_id) const {
  if (q_ == nullptr) return kDefaultIdf;
  uint8_t q = q_[stem_id & (kBuckets - 1)];
  return q == 0 ? kDefaultIdf : q / 16.0f;
}

std::vector<uint8_t> IdfTable::Build(const std::vector<const AnalyzedText*>& docs) {
  std::vector<uint32_t> df(kBuckets, 0);
  std::vector<uint32_t> seen;
  for (const AnalyzedText* d : docs) {
    seen.clear();
    for (const Token& t : d->tokens) seen.push_back(static_cast<uint32_t>(t.id & (kBuckets - 1)));
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (uint32_t b : seen) ++df[b];
  }
  std::vector<uint8_t> q(kBuckets, 0);
  const double n = static_cast<double>(docs.size());
  for (uint32_t b = 0; b < kBuckets; ++b) {
    if (df[b] == 0) continue;  // unseen: the default
    double v = std::log((n + 1) / (df[b] + 1)) + 1.0;
    q[b] = static_cast<uint8_t>(std::clamp(std::lround(v * 16), 1L, 255L));
  }
  return q;
}

void HeadlineFeatures(const AnalyzedText& claim, const AnalyzedText& text, const IdfTable& idf,
                      FeatureVector* out) {
  PairStats s = ComputeStats(claim, text, idf);
  out->Add("bias_h");
  AddSimilarity(s, out);
  AddCueCounts("t:", s.text_cues, {1, 2}, out);
  for (int b = 0; b < kNumCues; ++b) {
    std::string name = "tc:";
    name += CueName(b);
    name += s.text_cues[b] > 0 ? "1" : "0";
    name += s.claim_cues[b] > 0 ? "1" : "0";
    out->Add(name);
  }
  bool text_negated = s.text_cues[1] > 0;
  out->Add(s.claim_negated == text_negated ? "neg_same" : "neg_diff");
  if (text.question_marks > 0) out->Add("qmark");
  if (text.quote_marks > 0) out->Add("quotes");
  if (text.all_caps) out->Add("caps");
  // The words of the headline, those new to the claim, and word pairs.
  const Token* prev = nullptr;
  for (const Token& t : text.tokens) {
    out->Add("w:", t.stem, 0.5f);
    if (!t.stop && ClaimIndex(s, t.id) < 0) out->Add("nv:", t.stem, 0.5f);
    if (prev != nullptr) out->AddHashed(BigramId(prev->id, t.id) ^ 0x5bd1e995ULL, 0.5f);
    prev = &t;
  }
  if (!text.tokens.empty()) out->Add("first:", text.tokens[0].stem);
}

void GateFeatures(const AnalyzedText& claim, const AnalyzedText& body, const IdfTable& idf,
                  FeatureVector* out) {
  PairStats s = ComputeStats(claim, body, idf);
  out->Add("bias_g");
  AddSimilarity(s, out);
  out->AddBins("maxs", s.max_sentence, kRatioBins);
  out->AddBins("firsts", s.first_sentence, kRatioBins);
  out->AddBins("top3", s.top3_sentences, kRatioBins);
  out->AddBins("nrel", s.relevant_sentences, kCountBins);
  out->AddBins("blen", std::log2(1.0 + s.text_tokens), {4, 5, 6, 7, 8, 9, 10});
}

void BodyStanceFeatures(const AnalyzedText& claim, const AnalyzedText& body, const IdfTable& idf,
                        FeatureVector* out) {
  PairStats s = ComputeStats(claim, body, idf);
  out->Add("bias_s");
  AddSimilarity(s, out);
  out->AddBins("maxs", s.max_sentence, kRatioBins);
  out->AddBins("firsts", s.first_sentence, kRatioBins);
  out->AddBins("nrel", s.relevant_sentences, kCountBins);
  out->AddBins("blen", std::log2(1.0 + s.text_tokens), {4, 5, 6, 7, 8, 9, 10});
  AddCueCounts("b:", s.text_cues, kCountBins, out);
  AddCueCounts("n:", s.near_cues, kFewBins, out);
  AddCueCounts("r:", s.relevant_cues, kFewBins, out);
  AddCueCounts("l:", s.lead_cues, kFewBins, out);
  const double per_k = s.text_tokens > 0 ? 1000.0 / s.text_tokens : 0;
  for (int b = 0; b < kNumCues; ++b) {
    std::string name = "rate:";
    name += CueName(b);
    out->AddBins(name, s.text_cues[b] * per_k, {2, 5, 10, 20, 40});
    // Cues of the claim against cues of the body: a body calling the story a hoax refutes a
    // claim but supports a headline that itself says "hoax".
    const char* claim_has = s.claim_cues[b] > 0 ? "1" : "0";
    std::string cross = "cx:";
    cross += CueName(b);
    cross += claim_has;
    out->AddBins(cross, s.near_cues[b], kFewBins);
    cross[1] = 'l';
    out->AddBins(cross, s.lead_cues[b], kFewBins);
    cross[1] = 'r';
    out->AddBins(cross, s.relevant_cues[b], kFewBins);
    cross[1] = 'f';
    out->AddBins(cross, s.first_match_cues[b], {1, 2});
  }
  if (claim.question_marks > 0) out->Add("cq");
  // The words of the sentences most about the claim. (The claim's own words are left out:
  // they let the model learn which claims tend to be true, which does not carry over to new
  // claims; a split by story showed it.)
  const double relevant_cut = std::max(0.3, s.max_sentence * 0.8);
  std::vector<uint64_t> rel;
  for (const Token& t : body.tokens) {
    if (t.sentence < s.sentence_overlap.size() && s.max_sentence > 0 &&
        s.sentence_overlap[t.sentence] >= relevant_cut)
      rel.push_back(t.id);
  }
  std::sort(rel.begin(), rel.end());
  rel.erase(std::unique(rel.begin(), rel.end()), rel.end());
  const float rel_value = rel.empty() ? 0.0f : 1.0f / std::sqrt(static_cast<float>(rel.size()));
  for (uint64_t id : rel) out->AddHashed(id ^ 0x7265ULL, rel_value);
}

}  // namespace quotedb::stance
